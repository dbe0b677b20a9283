import { randomUUID } from 'node:crypto';
import type { AuthContext } from './context.ts';
import { sendConfirmation, sendEmailChange, sendRecoveryOrMagicLink } from './emails.ts';
import { badRequest, jsonResponse, tooManyRequests, unprocessable } from './errors.ts';
import { hashPassword } from './passwords.ts';
import { referrer } from './redirects.ts';
import { readParams } from './request.ts';
import { confirmEmail, emailIdentityData } from './signup.ts';
import {
	findUserByEmail,
	findUserById,
	identitiesOf,
	insertIdentity,
	insertUser,
	type UserRow,
} from './users.ts';
import {
	createFlowState,
	flowFromChallenge,
	validateEmail,
	validatePkceParams,
} from './validation.ts';

function limitOtp(ctx: AuthContext, request: Request, kind: string): void {
	if (
		ctx.limits !== undefined &&
		!ctx.limits.otp.allow(`${kind}:${request.headers.get('x-real-ip') ?? ''}`)
	) {
		throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
	}
}

/** POST /recover (GoTrue's Recover): a password-reset email; `{}` whether or not the address is known. */
export async function recover(ctx: AuthContext, request: Request): Promise<Response> {
	limitOtp(ctx, request, 'recover');
	const params = await readParams(request, 'RecoverParams');
	let email = params.string('email');
	const challengeMethod = params.string('code_challenge_method');
	const challenge = params.string('code_challenge');
	if (email === '') throw badRequest('validation_failed', 'Password recovery requires an email');
	email = validateEmail(email);
	validatePkceParams(challengeMethod, challenge);
	const flow = flowFromChallenge(challenge);
	const user = await findUserByEmail(ctx.db, email);
	if (user === undefined) return jsonResponse({});
	await ctx.db.transaction(async (tx) => {
		if (flow === 'pkce')
			await createFlowState(tx, user.id, 'recovery', 'recovery', challengeMethod, challenge);
		await sendRecoveryOrMagicLink(tx, ctx, user, 'recovery', flow, referrer(request, ctx.config));
	});
	return jsonResponse({});
}

/**
 * POST /otp and /magiclink (GoTrue's Otp → MagicLink): a sign-in link for an email. An unknown or unconfirmed
 * address is signed up first (with a random password) and gets the confirmation email instead, unless
 * `create_user` is false (422 `otp_disabled`).
 */
export async function otp(ctx: AuthContext, request: Request): Promise<Response> {
	limitOtp(ctx, request, 'otp');
	const params = await readParams(request, 'OtpParams');
	let email = params.string('email');
	const phone = params.string('phone');
	const createUser = params.boolean('create_user', true);
	const data = params.object('data') ?? {};
	const channel = params.string('channel');
	const challengeMethod = params.string('code_challenge_method');
	const challenge = params.string('code_challenge');
	if (email !== '' && phone !== '')
		throw badRequest(
			'validation_failed',
			'Only an email address or phone number should be provided'
		);
	if (email !== '' && channel !== '')
		throw badRequest('validation_failed', 'Channel should only be specified with Phone OTP');
	validatePkceParams(challengeMethod, challenge);
	if (!createUser && email !== '') {
		email = validateEmail(email);
		if ((await findUserByEmail(ctx.db, email)) === undefined)
			throw unprocessable('otp_disabled', 'Signups not allowed for otp');
	}
	if (phone !== '') throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
	if (email === '') throw badRequest('validation_failed', 'One of email or phone must be set');
	email = validateEmail(email);
	const flow = flowFromChallenge(challenge);
	const redirectTo = referrer(request, ctx.config);
	const existing = await findUserByEmail(ctx.db, email);

	if (existing === undefined || existing.email_confirmed_at === null) {
		if (ctx.config.disableSignup && existing === undefined)
			throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
		const encryptedPassword = existing === undefined ? await hashPassword(randomUUID()) : null;
		await ctx.db.transaction(async (tx) => {
			let user: UserRow = existing as UserRow;
			if (existing === undefined) {
				user = await insertUser(tx, {
					email,
					encryptedPassword,
					userMetaData: data,
					appMetaData: { provider: 'email', providers: ['email'] },
				});
				await insertIdentity(tx, user.id, 'email', emailIdentityData(user.id, email, data));
			} else if (
				!(await identitiesOf(tx, user.id)).some((identity) => identity.provider === 'email')
			) {
				await insertIdentity(tx, user.id, 'email', emailIdentityData(user.id, email, data));
			}
			if (ctx.config.mailerAutoconfirm) {
				// GoTrue signs the new user up (confirmed) and then sends the magic link as for a known user.
				await confirmEmail(tx, user);
				const confirmed = (await findUserById(tx, user.id)) as UserRow;
				if (flow === 'pkce')
					await createFlowState(tx, user.id, 'magiclink', 'magiclink', challengeMethod, challenge);
				await sendRecoveryOrMagicLink(tx, ctx, confirmed, 'magiclink', flow, redirectTo);
				return;
			}
			if (flow === 'pkce')
				await createFlowState(tx, user.id, 'email', 'email/signup', challengeMethod, challenge);
			await sendConfirmation(tx, ctx, user, flow, redirectTo);
		});
		return jsonResponse({});
	}
	await ctx.db.transaction(async (tx) => {
		if (flow === 'pkce')
			await createFlowState(tx, existing.id, 'magiclink', 'magiclink', challengeMethod, challenge);
		await sendRecoveryOrMagicLink(tx, ctx, existing, 'magiclink', flow, redirectTo);
	});
	return jsonResponse({});
}

/** POST /resend (GoTrue's Resend): the sign-up confirmation or the email-change confirmation again. */
export async function resend(ctx: AuthContext, request: Request): Promise<Response> {
	limitOtp(ctx, request, 'resend');
	const params = await readParams(request, 'ResendConfirmationParams');
	const type = params.string('type');
	let email = params.string('email');
	const phone = params.string('phone');
	const challengeMethod = params.string('code_challenge_method');
	const challenge = params.string('code_challenge');
	if (type === 'signup' || type === 'email_change') validatePkceParams(challengeMethod, challenge);
	else if (type !== 'sms' && type !== 'phone_change') {
		throw badRequest(
			'validation_failed',
			'Missing one of these types: signup, email_change, sms, phone_change'
		);
	}
	if (email === '' && type === 'signup')
		throw badRequest('validation_failed', 'Type provided requires an email address');
	if (phone === '' && type === 'sms')
		throw badRequest('validation_failed', 'Type provided requires a phone number');
	if (email !== '' && phone !== '')
		throw badRequest(
			'validation_failed',
			'Only an email address or phone number should be provided.'
		);
	if (email === '' && phone === '')
		throw badRequest('validation_failed', 'Missing email address or phone number');
	if (phone !== '' || type === 'sms' || type === 'phone_change')
		throw badRequest('phone_provider_disabled', 'Phone logins are disabled');
	email = validateEmail(email);
	const user = await findUserByEmail(ctx.db, email);
	if (user === undefined) return jsonResponse({});
	if (type === 'signup' && user.email_confirmed_at !== null) return jsonResponse({});
	if (type === 'email_change' && (user.email_change ?? '') === '') return jsonResponse({});
	const flow = flowFromChallenge(challenge);
	const redirectTo = referrer(request, ctx.config);
	await ctx.db.transaction(async (tx) => {
		if (type === 'signup') {
			if (flow === 'pkce')
				await createFlowState(tx, user.id, 'email', 'email/signup', challengeMethod, challenge);
			await sendConfirmation(tx, ctx, user, flow, redirectTo);
		} else {
			if (flow === 'pkce')
				await createFlowState(
					tx,
					user.id,
					'email_change',
					'email_change',
					challengeMethod,
					challenge
				);
			await sendEmailChange(tx, ctx, user, user.email_change ?? '', flow, redirectTo);
		}
	});
	return jsonResponse({});
}
