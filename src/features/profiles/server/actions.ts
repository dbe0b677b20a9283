import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { localePath } from '~/i18n/locales.ts';
import { PROFILE_PATHS } from '../paths.ts';
import { ProfileSchema } from '../schemas/profile.schema.ts';
import { AvatarUploadSchema } from '../schemas/avatar.schema.ts';
import { removeAvatar, replaceAvatar } from './avatar.server.ts';
import { dataActionError } from './errors.server.ts';

/** Where a successful profile action sends the browser next (post/redirect/get). */
export type ProfileActionResult = { redirectTo: string };

/** The profile actions, wired in `src/actions/index.ts` as `actions.profiles.*`. */
export const profiles = {
	save: defineAction({
		accept: 'form',
		input: ProfileSchema,
		handler: async (update, context): Promise<ProfileActionResult> => {
			const userId = requireActionUser(context);
			const { supabase } = context.locals;
			const { data: before, error: readError } = await supabase
				.from('profiles')
				.select('verified')
				.eq('id', userId)
				.maybeSingle();
			if (readError) throw dataActionError(readError, 'profiles');
			// Row-level security lets people write only their own row; the filter names it.
			const { data, error } = await supabase
				.from('profiles')
				.update(update)
				.eq('id', userId)
				.select('id, verified');
			if (error) throw dataActionError(error, 'profiles');
			if (data.length === 0) {
				// The sign-up trigger creates every profile; create it now if that ever failed.
				const { error: insertError } = await supabase
					.from('profiles')
					.insert({ id: userId, ...update });
				if (insertError) throw dataActionError(insertError, 'profiles');
			}
			// The database clears verification when a checked fact changes (profiles_protect): say so.
			const cleared = before?.verified === true && data[0]?.verified === false;
			return { redirectTo: `${editPath(context)}?saved=${cleared ? 'unverified' : 'profile'}` };
		},
	}),

	uploadAvatar: defineAction({
		accept: 'form',
		input: AvatarUploadSchema,
		handler: async ({ avatar }, context): Promise<ProfileActionResult> => {
			const userId = requireActionUser(context);
			await replaceAvatar(context.locals.supabase, userId, avatar);
			return { redirectTo: `${editPath(context)}?saved=avatar#photo` };
		},
	}),

	removeAvatar: defineAction({
		accept: 'form',
		input: z.object({}),
		handler: async (_input, context): Promise<ProfileActionResult> => {
			const userId = requireActionUser(context);
			await removeAvatar(context.locals.supabase, userId);
			return { redirectTo: `${editPath(context)}?saved=avatar-removed#photo` };
		},
	}),
};

/** The signed-in user's id, or an "sign in again" error. Row-level security still decides. */
function requireActionUser(context: ActionAPIContext): string {
	const id = context.locals.user?.sub;
	if (!id)
		throw new ActionError({ code: 'UNAUTHORIZED', message: 'profiles.error.sessionExpired' });
	return id;
}

function editPath(context: ActionAPIContext): string {
	return localePath(context.locals.locale, PROFILE_PATHS.edit);
}
