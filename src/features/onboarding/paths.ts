/** Locale-independent paths of onboarding; `localePath()` turns them into URLs. */
export const ONBOARDING_PATHS = {
	/** "Welcome": say who you are, after signing up. */
	welcome: '/welcome',
} as const;

/** The query parameter on the account page that says "not now" to onboarding (`=later`). */
export const LATER_PARAM = 'onboarding';

/** The cookie that remembers "not now" in this browser, so people are asked once, not nagged. */
export const LATER_COOKIE = 'okaeri-onboarding-later';
