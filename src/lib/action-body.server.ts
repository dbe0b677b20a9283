/**
 * Bodies of action posts that cannot be read: malformed JSON, broken multipart. Astro Actions answer
 * them with a 500 (a JSON syntax error escapes its body parser), and the React renderer reads a
 * page's form post again while it streams the page, so a broken multipart body cuts the page off
 * mid-stream. The middleware refuses such bodies first, with a 400 in the shape of an action error.
 */

/** Astro's `security.actionBodySizeLimit` (astro.config.mjs): larger bodies are Astro's to refuse (413). */
export const ACTION_BODY_LIMIT = 11 * 1024 * 1024;

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** Whether a request calls an Astro action: `/_actions/<name>`, or a page with `?_action=<name>`. */
export function callsAction(request: Request, url: URL): boolean {
	return (
		request.method === 'POST' &&
		(url.pathname.startsWith('/_actions/') || url.searchParams.has('_action'))
	);
}

/**
 * A 400 response when `request` calls an action with a JSON or form body that does not parse, or a
 * 413 when a body without a length runs past `limit`; undefined when the body reads (or is another
 * type, which Astro refuses with a 415, or declares a length over the limit, which Astro refuses
 * with a 413 before reading it). Reads a clone: the request's own body stays unread.
 */
export async function refuseUnreadableActionBody(
	request: Request,
	url: URL,
	limit = ACTION_BODY_LIMIT
): Promise<Response | undefined> {
	if (!callsAction(request, url) || !request.body) return undefined;
	const type =
		(request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
	const json = type === 'application/json';
	if (!json && !FORM_TYPES.includes(type)) return undefined;
	const declared = Number.parseInt(request.headers.get('content-length') ?? '', 10);
	if (Number.isFinite(declared) && declared > limit) return undefined;

	const bytes = await readUpTo(request.clone(), limit);
	if (bytes === undefined) return actionErrorResponse(413, 'CONTENT_TOO_LARGE');
	try {
		if (json) {
			if (bytes.byteLength > 0) JSON.parse(new TextDecoder().decode(bytes));
		} else {
			await new Response(bytes, {
				headers: { 'content-type': request.headers.get('content-type') ?? '' },
			}).formData();
		}
		return undefined;
	} catch {
		return actionErrorResponse(400, 'BAD_REQUEST');
	}
}

/** The body's bytes, or undefined when there are more than `limit`. */
async function readUpTo(
	request: Request,
	limit: number
): Promise<Uint8Array<ArrayBuffer> | undefined> {
	const reader = request.body?.getReader();
	if (!reader) return new Uint8Array();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			// Not awaited: cancelling one branch of a cloned (teed) body settles only when the
			// other branch, the request's own, is cancelled too.
			reader.cancel().catch(() => undefined);
			return undefined;
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}

/** An answer shaped like Astro's own action errors (`{ type, code, status, message }`). */
function actionErrorResponse(
	status: 400 | 413,
	code: 'BAD_REQUEST' | 'CONTENT_TOO_LARGE'
): Response {
	const message =
		status === 400 ? 'The request body could not be read.' : 'The request body is too large.';
	return new Response(JSON.stringify({ type: 'AstroActionError', code, status, message }), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
	});
}
