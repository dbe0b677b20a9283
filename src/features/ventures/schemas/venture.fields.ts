/**
 * The opportunity form's fields in page order. No zod here: islands import this with the page and load
 * their schema only when it is needed (ADR 015).
 */

/** The fields of the opportunity form, in page order: the order of its error summary. */
export const VENTURE_FIELDS = [
	'posted_for',
	'title',
	'summary',
	'partnership_type',
	'sector',
	'target_countries',
	'offers',
	'needs',
	'required_skills',
	'min_jlpt',
	'capital',
	'network',
	'timeline',
	'languages',
	'prefecture',
	'status',
] as const;

export type VentureField = (typeof VENTURE_FIELDS)[number];
