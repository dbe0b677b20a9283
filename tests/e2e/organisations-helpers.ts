import { expect, type BrowserContext, type Page } from '@playwright/test';
import { adminClient, createUser, signInAs, uniqueEmail } from './auth-helpers.ts';

/** A 1×1 PNG: the smallest real image, accepted as a logo. */
export const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);

/** A minimal PDF, accepted as evidence. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A web page with a script, to be renamed `logo.png` and refused. */
export const HTML_AS_PNG = {
	name: 'logo.png',
	mimeType: 'image/png',
	buffer: Buffer.from('<!doctype html><script>alert("pwned")</script>'),
};

/** An SVG with a script, to be renamed `logo.png` and refused. */
export const SVG_AS_PNG = {
	name: 'logo.png',
	mimeType: 'image/png',
	buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
};

/** A corporate number with a valid check digit (the National Tax Agency's own). */
export const CORPORATE_NUMBER = '7000012050002';

/** A name no other test uses, so searches find exactly this test's records. */
export function uniqueName(label: string): string {
	return `${label} ${Math.random().toString(36).slice(2, 8)}`;
}

/** Creates a confirmed account, signs the browser context in as it, and returns it with its id. */
export async function signedInUser(
	context: BrowserContext,
	baseURL: string | undefined,
	label = 'member'
) {
	const user = await createUser(uniqueEmail(label));
	await signInAs(context, baseURL, user);
	return { ...user, id: await userId(user.email) };
}

/** The id of the account with an email address. */
export async function userId(email: string): Promise<string> {
	const { data, error } = await adminClient().auth.admin.listUsers({ perPage: 1000 });
	if (error) throw error;
	const user = data.users.find((u) => u.email === email);
	if (!user) throw new Error(`no account for ${email}`);
	return user.id;
}

/** Makes an account staff: a role only the service role can grant. */
export async function grantStaff(id: string): Promise<void> {
	const { error } = await adminClient().rpc('grant_staff', { p_user_id: id });
	if (error) throw error;
}

/** Fills in a returnee's profile directly (the profile editor is tested on its own). */
export async function makeReturnee(id: string, profile: Record<string, unknown>): Promise<void> {
	const { error } = await adminClient()
		.from('profiles')
		.update({
			kinds: ['returnee'],
			profile_visibility: 'public',
			...profile,
		})
		.eq('id', id);
	if (error) throw error;
}

/** Creates an organisation directly, owned by `ownerId`, and returns its id. */
export async function createOrganisation(
	ownerId: string,
	values: Record<string, unknown> = {}
): Promise<string> {
	const { data, error } = await adminClient()
		.from('organisations')
		.insert({
			kind: 'ngo',
			name: uniqueName('Helping Hands'),
			country: 'VN',
			created_by: ownerId,
			...values,
		})
		.select('id')
		.single();
	if (error) throw error;
	return (data as { id: string }).id;
}

/** How many organisations have this name: to prove that nothing was stored. */
export async function organisationsNamed(name: string): Promise<number> {
	const { count, error } = await adminClient()
		.from('organisations')
		.select('id', { count: 'exact', head: true })
		.eq('name', name);
	if (error) throw error;
	return count ?? 0;
}

/** Fills in the organisation form (labels in English). */
export async function fillOrganisationForm(
	page: Page,
	values: {
		name: string;
		kind?: string;
		corporateNumber?: string;
		country?: string;
		prefecture?: string;
		sector?: string;
		size?: string;
		website?: string;
		description?: string;
	}
): Promise<void> {
	await page.getByLabel('Name of the organisation').fill(values.name);
	if (values.kind)
		await page.getByLabel('What kind of organisation is it?').selectOption({ label: values.kind });
	if (values.corporateNumber) {
		await page.getByLabel('Corporate number (法人番号)').fill(values.corporateNumber);
	}
	if (values.country) await page.getByLabel('Country').selectOption({ label: values.country });
	if (values.prefecture)
		await page.getByLabel('Prefecture').selectOption({ label: values.prefecture });
	if (values.sector) await page.getByLabel('Main sector').selectOption({ label: values.sector });
	if (values.size)
		await page.getByLabel('How many people work there?').selectOption({ label: values.size });
	if (values.website) await page.getByLabel('Website').fill(values.website);
	if (values.description) await page.getByLabel('About the organisation').fill(values.description);
}

/** Waits until a form's island is running, so that the browser checks input first. */
export async function islandReady(page: Page): Promise<void> {
	await expect(page.locator('astro-island:not([ssr])').first()).toBeAttached();
}
