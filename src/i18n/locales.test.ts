import { describe, expect, test } from 'vitest';
import { isLocale, isLocalePrefix, localePath, splitLocalePath } from './locales.ts';

describe('localePath', () => {
	test('leaves English unprefixed', () => {
		expect(localePath('en', '/pathways/titp')).toBe('/pathways/titp');
		expect(localePath('en', '/')).toBe('/');
	});
	test('prefixes other locales', () => {
		expect(localePath('ja', '/pathways/titp')).toBe('/ja/pathways/titp');
		expect(localePath('sw', '/')).toBe('/sw');
		expect(localePath('vi', 'glossary')).toBe('/vi/glossary');
	});
});

describe('splitLocalePath', () => {
	test('returns the default locale for unprefixed paths', () => {
		expect(splitLocalePath('/pathways/titp')).toEqual({ locale: 'en', path: '/pathways/titp' });
		expect(splitLocalePath('/')).toEqual({ locale: 'en', path: '/' });
	});
	test('recognises a locale prefix', () => {
		expect(splitLocalePath('/ja/glossary')).toEqual({ locale: 'ja', path: '/glossary' });
		expect(splitLocalePath('/id')).toEqual({ locale: 'id', path: '/' });
		expect(splitLocalePath('/vi/')).toEqual({ locale: 'vi', path: '/' });
	});
	test('treats an unknown prefix as part of an English path', () => {
		expect(splitLocalePath('/fr/glossary')).toEqual({ locale: 'en', path: '/fr/glossary' });
		expect(splitLocalePath('/en/glossary')).toEqual({ locale: 'en', path: '/en/glossary' });
	});
	test('round-trips with localePath', () => {
		for (const locale of ['en', 'ja', 'vi', 'id', 'sw'] as const) {
			expect(splitLocalePath(localePath(locale, '/guides/workers'))).toEqual({
				locale,
				path: '/guides/workers',
			});
		}
	});
});

describe('isLocale', () => {
	test('accepts only the five locales', () => {
		expect(isLocale('sw')).toBe(true);
		expect(isLocale('fr')).toBe(false);
		expect(isLocale(undefined)).toBe(false);
	});
});

describe('isLocalePrefix', () => {
	test('accepts the prefixed locales only', () => {
		expect(isLocalePrefix('ja')).toBe(true);
		expect(isLocalePrefix('en')).toBe(false);
		expect(isLocalePrefix('fr')).toBe(false);
		expect(isLocalePrefix(undefined)).toBe(false);
	});
});
