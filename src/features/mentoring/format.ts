import type { Locale } from '~/i18n/locales.ts';

/** The BCP 47 tags the site formats dates with (as `formatDate` in src/i18n/translate.ts). */
const TAGS: Record<Locale, string> = {
	en: 'en-GB',
	ja: 'ja-JP',
	vi: 'vi-VN',
	id: 'id-ID',
	sw: 'sw-KE',
};

/**
 * A moment as a thread shows it, e.g. "21 Nov 2026, 07:52 UTC". Times are in UTC, as every date
 * on the site, and say so: the site does not know the reader's time zone.
 */
export function formatDateTime(locale: Locale, iso: string): string {
	return new Intl.DateTimeFormat(TAGS[locale], {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'UTC',
	})
		.format(new Date(iso))
		.concat(' UTC');
}
