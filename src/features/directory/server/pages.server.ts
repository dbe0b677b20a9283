import type { AstroGlobal } from 'astro';
import { LoadError } from '~/features/organisations/server/queries.server.ts';
import {
	parseOrganisationFilters,
	parsePeopleFilters,
	type OrganisationFilters,
	type Parsed,
	type PeopleFilters,
} from '../filters.ts';
import {
	searchOrganisations,
	searchPeople,
	type OrganisationResult,
	type PersonResult,
	type SearchPage,
} from './search.server.ts';

/** The parts of `Astro` the directory pages use. */
type PageContext = Pick<AstroGlobal, 'locals' | 'url' | 'response'>;

/** What a directory page shows: the filters read from the address, and the results (null when the database did not answer). */
export interface DirectoryPageData<F, R> extends Parsed<F> {
	results: SearchPage<R> | null;
}

async function load<F, R>(
	context: PageContext,
	parsed: Parsed<F>,
	search: () => Promise<SearchPage<R>>
): Promise<DirectoryPageData<F, R>> {
	try {
		return { ...parsed, results: await search() };
	} catch (error) {
		if (!(error instanceof LoadError)) throw error;
		console.error('[directory]', error, error.cause);
		context.response.status = 503;
		return { ...parsed, results: null };
	}
}

/** Reads the people filters from the address and searches as the visitor. */
export function peoplePageData(context: PageContext) {
	const parsed = parsePeopleFilters(context.url.searchParams);
	return load<PeopleFilters, PersonResult>(context, parsed, () =>
		searchPeople(context.locals.supabase, parsed.filters)
	);
}

/** Reads the organisation filters from the address and searches. */
export function organisationsPageData(context: PageContext) {
	const parsed = parseOrganisationFilters(context.url.searchParams);
	return load<OrganisationFilters, OrganisationResult>(context, parsed, () =>
		searchOrganisations(context.locals.supabase, parsed.filters)
	);
}
