import type { APIContext } from 'astro';
import type { Locale } from '~/i18n/locales.ts';

/** What the 503 page needs: the visitor's locale and the address to try again. */
export interface Outage {
	locale: Locale;
	/** The page that could not be shown (path and query; for a form post, the page it was posted to). */
	retry: string;
}

/** Seconds a visitor (or a crawler) is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 30;

/**
 * The answer to a request whose page could not reach the backend: status 503 with Retry-After, never cached.
 * Actions (`/_actions/…`) get an action error their callers understand; pages get the translated 503 page
 * (src/pages/503.astro) in the visitor's locale, through a rewrite, so it has the site's layout and headers.
 */
export async function outageResponse(context: APIContext): Promise<Response> {
	const { locals, url, request } = context;
	const headers = { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' };
	if (url.pathname.startsWith('/_actions/')) {
		return Response.json(
			{
				type: 'AstroActionError',
				code: 'SERVICE_UNAVAILABLE',
				status: 503,
				message: locals.t('outage.body'),
			},
			{ status: 503, headers }
		);
	}
	locals.outage = {
		locale: locals.locale,
		retry: request.method === 'GET' ? url.pathname + url.search : url.pathname,
	};
	const page = await context.rewrite('/503');
	const response = new Response(page.body, { status: 503, headers: page.headers });
	for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
	return response;
}
