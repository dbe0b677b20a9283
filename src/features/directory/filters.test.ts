import { describe, expect, test } from 'vitest';
import {
	MAX_PAGE,
	PAGE_SIZE,
	QUERY_MAX,
	activeFilters,
	directorySearchArgs,
	onPage,
	organisationSearchArgs,
	pageCount,
	parseOrganisationFilters,
	parsePeopleFilters,
	toQueryString,
	without,
} from './filters.ts';

const params = (query: string) => new URLSearchParams(query);

describe('parsePeopleFilters', () => {
	test('reads every filter it knows, normalising codes', () => {
		const { filters, ignored } = parsePeopleFilters(
			params(
				'q=Nguyen&country=vn&programme=titp_2&field=construction&jlpt=n3&stage=started&looking=jv_partner&language=VI&kind=returnee&verified=1&sort=name&page=3'
			)
		);
		expect(filters).toEqual({
			q: 'Nguyen',
			country: 'VN',
			programme: 'titp_2',
			field: 'construction',
			jlpt: 'n3',
			stage: 'started',
			looking: 'jv_partner',
			language: 'vi',
			kind: 'returnee',
			verified: true,
			sort: 'name',
			page: 3,
		});
		expect(ignored).toEqual([]);
	});

	test('defaults to relevance, page 1 and no filters', () => {
		expect(parsePeopleFilters(params(''))).toEqual({
			filters: { sort: 'relevance', page: 1 },
			ignored: [],
		});
	});

	test('drops unknown and malformed values and names them, keeping the rest', () => {
		const { filters, ignored } = parsePeopleFilters(
			params(
				'country=XX&programme=titp_9&field=%3Cscript%3E&jlpt=n6&stage=huge&looking=1&language=klingon&kind=admin&verified=maybe&sort=random&page=-1&field2=x'
			)
		);
		expect(filters).toEqual({ sort: 'relevance', page: 1 });
		expect(ignored.sort()).toEqual(
			[
				'country',
				'programme',
				'field',
				'jlpt',
				'stage',
				'looking',
				'language',
				'kind',
				'verified',
				'sort',
				'page',
			].sort()
		);
	});

	test('treats empty values as "any" without complaining', () => {
		expect(parsePeopleFilters(params('q=&country=&field=&page='))).toEqual({
			filters: { sort: 'relevance', page: 1 },
			ignored: [],
		});
	});

	test('refuses pages the database would not serve', () => {
		expect(parsePeopleFilters(params(`page=${MAX_PAGE.people}`)).filters.page).toBe(
			MAX_PAGE.people
		);
		expect(parseOrganisationFilters(params(`page=${MAX_PAGE.organisations}`)).filters.page).toBe(
			MAX_PAGE.organisations
		);
		for (const page of [`${MAX_PAGE.people + 1}`, '0', '1.5', '1e3', '99999999999', 'two']) {
			const { filters, ignored } = parsePeopleFilters(params(`page=${page}`));
			expect(filters.page, page).toBe(1);
			expect(ignored, page).toEqual(['page']);
		}
		const past = parseOrganisationFilters(params(`page=${MAX_PAGE.organisations + 1}`));
		expect(past.filters.page).toBe(1);
		expect(past.ignored).toEqual(['page']);
	});

	test('serves no page past the searches’ count of 1,000 (offset ≤ 1,000)', () => {
		const lastOffset = (page: number) => directorySearchArgs({ sort: 'relevance', page }).p_offset;
		expect(lastOffset(MAX_PAGE.people)).toBeLessThanOrEqual(1_000);
		expect(lastOffset(MAX_PAGE.people) + PAGE_SIZE).toBe(1_000);
		expect(
			organisationSearchArgs({ sort: 'relevance', page: MAX_PAGE.organisations }).p_offset +
				PAGE_SIZE
		).toBe(1_000);
	});

	test('pageCount offers enough pages for the total, up to the last one served', () => {
		expect(pageCount(0, MAX_PAGE.people)).toBe(0);
		expect(pageCount(1, MAX_PAGE.people)).toBe(1);
		expect(pageCount(PAGE_SIZE + 1, MAX_PAGE.people)).toBe(2);
		// A capped count says 1,000: its 50 pages are all there is to page through.
		expect(pageCount(1_000, MAX_PAGE.people)).toBe(50);
		expect(pageCount(1_000, MAX_PAGE.organisations)).toBe(50);
	});

	test('tidies the search text and cuts it to the longest the database reads', () => {
		expect(parsePeopleFilters(params('q=%20%20Tran%0A%09Van%00%20')).filters.q).toBe('Tran Van');
		const long = 'あ'.repeat(QUERY_MAX + 50);
		expect([...(parsePeopleFilters(params(`q=${long}`)).filters.q ?? '')]).toHaveLength(QUERY_MAX);
	});

	test('keeps HTML in the search text as text: the page escapes it', () => {
		expect(parsePeopleFilters(params('q=%3Cscript%3Ealert(1)%3C/script%3E')).filters.q).toBe(
			'<script>alert(1)</script>'
		);
	});

	test('takes the first of repeated parameters', () => {
		expect(parsePeopleFilters(params('country=VN&country=ID')).filters.country).toBe('VN');
	});
});

describe('parseOrganisationFilters', () => {
	test('reads its filters', () => {
		expect(
			parseOrganisationFilters(
				params(
					'q=Sato&kind=japanese_sme&sector=construction&country=jp&prefecture=23&verified=true'
				)
			)
		).toEqual({
			filters: {
				q: 'Sato',
				kind: 'japanese_sme',
				sector: 'construction',
				country: 'JP',
				prefecture: 23,
				verified: true,
				sort: 'relevance',
				page: 1,
			},
			ignored: [],
		});
	});

	test('drops bad values', () => {
		const { filters, ignored } = parseOrganisationFilters(
			params('kind=bank&sector=mining&prefecture=48&country=Japan')
		);
		expect(filters).toEqual({ sort: 'relevance', page: 1 });
		expect(ignored.sort()).toEqual(['country', 'kind', 'prefecture', 'sector']);
	});

	test('drops a prefecture together with a country outside Japan', () => {
		const { filters, ignored } = parseOrganisationFilters(params('country=VN&prefecture=13'));
		expect(filters).toEqual({ country: 'VN', sort: 'relevance', page: 1 });
		expect(ignored).toEqual(['prefecture']);
	});
});

describe('toQueryString, without and onPage', () => {
	const { filters } = parsePeopleFilters(params('field=construction&country=VN&verified=1&page=2'));

	test('leaves out defaults and sorts keys', () => {
		expect(toQueryString(filters)).toBe('?country=VN&field=construction&page=2&verified=1');
		expect(toQueryString({ sort: 'relevance', page: 1 })).toBe('');
	});

	test('removes one filter and goes back to page 1', () => {
		expect(toQueryString(without(filters, 'country'))).toBe('?field=construction&verified=1');
	});

	test('moves to another page, keeping the filters', () => {
		expect(toQueryString(onPage(filters, 3))).toBe(
			'?country=VN&field=construction&page=3&verified=1'
		);
	});

	test('round-trips through the parser', () => {
		const again = parsePeopleFilters(new URLSearchParams(toQueryString(filters).slice(1)));
		expect(again.filters).toEqual(filters);
	});
});

describe('activeFilters', () => {
	test('lists the filters, not the search text, order or page', () => {
		const { filters } = parsePeopleFilters(params('q=x&sort=name&page=2&jlpt=n2&verified=1'));
		expect(activeFilters(filters)).toEqual(['jlpt', 'verified']);
	});
});

describe('search arguments', () => {
	test('people: only the filters given, with the page as an offset', () => {
		const { filters } = parsePeopleFilters(params('q=An&jlpt=n3&verified=1&page=3'));
		expect(directorySearchArgs(filters)).toEqual({
			p_query: 'An',
			p_jlpt_min: 'n3',
			p_verified: true,
			p_sort: 'relevance',
			p_limit: 20,
			p_offset: 40,
		});
	});

	test('organisations: only the filters given', () => {
		const { filters } = parseOrganisationFilters(params('kind=ngo&country=KE'));
		expect(organisationSearchArgs(filters)).toEqual({
			p_kind: 'ngo',
			p_country: 'KE',
			p_sort: 'relevance',
			p_limit: 20,
			p_offset: 0,
		});
	});
});
