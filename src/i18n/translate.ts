import en from './messages/en.json' with { type: 'json' };
import ja from './messages/ja.json' with { type: 'json' };
import vi from './messages/vi.json' with { type: 'json' };
import id from './messages/id.json' with { type: 'json' };
import sw from './messages/sw.json' with { type: 'json' };
import type { Locale } from './locales.ts';

/** A key of the UI message catalogs; English is the reference catalog. */
export type MessageKey = keyof typeof en;

/** Values substituted for `{name}` placeholders in a message. */
export type MessageVars = Record<string, string | number>;

/** A translate function bound to one locale. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** Every catalog, keyed by locale. Parity with English is enforced by `translate.test.ts`. */
export const CATALOGS: Record<Locale, Record<string, string>> = { en, ja, vi, id, sw };

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
	return (key, vars) => {
		const message = catalog[key] ?? en[key];
		if (!vars) return message;
		return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
			const value = vars[name];
			if (value === undefined) return whole;
			return typeof value === 'number' ? numbers.format(value) : value;
		});
	};
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
