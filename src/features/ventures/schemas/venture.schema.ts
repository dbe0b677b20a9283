import { z } from 'astro/zod';
import {
	COUNTRY_CODES,
	JLPT_LEVELS,
	LANGUAGE_CODES,
	SECTORS,
} from '~/features/profiles/options.ts';
import {
	PrefecturesSchema,
	charLength,
	lineSchema,
	optionSchema,
	optionsSchema,
	textSchema,
} from '~/features/profiles/schemas/fields.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import {
	CAPITAL_RANGES,
	FORM_STATUSES,
	PARTNERSHIP_TYPES,
	TIMELINES,
	VENTURE_LIMITS as L,
} from '../options.ts';

const message = (key: MessageKey) => ({ error: key });
const asTuple = (list: readonly string[]) => list as [string, ...string[]];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A field that a form may leave out: absent is the same as empty, in the browser as on the server.
 */
export function optional<T extends z.ZodType>(schema: T) {
	return z.preprocess((value) => value ?? null, schema);
}

/** An id as forms post it (an opportunity, an interest, a person); anything else is "not found". */
export const IdSchema = z.uuid(message('ventures.error.not_found'));

/** A choice that must be made from a list. */
export function choice<const T extends readonly [string, ...string[]]>(
	values: T,
	required: MessageKey
) {
	return z.preprocess(
		(value) => (value === '' || value === null ? undefined : value),
		z.enum(values, {
			error: (issue) => (issue.input === undefined ? required : 'ventures.error.choose'),
		})
	);
}

/**
 * Who an opportunity is posted for: `own` (the member's own business, as a returnee) or the id of
 * one of their organisations. Only the database knows whether they belong to it and whether it is
 * verified; it says so.
 */
export const PostedForSchema = z.preprocess(
	(value) => (value === '' || value === null ? undefined : value),
	z
		.string({
			error: (issue) =>
				issue.input === undefined ? 'ventures.error.postedForRequired' : 'ventures.error.choose',
		})
		.refine((value) => value === 'own' || UUID.test(value), message('ventures.error.choose'))
);

/** Required text on one line, with a least and a most number of characters. */
function requiredLine(min: number, max: number, keys: [MessageKey, MessageKey, MessageKey]) {
	const [required, tooShort, tooLong] = keys;
	// With a "required" message, lineSchema never answers null.
	const line = lineSchema(max, tooLong, required) as unknown as z.ZodType<string>;
	return line.refine((value) => charLength(value) >= min, message(tooShort));
}

/** Required text over several lines, with a least and a most number of characters. */
function requiredText(min: number, max: number, keys: [MessageKey, MessageKey, MessageKey]) {
	const [required, tooShort, tooLong] = keys;
	return z.preprocess(
		(value) => value ?? '',
		textSchema(max, tooLong)
			.refine((value) => value !== null, { ...message(required), abort: true })
			.refine((value) => charLength(value ?? '') >= min, message(tooShort))
	);
}

/**
 * The skills a partner should have, typed as one line of tags separated by commas (`,`, `、`, `，`
 * or `;`): tidied, without repeats (case-insensitive), at most 10 tags of at most 40 characters.
 */
export const SkillsSchema = z.preprocess(
	(value) => (value === null || value === undefined ? '' : value),
	z
		.string(message('form.error.invalid'))
		.transform((value) =>
			value
				.split(/[,、，;；\n]/)
				.map((tag) => tag.replace(/[\t\r ]+/g, ' ').trim())
				.filter((tag) => tag !== '')
		)
		.transform((tags) => {
			const seen = new Set<string>();
			return tags.filter((tag) => {
				const key = tag.toLocaleLowerCase();
				if (seen.has(key)) return false;
				seen.add(key);
				return true;
			});
		})
		.refine(
			(tags) => tags.every((tag) => ![...tag].some((c) => (c.codePointAt(0) ?? 0) < 0x20)),
			message('profiles.error.invalidCharacters')
		)
		.refine(
			(tags) => tags.every((tag) => charLength(tag) <= L.skillMax),
			message('ventures.error.skillTooLong')
		)
		.refine((tags) => tags.length <= L.skillsMax, message('ventures.error.tooManySkills'))
);

/** The exact prefecture (1–47), or null: shown only once both sides have accepted. */
export const PrefectureSchema = z
	.preprocess(
		(value) => (value === '' || value === null || value === undefined ? [] : [value]),
		PrefecturesSchema
	)
	.transform((list) => list[0] ?? null);

const ventureFields = {
	title: requiredLine(L.titleMin, L.titleMax, [
		'ventures.error.titleRequired',
		'ventures.error.titleTooShort',
		'ventures.error.titleTooLong',
	]),
	summary: requiredText(L.summaryMin, L.summaryMax, [
		'ventures.error.summaryRequired',
		'ventures.error.summaryTooShort',
		'ventures.error.summaryTooLong',
	]),
	partnership_type: choice(PARTNERSHIP_TYPES, 'ventures.error.typeRequired'),
	sector: choice(SECTORS, 'ventures.error.sectorRequired'),
	target_countries: optionsSchema(
		asTuple(COUNTRY_CODES),
		L.countriesMax,
		'ventures.error.tooManyCountries'
	).refine((list) => list.length > 0, message('ventures.error.countriesRequired')),
	offers: optional(textSchema(L.offersMax, 'ventures.error.offersTooLong')),
	needs: optional(textSchema(L.needsMax, 'ventures.error.needsTooLong')),
	required_skills: SkillsSchema,
	min_jlpt: optional(optionSchema(JLPT_LEVELS)),
	capital: optional(optionSchema(CAPITAL_RANGES)),
	network: optional(textSchema(L.networkMax, 'ventures.error.networkTooLong')),
	timeline: choice(TIMELINES, 'ventures.error.timelineRequired'),
	languages: optionsSchema(
		asTuple(LANGUAGE_CODES),
		L.languagesMax,
		'ventures.error.tooManyLanguages'
	).refine((list) => list.length > 0, message('ventures.error.languagesRequired')),
	prefecture: PrefectureSchema,
	status: choice(FORM_STATUSES, 'ventures.error.statusRequired'),
};

/**
 * A new opportunity: who it is for, and the fields of `public.ventures` as the form edits them.
 * The database decides whether the member may post for that organisation, and whether it may be
 * opened (only for a verified organisation).
 */
export const CreateVentureSchema = z
	.object({ posted_for: PostedForSchema, ...ventureFields })
	.superRefine((venture, context) => {
		// A Japanese level is a requirement an SME sets; a returnee's business does not.
		if (venture.posted_for === 'own' && venture.min_jlpt !== null) {
			context.addIssue({
				code: 'custom',
				path: ['min_jlpt'],
				message: 'ventures.error.jlptForReturnee',
			});
		}
	});

/** A change to an opportunity: its id and the same fields; who it is for does not change. */
export const UpdateVentureSchema = z.object({ id: IdSchema, ...ventureFields });

export type CreateVentureInput = z.output<typeof CreateVentureSchema>;
export type UpdateVentureInput = z.output<typeof UpdateVentureSchema>;

/**
 * The columns a parsed form saves (`save_venture(p_fields)`): everything but `posted_for` and `id`.
 * A returnee's opportunity has no Japanese level (the database refuses one): none is sent.
 */
export function ventureColumns(input: CreateVentureInput | UpdateVentureInput) {
	const { title, summary, partnership_type, sector, target_countries, offers, needs } = input;
	return {
		title,
		summary,
		partnership_type,
		sector,
		target_countries,
		offers,
		needs,
		required_skills: input.required_skills,
		min_jlpt: input.min_jlpt,
		capital: input.capital,
		network: input.network,
		timeline: input.timeline,
		languages: input.languages,
		prefecture: input.prefecture,
		status: input.status,
	};
}

/** The status buttons of an opportunity's page: publish, pause, reopen, close (final). */
export const STATUS_CHANGES = ['open', 'paused', 'closed'] as const;
export const VentureStatusSchema = z.object({
	venture_id: IdSchema,
	status: choice(STATUS_CHANGES, 'ventures.error.choose'),
});

export { VENTURE_FIELDS, type VentureField } from './venture.fields.ts';
