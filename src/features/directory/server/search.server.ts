import type { Database } from '~/lib/supabase/database.types.ts';
import { typedDb, type Db } from '~/lib/supabase/db.server.ts';
import { LoadError } from '~/features/organisations/server/queries.server.ts';
import { logoUrl } from '~/features/organisations/server/logo.server.ts';
import { avatarUrl } from '~/features/profiles/server/avatar.server.ts';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	directorySearchArgs,
	organisationSearchArgs,
	type OrganisationFilters,
	type PeopleFilters,
} from '../filters.ts';

type Functions = Database['public']['Functions'];

/** A person as a directory card shows them: only what the viewer may see, the rest null. */
export type PersonResult = Omit<
	Functions['directory_search']['Returns'][number],
	'total_count' | 'total_capped'
> & {
	avatarUrl: string | null;
};

/** An organisation as a directory card shows it. */
export type OrganisationResult = Omit<
	Functions['organisation_search']['Returns'][number],
	'total_count' | 'total_capped'
> & { logoUrl: string | null };

/** One page of results and how many there are in all. */
export interface SearchPage<T> {
	results: T[];
	total: number;
	/** True when there are more matches than `total` (both searches count up to 1,000). */
	capped: boolean;
}

/**
 * Searches people as the visitor may see them. The database function masks every field the owner
 * did not allow this visitor, and filters, ranks and counts only on visible values: the page never
 * filters anything itself.
 * @throws {LoadError} when the database does not answer
 */
export async function searchPeople(
	client: SupabaseClient,
	filters: PeopleFilters
): Promise<SearchPage<PersonResult>> {
	const db: Db = typedDb(client);
	const { data, error } = await db.rpc('directory_search', directorySearchArgs(filters));
	if (error) throw new LoadError('could not search people', { cause: error });
	const rows = data ?? [];
	return {
		total: Number(rows[0]?.total_count ?? 0),
		capped: rows[0]?.total_capped ?? false,
		results: rows.map(({ total_count: _total, total_capped: _capped, ...row }) => ({
			...row,
			avatarUrl: avatarUrl(client, row.avatar_path),
		})),
	};
}

/**
 * Searches organisations (their pages are public).
 * @throws {LoadError} when the database does not answer
 */
export async function searchOrganisations(
	client: SupabaseClient,
	filters: OrganisationFilters
): Promise<SearchPage<OrganisationResult>> {
	const db: Db = typedDb(client);
	const { data, error } = await db.rpc('organisation_search', organisationSearchArgs(filters));
	if (error) throw new LoadError('could not search organisations', { cause: error });
	const rows = data ?? [];
	return {
		total: Number(rows[0]?.total_count ?? 0),
		capped: rows[0]?.total_capped ?? false,
		results: rows.map(({ total_count: _total, total_capped: _capped, ...row }) => ({
			...row,
			logoUrl: logoUrl(db, row.logo_path),
		})),
	};
}
