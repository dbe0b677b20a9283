import { describe, expect, test } from 'vitest';
import {
	parseTeaserFilters,
	teaserArgs,
	teaserPages,
	teaserQuery,
	withoutFilter,
} from './filters.ts';

const parse = (query: string) => parseTeaserFilters(new URLSearchParams(query));

describe('the browse filters', () => {
	test('read the query string, and say which values were not understood', () => {
		expect(
			parse('sector=construction&type=supplier&country=vn&side=sme&page=2&q=%20precast%20')
		).toEqual({
			filters: {
				sector: 'construction',
				type: 'supplier',
				country: 'VN',
				side: 'sme',
				page: 2,
				q: 'precast',
			},
			ignored: [],
		});
		expect(parse('sector=mining&type=&country=Narnia&side=%3Cscript%3E&page=-3')).toEqual({
			filters: { page: 1 },
			ignored: ['sector', 'country', 'side', 'page'],
		});
		expect(parse('page=51').ignored).toEqual(['page']);
	});

	test('write the query string back, leaving out page 1, and remove one filter', () => {
		const { filters } = parse('country=VN&sector=construction&page=3');
		expect(teaserQuery(filters)).toBe('?country=VN&page=3&sector=construction');
		expect(teaserQuery(withoutFilter(filters, 'sector'))).toBe('?country=VN');
		expect(teaserQuery({ page: 1 })).toBe('');
	});

	test('become the arguments of venture_teasers()', () => {
		expect(teaserArgs(parse('side=returnee&page=3').filters)).toEqual({
			p_side: 'returnee',
			p_limit: 20,
			p_offset: 40,
		});
		expect(teaserPages(0)).toBe(0);
		expect(teaserPages(41)).toBe(3);
		expect(teaserPages(100_000)).toBe(50);
	});
});
