import { z } from 'astro/zod';
import {
	BUSINESS_STAGES,
	CONTACT_VISIBILITY_LEVELS,
	EMPLOYER_TYPES,
	JLPT_LEVELS,
	LANGUAGE_CODES,
	COUNTRY_CODES,
	LOOKING_FOR,
	MEMBER_KINDS,
	PROGRAMMES,
	SECTORS,
	SKILLS_TESTS,
	SSW_FIELDS,
	VISIBILITY_LEVELS,
} from '../options.ts';
import {
	CheckboxSchema,
	ContactEmailSchema,
	PROFILE_LIMITS as L,
	PhoneSchema,
	PrefecturesSchema,
	YearSchema,
	lineSchema,
	optionSchema,
	optionsSchema,
	requiredOptionSchema,
	textSchema,
} from './fields.ts';

const asTuple = (list: readonly string[]) => list as [string, ...string[]];

/** Who may see a field: one of the four audiences. */
const visibility = requiredOptionSchema(VISIBILITY_LEVELS, 'profiles.error.visibilityRequired');
/** Who may see a contact detail: never the public. */
const contactVisibility = requiredOptionSchema(
	CONTACT_VISIBILITY_LEVELS,
	'profiles.error.visibilityRequired'
);

/** The name people see; required, as it is what lists the profile in the directory at all. */
export const DisplayNameSchema = lineSchema(
	L.displayNameMax,
	'profiles.error.displayNameTooLong',
	'profiles.error.displayNameRequired'
);

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

/** A field of the profile form; each is a column of `public.profiles`. */
export type ProfileField = (typeof PROFILE_FIELDS)[number];

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

/**
 * The profile form: everything a person says about themselves, and who may see each part. Field
 * names are the columns of `public.profiles`, so a parsed form is the row update as it stands.
 * Keys not listed here (`verified`, `id` …) are dropped; the database refuses them anyway.
 */
export const ProfileSchema = z
	.object({
		display_name: DisplayNameSchema,
		kinds: optionsSchema(MEMBER_KINDS),
		headline: lineSchema(L.headlineMax, 'profiles.error.headlineTooLong'),
		headline_visibility: visibility,
		bio: textSchema(L.bioMax, 'profiles.error.bioTooLong'),
		bio_visibility: visibility,
		home_country: optionSchema(asTuple(COUNTRY_CODES)),
		country_visibility: visibility,
		region: lineSchema(L.regionMax, 'profiles.error.regionTooLong'),
		region_visibility: visibility,
		languages: optionsSchema(
			asTuple(LANGUAGE_CODES),
			L.languagesMax,
			'profiles.error.tooManyLanguages'
		),
		languages_visibility: visibility,

		programmes: optionsSchema(PROGRAMMES),
		programmes_visibility: visibility,
		japan_field: optionSchema(SSW_FIELDS),
		japan_job: lineSchema(L.jobMax, 'profiles.error.jobTooLong'),
		field_visibility: visibility,
		prefectures: PrefecturesSchema,
		prefectures_visibility: visibility,
		employer_type: optionSchema(EMPLOYER_TYPES),
		employer_visibility: visibility,
		japan_start_year: YearSchema,
		japan_end_year: YearSchema,
		years_visibility: visibility,
		jlpt_level: optionSchema(JLPT_LEVELS),
		jft_basic: CheckboxSchema,
		japanese_visibility: visibility,
		skills_tests: optionsSchema(SKILLS_TESTS),
		skills_visibility: visibility,

		business_stage: requiredOptionSchema(BUSINESS_STAGES, 'profiles.error.choose'),
		business_name: lineSchema(L.businessNameMax, 'profiles.error.businessNameTooLong'),
		business_sector: optionSchema(SECTORS),
		business_needs: textSchema(L.businessNeedsMax, 'profiles.error.businessNeedsTooLong'),
		business_visibility: visibility,

		looking_for: optionsSchema(LOOKING_FOR),
		looking_for_visibility: visibility,

		contact_email: ContactEmailSchema,
		email_visibility: contactVisibility,
		contact_phone: PhoneSchema,
		phone_visibility: contactVisibility,
		contact_whatsapp: PhoneSchema,
		whatsapp_visibility: contactVisibility,

		profile_visibility: visibility,
	})
	.superRefine((profile, context) => {
		const { japan_start_year: start, japan_end_year: end } = profile;
		const inRange = (year: number | null): year is number =>
			year !== null && year >= L.yearMin && year <= L.yearMax;
		// Each year has its own message when it is wrong; compare only two good ones.
		if (!inRange(start) || !inRange(end)) return;
		if (end < start) {
			context.addIssue({
				code: 'custom',
				path: ['japan_end_year'],
				message: 'profiles.error.endBeforeStart',
			});
		} else if (end - start > L.yearsSpanMax) {
			context.addIssue({
				code: 'custom',
				path: ['japan_end_year'],
				message: 'profiles.error.yearsSpan',
			});
		}
	});

/** The profile form's values as the form holds them. */
export type ProfileInput = z.input<typeof ProfileSchema>;

/** A parsed profile form: the update of the person's `profiles` row. */
export type ProfileUpdate = z.output<typeof ProfileSchema>;
