import { countryName } from '~/features/profiles/labels.ts';
import type { Locale } from '~/i18n/locales.ts';
import type { MessageVars } from '~/i18n/translate.ts';
import { prefectureName } from '~/lib/prefectures.ts';

/** A translate function over the ventures messages (the site's `t`, or an island's). */
export type Translator = (key: string, vars?: MessageVars) => string;

/** The message-key prefix of each enumeration's labels. */
const PREFIXES = {
	partnership_type: 'ventures.type.',
	venture_side: 'ventures.side.',
	venture_status: 'ventures.status.',
	capital_range: 'ventures.capital.',
	venture_timeline: 'ventures.timeline.',
	japan_region: 'ventures.region.',
	pipeline_stage: 'ventures.stage.',
	close_reason: 'ventures.form.closeReason.',
	pipeline_role: 'ventures.role.',
} as const;

/** The translated label of an enumeration value, e.g. `ventureLabel(t, 'pipeline_stage', 'mou')`. */
export function ventureLabel(t: Translator, list: keyof typeof PREFIXES, value: string): string {
	return t(`${PREFIXES[list]}${value}`);
}

/** Countries by name in the reader's language, as a list: "Vietnam, Indonesia and Kenya". */
export function countryList(locale: Locale, codes: readonly string[]): string {
	const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
	return list.format(codes.map((code) => countryName(locale, code)));
}

/** The corridor of an outcome: "Japan – Vietnam", in the reader's language. */
export function corridorName(locale: Locale, code: string): string {
	return `${countryName(locale, 'JP')} – ${countryName(locale, code)}`;
}

/** A prefecture's name, or null when none was given. */
export function placeName(locale: Locale, prefecture: number | null): string | null {
	return prefecture ? prefectureName(locale, prefecture) : null;
}
