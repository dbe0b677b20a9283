import { randomUUID } from 'node:crypto';
import type { Queryable } from '../contracts.ts';
import { clientDetails, type AuthContext } from './context.ts';
import {
	AuthError,
	badRequest,
	forbidden,
	jsonResponse,
	tooManyRequests,
	unprocessable,
} from './errors.ts';
import { epochMillis } from './go-time.ts';
import { clearOneTimeTokens, tokenHash } from './one-time-tokens.ts';
import { hashPassword } from './passwords.ts';
import { referrer } from './redirects.ts';
import { readParams } from './request.ts';
import { type AuthMethod, issueSession, type SessionResponse } from './sessions.ts';
import { confirmEmail } from './signup.ts';
import {
	findUserByEmail,
	findUserById,
	identitiesOf,
	insertIdentity,
	lockUserById,
	type UserRow,
	updateIdentityData,
	updateUser,
} from './users.ts';
import { validateEmail } from './validation.ts';

const SINGLE_CONFIRMATION =
	'Confirmation link accepted. Please proceed to confirm link sent to the other email';
const EMAIL_TYPES = new Set(['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email']);
const OAUTH_ERRORS: Record<number, string> = {
	400: 'invalid_request',
	401: 'unauthorized_client',
	403: 'access_denied',
	500: 'server_error',
	503: 'temporarily_unavailable',
};

/** The outcome of a verification: a session, a PKCE auth code, or the first half of a secure email change. */
type Verified =
	| { kind: 'session'; session: SessionResponse }
	| { kind: 'code'; code: string }
	| { kind: 'half-confirmed' };

function expired(sentAt: string | null, ctx: AuthContext): boolean {
	return sentAt === null || Date.now() > epochMillis(sentAt) + ctx.config.emailOtpExpiry * 1000;
}

function matches(given: string, expected: string | null): boolean {
	return (
		expected !== null && expected !== '' && (given === expected || `pkce_${given}` === expected)
	);
}

/** Finds the user a token hash belongs to, for `type` (GoTrue's verifyTokenHash); 403 otp_expired when none. */
async function userByTokenHash(
	tx: Queryable,
	ctx: AuthContext,
	hash: string,
	type: string
): Promise<{ user: UserRow; type: string }> {
	const invalid = forbidden('otp_expired', 'Email link is invalid or has expired');
	const column =
		type === 'signup' || type === 'invite'
			? 'confirmation_token = $1'
			: type === 'recovery' || type === 'magiclink'
				? 'recovery_token = $1'
				: type === 'email_change'
					? '(email_change_token_current = $1 or email_change_token_new = $1)'
					: '(confirmation_token = $1 or recovery_token = $1)';
	const found = await tx.query<{ id: string }>(
		`select id from auth.users where ${column} and $1 <> '' limit 1`,
		[hash]
	);
	const id = found.rows[0]?.id;
	if (id === undefined) throw invalid;
	const user = (await lockUserById(tx, id)) as UserRow;
	if (user.is_banned) throw forbidden('user_banned', 'User is banned');
	let resolved = type;
	let sentAt: string | null;
	if (type === 'email') {
		resolved = user.recovery_token === hash ? 'magiclink' : 'signup';
		sentAt = resolved === 'magiclink' ? user.recovery_sent_at : user.confirmation_sent_at;
	} else if (type === 'signup' || type === 'invite') sentAt = user.confirmation_sent_at;
	else if (type === 'recovery' || type === 'magiclink') sentAt = user.recovery_sent_at;
	else sentAt = user.email_change_sent_at;
	if (expired(sentAt, ctx)) throw invalid;
	return { user, type: resolved };
}

/** Finds the user of an email + code (GoTrue's verifyUserAndToken); 403 otp_expired when it does not match. */
async function userByEmailAndCode(
	tx: Queryable,
	ctx: AuthContext,
	email: string,
	hash: string,
	type: string
): Promise<{ user: UserRow; type: string }> {
	const invalid = forbidden('otp_expired', 'Token has expired or is invalid');
	let user: UserRow | undefined;
	if (type === 'email_change') {
		const found = await tx.query<{ id: string }>(
			`select id from auth.users where instance_id = '00000000-0000-0000-0000-000000000000' and is_sso_user = false
			   and (lower(email_change) = lower($1) or lower(email) = lower($1)) and aud = 'authenticated' limit 1`,
			[email]
		);
		user = found.rows[0] === undefined ? undefined : await lockUserById(tx, found.rows[0].id);
	} else {
		const found = await findUserByEmail(tx, email);
		user = found === undefined ? undefined : await lockUserById(tx, found.id);
	}
	if (user === undefined) throw invalid;
	if (user.is_banned) throw forbidden('user_banned', 'User is banned');
	let resolved = type;
	let valid = false;
	if (type === 'email') {
		if (matches(hash, user.confirmation_token) && !expired(user.confirmation_sent_at, ctx)) {
			valid = true;
			resolved = 'signup';
		} else if (matches(hash, user.recovery_token) && !expired(user.recovery_sent_at, ctx)) {
			valid = true;
			resolved = 'magiclink';
		}
	} else if (type === 'signup' || type === 'invite') {
		valid = matches(hash, user.confirmation_token) && !expired(user.confirmation_sent_at, ctx);
	} else if (type === 'recovery' || type === 'magiclink') {
		valid = matches(hash, user.recovery_token) && !expired(user.recovery_sent_at, ctx);
	} else if (type === 'email_change') {
		valid =
			(matches(hash, user.email_change_token_current) ||
				matches(hash, user.email_change_token_new)) &&
			!expired(user.email_change_sent_at, ctx);
	}
	if (!valid) throw invalid;
	return { user, type: resolved };
}

/** Sets email_verified on the user's email identity when its address is the user's. */
async function markIdentityVerified(tx: Queryable, user: UserRow): Promise<void> {
	for (const identity of await identitiesOf(tx, user.id)) {
		if (
			identity.email === null ||
			identity.email === '' ||
			user.email === null ||
			identity.email !== user.email
		)
			continue;
		await updateIdentityData(tx, user.id, identity.provider, { email_verified: true });
	}
}

/** Sign-up or invite confirmation (GoTrue's signupVerify). */
async function signupVerify(tx: Queryable, user: UserRow): Promise<void> {
	if (
		(user.encrypted_password === null || user.encrypted_password === '') &&
		user.invited_at !== null
	) {
		const random = randomUUID() + randomUUID();
		await updateUser(tx, user.id, { encrypted_password: await hashPassword(random) });
	}
	await confirmEmail(tx, user);
	await markIdentityVerified(tx, (await findUserById(tx, user.id)) as UserRow);
}

/** Recovery or magic-link use (GoTrue's recoverVerify): clears the token, confirms the email if needed. */
async function recoverVerify(tx: Queryable, user: UserRow): Promise<void> {
	await updateUser(tx, user.id, { recovery_token: '' });
	await clearOneTimeTokens(tx, user.id);
	if (user.email_confirmed_at === null) await confirmEmail(tx, user);
}

/** Applies a pending email change (GoTrue's ConfirmEmailChange plus the identity update). */
export async function applyEmailChange(tx: Queryable, user: UserRow): Promise<void> {
	const newEmail = user.email_change ?? '';
	const identities = await identitiesOf(tx, user.id);
	if (identities.some((identity) => identity.provider === 'email')) {
		await updateIdentityData(tx, user.id, 'email', { email: newEmail, email_verified: true });
	} else {
		await insertIdentity(tx, user.id, 'email', {
			sub: user.id,
			email: newEmail,
			email_verified: true,
			phone_verified: false,
		});
	}
	await updateUser(tx, user.id, {
		email: newEmail,
		email_change: '',
		email_change_token_current: '',
		email_change_token_new: '',
		email_change_confirm_status: 0,
		is_anonymous: false,
	});
	await clearOneTimeTokens(tx, user.id);
	const updated = (await findUserById(tx, user.id)) as UserRow;
	if (updated.email_confirmed_at === null) await confirmEmail(tx, updated);
}

/** Email change verification (GoTrue's emailChangeVerify): the first of two confirmations only records itself. */
async function emailChangeVerify(
	tx: Queryable,
	ctx: AuthContext,
	user: UserRow,
	hash: string
): Promise<boolean> {
	if (
		!ctx.config.mailerAutoconfirm &&
		user.email_change_confirm_status === 0 &&
		(user.email ?? '') !== '' &&
		(user.email_change_token_current ?? '') !== ''
	) {
		const values: Record<string, unknown> = { email_change_confirm_status: 1 };
		if (matches(hash, user.email_change_token_current)) {
			values['email_change_token_current'] = '';
			await tx.query(
				`delete from auth.one_time_tokens where user_id = $1 and token_type = 'email_change_token_current'`,
				[user.id]
			);
		} else {
			values['email_change_token_new'] = '';
			await tx.query(
				`delete from auth.one_time_tokens where user_id = $1 and token_type = 'email_change_token_new'`,
				[user.id]
			);
		}
		await updateUser(tx, user.id, values);
		return false;
	}
	await applyEmailChange(tx, user);
	return true;
}

/** Updates app_metadata.providers from the identities (GoTrue's UpdateAppMetaDataProviders). */
async function syncProviders(tx: Queryable, userId: string): Promise<void> {
	await tx.query(
		`update auth.users u set raw_app_meta_data = coalesce(u.raw_app_meta_data, '{}'::jsonb)
		   || jsonb_build_object('providers', (select coalesce(jsonb_agg(distinct i.provider), '[]'::jsonb) from auth.identities i where i.user_id = u.id))
		 where u.id = $1 and exists (select 1 from auth.identities i where i.user_id = u.id)`,
		[userId]
	);
}

function authMethodFor(type: string): AuthMethod {
	if (type === 'signup') return 'email/signup';
	if (type === 'invite' || type === 'recovery' || type === 'magiclink' || type === 'email_change')
		return type;
	return 'otp';
}

/** Runs the verification of `type` for the user and issues the result (session or PKCE code). */
async function completeVerification(
	tx: Queryable,
	ctx: AuthContext,
	request: Request,
	user: UserRow,
	type: string,
	hash: string,
	pkce: boolean
): Promise<Verified> {
	switch (type) {
		case 'signup':
		case 'invite':
			await signupVerify(tx, user);
			break;
		case 'recovery':
		case 'magiclink':
			await recoverVerify(tx, user);
			break;
		case 'email_change':
			if (!(await emailChangeVerify(tx, ctx, user, hash))) return { kind: 'half-confirmed' };
			break;
		default:
			throw badRequest('validation_failed', 'Unsupported verification type');
	}
	await syncProviders(tx, user.id);
	const fresh = (await findUserById(tx, user.id)) as UserRow;
	if (pkce) {
		const method = authMethodFor(type);
		const flow = await tx.query<{ id: string; auth_code: string }>(
			`select id, auth_code from auth.flow_state where user_id = $1 and authentication_method = $2 order by created_at desc limit 1`,
			[user.id, method]
		);
		const row = flow.rows[0];
		if (row === undefined)
			throw badRequest(
				'flow_state_not_found',
				'No associated flow state found. No valid flow state found for user.'
			);
		await tx.query(
			'update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = $1',
			[row.id]
		);
		return { kind: 'code', code: row.auth_code };
	}
	// GoTrue records every verification as the `otp` method.
	return {
		kind: 'session',
		session: await issueSession(tx, ctx.config, fresh, 'otp', clientDetails(request)),
	};
}

/** Go's url.QueryEscape. */
function goQueryEscape(value: string): string {
	return encodeURIComponent(value)
		.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replaceAll('%20', '+');
}

/** Go's url.Values.Encode: keys sorted, values query-escaped. */
function fragmentOf(values: Record<string, string>): string {
	return Object.keys(values)
		.sort()
		.map((key) => `${goQueryEscape(key)}=${goQueryEscape(values[key] ?? '')}`)
		.join('&');
}

function withQuery(url: string, values: Record<string, string>): string {
	const parsed = new URL(url);
	for (const [key, value] of Object.entries(values)) parsed.searchParams.set(key, value);
	return parsed.toString();
}

function redirect(location: string): Response {
	return new Response(null, { status: 303, headers: { location } });
}

/** GET /verify: the link in an email. Redirects (303) to redirect_to with tokens, a code, or the error. */
async function verifyGet(ctx: AuthContext, request: Request): Promise<Response> {
	const url = new URL(request.url);
	const token = url.searchParams.get('token') ?? '';
	const type = url.searchParams.get('type') ?? '';
	const redirectTo = referrer(request, ctx.config);
	if (type === '') throw badRequest('validation_failed', 'Verify requires a verification type');
	if (token === '')
		throw badRequest('validation_failed', 'Verify requires a token or a token hash');
	const pkce = token.startsWith('pkce_');
	try {
		if (!EMAIL_TYPES.has(type) || type === 'email')
			throw badRequest('validation_failed', 'Invalid email verification type');
		const result = await ctx.db.transaction(async (tx) => {
			const { user, type: resolved } = await userByTokenHash(tx, ctx, token, type);
			return completeVerification(tx, ctx, request, user, resolved, token, pkce);
		});
		if (result.kind === 'half-confirmed') {
			const target = pkce ? withQuery(redirectTo, { message: SINGLE_CONFIRMATION }) : redirectTo;
			return redirect(
				`${target.split('#')[0]}#${fragmentOf({ message: SINGLE_CONFIRMATION, sb: '' })}`
			);
		}
		if (result.kind === 'code') return redirect(withQuery(redirectTo, { code: result.code }));
		const session = result.session;
		return redirect(
			`${redirectTo}#${fragmentOf({
				access_token: session.access_token,
				expires_at: String(session.expires_at),
				expires_in: String(session.expires_in),
				refresh_token: session.refresh_token,
				sb: '',
				token_type: session.token_type,
				type,
			})}`
		);
	} catch (error) {
		if (!(error instanceof AuthError)) throw error;
		const values: Record<string, string> = {
			error_code: error.code,
			error_description: error.message,
		};
		const oauth = OAUTH_ERRORS[error.status];
		if (oauth !== undefined) values['error'] = oauth;
		let target = redirectTo.split('#')[0] ?? redirectTo;
		if (pkce) target = withQuery(target, values);
		return redirect(`${target}#${fragmentOf({ ...values, sb: '' })}`);
	}
}

/** POST /verify: a code or token hash sent by the client; answers with a session (or the half-confirmation). */
async function verifyPost(ctx: AuthContext, request: Request): Promise<Response> {
	const params = await readParams(request, 'VerifyParams');
	const type = params.string('type');
	const token = params.string('token');
	const hashParam = params.string('token_hash');
	let email = params.string('email');
	const phone = params.string('phone');
	const redirectParam = params.string('redirect_to');
	if (type === '') throw badRequest('validation_failed', 'Verify requires a verification type');
	if ((token === '' && hashParam === '') || (token !== '' && hashParam !== '')) {
		throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
	}
	let hash = hashParam;
	if (token !== '') {
		if (phone !== '' && email === '') {
			throw badRequest(
				'phone_provider_disabled',
				'Phone verification is not supported: phone sign-in is disabled'
			);
		} else if (phone === '' && email !== '') {
			try {
				email = validateEmail(email);
			} catch {
				throw unprocessable('validation_failed', 'Invalid email format');
			}
			hash = tokenHash(email, token);
		} else {
			throw badRequest(
				'validation_failed',
				'Only an email address or phone number should be provided on verify'
			);
		}
	} else if (email !== '' || phone !== '' || redirectParam !== '') {
		throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
	}
	if (type === 'sms' || type === 'phone_change') {
		throw badRequest(
			'phone_provider_disabled',
			'Phone verification is not supported: phone sign-in is disabled'
		);
	}
	if (!EMAIL_TYPES.has(type))
		throw badRequest('validation_failed', 'Invalid email verification type');
	const result = await ctx.db.transaction(async (tx) => {
		const found =
			token === ''
				? await userByTokenHash(tx, ctx, hash, type)
				: await userByEmailAndCode(tx, ctx, email, hash, type);
		return completeVerification(tx, ctx, request, found.user, found.type, hash, false);
	});
	if (result.kind === 'half-confirmed')
		return jsonResponse({ msg: SINGLE_CONFIRMATION, code: '200' });
	if (result.kind === 'code') throw badRequest('validation_failed', 'Unexpected PKCE verification');
	return jsonResponse(result.session);
}

/** GET or POST /verify (GoTrue's Verify). */
export async function verify(ctx: AuthContext, request: Request): Promise<Response> {
	if (
		ctx.limits !== undefined &&
		!ctx.limits.verify.allow(`verify:${request.headers.get('x-real-ip') ?? ''}`)
	) {
		throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
	}
	return request.method === 'GET' ? verifyGet(ctx, request) : verifyPost(ctx, request);
}
