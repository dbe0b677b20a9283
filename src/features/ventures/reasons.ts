import { formatPoints, type MatchReason } from '~/features/mentoring/reasons.ts';
import {
	countryName,
	jlptLabel,
	label,
	languageName,
	sectorLabel,
} from '~/features/profiles/labels.ts';
import { JLPT_LEVELS, SECTORS, SSW_FIELDS } from '~/features/profiles/options.ts';
import type { Locale } from '~/i18n/locales.ts';
import type { MessageVars } from '~/i18n/translate.ts';

export { formatPoints, type MatchReason };

/**
 * Who reads the reasons: a returnee reading about an opportunity (`ventures_for_me()`), or its
 * owners reading about a candidate (`venture_candidates()`).
 */
export type Perspective = 'returnee' | 'owner';

/**
 * The reason codes the site can put into words, in the order cards list them
 * (`venture_matching_weights()` in the migration gives their points).
 */
export const REASON_CODES = [
	'country',
	'same_sector',
	'related_sector',
	'same_field',
	'related_field',
	'runs_business',
	'japanese_advanced',
	'japanese_intermediate',
	'shared_language',
	'looking_for_partner',
	'verified',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What reason sentences need: a translator over the ventures and profile messages, and the locale. */
export interface ReasonContext {
	t: (key: string, vars?: MessageVars) => string;
	locale: Locale;
	perspective: Perspective;
}

/**
 * The reasons in a database value, in the order cards list them; anything that is not a list of
 * `{ code }` objects is dropped, so a malformed value shows no reasons rather than breaking a page.
 */
export function parseReasons(value: unknown): MatchReason[] {
	if (!Array.isArray(value)) return [];
	const reasons = value.filter(
		(item): item is MatchReason =>
			typeof item === 'object' &&
			item !== null &&
			!Array.isArray(item) &&
			typeof (item as { code?: unknown }).code === 'string'
	);
	const rank = (code: string) => {
		const index = (REASON_CODES as readonly string[]).indexOf(code);
		return index === -1 ? REASON_CODES.length : index;
	};
	return [...reasons].sort((a, b) => rank(a.code) - rank(b.code));
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
	typeof value === 'string' && (values as readonly string[]).includes(value);
const isCountry = (value: unknown): value is string =>
	typeof value === 'string' && /^[A-Z]{2}$/.test(value);
const isLanguage = (value: unknown): value is string =>
	typeof value === 'string' && /^[a-z]{2}$/.test(value);

/**
 * One reason as a sentence in the reader's language, or null when the site cannot say it (an
 * unknown code, or parameters it does not understand): people never see a code or a slug.
 */
export function reasonSentence(reason: MatchReason, context: ReasonContext): string | null {
	const { t, locale, perspective } = context;
	const say = (name: string, vars?: MessageVars) =>
		t(`ventures.reason.${name}.${perspective}`, vars);
	switch (reason.code) {
		case 'country':
			if (!isCountry(reason.country)) return null;
			return say('country', { country: countryName(locale, reason.country) });
		case 'same_sector':
		case 'related_sector':
			if (!isOneOf(SECTORS, reason.sector)) return null;
			return say(reason.code === 'same_sector' ? 'sameSector' : 'relatedSector', {
				sector: sectorLabel(t, reason.sector),
			});
		case 'same_field':
		case 'related_field':
			if (!isOneOf(SSW_FIELDS, reason.field)) return null;
			return say(reason.code === 'same_field' ? 'sameField' : 'relatedField', {
				field: label(t, 'ssw_field', reason.field),
			});
		case 'runs_business':
			return say(reason.stage === 'growing' ? 'businessGrowing' : 'business');
		case 'japanese_advanced':
		case 'japanese_intermediate':
			if (!isOneOf(JLPT_LEVELS, reason.jlpt)) return null;
			return say('japanese', { jlpt: jlptLabel(reason.jlpt) });
		case 'shared_language': {
			const codes = Array.isArray(reason.languages) ? reason.languages.filter(isLanguage) : [];
			if (codes.length === 0) return null;
			const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
			return say('languages', {
				languages: list.format(codes.map((code) => languageName(locale, code))),
			});
		}
		case 'looking_for_partner':
			return say('lookingForPartner');
		case 'verified':
			return say('verified');
		default:
			return null;
	}
}

/** A reason in words, with the points it added to the score (negative for a penalty), if known. */
export interface ExplainedReason {
	text: string;
	points: number | null;
	/** The points as cards show them: "+25", "−4"; null when unknown. */
	pointsText: string | null;
}

/** Every reason the site can say, in the order cards list them, with its points. */
export function explainReasons(value: unknown, context: ReasonContext): ExplainedReason[] {
	return parseReasons(value).flatMap((reason) => {
		const text = reasonSentence(reason, context);
		if (text === null) return [];
		const points =
			typeof reason.points === 'number' && Number.isInteger(reason.points) ? reason.points : null;
		return [{ text, points, pointsText: points === null ? null : formatPoints(points) }];
	});
}
