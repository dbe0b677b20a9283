import { describe, expect, it } from 'vitest';
import { RestError } from './errors.ts';
import { negotiate } from './media-type.ts';
import { decodeQueryString, parseQueryParams, topLevelRange } from './parse-request.ts';
import { parsePreferences, preferenceApplied } from './preferences.ts';

function parse(search: string, isRpcRead = false) {
	return parseQueryParams(decodeQueryString(search), isRpcRead);
}

describe('decodeQueryString', () => {
	it('decodes + as space and percent escapes, as URLSearchParams encodes them', () => {
		expect(decodeQueryString('?select=id%2Cname&name=ilike.%25jo+hn%25&x')).toEqual([
			['select', 'id,name'],
			['name', 'ilike.%jo hn%'],
			['x', ''],
		]);
	});
});

describe('parseQueryParams', () => {
	it('separates select, filters, orders, ranges, logic, columns and on_conflict', () => {
		const qp = parse(
			'select=id,messages(id)&id=gt.1&messages.channel_id=eq.2&order=id.desc&messages.order=id&limit=10&offset=5' +
				'&messages.limit=1&or=(a.eq.1,b.eq.2)&messages.or=(c.eq.3)&columns="a","b"&on_conflict=slug'
		);
		expect(qp.select).toHaveLength(2);
		expect(qp.filters.map((f) => [f.path, f.filter.field.name])).toEqual([
			[[], 'id'],
			[['messages'], 'channel_id'],
		]);
		expect(qp.orders.map((o) => o.path)).toEqual([[], ['messages']]);
		expect(qp.ranges).toEqual([
			{ path: [], range: { offset: 5, limit: 10 } },
			{ path: ['messages'], range: { offset: 0, limit: 1 } },
		]);
		expect(qp.logic.map((l) => l.path)).toEqual([[], ['messages']]);
		expect(qp.columns).toEqual(['a', 'b']);
		expect(qp.onConflict).toEqual(['slug']);
	});

	it('defaults select to * and ignores empty filter values', () => {
		const qp = parse('id=');
		expect(qp.select).toEqual([
			{
				kind: 'field',
				field: { name: '*', jsonPath: [] },
				alias: null,
				cast: null,
				aggregate: null,
				aggregateCast: null,
			},
		]);
		expect(qp.filters).toEqual([]);
	});

	it('turns operator-less keys into RPC arguments only for RPC reads', () => {
		const qp = parse('name_param=supabot&id=eq.1', true);
		expect(qp.rpcArgs).toEqual([['name_param', 'supabot']]);
		expect(qp.filters).toHaveLength(1);
		expect(() => parse('name_param=supabot')).toThrow(RestError);
	});
});

describe('topLevelRange', () => {
	it('intersects limit/offset with a Range header', () => {
		expect(topLevelRange(parse('limit=10&offset=5'), null)).toEqual({ offset: 5, limit: 10 });
		expect(topLevelRange(parse(''), '0-4')).toEqual({ offset: 0, limit: 5 });
		expect(topLevelRange(parse('limit=2'), '1-')).toEqual({ offset: 1, limit: 1 });
		expect(topLevelRange(parse('limit=0'), null)).toEqual({ offset: 0, limit: 0 });
	});

	it('rejects a negative limit and an inverted Range with 416 PGRST103', () => {
		expect(() => topLevelRange(parse('limit=-1'), null)).toThrow(
			expect.objectContaining({
				status: 416,
				code: 'PGRST103',
				details: 'Limit should be greater than or equal to zero.',
			})
		);
		expect(() => topLevelRange(parse(''), '5-1')).toThrow(
			expect.objectContaining({
				details:
					'The lower boundary must be lower than or equal to the upper boundary in the Range header.',
			})
		);
	});
});

describe('preferences', () => {
	it('takes the first token of each kind and collects unknown ones', () => {
		const p = parsePreferences(
			'return=representation, count=exact,return=minimal, resolution=merge-duplicates, foo=bar',
			false
		);
		expect(p).toMatchObject({
			return: 'representation',
			count: 'exact',
			resolution: 'merge-duplicates',
			invalid: ['foo=bar'],
		});
	});

	it('ignores tx= unless overriding is allowed', () => {
		expect(parsePreferences('tx=rollback', false).tx).toBeNull();
		expect(parsePreferences('tx=rollback', true).tx).toBe('rollback');
		expect(parsePreferences('tx=rollback', false).invalid).toEqual([]);
	});

	it('renders Preference-Applied in PostgREST order', () => {
		expect(
			preferenceApplied({
				count: 'exact',
				return: 'representation',
				resolution: 'ignore-duplicates',
				missing: 'default',
			})
		).toBe('resolution=ignore-duplicates, missing=default, return=representation, count=exact');
		expect(preferenceApplied({ handling: 'lenient', maxAffected: 5 })).toBe('handling=lenient');
		expect(preferenceApplied({ handling: 'strict', maxAffected: 5 })).toBe(
			'handling=strict, max-affected=5'
		);
		expect(preferenceApplied({})).toBeNull();
	});
});

describe('negotiate', () => {
	it('maps Accept headers to representations', () => {
		expect(negotiate(null)).toEqual({ kind: 'json' });
		expect(negotiate('*/*')).toEqual({ kind: 'json' });
		expect(negotiate('application/vnd.pgrst.object+json')).toEqual({
			kind: 'singular',
			stripNulls: false,
		});
		expect(negotiate('application/vnd.pgrst.object+json;nulls=stripped')).toEqual({
			kind: 'singular',
			stripNulls: true,
		});
		expect(negotiate('application/vnd.pgrst.array+json;nulls=stripped')).toEqual({
			kind: 'array-stripped',
		});
		expect(negotiate('text/csv')).toEqual({ kind: 'csv' });
		expect(negotiate('text/plain, application/json;q=0.5')).toEqual({ kind: 'json' });
	});

	it('answers 406 PGRST107 for media types it cannot produce', () => {
		expect(() => negotiate('text/plain')).toThrow(
			expect.objectContaining({
				status: 406,
				code: 'PGRST107',
				message: 'None of these media types are available: text/plain',
			})
		);
		expect(() =>
			negotiate('application/vnd.pgrst.plan+json; for="application/json"; options=;')
		).toThrow(expect.objectContaining({ code: 'PGRST107' }));
	});
});
