import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// After a handler stops reading a request body early, this much more is read and discarded so the client
// can finish sending and read the answer (closing with unread data makes TCP reset the connection).
const LINGER_BYTES = 64 * 1024 * 1024;

/**
 * The request body as a web stream with backpressure. Cancelling it (a handler refusing an oversize body)
 * drains the rest up to LINGER_BYTES instead of destroying the socket under the client.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
	let cancelled = false;
	return new ReadableStream<Uint8Array>(
		{
			start(controller) {
				req.on('data', (chunk: Buffer) => {
					if (cancelled) return;
					controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
					if ((controller.desiredSize ?? 0) <= 0) req.pause();
				});
				req.on('end', () => {
					if (!cancelled) controller.close();
				});
				req.on('error', (error) => {
					if (!cancelled) controller.error(error);
				});
			},
			pull() {
				req.resume();
			},
			cancel() {
				cancelled = true;
				let drained = 0;
				req.on('data', (chunk: Buffer) => {
					drained += chunk.byteLength;
					if (drained > LINGER_BYTES) req.socket.destroy();
				});
				req.resume();
			},
		},
		{ highWaterMark: 1 << 16, size: (chunk) => chunk.byteLength }
	);
}

/** The request could not be turned into a Web Request (malformed URL). */
export class BadRequestLine extends Error {}

/**
 * Turns a Node request into a Web Request whose body streams from the socket (no buffering here).
 * `origin` names the server (`http://127.0.0.1:54321`); the request target is resolved against it.
 */
export function toWebRequest(req: IncomingMessage, origin: string, abort: AbortSignal): Request {
	const target = req.url ?? '/';
	if (!target.startsWith('/'))
		throw new BadRequestLine(`unsupported request target "${target.slice(0, 100)}"`);
	let url: URL;
	try {
		url = new URL(target, origin);
	} catch {
		throw new BadRequestLine('malformed request target');
	}
	const headers = new Headers();
	for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
		const name = req.rawHeaders[index] as string;
		const value = req.rawHeaders[index + 1] as string;
		// HTTP/2 pseudo-headers and hop-by-hop headers do not belong in a Fetch request.
		if (name.startsWith(':')) continue;
		try {
			headers.append(name, value);
		} catch {
			throw new BadRequestLine(`malformed header "${name.slice(0, 100)}"`);
		}
	}
	const method = (req.method ?? 'GET').toUpperCase();
	const hasBody = method !== 'GET' && method !== 'HEAD';
	return new Request(url, {
		method,
		headers,
		signal: abort,
		...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}),
	} as RequestInit);
}

/** Writes a Web Response to a Node response, streaming the body; HEAD responses get headers only. */
export async function writeWebResponse(
	res: ServerResponse,
	response: Response,
	method: string
): Promise<void> {
	const headers: Record<string, string | string[]> = {};
	// A request answered before its body was read cannot leave the connection reusable.
	if (!res.req.complete) headers['connection'] = 'close';
	for (const [name, value] of response.headers) {
		if (name === 'set-cookie') continue;
		headers[name] = value;
	}
	const cookies = response.headers.getSetCookie();
	if (cookies.length > 0) headers['set-cookie'] = cookies;
	res.writeHead(response.status, response.statusText || undefined, headers);
	if (response.body === null || method === 'HEAD') {
		if (response.body !== null) await response.body.cancel().catch(() => undefined);
		res.end();
		return;
	}
	await pipeline(
		Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>),
		res
	);
}
