import { createHash } from 'node:crypto';
import { clientDetails, type AuthContext } from './context.ts';
import {
	AuthError,
	badRequest,
	jsonResponse,
	notFound,
	tooManyRequests,
	unprocessable,
} from './errors.ts';
import { epochMillis } from './go-time.ts';
import { checkPasswordStrength, verifyPassword } from './passwords.ts';
import { readParams } from './request.ts';
import { type AuthMethod, issueSession, refreshSession } from './sessions.ts';
import { findUserByEmail, findUserById, type UserRow } from './users.ts';

const INVALID_LOGIN = 'Invalid login credentials';
// GoTrue's default lifetime of a PKCE flow state.
const FLOW_STATE_EXPIRY_SECONDS = 300;

function limit(ctx: AuthContext, request: Request, kind: 'signIn' | 'refresh'): void {
	if (ctx.limits === undefined) return;
	if (!ctx.limits[kind].allow(`${kind}:${request.headers.get('x-real-ip') ?? ''}`)) {
		throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
	}
}

async function passwordGrant(ctx: AuthContext, request: Request): Promise<Response> {
	const params = await readParams(request, 'PasswordGrantParams');
	const email = params.string('email');
	const phone = params.string('phone');
	const password = params.string('password');
	if (email !== '' && phone !== '') {
		throw badRequest(
			'validation_failed',
			'Only an email address or phone number should be provided on login.'
		);
	}
	if (email === '' && phone === '') throw badRequest('validation_failed', 'missing email or phone');
	if (email === '') throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');

	const user = await findUserByEmail(ctx.db, email);
	if (user === undefined || user.encrypted_password === null || user.encrypted_password === '') {
		throw badRequest('invalid_credentials', INVALID_LOGIN);
	}
	if (user.is_banned) throw badRequest('user_banned', 'User is banned');
	const valid = await verifyPassword(password, user.encrypted_password);
	if (!valid) throw badRequest('invalid_credentials', INVALID_LOGIN);
	let weakPassword: { message: string; reasons: string[] } | undefined;
	try {
		checkPasswordStrength(password, ctx.config.passwordMinLength);
	} catch (error) {
		if (error instanceof AuthError && error.reasons !== undefined)
			weakPassword = { message: error.message, reasons: error.reasons };
	}
	if (user.email_confirmed_at === null)
		throw badRequest('email_not_confirmed', 'Email not confirmed');
	const session = await ctx.db.transaction((tx) =>
		issueSession(tx, ctx.config, user, 'password', clientDetails(request))
	);
	return jsonResponse(
		weakPassword === undefined ? session : { ...session, weak_password: weakPassword }
	);
}

async function refreshGrant(ctx: AuthContext, request: Request): Promise<Response> {
	const params = await readParams(request, 'RefreshTokenGrantParams');
	return jsonResponse(
		await refreshSession(ctx.db, ctx.config, params.string('refresh_token'), clientDetails(request))
	);
}

function verifierMatches(challenge: string, method: string, verifier: string): boolean {
	if (method === 'plain') return challenge === verifier;
	return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

interface FlowStateRow {
	id: string;
	user_id: string | null;
	code_challenge: string;
	code_challenge_method: string;
	authentication_method: string;
	created_at: string;
	auth_code_issued_at: string | null;
}

async function pkceGrant(ctx: AuthContext, request: Request): Promise<Response> {
	const params = await readParams(request, 'PKCEGrantParams');
	const authCode = params.string('auth_code');
	const verifier = params.string('code_verifier');
	if (authCode === '' || verifier === '') {
		throw badRequest(
			'validation_failed',
			'invalid request: both auth code and code verifier should be non-empty'
		);
	}
	const session = await ctx.db.transaction(async (tx) => {
		const found = await tx.query<FlowStateRow>(
			`select id, user_id, code_challenge, code_challenge_method::text, authentication_method,
			        created_at::text, auth_code_issued_at::text
			 from auth.flow_state where auth_code = $1 for update`,
			[authCode]
		);
		const flow = found.rows[0];
		if (flow === undefined || flow.user_id === null) {
			throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
		}
		const since =
			flow.auth_code_issued_at !== null && flow.authentication_method === 'magiclink'
				? flow.auth_code_issued_at
				: flow.created_at;
		if (Date.now() > epochMillis(since) + FLOW_STATE_EXPIRY_SECONDS * 1000) {
			throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
		}
		const user = (await findUserById(tx, flow.user_id)) as UserRow;
		if (!verifierMatches(flow.code_challenge, flow.code_challenge_method, verifier)) {
			throw badRequest(
				'bad_code_verifier',
				'code challenge does not match previously saved code verifier'
			);
		}
		const method = (
			flow.authentication_method === 'email/signup' ? 'email/signup' : flow.authentication_method
		) as AuthMethod;
		const issued = await issueSession(tx, ctx.config, user, method, clientDetails(request));
		await tx.query('delete from auth.flow_state where id = $1', [flow.id]);
		return issued;
	});
	return jsonResponse(session);
}

/** POST /token?grant_type=password|refresh_token|pkce (GoTrue's Token). */
export async function token(ctx: AuthContext, request: Request): Promise<Response> {
	const grantType = new URL(request.url).searchParams.get('grant_type') ?? '';
	switch (grantType) {
		case 'password':
			limit(ctx, request, 'signIn');
			return passwordGrant(ctx, request);
		case 'refresh_token':
			limit(ctx, request, 'refresh');
			return refreshGrant(ctx, request);
		case 'pkce':
			limit(ctx, request, 'signIn');
			return pkceGrant(ctx, request);
		case 'id_token':
		case 'web3':
			throw badRequest(
				'validation_failed',
				`grant_type=${grantType} is not supported by the embedded backend (no external identity providers)`
			);
		default:
			throw badRequest('invalid_credentials', 'unsupported_grant_type');
	}
}
