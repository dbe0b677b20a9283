/**
 * The JWTs inside signed URLs: HS256 with the project secret, `{url, scope, iat, exp}` for downloads and
 * `{owner, url, upsert, scope, iat, exp}` for uploads, verified with the messages Storage's JWT library (jose)
 * gives, since Storage passes them through to the client.
 */
import { type JwtFailure, signJwt, verifyJwt as verifyHs256 } from '../jwt.ts';
import { ERRORS, StorageError } from './errors.ts';

/** What a signed URL allows. */
export type UrlScope = 'download' | 'upload';

/** A verified signed-URL payload. */
export interface UrlTokenPayload {
	url: string;
	exp: number;
	iat?: number;
	scope?: UrlScope;
	owner?: string;
	upsert?: boolean;
	[claim: string]: unknown;
}

// Storage rejects expiries beyond what a JavaScript Date can carry.
const MAX_ABSOLUTE_EXPIRY_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

// The messages of Storage's JWT library (jose), which Storage passes through to the client.
const JOSE_MESSAGES: Record<JwtFailure, string> = {
	empty: 'Invalid Compact JWS',
	malformed: 'Invalid Compact JWS',
	unsupported_algorithm: '"alg" (Algorithm) Header Parameter value not allowed',
	bad_signature: 'signature verification failed',
	expired: '"exp" claim timestamp check failed',
	not_yet_valid: '"nbf" claim timestamp check failed',
	issued_in_future: '"iat" claim timestamp check failed',
	bad_claims: 'JWT Claims Set must be a top-level JSON object',
};

/** Throws Storage's InvalidParameter unless `expiresIn` is a usable number of seconds (at least 1). */
export function mustBeValidExpiry(expiresIn: number, nowMs = Date.now()): void {
	const seconds = Math.floor(expiresIn);
	const max = Math.max(0, MAX_ABSOLUTE_EXPIRY_SECONDS - Math.floor(nowMs / 1000));
	if (
		!Number.isFinite(expiresIn) ||
		!Number.isSafeInteger(seconds) ||
		seconds < 1 ||
		seconds > max
	) {
		throw new StorageError({
			code: 'InvalidParameter',
			httpStatusCode: 400,
			message: 'Invalid Parameter expiresIn',
		});
	}
}

/** Signs `claims` (HS256) valid for `expiresIn` seconds from now, as Storage's `signJWT` does. */
export function signUrlToken(
	claims: Record<string, unknown>,
	secret: string,
	expiresIn: number
): string {
	mustBeValidExpiry(expiresIn);
	const iat = Math.floor(Date.now() / 1000);
	return signJwt({ ...claims, iat, exp: iat + Math.floor(expiresIn) }, secret);
}

/**
 * Verifies an HS256 JWT the way Storage's JWT library (jose) does — signature, then `exp` — and returns its
 * claims; throws InvalidJWT carrying jose's message (`signature verification failed`, `"exp" claim timestamp
 * check failed`, `Invalid Compact JWS` …).
 */
export function verifyJwt(token: string, secret: string): Record<string, unknown> {
	const verified = verifyHs256(token, secret);
	if (!verified.ok) throw ERRORS.invalidJwt(JOSE_MESSAGES[verified.failure]);
	return verified.claims;
}

/**
 * Verifies a signed-URL token (see `verifyJwt`), then enforces the scope and that it was issued for exactly
 * `<bucket>/<object name>` (InvalidSignature otherwise).
 */
export function verifyUrlToken(
	token: string,
	secret: string,
	scope: UrlScope,
	expectedUrl: string
): UrlTokenPayload {
	const payload = verifyJwt(token, secret);
	const tokenScope = payload['scope'];
	const scoped =
		scope === 'upload'
			? tokenScope === 'upload' || (tokenScope === undefined && 'upsert' in payload)
			: tokenScope === 'download' || (tokenScope === undefined && !('upsert' in payload));
	if (!scoped) throw ERRORS.invalidSignature(`Token is not scoped for ${scope}`);
	if (payload['url'] !== expectedUrl) throw ERRORS.invalidSignature();
	return payload as UrlTokenPayload;
}
