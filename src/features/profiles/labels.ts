import type { Choice, ChoiceSubgroup } from '~/components/forms/ChoiceGroup.tsx';
import type { SelectOptionGroup } from '~/components/forms/SelectField.tsx';
import type { Locale } from '~/i18n/locales.ts';
import { prefectureName } from '~/lib/prefectures.ts';
import {
	COMMON_LANGUAGES,
	CORRIDOR_COUNTRIES,
	COUNTRY_CODES,
	PREFECTURE_REGIONS,
	SSW_FIELDS,
	type Sector,
} from './options.ts';

/** A translate function over the profile messages (the site's `t`, or an island's). */
export type Translator = (key: string) => string;

/** The message-key prefix of each enumeration's labels. */
export const LABEL_PREFIXES = {
	member_kind: 'profiles.kind.',
	japan_programme: 'profiles.programme.',
	ssw_field: 'profiles.sswField.',
	employer_type: 'profiles.employer.',
	skills_test: 'profiles.skillsTest.',
	business_stage: 'profiles.stage.',
	looking_for: 'profiles.lookingFor.',
	visibility_level: 'profiles.visibility.',
} as const;

/** The translated label of an enumeration value, e.g. `label(t, 'ssw_field', 'agriculture')`. */
export function label(t: Translator, list: keyof typeof LABEL_PREFIXES, value: string): string {
	return t(`${LABEL_PREFIXES[list]}${value}`);
}

/** The label of a business sector: an SSW field's own label, or the sector's. */
export function sectorLabel(t: Translator, sector: Sector): string {
	return (SSW_FIELDS as readonly string[]).includes(sector)
		? t(`profiles.sswField.${sector}`)
		: t(`profiles.sector.${sector}`);
}

/** A JLPT level as people write it: N1 … N5 in every language. */
export function jlptLabel(level: string): string {
	return level.toUpperCase();
}

const displayNames = new Map<string, Intl.DisplayNames>();
function names(locale: Locale, type: 'region' | 'language'): Intl.DisplayNames {
	const key = `${locale}:${type}`;
	let found = displayNames.get(key);
	if (!found) {
		found = new Intl.DisplayNames([locale], { type, fallback: 'code' });
		displayNames.set(key, found);
	}
	return found;
}

/** A country's name in the reader's language, from its ISO 3166 code. */
export function countryName(locale: Locale, code: string): string {
	try {
		return names(locale, 'region').of(code) ?? code;
	} catch {
		return code;
	}
}

/** A language's name in the reader's language, from its ISO 639-1 code. */
export function languageName(locale: Locale, code: string): string {
	try {
		return names(locale, 'language').of(code) ?? code;
	} catch {
		return code;
	}
}

const byLabel = (locale: Locale) => {
	const collator = new Intl.Collator(locale);
	return (a: { label: string }, b: { label: string }) => collator.compare(a.label, b.label);
};

/**
 * The country list of the profile form, in the reader's language: the corridor's countries first
 * (where most members come from), then every other country in alphabetical order.
 */
export function countryOptions(locale: Locale, t: Translator): SelectOptionGroup[] {
	const option = (code: string) => ({ value: code, label: countryName(locale, code) });
	const common = CORRIDOR_COUNTRIES.map(option).sort(byLabel(locale));
	const others = COUNTRY_CODES.filter((code) => !CORRIDOR_COUNTRIES.includes(code))
		.map(option)
		.sort(byLabel(locale));
	return [
		{ label: t('profiles.option.common'), options: common },
		{ label: t('profiles.option.more'), options: others },
	];
}

/**
 * The languages offered as checkboxes: the corridor's languages, plus any other the person already
 * has, by name in the reader's language.
 */
export function languageChoices(locale: Locale, chosen: readonly string[]): Choice[] {
	const codes = [...new Set([...COMMON_LANGUAGES, ...chosen])];
	return codes
		.map((code) => ({ value: code, label: languageName(locale, code) }))
		.sort(byLabel(locale));
}

/** The prefectures as checkboxes grouped by region, north to south. */
export function prefectureGroups(locale: Locale, t: Translator): ChoiceSubgroup[] {
	return PREFECTURE_REGIONS.map(({ region, codes }) => ({
		label: t(`profiles.region.${region}`),
		choices: codes.map((code) => ({ value: String(code), label: prefectureName(locale, code) })),
	}));
}
