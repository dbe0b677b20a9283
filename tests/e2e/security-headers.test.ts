import type { APIResponse, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { adminClient, createUser, signIn, signInAs } from './auth-helpers.ts';
import { NON_PAGE_CSP } from '../../src/lib/security-headers.ts';

// One response of every kind the built site sends (ADR 014): prerendered pages, pages rendered on
// demand, the 404 page, redirects, static assets, Pagefind, actions and the data export.

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string): Map<string, string[]> {
	const map = new Map<string, string[]>();
	for (const directive of csp.split(';')) {
		const [name, ...sources] = directive.trim().split(/\s+/);
		if (name) map.set(name, sources);
	}
	return map;
}

/** Asserts the headers every response carries; `page` responses also carry a page's policy. */
function expectSecurityHeaders(response: APIResponse, kind: 'page' | 'other'): void {
	const headers = response.headers();
	const where = `${response.status()} ${response.url()}`;
	expect(headers['x-content-type-options'], where).toBe('nosniff');
	expect(headers['referrer-policy'], where).toBe('same-origin');
	expect(headers['cross-origin-opener-policy'], where).toBe('same-origin');
	for (const feature of [
		'camera',
		'microphone',
		'geolocation',
		'payment',
		'usb',
		'browsing-topics',
	])
		expect(headers['permissions-policy'], where).toContain(`${feature}=()`);
	// The suite runs over http: browsers ignore HSTS there, and it is only sent for https origins.
	expect(headers['strict-transport-security'], where).toBeUndefined();

	const csp = headers['content-security-policy'];
	expect(csp, where).toBeTruthy();
	const policy = directives(csp!);
	expect(policy.get('frame-ancestors'), where).toEqual(["'none'"]);
	if (kind === 'other') {
		expect(csp, where).toBe(NON_PAGE_CSP);
		return;
	}
	const scripts = policy.get('script-src') ?? [];
	expect(scripts, where).toContain("'self'");
	expect(
		scripts.some((source) => source.startsWith("'sha256-")),
		where
	).toBe(true);
	expect(scripts, where).not.toContain("'unsafe-inline'");
	expect(scripts, where).not.toContain("'unsafe-eval'");
	expect(policy.get('object-src'), where).toEqual(["'none'"]);
	expect(policy.get('base-uri'), where).toEqual(["'self'"]);
	expect(policy.get('form-action'), where).toEqual(["'self'"]);
	expect(policy.get('style-src') ?? [], where).not.toContain("'unsafe-inline'");
}

test('every kind of response carries the security headers', async ({ request }) => {
	const get = (path: string) => request.get(path, { maxRedirects: 0 });

	// Prerendered: the home page and a knowledge page, served from files.
	for (const path of ['/', '/pathways/titp', '/ja/guides']) {
		const response = await get(path);
		expect(response.status()).toBe(200);
		expectSecurityHeaders(response, 'page');
		// The policy is a header, never a <meta> element (which cannot carry frame-ancestors).
		expect(await response.text()).not.toMatch(/http-equiv="content-security-policy"/i);
	}

	// Rendered on demand, and the 404 page.
	const signInPage = await get('/sign-in');
	expect(signInPage.status()).toBe(200);
	expectSecurityHeaders(signInPage, 'page');
	// Avatars and logos come from Supabase storage: its origin is allowed for images at run time.
	const storage = new URL(process.env['SUPABASE_URL']!).origin;
	expect(directives(signInPage.headers()['content-security-policy']!).get('img-src')).toContain(
		storage
	);
	const html = await signInPage.text();
	expect(html).not.toMatch(/http-equiv="content-security-policy"/i);

	const missing = await get('/no-such-page');
	expect(missing.status()).toBe(404);
	expectSecurityHeaders(missing, 'page');

	// Redirects: to the sign-in page, and the trailing-slash one of the static file server.
	const guarded = await get('/account');
	expect(guarded.status()).toBe(303);
	expectSecurityHeaders(guarded, 'other');
	const slash = await get('/pathways/titp/');
	expect(slash.status()).toBe(301);
	expect(slash.headers()['x-content-type-options']).toBe('nosniff');
	expect(directives(slash.headers()['content-security-policy']!).get('frame-ancestors')).toEqual([
		"'none'",
	]);

	// Static assets: a bundle the sign-in page loads, Pagefind's script and the favicon.
	const bundle = html.match(/\/_astro\/[\w.-]+\.js/)?.[0];
	expect(bundle, 'the sign-in page loads a bundle from /_astro').toBeTruthy();
	for (const path of [bundle!, '/pagefind/pagefind.js', '/favicon.svg']) {
		const response = await get(path);
		expect(response.status(), path).toBe(200);
		expectSecurityHeaders(response, 'other');
	}
});

/** The fields the profile edit form would post, as the browser would send them. */
async function profileForm(page: Page, displayName: string): Promise<string> {
	await page.goto('/profile/edit');
	const entries = await page
		.locator('form[action*="_action=profiles.save"]')
		.evaluate((form: HTMLFormElement) =>
			[...new FormData(form)].map(([name, value]) => [name, String(value)])
		);
	const body = new URLSearchParams(entries);
	body.set('display_name', displayName);
	return body.toString();
}

test('cross-site posts to actions, form pages and the export are refused; same-site ones work', async ({
	page,
	baseURL,
}) => {
	const user = await createUser();
	await signInAs(page.context(), baseURL, user);
	const displayName = async () => {
		const { data, error } = await adminClient()
			.from('profiles')
			.select('display_name')
			.eq('id', user.id)
			.single();
		if (error) throw error;
		return (data as { display_name: string }).display_name;
	};
	const before = await displayName();
	const form = await profileForm(page, 'Changed by evil.example');
	// page.request sends the signed-in browser's cookies, as a forged form post would.
	const post = (path: string, origin: string, data = form) =>
		page.request.post(path, {
			data,
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
			maxRedirects: 0,
		});

	const evil = 'https://evil.example';
	for (const path of [
		'/_actions/profiles.save',
		'/profile/edit?_action=profiles.save',
		'/account/export',
	]) {
		const refused = await post(path, evil);
		expect(refused.status(), path).toBe(403);
		expectSecurityHeaders(refused, 'other');
		expect(refused.headers()['content-disposition'], path).toBeUndefined();
	}
	expect(await displayName()).toBe(before);

	// The same posts from the site itself go through.
	const origin = new URL(baseURL!).origin;
	const saved = await post(
		'/_actions/profiles.save',
		origin,
		await profileForm(page, 'Saved here')
	);
	expect(saved.status()).toBe(200);
	expectSecurityHeaders(saved, 'other');
	expect(await displayName()).toBe('Saved here');

	const viaPage = await post(
		'/profile/edit?_action=profiles.save',
		origin,
		await profileForm(page, 'Saved by the page')
	);
	expect(viaPage.status()).toBe(303);
	expect(await displayName()).toBe('Saved by the page');

	const exported = await post('/account/export', origin, '');
	expect(exported.status()).toBe(200);
	expect(exported.headers()['content-disposition']).toContain('attachment');
	expectSecurityHeaders(exported, 'other');
});

test('the session cookies are HttpOnly, SameSite=Lax, Path=/ and, over http, not Secure', async ({
	page,
}) => {
	const user = await createUser();
	await signIn(page, user.email, user.password);
	await expect(page).toHaveURL(/\/account$/);
	const session = (await page.context().cookies()).filter(({ name }) =>
		/^sb-.+-auth-token(\.\d+)?$/.test(name)
	);
	expect(session.length).toBeGreaterThan(0);
	for (const cookie of session) {
		expect(cookie, cookie.name).toMatchObject({
			httpOnly: true,
			sameSite: 'Lax',
			path: '/',
			secure: false,
		});
	}
	// Scripts on the page cannot read them.
	expect(await page.evaluate(() => document.cookie)).not.toMatch(/sb-.+-auth-token/);
});

test('the browser enforces the policy: injected inline scripts do not run, framing is refused', async ({
	page,
	consoleErrors,
	baseURL,
}) => {
	for (const path of ['/pathways/titp', '/sign-in']) {
		await page.goto(path);
		// An allowed inline script would run during append(); a refused one never runs.
		const ran = await page.evaluate(() => {
			const script = document.createElement('script');
			script.textContent = 'document.documentElement.dataset.injected = "yes"';
			document.body.append(script);
			return document.documentElement.dataset['injected'] ?? 'no';
		});
		expect(ran, path).toBe('no');
		await expect
			.poll(() => consoleErrors.some((error) => error.startsWith('CSP violation: script-src')))
			.toBe(true);
		// The violations were the point of this test; anything else still fails it.
		consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter(notCsp));
	}

	// Another page trying to frame the site gets nothing.
	await page.goto('about:blank');
	await page.setContent(`<iframe src="${baseURL}/pathways/titp" title="framed"></iframe>`);
	const frame = page.frames()[1]!;
	// Chromium shows its error page in place of the refused document.
	await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
	expect(await frame.locator('[data-pagefind-body]').count()).toBe(0);
	consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter(notCsp));
});

/** Whether a console error is not about the Content-Security-Policy. */
function notCsp(error: string): boolean {
	return !/Content Security Policy|CSP violation|frame-ancestors|script-src/.test(error);
}
