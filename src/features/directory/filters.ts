import {
	BUSINESS_STAGES,
	COUNTRY_CODES,
	JLPT_LEVELS,
	LANGUAGE_CODES,
	LOOKING_FOR,
	MEMBER_KINDS,
	PROGRAMMES,
	SECTORS,
	SSW_FIELDS,
	type BusinessStage,
	type JlptLevel,
	type LookingFor,
	type MemberKind,
	type Programme,
	type Sector,
	type SswField,
} from '~/features/profiles/options.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from '~/features/organisations/options.ts';

/**
 * The directory's filters live in the query string (`?country=VN&field=construction&page=2`), so
 * every search is a plain GET form that works without JavaScript and can be bookmarked or shared.
 * Parsing never fails: a value that is not one of a filter's choices is dropped and named in
 * `ignored`, so an old or hand-edited link still shows results.
 */

/** Results per page. */
export const PAGE_SIZE = 20;

/**
 * The last page each search serves. `directory_search()` and `organisation_search()` count up to
 * 1,000 matches (they say `total_capped` when there are more, and the page asks for a narrower
 * search): their pages are those 1,000, every offset ≤ 1,000.
 */
export const MAX_PAGE = {
	people: Math.ceil(1_000 / PAGE_SIZE),
	organisations: Math.ceil(1_000 / PAGE_SIZE),
};

/** How many pages of results to offer: enough for `total`, never past the search's last page. */
export function pageCount(total: number, maxPage: number): number {
	return Math.min(Math.ceil(total / PAGE_SIZE), maxPage);
}

/** Longest search text; longer input is cut, as the database does. */
export const QUERY_MAX = 200;

/** How results are ordered. `relevance` is newest first when there is no search text. */
export const SORTS = ['relevance', 'recent', 'name'] as const;
export type Sort = (typeof SORTS)[number];

/** The people directory's filters, all optional. */
export interface PeopleFilters {
	q?: string;
	country?: string;
	programme?: Programme;
	field?: SswField;
	/** This JLPT level or better. */
	jlpt?: JlptLevel;
	stage?: BusinessStage;
	looking?: LookingFor;
	language?: string;
	kind?: MemberKind;
	/** Only verified people. */
	verified?: true;
	sort: Sort;
	page: number;
}

/** The organisation directory's filters, all optional. */
export interface OrganisationFilters {
	q?: string;
	kind?: OrganisationKind;
	sector?: Sector;
	country?: string;
	/** A prefecture code 1–47; only organisations in Japan have one. */
	prefecture?: number;
	/** Only verified organisations. */
	verified?: true;
	sort: Sort;
	page: number;
}

/** The result of reading filters from a query string. */
export interface Parsed<F> {
	filters: F;
	/** Names of parameters whose values were not understood and so were left out. */
	ignored: string[];
}

type Reader<T> = (raw: string) => T | undefined;

const oneOf =
	<T extends string>(values: readonly T[]): Reader<T> =>
	(raw) =>
		(values as readonly string[]).includes(raw) ? (raw as T) : undefined;

const country: Reader<string> = (raw) => {
	const code = raw.trim().toUpperCase();
	return COUNTRY_CODES.includes(code) ? code : undefined;
};

const language: Reader<string> = (raw) => {
	const code = raw.trim().toLowerCase();
	return LANGUAGE_CODES.includes(code) ? code : undefined;
};

const yes: Reader<true> = (raw) => (['1', 'true', 'on', 'yes'].includes(raw) ? true : undefined);

const prefecture: Reader<number> = (raw) => {
	if (!/^\d{1,2}$/.test(raw.trim())) return undefined;
	const code = Number(raw);
	return code >= 1 && code <= 47 ? code : undefined;
};

/** Search text: spaces collapsed, trimmed, at most QUERY_MAX characters; empty is no search. */
export function readQuery(raw: string | null): string | undefined {
	if (raw === null) return undefined;
	// Control characters are never part of a name or a word: they become spaces too.
	const visible = [...raw]
		.map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c))
		.join('');
	const text = visible.replace(/\s+/gu, ' ').trim();
	return text === '' ? undefined : [...text].slice(0, QUERY_MAX).join('');
}

/** A page number from 1 to `last`, or undefined. */
const pageUpTo =
	(last: number): Reader<number> =>
	(raw) => {
		if (!/^\d{1,5}$/.test(raw.trim())) return undefined;
		const n = Number(raw);
		return n >= 1 && n <= last ? n : undefined;
	};

/** Reads each named parameter with its reader; empty values mean "any" and are not reported. */
function readAll<S extends Record<string, Reader<unknown>>>(
	params: URLSearchParams,
	readers: S
): { values: { [K in keyof S]?: Exclude<ReturnType<S[K]>, undefined> }; ignored: string[] } {
	const values: Record<string, unknown> = {};
	const ignored: string[] = [];
	for (const [name, read] of Object.entries(readers)) {
		const raw = params.get(name);
		if (raw === null || raw.trim() === '') continue;
		const value = read(raw);
		if (value === undefined) ignored.push(name);
		else values[name] = value;
	}
	return { values: values as { [K in keyof S]?: Exclude<ReturnType<S[K]>, undefined> }, ignored };
}

/** Reads the people directory's filters from a query string. */
export function parsePeopleFilters(params: URLSearchParams): Parsed<PeopleFilters> {
	const { values, ignored } = readAll(params, {
		country,
		programme: oneOf(PROGRAMMES),
		field: oneOf(SSW_FIELDS),
		jlpt: oneOf(JLPT_LEVELS),
		stage: oneOf(BUSINESS_STAGES),
		looking: oneOf(LOOKING_FOR),
		language,
		kind: oneOf(MEMBER_KINDS),
		verified: yes,
		sort: oneOf(SORTS),
		page: pageUpTo(MAX_PAGE.people),
	});
	const q = readQuery(params.get('q'));
	return {
		filters: {
			...values,
			...(q ? { q } : {}),
			sort: values.sort ?? 'relevance',
			page: values.page ?? 1,
		},
		ignored,
	};
}

/** Reads the organisation directory's filters from a query string. */
export function parseOrganisationFilters(params: URLSearchParams): Parsed<OrganisationFilters> {
	const { values, ignored } = readAll(params, {
		kind: oneOf(ORGANISATION_KINDS),
		sector: oneOf(SECTORS),
		country,
		prefecture,
		verified: yes,
		sort: oneOf(SORTS),
		page: pageUpTo(MAX_PAGE.organisations),
	});
	// Only organisations in Japan have a prefecture: with another country it can match nothing.
	if (values.prefecture !== undefined && values.country !== undefined && values.country !== 'JP') {
		delete values.prefecture;
		ignored.push('prefecture');
	}
	const q = readQuery(params.get('q'));
	return {
		filters: {
			...values,
			...(q ? { q } : {}),
			sort: values.sort ?? 'relevance',
			page: values.page ?? 1,
		},
		ignored,
	};
}

type AnyFilters = PeopleFilters | OrganisationFilters;

/**
 * The query string of a set of filters (with a leading `?`, or empty), leaving out defaults so links
 * stay short: `relevance`, page 1. Keys come out in a stable order.
 */
export function toQueryString(filters: AnyFilters | Partial<Record<string, unknown>>): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(filters)) {
		if (value === undefined || value === null || value === '') continue;
		if (name === 'sort' && value === 'relevance') continue;
		if (name === 'page' && value === 1) continue;
		params.set(name, value === true ? '1' : String(value));
	}
	params.sort();
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** The filters with one of them removed (and back to page 1): the link of a "remove" button. */
export function without<F extends AnyFilters>(filters: F, name: keyof F): F {
	const copy = { ...filters, page: 1 };
	delete copy[name];
	return copy;
}

/** The filters on another page. */
export function onPage<F extends AnyFilters>(filters: F, page: number): F {
	return { ...filters, page };
}

/** The active filters' names (not the search text, order or page), in a stable order. */
export function activeFilters<F extends AnyFilters>(filters: F): (keyof F & string)[] {
	return (Object.keys(filters) as (keyof F & string)[]).filter(
		(name) => !['q', 'sort', 'page'].includes(name) && filters[name] !== undefined
	);
}

/** The arguments of `directory_search()` for a set of people filters. */
export function directorySearchArgs(filters: PeopleFilters) {
	return {
		...(filters.q ? { p_query: filters.q } : {}),
		...(filters.country ? { p_country: filters.country } : {}),
		...(filters.programme ? { p_programme: filters.programme } : {}),
		...(filters.field ? { p_field: filters.field } : {}),
		...(filters.jlpt ? { p_jlpt_min: filters.jlpt } : {}),
		...(filters.stage ? { p_business_stage: filters.stage } : {}),
		...(filters.looking ? { p_looking_for: filters.looking } : {}),
		...(filters.language ? { p_language: filters.language } : {}),
		...(filters.kind ? { p_kind: filters.kind } : {}),
		...(filters.verified ? { p_verified: true } : {}),
		p_sort: filters.sort,
		p_limit: PAGE_SIZE,
		p_offset: (filters.page - 1) * PAGE_SIZE,
	};
}

/** The arguments of `organisation_search()` for a set of organisation filters. */
export function organisationSearchArgs(filters: OrganisationFilters) {
	return {
		...(filters.q ? { p_query: filters.q } : {}),
		...(filters.kind ? { p_kind: filters.kind } : {}),
		...(filters.sector ? { p_sector: filters.sector } : {}),
		...(filters.country ? { p_country: filters.country } : {}),
		...(filters.prefecture ? { p_prefecture: filters.prefecture } : {}),
		...(filters.verified ? { p_verified: true } : {}),
		p_sort: filters.sort,
		p_limit: PAGE_SIZE,
		p_offset: (filters.page - 1) * PAGE_SIZE,
	};
}
