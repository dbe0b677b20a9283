import { describe, expect, test } from 'vitest';
import { BUNDLES } from './catalogs.ts';
import { LOCALES } from './locales.ts';
import {
	CATALOGS,
	createTranslator,
	formatDate,
	formatNumber,
	isMessageKey,
	pickMessages,
	renderPartialDate,
} from './translate.ts';

const placeholders = (message: string) =>
	[...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
	for (const [name, bundle] of Object.entries(BUNDLES)) {
		const englishKeys = Object.keys(bundle.en).sort();
		for (const locale of LOCALES) {
			const catalog: Record<string, string> = bundle[locale];
			test(`${name}: ${locale} has exactly the English keys`, () => {
				expect(Object.keys(catalog).sort()).toEqual(englishKeys);
			});
			test(`${name}: ${locale} has no empty message and keeps every placeholder`, () => {
				const english: Record<string, string> = bundle.en;
				for (const key of englishKeys) {
					const message = catalog[key] ?? '';
					expect(message.trim(), `${locale} ${key}`).not.toBe('');
					expect(placeholders(message), `${locale} ${key}`).toEqual(
						placeholders(english[key] ?? '')
					);
				}
			});
		}
	}
	test('a key belongs to one bundle only', () => {
		const keys = Object.values(BUNDLES).flatMap((bundle) => Object.keys(bundle.en));
		expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
	});
});

describe('createTranslator', () => {
	test('substitutes placeholders and formats numbers for the locale', () => {
		const t = createTranslator('en');
		expect(t('search.resultCount', { count: 1200, query: 'fees' })).toBe(
			'1,200 pages match “fees”.'
		);
	});
	test('leaves unknown placeholders in place', () => {
		expect(createTranslator('en')('knowledge.lastReviewed')).toBe('Last reviewed {date}');
	});
});

describe('pickMessages', () => {
	test('returns only the messages under the prefixes, in the locale', () => {
		const picked = pickMessages('ja', ['nav.', 'skip.']);
		expect(picked['nav.search']).toBe(CATALOGS.ja['nav.search']);
		expect(picked['skip.toMain']).toBe(CATALOGS.ja['skip.toMain']);
		expect(Object.keys(picked).every((k) => k.startsWith('nav.') || k.startsWith('skip.'))).toBe(
			true
		);
	});
});

describe('isMessageKey', () => {
	test('recognises catalog keys only', () => {
		expect(isMessageKey('nav.search')).toBe(true);
		expect(isMessageKey('nav.nope')).toBe(false);
		expect(isMessageKey('toString')).toBe(false);
		expect(isMessageKey(42)).toBe(false);
	});
});

describe('formatDate and formatNumber', () => {
	test('follow the locale', () => {
		const date = new Date('2026-11-21T00:00:00Z');
		expect(formatDate('en', date)).toBe('21 November 2026');
		expect(formatDate('ja', date)).toBe('2026年11月21日');
		expect(formatNumber('id', 2571037)).toBe('2.571.037');
	});
});

describe('renderPartialDate', () => {
	test('keeps the precision of the source', () => {
		expect(renderPartialDate('en', '1993')).toBe('1993');
		expect(renderPartialDate('en', '2019-04')).toBe('April 2019');
		expect(renderPartialDate('en', '2027-04-01')).toBe('1 April 2027');
		expect(renderPartialDate('ja', '2027-04-01')).toBe('2027年4月1日');
	});
});
