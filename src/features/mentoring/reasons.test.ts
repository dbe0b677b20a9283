import { describe, expect, test } from 'vitest';
import { LOCALES, type Locale } from '~/i18n/locales.ts';
import { createTranslator, type MessageKey } from '~/i18n/translate.ts';
import {
	REASON_CODES,
	explainReasons,
	formatPoints,
	parseReasons,
	reasonSentence,
	reasonSentences,
	replyTimeSentence,
	type MatchReason,
	type Perspective,
} from './reasons.ts';

const context = (locale: Locale = 'en', perspective: Perspective = 'mentee') => {
	const t = createTranslator(locale);
	return {
		t: (key: string, vars?: Record<string, string | number>) => t(key as MessageKey, vars),
		locale,
		perspective,
	};
};

/** One reason of each code, as match_mentors() builds them. */
const EVERY_REASON: MatchReason[] = [
	{ code: 'topic', topic: 'financing', points: 25 },
	{ code: 'senpai', country: 'VN', field: 'nursing_care', points: 15 },
	{ code: 'shared_sector', sector: 'food_service', points: 15 },
	{ code: 'same_field', field: 'construction', points: 10 },
	{ code: 'shared_languages', languages: ['ja', 'vi'], jlpt: 'n3', points: 10 },
	{ code: 'same_country', country: 'VN', points: 10 },
	{ code: 'advises_country', country: 'ID', points: 5 },
	{ code: 'founded_business', stage: 'started', sector: 'nursing_care', points: 10 },
	{ code: 'places_free', free: 1, capacity: 3, points: 2 },
	{ code: 'replies_quickly', days: 2, points: 10 },
	{ code: 'new_mentor', points: 5 },
	{ code: 'waiting', count: 2, points: -8 },
];

describe('reason sentences', () => {
	test('say every reason in plain English, from the mentee’s side', () => {
		expect(reasonSentences(EVERY_REASON, context())).toEqual([
			'A senpai: went home to Vietnam after working in Nursing care in Japan',
			'Helps with Financing, the topic you chose',
			'You both know Food service',
			'You both worked in Construction in Japan',
			'Founded a business in Nursing care',
			'You both speak Japanese and Vietnamese, with Japanese at N3 or above',
			'You are both from Vietnam',
			'Advises on doing business in Indonesia',
			'Usually replies within 2 days',
			'New mentor: a fair start for someone who has not had a request yet',
			'1 of 3 places free',
			"2 requests are already waiting for this mentor's answer",
		]);
	});

	test('speak to the mentor about themselves on their side', () => {
		const mentor = context('en', 'mentor');
		expect(reasonSentence({ code: 'topic', topic: 'care' }, mentor)).toBe(
			'You help with Care, the topic they chose'
		);
		expect(reasonSentence({ code: 'founded_business', stage: 'growing' }, mentor)).toBe(
			'You run your own business'
		);
		expect(reasonSentence({ code: 'replies_quickly', days: 1 }, mentor)).toBe(
			'You usually reply within a day'
		);
	});

	test('never guess anyone’s gender', () => {
		for (const locale of LOCALES) {
			for (const perspective of ['mentee', 'mentor'] as const) {
				const text = reasonSentences(EVERY_REASON, context(locale, perspective)).join(' ');
				expect(text).not.toMatch(/\b(she|he|her|his)\b/i);
			}
		}
	});

	test('exist for every code in every locale, with every placeholder filled', () => {
		for (const locale of LOCALES) {
			for (const perspective of ['mentee', 'mentor'] as const) {
				const sentences = reasonSentences(EVERY_REASON, context(locale, perspective));
				expect(sentences, `${locale} ${perspective}`).toHaveLength(REASON_CODES.length);
				for (const sentence of sentences) expect(sentence).not.toMatch(/[{}]|mentoring\./);
			}
		}
	});

	test('say Japanese only with the JLPT level, and skip what they cannot say', () => {
		expect(
			reasonSentence({ code: 'shared_languages', languages: ['vi'], jlpt: 'n2' }, context())
		).toBe('You both speak Vietnamese');
		expect(
			reasonSentences(
				[
					{ code: 'astrology' },
					{ code: 'topic', topic: '<script>' },
					{ code: 'same_country', country: 'Vietnam' },
					{ code: 'places_free', free: -1, capacity: 3 },
					{ code: 'shared_languages', languages: [] },
					{ code: 'waiting', count: 0 },
				],
				context()
			)
		).toEqual([]);
		expect(parseReasons('not a list')).toEqual([]);
		expect(parseReasons([null, 3, 'x', { nope: 1 }, { code: 'new_mentor' }])).toEqual([
			{ code: 'new_mentor' },
		]);
	});

	test('read in the reader’s language', () => {
		expect(reasonSentence({ code: 'same_country', country: 'VN' }, context('ja'))).toBe(
			'二人ともベトナムの出身です'
		);
		expect(reasonSentence({ code: 'shared_languages', languages: ['vi'] }, context('vi'))).toBe(
			'Cả hai đều nói Tiếng Việt'
		);
	});

	test('carry their points', () => {
		expect(explainReasons(EVERY_REASON.slice(-1), context())).toEqual([
			{ text: "2 requests are already waiting for this mentor's answer", points: -8 },
		]);
		expect(explainReasons([{ code: 'new_mentor' }], context())[0]?.points).toBeNull();
		expect([formatPoints(25), formatPoints(-8), formatPoints(0)]).toEqual(['+25', '−8', '+0']);
	});
});

describe('replyTimeSentence', () => {
	test('says how quickly a mentor replies, or nothing before the first answer', () => {
		const { t } = context();
		expect(replyTimeSentence(1, t)).toBe('Usually replies within a day');
		expect(replyTimeSentence(4, t)).toBe('Usually replies within 4 days');
		expect(replyTimeSentence(null, t)).toBeNull();
		expect(replyTimeSentence(-2, t)).toBeNull();
	});
});
