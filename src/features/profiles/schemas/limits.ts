/**
 * The limits of the profile forms and the values of their messages' placeholders. No zod here: islands
 * import this with the page and load their schema only when it is needed (ADR 015).
 */

/**
 * Longest value of each profile text, in characters (Unicode code points, as PostgreSQL's
 * `char_length` counts them). The same limits are check constraints on `public.profiles`.
 */
export const PROFILE_LIMITS = {
	displayNameMax: 80,
	headlineMax: 120,
	bioMax: 2000,
	regionMax: 80,
	jobMax: 80,
	businessNameMax: 120,
	businessNeedsMax: 1000,
	emailMax: 254,
	languagesMax: 10,
	yearMin: 1980,
	/** Ten years ahead: people preparing to go, or still in Japan, give planned years. */
	yearMax: new Date().getUTCFullYear() + 10,
	/** The longest stay the database accepts between start and end year. */
	yearsSpanMax: 40,
} as const;

/** Values for the placeholders in the profile forms' messages, e.g. `{bioMax}`. */
export const PROFILE_VALIDATION_VARS = PROFILE_LIMITS;
