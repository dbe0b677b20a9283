import type { AstroGlobal } from 'astro';
import type { RequestContext } from '~/features/auth/server/require.server.ts';
import { getOwnProfile, needsOnboarding } from '~/features/profiles/server/profile.server.ts';
import { localePath } from '~/i18n/locales.ts';
import { siteCookieOptions } from '~/lib/supabase/server.ts';
import { LATER_COOKIE, LATER_PARAM, ONBOARDING_PATHS } from '../paths.ts';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Sends a new member to onboarding: a redirect to the welcome page while they have not said who
 * they are (no name or no kind yet), or undefined. Call it where people land after signing in
 * (the account page). The welcome page's "not now" link (`?onboarding=later`) is remembered in a
 * cookie, so the question is asked once per browser, not on every visit; the profile pages keep
 * offering to finish. A backend failure never blocks the page: it then answers undefined.
 */
export async function onboardingRedirect(
	context: RequestContext & Pick<AstroGlobal, 'cookies'>
): Promise<Response | undefined> {
	const { user, supabase, locale } = context.locals;
	if (!user) return undefined;
	if (context.url.searchParams.get(LATER_PARAM) === 'later') {
		context.cookies.set(LATER_COOKIE, '1', {
			...siteCookieOptions(context.url),
			maxAge: YEAR_SECONDS,
		});
		const clean = new URL(context.url);
		clean.searchParams.delete(LATER_PARAM);
		return context.redirect(`${clean.pathname}${clean.search}`, 303);
	}
	if (context.cookies.has(LATER_COOKIE)) return undefined;
	try {
		const profile = await getOwnProfile(supabase, user.sub);
		if (!needsOnboarding(profile)) return undefined;
	} catch (error) {
		console.error('[onboarding] could not read the profile:', error);
		return undefined;
	}
	return context.redirect(localePath(locale, ONBOARDING_PATHS.welcome), 303);
}
