import {
	countryName,
	jlptLabel,
	label,
	languageName,
	sectorLabel,
} from '~/features/profiles/labels.ts';
import { JLPT_LEVELS, SECTORS, SSW_FIELDS, type Sector } from '~/features/profiles/options.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import {
	explainMatchReasons,
	formatPoints,
	isCount,
	isCountry,
	isLanguage,
	isOneOf,
	parseMatchReasons,
	type MatchReasonContext,
	type ExplainedReason,
	type MatchReason,
} from '~/lib/match-reasons.ts';
import { TOPICS, type MentorshipStatus } from './options.ts';

export { formatPoints, type ExplainedReason, type MatchReason };

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
export type ReasonContext = MatchReasonContext<Perspective>;

/** The reasons in a database value, in the order cards list them (see `parseMatchReasons()`). */
export function parseReasons(value: unknown): MatchReason[] {
	return parseMatchReasons(value, REASON_CODES);
}

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

/** Every reason the site can say, in the order cards list them, with its points. */
export function explainReasons(value: unknown, context: ReasonContext): ExplainedReason[] {
	return explainMatchReasons(value, REASON_CODES, (reason) => reasonSentence(reason, context));
}

/** Every reason the site can say, as sentences, in the order cards list them. */
export function reasonSentences(value: unknown, context: ReasonContext): string[] {
	return explainReasons(value, context).map((reason) => reason.text);
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
