import { afterEach, describe, expect, test, vi } from 'vitest';
import { authCookieNames, hasAuthCookie, siteCookieOptions } from './server.ts';

describe('authCookieNames', () => {
	test('finds the session cookie, whole or in chunks, and nothing else', () => {
		const header =
			'theme=dark; sb-127-auth-token.0=a; sb-127-auth-token.1=b; sb-127-auth-token-code-verifier=c';
		expect(authCookieNames(header)).toEqual(['sb-127-auth-token.0', 'sb-127-auth-token.1']);
		expect(authCookieNames('sb-abcd-auth-token=x')).toEqual(['sb-abcd-auth-token']);
	});
	test('is empty without cookies', () => {
		expect(authCookieNames(null)).toEqual([]);
		expect(hasAuthCookie('')).toBe(false);
		expect(hasAuthCookie('sb-127-auth-token=x')).toBe(true);
	});
});

describe('siteCookieOptions', () => {
	afterEach(() => void vi.unstubAllEnvs());

	test('HttpOnly, SameSite=Lax, Path=/ always; Secure for an https site or request', () => {
		vi.stubEnv('SITE_URL', 'http://localhost:4321');
		const local = new URL('http://localhost:4321/sign-in');
		expect(siteCookieOptions(local)).toEqual({
			path: '/',
			sameSite: 'lax',
			httpOnly: true,
			secure: false,
		});
		expect(siteCookieOptions(new URL('https://localhost:4321/sign-in')).secure).toBe(true);
		// Behind a proxy that ends TLS, the request is http but the site is https.
		vi.stubEnv('SITE_URL', 'https://okaeri.example');
		expect(siteCookieOptions(new URL('http://10.0.0.5:8080/sign-in')).secure).toBe(true);
	});
});
