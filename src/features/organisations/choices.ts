import type { SelectOption, SelectOptionGroup } from '~/components/forms/SelectField.tsx';
import { COUNTRY_CODES, CORRIDOR_COUNTRIES, SECTORS } from '~/features/profiles/options.ts';
import { sectorLabel } from '~/features/profiles/labels.ts';
import type { Locale } from '~/i18n/locales.ts';
import { regionName, type MessageKey, type Translate } from '~/i18n/translate.ts';
import { PREFECTURE_CODES, prefectureName } from '~/lib/prefectures.ts';
import type { OrganisationChoices } from './components/form-props.ts';
import { kindLabel, sizeLabel } from './labels.ts';
import { ORGANISATION_KINDS, ORGANISATION_SIZES } from './options.ts';

/**
 * Countries for a picker: Japan and the corridor's countries first, then every country, each
 * named and sorted in the reader's locale.
 */
export function countryGroups(locale: Locale, t: Translate): SelectOptionGroup[] {
	const collator = new Intl.Collator(locale);
	const named = (codes: readonly string[]) =>
		codes
			.map((value) => ({ value, label: regionName(locale, value) }))
			.sort((a, b) => collator.compare(a.label, b.label));
	const corridor = ['JP', ...CORRIDOR_COUNTRIES.filter((code) => code !== 'JP')];
	return [
		{ label: t('organisations.form.corridorCountries'), options: named(corridor) },
		{ label: t('organisations.form.allCountries'), options: named(COUNTRY_CODES) },
	];
}

/** Prefectures for a picker, in the official north-to-south order. */
export function prefectureChoices(locale: Locale): SelectOption[] {
	return PREFECTURE_CODES.map((code) => ({
		value: String(code),
		label: prefectureName(locale, code),
	}));
}

/** Sectors for a picker, in the database's order (the SSW fields first). */
export function sectorChoices(t: Translate): SelectOption[] {
	const translate = (key: string) => t(key as MessageKey);
	return SECTORS.map((value) => ({ value, label: sectorLabel(translate, value) }));
}

/** Every translated choice of the organisation form. */
export function organisationChoices(locale: Locale, t: Translate): OrganisationChoices {
	return {
		kinds: ORGANISATION_KINDS.map((value) => ({ value, label: kindLabel(t, value) })),
		countries: countryGroups(locale, t),
		prefectures: prefectureChoices(locale),
		sectors: sectorChoices(t),
		sizes: ORGANISATION_SIZES.map((value) => ({ value, label: sizeLabel(t, value) })),
	};
}
