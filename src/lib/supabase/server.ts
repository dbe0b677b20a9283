import { createServerClient, parseCookieHeader, type CookieOptions } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { AstroCookies } from 'astro';
import { getPublicEnv } from './env.server.ts';

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
		cookieOptions: { secure: context.url.protocol === 'https:' },
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

function astroCookieOptions(options: CookieOptions) {
	const { domain, path, expires, maxAge, httpOnly, sameSite, secure, partitioned } = options;
	return { domain, path, expires, maxAge, httpOnly, sameSite, secure, partitioned };
}

/**
 * Whether a request carries a Supabase auth cookie (`sb-<ref>-auth-token`, possibly split into
 * `.0`, `.1` chunks). Without one there is no session to verify.
 */
export function hasAuthCookie(cookieHeader: string | null): boolean {
	if (!cookieHeader) return false;
	return parseCookieHeader(cookieHeader).some(({ name }) => /^sb-.+-auth-token(\.\d+)?$/.test(name));
}
