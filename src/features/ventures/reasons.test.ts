import { describe, expect, test } from 'vitest';
import { LOCALES, type Locale } from '~/i18n/locales.ts';
import { createTranslator, type MessageKey } from '~/i18n/translate.ts';
import {
	REASON_CODES,
	explainReasons,
	parseReasons,
	reasonSentence,
	type MatchReason,
	type Perspective,
} from './reasons.ts';

const context = (locale: Locale = 'en', perspective: Perspective = 'returnee') => {
	const t = createTranslator(locale);
	return {
		t: (key: string, vars?: Record<string, string | number>) => t(key as MessageKey, vars),
		locale,
		perspective,
	};
};

/** One reason of each code, as the database's venture_reasons() builds them. */
const EVERY_REASON: MatchReason[] = [
	{ code: 'verified', points: 5 },
	{ code: 'looking_for_partner', points: 10 },
	{ code: 'shared_language', languages: ['ja', 'vi'], points: 10 },
	{ code: 'japanese_advanced', jlpt: 'n2', points: 10 },
	{ code: 'runs_business', stage: 'growing', points: 10 },
	{ code: 'related_field', field: 'agriculture', points: 10 },
	{ code: 'same_field', field: 'construction', points: 20 },
	{ code: 'related_sector', sector: 'forestry', points: 10 },
	{ code: 'same_sector', sector: 'construction', points: 25 },
	{ code: 'country', country: 'VN', points: 10 },
];

describe('reason sentences', () => {
	test('a returnee reads why an opportunity fits them', () => {
		expect(explainReasons(EVERY_REASON, context('en', 'returnee'))).toEqual([
			{ text: 'Looks for partners in Vietnam, your home country', points: 10, pointsText: '+10' },
			{
				text: 'Your business is in Construction, the sector it seeks',
				points: 25,
				pointsText: '+25',
			},
			{ text: 'Your business in Forestry is close to its sector', points: 10, pointsText: '+10' },
			{
				text: 'You worked in Japan in Construction, the sector it seeks',
				points: 20,
				pointsText: '+20',
			},
			{
				text: 'You worked in Japan in Agriculture, close to its sector',
				points: 10,
				pointsText: '+10',
			},
			{ text: 'Your business is growing', points: 10, pointsText: '+10' },
			{ text: 'Your Japanese is at N2', points: 10, pointsText: '+10' },
			{
				text: 'It works in Japanese and Vietnamese, which you speak',
				points: 10,
				pointsText: '+10',
			},
			{ text: 'You look for a joint-venture partner', points: 10, pointsText: '+10' },
			{ text: 'Your Japan track record is verified', points: 5, pointsText: '+5' },
		]);
	});

	test('an owner reads why a candidate fits their opportunity', () => {
		const owner = context('en', 'owner');
		expect(explainReasons(EVERY_REASON, owner).map((r) => r.text)).toEqual([
			'From Vietnam, a country you target',
			'Runs a business in Construction, your sector',
			'Runs a business in Forestry, close to your sector',
			'Worked in Japan in Construction, your sector',
			'Worked in Japan in Agriculture, close to your sector',
			'Runs a growing business',
			'Japanese at N2',
			'Speaks Japanese and Vietnamese, which you work in',
			'Looks for a joint-venture partner',
			'Japan track record checked by staff',
		]);
		expect(reasonSentence({ code: 'runs_business', stage: 'started' }, owner)).toBe(
			'Runs a business'
		);
		expect(reasonSentence({ code: 'japanese_intermediate', jlpt: 'n3' }, owner)).toBe(
			'Japanese at N3'
		);
	});

	test('every code has a sentence in every language, from both sides', () => {
		for (const locale of LOCALES) {
			for (const perspective of ['returnee', 'owner'] as const) {
				for (const reason of EVERY_REASON) {
					const text = reasonSentence(reason, context(locale, perspective));
					expect(text, `${locale} ${perspective} ${reason.code}`).toBeTruthy();
					expect(text).not.toMatch(/ventures\.reason|\{/);
				}
			}
		}
		expect(new Set(EVERY_REASON.map((r) => r.code))).toEqual(
			new Set(REASON_CODES.filter((c) => c !== 'japanese_intermediate'))
		);
	});

	test('unknown codes and parameters the site does not understand show nothing', () => {
		const c = context();
		expect(reasonSentence({ code: 'new_code_from_the_database' }, c)).toBeNull();
		expect(reasonSentence({ code: 'country', country: 'Vietnam' }, c)).toBeNull();
		expect(reasonSentence({ code: 'same_sector', sector: '<b>mining</b>' }, c)).toBeNull();
		expect(reasonSentence({ code: 'same_field', field: 'finance' }, c)).toBeNull();
		expect(reasonSentence({ code: 'japanese_advanced', jlpt: 'N2' }, c)).toBeNull();
		expect(reasonSentence({ code: 'shared_language', languages: ['japanese'] }, c)).toBeNull();
		expect(parseReasons('not a list')).toEqual([]);
		expect(parseReasons([null, 3, ['country'], { points: 5 }, { code: 'verified' }])).toEqual([
			{ code: 'verified' },
		]);
		expect(explainReasons([{ code: 'verified', points: 2.5 }], c)).toEqual([
			{ text: 'Your Japan track record is verified', points: null, pointsText: null },
		]);
	});
});
