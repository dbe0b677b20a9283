import { localePath, type Locale } from '~/i18n/locales.ts';

/** Locale-independent paths of the auth pages; `localePath()` turns them into URLs. */
export const AUTH_PATHS = {
	signIn: '/sign-in',
	signUp: '/sign-up',
	signOut: '/sign-out',
	confirm: '/auth/confirm',
	forgotPassword: '/forgot-password',
	resetPassword: '/reset-password',
	account: '/account',
} as const;

/** Longest `next` accepted; longer values are dropped rather than truncated. */
const NEXT_MAX_LENGTH = 2000;
const BASE = 'http://okaeri.invalid';

/**
 * Returns `raw` as a path on this site, or null when it is anything else. Used for the `next`
 * parameter so that sign-in can never send people to another site (an open redirect): absolute
 * URLs, protocol-relative `//host` and `/\host`, and control characters are refused.
 */
export function safeNextPath(raw: unknown): string | null {
	if (typeof raw !== 'string' || raw.length > NEXT_MAX_LENGTH) return null;
	if (!raw.startsWith('/') || raw.startsWith('//')) return null;
	// Browsers read a backslash as a slash, and drop tabs and newlines: `/\evil.com`, `/\t/evil.com`.
	if ([...raw].some((c) => c === '\\' || c <= '\u001f' || c === '\u007f')) return null;
	let url: URL;
	try {
		url = new URL(raw, BASE);
	} catch {
		return null;
	}
	if (url.origin !== BASE) return null;
	return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The URL of the sign-in page in a locale, with a `next` parameter when there is a safe one to
 * come back to.
 */
export function signInUrl(locale: Locale, next?: string | null): string {
	const path = localePath(locale, AUTH_PATHS.signIn);
	const safe = safeNextPath(next);
	return safe ? `${path}?${new URLSearchParams({ next: safe })}` : path;
}
