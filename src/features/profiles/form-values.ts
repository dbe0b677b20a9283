import type { FormValue } from '~/components/forms/use-server-form.ts';
import type { Tables } from '~/lib/supabase/database.types.ts';
import { PROFILE_FIELDS, type ProfileField } from './schemas/profile.schema.ts';

/** The profile form's values as its inputs hold them: text, ticked boxes, chosen lists. */
export type ProfileFormValues = Record<ProfileField, FormValue>;

/** The person's own `profiles` row, as the profile form reads it. */
export type ProfileRow = Tables<'profiles'>;

/** Fields whose inputs are checkbox groups: their value is a list. */
const LIST_FIELDS = new Set<ProfileField>([
	'kinds',
	'languages',
	'programmes',
	'prefectures',
	'skills_tests',
	'looking_for',
]);

/** Fields whose input is one checkbox: ticked or not. */
const CHECKBOX_FIELDS = new Set<ProfileField>(['jft_basic']);

/** The form's values for a saved profile: null becomes an empty input, numbers become text. */
export function profileFormValues(row: ProfileRow): ProfileFormValues {
	const values = {} as ProfileFormValues;
	for (const field of PROFILE_FIELDS) {
		const value: unknown = row[field];
		if (LIST_FIELDS.has(field)) {
			values[field] = Array.isArray(value) ? value.map(String) : [];
		} else if (CHECKBOX_FIELDS.has(field)) {
			values[field] = value === true;
		} else {
			values[field] = value === null || value === undefined ? '' : String(value);
		}
	}
	return values;
}

/**
 * The form's values as they were posted, to show them again after a failed save: every input
 * keeps what the person typed or chose, including values the server refused. Files are ignored.
 */
export function postedFormValues(data: FormData): ProfileFormValues {
	const values = {} as ProfileFormValues;
	for (const field of PROFILE_FIELDS) {
		const posted = data.getAll(field).filter((v): v is string => typeof v === 'string');
		if (LIST_FIELDS.has(field)) values[field] = posted;
		else if (CHECKBOX_FIELDS.has(field)) values[field] = posted.length > 0;
		else values[field] = posted[0] ?? '';
	}
	return values;
}
