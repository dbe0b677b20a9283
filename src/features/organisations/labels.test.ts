import { describe, expect, test } from 'vitest';
import { createTranslator } from '~/i18n/translate.ts';
import { kindLabel, placeLabel, roleLabel, sizeLabel } from './labels.ts';
import { ORGANISATION_KINDS, ORGANISATION_ROLES, ORGANISATION_SIZES } from './options.ts';
import { LOCALES } from '~/i18n/locales.ts';

describe('placeLabel', () => {
	test('names a prefecture in the reader’s script, then the country', () => {
		expect(placeLabel('en', { country: 'JP', prefecture: 23 })).toBe('Aichi, Japan');
		expect(placeLabel('ja', { country: 'JP', prefecture: 23 })).toBe('日本・愛知県');
		expect(placeLabel('vi', { country: 'VN', region: 'Đà Nẵng' })).toBe('Đà Nẵng, Việt Nam');
		expect(placeLabel('en', { country: 'KE' })).toBe('Kenya');
	});
});

describe('enum labels', () => {
	test('every kind, size and role has a label in every locale', () => {
		for (const locale of LOCALES) {
			const t = createTranslator(locale);
			for (const kind of ORGANISATION_KINDS)
				expect(kindLabel(t, kind)).not.toMatch(/^organisations\./);
			for (const size of ORGANISATION_SIZES)
				expect(sizeLabel(t, size)).not.toMatch(/^organisations\./);
			for (const role of ORGANISATION_ROLES)
				expect(roleLabel(t, role)).not.toMatch(/^organisations\./);
		}
	});
});
