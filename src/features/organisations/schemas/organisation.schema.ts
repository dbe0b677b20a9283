import { z } from 'astro/zod';
import { COUNTRY_CODES } from '~/features/profiles/options.ts';
import { SECTORS } from '~/features/profiles/options.ts';
import { charLength, lineSchema, textSchema } from '~/features/profiles/schemas/fields.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import { IMAGE_TYPES, firstChosenFile, sniffFile } from '~/lib/file-type.ts';
import { isValidCorporateNumber, normalizeCorporateNumber } from '../corporate-number.ts';
import { ORGANISATION_KINDS, ORGANISATION_LIMITS as L, ORGANISATION_SIZES } from '../options.ts';

const message = (key: MessageKey) => ({ error: key });
const asTuple = (list: readonly string[]) => list as [string, ...string[]];
const blankToNull = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? null : value;

/** A value of a list, or null when none is chosen; anything not in the list is refused. */
function choice(values: readonly string[], invalid: MessageKey) {
	return z.preprocess(blankToNull, z.enum(asTuple(values), message(invalid)).nullable());
}

/** The organisation's name: 2 to 120 characters on one line, spaces collapsed. */
export const OrganisationNameSchema = z.preprocess(
	(value) => (value === null || value === undefined ? '' : value),
	z
		.string(message('form.error.invalid'))
		.transform((value) => value.replace(/[\t\n\r ]+/g, ' ').trim())
		.refine((name) => name !== '', { ...message('organisations.error.nameRequired'), abort: true })
		.refine((name) => !hasControlCharacter(name), {
			...message('profiles.error.invalidCharacters'),
			abort: true,
		})
		.refine((name) => charLength(name) >= L.nameMin, message('organisations.error.nameTooShort'))
		.refine((name) => charLength(name) <= L.nameMax, message('organisations.error.nameTooLong'))
);

/** What the organisation is; required. */
export const OrganisationKindSchema = z.preprocess(
	blankToNull,
	z.enum(ORGANISATION_KINDS, {
		error: (issue) =>
			issue.input === null || issue.input === undefined
				? 'organisations.error.kindRequired'
				: 'organisations.error.choose',
	})
);

/** The country it is based in; required. */
export const OrganisationCountrySchema = z.preprocess(
	(value) => (typeof value === 'string' ? value.trim().toUpperCase() || null : value),
	z.enum(asTuple(COUNTRY_CODES), {
		error: (issue) =>
			issue.input === null || issue.input === undefined
				? 'organisations.error.countryRequired'
				: 'organisations.error.choose',
	})
);

/**
 * A Japanese corporate number (法人番号) as people type it — full-width digits, spaces and hyphens
 * are tidied — checked for 13 digits and its check digit; null when left empty.
 */
export const CorporateNumberSchema = z.preprocess(
	(value) => (typeof value === 'string' ? normalizeCorporateNumber(value) || null : value),
	z
		.string(message('form.error.invalid'))
		.regex(/^\d{13}$/, { ...message('organisations.error.corporateNumberLength'), abort: true })
		.refine(isValidCorporateNumber, message('organisations.error.corporateNumberCheckDigit'))
		.nullable()
);

/** A prefecture code 1–47 from a select, or null. */
export const PrefectureSchema = z.preprocess(
	(value) => {
		const blank = blankToNull(value);
		return typeof blank === 'string' && /^\d{1,2}$/.test(blank.trim()) ? Number(blank) : blank;
	},
	z
		.int(message('organisations.error.choose'))
		.min(1, message('organisations.error.choose'))
		.max(47, message('organisations.error.choose'))
		.nullable()
);

// What the database accepts: http(s), a host with a dot, no spaces (nor control characters).
const WEBSITE = /^https?:\/\/[^\s/]+\.\S+$/u;

/** Whether text has a control character (U+0000–U+001F or U+007F), which no name or address has. */
function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/**
 * The organisation's website. `example.com` becomes `https://example.com`; only http(s) addresses
 * are accepted, so a `javascript:` link can never be stored. Null when left empty.
 */
export const WebsiteSchema = z.preprocess(
	(value) => {
		const blank = blankToNull(value);
		if (typeof blank !== 'string') return blank;
		const trimmed = blank.trim();
		return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
	},
	z
		.string(message('form.error.invalid'))
		.max(L.websiteMax, { ...message('organisations.error.websiteTooLong'), abort: true })
		.refine(
			(url) => WEBSITE.test(url) && !hasControlCharacter(url) && URL.canParse(url),
			message('organisations.error.websiteInvalid')
		)
		.nullable()
);

/**
 * A logo image: PNG, JPEG or WebP recognised by its content (never its name), at most 2 MB.
 * Undefined when no file was chosen. Runs in the browser and again on the server.
 */
export const LogoSchema = z
	.unknown()
	.transform((value) => firstChosenFile(value))
	.superRefine(async (file, ctx) => {
		if (!file) return;
		if (file.size > L.logoMaxBytes) {
			ctx.addIssue({ code: 'custom', message: 'organisations.error.logoTooLarge' });
			return;
		}
		const type = await sniffFile(file);
		if (!type || !(IMAGE_TYPES as readonly string[]).includes(type)) {
			ctx.addIssue({ code: 'custom', message: 'organisations.error.logoType' });
		}
	});

/** The fields shared by creating and editing an organisation. */
const organisationShape = {
	name: OrganisationNameSchema,
	kind: OrganisationKindSchema,
	corporate_number: CorporateNumberSchema,
	country: OrganisationCountrySchema,
	prefecture: PrefectureSchema,
	region: lineSchema(L.regionMax, 'organisations.error.regionTooLong'),
	sector: choice(SECTORS, 'organisations.error.choose'),
	size: choice(ORGANISATION_SIZES, 'organisations.error.choose'),
	website: WebsiteSchema,
	description: textSchema(L.descriptionMax, 'organisations.error.descriptionTooLong'),
	logo: LogoSchema,
};

/** Rules between fields: what only organisations in Japan have. */
function checkJapanese(
	value: { kind?: unknown; country?: unknown; corporate_number?: unknown; prefecture?: unknown },
	ctx: z.RefinementCtx
) {
	// Fields that failed their own checks have their raw input here: only compare parsed values.
	const inJapan = value.country === 'JP';
	if (value.kind === 'japanese_sme' && typeof value.country === 'string' && !inJapan) {
		ctx.addIssue({ code: 'custom', path: ['country'], message: 'organisations.error.smeInJapan' });
	}
	if (typeof value.country === 'string' && !inJapan) {
		if (typeof value.corporate_number === 'string' && value.corporate_number !== '') {
			ctx.addIssue({
				code: 'custom',
				path: ['corporate_number'],
				message: 'organisations.error.corporateNumberJapanOnly',
			});
		}
		if (typeof value.prefecture === 'number') {
			ctx.addIssue({
				code: 'custom',
				path: ['prefecture'],
				message: 'organisations.error.prefectureJapanOnly',
			});
		}
	}
}

/** The form that creates an organisation; its creator becomes its owner. */
export const CreateOrganisationSchema = z.object(organisationShape).superRefine(checkJapanese);

/** The form that edits an organisation: the same fields, its id, and whether to remove the logo. */
export const UpdateOrganisationSchema = z
	.object({
		...organisationShape,
		id: z.uuid(message('organisations.error.notFound')),
		remove_logo: z.preprocess(
			(value) => value === true || value === 'on' || value === 'true',
			z.boolean()
		),
	})
	.superRefine(checkJapanese);

/** The organisation form's values as the form holds them. */
export type OrganisationInput = z.input<typeof CreateOrganisationSchema>;
/** A valid organisation, as the action receives it. */
export type OrganisationValues = z.output<typeof CreateOrganisationSchema>;

export {
	ORGANISATION_FIELDS,
	VERIFIED_ORGANISATION_FIELDS,
	type OrganisationField,
} from './organisation.fields.ts';
