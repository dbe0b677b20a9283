import { axeViolations, expect, test } from './fixtures.ts';
import { clientAs, signedInMember, type Member } from './member-helpers.ts';
import { adminClient, emailLink, openEmailLink } from './auth-helpers.ts';
import { grantStaff, islandReady } from './organisations-helpers.ts';
import { LOCALES, localePath } from '../../src/i18n/locales.ts';
import { createTranslator } from '../../src/i18n/translate.ts';

const en = createTranslator('en');

/** A signed-in member who is a returnee unless `profile` says otherwise. */
const member = (
	...[browser, baseURL, label, profile, options]: Parameters<typeof signedInMember>
) => signedInMember(browser, baseURL, label, { kinds: ['returnee'], ...profile }, options);

/** Makes a member a mentor directly (the mentor profile form is tested on its own). */
async function makeMentor(who: Member, values: Record<string, unknown> = {}): Promise<void> {
	const { error } = await (await clientAs(who.email)).from('mentor_profiles').insert({
		user_id: who.id,
		topics: ['financing', 'food'],
		languages: ['vi', 'en'],
		formats: ['chat'],
		capacity: 3,
		...values,
	});
	if (error) throw error;
}

/** Asks a mentor directly; returns the mentorship id. */
async function requestDirectly(mentee: Member, mentor: Member, topic = 'food'): Promise<string> {
	const { data, error } = await (
		await clientAs(mentee.email)
	).rpc('request_mentorship', {
		p_mentor_id: mentor.id,
		p_topic: topic,
		p_goal: 'Open a bakery',
		p_message: 'Hello, I would like your advice.',
	});
	if (error) throw error;
	return data as string;
}

/** The mentorship as the database holds it (service role), to prove what changed and what did not. */
async function stored(id: string) {
	const { data, error } = await adminClient()
		.from('mentorships')
		.select('status, mentee_completed_at, mentor_completed_at')
		.eq('id', id)
		.single();
	if (error) throw error;
	return data as { status: string };
}

async function messageCount(id: string): Promise<number> {
	const { count, error } = await adminClient()
		.from('mentorship_messages')
		.select('id', { count: 'exact', head: true })
		.eq('mentorship_id', id);
	if (error) throw error;
	return count ?? 0;
}

const vietnameseReturnee = {
	languages: ['vi', 'ja'],
	home_country: 'VN',
	japan_field: 'nursing_care',
	jlpt_level: 'n2',
};

test('a mentee finds a mentor with reasons, asks, is accepted; they talk, complete and give private feedback', async ({
	browser,
	baseURL,
}) => {
	test.slow();
	const hoa = await member(browser, baseURL, 'hoa', {
		...vietnameseReturnee,
		business_stage: 'started',
		business_sector: 'nursing_care',
	});
	const minh = await member(browser, baseURL, 'minh', {
		...vietnameseReturnee,
		jlpt_level: 'n3',
		kinds: ['in_japan'],
	});

	// Hoa offers mentoring; her languages come from her profile.
	await hoa.page.goto('/mentoring');
	await hoa.page.getByRole('link', { name: en('mentoring.home.becomeMentor') }).click();
	await islandReady(hoa.page);
	await hoa.page.getByLabel(en('mentoring.field.about')).fill('I run a care business in Hue.');
	await hoa.page.getByRole('checkbox', { name: 'Care', exact: true }).check();
	await hoa.page.getByRole('checkbox', { name: 'Financing', exact: true }).check();
	await expect(hoa.page.getByRole('checkbox', { name: 'Vietnamese' })).toBeChecked();
	await hoa.page.getByLabel(en('mentoring.field.capacity')).selectOption('3');
	await hoa.page.getByRole('button', { name: en('mentoring.form.createProfile') }).click();
	await expect(hoa.page.getByRole('status')).toHaveText(en('mentoring.notice.profileCreated'));
	const { data: kinds } = await adminClient()
		.from('profiles')
		.select('kinds')
		.eq('id', hoa.id)
		.single();
	expect((kinds as { kinds: string[] }).kinds).toContain('mentor');

	// Minh, working in Japan, finds her among the senpai, with the reasons in words.
	await minh.page.goto('/mentoring');
	await minh.page.getByRole('link', { name: en('mentoring.home.find') }).click();
	await minh.page.getByLabel(en('mentoring.find.topic')).selectOption({ label: 'Care' });
	await minh.page.getByRole('button', { name: en('mentoring.find.apply') }).click();
	await expect(minh.page).toHaveURL(/\/mentoring\/find\?topic=care$/);
	const senpai = minh.page.getByRole('region', { name: en('mentoring.find.senpaiTitle') });
	const card = senpai.locator('.mentor-card', { hasText: hoa.name });
	await expect(card).toBeVisible();
	for (const reason of [
		'Helps with Care, the topic you chose',
		'A senpai: went home to Vietnam after working in Nursing care in Japan',
		'You both speak Japanese and Vietnamese, with Japanese at N3 or above',
		'Founded a business in Nursing care',
		'You both worked in Nursing care in Japan',
		'You are both from Vietnam',
	]) {
		await expect(card.getByText(reason)).toBeVisible();
	}
	await expect(card.getByText(en('mentoring.card.noReplyYet'))).toBeVisible();
	await expect(card.locator('.facts').getByText('3 of 3 places free')).toBeVisible();

	// The request shows what Hoa will see, then goes.
	await card.getByRole('link', { name: `Ask ${hoa.name} for mentoring` }).click();
	await islandReady(minh.page);
	await expect(minh.page.getByLabel(en('mentoring.field.topic'))).toHaveValue('care');
	const preview = minh.page.getByRole('region', { name: `What ${hoa.name} will see` });
	await expect(preview.getByText('You help with Care, the topic they chose')).toBeVisible();
	await minh.page
		.getByLabel(en('mentoring.field.goal'))
		.fill('Start a home-care service in Da Nang');
	await minh.page
		.getByLabel(`Your message to ${hoa.name}`)
		.fill('Chào chị! I work in a care home in Osaka.\n<b>Not bold</b> <script>alert(1)</script>');
	await minh.page.getByRole('button', { name: en('mentoring.form.sendRequest') }).click();
	await expect(minh.page).toHaveURL(/\/mentoring\/[0-9a-f-]{36}\?notice=requested$/);
	const mentorshipUrl = new URL(minh.page.url()).pathname;
	const mentorshipId = mentorshipUrl.split('/').pop() ?? '';
	await expect(minh.page.getByRole('status')).toHaveText(en('mentoring.notice.requested'));
	await expect(minh.page.locator('.badge')).toHaveText(en('mentoring.state.requested'));

	// Hoa gets an email with the link, and sees the reasons from her side and the message as text.
	await openEmailLink(hoa.page, await emailLink(hoa.email, 'mentoring_request'));
	await expect(hoa.page).toHaveURL(new RegExp(`${mentorshipUrl}$`));
	await expect(hoa.page.getByText('You help with Care, the topic they chose')).toBeVisible();
	await expect(hoa.page.getByText('Start a home-care service in Da Nang')).toBeVisible();
	await expect(hoa.page.getByText('<b>Not bold</b> <script>alert(1)</script>')).toBeVisible();
	await expect(hoa.page.locator('.thread b, .thread script')).toHaveCount(0);
	await hoa.page.getByRole('button', { name: en('mentoring.form.accept') }).click();
	await expect(hoa.page.getByRole('status')).toHaveText(en('mentoring.notice.accepted'));
	await expect(hoa.page.locator('.badge')).toHaveText(en('mentoring.state.active'));
	expect(await emailLink(minh.email, 'mentoring_answer')).toContain(mentorshipUrl);

	// They write to each other; the unread count shows until Minh opens the thread.
	await hoa.page.getByLabel(en('mentoring.field.body')).fill('Welcome! When can we talk?');
	await hoa.page.getByRole('button', { name: en('mentoring.form.send') }).click();
	await expect(hoa.page.getByRole('status')).toHaveText(en('mentoring.notice.sent'));
	await minh.page.goto('/mentoring');
	const row = minh.page.locator('.mentorships li', { hasText: hoa.name });
	await expect(row.getByText('1 unread')).toBeVisible();
	await row.getByRole('link', { name: hoa.name }).click();
	await expect(minh.page.getByText('Welcome! When can we talk?')).toBeVisible();
	await minh.page.getByLabel(en('mentoring.field.body')).fill('Saturday evening, by video?');
	await minh.page.getByRole('button', { name: en('mentoring.form.send') }).click();
	await expect(minh.page.locator('.thread .message')).toHaveCount(3);
	await minh.page.goto('/mentoring');
	await expect(
		minh.page.locator('.mentorships li', { hasText: hoa.name }).getByText(/unread/)
	).toHaveCount(0);

	// Both confirm completion.
	await minh.page.goto(mentorshipUrl);
	await minh.page.getByRole('button', { name: en('mentoring.form.complete') }).click();
	await expect(
		minh.page.getByText(`You confirmed it is complete. Waiting for ${hoa.name} to confirm too.`)
	).toBeVisible();
	await hoa.page.goto(mentorshipUrl);
	await expect(
		hoa.page.getByText(`${minh.name} has confirmed it is complete.`, { exact: false })
	).toBeVisible();
	await hoa.page.getByRole('button', { name: en('mentoring.form.complete') }).click();
	await expect(hoa.page.locator('.badge')).toHaveText(en('mentoring.state.completed'));
	expect((await stored(mentorshipId)).status).toBe('completed');

	// Both give private feedback; the form says who sees it.
	for (const [who, other] of [
		[minh, hoa],
		[hoa, minh],
	] as const) {
		await who.page.goto(mentorshipUrl);
		// The feedback form's island starts when it comes into view.
		await who.page
			.getByRole('heading', { name: en('mentoring.feedback.title') })
			.scrollIntoViewIfNeeded();
		await expect(who.page.locator('#feedback astro-island:not([ssr])')).toBeAttached();
		await expect(
			who.page.getByText(en('mentoring.feedback.privacy', { name: other.name }))
		).toBeVisible();
		await who.page.getByRole('radio', { name: '5 – very useful' }).check();
		await who.page.getByRole('radio', { name: 'Yes', exact: true }).check();
		await who.page
			.getByLabel(en('mentoring.field.outcome'))
			.selectOption({ label: 'I started a business' });
		await who.page.getByLabel(en('mentoring.field.comment')).fill('Very kind and practical.');
		await who.page.getByRole('button', { name: en('mentoring.form.sendFeedback') }).click();
		await expect(who.page.getByRole('status')).toHaveText(en('mentoring.notice.feedback'));
		await expect(who.page.getByText(en('mentoring.feedback.thanks'))).toBeVisible();
	}
	// Hoa sees no single answer: totals only from three mentees on.
	await hoa.page.goto('/mentoring');
	await expect(
		hoa.page.getByText(en('mentoring.home.feedbackNotYet', { min: 3, count: 1 }))
	).toBeVisible();
	await expect(hoa.page.getByText('Very kind and practical.')).toHaveCount(0);
	await hoa.context.close();
	await minh.context.close();
});

test('bad input is refused with a translated message and changes nothing', async ({
	browser,
	baseURL,
}) => {
	test.slow();
	const lan = await member(browser, baseURL, 'lan', { languages: ['vi', 'en'] });
	const tuan = await member(browser, baseURL, 'tuan', { languages: ['vi'] });
	const stranger = await member(browser, baseURL, 'stranger', { languages: ['vi'] });
	await makeMentor(lan);

	// The browser checks first, with the server's messages.
	await tuan.page.goto(`/mentoring/request/${lan.id}`);
	await islandReady(tuan.page);
	await tuan.page.getByLabel(en('mentoring.field.goal')).fill('Export dried fruit');
	await tuan.page.getByLabel(`Your message to ${lan.name}`).fill('x'.repeat(4001));
	await tuan.page.getByRole('button', { name: en('mentoring.form.sendRequest') }).click();
	await expect(tuan.page.getByRole('alert')).toContainText(
		'The message must be 4000 characters or fewer'
	);
	await expect(tuan.page.getByRole('alert')).toContainText(en('mentoring.error.topicRequired'));

	const id = await requestDirectly(tuan, lan);

	// A second request to the same mentor, posted as a browser would: refused, nothing stored.
	const body = new URLSearchParams({
		mentor_id: lan.id,
		topic: 'financing',
		goal: 'Again',
		message: 'Second try',
	});
	const second = await tuan.page.request.post(
		`/mentoring/request/${lan.id}?_action=mentoring.request`,
		{
			headers: { origin: baseURL ?? '', 'content-type': 'application/x-www-form-urlencoded' },
			data: body.toString(),
		}
	);
	expect(second.status()).toBe(409);
	expect(await second.text()).toContain(en('mentoring.error.duplicate_request'));
	const { count } = await adminClient()
		.from('mentorships')
		.select('id', { count: 'exact', head: true })
		.eq('mentee_id', tuan.id);
	expect(count).toBe(1);
	// The request page says so too.
	await tuan.page.goto(`/mentoring/request/${lan.id}`);
	await expect(
		tuan.page.getByText(`You already have an open request or mentorship with ${lan.name}.`)
	).toBeVisible();

	// Someone else's mentorship: not found to look at, refused to act on.
	const other = await stranger.page.goto(`/mentoring/${id}`);
	expect(other?.status()).toBe(404);
	const accept = await stranger.page.request.post(`/mentoring/${id}?_action=mentoring.respond`, {
		headers: { origin: baseURL ?? '', 'content-type': 'application/x-www-form-urlencoded' },
		data: new URLSearchParams({ mentorship_id: id, response: 'accept' }).toString(),
	});
	expect(accept.status()).toBe(403);
	expect(await accept.text()).toContain(en('mentoring.error.not_allowed'));
	const write = await stranger.page.request.post(`/mentoring/${id}?_action=mentoring.sendMessage`, {
		headers: { origin: baseURL ?? '', 'content-type': 'application/x-www-form-urlencoded' },
		data: new URLSearchParams({ mentorship_id: id, body: 'Hi from a stranger' }).toString(),
	});
	expect(write.status()).toBe(403);
	// The mentee cannot accept their own request either.
	const own = await tuan.page.request.post(`/mentoring/${id}?_action=mentoring.respond`, {
		headers: { origin: baseURL ?? '', 'content-type': 'application/x-www-form-urlencoded' },
		data: new URLSearchParams({ mentorship_id: id, response: 'accept' }).toString(),
	});
	expect(own.status()).toBe(403);
	expect(await own.text()).toContain(en('mentoring.error.not_allowed'));
	expect(await stored(id)).toMatchObject({ status: 'requested' });
	expect(await messageCount(id)).toBe(1);

	// Asking oneself.
	await lan.page.goto(`/mentoring/request/${lan.id}`);
	await expect(lan.page.getByText(en('mentoring.error.self_request'))).toBeVisible();
	await Promise.all([lan.context.close(), tuan.context.close(), stranger.context.close()]);
});

test.describe('without JavaScript', () => {
	test('the request and message forms work and show the server’s errors', async ({
		browser,
		baseURL,
	}) => {
		test.slow();
		const mentor = await member(
			browser,
			baseURL,
			'kenji',
			{ languages: ['en', 'ja'] },
			{ javaScriptEnabled: false }
		);
		const mentee = await member(
			browser,
			baseURL,
			'amani',
			{ languages: ['en', 'sw'] },
			{ javaScriptEnabled: false }
		);
		await makeMentor(mentor, { languages: ['en', 'ja'] });
		const page = mentee.page;

		await page.goto(`/mentoring/request/${mentor.id}?topic=financing`);
		await expect(page.locator('astro-island:not([ssr])')).toHaveCount(0);
		await page.getByLabel(`Your message to ${mentor.name}`).fill('Habari! I import tea.');
		await page.getByRole('button', { name: en('mentoring.form.sendRequest') }).click();
		await expect(page).toHaveTitle(/^Error:/);
		await expect(page.getByRole('alert')).toContainText(en('mentoring.error.goalRequired'));
		// What was typed is kept.
		await expect(page.getByLabel(`Your message to ${mentor.name}`)).toHaveValue(
			'Habari! I import tea.'
		);
		await expect(page.getByLabel(en('mentoring.field.topic'))).toHaveValue('financing');
		await page.getByLabel(en('mentoring.field.goal')).fill('Finance a tea shop in Mombasa');
		await page.getByRole('button', { name: en('mentoring.form.sendRequest') }).click();
		await expect(page).toHaveURL(/\/mentoring\/[0-9a-f-]{36}\?notice=requested$/);
		const url = new URL(page.url()).pathname;
		const id = url.split('/').pop() ?? '';

		// The mentor answers and writes without JavaScript too.
		await mentor.page.goto(url);
		await mentor.page.getByRole('button', { name: en('mentoring.form.accept') }).click();
		await expect(mentor.page.getByRole('status')).toHaveText(en('mentoring.notice.accepted'));

		await page.goto(url);
		await page.getByLabel(en('mentoring.field.body')).fill('y'.repeat(4001));
		await page.getByRole('button', { name: en('mentoring.form.send') }).click();
		await expect(page.getByRole('alert')).toContainText(
			'The message must be 4000 characters or fewer'
		);
		expect(await messageCount(id)).toBe(1);
		await page.getByLabel(en('mentoring.field.body')).fill('Asante! <i>Talk soon</i>');
		await page.getByRole('button', { name: en('mentoring.form.send') }).click();
		await expect(page.getByRole('status')).toHaveText(en('mentoring.notice.sent'));
		await expect(page.locator('.thread').getByText('Asante! <i>Talk soon</i>')).toBeVisible();
		expect(await messageCount(id)).toBe(2);
		await Promise.all([mentor.context.close(), mentee.context.close()]);
	});
});

test('a reported message reaches the moderation queue; the reporter blocks; staff decide', async ({
	browser,
	baseURL,
}) => {
	test.slow();
	const mentor = await member(browser, baseURL, 'broker', { languages: ['id', 'en'] });
	const mentee = await member(browser, baseURL, 'sari', { languages: ['id'] });
	await makeMentor(mentor, { languages: ['id'] });
	const id = await requestDirectly(mentee, mentor);
	const mentorClient = await clientAs(mentor.email);
	expect(
		(await mentorClient.rpc('respond_mentorship', { p_id: id, p_action: 'accept' })).error
	).toBeNull();
	const scam = 'Pay me 300,000 yen and I will find you a visa.';
	expect(
		(await mentorClient.rpc('send_mentorship_message', { p_id: id, p_body: scam })).error
	).toBeNull();

	await mentee.page.goto(`/mentoring/${id}`);
	await mentee.page
		.locator('.message', { hasText: scam })
		.getByRole('link', { name: en('mentoring.thread.report') })
		.click();
	await islandReady(mentee.page);
	await expect(mentee.page.getByRole('heading', { level: 1 })).toHaveText(
		en('moderation.report.titleMessage')
	);
	await expect(mentee.page.locator('blockquote')).toHaveText(scam);
	await mentee.page.getByRole('button', { name: en('moderation.form.send') }).click();
	await expect(mentee.page.getByRole('alert')).toContainText(en('moderation.error.reasonRequired'));
	await mentee.page.getByRole('radio', { name: en('moderation.reason.scam_or_fees') }).check();
	await mentee.page
		.getByLabel(en('moderation.field.details'))
		.fill('He asked for money for a visa.');
	await mentee.page.getByLabel(`Also block ${mentor.name}`).check();
	await mentee.page.getByRole('button', { name: en('moderation.form.send') }).click();
	await expect(mentee.page).toHaveURL(new RegExp(`/mentoring/${id}\\?notice=reported-blocked$`));
	await expect(mentee.page.getByRole('status')).toHaveText(en('moderation.notice.reportedBlocked'));
	await expect(mentee.page.locator('.badge')).toHaveText(en('mentoring.state.cancelled'));

	// Staff find it in the queue with the message in context, from the verification queue.
	const staff = await member(browser, baseURL, 'staff', {});
	await grantStaff(staff.id);
	await staff.page.goto('/staff/verification');
	await staff.page.getByRole('link', { name: en('moderation.queue.title') }).click();
	const report = staff.page.locator('.report', { hasText: 'He asked for money for a visa.' });
	await expect(
		report.getByRole('heading', { name: en('moderation.reason.scam_or_fees') })
	).toBeVisible();
	await expect(report.getByText(scam)).toBeVisible();
	await expect(report.getByRole('link', { name: mentee.name })).toBeVisible();
	await expect(report.getByRole('link', { name: mentor.name })).toBeVisible();
	await report.getByRole('radio', { name: en('moderation.decision.actioned') }).check();
	await report.getByRole('button', { name: en('moderation.form.decide') }).click();
	await expect(staff.page.getByRole('alert').first()).toContainText(
		en('moderation.error.noteRequired')
	);
	const again = staff.page.locator('.report', { hasText: 'He asked for money for a visa.' });
	await again.getByRole('radio', { name: en('moderation.decision.actioned') }).check();
	await again.getByLabel(en('moderation.field.note')).fill('Warned the member; account suspended.');
	await again.getByRole('button', { name: en('moderation.form.decide') }).click();
	await expect(staff.page.getByRole('status')).toHaveText(en('moderation.notice.actioned'));
	await expect(
		staff.page.locator('.report', { hasText: 'He asked for money for a visa.' })
	).toHaveCount(0);

	// Members who are not staff get a page that says so.
	await mentee.page.goto('/staff/moderation');
	await expect(mentee.page.getByText(en('moderation.staffOnly'))).toBeVisible();
	// The blocked member is listed and can be unblocked.
	await mentee.page.goto('/mentoring');
	await mentee.page.getByRole('button', { name: `Unblock (${mentor.name})` }).click();
	await expect(mentee.page.getByRole('status')).toHaveText(en('moderation.notice.unblocked'));
	await Promise.all([mentor.context.close(), mentee.context.close(), staff.context.close()]);
});

test('an expired request: the mentee sees it and the next matches; the mentor is paused and resumes', async ({
	browser,
	baseURL,
}) => {
	const mentor = await member(browser, baseURL, 'silent', { languages: ['vi'] });
	const backup = await member(browser, baseURL, 'backup', { languages: ['vi'] });
	const mentee = await member(browser, baseURL, 'waiting', { languages: ['vi'] });
	// Tourism: a topic no other test's mentor offers, so the backup ranks near the top.
	await makeMentor(mentor, { languages: ['vi'], topics: ['tourism'] });
	await makeMentor(backup, { languages: ['vi'], topics: ['tourism'] });
	const id = await requestDirectly(mentee, mentor, 'tourism');
	// Time passes: the request falls due, and the expiry job runs (as the site's scheduler does).
	const past = new Date(Date.now() - 60_000).toISOString();
	expect(
		(await adminClient().from('mentorships').update({ expires_at: past }).eq('id', id)).error
	).toBeNull();
	const { error } = await adminClient().rpc('expire_mentorship_requests', {
		p_now: new Date().toISOString(),
	});
	expect(error).toBeNull();

	await mentee.page.goto('/mentoring');
	const row = mentee.page.locator('.mentorships li', { hasText: mentor.name });
	await expect(row.locator('.badge')).toHaveText(en('mentoring.state.expired'));
	await row.getByRole('link', { name: en('mentoring.home.nextMatches') }).click();
	await expect(mentee.page).toHaveURL(new RegExp(`/mentoring/find\\?topic=tourism&expired=${id}$`));
	await expect(mentee.page.getByRole('status').first()).toContainText(
		`Your request to ${mentor.name} expired on`
	);
	await expect(mentee.page.locator('.mentor-card', { hasText: backup.name })).toBeVisible();
	// The silent mentor is paused, so not offered.
	await expect(mentee.page.locator('.mentor-card', { hasText: mentor.name })).toHaveCount(0);

	await mentor.page.goto('/mentoring');
	await expect(mentor.page.getByText(en('mentoring.home.pausedUnanswered'))).toBeVisible();
	await mentor.page.getByRole('button', { name: en('mentoring.home.resume') }).click();
	await expect(mentor.page.getByRole('status')).toHaveText(en('mentoring.notice.resumed'));
	await expect(mentor.page.getByText(en('mentoring.home.pausedTitle'))).toHaveCount(0);
	await Promise.all([mentor.context.close(), backup.context.close(), mentee.context.close()]);
});

test('email settings, and one-click unsubscribe from an email link', async ({
	browser,
	baseURL,
}) => {
	const who = await member(browser, baseURL, 'settings', { languages: ['en'] });
	await who.page.goto('/account/notifications');
	await who.page.getByLabel(en('mentoring.preferences.email_requests')).uncheck();
	await who.page.getByRole('button', { name: en('mentoring.preferences.save') }).click();
	await expect(who.page.getByRole('status')).toHaveText(en('mentoring.notice.preferencesSaved'));
	await expect(who.page.getByLabel(en('mentoring.preferences.email_requests'))).not.toBeChecked();

	const { data } = await adminClient()
		.from('notification_preferences')
		.select('unsubscribe_token')
		.eq('user_id', who.id)
		.single();
	const token = (data as { unsubscribe_token: string }).unsubscribe_token;
	// The link works signed out: a GET only asks, the POST unsubscribes.
	const visitor = await browser.newPage();
	await visitor.goto(`/vi/unsubscribe/${token}?kind=messages`);
	await expect(
		visitor.getByText(createTranslator('vi')('mentoring.unsubscribe.ask.messages'))
	).toBeVisible();
	const before = await adminClient()
		.from('notification_preferences')
		.select('email_messages')
		.eq('user_id', who.id)
		.single();
	expect(before.data).toEqual({ email_messages: 'daily' });
	await visitor
		.getByRole('button', { name: createTranslator('vi')('mentoring.unsubscribe.confirm') })
		.click();
	await expect(visitor.getByRole('status')).toHaveText(
		createTranslator('vi')('mentoring.unsubscribe.done.messages')
	);
	const after = await adminClient()
		.from('notification_preferences')
		.select('email_messages')
		.eq('user_id', who.id)
		.single();
	expect(after.data).toEqual({ email_messages: 'off' });
	// A link that is not one of ours changes nothing and says so.
	const bad = await visitor.goto('/unsubscribe/not-a-token?kind=all');
	expect(bad?.status()).toBe(404);
	await expect(visitor.getByText(en('mentoring.error.unsubscribeInvalid'))).toBeVisible();
	await visitor.close();
	await who.context.close();
});

test('how matching works is public, static and linked from the find page and the footer @phone', async ({
	page,
	browser,
	baseURL,
}) => {
	await page.goto('/');
	await page
		.getByRole('contentinfo')
		.getByRole('link', { name: en('mentoring.how.title') })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('mentoring.how.title'));
	await expect(
		page.getByRole('cell', { name: 'They help with the topic you chose' })
	).toBeVisible();
	await expect(page.getByRole('cell', { name: '+25' })).toBeVisible();
	expect(await page.locator('script').count()).toBe(0);
	// Nothing wider than the phone.
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
		true
	);

	const who = await member(browser, baseURL, 'phone', { languages: ['vi'] });
	await who.page.setViewportSize(page.viewportSize() ?? { width: 412, height: 915 });
	for (const locale of LOCALES) {
		await who.page.goto(localePath(locale, '/mentoring/find'));
		const fits = await who.page.evaluate(
			() => document.documentElement.scrollWidth <= window.innerWidth
		);
		expect(fits, locale).toBe(true);
	}
	await who.page.goto('/mentoring/find');
	await who.page.getByRole('link', { name: en('mentoring.find.how'), exact: true }).click();
	await expect(who.page).toHaveURL(/\/mentoring\/how-matching-works$/);
	await who.context.close();
});

test.describe('accessibility', () => {
	test.slow();
	for (const locale of LOCALES) {
		test(`every mentoring and moderation page has no axe violations in ${locale}`, async ({
			browser,
			baseURL,
		}) => {
			const mentor = await member(browser, baseURL, `axe-mentor-${locale}`, { languages: ['vi'] });
			const mentee = await member(browser, baseURL, `axe-mentee-${locale}`, { languages: ['vi'] });
			await makeMentor(mentor, { languages: ['vi'] });
			await grantStaff(mentee.id);
			const id = await requestDirectly(mentee, mentor);
			const mentorClient = await clientAs(mentor.email);
			await mentorClient.rpc('respond_mentorship', { p_id: id, p_action: 'accept' });
			const { data: messageId } = await mentorClient.rpc('send_mentorship_message', {
				p_id: id,
				p_body: 'A message to report.',
			});
			await (
				await clientAs(mentee.email)
			).rpc('report', {
				p_reason: 'spam',
				p_details: 'For the accessibility check.',
				p_mentorship_id: id,
				p_message_id: messageId,
			});
			const { data } = await adminClient()
				.from('notification_preferences')
				.select('unsubscribe_token')
				.eq('user_id', mentee.id)
				.single();
			const token = (data as { unsubscribe_token: string }).unsubscribe_token;
			const paths = [
				'/mentoring',
				'/mentoring/mentor-profile',
				'/mentoring/find',
				'/mentoring/find?topic=astrology',
				'/mentoring/how-matching-works',
				`/mentoring/${id}`,
				`/report?mentorship=${id}&message=${String(messageId)}`,
				'/account/notifications',
				`/unsubscribe/${token}?kind=all`,
				'/staff/moderation',
			];
			for (const path of paths) {
				await mentee.page.goto(localePath(locale, path));
				await expect(mentee.page.locator('html')).toHaveAttribute('lang', locale);
				expect(await axeViolations(mentee.page), localePath(locale, path)).toEqual([]);
			}
			// The request page needs a mentor the mentee has not asked yet.
			const other = await member(browser, baseURL, `axe-other-${locale}`, { languages: ['vi'] });
			await makeMentor(other, { languages: ['vi'] });
			await mentee.page.goto(localePath(locale, `/mentoring/request/${other.id}`));
			expect(await axeViolations(mentee.page)).toEqual([]);
			// And the mentor's side: the list, and a request with the answer forms open.
			await mentor.page.goto(localePath(locale, '/mentoring'));
			expect(await axeViolations(mentor.page)).toEqual([]);
			const waiting = await requestDirectly(mentee, other);
			await other.page.goto(localePath(locale, `/mentoring/${waiting}`));
			for (const summary of await other.page.locator('summary').all()) await summary.click();
			expect(await axeViolations(other.page)).toEqual([]);
			await Promise.all([mentor.context.close(), mentee.context.close(), other.context.close()]);
		});
	}
});
