import { defineMiddleware } from 'astro:middleware';
import type { SupabaseClient } from '@supabase/supabase-js';
import { loadUser } from '~/features/auth/server/session.server.ts';
import { startMentoringJobs } from '~/features/mentoring/server/jobs.server.ts';
import { startVentureJobs } from '~/features/ventures/server/jobs.server.ts';
import { startAuditJobs } from '~/features/audit/server/jobs.server.ts';
import { splitLocalePath } from '~/i18n/locales.ts';
import { createTranslator } from '~/i18n/translate.ts';
import { outageResponse } from '~/features/outage/server/outage.server.ts';
import { type BackendWatch, watchBackend } from '~/lib/supabase/fetch.server.ts';
import { createSupabaseServerClient, hasAuthCookie } from '~/lib/supabase/server.ts';
import { siteOrigin } from '~/lib/site-origin.server.ts';
import { refuseUnreadableActionBody } from '~/lib/action-body.server.ts';
import { withStorageImages } from '~/lib/security-headers.ts';
import { getPublicEnv } from '~/lib/supabase/env.server.ts';

/**
 * Builds the per-request context for pages rendered on demand: locale, translator, the visitor's
 * Supabase client and their verified claims. Prerendered pages are the same for everyone: none.
 * It authorizes nothing: pages call `require*()` and the database enforces row-level security.
 */
export const onRequest = defineMiddleware(async (context, next) => {
	if (context.isPrerendered) return next();
	// Action posts whose body does not parse: a 400 here, not a 500 from Astro's body parser.
	const unreadable = await refuseUnreadableActionBody(context.request, context.url);
	if (unreadable) return unreadable;

	// The mentoring jobs (expiry, digests) run in this process; the first request starts them.
	startMentoringJobs(siteOrigin());
	// So do the joint-venture reminders for stalled pipelines.
	startVentureJobs(siteOrigin());
	// And the audit log's retention (and the sweep of ended rate-limit counters).
	startAuditJobs();

	const { locals } = context;
	const { locale } = splitLocalePath(context.url.pathname);
	locals.locale = locale;
	locals.t = createTranslator(locale);

	// A rewrite (e.g. to the 404 page) runs the middleware again for this request: keep its client.
	if (Object.hasOwn(locals, 'supabase')) return next();

	const authHeaders = new Headers();
	let supabase: SupabaseClient | undefined;
	const getSupabase = () => (supabase ??= createSupabaseServerClient(context, authHeaders));
	Object.defineProperty(locals, 'supabase', { get: getSupabase, enumerable: true });

	// Without an auth cookie there is no session to verify: skip the round trip to the auth server.
	const personal = hasAuthCookie(context.request.headers.get('cookie'));
	// A backend that cannot be reached, whatever the page made of it, gives the translated 503 page.
	const backend: BackendWatch = { unavailable: false };
	const response = await watchBackend(backend, async () => {
		locals.user = personal ? await loadUser(getSupabase) : null;
		try {
			const rendered = await next();
			if (!backend.unavailable) return rendered;
			await rendered.body?.cancel();
			return outageResponse(context);
		} catch (error) {
			if (backend.unavailable) return outageResponse(context);
			throw error;
		}
	});
	// A page rendered for a session, or one that sets auth cookies, must stay out of shared caches.
	if (personal && !response.headers.has('cache-control')) {
		authHeaders.set('cache-control', 'private, no-store');
	}
	// Public avatars and logos come from Supabase storage, whose origin is known at run time only.
	const csp = response.headers.get('content-security-policy');
	if (csp) authHeaders.set('content-security-policy', withStorageImages(csp, supabaseUrl()));
	return withHeaders(response, authHeaders);
});

/** SUPABASE_URL, or '' when it is not configured (the pages that need it say so themselves). */
function supabaseUrl(): string {
	try {
		return getPublicEnv().url;
	} catch {
		return '';
	}
}

function withHeaders(response: Response, headers: Headers): Response {
	const entries = [...headers];
	if (entries.length === 0) return response;
	try {
		for (const [name, value] of entries) response.headers.set(name, value);
		return response;
	} catch {
		// Some responses, e.g. from `Response.redirect()`, have immutable headers: set them on a copy.
		const copy = new Response(response.body, response);
		for (const [name, value] of entries) copy.headers.set(name, value);
		return copy;
	}
}
