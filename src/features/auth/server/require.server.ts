import type { AstroGlobal } from 'astro';
import { localePath } from '~/i18n/locales.ts';
import { AUTH_PATHS, signInUrl } from '../paths.ts';
import type { UserClaims } from './session.server.ts';

/** The parts of `Astro` (or an API context) the helpers read. */
export type RequestContext = Pick<AstroGlobal, 'locals' | 'url' | 'redirect'>;

/**
 * Returns the signed-in user, or a redirect to the sign-in page that comes back here afterwards.
 * Call it first in a protected page:
 * `const user = requireUser(Astro); if (user instanceof Response) return user;`.
 * It only makes for good redirects; row-level security is what protects the data.
 */
export function requireUser(context: RequestContext): UserClaims | Response {
	const { user, locale } = context.locals;
	if (user) return user;
	const here = `${context.url.pathname}${context.url.search}`;
	return context.redirect(signInUrl(locale, here), 303);
}

/**
 * Returns a redirect to the account page when someone is already signed in, or undefined.
 * For pages that only make sense signed out (sign in, sign up).
 */
export function requireAnonymous(context: RequestContext): Response | undefined {
	const { user, locale } = context.locals;
	return user ? context.redirect(localePath(locale, AUTH_PATHS.account), 303) : undefined;
}

/**
 * After a form posted to an action succeeded with `{ redirectTo }`, the redirect that sends the
 * browser on (post/redirect/get), so a reload does not post again. Undefined otherwise.
 */
export function redirectOnSuccess(
	context: RequestContext,
	result: { data?: object | undefined } | undefined
): Response | undefined {
	const data = result?.data;
	if (!data || !('redirectTo' in data) || typeof data.redirectTo !== 'string') return undefined;
	return context.redirect(data.redirectTo, 303);
}
