import { createServerClient, parseCookieHeader, type CookieOptions } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { AstroCookieSetOptions, AstroCookies } from 'astro';
import { isHttpsOrigin } from '../security-headers.ts';
import { siteOrigin } from '../site-origin.server.ts';
import { getPublicEnv } from './env.server.ts';
import { supabaseFetch } from './fetch.server.ts';

/** The parts of an Astro request context the server client needs. */
export interface CookieContext {
	request: Request;
	url: URL;
	cookies: AstroCookies;
}

/**
 * Creates the Supabase client for one server request: the anon key plus the user's session from the
 * request cookies, so row-level security applies as that user. Session changes (sign-in, refresh,
 * sign-out) are written back as cookies. Create one per request; never share it.
 * @param responseHeaders receives the no-store cache headers that must go with any auth cookie
 * @throws {SupabaseEnvError} when the Supabase environment is not configured
 */
export function createSupabaseServerClient(
	context: CookieContext,
	responseHeaders?: Headers
): SupabaseClient {
	const { url, anonKey } = getPublicEnv();
	return createServerClient(url, anonKey, {
		cookieOptions: siteCookieOptions(context.url),
		// Bounded, and an unreachable backend is reported to the middleware (its 503 page).
		global: { fetch: supabaseFetch },
		cookies: {
			getAll: () => parseCookieHeader(context.request.headers.get('cookie') ?? ''),
			setAll: (cookies, headers) => {
				for (const { name, value, options } of cookies) {
					context.cookies.set(name, value, astroCookieOptions(options));
				}
				for (const [header, value] of Object.entries(headers)) responseHeaders?.set(header, value);
			},
		},
	});
}

/**
 * The attributes of every cookie the site sets, the Supabase session's included: sent on the
 * site's own pages only (Path=/, SameSite=Lax: top-level links from elsewhere still arrive signed
 * in), never readable by scripts (HttpOnly: the browser's Supabase client is not used, ADR 014),
 * and Secure when the site's public origin (SITE_URL) or the request itself is https.
 */
export function siteCookieOptions(requestUrl: URL) {
	return {
		path: '/',
		sameSite: 'lax',
		httpOnly: true,
		secure: isHttpsOrigin(siteOrigin()) || requestUrl.protocol === 'https:',
	} as const satisfies AstroCookieSetOptions & CookieOptions;
}

const ASTRO_COOKIE_OPTIONS = [
	'domain',
	'path',
	'expires',
	'maxAge',
	'httpOnly',
	'sameSite',
	'secure',
	'partitioned',
] as const satisfies readonly (keyof AstroCookieSetOptions)[];

/** The options Astro's cookies accept, of those @supabase/ssr gives (it also sets `priority`). */
function astroCookieOptions(options: CookieOptions): AstroCookieSetOptions {
	const picked: Record<string, unknown> = {};
	for (const name of ASTRO_COOKIE_OPTIONS) {
		if (options[name] !== undefined) picked[name] = options[name];
	}
	return picked as AstroCookieSetOptions;
}

const AUTH_COOKIE = /^sb-.+-auth-token(\.\d+)?$/;

/**
 * The names of the Supabase session cookies in a request (`sb-<ref>-auth-token`, possibly split
 * into `.0`, `.1` … chunks).
 */
export function authCookieNames(cookieHeader: string | null): string[] {
	if (!cookieHeader) return [];
	return parseCookieHeader(cookieHeader)
		.map(({ name }) => name)
		.filter((name) => AUTH_COOKIE.test(name));
}

/** Whether a request carries a Supabase session cookie; without one there is nothing to verify. */
export function hasAuthCookie(cookieHeader: string | null): boolean {
	return authCookieNames(cookieHeader).length > 0;
}
