import { describe, expect, test } from 'vitest';
import {
	CSP_DIRECTIVES,
	CSP_SCRIPT_RESOURCES,
	HSTS,
	NON_PAGE_CSP,
	isHttpsOrigin,
	securityHeaders,
	withStorageImages,
} from './security-headers.ts';

describe('securityHeaders', () => {
	test('sends HSTS only for an https origin', () => {
		expect(securityHeaders('https://okaeri.example')['Strict-Transport-Security']).toBe(HSTS);
		expect(HSTS).toBe('max-age=63072000; includeSubDomains');
		for (const origin of ['http://localhost:4321', 'http://127.0.0.1:4410', '', 'not a url'])
			expect(securityHeaders(origin)).not.toHaveProperty('Strict-Transport-Security');
	});

	test('always sends nosniff, the referrer, permissions and opener policies', () => {
		for (const origin of ['https://okaeri.example', 'http://localhost:4321']) {
			const headers = securityHeaders(origin);
			expect(headers['X-Content-Type-Options']).toBe('nosniff');
			expect(headers['Referrer-Policy']).toBe('same-origin');
			expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
			for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
				expect(headers['Permissions-Policy']).toContain(`${feature}=()`);
		}
	});
});

describe('the Content-Security-Policy', () => {
	test('refuses framing, plugins, foreign forms and base URLs; scripts need a hash', () => {
		expect(CSP_DIRECTIVES).toEqual(
			expect.arrayContaining([
				"frame-ancestors 'none'",
				"object-src 'none'",
				"base-uri 'self'",
				"form-action 'self'",
			])
		);
		expect(CSP_SCRIPT_RESOURCES).not.toContain("'unsafe-inline'");
		expect(CSP_SCRIPT_RESOURCES).not.toContain("'unsafe-eval'");
		expect(NON_PAGE_CSP).toContain("frame-ancestors 'none'");
		expect(NON_PAGE_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
		expect(NON_PAGE_CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'|sha256-/);
	});

	test('withStorageImages adds the storage origin to img-src once', () => {
		const csp = "default-src 'self'; img-src 'self' data:; script-src 'self'";
		const added = withStorageImages(csp, 'http://127.0.0.1:54321/');
		expect(added).toBe(
			"default-src 'self'; img-src 'self' data: http://127.0.0.1:54321; script-src 'self'"
		);
		expect(withStorageImages(added, 'http://127.0.0.1:54321')).toBe(added);
		// Astro writes its policy without spaces after the semicolons.
		expect(withStorageImages("img-src 'self';script-src 'self'", 'https://x.supabase.co/')).toBe(
			"img-src 'self' https://x.supabase.co; script-src 'self'"
		);
		expect(withStorageImages("default-src 'self'", 'https://x.supabase.co')).toBe(
			"default-src 'self'; img-src 'self' https://x.supabase.co"
		);
		expect(withStorageImages("default-src 'none'", 'https://x.supabase.co')).toBe(
			"default-src 'none'; img-src https://x.supabase.co"
		);
		expect(withStorageImages(csp, '')).toBe(csp);
	});
});

test('isHttpsOrigin', () => {
	expect(isHttpsOrigin('https://okaeri.example')).toBe(true);
	expect(isHttpsOrigin('http://okaeri.example')).toBe(false);
	expect(isHttpsOrigin('')).toBe(false);
});
