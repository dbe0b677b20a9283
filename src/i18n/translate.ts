import { BUNDLES } from './catalogs.ts';
import { interpolate, type MessageVars } from './interpolate.ts';
import type { Locale } from './locales.ts';

export type { MessageVars };

type Bundles = typeof BUNDLES;

/** A key of the UI message catalogs; English is the reference catalog. */
export type MessageKey = { [B in keyof Bundles]: keyof Bundles[B]['en'] }[keyof Bundles] & string;

/** A translate function bound to one locale. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

function mergeLocale(locale: Locale): Record<string, string> {
	return Object.assign({}, ...Object.values(BUNDLES).map((bundle) => bundle[locale]));
}

/** Every catalog, keyed by locale: all bundles merged. Parity with English is enforced by `translate.test.ts`. */
export const CATALOGS: Record<Locale, Record<string, string>> = {
	en: mergeLocale('en'),
	ja: mergeLocale('ja'),
	vi: mergeLocale('vi'),
	id: mergeLocale('id'),
	sw: mergeLocale('sw'),
};
const en = CATALOGS.en as Record<MessageKey, string>;

/** BCP 47 tags used with `Intl` for each locale. */
const INTL_TAGS: Record<Locale, string> = {
	en: 'en-GB',
	ja: 'ja-JP',
	vi: 'vi-VN',
	id: 'id-ID',
	sw: 'sw-KE',
};

/**
 * Returns a translate function for a locale. Placeholders such as `{count}` are
 * replaced with `vars`; numbers are formatted for the locale.
 */
export function createTranslator(locale: Locale): Translate {
	const catalog = CATALOGS[locale];
	const numbers = new Intl.NumberFormat(INTL_TAGS[locale]);
	return (key, vars) => interpolate(catalog[key] ?? en[key], vars, (n) => numbers.format(n));
}

/**
 * The messages of a locale whose keys start with one of `prefixes`: what an island needs, without
 * shipping the whole catalog to the browser.
 */
export function pickMessages(
	locale: Locale,
	prefixes: readonly string[]
): Partial<Record<MessageKey, string>> {
	const catalog = CATALOGS[locale];
	const picked: Partial<Record<MessageKey, string>> = {};
	for (const key of Object.keys(en) as MessageKey[]) {
		if (prefixes.some((prefix) => key.startsWith(prefix))) picked[key] = catalog[key] ?? en[key];
	}
	return picked;
}

/** Formats a date the way readers of a locale expect, e.g. "21 November 2026" or "2026年11月21日". */
export function formatDate(locale: Locale, date: Date, style: 'long' | 'medium' = 'long'): string {
	return new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: style, timeZone: 'UTC' }).format(
		date
	);
}

/** Formats a number with the locale's grouping and decimal marks. */
export function formatNumber(
	locale: Locale,
	value: number,
	options?: Intl.NumberFormatOptions
): string {
	return new Intl.NumberFormat(INTL_TAGS[locale], options).format(value);
}

/** The locale's name for a country or region, from its ISO 3166 code. */
export function regionName(locale: Locale, code: string): string {
	return new Intl.DisplayNames([INTL_TAGS[locale]], { type: 'region' }).of(code) ?? code;
}

/** Formats a date given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, to the precision given. */
export function renderPartialDate(locale: Locale, value: string): string {
	const [year, month, day] = value.split('-').map(Number);
	if (year === undefined || Number.isNaN(year)) return value;
	const date = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
	const options: Intl.DateTimeFormatOptions =
		day !== undefined
			? { dateStyle: 'long' }
			: month !== undefined
				? { year: 'numeric', month: 'long' }
				: { year: 'numeric' };
	return new Intl.DateTimeFormat(INTL_TAGS[locale], { ...options, timeZone: 'UTC' }).format(date);
}

/** Whether a string is a key of the catalogs, e.g. a message key carried in an error. */
export function isMessageKey(value: unknown): value is MessageKey {
	return typeof value === 'string' && Object.hasOwn(en, value);
}
