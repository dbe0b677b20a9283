import type { Locale } from '~/i18n/locales.ts';
import { regionName, type Translate } from '~/i18n/translate.ts';
import { prefectureName } from '~/lib/prefectures.ts';
import type { OrganisationKind, OrganisationRole, OrganisationSize } from './options.ts';

/** The translated name of what an organisation is, e.g. "Japanese SME". */
export const kindLabel = (t: Translate, kind: OrganisationKind) => t(`organisations.kind.${kind}`);

/** The translated head-count band, e.g. "10–49 people". */
export const sizeLabel = (t: Translate, size: OrganisationSize) => t(`organisations.size.${size}`);

/** The translated role, "Owner" or "Member". */
export const roleLabel = (t: Translate, role: OrganisationRole) => t(`organisations.role.${role}`);

/**
 * Where an organisation is, for people: "Aichi, Japan", "Da Nang, Vietnam", or the country alone.
 * A prefecture is named in the reader's script (愛知県 in Japanese, Aichi elsewhere).
 */
export function placeLabel(
	locale: Locale,
	place: { country: string; prefecture?: number | null; region?: string | null }
): string {
	const country = regionName(locale, place.country);
	const local =
		place.prefecture !== null && place.prefecture !== undefined
			? prefectureName(locale, place.prefecture)
			: (place.region ?? '');
	if (!local) return country;
	return locale === 'ja' ? `${country}・${local}` : `${local}, ${country}`;
}
