import type { EmbeddedConfig } from '../config.ts';
import type { Service } from '../contracts.ts';
import { isPreflight, preflightResponse, withCorsHeaders } from './cors.ts';
import {
	apiKeysOf,
	bearerToken,
	forwardedAuthorization,
	presentedApiKey,
	resolveCaller,
} from './credentials.ts';
import {
	bodyTooLarge,
	internalError,
	invalidApiKey,
	missingApiKey,
	noRoute,
	restJwtError,
	storageJwtError,
} from './gateway-errors.ts';
import { isMailboxPagePath } from '../mailbox-page.ts';

/** The services behind the gateway. */
export interface MountedServices {
	auth: Service;
	rest: Service;
	storage: Service;
	mailbox: Service;
	/** The mailbox's web pages at /mailbox/ (see mailbox-page.ts); it does its own access checks. */
	mailboxPages: (request: Request, client: ClientInfo) => Promise<Response>;
}

/** Where a request came from (the TCP peer). */
export interface ClientInfo {
	address: string;
}

/** Handles one HTTP request end to end. Never rejects. */
export type Gateway = (request: Request, client: ClientInfo) => Promise<Response>;

// PostgREST bodies are buffered before the service sees them; this bounds memory per request.
const REST_BODY_LIMIT = 16 * 1024 * 1024;
// PostgREST accepts tokens up to 30 s past `exp` (clock skew); GoTrue and Storage allow none.
const REST_CLOCK_SKEW = 30;

// Auth routes a browser opens directly (email links, OAuth), which therefore carry no apikey.
const OPEN_AUTH_ROUTES = new Set(['/verify', '/callback', '/authorize', '/.well-known/jwks.json']);

/**
 * Storage routes that work without a valid JWT: a browser fetches public and signed URLs directly, and the
 * info/download routes fall back to anonymous access, so a bad token there means "anonymous", not an error.
 */
function storageAllowsAnonymous(method: string, path: string): boolean {
	const read = method === 'GET' || method === 'HEAD';
	if (method === 'PUT' && path.startsWith('/object/upload/sign/')) return true;
	if (!read) return false;
	return (
		/^\/object\/(sign|public|info)\//.test(path) ||
		/^\/render\/image\/(public|sign)\//.test(path) ||
		(/^\/object\/[^/]+\//.test(path) && !path.startsWith('/object/authenticated/'))
	);
}

async function readLimited(
	request: Request,
	limit: number
): Promise<Uint8Array<ArrayBuffer> | 'too-large'> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > limit) return 'too-large';
	if (request.body === null) return new Uint8Array(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => undefined);
			return 'too-large';
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}

/**
 * The gateway in front of the services, doing what Supabase's Kong does: CORS, the apikey check on /auth/v1
 * (except browser-opened routes) and /rest/v1, translating opaque `sb_…` keys into the JWTs they stand for,
 * verifying the bearer for /rest/v1 and /storage/v1 (with each upstream's error when it is bad), setting
 * X-Real-IP / X-Forwarded-For, and routing by prefix.
 */
export function createGateway(config: EmbeddedConfig, services: MountedServices): Gateway {
	const keys = apiKeysOf(config);

	async function route(request: Request, client: ClientInfo): Promise<Response> {
		if (isPreflight(request)) return preflightResponse(request);
		const url = new URL(request.url);
		const match = /^\/(auth|rest|storage|mailbox)\/v1(\/.*)?$/.exec(url.pathname);
		if (match === null) return noRoute();
		const prefix = match[1] as 'auth' | 'rest' | 'storage' | 'mailbox';
		const path = match[2] ?? '/';

		const apiKey = presentedApiKey(request, url);
		const keyRequired = prefix === 'rest' || (prefix === 'auth' && !OPEN_AUTH_ROUTES.has(path));
		if (keyRequired) {
			if (apiKey === undefined) return missingApiKey();
			if (!keys.jwtFor.has(apiKey)) return invalidApiKey();
		}

		const headers = new Headers(request.headers);
		const authorization = forwardedAuthorization(request, apiKey, keys);
		if (authorization === undefined) headers.delete('authorization');
		else headers.set('authorization', authorization);
		headers.set('x-real-ip', client.address);
		const forwardedFor = request.headers.get('x-forwarded-for');
		headers.set(
			'x-forwarded-for',
			forwardedFor === null ? client.address : `${forwardedFor}, ${client.address}`
		);

		const token = bearerToken(authorization);
		const resolution = resolveCaller(token, config, prefix === 'rest' ? REST_CLOCK_SKEW : 0);
		let caller = resolution.ok ? resolution.caller : undefined;
		if (!resolution.ok) {
			if (prefix === 'rest') return restJwtError(resolution.failure, resolution.parts);
			if (prefix === 'storage') {
				if (!storageAllowsAnonymous(request.method, path))
					return storageJwtError(resolution.failure);
				headers.delete('authorization');
				caller = { role: 'anon', claims: { role: 'anon' } };
			}
		}
		// Auth checks bearers per endpoint, as GoTrue does; it gets the apikey's identity here.
		caller ??= { role: 'anon', claims: { role: 'anon' } };

		let forwarded: Request;
		if (prefix === 'rest' && request.body !== null) {
			const body = await readLimited(request, REST_BODY_LIMIT);
			if (body === 'too-large') return bodyTooLarge();
			forwarded = new Request(request.url, {
				method: request.method,
				headers,
				body,
				signal: request.signal,
			});
		} else {
			forwarded = new Request(request, { headers });
		}

		return services[prefix].handle(forwarded, path, caller);
	}

	return async (request, client) => {
		try {
			// No CORS headers on the mailbox pages: scripts of other origins must not read them.
			if (isMailboxPagePath(new URL(request.url).pathname))
				return await services.mailboxPages(request, client);
			return withCorsHeaders(await route(request, client));
		} catch (error) {
			if (request.signal.aborted) return new Response(null, { status: 499 });
			console.error(`[embedded] ${request.method} ${new URL(request.url).pathname} failed:`, error);
			return withCorsHeaders(internalError());
		}
	};
}
