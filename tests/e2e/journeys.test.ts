import { expect, test } from './fixtures.ts';
import {
	PASSWORD,
	adminClient,
	createUser,
	emailLink,
	openEmailLink,
	signIn,
	signInAs,
	uniqueEmail,
} from './auth-helpers.ts';
import {
	CORPORATE_NUMBER,
	PDF,
	createOrganisation,
	fillOrganisationForm,
	grantStaff,
	islandReady,
	uniqueName,
} from './organisations-helpers.ts';
import { clientAs, signedInMember } from './member-helpers.ts';
import { snap } from './snap.ts';
import { LOCALES, LOCALE_NAMES, localePath, type Locale } from '../../src/i18n/locales.ts';
import { createTranslator } from '../../src/i18n/translate.ts';

/*
 * Journeys: one story per kind of user, end to end, each step photographed at phone and desktop
 * width (test artifacts: screens/<journey>/<step>-phone.png and -desktop.png) and checked with axe.
 * The feature specs test each step in depth; these prove the steps join up. Every journey makes
 * its own accounts and records, so journeys run in any order, beside any other spec.
 */

const en = createTranslator('en');

// A journey photographs a dozen pages twice and checks each with axe: longer than one feature test.
test.describe.configure({ timeout: 240_000 });

/** Runs an RPC as a member and returns its result, failing the test on an error. */
async function rpc(email: string, fn: string, args: Record<string, unknown>): Promise<unknown> {
	const { data, error } = await (await clientAs(email)).rpc(fn, args);
	if (error) throw error;
	return data;
}

/** A returnee from Vietnam who made food in Aichi, public to members. */
const FOOD_RETURNEE = {
	kinds: ['returnee'],
	profile_visibility: 'public',
	home_country: 'VN',
	country_visibility: 'public',
	japan_field: 'food_beverage_manufacturing',
	field_visibility: 'public',
	jlpt_level: 'n2',
	japanese_visibility: 'public',
	languages: ['vi', 'ja'],
	languages_visibility: 'public',
	business_sector: 'food_beverage_manufacturing',
	business_stage: 'started',
	business_visibility: 'public',
};

/** A word each locale's guides use, for the search step. */
const SEARCH_WORD: Record<Locale, string> = {
	en: 'TITP',
	ja: '技能実習',
	vi: 'TITP',
	id: 'TITP',
	sw: 'TITP',
};

for (const [index, locale] of LOCALES.entries()) {
	test(`public reader in ${LOCALE_NAMES[locale]}: guides, glossary, search, another language, directory, a profile`, async ({
		page,
	}, testInfo) => {
		const t = createTranslator(locale);
		const at = (path: string) => localePath(locale, path);
		const step = (name: string) => snap(page, testInfo, `reader-${locale}/${name}`);
		const nav = page.getByRole('navigation', { name: t('nav.label') });
		const h1 = page.getByRole('heading', { level: 1 });

		await page.goto(at('/'));
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expect(h1).toHaveText(t('home.title'));
		await step('01-home');

		// A pathway, with its sources; knowledge pages ship no JavaScript.
		await nav.getByRole('link', { name: t('nav.pathways'), exact: true }).click();
		await page
			.locator(`main a[href="${at('/pathways/ssw-1')}"]`)
			.first()
			.click();
		await expect(page).toHaveURL(new RegExp(`${at('/pathways/ssw-1')}$`));
		await expect(page.getByRole('heading', { name: t('pathway.atAGlance') })).toBeVisible();
		await expect(page.getByRole('heading', { name: t('knowledge.sources') })).toBeVisible();
		await expect(page.locator('[id^="source-"]').first()).toBeAttached();
		await expect(page.locator('script')).toHaveCount(0);
		await step('02-pathway');

		await nav.getByRole('link', { name: t('nav.glossary'), exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`${at('/glossary')}$`));
		await expect(page.locator('dl.glossary dt').first()).toBeVisible();
		await expect(page.getByRole('heading', { name: t('knowledge.sources') })).toBeVisible();
		await expect(page.locator('script')).toHaveCount(0);
		await step('03-glossary');

		// Search (Pagefind, in the reader's language only).
		const header = page.getByRole('banner');
		await header.getByRole('searchbox', { name: t('search.label') }).fill(SEARCH_WORD[locale]);
		await header.getByRole('button', { name: t('search.submit') }).click();
		await expect(page).toHaveURL(new RegExp(`${at('/search')}\\?q=`));
		const results = page.locator('#search-results li a');
		await expect(results.first()).toBeVisible();
		const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
		for (const href of hrefs) {
			if (locale === 'en') expect(href).not.toMatch(/^\/(ja|vi|id|sw)\//);
			else expect(href).toMatch(new RegExp(`^/${locale}/`));
		}
		await step('04-search');

		// Another language, through the switcher, on the same page; then back.
		const other = LOCALES[(index + 1) % LOCALES.length] ?? 'en';
		const ot = createTranslator(other);
		await page.locator('summary', { hasText: LOCALE_NAMES[locale] }).first().click();
		await page.getByRole('link', { name: LOCALE_NAMES[other] }).first().click();
		await expect(page).toHaveURL(new RegExp(`${localePath(other, '/search')}$`));
		await expect(page.locator('html')).toHaveAttribute('lang', other);
		await expect(h1).toHaveText(ot('search.title'));
		await expect(page.getByRole('searchbox', { name: ot('search.label') }).first()).toBeVisible();
		await step('05-other-language');
		await page.locator('summary', { hasText: LOCALE_NAMES[other] }).first().click();
		await page.getByRole('link', { name: LOCALE_NAMES[locale] }).first().click();
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expect(h1).toHaveText(t('search.title'));

		// The directory as anyone sees it, and a profile from it.
		await nav.getByRole('link', { name: t('nav.directory'), exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`${at('/directory')}$`));
		await expect(h1).toHaveText(t('directory.title'));
		await expect(
			page.getByRole('banner').getByRole('link', { name: t('nav.signIn') })
		).toBeVisible();
		await page.getByLabel(t('directory.people.verifiedOnly')).check();
		await page.getByRole('button', { name: t('directory.form.apply') }).click();
		await expect(page).toHaveURL(/verified=1/);
		await step('06-directory');
		const person = page.locator(`main .card a[href^="${at('/people/')}"]`).first();
		const name = (await person.innerText()).trim();
		await person.click();
		await expect(page).toHaveURL(new RegExp(`${at('/people/')}[0-9a-f-]{36}$`));
		await expect(h1).toContainText(name);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await step('07-profile');
	});
}

test('returnee: signs up, says who they are, records Japan, asks a mentor, shows interest in an opportunity', async ({
	page,
	browser,
	baseURL,
}, testInfo) => {
	const step = (name: string) => snap(page, testInfo, `returnee/${name}`);

	// The other side of the story: a mentor like her, and an SME with an open opportunity.
	const mentor = await signedInMember(browser, baseURL, 'senpai', FOOD_RETURNEE);
	{
		const { error } = await (await clientAs(mentor.email)).from('mentor_profiles').insert({
			user_id: mentor.id,
			about: 'I make rice crackers in Hải Dương, after five years in Aichi.',
			topics: ['food', 'financing'],
			languages: ['vi', 'ja'],
			formats: ['chat'],
			capacity: 3,
		});
		if (error) throw error;
	}
	const sme = await signedInMember(browser, baseURL, 'smeowner', { kinds: ['sme_member'] });
	const organisationId = await createOrganisation(sme.id, {
		kind: 'japanese_sme',
		name: uniqueName('Mikawa Foods'),
		country: 'JP',
		prefecture: 23,
		sector: 'food_beverage_manufacturing',
		verified: true,
		verified_at: new Date().toISOString(),
	});
	const title = uniqueName('Partner for a rice cracker line');
	await rpc(sme.email, 'save_venture', {
		p_fields: {
			side: 'sme',
			organisation_id: organisationId,
			title,
			summary: 'A rice cracker maker seeks a partner to build a small production line together.',
			partnership_type: 'joint_venture',
			sector: 'food_beverage_manufacturing',
			target_countries: ['VN'],
			languages: ['ja', 'vi'],
			prefecture: 23,
			status: 'open',
		},
	});
	await sme.context.close();

	// Sign up, and confirm through the emailed link.
	const email = uniqueEmail('mai');
	await page.goto('/sign-up');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await step('01-sign-up');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	await step('02-check-email');
	await openEmailLink(page, await emailLink(email, 'signup'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Your email address is confirmed'
	);
	await step('03-confirmed');

	// Onboarding: who she is.
	await page.getByRole('link', { name: 'Go to your account' }).click();
	await expect(page).toHaveURL(/\/welcome$/);
	await islandReady(page);
	const name = uniqueName('Trần Thị Mai');
	await page.getByLabel(en('profiles.field.display_name'), { exact: true }).fill(name);
	await page.getByRole('checkbox', { name: en('profiles.kind.returnee') }).check();
	await page.getByLabel(en('profiles.field.home_country'), { exact: true }).selectOption('VN');
	await step('04-onboarding');
	await page.getByRole('button', { name: en('onboarding.submit') }).click();
	await expect(page).toHaveURL(/\/profile\/edit\?saved=welcome$/);

	// Her Japan track record.
	await islandReady(page);
	const field = (key: Parameters<typeof en>[0]) => page.getByLabel(en(key), { exact: true });
	await field('profiles.field.headline').fill('Food processing, 5 years in Aichi');
	await page.getByRole('checkbox', { name: 'Vietnamese', exact: true }).check();
	await page.getByRole('checkbox', { name: 'Japanese', exact: true }).check();
	await page.getByRole('checkbox', { name: en('profiles.programme.titp_2') }).check();
	await field('profiles.field.japan_field').selectOption('food_beverage_manufacturing');
	await page.getByRole('checkbox', { name: 'Aichi', exact: true }).check();
	await field('profiles.field.japan_start_year').fill('2017');
	await field('profiles.field.japan_end_year').fill('2022');
	await field('profiles.field.jlpt_level').selectOption('n3');
	await page.getByRole('checkbox', { name: en('profiles.lookingFor.jv_partner') }).check();
	await page
		.getByRole('button', { name: en('profiles.edit.save') })
		.first()
		.click();
	await expect(page).toHaveURL(/\/profile\/edit\?saved=profile$/);
	await expect(page.getByRole('status')).toHaveText(en('profiles.edit.saved'));
	await step('05-profile-saved');
	await page.goto('/profile');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
	await expect(page.getByText('Food processing, 5 years in Aichi')).toBeVisible();
	await step('06-profile');

	// A mentor for her food business.
	await page.goto('/mentoring');
	await step('07-mentoring');
	await page.getByRole('link', { name: en('mentoring.home.find') }).click();
	await page.getByLabel(en('mentoring.find.topic')).selectOption('food');
	await page.getByRole('button', { name: en('mentoring.find.apply') }).click();
	const card = page.locator('.mentor-card', { hasText: mentor.name });
	await expect(card).toBeVisible();
	await step('08-find-mentor');
	await card.getByRole('link', { name: `Ask ${mentor.name} for mentoring` }).click();
	await islandReady(page);
	await expect(page.getByLabel(en('mentoring.field.topic'))).toHaveValue('food');
	await page.getByLabel(en('mentoring.field.goal')).fill('Sell my rice crackers to shops in Hanoi');
	await page
		.getByLabel(`Your message to ${mentor.name}`)
		.fill('Chào anh! I worked in a food factory in Aichi and now make rice crackers at home.');
	await step('09-request');
	await page.getByRole('button', { name: en('mentoring.form.sendRequest') }).click();
	await expect(page).toHaveURL(/\/mentoring\/[0-9a-f-]{36}\?notice=requested$/);
	await expect(page.locator('.badge')).toHaveText(en('mentoring.state.requested'));
	await step('10-requested');

	// An opportunity, anonymous until both agree; she says she is interested.
	await page.goto('/ventures');
	await page.getByLabel(en('ventures.browse.searchLabel')).fill(title);
	await page.getByRole('button', { name: en('ventures.browse.apply') }).click();
	const teaser = page.locator('.teaser-card', { hasText: title });
	await expect(teaser).toBeVisible();
	await step('11-opportunities');
	await teaser.getByRole('link', { name: title }).click();
	await expect(page.getByText(en('ventures.show.anonymous'))).toBeVisible();
	const interest = page.getByRole('region', { name: en('ventures.show.interestTitle') });
	await interest.scrollIntoViewIfNeeded();
	await expect(interest.locator('astro-island:not([ssr])').first()).toBeAttached();
	await page
		.getByLabel(en('ventures.field.message'))
		.fill('I ran a rice cracker line in Aichi for five years.');
	await step('12-teaser');
	await page.getByRole('button', { name: en('ventures.form.showInterest') }).click();
	await expect(page).toHaveURL(/\/ventures\/pipeline\/[0-9a-f-]{36}\?notice=interest$/);
	await expect(page.getByText(en('ventures.interest.waiting'))).toBeVisible();
	await step('13-interest-sent');
	await mentor.context.close();
});

test('SME: signs in, registers the company, gets it verified, posts an opportunity and moves a partner along the pipeline', async ({
	page,
	browser,
	baseURL,
}, testInfo) => {
	const step = (name: string) => snap(page, testInfo, `sme/${name}`);
	const email = uniqueEmail('sato');
	const { id } = await createUser(email);
	{
		const { error } = await adminClient()
			.from('profiles')
			.update({ display_name: uniqueName('Sato Kenji'), kinds: ['sme_member'] })
			.eq('id', id);
		if (error) throw error;
	}

	await page.goto('/sign-in');
	await step('01-sign-in');
	await signIn(page, email, PASSWORD);
	await expect(page).toHaveURL(/\/account$/);
	await step('02-account');

	// The company.
	const organisation = uniqueName('Sato Precision');
	await page.goto('/organisations/new');
	await islandReady(page);
	await fillOrganisationForm(page, {
		name: organisation,
		kind: 'Japanese SME',
		corporateNumber: CORPORATE_NUMBER,
		country: 'Japan',
		prefecture: 'Aichi',
		sector: 'Industrial products manufacturing',
		size: '10–49 people',
		website: 'sato.example.jp',
		description: 'Precision machining in Aichi. We look for former interns to start a workshop.',
	});
	await step('03-new-organisation');
	await page.getByRole('button', { name: 'Create the organisation' }).click();
	await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}\?notice=created$/);
	const organisationUrl = new URL(page.url()).pathname;
	await step('04-organisation');

	// Verification, with the registration document.
	await page.getByRole('link', { name: 'Ask for the organisation to be verified' }).click();
	await islandReady(page);
	await page
		.getByLabel('Anything staff should know (optional)')
		.fill('I am the managing director.');
	await page
		.getByLabel('Documents')
		.setInputFiles({ name: 'registration.pdf', mimeType: 'application/pdf', buffer: PDF });
	await step('05-verification-form');
	await page.getByRole('button', { name: 'Send the request' }).click();
	await expect(page.getByRole('status')).toHaveText(en('verification.notice.requested'));
	await step('06-verification-pending');

	// Staff approve it, in their own session.
	const staff = await signedInMember(browser, baseURL, 'staff', {});
	await grantStaff(staff.id);
	await staff.page.goto('/staff/verification');
	await staff.page.getByRole('link', { name: organisation }).click();
	await staff.page.getByRole('radio', { name: 'Approve', exact: true }).check();
	await staff.page.getByRole('button', { name: 'Save the decision' }).click();
	await expect(staff.page.getByRole('status')).toHaveText(en('verification.notice.approved'));
	await staff.context.close();
	await page.goto(organisationUrl);
	await expect(page.locator('.org-header').getByText('Verified')).toBeVisible();
	await step('07-verified');

	// An opportunity for the verified company.
	const title = uniqueName('Partner for a machining workshop');
	await page.goto('/ventures/new');
	await islandReady(page);
	await page.getByLabel(en('ventures.field.title')).fill(title);
	await page
		.getByLabel(en('ventures.field.summary'))
		.fill('We machine precision parts and want a local partner to run a workshop with us.');
	await page.getByLabel(en('ventures.field.partnership_type')).selectOption('joint_venture');
	await page
		.getByLabel(en('ventures.field.sector'), { exact: true })
		.selectOption('industrial_products_manufacturing');
	await page.getByRole('checkbox', { name: 'Vietnam', exact: true }).check();
	await page.getByRole('checkbox', { name: 'Vietnamese', exact: true }).check();
	await page.getByLabel(en('ventures.field.prefecture')).selectOption('23');
	await page.getByRole('radio', { name: en('ventures.status.open') }).check();
	await step('08-new-opportunity');
	await page.getByRole('button', { name: en('ventures.form.create') }).click();
	await expect(page).toHaveURL(/\/ventures\/[0-9a-f-]{36}\?notice=published$/);
	const ventureUrl = new URL(page.url()).pathname;
	const ventureId = ventureUrl.split('/').pop() ?? '';
	await step('09-opportunity');

	// Candidates the site suggests, and a returnee who says they are interested.
	await page.goto(`${ventureUrl}/candidates`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await step('10-candidates');
	const returnee = await signedInMember(browser, baseURL, 'machinist', {
		...FOOD_RETURNEE,
		japan_field: 'industrial_products_manufacturing',
		looking_for: ['jv_partner'],
	});
	await rpc(returnee.email, 'express_interest', {
		p_venture_id: ventureId,
		p_message: 'I ran a CNC lathe in Toyota City for four years.',
	});
	await returnee.context.close();

	// The board: the interest waits for Sato; he accepts and logs the next step.
	await page.goto('/ventures/pipeline');
	const waiting = page.locator('.column-interest .card', { hasText: title });
	await expect(waiting.getByText(en('ventures.board.awaitingMe'))).toBeVisible();
	await step('11-board');
	await waiting.getByRole('link', { name: title }).click();
	await expect(page.getByText('I ran a CNC lathe in Toyota City for four years.')).toBeVisible();
	await step('12-interest');
	await page.getByRole('button', { name: en('ventures.form.accept') }).click();
	await expect(page.getByRole('status')).toHaveText(en('ventures.notice.accepted'));
	const actions = page.getByRole('region', { name: en('ventures.interest.actionsTitle') });
	await actions.scrollIntoViewIfNeeded();
	await expect(actions.locator('astro-island:not([ssr])').first()).toBeAttached();
	await page.getByLabel(en('ventures.field.milestoneNote')).fill('Video call with both teams.');
	await page
		.getByRole('button', {
			name: en('ventures.form.logStep', { step: en('ventures.stage.introduced') }),
		})
		.click();
	await expect(page.getByRole('status')).toHaveText(en('ventures.notice.milestone'));
	await step('13-step-logged');
	await page.goto('/ventures/pipeline');
	await expect(page.locator('.column-introduced .card', { hasText: title })).toBeVisible();
	await step('14-board-moved');
});

test('mentor: signs in, offers mentoring, accepts a request, writes and completes it', async ({
	page,
	browser,
	baseURL,
}, testInfo) => {
	const step = (name: string) => snap(page, testInfo, `mentor/${name}`);
	const email = uniqueEmail('budi');
	const { id } = await createUser(email);
	const name = uniqueName('Budi Santoso');
	{
		const { error } = await adminClient()
			.from('profiles')
			.update({ ...FOOD_RETURNEE, home_country: 'ID', languages: ['id', 'ja'], display_name: name })
			.eq('id', id);
		if (error) throw error;
	}
	await signIn(page, email, PASSWORD);
	await expect(page).toHaveURL(/\/account$/);

	// His mentor profile.
	await page.goto('/mentoring');
	await step('01-mentoring');
	await page.getByRole('link', { name: en('mentoring.home.becomeMentor') }).click();
	await islandReady(page);
	await page
		.getByLabel(en('mentoring.field.about'))
		.fill('I run a tempeh business in Bandung after six years in a food factory in Aichi.');
	await page.getByRole('checkbox', { name: 'Food', exact: true }).check();
	await page.getByRole('checkbox', { name: 'Financing', exact: true }).check();
	await expect(page.getByRole('checkbox', { name: 'Indonesian' })).toBeChecked();
	await page.getByLabel(en('mentoring.field.capacity')).selectOption('2');
	await step('02-mentor-profile');
	await page.getByRole('button', { name: en('mentoring.form.createProfile') }).click();
	await expect(page.getByRole('status')).toHaveText(en('mentoring.notice.profileCreated'));
	await step('03-mentor-profile-saved');

	// A mentee asks him (played through the site's RPC).
	const mentee = await signedInMember(browser, baseURL, 'sari', {
		kinds: ['returnee'],
		home_country: 'ID',
		languages: ['id'],
	});
	const mentorshipId = (await rpc(mentee.email, 'request_mentorship', {
		p_mentor_id: id,
		p_topic: 'food',
		p_goal: 'Open a tempeh stall in Surabaya',
		p_message: 'Halo Pak! I worked in a bento factory in Aichi.',
	})) as string;

	await page.goto('/mentoring');
	const row = page.locator('.mentorships li', { hasText: mentee.name });
	await expect(row).toBeVisible();
	await step('04-request-waiting');
	await row.getByRole('link', { name: mentee.name }).click();
	await expect(page.getByText('Open a tempeh stall in Surabaya')).toBeVisible();
	await step('05-request');
	await page.getByRole('button', { name: en('mentoring.form.accept') }).click();
	await expect(page.locator('.badge')).toHaveText(en('mentoring.state.active'));
	await page.getByLabel(en('mentoring.field.body')).fill('Selamat! When can we talk?');
	await page.getByRole('button', { name: en('mentoring.form.send') }).click();
	await expect(page.getByRole('status')).toHaveText(en('mentoring.notice.sent'));
	await step('06-active');

	// They meet; the mentee confirms completion, then he does.
	await rpc(mentee.email, 'complete_mentorship', { p_id: mentorshipId });
	await mentee.context.close();
	await page.reload();
	await page.getByRole('button', { name: en('mentoring.form.complete') }).click();
	await expect(page.locator('.badge')).toHaveText(en('mentoring.state.completed'));
	await step('07-completed');
});

test('staff: refuse a verification request with a reason, then act on a report', async ({
	page,
	context,
	browser,
	baseURL,
}, testInfo) => {
	const step = (name: string) => snap(page, testInfo, `staff/${name}`);
	// A returnee asks for verification; a member reports another's profile.
	const returnee = await signedInMember(browser, baseURL, 'verify', FOOD_RETURNEE);
	{
		const { error } = await (
			await clientAs(returnee.email)
		)
			.from('verification_requests')
			.insert({ subject_user_id: returnee.id, message: 'My certificate is on the way by post.' });
		if (error) throw error;
	}
	const reporter = await signedInMember(browser, baseURL, 'reporter', { kinds: ['returnee'] });
	const details = `${uniqueName('Asked me for a fee')} to find a job in Japan.`;
	await rpc(reporter.email, 'report', {
		p_reason: 'scam_or_fees',
		p_details: details,
		p_reported_user_id: returnee.id,
	});
	await reporter.context.close();

	const staffEmail = uniqueEmail('aiko');
	const staff = await createUser(staffEmail);
	await grantStaff(staff.id);
	await signInAs(context, baseURL, staff);

	await page.goto('/staff/verification');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('verification.queue.title'));
	await step('01-verification-queue');
	await page.getByRole('link', { name: returnee.name }).click();
	await expect(page.getByText('My certificate is on the way by post.')).toBeVisible();
	await step('02-review');
	await page.getByRole('radio', { name: 'Do not approve' }).check();
	await page.getByLabel('Reason').fill('No document came with the request. Please attach it.');
	await step('03-decision');
	await page.getByRole('button', { name: 'Save the decision' }).click();
	await expect(page.getByRole('status')).toHaveText(en('verification.notice.rejected'));
	await step('04-refused');

	await page.getByRole('link', { name: en('moderation.queue.title') }).click();
	const report = page.locator('.report', { hasText: details });
	await expect(
		report.getByRole('heading', { name: en('moderation.reason.scam_or_fees') })
	).toBeVisible();
	await report.getByRole('radio', { name: en('moderation.decision.actioned') }).check();
	await report.getByLabel(en('moderation.field.note')).fill('Warned the member.');
	await step('05-moderation-queue');
	await report.getByRole('button', { name: en('moderation.form.decide') }).click();
	await expect(page.getByRole('status')).toHaveText(en('moderation.notice.actioned'));
	await expect(page.locator('.report', { hasText: details })).toHaveCount(0);
	await step('06-report-actioned');

	// The returnee reads the reason.
	await returnee.page.goto('/verification');
	await expect(
		returnee.page.getByText('No document came with the request. Please attach it.')
	).toBeVisible();
	await returnee.context.close();
});
