import type { OrganisationField } from './schemas/organisation.schema.ts';

/** The columns of an organisation that its form edits. */
export interface EditableOrganisation {
	name: string;
	kind: string;
	corporate_number: string | null;
	country: string;
	prefecture: number | null;
	region: string | null;
	sector: string | null;
	size: string | null;
	website: string | null;
	description: string | null;
}

/** An organisation's columns as its edit form holds them: text, empty for nothing. */
export function organisationFormValues(
	organisation: EditableOrganisation
): Partial<Record<OrganisationField, string>> {
	return {
		name: organisation.name,
		kind: organisation.kind,
		corporate_number: organisation.corporate_number ?? '',
		country: organisation.country,
		prefecture: organisation.prefecture === null ? '' : String(organisation.prefecture),
		region: organisation.region ?? '',
		sector: organisation.sector ?? '',
		size: organisation.size ?? '',
		website: organisation.website ?? '',
		description: organisation.description ?? '',
	};
}

/** The fields whose input a failed post shows again (a file cannot be). */
export const KEPT_FIELDS = [
	'name',
	'kind',
	'corporate_number',
	'country',
	'prefecture',
	'region',
	'sector',
	'size',
	'website',
	'description',
	'remove_logo',
] as const;
