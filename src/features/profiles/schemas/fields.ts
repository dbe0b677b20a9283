import { z } from 'astro/zod';
import type { MessageKey } from '~/i18n/translate.ts';
import { PROFILE_LIMITS } from './limits.ts';

// Messages are catalog keys, translated where they are shown, so one schema serves every locale.
const message = (key: MessageKey) => ({ error: key });

/** Turns an empty or blank answer into null: the form's "no answer". */
function blankToNull(value: unknown): unknown {
	return typeof value === 'string' && value.trim() === '' ? null : value;
}

/** Counts characters as PostgreSQL does (code points), not as UTF-16 units. */
export function charLength(value: string): number {
	return [...value].length;
}

// Control characters the database refuses: all of them in one-line text; in multi-line text all
// but tab, line feed and carriage return.
const isControl = (code: number) => code <= 0x1f || code === 0x7f;
const hasLineControl = (value: string) =>
	[...value].some((char) => isControl(char.codePointAt(0) ?? 0));
const hasTextControl = (value: string) =>
	[...value].some((char) => {
		const code = char.codePointAt(0) ?? 0;
		return isControl(code) && code !== 0x09 && code !== 0x0a && code !== 0x0d;
	});

/**
 * One line of text: spaces collapsed and trimmed, at most `max` characters, no control characters.
 * @param required the message when it is empty, or undefined when it may be left out (→ null)
 */
export function lineSchema(max: number, tooLong: MessageKey, required?: MessageKey) {
	const text = z
		.string(message('form.error.invalid'))
		.transform((value) => value.replace(/[\t\n\r ]+/g, ' ').trim())
		.refine((value) => !hasLineControl(value), message('profiles.error.invalidCharacters'))
		.refine((value) => charLength(value) <= max, message(tooLong));
	if (required) {
		return z.preprocess(
			(value) => blankToNull(value) ?? '',
			text.refine((value) => value !== '', { ...message(required), abort: true })
		);
	}
	return z.preprocess(blankToNull, text.nullable());
}

/** Several lines of text: line ends made `\n`, trimmed, at most `max` characters; empty → null. */
export function textSchema(max: number, tooLong: MessageKey) {
	return z.preprocess(
		blankToNull,
		z
			.string(message('form.error.invalid'))
			.transform((value) => value.replace(/\r\n?/g, '\n').trim())
			.refine((value) => !hasTextControl(value), message('profiles.error.invalidCharacters'))
			.refine((value) => charLength(value) <= max, message(tooLong))
			.nullable()
	);
}

/** One value of a list, or null when none is chosen. Anything not in the list is refused. */
export function optionSchema<const T extends readonly [string, ...string[]]>(values: T) {
	return z.preprocess(blankToNull, z.enum(values, message('profiles.error.choose')).nullable());
}

/** A value of a list that must be chosen, e.g. who can see a field. */
export function requiredOptionSchema<const T extends readonly [string, ...string[]]>(
	values: T,
	required: MessageKey
) {
	return z.preprocess(
		blankToNull,
		z.enum(values, {
			error: (issue) =>
				issue.input === null || issue.input === undefined ? required : 'profiles.error.choose',
		})
	);
}

/**
 * Several values of a list (checkboxes), without repeats. Anything not in the list is refused;
 * an answer that is not a list at all (a single checkbox ticked without JavaScript is still a
 * list to the server) counts as one value.
 */
export function optionsSchema<const T extends readonly [string, ...string[]]>(
	values: T,
	max = values.length,
	tooMany: MessageKey = 'profiles.error.choose'
) {
	return z
		.array(z.enum(values, message('profiles.error.choose')), message('profiles.error.choose'))
		.max(max, message(tooMany))
		.transform((list) => [...new Set(list)]);
}

/** Whole numbers 1–47 (prefecture codes) from checkboxes, whose values arrive as strings. */
export const PrefecturesSchema = z
	.array(
		z.preprocess(
			(value) => (typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : value),
			z
				.int(message('profiles.error.choose'))
				.min(1, message('profiles.error.choose'))
				.max(47, message('profiles.error.choose'))
		),
		message('profiles.error.choose')
	)
	.max(47, message('profiles.error.choose'))
	.transform((list) => [...new Set(list)].sort((a, b) => a - b));

/** A calendar year, or null when left empty. */
export const YearSchema = z.preprocess(
	(value) => {
		const blank = blankToNull(value);
		if (typeof blank !== 'string') return blank;
		const trimmed = blank.trim();
		return /^\d{4}$/.test(trimmed) ? Number(trimmed) : trimmed;
	},
	z
		.int(message('profiles.error.yearInvalid'))
		.min(PROFILE_LIMITS.yearMin, message('profiles.error.yearRange'))
		.max(PROFILE_LIMITS.yearMax, message('profiles.error.yearRange'))
		.nullable()
);

/** A checkbox: ticked or not. A post without the field means not ticked. */
export const CheckboxSchema = z.preprocess(
	(value) => value === true || value === 'on' || value === 'true',
	z.boolean()
);

/** An email address to be contacted at (not the sign-in address), or null. */
export const ContactEmailSchema = z.preprocess(
	blankToNull,
	z
		.string(message('form.error.invalid'))
		.trim()
		.max(PROFILE_LIMITS.emailMax, message('form.error.emailTooLong'))
		.pipe(z.email(message('form.error.emailInvalid')))
		.transform((email) => email.toLowerCase())
		.nullable()
);

/**
 * A phone number in international form: spaces, dots, dashes and brackets are dropped, and what
 * is left must be `+`, a country code and the number (E.164, 8 to 16 characters), or null.
 */
export const PhoneSchema = z.preprocess(
	(value) => {
		const blank = blankToNull(value);
		return typeof blank === 'string' ? blank.replace(/[\s().-]/g, '') : blank;
	},
	z
		.string(message('form.error.invalid'))
		.regex(/^\+[1-9][0-9]{6,14}$/, message('profiles.error.phoneInvalid'))
		.nullable()
);

export { PROFILE_LIMITS, PROFILE_VALIDATION_VARS } from './limits.ts';
