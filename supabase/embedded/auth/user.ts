import { requireUser } from './authenticate.ts';
import type { AuthContext } from './context.ts';
import { sendEmailChange } from './emails.ts';
import {
	badRequest,
	forbidden,
	internal,
	jsonResponse,
	tooManyRequests,
	unprocessable,
} from './errors.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { referrer } from './redirects.ts';
import { readParams } from './request.ts';
import { logout } from './sessions.ts';
import { applyEmailChange } from './verify.ts';
import {
	AUDIENCE,
	findDuplicateEmailUser,
	findUserById,
	mergeMetadata,
	type UserRow,
	updateUser,
	userResponseJson,
} from './users.ts';
import {
	createFlowState,
	flowFromChallenge,
	validateEmail,
	validatePkceParams,
} from './validation.ts';

const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

/** GET /user (GoTrue's UserGet): the caller's user; the token's audience must be `authenticated`. */
export async function getUser(ctx: AuthContext, request: Request): Promise<Response> {
	return ctx.db.transaction(async (tx) => {
		const { claims, user } = await requireUser(request, tx, ctx.config);
		const aud = claims['aud'];
		const audience = Array.isArray(aud) ? aud[0] : aud;
		const requested = request.headers.get('x-jwt-aud') ?? AUDIENCE;
		if (audience !== requested)
			throw badRequest('validation_failed', "Token audience doesn't match request audience");
		return jsonResponse(await userResponseJson(tx, user));
	});
}

/**
 * PUT /user (GoTrue's UserUpdate): `data` merged into user_metadata, a new password (not the same as the
 * current one; other sessions end), a new email (confirmed through both addresses, or at once for an
 * anonymous user with autoconfirm). `app_metadata` only for admin users.
 */
export async function updateCurrentUser(ctx: AuthContext, request: Request): Promise<Response> {
	const { config } = ctx;
	if (
		ctx.limits !== undefined &&
		!ctx.limits.otp.allow(`user:${request.headers.get('x-real-ip') ?? ''}`)
	) {
		throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
	}
	const params = await readParams(request, 'UserUpdateParams');
	let email = params.string('email');
	const password = params.optionalString('password');
	const data = params.object('data');
	const appData = params.object('app_metadata');
	const phone = params.string('phone');
	const nonce = params.string('nonce');
	const challengeMethod = params.string('code_challenge_method');
	const challenge = params.string('code_challenge');
	params.optionalString('current_password');
	params.string('channel');

	const { user, sessionId } = await requireUser(request, ctx.db, config);
	if (email !== '') email = validateEmail(email);
	if (phone !== '')
		throw badRequest(
			'phone_provider_disabled',
			'Updating the phone number is not supported: phone sign-in is disabled'
		);
	if (password !== undefined) checkPasswordStrength(password, config.passwordMinLength);
	if (nonce !== '')
		throw badRequest(
			'validation_failed',
			'Reauthentication nonces are not supported by the embedded backend'
		);
	validatePkceParams(challengeMethod, challenge);
	if (appData !== undefined && !ADMIN_ROLES.has(user.role ?? '')) {
		throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
	}
	if (user.is_anonymous && password !== undefined && password !== '' && email === '') {
		throw unprocessable(
			'validation_failed',
			'Updating password of an anonymous user without an email or phone is not allowed'
		);
	}
	const changingEmail = email !== '' && email !== (user.email ?? '');
	if (
		changingEmail &&
		(await findDuplicateEmailUser(ctx.db, email, AUDIENCE, user.id)) !== undefined
	) {
		throw unprocessable(
			'email_exists',
			'A user with this email address has already been registered'
		);
	}
	let newHash: string | undefined;
	if (password !== undefined && password !== '') {
		if (
			user.encrypted_password !== null &&
			(await verifyPassword(password, user.encrypted_password))
		) {
			throw unprocessable(
				'same_password',
				'New password should be different from the old password.'
			);
		}
		newHash = await hashPassword(password);
	}
	const redirectTo = referrer(request, config);

	const updated = await ctx.db.transaction(async (tx) => {
		const current = (await findUserById(tx, user.id)) as UserRow;
		if (password !== undefined) {
			await updateUser(
				tx,
				user.id,
				{
					encrypted_password: newHash ?? null,
					confirmation_token: '',
					recovery_token: '',
					email_change_token_current: '',
					email_change_token_new: '',
					reauthentication_token: '',
					phone_change_token: '',
				},
				{
					confirmation_sent_at: 'null',
					recovery_sent_at: 'null',
					email_change_sent_at: 'null',
					reauthentication_sent_at: 'null',
					phone_change_sent_at: 'null',
				}
			);
			await tx.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
			await logout(tx, user.id, sessionId === undefined ? 'global' : 'others', sessionId);
		}
		if (data !== undefined) {
			await updateUser(tx, user.id, {
				raw_user_meta_data: mergeMetadata(current.raw_user_meta_data, data),
			});
		}
		if (appData !== undefined) {
			await updateUser(tx, user.id, {
				raw_app_meta_data: mergeMetadata(current.raw_app_meta_data, appData),
			});
		}
		if (changingEmail) {
			const latest = (await findUserById(tx, user.id)) as UserRow;
			if (latest.is_anonymous && config.mailerAutoconfirm) {
				await applyEmailChange(tx, { ...latest, email_change: email });
			} else {
				const flow = flowFromChallenge(challenge);
				if (flow === 'pkce')
					await createFlowState(
						tx,
						user.id,
						'email_change',
						'email_change',
						challengeMethod,
						challenge
					);
				await sendEmailChange(tx, ctx, latest, email, flow, redirectTo);
			}
		}
		const final = await findUserById(tx, user.id);
		if (final === undefined) throw internal('Error updating user');
		return userResponseJson(tx, final);
	});
	return jsonResponse(updated);
}
