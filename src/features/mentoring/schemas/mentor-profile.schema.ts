import { z } from 'astro/zod';
import { CheckboxSchema, optionsSchema, textSchema } from '~/features/profiles/schemas/fields.ts';
import { COUNTRY_CODES, LANGUAGE_CODES, SECTORS } from '~/features/profiles/options.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import { FORMATS, MENTORING_LIMITS as L, TOPICS } from '../options.ts';
import { optional } from './mentorship.schema.ts';

const asTuple = (list: readonly string[]) => list as [string, ...string[]];
const atLeastOne = (key: MessageKey) => ({ error: key });

/** A number of mentees from a select (a string in a post, a number in tests); anything else is refused. */
const CapacitySchema = z.preprocess(
	(value) => (typeof value === 'string' && /^\d{1,2}$/.test(value.trim()) ? Number(value) : value),
	z
		.int({ error: 'mentoring.error.capacityRange' })
		.min(L.capacityMin, { error: 'mentoring.error.capacityRange' })
		.max(L.capacityMax, { error: 'mentoring.error.capacityRange' })
);

/**
 * The mentor profile form. Field names are the columns of `public.mentor_profiles`, so a parsed
 * form is the row as it stands. `paused_reason` is the database's to set; pausing here is "self".
 */
export const MentorProfileSchema = z.object({
	about: optional(textSchema(L.aboutMax, 'mentoring.error.aboutTooLong')),
	topics: optionsSchema(TOPICS, L.topicsMax, 'mentoring.error.topicsTooMany').refine(
		(list) => list.length > 0,
		atLeastOne('mentoring.error.topicsRequired')
	),
	sectors: optionsSchema(SECTORS, L.sectorsMax, 'mentoring.error.sectorsTooMany'),
	languages: optionsSchema(
		asTuple(LANGUAGE_CODES),
		L.languagesMax,
		'mentoring.error.languagesTooMany'
	).refine((list) => list.length > 0, atLeastOne('mentoring.error.languagesRequired')),
	countries: optionsSchema(
		asTuple(COUNTRY_CODES),
		L.countriesMax,
		'mentoring.error.countriesTooMany'
	),
	formats: optionsSchema(FORMATS).refine(
		(list) => list.length > 0,
		atLeastOne('mentoring.error.formatsRequired')
	),
	capacity: CapacitySchema,
	paused: CheckboxSchema,
});
export type MentorProfileValues = z.infer<typeof MentorProfileSchema>;

export { MENTOR_PROFILE_FIELDS, type MentorProfileField } from './mentor-profile.fields.ts';
