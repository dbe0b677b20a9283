import type { Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures.ts';
import { PASSWORD, adminClient, emailLink, signInAs } from './auth-helpers.ts';
import {
	createOrganisation,
	grantStaff,
	islandReady,
	uniqueName,
} from './organisations-helpers.ts';
import { clientAs, signedInMember, type Member } from './member-helpers.ts';
import { snap } from './snap.ts';
import { createTranslator } from '../../src/i18n/translate.ts';

const en = createTranslator('en');
const ja = createTranslator('ja');

/** A returnee from Vietnam who worked in construction in Japan: a match for the SME's opportunity. */
const VIETNAMESE_BUILDER = {
	kinds: ['returnee'],
	home_country: 'VN',
	country_visibility: 'public',
	japan_field: 'construction',
	field_visibility: 'public',
	business_sector: 'construction',
	business_stage: 'started',
	business_visibility: 'public',
	jlpt_level: 'n2',
	japanese_visibility: 'public',
	languages: ['vi', 'ja'],
	languages_visibility: 'public',
	looking_for: ['jv_partner'],
	looking_for_visibility: 'public',
	profile_visibility: 'public',
};

/** A Japanese SME of `owner`, in Aichi (prefecture 23), verified unless told otherwise. */
async function sme(ownerId: string, name: string, verified = true): Promise<string> {
	return createOrganisation(ownerId, {
		kind: 'japanese_sme',
		name,
		country: 'JP',
		prefecture: 23,
		sector: 'construction',
		verified,
		verified_at: verified ? new Date().toISOString() : null,
	});
}

/** An open opportunity posted directly (the form is tested on its own); returns its id. */
async function postDirectly(owner: Member, organisationId: string, title: string): Promise<string> {
	const { data, error } = await (
		await clientAs(owner.email)
	).rpc('save_venture', {
		p_fields: {
			side: 'sme',
			organisation_id: organisationId,
			title,
			summary: 'A maker of precast concrete parts seeks a partner to build a plant together.',
			partnership_type: 'joint_venture',
			sector: 'construction',
			target_countries: ['VN'],
			languages: ['ja', 'vi'],
			prefecture: 23,
			status: 'open',
		},
	});
	if (error) throw error;
	return data as string;
}

/** An interest the owner accepted (both sides introduced); returns the interest id. */
async function mutualDirectly(owner: Member, returnee: Member, ventureId: string): Promise<string> {
	const { data, error } = await (
		await clientAs(returnee.email)
	).rpc('express_interest', { p_venture_id: ventureId, p_message: 'I built formwork in Japan.' });
	if (error) throw error;
	const accepted = await (
		await clientAs(owner.email)
	).rpc('respond_interest', { p_interest_id: data, p_accept: true });
	if (accepted.error) throw accepted.error;
	return data as string;
}

/** The venture as the database holds it (service role), to prove what changed and what did not. */
async function storedVenture(id: string) {
	const { data, error } = await adminClient()
		.from('ventures')
		.select('title, status, summary')
		.eq('id', id)
		.single();
	if (error) throw error;
	return data as { title: string; status: string; summary: string };
}

async function storedInterest(id: string) {
	const { data, error } = await adminClient()
		.from('venture_interests')
		.select('stage')
		.eq('id', id)
		.single();
	if (error) throw error;
	const milestones = await adminClient()
		.from('venture_milestones')
		.select('id', { count: 'exact', head: true })
		.eq('interest_id', id);
	return { stage: (data as { stage: string }).stage, milestones: milestones.count ?? 0 };
}

/** Posts a form the way a browser would, to the page and action named (a crafted post). */
function post(page: Page, baseURL: string | undefined, path: string, action: string, data: object) {
	return page.request.post(`${path}?_action=ventures.${action}`, {
		headers: { origin: baseURL ?? '', 'content-type': 'application/x-www-form-urlencoded' },
		data: new URLSearchParams(data as Record<string, string>).toString(),
	});
}

/** Waits until the form island in a region of the page runs; islands below the fold start once seen. */
async function regionIslandReady(page: Page, region: string): Promise<void> {
	const section = page.getByRole('region', { name: region });
	await section.scrollIntoViewIfNeeded();
	await expect(section.locator('astro-island:not([ssr])').first()).toBeAttached();
}

async function expectAccessible(page: Page): Promise<void> {
	expect(await axeViolations(page)).toEqual([]);
}

test('an SME posts; a returnee sees an anonymous teaser, shows interest and is accepted; both are introduced and a step shows on the board', async ({
	browser,
	baseURL,
}) => {
	test.slow();
	const sato = await signedInMember(browser, baseURL, 'sato', { kinds: ['sme_member'] });
	const organisation = uniqueName('Takumi Precast');
	await sme(sato.id, organisation);
	const an = await signedInMember(browser, baseURL, 'an', VIETNAMESE_BUILDER);
	const title = uniqueName('Partner for a precast concrete plant');

	// Sato posts the opportunity for the verified company, warned not to name it.
	await sato.page.goto('/ventures/new');
	await islandReady(sato.page);
	await expect(sato.page.getByText(en('ventures.form.teaserWarningTitle'))).toBeVisible();
	await expectAccessible(sato.page);
	await sato.page.getByLabel(en('ventures.field.title')).fill(title);
	await sato.page
		.getByLabel(en('ventures.field.summary'))
		.fill('We make precast concrete parts and want a local partner to build a plant with us.');
	await sato.page.getByLabel(en('ventures.field.partnership_type')).selectOption('joint_venture');
	await sato.page
		.getByLabel(en('ventures.field.sector'), { exact: true })
		.selectOption('construction');
	await sato.page.getByRole('checkbox', { name: 'Vietnam', exact: true }).check();
	await sato.page.getByRole('checkbox', { name: 'Vietnamese', exact: true }).check();
	await sato.page.getByLabel(en('ventures.field.prefecture')).selectOption('23');
	await sato.page.getByRole('radio', { name: en('ventures.status.open') }).check();
	await sato.page.getByRole('button', { name: en('ventures.form.create') }).click();
	await expect(sato.page).toHaveURL(/\/ventures\/[0-9a-f-]{36}\?notice=published$/);
	const ventureUrl = new URL(sato.page.url()).pathname;
	await expect(sato.page.getByRole('status')).toHaveText(en('ventures.notice.published'));
	await expect(sato.page.getByRole('link', { name: organisation })).toBeVisible();
	await expectAccessible(sato.page);

	// An finds it among the teasers: nothing names the company or its prefecture.
	await an.page.goto('/ventures?sector=construction&country=VN');
	const card = an.page.locator('.teaser-card', { hasText: title });
	await expect(card).toBeVisible();
	await expectAccessible(an.page);
	for (const hidden of [organisation, 'Aichi', sato.name]) {
		expect(await an.page.content()).not.toContain(hidden);
	}
	// It is one of An's matches, with the reasons in words.
	await an.page.goto('/ventures/for-you');
	const match = an.page.locator('.teaser-card', { hasText: title });
	await expect(match.getByText('Looks for partners in Vietnam, your home country')).toBeVisible();
	await expect(
		match.getByText('You worked in Japan in Construction, the sector it seeks')
	).toBeVisible();
	await expectAccessible(an.page);

	await match.getByRole('link', { name: title }).click();
	await expect(an.page).toHaveURL(new RegExp(`${ventureUrl}$`));
	for (const hidden of [organisation, 'Aichi', sato.name]) {
		expect(await an.page.content()).not.toContain(hidden);
	}
	await expect(an.page.getByText(en('ventures.show.anonymous'))).toBeVisible();
	await regionIslandReady(an.page, en('ventures.show.interestTitle'));
	await expectAccessible(an.page);
	await an.page
		.getByLabel(en('ventures.field.message'))
		.fill('I led a formwork team in Nagoya. <img src=x onerror="alert(1)">');
	await an.page.getByRole('button', { name: en('ventures.form.showInterest') }).click();
	await expect(an.page).toHaveURL(/\/ventures\/pipeline\/[0-9a-f-]{36}\?notice=interest$/);
	const pipelineUrl = new URL(an.page.url()).pathname;
	await expect(an.page.getByText(en('ventures.interest.waiting'))).toBeVisible();
	expect(await an.page.content()).not.toContain(organisation);
	await expectAccessible(an.page);

	// Sato is told by email, with a link to the pipeline, and sees it waiting on the board, still
	// anonymous, and answers.
	expect(await emailLink(sato.email, 'venture_interest')).toContain(pipelineUrl);
	await sato.page.goto('/ventures/pipeline');
	const interestColumn = sato.page.locator('.column-interest');
	const waiting = interestColumn.locator('.card', { hasText: title });
	await expect(waiting.getByText(en('ventures.board.anonymous'))).toBeVisible();
	await expect(waiting.getByText(en('ventures.board.awaitingMe'))).toBeVisible();
	expect(await sato.page.content()).not.toContain(an.name);
	await expectAccessible(sato.page);
	await waiting.getByRole('link', { name: title }).click();
	await expect(sato.page).toHaveURL(new RegExp(`${pipelineUrl}$`));
	await expect(
		sato.page.getByText('I led a formwork team in Nagoya. <img src=x onerror="alert(1)">')
	).toBeVisible();
	await expect(sato.page.locator('main img')).toHaveCount(0);
	await expect(sato.page.getByText('From Vietnam, a country you target')).toBeVisible();
	await expectAccessible(sato.page);
	await sato.page.getByRole('button', { name: en('ventures.form.accept') }).click();
	await expect(sato.page.getByRole('status')).toHaveText(en('ventures.notice.accepted'));
	const parties = sato.page.getByRole('region', { name: en('ventures.interest.partiesTitle') });
	await expect(parties.getByRole('link', { name: an.name })).toBeVisible();

	// Both are introduced: An is told, and now sees the company, its prefecture and the contact person.
	expect(await emailLink(an.email, 'venture_answer')).toContain(pipelineUrl);
	await an.page.goto(pipelineUrl);
	const revealed = an.page.getByRole('region', { name: en('ventures.interest.partiesTitle') });
	await expect(revealed.getByRole('link', { name: organisation })).toBeVisible();
	await expect(revealed.getByText('Aichi')).toBeVisible();
	await expect(revealed.getByRole('link', { name: sato.name })).toBeVisible();
	await an.page.goto(ventureUrl);
	await expect(an.page.getByText(en('ventures.show.revealed'))).toBeVisible();
	await expect(an.page.getByRole('link', { name: organisation })).toBeVisible();

	// Sato logs the next step (only the next one is offered) and writes; the board moves the card.
	await sato.page.goto(pipelineUrl);
	await regionIslandReady(sato.page, en('ventures.interest.actionsTitle'));
	await expect(
		sato.page.getByText(en('ventures.field.nextStep', { step: en('ventures.stage.introduced') }))
	).toBeVisible();
	await sato.page
		.getByLabel(en('ventures.field.milestoneNote'))
		.fill('Video call with both teams.');
	await sato.page
		.getByRole('button', {
			name: en('ventures.form.logStep', { step: en('ventures.stage.introduced') }),
		})
		.click();
	await expect(sato.page.getByRole('status')).toHaveText(en('ventures.notice.milestone'));
	await expect(sato.page.getByText('Video call with both teams.')).toBeVisible();
	await regionIslandReady(sato.page, en('ventures.thread.title'));
	await sato.page.getByLabel(en('ventures.field.body')).fill('Welcome! When can you visit Aichi?');
	await sato.page.getByRole('button', { name: en('ventures.form.send') }).click();
	await expect(sato.page.getByRole('status')).toHaveText(en('ventures.notice.sent'));
	await sato.page.goto('/ventures/pipeline');
	await expect(
		sato.page.locator('.column-introduced .card', { hasText: title }).getByText(an.name)
	).toBeVisible();
	await expect(sato.page.locator('.column-interest .card', { hasText: title })).toHaveCount(0);

	// At the letter-of-intent steps the pipeline links the bilingual templates.
	const satoClient = await clientAs(sato.email);
	const interestId = pipelineUrl.split('/').pop() ?? '';
	for (const stage of ['first_meeting', 'visit']) {
		const { error } = await satoClient.rpc('advance_pipeline', {
			p_interest_id: interestId,
			p_stage: stage,
		});
		expect(error).toBeNull();
	}
	await an.page.goto(pipelineUrl);
	await an.page.getByRole('link', { name: en('ventures.interest.ndaTemplate') }).click();
	await expect(an.page).toHaveURL(/\/guides\/nda-template$/);
	await expect(an.page.getByText('A template, not legal advice.').first()).toBeVisible();
	await expect(an.page.getByText('秘密保持契約書', { exact: false }).first()).toBeVisible();
	await expectAccessible(an.page);

	// The owners' other pages.
	for (const path of [`${ventureUrl}/candidates`, `${ventureUrl}/edit`, '/ventures/mine']) {
		await sato.page.goto(path);
		await expect(sato.page.locator('h1')).toBeVisible();
		await expectAccessible(sato.page);
	}
	await Promise.all([sato.context.close(), an.context.close()]);
});

test('bad input is refused with a translated message and changes nothing', async ({
	browser,
	baseURL,
}) => {
	test.slow();
	const kato = await signedInMember(browser, baseURL, 'kato', { kinds: ['sme_member'] });
	const unverified = uniqueName('Kato Tekko');
	const unverifiedId = await sme(kato.id, unverified, false);

	// Opening an opportunity for an organisation staff have not verified: refused, with the way out.
	await kato.page.goto('/ventures/new');
	await islandReady(kato.page);
	const title = uniqueName('Steel frames partner');
	await kato.page.getByLabel(en('ventures.field.title')).fill('x'.repeat(121));
	await kato.page.getByRole('button', { name: en('ventures.form.create') }).click();
	await expect(kato.page.getByRole('alert').first()).toContainText(
		en('ventures.error.titleTooLong', { titleMax: 120 })
	);
	await expect(kato.page.getByRole('alert').first()).toContainText(
		en('ventures.error.countriesRequired')
	);
	await kato.page.getByLabel(en('ventures.field.title')).fill(title);
	await kato.page
		.getByLabel(en('ventures.field.summary'))
		.fill(
			'Steel frames for small factories <script>alert("x")</script>, built to Japanese standards.'
		);
	await kato.page.getByLabel(en('ventures.field.partnership_type')).selectOption('supplier');
	await kato.page
		.getByLabel(en('ventures.field.sector'), { exact: true })
		.selectOption('construction');
	await kato.page.getByRole('checkbox', { name: 'Indonesia', exact: true }).check();
	await kato.page.getByRole('radio', { name: en('ventures.status.open') }).check();
	await kato.page.getByRole('button', { name: en('ventures.form.create') }).click();
	await expect(kato.page).toHaveTitle(/^Error:/);
	await expect(kato.page.locator('#verify-first')).toContainText(en('ventures.error.not_verified'));
	await expect(
		kato.page.getByRole('link', { name: en('ventures.create.verifyLink') })
	).toHaveAttribute('href', `/organisations/${unverifiedId}/verification`);
	await expect(kato.page.getByLabel(en('ventures.field.title'))).toHaveValue(title);
	const posted = await adminClient()
		.from('ventures')
		.select('id', { count: 'exact', head: true })
		.eq('organisation_id', unverifiedId);
	expect(posted.count).toBe(0);

	// Naming the company in the teaser is refused next to the field.
	await kato.page.getByLabel(en('ventures.field.title')).fill(`${unverified} seeks a partner`);
	await kato.page.getByRole('radio', { name: en('ventures.status.draft') }).check();
	await kato.page.getByRole('button', { name: en('ventures.form.create') }).click();
	await expect(kato.page.locator('#title-error')).toContainText(
		en('ventures.error.identifying.title')
	);

	// A draft is fine; the summary's markup is kept as text.
	await kato.page.getByLabel(en('ventures.field.title')).fill(title);
	await kato.page.getByRole('button', { name: en('ventures.form.create') }).click();
	await expect(kato.page.getByRole('status')).toHaveText(en('ventures.notice.created'));
	await expect(kato.page.getByText('<script>alert("x")</script>', { exact: false })).toBeVisible();
	const draftPath = new URL(kato.page.url()).pathname;

	// Another organisation's opportunity: not found to edit, refused to change by a crafted post.
	const mori = await signedInMember(browser, baseURL, 'mori', { kinds: ['sme_member'] });
	const moriOrganisation = await sme(mori.id, uniqueName('Mori Kenzai'));
	const moriTitle = uniqueName('Timber houses partner');
	const moriVenture = await postDirectly(mori, moriOrganisation, moriTitle);
	const edit = await kato.page.goto(`/ventures/${moriVenture}/edit`);
	expect(edit?.status()).toBe(404);
	const update = await post(kato.page, baseURL, `/ventures/${moriVenture}/edit`, 'update', {
		id: moriVenture,
		title: 'Taken over',
		summary: 'This opportunity now belongs to someone else entirely.',
		partnership_type: 'franchise',
		sector: 'construction',
		target_countries: 'VN',
		languages: 'ja',
		timeline: 'exploring',
		status: 'paused',
	});
	expect(update.status()).toBe(403);
	expect(await update.text()).toContain(en('ventures.error.not_owner'));
	const pause = await post(kato.page, baseURL, `/ventures/${moriVenture}`, 'setStatus', {
		venture_id: moriVenture,
		status: 'closed',
	});
	expect(pause.status()).toBe(403);
	expect(await storedVenture(moriVenture)).toMatchObject({ title: moriTitle, status: 'open' });

	// Skipping a step by a crafted post: refused, the pipeline stays where it was.
	const lan = await signedInMember(browser, baseURL, 'lan', VIETNAMESE_BUILDER);
	const interestId = await mutualDirectly(mori, lan, moriVenture);
	const skip = await post(mori.page, baseURL, `/ventures/pipeline/${interestId}`, 'advance', {
		interest_id: interestId,
		stage: 'visit',
		happened_on: new Date().toISOString().slice(0, 10),
	});
	expect(skip.status()).toBe(409);
	expect(await skip.text()).toContain(en('ventures.error.invalid_transition'));
	expect(await storedInterest(interestId)).toEqual({ stage: 'mutual', milestones: 1 });
	// Someone who is no party cannot act on it either.
	const foreign = await post(kato.page, baseURL, `/ventures/pipeline/${interestId}`, 'advance', {
		interest_id: interestId,
		stage: 'introduced',
		happened_on: new Date().toISOString().slice(0, 10),
	});
	expect(foreign.status()).toBe(403);
	expect(await storedInterest(interestId)).toEqual({ stage: 'mutual', milestones: 1 });
	expect((await kato.page.goto(`/ventures/pipeline/${interestId}`))?.status()).toBe(404);

	// An over-long message is refused in the browser; a hostile one is shown as text.
	await lan.page.goto(`/ventures/pipeline/${interestId}`);
	await regionIslandReady(lan.page, en('ventures.thread.title'));
	await lan.page.getByLabel(en('ventures.field.body')).fill('y'.repeat(4001));
	await lan.page.getByRole('button', { name: en('ventures.form.send') }).click();
	// The browser's check, with the server's message (islands do not group digits).
	await expect(lan.page.getByRole('alert').first()).toContainText(
		'The message must be 4000 characters or fewer'
	);
	await lan.page
		.getByLabel(en('ventures.field.body'))
		.fill('<b>Hello</b> <script>alert(2)</script>');
	await lan.page.getByRole('button', { name: en('ventures.form.send') }).click();
	await expect(lan.page.getByRole('status')).toHaveText(en('ventures.notice.sent'));
	await expect(
		lan.page.locator('.thread').getByText('<b>Hello</b> <script>alert(2)</script>')
	).toBeVisible();
	await expect(lan.page.locator('.thread b, .thread script')).toHaveCount(0);
	expect(await storedVenture(draftPath.split('/').pop() ?? '')).toMatchObject({ status: 'draft' });
	await Promise.all([kato.context.close(), mori.context.close(), lan.context.close()]);
});

test.describe('without JavaScript', () => {
	test('a returnee shows interest and sees the server’s errors', async ({ browser, baseURL }) => {
		test.slow();
		const owner = await signedInMember(browser, baseURL, 'ito', { kinds: ['sme_member'] });
		const organisation = await sme(owner.id, uniqueName('Ito Koumuten'));
		const title = uniqueName('Distributor for building tools');
		const ventureId = await postDirectly(owner, organisation, title);
		const hoa = await signedInMember(browser, baseURL, 'hoa', VIETNAMESE_BUILDER, {
			javaScriptEnabled: false,
		});
		const page = hoa.page;
		await page.goto(`/ventures/${ventureId}`);
		await expect(page.locator('astro-island:not([ssr])')).toHaveCount(0);
		await page.getByRole('button', { name: en('ventures.form.showInterest') }).click();
		await expect(page).toHaveTitle(/^Error:/);
		await expect(page.getByRole('alert').first()).toContainText(
			en('ventures.error.interestRequired')
		);
		await page
			.getByLabel(en('ventures.field.message'))
			.fill('I sold tools in Hai Phong for 4 years.');
		await page.getByRole('button', { name: en('ventures.form.showInterest') }).click();
		await expect(page).toHaveURL(/\/ventures\/pipeline\/[0-9a-f-]{36}\?notice=interest$/);
		await expect(page.getByRole('status')).toHaveText(en('ventures.notice.interest'));
		// A second interest in the same opportunity, posted again: refused, one interest stored.
		const again = await post(page, baseURL, `/ventures/${ventureId}`, 'expressInterest', {
			venture_id: ventureId,
			acting_for: 'own',
			message: 'Again',
		});
		expect(again.status()).toBe(409);
		expect(await again.text()).toContain(en('ventures.error.duplicate_interest'));
		const { count } = await adminClient()
			.from('venture_interests')
			.select('id', { count: 'exact', head: true })
			.eq('venture_id', ventureId);
		expect(count).toBe(1);
		await Promise.all([owner.context.close(), hoa.context.close()]);
	});
});

test('the public outcomes page explains its suppression and is accessible', async ({ page }) => {
	await page.goto('/ventures/outcomes');
	await expect(page.locator('h1')).toHaveText(en('ventures.outcomes.title'));
	await expect(page.getByText(en('ventures.outcomes.suppression', { min: 5 }))).toBeVisible();
	await expectAccessible(page);
	await page.goto('/ja/guides/mou-template');
	await expect(page.getByText('これはひな形であり、法的助言ではありません。')).toBeVisible();
	await expectAccessible(page);
});

test('joint-venture emails have their own switch and a one-click stop', async ({
	browser,
	baseURL,
	page,
}) => {
	const who = await signedInMember(browser, baseURL, 'switch', VIETNAMESE_BUILDER);
	await who.page.goto('/account/notifications');
	const box = who.page.getByLabel(en('mentoring.preferences.email_ventures'));
	await expect(box).toBeChecked();
	const { data } = await adminClient()
		.from('notification_preferences')
		.select('unsubscribe_token')
		.eq('user_id', who.id)
		.single();
	const token = (data as { unsubscribe_token: string }).unsubscribe_token;
	// The link in a reminder works signed out, in the reader's language: a GET asks, a POST stops.
	await page.goto(`/ja/unsubscribe/${token}?kind=ventures`);
	await expect(page.getByText(ja('mentoring.unsubscribe.ask.ventures'))).toBeVisible();
	await page.getByRole('button', { name: ja('mentoring.unsubscribe.confirm') }).click();
	await expect(page.getByRole('status')).toHaveText(ja('mentoring.unsubscribe.done.ventures'));
	const after = await adminClient()
		.from('notification_preferences')
		.select('email_ventures, email_requests')
		.eq('user_id', who.id)
		.single();
	expect(after.data).toEqual({ email_ventures: false, email_requests: true });
	await who.page.reload();
	await expect(box).not.toBeChecked();
	await who.context.close();
});

test('a party reports an abusive message and blocks its writer; staff see it in the moderation queue', async ({
	browser,
	baseURL,
}, testInfo) => {
	test.slow();
	const owner = await signedInMember(browser, baseURL, 'ishida', { kinds: ['sme_member'] });
	const organisation = await sme(owner.id, uniqueName('Ishida Kogyo'));
	const title = uniqueName('Formwork partner');
	const ventureId = await postDirectly(owner, organisation, title);
	const returnee = await signedInMember(browser, baseURL, 'thao', VIETNAMESE_BUILDER);
	const interestId = await mutualDirectly(owner, returnee, ventureId);
	const abuse = 'Send 200,000 yen for the paperwork or forget the deal, you fool.';
	const sent = await (
		await clientAs(owner.email)
	).rpc('send_venture_message', { p_interest_id: interestId, p_body: abuse });
	expect(sent.error).toBeNull();

	const page = returnee.page;
	await page.goto(`/ventures/pipeline/${interestId}`);
	await expect(page.getByRole('link', { name: en('ventures.safety.reportOrBlock') })).toBeVisible();
	await page
		.locator('.message', { hasText: abuse })
		.getByRole('link', { name: en('ventures.thread.report') })
		.click();
	await islandReady(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		en('moderation.report.titleMessage')
	);
	await expect(page.locator('blockquote')).toHaveText(abuse);
	await expectAccessible(page);
	await page.getByRole('radio', { name: en('moderation.reason.harassment') }).check();
	await page.getByLabel(en('moderation.field.details')).fill('Insults and a demand for money.');
	await page.getByLabel(`Also block ${owner.name}`).check();
	await page.getByRole('button', { name: en('moderation.form.send') }).click();
	await expect(page).toHaveURL(
		new RegExp(`/ventures/pipeline/${interestId}\\?notice=reported-blocked$`)
	);
	await expect(page.getByRole('status')).toHaveText(en('moderation.notice.reportedBlocked'));
	await expect(
		page.getByText(en('ventures.safety.youBlocked', { name: owner.name }))
	).toBeVisible();
	await snap(page, testInfo, 'ventures/conversation-reported');

	// The blocked writer is told, without a name, and has no message form.
	await owner.page.goto(`/ventures/pipeline/${interestId}`);
	await expect(owner.page.getByText(en('ventures.safety.blockedYou'))).toBeVisible();
	await expect(owner.page.getByRole('button', { name: en('ventures.form.send') })).toHaveCount(0);
	await snap(owner.page, testInfo, 'ventures/conversation-blocked');

	// Staff find the report with the message and the pipeline it came from.
	const staff = await signedInMember(browser, baseURL, 'staff', {});
	await grantStaff(staff.id);
	await staff.page.goto('/staff/moderation');
	const report = staff.page.locator('.report', { hasText: 'Insults and a demand for money.' });
	await expect(
		report.getByRole('heading', { name: en('moderation.reason.harassment') })
	).toBeVisible();
	await expect(report.getByText(abuse)).toBeVisible();
	await expect(report.getByText(title)).toBeVisible();
	await expect(report.getByRole('link', { name: owner.name })).toBeVisible();
	await expectAccessible(staff.page);
	await report.getByRole('radio', { name: en('moderation.decision.dismissed') }).check();
	await report.getByRole('button', { name: en('moderation.form.decide') }).click();
	await expect(staff.page.getByRole('status')).toHaveText(en('moderation.notice.dismissed'));
	await Promise.all([owner.context.close(), returnee.context.close(), staff.context.close()]);
});

test('the pipeline board stacks its columns on a phone and lays them side by side on a wide screen @phone', async ({
	browser,
	baseURL,
	context,
	page,
}) => {
	test.slow();
	const owner = await signedInMember(browser, baseURL, 'yamada', { kinds: ['sme_member'] });
	const organisation = await sme(owner.id, uniqueName('Yamada Sekkei'));
	const ventureId = await postDirectly(owner, organisation, uniqueName('Design office partner'));
	const returnee = await signedInMember(browser, baseURL, 'dung', VIETNAMESE_BUILDER);
	await mutualDirectly(owner, returnee, ventureId);
	// This test's own page has its project's viewport: a Pixel 7 on the phone project.
	await signInAs(context, baseURL, { email: owner.email, password: PASSWORD });
	await page.goto('/ventures/pipeline');
	await expect(page.locator('.column-mutual .card')).toHaveCount(1);
	const interest = await page.locator('.column-interest').boundingBox();
	const mutual = await page.locator('.column-mutual').boundingBox();
	if (!interest || !mutual) throw new Error('the board has no columns');
	const width = page.viewportSize()?.width ?? 0;
	expect(mutual.x + mutual.width).toBeLessThanOrEqual(width);
	if (width < 640) {
		// One column under another, as wide as the page.
		expect(Math.round(mutual.x)).toBe(Math.round(interest.x));
		expect(mutual.y).toBeGreaterThanOrEqual(interest.y + interest.height);
	} else {
		expect(mutual.x).toBeGreaterThan(interest.x + interest.width - 1);
		expect(Math.round(mutual.y)).toBe(Math.round(interest.y));
	}
	await expectAccessible(page);
	await Promise.all([owner.context.close(), returnee.context.close()]);
});
