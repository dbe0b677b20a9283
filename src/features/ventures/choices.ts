import type { Choice } from '~/components/forms/ChoiceGroup.tsx';
import type { SelectOption } from '~/components/forms/SelectField.tsx';
import { prefectureChoices, sectorChoices } from '~/features/organisations/choices.ts';
import { countryName, jlptLabel, languageChoices } from '~/features/profiles/labels.ts';
import { CORRIDOR_COUNTRIES, JLPT_LEVELS } from '~/features/profiles/options.ts';
import type { Locale } from '~/i18n/locales.ts';
import type { MessageKey, Translate } from '~/i18n/translate.ts';
import type { VentureChoices } from './components/VentureForm.tsx';
import {
	CAPITAL_RANGES,
	PARTNERSHIP_TYPES,
	TIMELINES,
	type FormStatus,
	type VentureStatus,
} from './options.ts';

/** What the form offers to post for: the member's Japanese SMEs (verified or not), then their own business. */
export interface PostingOption {
	id: string;
	name: string;
	verified: boolean;
}

/**
 * Every translated choice of the opportunity form. Target countries are the corridor's (and any
 * already chosen), as in the mentor profile; languages are the profile form's.
 */
export function ventureChoices(
	locale: Locale,
	t: Translate,
	{
		organisations,
		countries,
		languages,
		statuses,
	}: {
		organisations: readonly PostingOption[];
		countries: readonly string[];
		languages: readonly string[];
		/** The statuses the opportunity may have after this save (its own and the next ones). */
		statuses: readonly FormStatus[];
	}
): VentureChoices {
	const tr = (key: string, vars?: Record<string, string | number>) => t(key as MessageKey, vars);
	const collator = new Intl.Collator(locale);
	const countryCodes = [...new Set([...CORRIDOR_COUNTRIES, ...countries])].filter(
		(c) => c !== 'JP'
	);
	return {
		postedFor: [
			...organisations.map((o) => ({
				value: o.id,
				label: tr(o.verified ? 'ventures.form.forOrganisation' : 'ventures.form.forUnverified', {
					name: o.name,
				}),
			})),
			{ value: 'own', label: t('ventures.form.forOwn') },
		],
		types: PARTNERSHIP_TYPES.map((value) => ({ value, label: tr(`ventures.type.${value}`) })),
		sectors: sectorChoices(t),
		countries: countryCodes
			.map((value) => ({ value, label: countryName(locale, value) }))
			.sort((a, b) => collator.compare(a.label, b.label)),
		languages: languageChoices(locale, languages),
		jlpt: [...JLPT_LEVELS].reverse().map((value) => ({
			value,
			label: tr('ventures.form.jlptOrAbove', { level: jlptLabel(value) }),
		})),
		capital: CAPITAL_RANGES.map((value) => ({ value, label: tr(`ventures.capital.${value}`) })),
		timelines: TIMELINES.map((value) => ({ value, label: tr(`ventures.timeline.${value}`) })),
		prefectures: prefectureChoices(locale),
		statuses: statuses.map((value): Choice => ({
			value,
			label: tr(`ventures.status.${value}`),
			hint: tr(`ventures.form.statusHint.${value}`),
		})),
	};
}

/** The sectors, for a filter. */
export { sectorChoices };

/** The partnership types, for a filter. */
export function typeChoices(t: Translate): SelectOption[] {
	return PARTNERSHIP_TYPES.map((value) => ({
		value,
		label: t(`ventures.type.${value}` as MessageKey),
	}));
}

/**
 * The statuses the form offers for an opportunity now in `status` (null: a new one): its own and
 * those it may move to in one save (a draft opens; an open one pauses; a paused one opens again).
 * Closing has its own button on the opportunity's page.
 */
export function formStatuses(status: VentureStatus | null): FormStatus[] {
	switch (status) {
		case 'open':
			return ['open', 'paused'];
		case 'paused':
			return ['paused', 'open'];
		default:
			return ['draft', 'open'];
	}
}
