import type { IslandFormProps } from '~/features/organisations/components/form-props.ts';

export type { IslandFormProps };

/** The message prefixes the joint-venture form islands need. */
export const VENTURE_FORM_MESSAGES = [
	'form.',
	'ventures.field.',
	'ventures.form.',
	'ventures.error.',
	'profiles.error.',
];
