import { ActionError, defineAction } from 'astro:actions';
import { PROFILE_PATHS } from '~/features/profiles/paths.ts';
import { dataActionError } from '~/features/profiles/server/errors.server.ts';
import { isLocale, localePath } from '~/i18n/locales.ts';
import { OnboardingSchema } from '../schemas/onboarding.schema.ts';

/** Where onboarding sends the browser next (post/redirect/get). */
export type OnboardingActionResult = { redirectTo: string };

/** The onboarding action, wired in `src/actions/index.ts` as `actions.onboarding.*`. */
export const onboarding = {
	complete: defineAction({
		accept: 'form',
		input: OnboardingSchema,
		handler: async (input, context): Promise<OnboardingActionResult> => {
			const userId = context.locals.user?.sub;
			if (!userId) {
				throw new ActionError({ code: 'UNAUTHORIZED', message: 'profiles.error.sessionExpired' });
			}
			const { locale, supabase } = context.locals;
			const update = { ...input, locale: isLocale(locale) ? locale : 'en' };
			const { data, error } = await supabase
				.from('profiles')
				.update(update)
				.eq('id', userId)
				.select('id');
			if (error) throw dataActionError(error, 'onboarding');
			if (data.length === 0) {
				const { error: insertError } = await supabase
					.from('profiles')
					.insert({ id: userId, ...update });
				if (insertError) throw dataActionError(insertError, 'onboarding');
			}
			return { redirectTo: `${localePath(locale, PROFILE_PATHS.edit)}?saved=welcome` };
		},
	}),
};
