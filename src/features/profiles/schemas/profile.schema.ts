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

export { PROFILE_FIELDS, VERIFIED_PROFILE_FIELDS, type ProfileField } from './profile.fields.ts';
