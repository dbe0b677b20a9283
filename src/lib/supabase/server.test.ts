import { describe, expect, test } from 'vitest';
import { authCookieNames, hasAuthCookie } from './server.ts';

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
