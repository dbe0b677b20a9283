import {
	countryName,
	jlptLabel,
	label,
	languageName,
	sectorLabel,
} from '~/features/profiles/labels.ts';
import { JLPT_LEVELS, SECTORS, SSW_FIELDS } from '~/features/profiles/options.ts';
import type { MessageVars } from '~/i18n/translate.ts';
import {
	explainMatchReasons,
	formatPoints,
	isCountry,
	isLanguage,
	isOneOf,
	parseMatchReasons,
	type MatchReasonContext,
	type ExplainedReason as SharedExplainedReason,
	type MatchReason,
} from '~/lib/match-reasons.ts';

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
export type ReasonContext = MatchReasonContext<Perspective>;

/** The reasons in a database value, in the order cards list them (see `parseMatchReasons()`). */
export function parseReasons(value: unknown): MatchReason[] {
	return parseMatchReasons(value, REASON_CODES);
}

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
export interface ExplainedReason extends SharedExplainedReason {
	/** The points as cards show them: "+25", "−4"; null when unknown. */
	pointsText: string | null;
}

/** Every reason the site can say, in the order cards list them, with its points. */
export function explainReasons(value: unknown, context: ReasonContext): ExplainedReason[] {
	return explainMatchReasons(value, REASON_CODES, (reason) => reasonSentence(reason, context)).map(
		(reason) => ({
			...reason,
			pointsText: reason.points === null ? null : formatPoints(reason.points),
		})
	);
}
