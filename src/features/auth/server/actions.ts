import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import type { AuthError } from '@supabase/supabase-js';
import { localePath } from '~/i18n/locales.ts';
import { authCookieNames } from '~/lib/supabase/server.ts';
import { AUTH_PATHS, safeNextPath } from '../paths.ts';
import { ForgotPasswordSchema } from '../schemas/forgot-password.schema.ts';
import { ResetPasswordSchema } from '../schemas/reset-password.schema.ts';
import { SignInSchema } from '../schemas/sign-in.schema.ts';
import { SignUpSchema } from '../schemas/sign-up.schema.ts';
import { confirmUrl } from './confirm.server.ts';
import { describeAuthError, isUnexpected } from './errors.server.ts';
import { siteOrigin } from '~/lib/site-origin.server.ts';
import { clientAddress } from '~/features/audit/server/client-address.server.ts';
import { RATE_LIMITS, enforceRateLimits } from '~/features/audit/server/rate-limit.server.ts';
import { recordSecurityEvent } from '~/features/audit/server/record.server.ts';

/**
 * What a successful auth action tells the page: where to send the browser next (post/redirect/get),
 * or the address an email went to, for the page to say so.
 */
export type AuthActionResult = { redirectTo: string } | { sentTo: string };

/** The auth forms' actions, wired in `src/actions/index.ts` as `actions.auth.*`. */
export const auth = {
	signIn: defineAction({
		accept: 'form',
		input: SignInSchema,
		handler: async ({ email, password, next }, context): Promise<AuthActionResult> => {
			const ip = clientAddress(context);
			await enforceRateLimits(
				[
					{ limit: RATE_LIMITS.signInIp, key: ip },
					{ limit: RATE_LIMITS.signInEmail, key: email },
				],
				ip
			);
			let userId: string | null;
			try {
				const { data } = await callAuth(() =>
					context.locals.supabase.auth.signInWithPassword({ email, password })
				);
				userId = data.user?.id ?? null;
			} catch (error) {
				const reason = error instanceof ActionError ? error.message : 'unknown';
				await recordSecurityEvent({
					action: 'auth.sign_in_failed',
					email,
					ip,
					details: { reason },
				});
				throw error;
			}
			await recordSecurityEvent({
				action: 'auth.sign_in',
				actorId: userId,
				subjectUserId: userId,
				ip,
			});
			return { redirectTo: safeNextPath(next) ?? accountPath(context) };
		},
	}),

	signUp: defineAction({
		accept: 'form',
		input: SignUpSchema,
		handler: async ({ email, password }, context): Promise<AuthActionResult> => {
			const ip = clientAddress(context);
			await enforceRateLimits([{ limit: RATE_LIMITS.signUpIp, key: ip }], ip);
			const { data } = await callAuth(() =>
				context.locals.supabase.auth.signUp({
					email,
					password,
					options: {
						emailRedirectTo: confirmUrl(siteOrigin(), context.locals.locale, 'signup'),
					},
				})
			);
			// With email confirmation off, GoTrue signs the person in straight away.
			if (data.session) return { redirectTo: accountPath(context) };
			return { sentTo: email };
		},
	}),

	forgotPassword: defineAction({
		accept: 'form',
		input: ForgotPasswordSchema,
		handler: async ({ email }, context): Promise<AuthActionResult> => {
			const ip = clientAddress(context);
			await enforceRateLimits(
				[
					{ limit: RATE_LIMITS.resetIp, key: ip },
					{ limit: RATE_LIMITS.resetEmail, key: email },
				],
				ip
			);
			await callAuth(async () => {
				const result = await context.locals.supabase.auth.resetPasswordForEmail(email, {
					redirectTo: confirmUrl(siteOrigin(), context.locals.locale, 'recovery'),
				});
				// GoTrue limits how often one address gets a link, which would tell a stranger that the
				// address has an account. Answer as if it had been sent: the earlier link still works.
				return result.error?.code === 'over_email_send_rate_limit' ? { error: null } : result;
			});
			await recordSecurityEvent({ action: 'auth.password_reset_requested', email, ip });
			return { sentTo: email };
		},
	}),

	resetPassword: defineAction({
		accept: 'form',
		input: ResetPasswordSchema,
		handler: async ({ password }, context): Promise<AuthActionResult> => {
			if (!context.locals.user) {
				throw new ActionError({ code: 'UNAUTHORIZED', message: 'auth.error.sessionExpired' });
			}
			await callAuth(() => context.locals.supabase.auth.updateUser({ password }));
			const userId = context.locals.user.sub;
			await recordSecurityEvent({
				action: 'auth.password_changed',
				actorId: userId,
				subjectUserId: userId,
				ip: clientAddress(context),
			});
			return { redirectTo: `${accountPath(context)}?notice=password-updated` };
		},
	}),

	signOut: defineAction({
		accept: 'form',
		handler: async (_input, context): Promise<AuthActionResult> => {
			if (context.locals.user) {
				const userId = context.locals.user.sub;
				await recordSecurityEvent({
					action: 'auth.sign_out',
					actorId: userId,
					subjectUserId: userId,
					ip: clientAddress(context),
				});
				try {
					const { error } = await context.locals.supabase.auth.signOut({ scope: 'local' });
					if (error) throw error;
				} catch (error) {
					// The person asked to sign out of this browser: do it even if the auth server cannot
					// be told. Their refresh token then simply expires on the server.
					console.error('[auth] sign-out could not reach the auth server:', error);
					for (const name of authCookieNames(context.request.headers.get('cookie'))) {
						context.cookies.delete(name, { path: '/' });
					}
				}
			}
			return { redirectTo: localePath(context.locals.locale, AUTH_PATHS.signOut) };
		},
	}),
};

/**
 * Runs a supabase-js auth call and returns its result, or throws an ActionError whose message is
 * the catalog key of what to tell the person.
 */
async function callAuth<T extends { error: AuthError | null }>(call: () => Promise<T>): Promise<T> {
	let result: T;
	try {
		result = await call();
	} catch (error) {
		throw toActionError(error);
	}
	if (result.error) throw toActionError(result.error);
	return result;
}

function toActionError(error: unknown): ActionError {
	const failure = describeAuthError(error);
	if (isUnexpected(failure)) console.error('[auth]', error);
	return new ActionError({ code: failure.code, message: failure.key });
}

function accountPath(context: ActionAPIContext): string {
	return localePath(context.locals.locale, AUTH_PATHS.account);
}
