import { readQuery, toQueryString } from '~/features/directory/filters.ts';
import { COUNTRY_CODES, SECTORS, type Sector } from '~/features/profiles/options.ts';
import {
	MAX_PAGE,
	PARTNERSHIP_TYPES,
	TEASERS_PER_PAGE,
	VENTURE_SIDES,
	type PartnershipType,
	type VentureSide,
} from './options.ts';

/**
 * The browse page's filters live in the query string (`?sector=construction&country=VN&page=2`),
 * so every search is a plain GET form that works without JavaScript and can be shared. Parsing
 * never fails: a value that is not one of a filter's choices is dropped and named in `ignored`.
 */
export interface TeaserFilters {
	q?: string;
	sector?: Sector;
	type?: PartnershipType;
	/** A target country (ISO 3166-1 alpha-2). */
	country?: string;
	/** Who posted: a Japanese SME or a returnee. */
	side?: VentureSide;
	page: number;
}

/** The names of the filters, in the order the form shows them. */
export const FILTER_NAMES = ['sector', 'type', 'country', 'side'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

const oneOf =
	<T extends string>(values: readonly T[]) =>
	(raw: string): T | undefined =>
		(values as readonly string[]).includes(raw) ? (raw as T) : undefined;

const READERS = {
	sector: oneOf(SECTORS),
	type: oneOf(PARTNERSHIP_TYPES),
	country: (raw: string) => {
		const code = raw.trim().toUpperCase();
		return COUNTRY_CODES.includes(code) ? code : undefined;
	},
	side: oneOf(VENTURE_SIDES),
} as const;

/** Reads the browse filters from a query string; unknown values are left out and named. */
export function parseTeaserFilters(params: URLSearchParams): {
	filters: TeaserFilters;
	ignored: string[];
} {
	const filters: TeaserFilters = { page: 1 };
	const ignored: string[] = [];
	for (const name of FILTER_NAMES) {
		const raw = params.get(name);
		if (raw === null || raw.trim() === '') continue;
		const value = READERS[name](raw);
		if (value === undefined) ignored.push(name);
		else Object.assign(filters, { [name]: value });
	}
	const page = params.get('page');
	if (page !== null && page.trim() !== '') {
		const n = /^\d{1,5}$/.test(page.trim()) ? Number(page) : NaN;
		if (n >= 1 && n <= MAX_PAGE) filters.page = n;
		else ignored.push('page');
	}
	const q = readQuery(params.get('q'));
	if (q) filters.q = q;
	return { filters, ignored };
}

/** The query string of a set of filters (with a leading `?`, or empty); page 1 is left out. */
export function teaserQuery(filters: TeaserFilters): string {
	return toQueryString({ ...filters });
}

/** The filters without one of them, back on page 1: the link of a "remove" chip. */
export function withoutFilter(filters: TeaserFilters, name: FilterName | 'q'): TeaserFilters {
	const copy: TeaserFilters = { ...filters, page: 1 };
	delete copy[name];
	return copy;
}

/** The arguments of `venture_teasers()` for a set of filters. */
export function teaserArgs(filters: TeaserFilters) {
	return {
		...(filters.sector ? { p_sector: filters.sector } : {}),
		...(filters.type ? { p_type: filters.type } : {}),
		...(filters.country ? { p_country: filters.country } : {}),
		...(filters.side ? { p_side: filters.side } : {}),
		...(filters.q ? { p_query: filters.q } : {}),
		p_limit: TEASERS_PER_PAGE,
		p_offset: (filters.page - 1) * TEASERS_PER_PAGE,
	};
}

/** How many pages of teasers to offer for `total` open opportunities. */
export function teaserPages(total: number): number {
	return Math.min(Math.ceil(total / TEASERS_PER_PAGE), MAX_PAGE);
}
