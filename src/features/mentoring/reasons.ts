import {
	countryName,
	jlptLabel,
	label,
	languageName,
	sectorLabel,
} from '~/features/profiles/labels.ts';
import { JLPT_LEVELS, SECTORS, SSW_FIELDS, type Sector } from '~/features/profiles/options.ts';
import type { Locale } from '~/i18n/locales.ts';
import type { MessageKey, MessageVars } from '~/i18n/translate.ts';
import { TOPICS, type MentorshipStatus } from './options.ts';

/**
 * One reason for a match as the database computed it (`match_mentors().reasons`,
 * `mentorships.match_reasons`): a code and its parameters, e.g.
 * `{ "code": "shared_languages", "languages": ["vi", "ja"], "jlpt": "n3" }`.
 */
export interface MatchReason {
	code: string;
	[param: string]: unknown;
}

/** Who reads the reasons: the mentee (about the mentor) or the mentor (about themselves). */
export type Perspective = 'mentee' | 'mentor';

/** The reason codes the site can put into words, in the order cards list them. */
export const REASON_CODES = [
	'senpai',
	'topic',
	'shared_sector',
	'same_field',
	'founded_business',
	'shared_languages',
	'same_country',
	'advises_country',
	'replies_quickly',
	'new_mentor',
	'places_free',
	'waiting',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What reason sentences need: a translator over the mentoring and profile messages, and the locale. */
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
const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * One reason as a sentence in the reader's language, or null when the site cannot say it (an
 * unknown code, or parameters it does not understand): people never see a code or a slug.
 * Sentences never guess at anyone's gender: "Founded a business in care", not "She founded …".
 */
export function reasonSentence(reason: MatchReason, context: ReasonContext): string | null {
	const { t, locale, perspective } = context;
	const mentor = perspective === 'mentor';
	const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
	switch (reason.code) {
		case 'topic': {
			if (!isOneOf(TOPICS, reason.topic)) return null;
			const topic = t(`mentoring.topic.${reason.topic}`);
			return t(mentor ? 'mentoring.reason.topicMentor' : 'mentoring.reason.topic', { topic });
		}
		case 'shared_sector': {
			if (!isOneOf(SECTORS, reason.sector)) return null;
			return t('mentoring.reason.sharedSector', { sector: sectorLabel(t, reason.sector) });
		}
		case 'same_field': {
			if (!isOneOf(SSW_FIELDS, reason.field)) return null;
			return t('mentoring.reason.sameField', { field: label(t, 'ssw_field', reason.field) });
		}
		case 'same_country': {
			if (!isCountry(reason.country)) return null;
			return t('mentoring.reason.sameCountry', { country: countryName(locale, reason.country) });
		}
		case 'advises_country': {
			if (!isCountry(reason.country)) return null;
			const country = countryName(locale, reason.country);
			return t(mentor ? 'mentoring.reason.advisesMentor' : 'mentoring.reason.advises', {
				country,
			});
		}
		case 'shared_languages': {
			const codes = Array.isArray(reason.languages) ? reason.languages.filter(isLanguage) : [];
			if (codes.length === 0) return null;
			const languages = list.format(codes.map((code) => languageName(locale, code)));
			if (isOneOf(JLPT_LEVELS, reason.jlpt) && codes.includes('ja')) {
				return t('mentoring.reason.sharedLanguagesJlpt', {
					languages,
					jlpt: jlptLabel(reason.jlpt),
				});
			}
			return t('mentoring.reason.sharedLanguages', { languages });
		}
		case 'founded_business': {
			const sector = isOneOf(SECTORS, reason.sector)
				? sectorLabel(t, reason.sector as Sector)
				: null;
			const key = mentor
				? sector
					? 'mentoring.reason.foundedSectorMentor'
					: 'mentoring.reason.foundedMentor'
				: sector
					? 'mentoring.reason.foundedSector'
					: 'mentoring.reason.founded';
			return t(key, sector ? { sector } : {});
		}
		case 'places_free': {
			if (!isCount(reason.free) || !isCount(reason.capacity) || reason.capacity === 0) return null;
			return t('mentoring.reason.placesFree', { free: reason.free, capacity: reason.capacity });
		}
		case 'replies_quickly': {
			if (!isCount(reason.days)) return null;
			if (reason.days <= 1) {
				return t(mentor ? 'mentoring.reason.repliesDayMentor' : 'mentoring.reason.repliesDay');
			}
			return t(mentor ? 'mentoring.reason.repliesMentor' : 'mentoring.reason.replies', {
				days: reason.days,
			});
		}
		case 'new_mentor':
			return t(mentor ? 'mentoring.reason.newMentorMentor' : 'mentoring.reason.newMentor');
		case 'waiting': {
			if (!isCount(reason.count) || reason.count === 0) return null;
			return t(mentor ? 'mentoring.reason.waitingMentor' : 'mentoring.reason.waiting', {
				count: reason.count,
			});
		}
		case 'senpai': {
			if (!isCountry(reason.country)) return null;
			const country = countryName(locale, reason.country);
			if (isOneOf(SSW_FIELDS, reason.field)) {
				const field = label(t, 'ssw_field', reason.field);
				return t(mentor ? 'mentoring.reason.senpaiMentor' : 'mentoring.reason.senpai', {
					country,
					field,
				});
			}
			return t(mentor ? 'mentoring.reason.senpaiMentorNoField' : 'mentoring.reason.senpaiNoField', {
				country,
			});
		}
		default:
			return null;
	}
}

/** A reason in words, with the points it added to the score (negative for a penalty), if known. */
export interface ExplainedReason {
	text: string;
	points: number | null;
}

/** Every reason the site can say, in the order cards list them, with its points. */
export function explainReasons(value: unknown, context: ReasonContext): ExplainedReason[] {
	return parseReasons(value).flatMap((reason) => {
		const text = reasonSentence(reason, context);
		if (text === null) return [];
		const points =
			typeof reason.points === 'number' && Number.isInteger(reason.points) ? reason.points : null;
		return [{ text, points }];
	});
}

/** Every reason the site can say, as sentences, in the order cards list them. */
export function reasonSentences(value: unknown, context: ReasonContext): string[] {
	return explainReasons(value, context).map((reason) => reason.text);
}

/** Points as the cards show them: "+25", "−4". */
export function formatPoints(points: number): string {
	return points >= 0 ? `+${points}` : `−${Math.abs(points)}`;
}

/**
 * "Usually replies within N days" for a mentor card, or null when nothing is known yet (no
 * answered request in the sample the database measures).
 */
export function replyTimeSentence(
	days: number | null | undefined,
	t: ReasonContext['t']
): string | null {
	if (days === null || days === undefined || !Number.isFinite(days) || days < 0) return null;
	return days <= 1
		? t('mentoring.card.repliesDay')
		: t('mentoring.card.replies', { days: Math.round(days) });
}

/**
 * A mentorship's status as its badge says it to one side: a request is "waiting for the mentor"
 * to the mentee but "waiting for your answer" to the mentor, and the reverse for a question.
 */
export function stateLabel(
	t: (key: MessageKey) => string,
	status: MentorshipStatus,
	perspective: Perspective
): string {
	if (perspective === 'mentor' && status === 'requested') {
		return t('mentoring.state.requestedForMentor');
	}
	if (perspective === 'mentee' && status === 'info_requested') {
		return t('mentoring.state.info_requestedForMentee');
	}
	return t(`mentoring.state.${status}`);
}
