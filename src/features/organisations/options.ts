import { Constants } from '~/lib/supabase/database.types.ts';

/**
 * The values of the organisations' enumerations, in the order forms list them. Each mirrors a type in
 * supabase/migrations/*_organisations.sql; labels live in the message catalogs
 * (`organisations.kind.<value>` …), so slugs never reach people.
 */

/** What an organisation is (`organisation_kind`). */
export const ORGANISATION_KINDS = Constants.public.Enums.organisation_kind;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Head-count bands (`organisation_size`): micro 1–9, small 10–49, medium 50–299, large 300+. */
export const ORGANISATION_SIZES = Constants.public.Enums.organisation_size;
export type OrganisationSize = (typeof ORGANISATION_SIZES)[number];

/** A person's role in an organisation (`organisation_role`). */
export const ORGANISATION_ROLES = Constants.public.Enums.organisation_role;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** Longest value of each organisation text, in characters; the same limits are check constraints. */
export const ORGANISATION_LIMITS = {
	nameMin: 2,
	nameMax: 120,
	regionMax: 80,
	websiteMax: 200,
	descriptionMax: 2000,
	titleMax: 80,
	/** Largest logo in bytes: the `org-logos` bucket's limit (2 MiB). */
	logoMaxBytes: 2 * 1024 * 1024,
	/** The same, in whole megabytes, for messages. */
	logoMaxMb: 2,
	/** The box a stored logo fits within, in pixels: pages show it at up to 96 (twice that on sharp screens). */
	logoSize: 256,
	/** Most pixels an uploaded logo may have: beyond that, decoding it would take too much memory. */
	logoMaxPixels: 40_000_000,
} as const;

/** Values for the placeholders in the organisation forms' messages, e.g. `{nameMax}`. */
export const ORGANISATION_VALIDATION_VARS = ORGANISATION_LIMITS;
