import type { EmbeddedConfig } from '../config.ts';
import type { Queryable } from '../contracts.ts';
import { bearerToken } from '../http/credentials.ts';
import { type JwtClaims, type JwtFailure, verifyJwt } from '../jwt.ts';
import { AuthError, badRequest, forbidden } from './errors.ts';
import { findUserById, type UserRow } from './users.ts';

/** Roles whose tokens may use the admin API (GOTRUE_JWT_ADMIN_ROLES default). */
const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** golang-jwt's wording for a refused token, as GoTrue embeds it in `bad_jwt` messages. */
function goJwtMessage(failure: JwtFailure, parts: number): string {
	switch (failure) {
		case 'empty':
		case 'malformed':
			return parts === 3
				? 'token is malformed: could not JSON decode header'
				: 'token is malformed: token contains an invalid number of segments';
		case 'unsupported_algorithm':
			return 'token is unverifiable: error while executing keyfunc: unrecognized JWT kid <nil> for algorithm';
		case 'bad_signature':
			return 'token signature is invalid: signature is invalid';
		case 'expired':
			return 'token has invalid claims: token is expired';
		case 'not_yet_valid':
			return 'token has invalid claims: token is not valid yet';
		case 'issued_in_future':
			return 'token has invalid claims: token used before issued';
		case 'bad_claims':
			return 'token is malformed: could not JSON decode claim';
	}
}

/** The verified bearer of an auth request: 401 `no_authorization` when absent, 403 `bad_jwt` when invalid. */
export function requireClaims(
	request: Request,
	config: EmbeddedConfig
): { claims: JwtClaims; token: string } {
	const token = bearerToken(request.headers.get('authorization') ?? undefined);
	if (token === undefined || token === '') {
		throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	}
	const verified = verifyJwt(token, config.jwtSecret);
	if (!verified.ok) {
		throw forbidden(
			'bad_jwt',
			`invalid JWT: unable to parse or verify signature, ${goJwtMessage(verified.failure, verified.parts)}`
		);
	}
	return { claims: verified.claims, token };
}

/** Who is calling an authenticated endpoint. */
export interface Authenticated {
	claims: JwtClaims;
	user: UserRow;
	/** The session named by the token's `session_id`, when it has one. */
	sessionId: string | undefined;
}

/** Loads the user and session of verified claims, with GoTrue's checks and error codes, in its order. */
async function loadUserAndSession(q: Queryable, claims: JwtClaims): Promise<Authenticated> {
	const sub = typeof claims['sub'] === 'string' ? claims['sub'] : '';
	if (sub === '') throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
	if (!UUID.test(sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
	const user = await findUserById(q, sub);
	if (user === undefined)
		throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
	const sessionClaim = typeof claims['session_id'] === 'string' ? claims['session_id'] : '';
	let sessionId: string | undefined;
	if (sessionClaim !== '' && sessionClaim !== '00000000-0000-0000-0000-000000000000') {
		if (!UUID.test(sessionClaim))
			throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
		const session = await q.query('select 1 from auth.sessions where id = $1', [sessionClaim]);
		if (session.rows.length === 0)
			throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
		sessionId = sessionClaim;
	}
	return { claims, user, sessionId };
}

/** GoTrue's requireAuthentication: a valid bearer for an existing, not banned user with a live session. */
export async function requireUser(
	request: Request,
	q: Queryable,
	config: EmbeddedConfig
): Promise<Authenticated> {
	const { claims } = requireClaims(request, config);
	const authenticated = await loadUserAndSession(q, claims);
	if (authenticated.user.is_banned) throw forbidden('user_banned', 'User is banned');
	return authenticated;
}

/** GoTrue's requireAdminCredentials: a valid bearer whose role is an admin role (403 `not_admin` otherwise). */
export async function requireAdmin(
	request: Request,
	q: Queryable,
	config: EmbeddedConfig
): Promise<JwtClaims> {
	const { claims } = requireClaims(request, config);
	const sessionClaim = typeof claims['session_id'] === 'string' ? claims['session_id'] : '';
	if (sessionClaim !== '' && sessionClaim !== '00000000-0000-0000-0000-000000000000')
		await loadUserAndSession(q, claims);
	if (typeof claims['role'] !== 'string' || !ADMIN_ROLES.has(claims['role']))
		throw forbidden('not_admin', 'User not allowed');
	return claims;
}

/** Whether the caller holds an admin role (for `app_metadata` updates through PUT /user). */
export function isAdminClaims(claims: JwtClaims): boolean {
	return typeof claims['role'] === 'string' && ADMIN_ROLES.has(claims['role']);
}
