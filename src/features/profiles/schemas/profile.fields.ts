/**
 * The profile form's fields in page order. No zod here: islands import this with the page and load
 * their schema only when it is needed (ADR 015).
 */

/** The fields of the profile form, in page order: the order of its error summary. */
export const PROFILE_FIELDS = [
	'display_name',
	'kinds',
	'headline',
	'headline_visibility',
	'bio',
	'bio_visibility',
	'home_country',
	'country_visibility',
	'region',
	'region_visibility',
	'languages',
	'languages_visibility',
	'programmes',
	'programmes_visibility',
	'japan_field',
	'japan_job',
	'field_visibility',
	'prefectures',
	'prefectures_visibility',
	'employer_type',
	'employer_visibility',
	'japan_start_year',
	'japan_end_year',
	'years_visibility',
	'jlpt_level',
	'jft_basic',
	'japanese_visibility',
	'skills_tests',
	'skills_visibility',
	'business_stage',
	'business_name',
	'business_sector',
	'business_needs',
	'business_visibility',
	'looking_for',
	'looking_for_visibility',
	'contact_email',
	'email_visibility',
	'contact_phone',
	'phone_visibility',
	'contact_whatsapp',
	'whatsapp_visibility',
	'profile_visibility',
] as const;

/**
 * The facts staff check when they verify a person: changing any of them clears `verified` until
 * staff check again. Mirrors `private.profiles_protect()` (supabase/migrations/*_profiles.sql);
 * a test holds the two together.
 */
export const VERIFIED_PROFILE_FIELDS = [
	'display_name',
	'programmes',
	'japan_field',
	'prefectures',
	'employer_type',
	'japan_start_year',
	'japan_end_year',
	'jlpt_level',
	'jft_basic',
	'skills_tests',
] as const satisfies readonly ProfileField[];

/** A field of the profile form; each is a column of `public.profiles`. */
export type ProfileField = (typeof PROFILE_FIELDS)[number];
