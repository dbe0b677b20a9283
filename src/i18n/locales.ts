/** The locales the portal speaks, in the order the language switcher lists them. */
export const LOCALES = ['en', 'ja', 'vi', 'id', 'sw'] as const;

export type Locale = (typeof LOCALES)[number];

/** English is the default locale and is served without a path prefix. */
export const DEFAULT_LOCALE: Locale = 'en';

/** Each locale's own name for itself, shown in the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
	en: 'English',
	ja: '日本語',
	vi: 'Tiếng Việt',
	id: 'Bahasa Indonesia',
	sw: 'Kiswahili',
};

/** Whether a string is one of the portal's locales. */
export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Whether a URL segment is a locale prefix: a locale other than the default, which is unprefixed.
 * Routes under `[locale]/` answer 404 when it is not.
 */
export function isLocalePrefix(value: unknown): value is Locale {
	return isLocale(value) && value !== DEFAULT_LOCALE;
}

/**
 * Builds the URL path of a page in a locale.
 * @param locale the locale to link to
 * @param path the locale-independent path, such as `/pathways/titp` or `/`
 */
export function localePath(locale: Locale, path = '/'): string {
	const clean = path === '' || path === '/' ? '' : path.startsWith('/') ? path : `/${path}`;
	if (locale === DEFAULT_LOCALE) return clean || '/';
	return `/${locale}${clean}`;
}

/**
 * Splits a URL path into its locale and the locale-independent rest.
 * A path without a known locale prefix belongs to the default locale.
 */
export function splitLocalePath(pathname: string): { locale: Locale; path: string } {
	const [, first = '', ...rest] = pathname.split('/');
	if (isLocale(first) && first !== DEFAULT_LOCALE) {
		return { locale: first, path: `/${rest.join('/')}`.replace(/\/+$/, '') || '/' };
	}
	return { locale: DEFAULT_LOCALE, path: pathname.replace(/\/+$/, '') || '/' };
}
