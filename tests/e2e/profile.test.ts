import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures.ts';
import {
	PASSWORD,
	adminClient,
	createUser,
	emailLink,
	openEmailLink,
	signInAs,
	uniqueEmail,
} from './auth-helpers.ts';
import { HTML_AS_PNG, SVG_AS_PNG, makePng } from '../fixtures/images.ts';
import { grantStaff } from './organisations-helpers.ts';
import { LOCALES, localePath, type Locale } from '../../src/i18n/locales.ts';
import { createTranslator, type MessageKey } from '../../src/i18n/translate.ts';

const en = createTranslator('en');
const ja = createTranslator('ja');
const t = (locale: Locale, key: MessageKey, vars?: Record<string, string | number>) =>
	createTranslator(locale)(key, vars);

/** The profile row as the database holds it (service role: for checking what was stored). */
async function storedProfile(id: string) {
	const { data, error } = await adminClient().from('profiles').select('*').eq('id', id).single();
	if (error) throw error;
	return data as Record<string, unknown>;
}

/** A pattern that matches a message anywhere in a longer text. */
const containing = (message: string) => new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** The objects in a user's avatar folder. */
async function storedAvatars(id: string): Promise<string[]> {
	const { data, error } = await adminClient().storage.from('avatars').list(id);
	if (error) throw error;
	return data.map((object) => object.name);
}

/** A signed-in member in a browser context of their own. */
async function memberPage(
	browser: import('@playwright/test').Browser,
	baseURL: string | undefined,
	options: { javaScriptEnabled?: boolean } = {}
): Promise<{ page: Page; context: BrowserContext; user: Awaited<ReturnType<typeof createUser>> }> {
	const context = await browser.newContext(options);
	const user = await createUser();
	await signInAs(context, baseURL, user);
	return { page: await context.newPage(), context, user };
}

/** Waits for the islands to run (the browser then checks input before posting). */
async function hydrated(page: Page) {
	await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}

/** The posted form's fields as the browser would send them, with some replaced. */
async function formFields(
	page: Page,
	selector: string,
	replace: Record<string, string | string[]>
) {
	const entries = await page
		.locator(selector)
		.evaluate((form: HTMLFormElement) =>
			[...new FormData(form).entries()].map(([k, v]) => [k, String(v)] as [string, string])
		);
	const body = new URLSearchParams();
	for (const [key, value] of entries) if (!(key in replace)) body.append(key, value);
	for (const [key, value] of Object.entries(replace)) {
		for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
	}
	return body.toString();
}

test('a returnee signs up, says who they are, builds a profile and hides a field from other members @phone', async ({
	page,
	browser,
	baseURL,
}) => {
	// Sign up and confirm, as a new member does.
	const email = uniqueEmail('returnee');
	await page.goto('/sign-up');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await openEmailLink(page, await emailLink(email, 'signup'));
	await page.getByRole('link', { name: 'Go to your account' }).click();

	// Onboarding comes first.
	await expect(page).toHaveURL(/\/welcome$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('onboarding.title'));
	await hydrated(page);
	await page.getByRole('button', { name: en('onboarding.submit') }).click();
	await expect(page.locator('.error-summary')).toContainText(en('onboarding.error.kindsRequired'));
	await page.getByLabel(en('profiles.field.display_name'), { exact: true }).fill('Trần Thị Mai');
	await page.getByRole('checkbox', { name: en('profiles.kind.returnee') }).check();
	await page.getByRole('checkbox', { name: en('profiles.kind.mentor') }).check();
	await page.getByLabel(en('profiles.field.home_country'), { exact: true }).selectOption('VN');
	await page.getByRole('button', { name: en('onboarding.submit') }).click();
	await expect(page).toHaveURL(/\/profile\/edit\?saved=welcome$/);
	await expect(page.getByRole('status')).toHaveText(en('profiles.edit.welcome'));

	// The profile: about, Japan track record, what she looks for; her story only for herself.
	await hydrated(page);
	const field = (key: MessageKey) => page.getByLabel(en(key), { exact: true });
	await field('profiles.field.headline').fill('Food processing, 5 years in Aichi');
	await field('profiles.field.bio').fill('I run a small food workshop in Hải Dương.');
	await field('profiles.visibilityFor.bio_visibility').selectOption('private');
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

	// A photo: checked, cropped and re-encoded on the server.
	await page.getByLabel(en('profiles.avatar.label')).setInputFiles({
		name: 'mai.png',
		mimeType: 'image/png',
		buffer: makePng(800, 600),
	});
	await page.getByRole('button', { name: en('profiles.avatar.upload') }).click();
	await expect(page.getByRole('status')).toHaveText(en('profiles.avatar.saved'));
	const photo = page.locator('#photo img');
	await expect(photo).toHaveAttribute('src', /\/storage\/v1\/object\/public\/avatars\/.+\.webp$/);
	await expect(photo).toHaveJSProperty('naturalWidth', 256);

	// Her own profile page shows everything, with her story.
	await page
		.getByRole('banner')
		.getByRole('link', { name: en('profiles.nav.myProfile') })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trần Thị Mai');
	await expect(page.getByText('I run a small food workshop')).toBeVisible();
	const profileUrl = await page
		.getByRole('link', { name: en('profiles.page.previewPublic') })
		.getAttribute('href');
	expect(profileUrl).toBe('/profile?as=public');
	const { data: users } = await adminClient().auth.admin.listUsers();
	const id = users.users.find((u) => u.email === email)?.id ?? '';

	// Another member sees the profile, but not the story she kept to herself.
	const other = await memberPage(browser, baseURL);
	await other.page.goto(`/people/${id}`);
	await expect(other.page.getByRole('heading', { level: 1 })).toHaveText('Trần Thị Mai');
	await expect(other.page.getByText('Food processing, 5 years in Aichi')).toBeVisible();
	await expect(other.page.getByText('Aichi', { exact: true })).toBeVisible();
	await expect(other.page.getByText(en('profiles.programme.titp_2'))).toBeVisible();
	await expect(other.page.locator('img.person-photo')).toHaveAttribute('width', '128');
	await expect(other.page.getByText('I run a small food workshop')).toHaveCount(0);
	expect(await other.page.content()).not.toContain('small food workshop');
	await other.context.close();

	// Signed out, nobody finds it: it is for signed-in members until she chooses otherwise.
	const anonymous = await browser.newPage();
	const response = await anonymous.goto(`/people/${id}`);
	expect(response?.status()).toBe(404);
	await expect(anonymous.getByRole('heading', { level: 1 })).toHaveText(
		en('profiles.page.notFoundTitle')
	);
	expect(await anonymous.content()).not.toContain('Trần Thị Mai');
	await anonymous.close();
});

test('bad input gets a translated error, stores nothing and keeps the rest of the input', async ({
	page,
	context,
	baseURL,
}) => {
	const user = await createUser();
	await signInAs(context, baseURL, user);
	const before = await storedProfile(user.id);
	await page.goto('/ja/profile/edit');
	await hydrated(page);
	const field = (key: MessageKey) => page.getByLabel(ja(key), { exact: true });

	// Over-long text: the browser says so with the server's messages.
	await field('profiles.field.headline').fill('あ'.repeat(121));
	await field('profiles.field.bio').fill('<script>alert(1)</script> 私の話');
	await field('profiles.field.japan_start_year').fill('2020');
	await field('profiles.field.japan_end_year').fill('2019');
	await page
		.getByRole('button', { name: ja('profiles.edit.save') })
		.first()
		.click();
	const summary = page.locator('.error-summary');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText(ja('profiles.error.headlineTooLong', { headlineMax: 120 }));
	await expect(summary).toContainText(ja('profiles.error.endBeforeStart'));
	await expect(field('profiles.field.bio')).toHaveValue('<script>alert(1)</script> 私の話');

	// The same input posted without the browser's checks: the server refuses it the same way.
	const body = await formFields(page, 'form.profile-form', {});
	const posted = await page.request.post('/ja/profile/edit?_action=profiles.save', {
		headers: { origin: baseURL ?? '', 'content-type': 'application/x-www-form-urlencoded' },
		data: body,
	});
	expect(posted.status()).toBe(400);
	expect(await posted.text()).toContain(ja('profiles.error.headlineTooLong', { headlineMax: 120 }));

	// Values that are in no list, as someone posting directly might send.
	const unknown = await page.request.post('/ja/profile/edit?_action=profiles.save', {
		headers: { origin: baseURL ?? '', 'content-type': 'application/x-www-form-urlencoded' },
		data: await formFields(page, 'form.profile-form', {
			headline: 'ok',
			japan_end_year: '2021',
			japan_field: 'space_travel',
			prefectures: ['13', '99'],
			email_visibility: 'public',
			business_stage: 'unicorn',
		}),
	});
	expect(unknown.status()).toBe(400);
	const html = await unknown.text();
	expect(html).toContain(ja('profiles.error.choose'));
	expect(await storedProfile(user.id)).toEqual(before);

	// Someone else's id or the verified flag cannot be posted in: they are not fields of the form.
	const { data: others } = await adminClient()
		.from('profiles')
		.select('id')
		.neq('id', user.id)
		.limit(1);
	await page.request.post('/ja/profile/edit?_action=profiles.save', {
		headers: { origin: baseURL ?? '', 'content-type': 'application/x-www-form-urlencoded' },
		data: await formFields(page, 'form.profile-form', {
			headline: 'ok',
			japan_end_year: '2021',
			id: others?.[0]?.id ?? user.id,
			verified: 'true',
		}),
	});
	const after = await storedProfile(user.id);
	expect(after['verified']).toBe(false);
	expect(after['headline']).toBe('ok');

	// HTML and script in text are shown as text, never run.
	await page.goto('/ja/profile/edit');
	await hydrated(page);
	await field('profiles.field.display_name').fill('<img src=x onerror="window.__xss=1">Mai');
	await field('profiles.field.headline').fill('<b>bold</b><script>window.__xss=2</script>');
	await page
		.getByRole('button', { name: ja('profiles.edit.save') })
		.first()
		.click();
	await expect(page.getByRole('status')).toHaveText(ja('profiles.edit.saved'));
	await page.goto('/ja/profile');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'<img src=x onerror="window.__xss=1">Mai'
	);
	await expect(page.getByText('<b>bold</b><script>window.__xss=2</script>')).toBeVisible();
	await expect(page.locator('article b, article img[src="x"]')).toHaveCount(0);
	expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

	// A web page or an SVG renamed .png is refused by its content; nothing is stored.
	await page.goto('/ja/profile/edit');
	await hydrated(page);
	for (const [name, buffer] of [
		['photo.png', HTML_AS_PNG],
		['logo.png', SVG_AS_PNG],
	] as const) {
		await page.getByLabel(ja('profiles.avatar.label')).setInputFiles({
			name,
			mimeType: 'image/png',
			buffer,
		});
		await page.getByRole('button', { name: ja('profiles.avatar.upload') }).click();
		await expect(page.locator('.error-summary')).toContainText(ja('profiles.error.avatarType'));
		await expect(page.getByLabel(ja('profiles.avatar.label'))).toHaveAccessibleDescription(
			new RegExp(ja('profiles.error.avatarType'))
		);
	}
	// Too large: the browser refuses before sending anything.
	await page.getByLabel(ja('profiles.avatar.label')).setInputFiles({
		name: 'big.png',
		mimeType: 'image/png',
		buffer: Buffer.concat([makePng(10, 10), Buffer.alloc(3 * 1024 * 1024)]),
	});
	await page.getByRole('button', { name: ja('profiles.avatar.upload') }).click();
	await expect(page.locator('.error-summary')).toContainText(ja('profiles.error.avatarTooLarge'));
	expect(await storedAvatars(user.id)).toEqual([]);
	expect((await storedProfile(user.id))['avatar_path']).toBeNull();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('onboarding, the profile, the photo and account deletion all work', async ({
		page,
		context,
		baseURL,
	}) => {
		// A long journey, with uploads of several megabytes.
		test.slow();
		const user = await createUser(uniqueEmail('nojs'), PASSWORD, { onboarded: false });
		await signInAs(context, baseURL, user);
		await page.goto('/vi/account');
		await expect(page).toHaveURL(/\/vi\/welcome$/);
		const vi = createTranslator('vi');
		await page.getByLabel(vi('profiles.field.display_name'), { exact: true }).fill('Phạm Văn An');
		await page.getByRole('button', { name: vi('onboarding.submit') }).click();
		await expect(page.locator('.error-summary')).toContainText(
			vi('onboarding.error.kindsRequired')
		);
		await expect(page.getByLabel(vi('profiles.field.display_name'), { exact: true })).toHaveValue(
			'Phạm Văn An'
		);
		await page.getByRole('checkbox', { name: vi('profiles.kind.in_japan') }).check();
		await page.getByRole('button', { name: vi('onboarding.submit') }).click();
		await expect(page).toHaveURL(/\/vi\/profile\/edit\?saved=welcome$/);

		// A failed save shows every input again; a good one saves.
		const field = (key: MessageKey) => page.getByLabel(vi(key), { exact: true });
		await field('profiles.field.headline').fill('Thợ xây, Osaka');
		await page.getByRole('checkbox', { name: 'Osaka', exact: true }).check();
		await field('profiles.field.japan_start_year').fill('năm ngoái');
		await page
			.getByRole('button', { name: vi('profiles.edit.save') })
			.first()
			.click();
		await expect(page.locator('.error-summary')).toContainText(vi('profiles.error.yearInvalid'));
		await expect(page).toHaveTitle(new RegExp(`^${vi('form.errorTitle', { title: '' })}`));
		await expect(field('profiles.field.headline')).toHaveValue('Thợ xây, Osaka');
		await expect(page.getByRole('checkbox', { name: 'Osaka', exact: true })).toBeChecked();
		await field('profiles.field.japan_start_year').fill('2019');
		await page
			.getByRole('button', { name: vi('profiles.edit.save') })
			.first()
			.click();
		await expect(page.getByRole('status')).toHaveText(vi('profiles.edit.saved'));
		expect(await storedProfile(user.id)).toMatchObject({
			headline: 'Thợ xây, Osaka',
			prefectures: [27],
			japan_start_year: 2019,
		});

		// Photo: the server checks what the browser could not.
		const upload = async (name: string, buffer: Buffer) => {
			await page.getByLabel(vi('profiles.avatar.label')).setInputFiles({
				name,
				mimeType: 'image/png',
				buffer,
			});
			await page.getByRole('button', { name: vi('profiles.avatar.upload') }).click();
		};
		await upload('evil.png', HTML_AS_PNG);
		await expect(page.locator('.error-summary')).toContainText(vi('profiles.error.avatarType'));
		await upload('huge.png', Buffer.concat([makePng(10, 10), Buffer.alloc(12 * 1024 * 1024)]));
		await expect(page.locator('.error-summary')).toContainText(vi('profiles.error.avatarTooLarge'));
		await upload('almost.png', Buffer.concat([makePng(10, 10), Buffer.alloc(2 * 1024 * 1024)]));
		await expect(page.locator('.error-summary')).toContainText(vi('profiles.error.avatarTooLarge'));
		expect(await storedAvatars(user.id)).toEqual([]);
		await upload('an.png', makePng(300, 300));
		await expect(page.getByRole('status')).toHaveText(vi('profiles.avatar.saved'));
		expect(await storedAvatars(user.id)).toHaveLength(1);
		await page.getByRole('button', { name: vi('profiles.avatar.remove') }).click();
		await expect(page.getByRole('status')).toHaveText(vi('profiles.avatar.removed'));
		expect(await storedAvatars(user.id)).toEqual([]);

		// Deleting the account.
		await page.goto('/vi/account/delete');
		await page.getByRole('button', { name: vi('account.delete.submit') }).click();
		await expect(page.locator('.error-summary')).toContainText(
			vi('account.error.confirmationRequired')
		);
		await page.getByLabel(vi('account.delete.confirmLabel')).fill(user.email.toUpperCase());
		await page.getByRole('button', { name: vi('account.delete.submit') }).click();
		await expect(page).toHaveURL(/\/vi\/account\/deleted$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(vi('account.deleted.title'));
		const { error } = await adminClient().auth.admin.getUserById(user.id);
		expect(error).not.toBeNull();
	});
});

test.describe('the account page, without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('leads to every member area in one or two steps, and staff to their queue @phone', async ({
		page,
		context,
		baseURL,
	}) => {
		const user = await createUser();
		await signInAs(context, baseURL, user);
		// From a page rendered for them: the profile and the account in the header, the directory in
		// the main menu.
		await page.goto('/directory');
		const banner = page.getByRole('banner');
		await expect(banner.getByRole('link', { name: en('profiles.nav.myProfile') })).toHaveAttribute(
			'href',
			'/profile'
		);
		await expect(banner.getByRole('link', { name: en('nav.directory') })).toHaveAttribute(
			'href',
			'/directory'
		);
		await banner.getByRole('link', { name: en('nav.account') }).click();
		await expect(page).toHaveURL(/\/account$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('auth.account.title'));

		const main = page.getByRole('main');
		const areas: [MessageKey, string][] = [
			['profiles.nav.myProfile', '/profile'],
			['profiles.edit.title', '/profile/edit'],
			['verification.person.title', '/verification'],
			['organisations.mine.title', '/organisations'],
			['organisations.mine.create', '/organisations/new'],
			['account.settings.title', '/account/settings'],
			['account.settings.changeEmail', '/account/email'],
			['auth.account.changePassword', '/reset-password'],
			['account.delete.title', '/account/delete'],
		];
		for (const [key, path] of areas) {
			await expect(main.getByRole('link', { name: en(key), exact: true })).toHaveAttribute(
				'href',
				path
			);
			// Only what exists is linked.
			expect((await page.request.get(path)).status(), path).toBe(200);
		}
		await expect(main.getByRole('link', { name: en('verification.queue.title') })).toHaveCount(0);

		// The download works from here too.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			main.getByRole('button', { name: en('account.export.submit') }).click(),
		]);
		const data = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
			account: { email: string };
		};
		expect(data.account.email).toBe(user.email);

		// Organisations: the second step.
		await main.getByRole('link', { name: en('organisations.mine.title') }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			en('organisations.mine.title')
		);

		// Staff also find the review queue, in their language.
		await grantStaff(user.id);
		await page.goto('/ja/account');
		await expect(
			page.getByRole('main').getByRole('link', { name: ja('verification.queue.title') })
		).toHaveAttribute('href', '/ja/staff/verification');
		await expect(
			page.getByRole('main').getByRole('link', { name: ja('organisations.mine.title') })
		).toHaveAttribute('href', '/ja/organisations');
	});

	test('a verified person is warned next to the checked facts, and told when a change ended the verification', async ({
		page,
		context,
		baseURL,
	}) => {
		const user = await createUser();
		// As staff approving a verification request would (the service role may).
		await adminClient()
			.from('profiles')
			.update({
				verified: true,
				verified_at: new Date().toISOString(),
				programmes: ['titp_2'],
				japan_start_year: 2017,
			})
			.eq('id', user.id);
		await signInAs(context, baseURL, user);
		await page.goto('/profile/edit');
		await expect(page.locator('#verified-notice')).toHaveText(en('profiles.verified.notice'));
		await expect(page.locator('#japan .verified-notice')).toHaveText(
			en('profiles.verified.japanNotice')
		);
		const field = (key: MessageKey) => page.getByLabel(en(key), { exact: true });
		const checked = containing(en('profiles.verified.fieldHint'));
		// The facts private.profiles_protect() compares, and nothing else, carry the warning.
		await expect(field('profiles.field.display_name')).toHaveAccessibleDescription(checked);
		await expect(field('profiles.field.japan_field')).toHaveAccessibleDescription(checked);
		await expect(field('profiles.field.japan_start_year')).toHaveAccessibleDescription(checked);
		await expect(field('profiles.field.japan_end_year')).toHaveAccessibleDescription(checked);
		await expect(field('profiles.field.jlpt_level')).toHaveAccessibleDescription(checked);
		await expect(field('profiles.field.jft_basic')).toHaveAccessibleDescription(checked);
		await expect(page.locator('#programmes-hint')).toHaveText(checked);
		await expect(page.locator('#skills_tests-hint')).toHaveText(checked);
		await expect(field('profiles.field.headline')).not.toHaveAccessibleDescription(checked);
		await expect(field('profiles.field.japan_job')).not.toHaveAccessibleDescription(checked);
		await expect(page.locator('#languages-hint')).not.toHaveText(checked);

		// A change staff did not check keeps the verification.
		const save = page.getByRole('button', { name: en('profiles.edit.save') }).first();
		await field('profiles.field.headline').fill('Still verified');
		await save.click();
		await expect(page).toHaveURL(/\/profile\/edit\?saved=profile$/);
		expect(await storedProfile(user.id)).toMatchObject({
			headline: 'Still verified',
			verified: true,
		});

		// Changing a checked fact ends it, and the next page says so and how to ask again.
		await field('profiles.field.japan_start_year').fill('2018');
		await save.click();
		await expect(page).toHaveURL(/\/profile\/edit\?saved=unverified$/);
		const status = page.getByRole('status');
		await expect(status).toContainText(en('profiles.edit.savedUnverified'));
		await expect(status.getByRole('link', { name: en('profiles.edit.askAgain') })).toHaveAttribute(
			'href',
			'/verification'
		);
		expect(await storedProfile(user.id)).toMatchObject({
			japan_start_year: 2018,
			verified: false,
			verified_at: null,
		});
		// No longer verified: nothing left to warn about.
		await page.goto('/profile/edit');
		await expect(page.locator('#verified-notice')).toHaveCount(0);
		await expect(field('profiles.field.display_name')).not.toHaveAccessibleDescription(checked);
	});
});

test('export holds everything including the files, and deletion removes the account', async ({
	page,
	context,
	baseURL,
}) => {
	const user = await createUser();
	await signInAs(context, baseURL, user);
	await page.goto('/profile/edit');
	await hydrated(page);
	await page.getByLabel(en('profiles.avatar.label')).setInputFiles({
		name: 'me.png',
		mimeType: 'image/png',
		buffer: makePng(400, 400),
	});
	await page.getByRole('button', { name: en('profiles.avatar.upload') }).click();
	await expect(page.getByRole('status')).toHaveText(en('profiles.avatar.saved'));

	await page.goto('/account/settings');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: en('account.export.submit') }).click(),
	]);
	expect(download.suggestedFilename()).toMatch(/^okaeri-my-data-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
		account: { email: string };
		profile: { display_name: string; bio_visibility: string };
		files: { bucket: string; name: string; content_base64?: string }[];
	};
	expect(data.account.email).toBe(user.email);
	expect(data.profile.display_name).toBe(`Member ${user.email.split('@')[0]}`);
	expect(data.profile.bio_visibility).toBe('members');
	expect(data.files).toHaveLength(1);
	expect(data.files[0]?.bucket).toBe('avatars');
	const bytes = Buffer.from(data.files[0]?.content_base64 ?? '', 'base64');
	expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
	expect(bytes.subarray(8, 12).toString('ascii')).toBe('WEBP');

	// Deleting: a wrong confirmation changes nothing; the right one removes everything.
	await page.goto('/account/settings');
	await page.getByRole('link', { name: en('account.delete.start') }).click();
	await hydrated(page);
	await page.getByLabel(en('account.delete.confirmLabel')).fill('someone@example.com');
	await page.getByRole('button', { name: en('account.delete.submit') }).click();
	await expect(page.locator('.error-summary')).toContainText(
		en('account.error.confirmationMismatch')
	);
	expect((await adminClient().auth.admin.getUserById(user.id)).error).toBeNull();
	await page.getByLabel(en('account.delete.confirmLabel')).fill(user.email);
	await page.getByRole('button', { name: en('account.delete.submit') }).click();
	await expect(page).toHaveURL(/\/account\/deleted$/);
	await expect(
		page.getByRole('banner').getByRole('link', { name: en('nav.signIn') })
	).toBeVisible();
	expect((await adminClient().auth.admin.getUserById(user.id)).error).not.toBeNull();
	expect(await storedAvatars(user.id)).toEqual([]);
	const { data: rows } = await adminClient().from('profiles').select('id').eq('id', user.id);
	expect(rows).toEqual([]);
	await page.goto('/account');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
});

test('the email address is changed through the emailed links', async ({
	page,
	context,
	baseURL,
}) => {
	const user = await createUser();
	await signInAs(context, baseURL, user);
	await page.goto('/account/settings');
	await page.getByRole('link', { name: en('account.settings.changeEmail') }).click();
	await hydrated(page);
	await page.getByLabel(en('account.email.newLabel')).fill(user.email);
	await page.getByRole('button', { name: en('account.email.submit') }).click();
	await expect(page.locator('.error-summary')).toContainText(en('account.error.sameEmail'));
	const newEmail = uniqueEmail('moved');
	await page.getByLabel(en('account.email.newLabel')).fill(newEmail);
	await page.getByRole('button', { name: en('account.email.submit') }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('account.email.sentTitle'));
	// Open the link to the new address (and, when the server asks for both, the other one).
	await openEmailLink(page, await emailLink(newEmail, 'email_change_new'));
	if (
		(await page.getByRole('heading', { level: 1 }).textContent()) ===
		en('account.confirm.halfTitle')
	) {
		await openEmailLink(page, await emailLink(user.email, 'email_change_current'));
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		en('account.confirm.changedTitle')
	);
	const { data } = await adminClient().auth.admin.getUserById(user.id);
	expect(data.user?.email).toBe(newEmail);
});

test.describe('accessibility', () => {
	let visibleId = '';
	test.beforeAll(async () => {
		const visible = await createUser();
		visibleId = visible.id;
		await adminClient()
			.from('profiles')
			.update({
				headline: 'Care worker, 4 years in Osaka',
				bio: 'I help people prepare for care work in Japan.',
				home_country: 'ID',
				programmes: ['ssw_1'],
				japan_field: 'nursing_care',
				prefectures: [27],
				looking_for: ['to_mentor'],
				profile_visibility: 'public',
				bio_visibility: 'public',
				// As staff approving a verification request would (the service role may).
				verified: true,
				verified_at: new Date().toISOString(),
			})
			.eq('id', visible.id);
	});

	const SIGNED_IN = [
		'/account',
		'/welcome',
		'/profile/edit',
		'/profile',
		'/profile?as=public',
		'/account/settings',
		'/account/email',
		'/account/delete',
	];
	for (const locale of LOCALES) {
		for (const path of SIGNED_IN) {
			test(`${localePath(locale, path)} has no axe violations`, async ({
				page,
				context,
				baseURL,
			}) => {
				await signInAs(context, baseURL, await createUser());
				await page.goto(localePath(locale, path));
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expect(
					page.getByRole('banner').getByRole('link', { name: t(locale, 'profiles.nav.myProfile') })
				).toBeVisible();
				expect(await axeViolations(page)).toEqual([]);
			});
		}

		test(`${localePath(locale, '/people/…')} has no axe violations, signed in and out`, async ({
			page,
			context,
			baseURL,
		}) => {
			await page.goto(localePath(locale, `/people/${visibleId}`));
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Member /);
			await expect(
				page.getByText(t(locale, 'profiles.page.verified'), { exact: true })
			).toBeVisible();
			expect(await axeViolations(page)).toEqual([]);
			await signInAs(context, baseURL, await createUser());
			await page.goto(localePath(locale, `/people/${visibleId}`));
			expect(await axeViolations(page)).toEqual([]);
			await page.goto(localePath(locale, '/people/00000000-0000-4000-8000-000000000000'));
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				t(locale, 'profiles.page.notFoundTitle')
			);
			expect(await axeViolations(page)).toEqual([]);
		});

		test(`${localePath(locale, '/profile/edit')} showing errors has no axe violations`, async ({
			page,
			context,
			baseURL,
		}) => {
			await signInAs(context, baseURL, await createUser());
			await page.goto(localePath(locale, '/profile/edit'));
			await hydrated(page);
			await page.getByLabel(t(locale, 'profiles.field.display_name'), { exact: true }).fill('');
			await page
				.getByLabel(t(locale, 'profiles.field.japan_start_year'), { exact: true })
				.fill('x');
			await page
				.getByRole('button', { name: t(locale, 'profiles.edit.save') })
				.first()
				.click();
			await expect(page.locator('.error-summary')).toBeFocused();
			expect(await axeViolations(page)).toEqual([]);
		});

		test(`${localePath(locale, '/profile/edit')} of a verified member, and its notice after a change, have no axe violations`, async ({
			page,
			context,
			baseURL,
		}) => {
			const user = await createUser();
			await adminClient()
				.from('profiles')
				.update({ verified: true, verified_at: new Date().toISOString() })
				.eq('id', user.id);
			await signInAs(context, baseURL, user);
			await page.goto(localePath(locale, '/profile/edit'));
			await expect(page.locator('#verified-notice')).toHaveText(
				t(locale, 'profiles.verified.notice')
			);
			expect(await axeViolations(page)).toEqual([]);
			await page.goto(localePath(locale, '/profile/edit?saved=unverified'));
			await expect(page.getByRole('status')).toContainText(
				t(locale, 'profiles.edit.savedUnverified')
			);
			expect(await axeViolations(page)).toEqual([]);
		});

		test(`${localePath(locale, '/account/deleted')} and the email link page have no axe violations`, async ({
			page,
		}) => {
			await page.goto(localePath(locale, '/account/deleted'));
			expect(await axeViolations(page)).toEqual([]);
			await page.goto(localePath(locale, '/account/email/confirm?error_code=otp_expired'));
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				t(locale, 'account.confirm.failedTitle')
			);
			expect(await axeViolations(page)).toEqual([]);
		});
	}
});
