import { randomInt, randomUUID } from 'node:crypto';
import type { EmbeddedConfig } from '../config.ts';
import type { Database, Queryable } from '../contracts.ts';
import { signJwt } from '../jwt.ts';
import { badRequest, OAuthError } from './errors.ts';
import { epochMillis } from './go-time.ts';
import { findUserById, sortedKeys, type UserRow, updateUser, userResponseJson } from './users.ts';

/** How the user proved who they are; recorded in `amr` (GoTrue's AuthenticationMethod names). */
export type AuthMethod =
	| 'password'
	| 'otp'
	| 'magiclink'
	| 'recovery'
	| 'invite'
	| 'email/signup'
	| 'email_change'
	| 'anonymous';

/** Where a sign-in came from, stored on the session. */
export interface ClientDetails {
	ip: string;
	userAgent: string;
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** GoTrue's v1 refresh token: 12 random alphanumeric characters. */
function newRefreshTokenString(): string {
	let token = '';
	for (let index = 0; index < 12; index += 1) token += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
	return token;
}

/** Inserts a refresh token for the session, child of `parent` when rotating. */
async function insertRefreshToken(
	q: Queryable,
	userId: string,
	sessionId: string,
	parent: string | null
): Promise<string> {
	const token = newRefreshTokenString();
	await q.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		 values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
		[token, userId, parent, sessionId]
	);
	return token;
}

/** Records `method` in the session's amr claims (one row per method, timestamp refreshed). */
async function addAmrClaim(q: Queryable, sessionId: string, method: AuthMethod): Promise<void> {
	await q.query(
		`insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
		 values ($1, $2, now(), now(), $3)
		 on conflict (session_id, authentication_method) do update set updated_at = now()`,
		[randomUUID(), sessionId, method]
	);
}

/** The `amr` claim of a session: its methods, newest first, with Unix timestamps. */
async function amrOf(
	q: Queryable,
	sessionId: string
): Promise<{ method: string; timestamp: number }[]> {
	const result = await q.query<{ method: string; at: string }>(
		`select authentication_method as method, updated_at::text as at
		 from auth.mfa_amr_claims where session_id = $1 order by updated_at desc`,
		[sessionId]
	);
	return result.rows.map((row) => ({
		method: row.method,
		timestamp: Math.floor(epochMillis(row.at) / 1000),
	}));
}

/** The session JSON GoTrue answers token grants with (AccessTokenResponse). */
export interface SessionResponse {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	expires_at: number;
	refresh_token: string;
	user: Record<string, unknown>;
	weak_password?: { message: string; reasons: string[] };
}

/** Signs an access token with GoTrue's claims, in its order, for the session. */
async function accessToken(
	q: Queryable,
	config: EmbeddedConfig,
	user: UserRow,
	sessionId: string
): Promise<{ token: string; expiresAt: number }> {
	const issuedAt = Math.floor(Date.now() / 1000);
	const expiresAt = issuedAt + config.jwtExpiry;
	const claims = {
		iss: config.jwtIssuer,
		sub: user.id,
		aud: user.aud ?? '',
		exp: expiresAt,
		iat: issuedAt,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: sortedKeys(user.raw_app_meta_data ?? {}),
		user_metadata: sortedKeys(user.raw_user_meta_data ?? {}),
		role: user.role ?? '',
		aal: 'aal1',
		amr: await amrOf(q, sessionId),
		session_id: sessionId,
		is_anonymous: user.is_anonymous,
	};
	return { token: signJwt(claims, config.jwtSecret), expiresAt };
}

async function sessionResponse(
	q: Queryable,
	config: EmbeddedConfig,
	userId: string,
	sessionId: string,
	refreshToken: string
): Promise<SessionResponse> {
	const user = (await findUserById(q, userId)) as UserRow;
	const { token, expiresAt } = await accessToken(q, config, user, sessionId);
	return {
		access_token: token,
		token_type: 'bearer',
		expires_in: expiresAt - Math.floor(Date.now() / 1000),
		expires_at: expiresAt,
		refresh_token: refreshToken,
		user: await userResponseJson(q, user),
	};
}

/**
 * Signs the user in (GoTrue's IssueRefreshToken): a new session, its first refresh token, the amr claim,
 * `last_sign_in_at`, and the session JSON with a fresh access token. Runs inside the caller's transaction.
 */
export async function issueSession(
	tx: Queryable,
	config: EmbeddedConfig,
	user: UserRow,
	method: AuthMethod,
	client: ClientDetails
): Promise<SessionResponse> {
	const sessionId = randomUUID();
	await tx.query(
		`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		 values ($1, $2, now(), now(), 'aal1', nullif($3, ''), $4::inet)`,
		[sessionId, user.id, client.userAgent, validIp(client.ip)]
	);
	await updateUser(tx, user.id, {}, { last_sign_in_at: 'now()' });
	const refreshToken = await insertRefreshToken(tx, user.id, sessionId, null);
	await addAmrClaim(tx, sessionId, method);
	return sessionResponse(tx, config, user.id, sessionId, refreshToken);
}

function validIp(ip: string): string | null {
	const bare = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
	return /^[0-9.]+$/.test(bare) || /^[0-9a-f:]+$/i.test(bare) ? bare : null;
}

interface RefreshTokenRow {
	id: string;
	token: string;
	user_id: string;
	revoked: boolean;
	parent: string | null;
	session_id: string | null;
	updated_at: string;
}

/**
 * The refresh_token grant with GoTrue's rotation rules: the token is exchanged for a new child; reusing the
 * parent of the active token returns the active one; reusing a revoked token within `reuseInterval` seconds
 * gets a new child; any other reuse revokes every token of the session and fails with
 * `refresh_token_already_used`.
 */
export async function refreshSession(
	db: Database,
	config: EmbeddedConfig,
	refreshToken: string,
	client: ClientDetails
): Promise<SessionResponse> {
	if (refreshToken === '') throw new OAuthError('invalid_request', 'refresh_token required');
	let reuseFailure = false;
	const response = await db.transaction(async (tx) => {
		const found = await tx.query<RefreshTokenRow>(
			`select id::text, token, user_id, revoked, parent, session_id, updated_at::text
			 from auth.refresh_tokens where token = $1 for update`,
			[refreshToken]
		);
		const token = found.rows[0];
		if (token === undefined)
			throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		const user = await findUserById(tx, token.user_id);
		if (user === undefined)
			throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		if (user.is_banned) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
		const session =
			token.session_id === null
				? undefined
				: (
						await tx.query('select id from auth.sessions where id = $1 for update', [
							token.session_id,
						])
					).rows[0];
		if (session === undefined || token.session_id === null) {
			await tx.query('delete from auth.refresh_tokens where id = $1', [token.id]);
			throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
		}
		const sessionId = token.session_id;

		let issued: string | undefined;
		if (token.revoked) {
			const active = await tx.query<{ token: string; parent: string | null }>(
				`select token, parent from auth.refresh_tokens
				 where session_id = $1 and revoked = false order by id desc limit 1`,
				[sessionId]
			);
			const activeToken = active.rows[0];
			if (activeToken !== undefined && activeToken.parent === token.token) {
				issued = activeToken.token;
			} else if (
				Date.now() >
				epochMillis(token.updated_at) + config.refreshTokenReuseInterval * 1000
			) {
				await tx.query(
					'update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false',
					[sessionId]
				);
				reuseFailure = true;
				return undefined;
			}
		}
		if (issued === undefined) {
			await tx.query(
				'update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1',
				[token.id]
			);
			issued = await insertRefreshToken(tx, user.id, sessionId, token.token);
		}
		await tx.query(
			`update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now(),
			        user_agent = coalesce(nullif($2, ''), user_agent), ip = coalesce($3::inet, ip)
			 where id = $1`,
			[sessionId, client.userAgent, validIp(client.ip)]
		);
		return sessionResponse(tx, config, user.id, sessionId, issued);
	});
	// The family is revoked (committed) before the request is refused, as GoTrue commits then errors.
	if (reuseFailure || response === undefined)
		throw badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
	return response;
}

/** Ends sessions of a user: all (`global`), one (`local`) or all but one (`others`). */
export async function logout(
	q: Queryable,
	userId: string,
	scope: 'global' | 'local' | 'others',
	sessionId: string | undefined
): Promise<void> {
	if (sessionId !== undefined && scope === 'local') {
		await q.query('delete from auth.sessions where id = $1', [sessionId]);
	} else if (sessionId !== undefined && scope === 'others') {
		await q.query('delete from auth.sessions where user_id = $1 and id <> $2', [userId, sessionId]);
	} else {
		await q.query('delete from auth.sessions where user_id = $1', [userId]);
	}
}
