import type { IslandMessages } from '~/components/forms/messages.ts';
import type { SelectOption, SelectOptionGroup } from '~/components/forms/SelectField.tsx';
import type { ServerFormState } from '~/components/forms/use-server-form.ts';

/** Props every form island of this feature gets from its page. */
export interface IslandFormProps<F extends string> extends ServerFormState<F> {
	/** The form's `action` attribute: the Astro Action, e.g. `?_action=organisations.create`. */
	action: string;
	/** Translated messages, from `pickMessages(locale, ORGANISATION_FORM_MESSAGES)`. */
	messages: IslandMessages;
}

/** The message prefixes the organisation form islands need. */
export const ORGANISATION_FORM_MESSAGES = [
	'form.',
	'organisations.field.',
	'organisations.form.',
	'organisations.error.',
	'profiles.error.',
];

/** The translated choices of the organisation form's selects, built on the server. */
export interface OrganisationChoices {
	kinds: SelectOption[];
	countries: SelectOptionGroup[];
	prefectures: SelectOption[];
	sectors: SelectOption[];
	sizes: SelectOption[];
}
