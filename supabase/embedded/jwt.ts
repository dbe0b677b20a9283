import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims of a JWT payload. */
export type JwtClaims = Record<string, unknown>;

/** Why a token was refused; each service words it the way its upstream does. */
export type JwtFailure =
	| 'empty'
	| 'malformed'
	| 'unsupported_algorithm'
	| 'bad_signature'
	| 'expired'
	| 'not_yet_valid'
	| 'issued_in_future'
	| 'bad_claims';

/** The outcome of verifying a token. */
export type JwtVerification =
	| { ok: true; claims: JwtClaims; header: Record<string, unknown> }
	| {
			ok: false;
			failure: JwtFailure;
			/** Parts found, for "Expected 3 parts in JWT; got N". */ parts: number;
	  };

const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

function encodeSegment(value: unknown): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeSegment(segment: string): unknown {
	if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new Error('not base64url');
	return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Signs `claims` as an HS256 JWT with `secret` (header `{alg: "HS256", typ: "JWT"}`, plus `kid` when given). */
export function signJwt(claims: JwtClaims, secret: string, kid?: string): string {
	const header =
		kid === undefined ? { alg: 'HS256', typ: 'JWT' } : { alg: 'HS256', kid, typ: 'JWT' };
	const body = `${encodeSegment(header)}.${encodeSegment(claims)}`;
	return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/**
 * Verifies an HS256/384/512 JWT against `secret`: signature, then `exp`, `nbf` and `iat` (each must be a number
 * when present) with `clockSkewSeconds` of leeway. Never throws.
 */
export function verifyJwt(
	token: string,
	secret: string,
	options: { clockSkewSeconds?: number; now?: number } = {}
): JwtVerification {
	if (token === '') return { ok: false, failure: 'empty', parts: 0 };
	const parts = token.split('.');
	if (parts.length !== 3) return { ok: false, failure: 'malformed', parts: parts.length };
	const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
	let header: unknown;
	let claims: unknown;
	try {
		header = decodeSegment(headerPart);
		claims = decodeSegment(payloadPart);
	} catch {
		return { ok: false, failure: 'malformed', parts: 3 };
	}
	if (!isObject(header)) return { ok: false, failure: 'malformed', parts: 3 };
	const digest = typeof header['alg'] === 'string' ? HMAC[header['alg']] : undefined;
	if (digest === undefined) return { ok: false, failure: 'unsupported_algorithm', parts: 3 };
	const expected = createHmac(digest, secret).update(`${headerPart}.${payloadPart}`).digest();
	const given = /^[A-Za-z0-9_-]*$/.test(signaturePart)
		? Buffer.from(signaturePart, 'base64url')
		: Buffer.alloc(0);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { ok: false, failure: 'bad_signature', parts: 3 };
	}
	if (!isObject(claims)) return { ok: false, failure: 'bad_claims', parts: 3 };
	const now = options.now ?? Math.floor(Date.now() / 1000);
	const skew = options.clockSkewSeconds ?? 0;
	for (const name of ['exp', 'nbf', 'iat']) {
		if (claims[name] !== undefined && typeof claims[name] !== 'number')
			return { ok: false, failure: 'bad_claims', parts: 3 };
	}
	if (typeof claims['exp'] === 'number' && now >= claims['exp'] + skew)
		return { ok: false, failure: 'expired', parts: 3 };
	if (typeof claims['nbf'] === 'number' && now + skew < claims['nbf'])
		return { ok: false, failure: 'not_yet_valid', parts: 3 };
	if (typeof claims['iat'] === 'number' && now + skew < claims['iat']) {
		return { ok: false, failure: 'issued_in_future', parts: 3 };
	}
	return { ok: true, claims, header };
}

/** Reads a JWT's claims without verifying it (for tokens this process signed itself). */
export function decodeJwtClaims(token: string): JwtClaims {
	const payload = token.split('.')[1];
	if (payload === undefined) return {};
	try {
		const claims = decodeSegment(payload);
		return isObject(claims) ? claims : {};
	} catch {
		return {};
	}
}
