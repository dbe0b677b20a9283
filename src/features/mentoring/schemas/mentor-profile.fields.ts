/**
 * The mentor profile form's fields in page order. No zod here: islands import this with the page and
 * load their schema only when it is needed (ADR 015).
 */

/** The fields of the mentor profile form, in page order: the order of its error summary. */
export const MENTOR_PROFILE_FIELDS = [
	'about',
	'topics',
	'sectors',
	'languages',
	'countries',
	'formats',
	'capacity',
	'paused',
] as const;

export type MentorProfileField = (typeof MENTOR_PROFILE_FIELDS)[number];
