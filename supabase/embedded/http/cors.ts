/** Response headers browsers may read, beyond the CORS-safelisted ones. */
const EXPOSED_HEADERS = [
	'Content-Range',
	'Content-Profile',
	'Content-Location',
	'Content-Disposition',
	'Content-Length',
	'Location',
	'Preference-Applied',
	'Range-Unit',
	'X-Total-Count',
	'Link',
	'X-Supabase-Api-Version',
	'x-sb-error-code',
	'ETag',
	'Last-Modified',
].join(', ');

const ALLOWED_METHODS = 'GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS';
const ALLOWED_HEADERS =
	'Accept, Accept-Profile, Authorization, Cache-Control, Content-Profile, Content-Type, Prefer, Range, apikey, X-Client-Info, X-Client-IP, X-JWT-AUD, X-Supabase-Api-Version, x-upsert, x-metadata, x-use-cookie';

/** Whether `request` is a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method). */
export function isPreflight(request: Request): boolean {
	return (
		request.method === 'OPTIONS' &&
		request.headers.has('origin') &&
		request.headers.has('access-control-request-method')
	);
}

/** The answer to a preflight: any origin, the methods the APIs use, and the headers the browser asked for. */
export function preflightResponse(request: Request): Response {
	const requested = request.headers.get('access-control-request-headers');
	return new Response(null, {
		status: 200,
		headers: {
			'Access-Control-Allow-Origin': '*',
			'Access-Control-Allow-Methods': ALLOWED_METHODS,
			'Access-Control-Allow-Headers':
				requested !== null && requested.trim() !== '' ? requested : ALLOWED_HEADERS,
			'Access-Control-Max-Age': '3600',
			'Content-Length': '0',
		},
	});
}

/** Adds the CORS headers every API response carries, keeping any a service set itself. */
export function withCorsHeaders(response: Response): Response {
	const headers = response.headers;
	try {
		if (!headers.has('access-control-allow-origin'))
			headers.set('Access-Control-Allow-Origin', '*');
		if (!headers.has('access-control-expose-headers'))
			headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
		return response;
	} catch {
		// Headers of a Response made by Response.redirect() or fetch() are immutable; copy them.
		const copy = new Response(response.body, response);
		copy.headers.set('Access-Control-Allow-Origin', '*');
		copy.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
		return copy;
	}
}
