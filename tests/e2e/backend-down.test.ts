/**
 * The built site with its backend down: pages rendered on demand answer a translated 503 page (in the
 * visitor's language, with a retry link and no stack trace), and prerendered knowledge pages keep answering
 * 200. The suite starts its own site (tests/e2e/site-process.ts) pointed at a port where nothing listens.
 */
import { test as base } from '@playwright/test';
import { axeViolations, expect } from './fixtures.ts';
import { freePort, startSite, type SiteProcess } from './site-process.ts';

/** The console errors of a page, but for the load of its own document (a 503 on purpose). */
const test = base.extend<{ consoleErrors: string[] }>({
	consoleErrors: [
		async ({ page }, use) => {
			const errors: string[] = [];
			page.on('console', (msg) => {
				const ownDocument = msg.location().url === page.url();
				if (msg.type() === 'error' && !(ownDocument && /status of 503/.test(msg.text())))
					errors.push(msg.text());
			});
			page.on('pageerror', (err) => errors.push(err.message));
			await use(errors);
			expect(errors, 'console errors').toEqual([]);
		},
		{ auto: true },
	],
});

/**
 * A session cookie as @supabase/ssr writes it, with a well-formed (unverifiable) access token: the site has to
 * ask the auth server about it, and cannot.
 */
function sessionCookie(): string {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const exp = Math.floor(Date.now() / 1000) + 3600;
	const sub = '00000000-0000-4000-8000-000000000001';
	const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, exp, role: 'authenticated', aud: 'authenticated' })}.c2lnbmF0dXJl`;
	const session = {
		access_token: token,
		refresh_token: 'refresh',
		token_type: 'bearer',
		expires_in: 3600,
		expires_at: exp,
		user: { id: sub, aud: 'authenticated', role: 'authenticated' },
	};
	return `sb-127-auth-token=base64-${part(session)}`;
}

let site: SiteProcess | undefined;
let siteUrl = '';

test.beforeAll(async () => {
	test.setTimeout(120_000);
	// Nothing listens on the second port: every request to the backend is refused.
	site = await startSite(await freePort(), {
		SUPABASE_URL: `http://127.0.0.1:${await freePort()}`,
		SUPABASE_ANON_KEY: 'anon-key-of-a-backend-that-is-down',
		SUPABASE_SERVICE_ROLE_KEY: 'service-key-of-a-backend-that-is-down',
	});
	siteUrl = site.url;
});

test.afterAll(async () => {
	await site?.stop();
});

const PAGES = [
	{ path: '/directory', lang: 'en', title: 'Okaeri is briefly unavailable' },
	{ path: '/ja/directory?page=2', lang: 'ja', title: 'Okaeri は一時的にご利用いただけません' },
	{ path: '/vi/people/00000000-0000-4000-8000-000000000001', lang: 'vi', title: 'Okaeri tạm thời' },
	{ path: '/id/directory/organisations', lang: 'id', title: 'Okaeri sedang tidak tersedia' },
	{
		path: '/sw/organisations/00000001-0000-4000-8000-000000000001',
		lang: 'sw',
		title: 'Okaeri haipatikani',
	},
];

test.describe('with the backend down', () => {
	for (const { path, lang, title } of PAGES) {
		test(`${path} answers the translated 503 page`, async ({ request }) => {
			const response = await request.get(`${siteUrl}${path}`, { maxRedirects: 0 });
			expect(response.status()).toBe(503);
			expect(response.headers()['retry-after']).toBe('30');
			expect(response.headers()['cache-control']).toBe('no-store');
			// The site's headers still go with it (scripts/serve.ts and the page's own policy).
			expect(response.headers()['x-content-type-options']).toBe('nosniff');
			expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
			const html = await response.text();
			expect(html).toContain(`lang="${lang}"`);
			expect(html).toContain(title);
			expect(html).toContain(`href="${path}"`);
			expect(html).not.toMatch(/ECONNREFUSED|fetch failed|\bat [\w.]+ \(/);
		});
	}

	test('a signed-in visitor gets the same page, not a sign-in redirect', async ({ request }) => {
		const response = await request.get(`${siteUrl}/profile/edit`, {
			headers: { cookie: sessionCookie() },
			maxRedirects: 0,
		});
		expect(response.status()).toBe(503);
		expect(await response.text()).toContain('Okaeri is briefly unavailable');
	});

	test('an action answers 503 with a message its caller can show', async ({ request }) => {
		const response = await request.post(`${siteUrl}/_actions/mentoring.sendMessage`, {
			headers: { origin: siteUrl, cookie: sessionCookie() },
			multipart: { mentorship_id: '00000000-0000-4000-8000-000000000001', body: 'hello' },
		});
		expect(response.status()).toBe(503);
		expect(await response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
	});

	test('knowledge pages keep serving', async ({ request }) => {
		for (const path of ['/', '/guides', '/ja/pathways/ssw-1', '/sw/glossary']) {
			const response = await request.get(`${siteUrl}${path}`);
			expect(response.status(), path).toBe(200);
		}
	});

	test('the page reads well and passes axe @phone', async ({ page }, testInfo) => {
		const response = await page.goto(`${siteUrl}/ja/directory`);
		expect(response?.status()).toBe(503);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Okaeri は一時的にご利用いただけません'
		);
		await expect(page.getByRole('link', { name: 'もう一度試す' })).toHaveAttribute(
			'href',
			'/ja/directory'
		);
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: testInfo.outputPath('backend-down.png'), fullPage: true });
	});
});
