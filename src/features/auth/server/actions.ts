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
			await callAuth(() => context.locals.supabase.auth.signInWithPassword({ email, password }));
			return { redirectTo: safeNextPath(next) ?? accountPath(context) };
		},
	}),

	signUp: defineAction({
		accept: 'form',
		input: SignUpSchema,
		handler: async ({ email, password }, context): Promise<AuthActionResult> => {
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
			await callAuth(async () => {
				const result = await context.locals.supabase.auth.resetPasswordForEmail(email, {
					redirectTo: confirmUrl(siteOrigin(), context.locals.locale, 'recovery'),
				});
				// GoTrue limits how often one address gets a link, which would tell a stranger that the
				// address has an account. Answer as if it had been sent: the earlier link still works.
				return result.error?.code === 'over_email_send_rate_limit' ? { error: null } : result;
			});
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
			return { redirectTo: `${accountPath(context)}?notice=password-updated` };
		},
	}),

	signOut: defineAction({
		accept: 'form',
		handler: async (_input, context): Promise<AuthActionResult> => {
			if (context.locals.user) {
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
