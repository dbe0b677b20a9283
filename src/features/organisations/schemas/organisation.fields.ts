/**
 * The organisation form's fields in page order. No zod here: islands import this with the page and
 * load their schema only when it is needed (ADR 015).
 */

/** The organisation form's fields, in page order: the order of its error summary. */
export const ORGANISATION_FIELDS = [
	'name',
	'kind',
	'corporate_number',
	'country',
	'prefecture',
	'region',
	'sector',
	'size',
	'website',
	'description',
	'logo',
] as const;

/**
 * What staff check when they verify an organisation: changing any of it clears `verified` until
 * staff check again. Mirrors `private.organisations_protect()`
 * (supabase/migrations/*_organisations.sql); a test holds the two together.
 */
export const VERIFIED_ORGANISATION_FIELDS = [
	'name',
	'kind',
	'corporate_number',
	'country',
] as const satisfies readonly OrganisationField[];

/** A field of the organisation form. */
export type OrganisationField = (typeof ORGANISATION_FIELDS)[number];
