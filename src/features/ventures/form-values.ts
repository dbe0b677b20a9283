import type { FormValue } from '~/components/forms/use-server-form.ts';
import { VENTURE_FIELDS, type VentureField } from './schemas/venture.schema.ts';
import type { OwnVentureRow } from './types.ts';

/** The opportunity form's values as its inputs hold them: text, and chosen lists. */
export type VentureFormValues = Partial<Record<VentureField, FormValue>>;

/** Fields whose inputs are checkbox groups: their value is a list. */
const LIST_FIELDS = new Set<VentureField>(['target_countries', 'languages']);

/** The form's values for a saved opportunity: null becomes an empty input, lists become tags. */
export function ventureFormValues(row: OwnVentureRow): VentureFormValues {
	return {
		title: row.title,
		summary: row.summary,
		partnership_type: row.partnership_type,
		sector: row.sector,
		target_countries: row.target_countries,
		offers: row.offers ?? '',
		needs: row.needs ?? '',
		required_skills: row.required_skills.join(', '),
		min_jlpt: row.min_jlpt ?? '',
		capital: row.capital ?? '',
		network: row.network ?? '',
		timeline: row.timeline ?? '',
		languages: row.languages,
		prefecture: row.prefecture === null ? '' : String(row.prefecture),
		status: row.status === 'closed' ? 'paused' : row.status,
	};
}

/**
 * The form's values as they were posted, to show them again after a failed save: every input
 * keeps what the person typed or chose, including values the server refused.
 */
export function postedVentureValues(data: FormData): VentureFormValues {
	const values: VentureFormValues = {};
	for (const field of VENTURE_FIELDS) {
		const posted = data.getAll(field).filter((v): v is string => typeof v === 'string');
		values[field] = LIST_FIELDS.has(field) ? posted : (posted[0] ?? '');
	}
	return values;
}
