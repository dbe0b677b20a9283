import type { Locale } from '~/i18n/locales.ts';
import type { MessageVars } from '~/i18n/translate.ts';

/**
 * Reasons for a match as the database computes them (mentor matching, joint-venture matching): a
 * list of `{ code, ...parameters, points? }` objects. Each feature puts its own codes into words;
 * reading the value, ordering it and taking its points is the same for all of them.
 */

/**
 * What reason sentences need: a translator over the feature's and the profile messages, the
 * locale, and who reads them (`P`, e.g. `'mentee' | 'mentor'`).
 */
export interface MatchReasonContext<P extends string> {
	t: (key: string, vars?: MessageVars) => string;
	locale: Locale;
	perspective: P;
}

/**
 * One reason for a match as the database computed it: a code and its parameters, e.g.
 * `{ "code": "shared_languages", "languages": ["vi", "ja"], "jlpt": "n3" }`.
 */
export interface MatchReason {
	code: string;
	[param: string]: unknown;
}

/** A reason in words, with the points it added to the score (negative for a penalty), if known. */
export interface ExplainedReason {
	text: string;
	points: number | null;
}

/**
 * The reasons in a database value, in the order of `codes` (unknown codes last); anything that is
 * not a list of `{ code }` objects is dropped, so a malformed value shows no reasons rather than
 * breaking a page.
 */
export function parseMatchReasons(value: unknown, codes: readonly string[]): MatchReason[] {
	if (!Array.isArray(value)) return [];
	const reasons = value.filter(
		(item): item is MatchReason =>
			typeof item === 'object' &&
			item !== null &&
			!Array.isArray(item) &&
			typeof (item as { code?: unknown }).code === 'string'
	);
	const rank = (code: string) => {
		const index = codes.indexOf(code);
		return index === -1 ? codes.length : index;
	};
	return [...reasons].sort((a, b) => rank(a.code) - rank(b.code));
}

/**
 * Every reason of a database value that `sentence` can put into words (it returns null for those
 * it cannot), in the order of `codes`, with the points each added when the value says so.
 */
export function explainMatchReasons(
	value: unknown,
	codes: readonly string[],
	sentence: (reason: MatchReason) => string | null
): ExplainedReason[] {
	return parseMatchReasons(value, codes).flatMap((reason) => {
		const text = sentence(reason);
		if (text === null) return [];
		const points =
			typeof reason.points === 'number' && Number.isInteger(reason.points) ? reason.points : null;
		return [{ text, points }];
	});
}

/** Points as the cards show them: "+25", "−4". */
export function formatPoints(points: number): string {
	return points >= 0 ? `+${points}` : `−${Math.abs(points)}`;
}

/** Whether a reason's parameter is one of `values`, e.g. a known sector. */
export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
	typeof value === 'string' && (values as readonly string[]).includes(value);

/** Whether a reason's parameter is a country code such as `VN`. */
export const isCountry = (value: unknown): value is string =>
	typeof value === 'string' && /^[A-Z]{2}$/.test(value);

/** Whether a reason's parameter is a language code such as `vi`. */
export const isLanguage = (value: unknown): value is string =>
	typeof value === 'string' && /^[a-z]{2}$/.test(value);

/** Whether a reason's parameter is a whole number of at least 0. */
export const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;
