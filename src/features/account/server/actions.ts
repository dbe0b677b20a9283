import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { describeAuthError, isUnexpected } from '~/features/auth/server/errors.server.ts';
import { localePath } from '~/i18n/locales.ts';
import { createSupabaseAdminClient } from '~/lib/supabase/admin.server.ts';
import { authCookieNames } from '~/lib/supabase/server.ts';
import { ACCOUNT_PATHS } from '../paths.ts';
import {
	ChangeEmailSchema,
	DeleteAccountSchema,
	confirmsEmail,
} from '../schemas/account.schema.ts';
import { deleteAccount } from './delete.server.ts';
import { siteOrigin } from '~/lib/site-origin.server.ts';
import { recordSecurityEvent } from '~/features/audit/server/record.server.ts';

/** What a successful account action tells the page: where to go, or where an email went. */
export type AccountActionResult = { redirectTo: string } | { sentTo: string };

/** The account actions, wired in `src/actions/index.ts` as `actions.account.*`. */
export const account = {
	changeEmail: defineAction({
		accept: 'form',
		input: ChangeEmailSchema,
		handler: async ({ email }, context): Promise<AccountActionResult> => {
			const user = await freshUser(context);
			if (user.email?.toLowerCase() === email) {
				throw new ActionError({ code: 'BAD_REQUEST', message: 'account.error.sameEmail' });
			}
			const redirect = new URL(
				localePath(context.locals.locale, ACCOUNT_PATHS.emailConfirm),
				siteOrigin()
			);
			let failure: unknown;
			try {
				const { error } = await context.locals.supabase.auth.updateUser(
					{ email },
					{ emailRedirectTo: redirect.href }
				);
				failure = error;
			} catch (error) {
				failure = error;
			}
			if (failure) {
				const described = describeAuthError(failure);
				if (isUnexpected(described)) console.error('[account] email change failed:', failure);
				throw new ActionError({ code: described.code, message: described.key });
			}
			return { sentTo: email };
		},
	}),

	deleteAccount: defineAction({
		accept: 'form',
		input: DeleteAccountSchema,
		handler: async ({ confirmation }, context): Promise<AccountActionResult> => {
			// Ask the auth server who this is: a token alone could be stale, and this cannot be undone.
			const user = await freshUser(context);
			if (!confirmsEmail(confirmation, user.email)) {
				throw new ActionError({
					code: 'BAD_REQUEST',
					message: 'account.error.confirmationMismatch',
				});
			}
			const admin = createSupabaseAdminClient();
			try {
				await deleteAccount(admin, user.id);
			} catch (error) {
				console.error('[account] deletion failed:', error);
				throw new ActionError({ code: 'BAD_GATEWAY', message: 'account.error.deleteFailed' });
			}
			// Recorded after the account has gone, so the entry names nobody (nor their network).
			await recordSecurityEvent({ action: 'account.deleted', details: { by: 'self' } }, admin);
			// The session died with the account: forget it in this browser.
			for (const name of authCookieNames(context.request.headers.get('cookie'))) {
				context.cookies.delete(name, { path: '/' });
			}
			context.locals.user = null;
			return { redirectTo: localePath(context.locals.locale, ACCOUNT_PATHS.deleted) };
		},
	}),
};

/** The signed-in user as the auth server knows them now, or a "sign in again" error. */
async function freshUser(context: ActionAPIContext) {
	if (!context.locals.user) {
		throw new ActionError({ code: 'UNAUTHORIZED', message: 'auth.error.sessionExpired' });
	}
	try {
		const { data, error } = await context.locals.supabase.auth.getUser();
		if (error || !data.user) throw error ?? new Error('no user');
		return data.user;
	} catch (error) {
		const described = describeAuthError(error);
		if (isUnexpected(described)) console.error('[account] could not check the user:', error);
		throw new ActionError({
			code: described.code === 'BAD_GATEWAY' ? 'UNAUTHORIZED' : described.code,
			message: described.code === 'BAD_GATEWAY' ? 'auth.error.sessionExpired' : described.key,
		});
	}
}
