import { randomUUID } from 'node:crypto';
import type { Queryable } from '../contracts.ts';
import { clientDetails, type AuthContext } from './context.ts';
import { sendConfirmation } from './emails.ts';
import {
	AuthError,
	badRequest,
	internal,
	jsonResponse,
	tooManyRequests,
	unprocessable,
} from './errors.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { referrer } from './redirects.ts';
import { readParams } from './request.ts';
import { issueSession } from './sessions.ts';
import {
	AUDIENCE,
	findDuplicateEmailUser,
	findUserById,
	identitiesOf,
	insertIdentity,
	insertUser,
	mergeMetadata,
	type UserRow,
	updateUser,
	userJson,
} from './users.ts';
import {
	createFlowState,
	flowFromChallenge,
	validateEmail,
	validatePkceParams,
} from './validation.ts';

/** Wraps a failure of the user INSERT (a trigger on auth.users, a constraint) as GoTrue reports it. */
async function creatingUser<T>(step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		if (error instanceof AuthError) throw error;
		console.error('[auth] creating a user failed:', error);
		throw internal('Database error saving new user');
	}
}

/** Marks the email confirmed (GoTrue's User.Confirm: also `user_metadata.email_verified = true`). */
export async function confirmEmail(tx: Queryable, user: UserRow): Promise<void> {
	await updateUser(
		tx,
		user.id,
		{
			confirmation_token: '',
			raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, { email_verified: true }),
		},
		{ email_confirmed_at: 'now()' }
	);
	await tx.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
}

/** The identity data GoTrue stores for an email identity, plus sign-up `data` keys that do not collide. */
export function emailIdentityData(
	userId: string,
	email: string,
	data: Record<string, unknown>
): Record<string, unknown> {
	const identity: Record<string, unknown> = {
		sub: userId,
		email,
		email_verified: false,
		phone_verified: false,
	};
	for (const [key, value] of Object.entries(data)) if (!(key in identity)) identity[key] = value;
	return identity;
}

async function signupAnonymously(
	ctx: AuthContext,
	request: Request,
	data: Record<string, unknown>
): Promise<Response> {
	if (!ctx.config.anonymousSignIns)
		throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
	const session = await ctx.db.transaction(async (tx) => {
		const user = await creatingUser(() =>
			insertUser(tx, {
				encryptedPassword: '',
				userMetaData: data,
				appMetaData: {},
				isAnonymous: true,
			})
		);
		return issueSession(tx, ctx.config, user, 'anonymous', clientDetails(request));
	});
	return jsonResponse(session);
}

/**
 * POST /signup (GoTrue's Signup): email + password sign-up. With autoconfirm the answer is a session; otherwise
 * a confirmation email goes out and the answer is the bare user. A confirmed address is refused
 * (`user_already_exists`) with autoconfirm, or answered with an obfuscated user without it; an unconfirmed
 * address gets the confirmation again. No email and no phone means an anonymous sign-in.
 */
export async function signup(ctx: AuthContext, request: Request): Promise<Response> {
	const { config } = ctx;
	if (config.disableSignup)
		throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
	const params = await readParams(request, 'SignupParams');
	let email = params.string('email');
	const phone = params.string('phone');
	const password = params.string('password');
	const data = params.object('data') ?? {};
	const challengeMethod = params.string('code_challenge_method');
	const challenge = params.string('code_challenge');
	params.string('channel');

	const anonymous = email === '' && phone === '';
	const ip = request.headers.get('x-real-ip') ?? '';
	if (
		ctx.limits !== undefined &&
		!ctx.limits.signUp.allow(`${anonymous ? 'anonymous' : 'signup'}:${ip}`)
	) {
		throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
	}
	if (anonymous) return signupAnonymously(ctx, request, data);
	if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
	checkPasswordStrength(password, config.passwordMinLength);
	if (email !== '' && phone !== '') {
		throw badRequest(
			'validation_failed',
			'Only an email address or phone number should be provided on signup.'
		);
	}
	validatePkceParams(challengeMethod, challenge);
	if (email === '') throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
	email = validateEmail(email);
	const flow = flowFromChallenge(challenge);
	const redirectTo = referrer(request, config);

	const existing = await findDuplicateEmailUser(ctx.db, email, AUDIENCE);
	if (existing !== undefined && existing.email_confirmed_at !== null) {
		if (config.mailerAutoconfirm)
			throw unprocessable('user_already_exists', 'User already registered');
		// Anti-enumeration: look like a fresh sign-up without revealing the account.
		const now = new Date().toISOString().replace('T', ' ').replace('Z', '+00');
		const fake = userJson(
			{
				...existing,
				id: randomUUID(),
				role: '',
				email_change: '',
				phone: '',
				created_at: now,
				updated_at: now,
				confirmation_sent_at: now,
				last_sign_in_at: null,
				confirmed_at: null,
				email_change_sent_at: null,
				email_confirmed_at: null,
				phone_confirmed_at: null,
				raw_user_meta_data: data,
				raw_app_meta_data: { provider: 'email', providers: ['email'] },
			},
			[]
		);
		return jsonResponse(fake);
	}

	const encryptedPassword = existing === undefined ? await hashPassword(password) : null;
	const result = await ctx.db.transaction(async (tx) => {
		let user: UserRow;
		if (existing === undefined) {
			user = await creatingUser(() =>
				insertUser(tx, {
					email,
					encryptedPassword,
					userMetaData: data,
					appMetaData: { provider: 'email', providers: ['email'] },
				})
			);
		} else {
			user = existing;
		}
		const identities = await identitiesOf(tx, user.id);
		if (!identities.some((identity) => identity.provider === 'email')) {
			await creatingUser(() =>
				insertIdentity(tx, user.id, 'email', emailIdentityData(user.id, user.email ?? email, data))
			);
		}
		if (config.mailerAutoconfirm) {
			await confirmEmail(tx, user);
			const confirmed = (await findUserById(tx, user.id)) as UserRow;
			return {
				session: await issueSession(tx, config, confirmed, 'password', clientDetails(request)),
			};
		}
		if (flow === 'pkce')
			await createFlowState(tx, user.id, 'email', 'email/signup', challengeMethod, challenge);
		await sendConfirmation(tx, ctx, user, flow, redirectTo);
		const fresh = (await findUserById(tx, user.id)) as UserRow;
		if (fresh.invited_at !== null)
			return { user: userJson({ ...fresh, raw_user_meta_data: {} }, []) };
		return { user: userJson(fresh, await identitiesOf(tx, fresh.id)) };
	});
	return jsonResponse('session' in result ? result.session : result.user);
}
