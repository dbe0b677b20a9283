import { writeFile } from 'node:fs/promises';
import bcrypt from 'bcryptjs';
import { axeViolations, expect, test } from './fixtures.ts';
import {
	PASSWORD,
	adminClient,
	createUser,
	emailLink,
	signInAs,
	uniqueEmail,
} from './auth-helpers.ts';
import {
	CORPORATE_NUMBER,
	HTML_AS_PNG,
	PDF,
	PNG,
	SVG_AS_PNG,
	createOrganisation,
	fillOrganisationForm,
	grantStaff,
	islandReady,
	makeReturnee,
	organisationsNamed,
	signedInUser,
	uniqueName,
	userId,
} from './organisations-helpers.ts';
import { makePng } from '../fixtures/images.ts';
import { LOCALES, localePath } from '../../src/i18n/locales.ts';
import { createTranslator } from '../../src/i18n/translate.ts';

const en = createTranslator('en');

/** A pattern that matches a message anywhere in a longer text. */
const containing = (message: string) => new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** The stored logo's bytes, as the public bucket serves them, and their type. */
async function servedLogo(page: import('@playwright/test').Page) {
	const src = (await page.locator('img.logo').getAttribute('src')) ?? '';
	const response = await page.request.get(src);
	return { src, type: response.headers()['content-type'], body: await response.body() };
}

test('an SME member creates an organisation and asks for verification; staff approve it; the directory finds it and a returnee', async ({
	page,
	context,
	browser,
	baseURL,
}) => {
	test.slow();
	await signedInUser(context, baseURL, 'sme');
	const name = uniqueName('Sato Precision');

	// Create the organisation, logo included.
	await page.goto('/organisations/new');
	await islandReady(page);
	await fillOrganisationForm(page, {
		name,
		kind: 'Japanese SME',
		corporateNumber: '7000-0120-50002',
		country: 'Japan',
		prefecture: 'Aichi',
		sector: 'Industrial products manufacturing',
		size: '10–49 people',
		website: 'sato.example.jp',
		description:
			'Precision machining in Aichi.\nWe look for former interns to start a partner workshop.',
	});
	// A wide logo, larger than the site serves, with bytes after its image data.
	const upload = Buffer.concat([makePng(800, 400), Buffer.from('camera serial 12345')]);
	await page
		.getByLabel('Logo')
		.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: upload });
	await page.getByRole('button', { name: 'Create the organisation' }).click();

	await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}\?notice=created$/);
	const organisationUrl = page.url().replace(/\?.*$/, '');
	const organisationId = organisationUrl.split('/').pop() ?? '';
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(page.getByRole('status')).toHaveText(en('organisations.notice.created'));
	await expect(page.getByText(CORPORATE_NUMBER)).toBeVisible();
	await expect(page.getByText('Aichi, Japan')).toBeVisible();
	// Stored as the avatars are: scaled to fit 256 × 256 (its shape kept), WebP, nothing else kept.
	const logo = page.locator('img.logo');
	await expect(logo).toHaveAttribute(
		'src',
		new RegExp(`/org-logos/${organisationId}/logo-.+\\.webp$`)
	);
	await expect(logo).toHaveJSProperty('naturalWidth', 256);
	await expect(logo).toHaveJSProperty('naturalHeight', 128);
	const stored = await servedLogo(page);
	expect(stored.type).toBe('image/webp');
	expect(stored.body.subarray(8, 12).toString('ascii')).toBe('WEBP');
	expect(stored.body.length).toBeLessThan(upload.length);
	expect(stored.body.includes('camera serial')).toBe(false);

	// Ask for verification with a document.
	await page.getByRole('link', { name: 'Ask for the organisation to be verified' }).click();
	await islandReady(page);
	await expect(page.getByLabel('Corporate number (法人番号)')).toHaveValue(CORPORATE_NUMBER);
	await page
		.getByLabel('Anything staff should know (optional)')
		.fill('I am the managing director.');
	await page.getByLabel('Documents').setInputFiles({
		name: 'registration.pdf',
		mimeType: 'application/pdf',
		buffer: PDF,
	});
	await page.getByRole('button', { name: 'Send the request' }).click();
	await expect(page.getByRole('status')).toHaveText(en('verification.notice.requested'));
	await expect(
		page.getByRole('heading', { name: en('verification.status.pending') })
	).toBeVisible();

	// Staff: a role only the service role grants.
	const staffContext = await browser.newContext();
	const staffEmail = uniqueEmail('staff');
	await createUser(staffEmail);
	await grantStaff(await userId(staffEmail));
	await signInAs(staffContext, baseURL, {
		email: staffEmail,
		password: 'correct horse battery staple',
	});
	const staff = await staffContext.newPage();
	await staff.goto('/staff/verification');
	await staff.getByRole('link', { name }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Review: ${name}`);
	await expect(staff.getByText('I am the managing director.')).toBeVisible();
	await expect(staff.getByText(CORPORATE_NUMBER)).toBeVisible();
	const evidence = staff.getByRole('link', { name: /^Document 1/ });
	const signed = (await evidence.getAttribute('href')) ?? '';
	expect(signed).toMatch(/\/storage\/v1\/object\/sign\/documents\/.+\?token=/);
	const file = await staff.request.get(signed);
	expect(file.status()).toBe(200);
	expect(await file.body()).toEqual(PDF);
	// The document is private: without the signature it is not served.
	const unsigned = signed.replace('/object/sign/', '/object/public/').replace(/\?.*$/, '');
	expect((await staff.request.get(unsigned)).status()).toBeGreaterThanOrEqual(400);

	await staff.getByRole('radio', { name: 'Approve', exact: true }).check();
	await staff.getByRole('button', { name: 'Save the decision' }).click();
	await expect(staff).toHaveURL(/\/staff\/verification\?notice=approved$/);
	await expect(staff.getByRole('status')).toHaveText(en('verification.notice.approved'));
	await staffContext.close();

	// The owner sees the badge.
	await page.goto(organisationUrl);
	await expect(page.locator('.org-header').getByText('Verified')).toBeVisible();

	// A returnee, listed publicly.
	const returneeEmail = uniqueEmail('returnee');
	await createUser(returneeEmail);
	const returneeName = uniqueName('Nguyễn Văn');
	const returneeId = await userId(returneeEmail);
	await makeReturnee(returneeId, {
		display_name: returneeName,
		headline: 'Welder, now running a workshop in Da Nang',
		home_country: 'VN',
		programmes: ['titp_2'],
		japan_field: 'construction',
		jlpt_level: 'n3',
		languages: ['vi', 'ja'],
		business_stage: 'started',
		looking_for: ['jv_partner'],
	});

	// The directory finds both, for anyone, through its filters (signed out here).
	const visitor = await browser.newPage();
	await visitor.goto('/directory/organisations');
	await visitor.getByLabel('Kind of organisation').selectOption({ label: 'Japanese SME' });
	await visitor.getByLabel('Prefecture in Japan').selectOption({ label: 'Aichi' });
	await visitor.getByLabel('Only verified organisations').check();
	await visitor.getByLabel('Search organisations').fill(name.split(' ').pop() ?? '');
	await visitor
		.getByRole('search', { name: 'Search the directory' })
		.getByRole('button', { name: 'Search' })
		.click();
	await expect(visitor).toHaveURL(/kind=japanese_sme/);
	await expect(visitor).toHaveURL(/verified=1/);
	const card = visitor.locator('.card', { hasText: name });
	await expect(card).toBeVisible();
	await expect(card.getByText('Verified')).toBeVisible();
	await card.getByRole('link', { name }).click();
	await expect(visitor).toHaveURL(organisationUrl);

	await visitor.goto('/directory');
	await visitor.getByLabel('Country').selectOption({ label: 'Vietnam' });
	await visitor.getByLabel('Field of work in Japan').selectOption({ label: 'Construction' });
	await visitor.getByLabel('Japanese level (JLPT)').selectOption({ label: 'N4 or higher' });
	await visitor
		.getByLabel('Looking for', { exact: true })
		.selectOption({ label: 'A joint-venture partner' });
	await visitor.getByRole('button', { name: 'Apply filters' }).click();
	const person = visitor.locator('.card', { hasText: returneeName });
	await expect(person).toBeVisible();
	await expect(person.getByRole('link', { name: returneeName })).toHaveAttribute(
		'href',
		`/people/${returneeId}`
	);
	// Fuzzy name search finds the returnee without the accents.
	await visitor.goto(
		`/directory?q=${encodeURIComponent(returneeName.replace('Nguyễn Văn', 'nguyen van'))}`
	);
	await expect(visitor.locator('.card', { hasText: returneeName })).toBeVisible();
	await visitor.close();
});

test('the directory ignores unknown filters, explains empty results and offers to widen them @phone', async ({
	page,
}) => {
	await page.goto(
		'/directory?country=Narnia&field=%3Cscript%3E&jlpt=n9&page=-3&verified=1&sort=chaos'
	);
	await expect(page.getByRole('status').first()).toContainText(
		'We did not understand some of the filters in this address'
	);
	// What could be read is kept; what could not is dropped, and the form says so.
	await expect(page.getByLabel('Country')).toHaveValue('');
	await expect(page.getByLabel(/Only people whose Japan track record/)).toBeChecked();

	const nobody = uniqueName('zzqx');
	await page.goto(
		`/directory/organisations?q=${encodeURIComponent(nobody)}&kind=lender&country=KE`
	);
	await expect(
		page.getByRole('heading', { level: 2, name: /No organisation matches/ })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'remove the filter “Lender”' })).toBeVisible();
	await page.getByRole('link', { name: 'remove the filter “Country: Kenya”' }).click();
	await expect(page).toHaveURL(/kind=lender/);
	await expect(page).not.toHaveURL(/country=/);
	await expect(page.getByLabel('Search organisations')).toHaveValue(nobody);

	// Search text is shown as text, never run.
	await page.goto('/directory?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
	await expect(page.locator('#results-heading')).toContainText('<img src=x onerror=alert(1)>');
});

test('bad input: clear errors, nothing stored, the rest of the input kept (with JavaScript)', async ({
	page,
	context,
	baseURL,
}) => {
	await signedInUser(context, baseURL, 'bad');
	await page.goto('/organisations/new');
	await islandReady(page);
	const name = uniqueName('<b>Bold</b> & Co');
	await fillOrganisationForm(page, {
		name,
		kind: 'NGO',
		country: 'Kenya',
		prefecture: 'Tokyo',
		corporateNumber: '1234567890123',
		website: 'javascript:alert(1)',
		description: 'x'.repeat(2001),
	});
	await page.getByLabel('Logo').setInputFiles(HTML_AS_PNG);
	await page.getByRole('button', { name: 'Create the organisation' }).click();

	const summary = page.locator('.error-summary');
	await expect(summary).toBeFocused();
	for (const key of [
		'organisations.error.corporateNumberCheckDigit',
		'organisations.error.prefectureJapanOnly',
		'organisations.error.websiteInvalid',
		'organisations.error.logoType',
	] as const) {
		await expect(summary).toContainText(en(key));
	}
	await expect(summary).toContainText('The description must be 2000 characters or fewer');
	await expect(page).toHaveURL(/\/organisations\/new$/);
	await expect(page.getByLabel('Name of the organisation')).toHaveValue(name);

	// An SVG is refused too.
	await page.getByLabel('Corporate number (法人番号)').fill('');
	await page.getByLabel('Prefecture').selectOption({ label: 'Not given' });
	await page.getByLabel('Website').fill('');
	await page.getByLabel('About the organisation').fill('<script>alert(1)</script>');
	await page.getByLabel('Logo').setInputFiles(SVG_AS_PNG);
	await page.getByRole('button', { name: 'Create the organisation' }).click();
	await expect(summary).toContainText(en('organisations.error.logoType'));
	await expect(summary).not.toContainText(en('organisations.error.websiteInvalid'));
	expect(await organisationsNamed(name)).toBe(0);

	// Fixed: saved, and the HTML is shown as text.
	await page.getByLabel('Logo').setInputFiles([]);
	await page.getByRole('button', { name: 'Create the organisation' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(page.getByText('<script>alert(1)</script>')).toBeVisible();
	expect(await organisationsNamed(name)).toBe(1);

	// Editing checks in the browser too, and saves.
	await page.getByRole('link', { name: 'Edit the details and logo' }).click();
	await islandReady(page);
	await expect(page.getByLabel('Name of the organisation')).toHaveValue(name);
	await page.getByLabel('Name of the organisation').fill('');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.locator('.error-summary')).toContainText(
		en('organisations.error.nameRequired')
	);
	await page.getByLabel('Name of the organisation').fill(`${name} (Kenya)`);
	await page
		.getByLabel('Logo')
		.setInputFiles({ name: 'logo.webp', mimeType: 'image/webp', buffer: PNG });
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status')).toHaveText(en('organisations.notice.saved'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} (Kenya)`);
	await expect(page.locator('img.logo')).toHaveAttribute('src', /\.webp$/);
	// A small logo is not enlarged.
	await expect(page.locator('img.logo')).toHaveJSProperty('naturalWidth', 1);

	// And the logo can be removed again.
	await page.getByRole('link', { name: 'Edit the details and logo' }).click();
	await islandReady(page);
	await page.getByLabel('Remove the logo').check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status')).toHaveText(en('organisations.notice.saved'));
	await expect(page.locator('img.logo')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the server refuses a renamed web page and a 50 MB upload, keeps the input and stores nothing', async ({
		page,
		context,
		baseURL,
	}, testInfo) => {
		await signedInUser(context, baseURL, 'nojs');
		const name = uniqueName('Nairobi Returnees');
		await page.goto('/organisations/new');
		await fillOrganisationForm(page, {
			name,
			kind: 'Diaspora association',
			country: 'Kenya',
			description: 'We meet every month.',
		});
		await page.getByLabel('Logo').setInputFiles(HTML_AS_PNG);
		await page.getByRole('button', { name: 'Create the organisation' }).click();
		const summary = page.locator('.error-summary');
		await expect(summary).toContainText(en('organisations.error.logoType'));
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.getByLabel('Name of the organisation')).toHaveValue(name);
		await expect(page.getByLabel('Country')).toHaveValue('KE');
		await expect(page.getByLabel('About the organisation')).toHaveValue('We meet every month.');

		// 50 MB: more than a post may carry, so the server refuses it before reading it.
		const huge = testInfo.outputPath('huge.png');
		await writeFile(huge, Buffer.concat([PNG, Buffer.alloc(50 * 1024 * 1024)]));
		await page.getByLabel('Logo').setInputFiles(huge);
		await page.getByRole('button', { name: 'Create the organisation' }).click();
		await expect(summary).toContainText(en('organisations.error.logoTooLarge', { logoMaxMb: 2 }));
		await expect(page.getByLabel('Name of the organisation')).toHaveValue(name);
		await expect(page.getByLabel('What kind of organisation is it?')).toHaveValue(
			'diaspora_association'
		);
		expect(await organisationsNamed(name)).toBe(0);

		// Without a logo it is created, and edited, without JavaScript.
		await page.getByLabel('Logo').setInputFiles([]);
		await page.getByRole('button', { name: 'Create the organisation' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
		await page.getByRole('link', { name: 'Edit the details and logo' }).click();
		await page.getByLabel('Website').fill('kenya-returnees.example.org');
		// Judged by its content: a PNG without a telling name or type is still a PNG.
		await page.getByLabel('New logo').or(page.getByLabel('Logo')).setInputFiles({
			name: 'logo',
			mimeType: 'application/octet-stream',
			buffer: PNG,
		});
		await page.getByRole('button', { name: 'Save changes' }).click();
		await expect(page.getByRole('status')).toHaveText(en('organisations.notice.saved'));
		await expect(page.getByRole('link', { name: 'kenya-returnees.example.org' })).toHaveAttribute(
			'href',
			'https://kenya-returnees.example.org'
		);
		await expect(page.locator('img.logo')).toHaveAttribute('src', /\.webp$/);
		expect((await servedLogo(page)).type).toBe('image/webp');

		// The server decodes what it stores: an image with a good header and broken data, or one
		// that claims too many pixels, is refused and the old logo stays.
		const broken = makePng(64, 64);
		broken.fill(7, 40);
		const tooManyPixels = makePng(8, 8);
		tooManyPixels.writeUInt32BE(20_000, 16);
		tooManyPixels.writeUInt32BE(20_000, 20);
		const before = await servedLogo(page);
		for (const [buffer, key] of [
			[broken, 'organisations.error.logoUnreadable'],
			[tooManyPixels, 'organisations.error.logoDimensions'],
		] as const) {
			await page.getByRole('link', { name: 'Edit the details and logo' }).click();
			await page.getByLabel('Website').fill('changed.example.org');
			await page
				.getByLabel('New logo')
				.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer });
			await page.getByRole('button', { name: 'Save changes' }).click();
			await expect(page.locator('.error-summary')).toContainText(en(key));
			await expect(page.getByLabel('New logo')).toHaveAccessibleDescription(containing(en(key)));
			await expect(page.getByLabel('Website')).toHaveValue('changed.example.org');
			await page.goto(page.url().replace(/\/edit.*$/, ''));
			await expect(page.getByRole('link', { name: 'kenya-returnees.example.org' })).toBeVisible();
			expect((await servedLogo(page)).src).toBe(before.src);
		}
	});

	test('an owner of a verified organisation is warned next to the checked details, and told when a change ended it', async ({
		page,
		context,
		baseURL,
	}) => {
		const owner = await signedInUser(context, baseURL, 'verified-owner');
		const name = uniqueName('Verified Works');
		const organisationId = await createOrganisation(owner.id, {
			name,
			kind: 'japanese_sme',
			country: 'JP',
			corporate_number: CORPORATE_NUMBER,
			// As staff approving a verification request would (the service role may).
			verified: true,
			verified_at: new Date().toISOString(),
		});
		const stored = async () =>
			(
				await adminClient()
					.from('organisations')
					.select('name, website, verified, verified_at')
					.eq('id', organisationId)
					.single()
			).data;

		await page.goto(`/organisations/${organisationId}/edit`);
		await expect(page.locator('#verified-notice')).toHaveText(
			en('organisations.form.verifiedNotice')
		);
		// What private.organisations_protect() compares, and nothing else, carries the warning.
		const checked = containing(en('organisations.form.verifiedHint'));
		for (const label of [
			'Name of the organisation',
			'What kind of organisation is it?',
			'Corporate number (法人番号)',
			'Country',
		]) {
			await expect(page.getByLabel(label, { exact: true })).toHaveAccessibleDescription(checked);
		}
		for (const label of ['Province, state or city', 'Website', 'About the organisation']) {
			await expect(page.getByLabel(label, { exact: true })).not.toHaveAccessibleDescription(
				checked
			);
		}

		// Other details change freely.
		await page.getByLabel('Website').fill('verified-works.example.jp');
		await page.getByRole('button', { name: 'Save changes' }).click();
		await expect(page).toHaveURL(new RegExp(`/organisations/${organisationId}\\?notice=saved$`));
		expect(await stored()).toMatchObject({
			website: 'https://verified-works.example.jp',
			verified: true,
		});

		// A new name ends the verification; the next page says so and how to ask again.
		await page.getByRole('link', { name: 'Edit the details and logo' }).click();
		await page.getByLabel('Name of the organisation').fill(`${name} Holdings`);
		await page.getByRole('button', { name: 'Save changes' }).click();
		await expect(page).toHaveURL(
			new RegExp(`/organisations/${organisationId}\\?notice=saved-unverified$`)
		);
		const status = page.getByRole('status');
		await expect(status).toContainText(en('organisations.notice.savedUnverified'));
		await expect(
			status.getByRole('link', { name: en('organisations.notice.askAgain') })
		).toHaveAttribute('href', `/organisations/${organisationId}/verification`);
		await expect(page.locator('.org-header').getByText('Verified', { exact: true })).toHaveCount(0);
		expect(await stored()).toMatchObject({
			name: `${name} Holdings`,
			verified: false,
			verified_at: null,
		});
		await page.goto(`/organisations/${organisationId}/edit`);
		await expect(page.locator('#verified-notice')).toHaveCount(0);
	});

	test('the directory searches and pages with plain links and GET forms', async ({ page }) => {
		const owner = await createUser(uniqueEmail('pager'));
		const ownerId = await userId(owner.email);
		const tag = uniqueName('Pagetest').split(' ')[1] ?? 'x';
		const { error } = await adminClient()
			.from('organisations')
			.insert(
				Array.from({ length: 23 }, (_, i) => ({
					kind: 'incubator',
					name: `Incubator ${tag} ${String(i + 1).padStart(2, '0')}`,
					country: 'KE',
					created_by: ownerId,
				}))
			);
		expect(error).toBeNull();

		await page.goto('/directory/organisations');
		await page.getByLabel('Search organisations').fill(tag);
		await page.getByLabel('Country').selectOption({ label: 'Kenya' });
		await page.getByLabel('Order').selectOption({ label: 'By name' });
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await expect(page).toHaveURL(/country=KE/);
		await expect(page.getByLabel('Country')).toHaveValue('KE');
		await expect(page.locator('#results-heading')).toHaveText(
			`Organisations matching “${tag}”: 23`
		);
		await expect(page.getByText('Showing 1–20 of 23')).toBeVisible();
		await expect(page.locator('.card')).toHaveCount(20);
		await expect(page.locator('.card').first()).toContainText(`Incubator ${tag} 01`);

		const pages = page.getByRole('navigation', { name: 'Pages of results' });
		await expect(pages).toContainText('Page 1 of 2');
		await pages.getByRole('link', { name: 'Next page' }).click();
		await expect(page).toHaveURL(/page=2/);
		await expect(page.locator('.card')).toHaveCount(3);
		await expect(page.getByText('Showing 21–23 of 23')).toBeVisible();
		await pages.getByRole('link', { name: 'Previous page' }).click();
		await expect(page.locator('.card')).toHaveCount(20);

		// Past the last page: a way back, not an error.
		await page.goto(`/directory/organisations?q=${tag}&page=9`);
		await expect(page.getByText('There is nothing on page 9')).toBeVisible();
		await page.getByRole('link', { name: 'Go to the first page of results' }).click();
		await expect(page.locator('.card')).toHaveCount(20);
	});
});

test('someone else’s organisation cannot be changed, and unknown values are refused by the server', async ({
	page,
	context,
	baseURL,
}) => {
	const owner = await createUser(uniqueEmail('owner'));
	const ownerId = await userId(owner.email);
	const name = uniqueName('Owned Elsewhere');
	const organisationId = await createOrganisation(ownerId, { name });
	await signedInUser(context, baseURL, 'stranger');

	// The edit page explains; it offers no form.
	await page.goto(`/organisations/${organisationId}/edit`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		en('organisations.notOwner.title')
	);
	await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);

	// A forged post with its id changes nothing.
	const origin = new URL(baseURL ?? '').origin;
	const forged = await page.request.post(
		`/organisations/${organisationId}/edit?_action=organisations.update`,
		{
			headers: { origin },
			multipart: { id: organisationId, name: 'Taken over', kind: 'ngo', country: 'VN' },
		}
	);
	expect(forged.status()).toBe(403);
	expect(await forged.text()).toContain(en('organisations.notOwner.title'));
	expect(await organisationsNamed(name)).toBe(1);
	expect(await organisationsNamed('Taken over')).toBe(0);

	// Nor can a stranger invite people into it, or see its members.
	const invite = await page.request.post(
		`/organisations/${organisationId}/members?_action=organisations.invite`,
		{
			headers: { origin },
			form: { organisation_id: organisationId, email: 'friend@example.com', role: 'owner' },
		}
	);
	expect(invite.status()).toBe(403);
	const { count } = await adminClient()
		.from('organisation_invitations')
		.select('id', { count: 'exact', head: true })
		.eq('organisation_id', organisationId);
	expect(count).toBe(0);
	await page.goto(`/organisations/${organisationId}/members`);
	await expect(page.getByText(en('organisations.members.notMember'))).toBeVisible();

	// Values outside the lists are refused with a message, not stored.
	const odd = uniqueName('Odd Values');
	const unknown = await page.request.post('/organisations/new?_action=organisations.create', {
		headers: { origin },
		multipart: { name: odd, kind: 'bank', country: 'XX', sector: 'mining', size: 'huge' },
	});
	expect(unknown.status()).toBe(400);
	expect(await unknown.text()).toContain(en('organisations.error.choose'));
	expect(await organisationsNamed(odd)).toBe(0);

	// The staff queue is for staff only.
	await page.goto('/staff/verification');
	await expect(page.getByText(en('verification.staffOnly'))).toBeVisible();
});

test('an owner invites a colleague by email; only that address can accept', async ({
	page,
	context,
	browser,
	baseURL,
}) => {
	const owner = await signedInUser(context, baseURL, 'inviter');
	const name = uniqueName('Mekong Trading');
	const organisationId = await createOrganisation(owner.id, { name });
	const inviteeEmail = uniqueEmail('invitee');

	await page.goto(`/organisations/${organisationId}/members`);
	await islandReady(page);
	await page.getByLabel('Their email address').fill(inviteeEmail);
	await page.getByRole('button', { name: 'Send the invitation' }).click();
	await expect(page).toHaveURL(/notice=invited/);
	const link = await page.getByLabel('Invitation link').inputValue();
	expect(link).toMatch(/\/invitations\/[0-9a-f]{64}$/);

	// Someone else, signed in with another address, cannot accept it.
	const strangerContext = await browser.newContext();
	const strangerEmail = uniqueEmail('stranger');
	await createUser(strangerEmail);
	await signInAs(strangerContext, baseURL, {
		email: strangerEmail,
		password: 'correct horse battery staple',
	});
	const stranger = await strangerContext.newPage();
	await stranger.goto(new URL(link).pathname);
	await expect(stranger.getByText(/this invitation was sent to another address/)).toBeVisible();
	await expect(stranger.getByRole('button', { name: 'Accept and join' })).toHaveCount(0);
	await strangerContext.close();

	// The invitee signs in with the invited address and joins.
	const inviteeContext = await browser.newContext();
	await createUser(inviteeEmail);
	const invitee = await inviteeContext.newPage();
	await invitee.goto(new URL(link).pathname);
	await expect(invitee).toHaveURL(/\/sign-in\?next=/);
	await invitee.getByLabel('Email address').fill(inviteeEmail);
	await invitee.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
	await invitee.getByRole('button', { name: 'Sign in' }).click();
	await expect(invitee.getByRole('heading', { level: 1 })).toHaveText(`Join ${name}`);
	await invitee.getByRole('button', { name: 'Accept and join' }).click();
	await expect(invitee).toHaveURL(new RegExp(`/organisations/${organisationId}\\?notice=joined$`));
	await expect(invitee.getByRole('heading', { name: 'People' })).toBeVisible();
	await inviteeContext.close();

	await page.goto(`/organisations/${organisationId}/members`);
	await expect(page.getByText(en('organisations.members.noInvitations'))).toBeVisible();
	await expect(page.getByRole('row')).toHaveCount(3);
});

test('the invitation email reaches the invitee through the mailbox', async ({
	page,
	context,
	baseURL,
}) => {
	// The site sends its own emails with POST /mailbox/v1/messages (service role).
	const owner = await signedInUser(context, baseURL, 'mailer');
	const name = uniqueName('Mailbox Test');
	const organisationId = await createOrganisation(owner.id, { name });
	const inviteeEmail = uniqueEmail('invited');
	await page.goto(`/organisations/${organisationId}/members`);
	await islandReady(page);
	await page.getByLabel('Their email address').fill(inviteeEmail);
	await page.getByRole('button', { name: 'Send the invitation' }).click();
	await expect(page).toHaveURL(/notice=invited$/);
	await expect(page.getByRole('status')).toHaveText(en('organisations.notice.invited'));
	const link = await emailLink(inviteeEmail, 'organisation_invitation');
	expect(link).toBe(await page.getByLabel('Invitation link').inputValue());
});

test('a returnee asks for verification; staff refuse with a reason the returnee reads, and approve the next request', async ({
	page,
	context,
	browser,
	baseURL,
}) => {
	test.slow();
	const returnee = await signedInUser(context, baseURL, 'verify-me');
	const name = uniqueName('Trần Thị');
	await makeReturnee(returnee.id, {
		display_name: name,
		home_country: 'VN',
		programmes: ['titp_1'],
		japan_field: 'food_service',
	});

	await page.goto('/verification');
	await islandReady(page);
	// A web page renamed .pdf is refused by its content, before anything is sent.
	await page.getByLabel('Documents').setInputFiles({
		name: 'certificate.pdf',
		mimeType: 'application/pdf',
		buffer: HTML_AS_PNG.buffer,
	});
	await page.getByLabel('Anything staff should know (optional)').fill('My certificate from Osaka.');
	await page.getByRole('button', { name: 'Send the request' }).click();
	await expect(page.locator('.error-summary')).toContainText(en('verification.error.evidenceType'));
	await expect(page.getByLabel('Anything staff should know (optional)')).toHaveValue(
		'My certificate from Osaka.'
	);

	// A photo of the certificate, whatever the browser calls it, is accepted.
	await page.getByLabel('Documents').setInputFiles({
		name: 'IMG_0042',
		mimeType: 'application/octet-stream',
		buffer: PNG,
	});
	await page.getByRole('button', { name: 'Send the request' }).click();
	await expect(page.getByRole('status')).toHaveText(en('verification.notice.requested'));

	const staffContext = await browser.newContext();
	const staffEmail = uniqueEmail('staff');
	await createUser(staffEmail);
	await grantStaff(await userId(staffEmail));
	await signInAs(staffContext, baseURL, {
		email: staffEmail,
		password: 'correct horse battery staple',
	});
	const staff = await staffContext.newPage();
	await staff.goto('/staff/verification');
	await staff.getByRole('link', { name }).click();
	await expect(
		staff.getByText('Food service').or(staff.getByText('Food service industry'))
	).toBeVisible();
	// The decision form's island must be hydrated, or hydration may undo a choice made before it.
	await islandReady(staff);
	const evidence = await staff.request.get(
		(await staff.getByRole('link', { name: /^Document 1/ }).getAttribute('href')) ?? ''
	);
	expect(evidence.headers()['content-type']).toBe('image/png');

	// Refusing needs a reason.
	await staff.getByRole('radio', { name: 'Do not approve' }).check();
	await staff.getByRole('button', { name: 'Save the decision' }).click();
	await expect(staff.locator('.error-summary')).toContainText(
		en('verification.error.reasonRequired')
	);
	await staff
		.getByLabel('Reason')
		.fill('The photo is too blurred to read. Please send a clearer one. <script>alert(1)</script>');
	await staff.getByRole('button', { name: 'Save the decision' }).click();
	await expect(staff.getByRole('status')).toHaveText(en('verification.notice.rejected'));

	// The returnee reads the reason (as text) and can ask again.
	await page.goto('/verification');
	await expect(
		page.getByRole('heading', { name: en('verification.status.rejected') })
	).toBeVisible();
	await expect(
		page.getByText(
			'The photo is too blurred to read. Please send a clearer one. <script>alert(1)</script>'
		)
	).toBeVisible();
	await page
		.getByLabel('Documents')
		.setInputFiles({ name: 'clear.pdf', mimeType: 'application/pdf', buffer: PDF });
	await page.getByRole('button', { name: 'Send the request' }).click();
	await expect(page.getByRole('status')).toHaveText(en('verification.notice.requested'));

	await staff.goto('/staff/verification');
	await staff.getByRole('link', { name }).first().click();
	await staff.getByRole('radio', { name: 'Approve', exact: true }).check();
	await staff.getByRole('button', { name: 'Save the decision' }).click();
	await expect(staff.getByRole('status')).toHaveText(en('verification.notice.approved'));
	await staffContext.close();

	await page.goto('/verification');
	await expect(page.getByText(/Your Japan track record is verified/)).toBeVisible();
	await page.goto(`/directory?verified=1&q=${encodeURIComponent(name)}`);
	await expect(page.locator('.card', { hasText: name }).getByText('Verified')).toBeVisible();
});

test.describe('a directory search that matches more than 1,000 people', () => {
	const tag = uniqueName('Capped').split(' ')[1] ?? 'capped';

	test.beforeAll(async () => {
		// A thousand accounts take a while to create.
		test.setTimeout(180_000);
		// 1,005 people whose names share a word: more than directory_search() counts.
		const admin = adminClient();
		// One cheap hash for all of them: hashing a password per account would take minutes.
		const passwordHash = bcrypt.hashSync(PASSWORD, 4);
		const people = Array.from({ length: 1005 }, (_, i) => i);
		for (let start = 0; start < people.length; start += 25) {
			await Promise.all(
				people.slice(start, start + 25).map(async (i) => {
					const { error } = await admin.auth.admin.createUser({
						email: `${tag}-${i}@example.com`,
						email_confirm: true,
						password_hash: passwordHash,
						user_metadata: { display_name: `Capped ${tag} ${String(i).padStart(4, '0')}` },
					});
					if (error) throw error;
				})
			);
		}
		const { error } = await admin
			.from('profiles')
			.update({ kinds: ['returnee'], profile_visibility: 'public' })
			.like('display_name', `Capped ${tag} %`);
		if (error) throw error;
	});

	test('says “more than 1,000” in the reader’s numbers and pages only through the first 1,000', async ({
		page,
	}) => {
		await page.goto(`/directory?q=${tag}`);
		await expect(page.locator('#results-heading')).toHaveText(
			en('directory.countMatchingCapped', { count: 1000, query: tag })
		);
		await expect(page.locator('#results-heading')).toHaveText(
			`More than 1,000 results for “${tag}”`
		);
		await expect(page.getByText(en('directory.capped', { count: 1000 }))).toBeVisible();
		await expect(page.getByText('Showing 1–20 of more than 1,000')).toBeVisible();
		await expect(page.locator('.card')).toHaveCount(20);
		const pages = page.getByRole('navigation', { name: en('directory.pages.label') });
		await expect(pages).toContainText(en('directory.pages.current', { page: 1, pages: 50 }));

		// The last page offered is the one that ends at the 1,000th person; none goes past it.
		await page.goto(`/directory?q=${tag}&page=50`);
		await expect(page.getByText('Showing 981–1,000 of more than 1,000')).toBeVisible();
		await expect(page.locator('.card')).toHaveCount(20);
		await expect(pages.getByRole('link', { name: en('directory.pages.next') })).toHaveCount(0);
		await expect(pages.getByRole('link', { name: en('directory.pages.previous') })).toHaveAttribute(
			'href',
			`/directory?page=49&q=${tag}`
		);
		await page.goto(`/directory?q=${tag}&page=51`);
		await expect(page.getByRole('status').first()).toContainText(
			en('directory.ignored', { filters: en('directory.param.page') })
		);
		await expect(page.getByText('Showing 1–20 of more than 1,000')).toBeVisible();

		// Numbers are written the reader's way: 1.000 in Indonesian.
		const id = createTranslator('id');
		await page.goto(`/id/directory?q=${tag}&sort=name`);
		await expect(page.locator('#results-heading')).toHaveText(
			id('directory.countMatchingCapped', { count: 1000, query: tag })
		);
		await expect(page.locator('#results-heading')).toContainText('1.000');
		await expect(
			page.getByText(id('directory.rangeCapped', { from: 1, to: 20, total: 1000 }))
		).toBeVisible();
		expect(await axeViolations(page)).toEqual([]);
	});
});

test('an organisation search that matches more than 1,000 says so and pages only through the first 1,000', async ({
	page,
}) => {
	const tag = uniqueName('Orgcap').split(' ')[1] ?? 'orgcap';
	// 1,005 organisations whose names share a word: more than organisation_search() counts.
	const { error } = await adminClient()
		.from('organisations')
		.insert(
			Array.from({ length: 1005 }, (_, i) => ({
				kind: 'ngo' as const,
				name: `Network ${tag} ${String(i).padStart(4, '0')}`,
				country: 'KE',
			}))
		);
	expect(error).toBeNull();

	await page.goto(`/directory/organisations?q=${tag}&sort=name`);
	await expect(page.locator('#results-heading')).toHaveText(`More than 1,000 results for “${tag}”`);
	await expect(page.getByText(en('directory.capped', { count: 1000 }))).toBeVisible();
	await expect(page.getByText('Showing 1–20 of more than 1,000')).toBeVisible();
	await expect(page.locator('.card').first()).toContainText(`Network ${tag} 0000`);
	const pages = page.getByRole('navigation', { name: en('directory.pages.label') });
	await expect(pages).toContainText(en('directory.pages.current', { page: 1, pages: 50 }));

	await page.goto(`/directory/organisations?q=${tag}&sort=name&page=50`);
	await expect(page.getByText('Showing 981–1,000 of more than 1,000')).toBeVisible();
	await expect(page.locator('.card').last()).toContainText(`Network ${tag} 0999`);
	await expect(pages.getByRole('link', { name: en('directory.pages.next') })).toHaveCount(0);
	await page.goto(`/directory/organisations?q=${tag}&sort=name&page=51`);
	await expect(page.getByRole('status').first()).toContainText(
		en('directory.ignored', { filters: en('directory.param.page') })
	);
	expect(await axeViolations(page)).toEqual([]);
});

test.describe('accessibility', () => {
	test.slow();
	for (const locale of LOCALES) {
		test(`every organisation, verification and directory page has no axe violations in ${locale}`, async ({
			page,
			context,
			baseURL,
		}) => {
			const owner = await signedInUser(context, baseURL, `axe-${locale}`);
			await grantStaff(owner.id);
			const organisationId = await createOrganisation(owner.id, {
				kind: 'japanese_sme',
				country: 'JP',
				prefecture: 13,
				corporate_number: CORPORATE_NUMBER,
				description: 'An organisation for the accessibility check.',
			});
			const verifiedId = await createOrganisation(owner.id, {
				verified: true,
				verified_at: new Date().toISOString(),
			});
			const { data: invitation } = await adminClient()
				.from('organisation_invitations')
				.insert({ organisation_id: organisationId, email: uniqueEmail('axe'), role: 'member' })
				.select('token')
				.single();
			const other = await createUser(uniqueEmail('axe-request'));
			const { data: request } = await adminClient()
				.from('verification_requests')
				.insert({ subject_user_id: await userId(other.email), message: 'Please check.' })
				.select('id')
				.single();
			const paths = [
				'/directory',
				'/directory?country=VN&verified=1',
				'/directory/organisations',
				'/directory/organisations?q=zzzz-no-match',
				'/organisations',
				'/organisations/new',
				`/organisations/${organisationId}`,
				`/organisations/${organisationId}/edit`,
				`/organisations/${organisationId}/members`,
				`/organisations/${organisationId}/verification`,
				`/organisations/${verifiedId}/edit`,
				`/organisations/${verifiedId}?notice=saved-unverified`,
				`/invitations/${(invitation as { token: string }).token}`,
				'/verification',
				'/staff/verification',
				`/staff/verification/${(request as { id: string }).id}`,
			];
			for (const path of paths) {
				await page.goto(localePath(locale, path));
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				expect(await axeViolations(page), localePath(locale, path)).toEqual([]);
			}
		});
	}
});
