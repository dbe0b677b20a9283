import type { Caller } from '../contracts.ts';
import type { EmbeddedConfig } from '../config.ts';
import { decodeJwtClaims, type JwtFailure, verifyJwt } from '../jwt.ts';

/** The API keys the gateway accepts, each with the JWT it stands for. */
export interface ApiKeys {
	/** Key → the JWT the gateway forwards for it (the key itself for the legacy JWT keys). */
	readonly jwtFor: ReadonlyMap<string, string>;
}

/** The anon, service_role, publishable and secret keys of `config`. */
export function apiKeysOf(config: EmbeddedConfig): ApiKeys {
	return {
		jwtFor: new Map([
			[config.anonKey, config.anonKey],
			[config.serviceRoleKey, config.serviceRoleKey],
			[config.publishableKey, config.anonKey],
			[config.secretKey, config.serviceRoleKey],
		]),
	};
}

/** The `apikey` header, else the `apikey` query parameter; undefined when neither is there. */
export function presentedApiKey(request: Request, url: URL): string | undefined {
	return request.headers.get('apikey') ?? url.searchParams.get('apikey') ?? undefined;
}

/**
 * The bearer the gateway forwards, following Supabase's gateway rule: an `Authorization` that is not an opaque
 * `Bearer sb_…` key passes unchanged; otherwise a known opaque key (in Authorization or apikey) becomes the JWT
 * it stands for; otherwise a known legacy apikey becomes the bearer. Undefined when there is nothing to send.
 */
export function forwardedAuthorization(
	request: Request,
	apiKey: string | undefined,
	keys: ApiKeys
): string | undefined {
	const authorization = request.headers.get('authorization');
	if (authorization !== null && !/^bearer\s+sb_/i.test(authorization)) return authorization;
	if (authorization !== null) {
		const opaque = authorization.replace(/^bearer\s+/i, '');
		const jwt = keys.jwtFor.get(opaque);
		return jwt === undefined ? authorization : `Bearer ${jwt}`;
	}
	if (apiKey === undefined) return undefined;
	const jwt = keys.jwtFor.get(apiKey);
	return jwt === undefined ? undefined : `Bearer ${jwt}`;
}

/** The bearer token of an Authorization value (`Bearer x` → `x`); undefined for other schemes. */
export function bearerToken(authorization: string | undefined): string | undefined {
	if (authorization === undefined) return undefined;
	const match = /^bearer(?:\s+(.*))?$/is.exec(authorization.trim());
	return match === null ? undefined : (match[1] ?? '').trim();
}

/** Who the caller is, or why their token was refused. */
export type CallerResolution =
	{ ok: true; caller: Caller } | { ok: false; failure: JwtFailure; parts: number };

/**
 * Decides the Caller from the forwarded bearer: a verified JWT's claims (role from `role`, `anon` when absent),
 * or, when there is no bearer, the anon role with the anon key's claims. `clockSkewSeconds` as the upstream allows.
 */
export function resolveCaller(
	token: string | undefined,
	config: EmbeddedConfig,
	clockSkewSeconds: number
): CallerResolution {
	if (token === undefined)
		return { ok: true, caller: { role: 'anon', claims: decodeJwtClaims(config.anonKey) } };
	const verified = verifyJwt(token, config.jwtSecret, { clockSkewSeconds });
	if (!verified.ok) return { ok: false, failure: verified.failure, parts: verified.parts };
	const role =
		typeof verified.claims['role'] === 'string' && verified.claims['role'] !== ''
			? verified.claims['role']
			: 'anon';
	return { ok: true, caller: { role, claims: verified.claims, token } };
}
