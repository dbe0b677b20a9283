import { describe, expect, it } from 'vitest';
import { RestError } from './errors.ts';
import {
	parseFilterValue,
	parseLogicPath,
	parseLogicTree,
	parseTreePath,
	tryParseFilterValue,
} from './parse-filter.ts';
import { parseOrder } from './parse-order.ts';

function failure(fn: () => unknown): RestError {
	try {
		fn();
	} catch (e) {
		if (e instanceof RestError) return e;
		throw e;
	}
	throw new Error('expected a failure');
}

describe('parseFilterValue', () => {
	it('parses every operator postgrest-js emits', () => {
		for (const op of ['eq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch'])
			expect(parseFilterValue(`${op}.x`)).toEqual({
				negated: false,
				operation: { kind: 'quant', op, quantifier: null, value: 'x' },
			});
		for (const op of ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'])
			expect(parseFilterValue(`${op}.[1,2)`)).toEqual({
				negated: false,
				operation: { kind: 'simple', op, value: '[1,2)' },
			});
		expect(parseFilterValue('isdistinct.ONLINE').operation).toEqual({
			kind: 'isdistinct',
			value: 'ONLINE',
		});
		expect(parseFilterValue('like(any).{%a%,%b%}').operation).toEqual({
			kind: 'quant',
			op: 'like',
			quantifier: 'any',
			value: '{%a%,%b%}',
		});
		expect(parseFilterValue('eq(all).{1,2}').operation).toEqual({
			kind: 'quant',
			op: 'eq',
			quantifier: 'all',
			value: '{1,2}',
		});
	});

	it('takes top-level values literally, including dots, commas and quotes', () => {
		expect(parseFilterValue('eq."a,b"').operation).toEqual({
			kind: 'quant',
			op: 'eq',
			quantifier: null,
			value: '"a,b"',
		});
		expect(parseFilterValue('eq.1.5').operation).toEqual({
			kind: 'quant',
			op: 'eq',
			quantifier: null,
			value: '1.5',
		});
		expect(parseFilterValue('eq.').operation).toEqual({
			kind: 'quant',
			op: 'eq',
			quantifier: null,
			value: '',
		});
	});

	it('parses not, is and in', () => {
		expect(parseFilterValue('not.is.null')).toEqual({
			negated: true,
			operation: { kind: 'is', value: 'null' },
		});
		expect(parseFilterValue('is.NULL').operation).toEqual({ kind: 'is', value: 'null' });
		expect(parseFilterValue('is.not_null').operation).toEqual({ kind: 'is', value: 'not_null' });
		expect(parseFilterValue('is.true').operation).toEqual({ kind: 'is', value: 'true' });
		expect(parseFilterValue('in.(1,2,3)').operation).toEqual({
			kind: 'in',
			values: ['1', '2', '3'],
		});
		expect(parseFilterValue('in.("a,b",c, d )').operation).toEqual({
			kind: 'in',
			values: ['a,b', 'c', ' d '],
		});
		expect(parseFilterValue('in.("Han","Yoda")').operation).toEqual({
			kind: 'in',
			values: ['Han', 'Yoda'],
		});
		expect(parseFilterValue('in.("with \\"quote\\"")').operation).toEqual({
			kind: 'in',
			values: ['with "quote"'],
		});
		expect(parseFilterValue('in.()').operation).toEqual({ kind: 'in', values: [''] });
		expect(parseFilterValue('not.in.(1,2)')).toEqual({
			negated: true,
			operation: { kind: 'in', values: ['1', '2'] },
		});
	});

	it('parses full-text search with and without a configuration', () => {
		expect(parseFilterValue("fts(english).'fat' & 'cat'").operation).toEqual({
			kind: 'fts',
			op: 'fts',
			language: 'english',
			value: "'fat' & 'cat'",
		});
		for (const op of ['plfts', 'phfts', 'wfts'])
			expect(parseFilterValue(`${op}.cat`).operation).toEqual({
				kind: 'fts',
				op,
				language: null,
				value: 'cat',
			});
	});

	it('fails without an operator, like PostgREST', () => {
		const e = failure(() => parseFilterValue('val'));
		expect(e.code).toBe('PGRST100');
		expect(e.message).toBe('"failed to parse filter (val)" (line 1, column 1)');
		expect(e.details).toBe('unexpected "v" expecting "not" or operator (eq, gt, ...)');
		expect(failure(() => parseFilterValue('noop.0')).details).toBe(
			'unexpected "o" expecting "not" or operator (eq, gt, ...)'
		);
		expect(failure(() => parseFilterValue('is.maybe')).code).toBe('PGRST100');
	});

	it('returns null for operator-less values of RPC arguments', () => {
		expect(tryParseFilterValue('supabot')).toBeNull();
		expect(tryParseFilterValue('eq.supabot')).not.toBeNull();
	});
});

describe('parseTreePath', () => {
	it('splits embed paths from the field and its JSON path', () => {
		expect(parseTreePath('id')).toEqual({ path: [], field: { name: 'id', jsonPath: [] } });
		expect(parseTreePath('messages.channel_id')).toEqual({
			path: ['messages'],
			field: { name: 'channel_id', jsonPath: [] },
		});
		expect(parseTreePath('a.b.c')).toEqual({
			path: ['a', 'b'],
			field: { name: 'c', jsonPath: [] },
		});
		expect(parseTreePath('data->>blood_type').field.jsonPath).toEqual([
			{ arrow: '->>', operand: { kind: 'key', value: 'blood_type' } },
		]);
		expect(parseTreePath('"my.col"')).toEqual({
			path: [],
			field: { name: 'my.col', jsonPath: [] },
		});
	});
});

describe('logic trees', () => {
	it('parses or/and trees with nesting and negation', () => {
		expect(parseLogicTree('or', '(status.eq.OFFLINE,username.eq.supabot)')).toEqual({
			kind: 'logic',
			negated: false,
			op: 'or',
			children: [
				{
					kind: 'filter',
					filter: {
						field: { name: 'status', jsonPath: [] },
						expr: {
							negated: false,
							operation: { kind: 'quant', op: 'eq', quantifier: null, value: 'OFFLINE' },
						},
					},
				},
				{
					kind: 'filter',
					filter: {
						field: { name: 'username', jsonPath: [] },
						expr: {
							negated: false,
							operation: { kind: 'quant', op: 'eq', quantifier: null, value: 'supabot' },
						},
					},
				},
			],
		});
		const tree = parseLogicTree(
			'or',
			'(id.gt.3,and(id.eq.1,name.eq.Luke),not.and(a.is.null,b.not.eq.2))'
		);
		expect(tree.kind === 'logic' && tree.children.map((c) => c.kind)).toEqual([
			'filter',
			'logic',
			'logic',
		]);
		expect(parseLogicTree('not.and', '(a.eq.1,b.eq.2)')).toMatchObject({
			kind: 'logic',
			negated: true,
			op: 'and',
		});
	});

	it('parses quoted values, array literals and in lists inside trees', () => {
		const tree = parseLogicTree('or', '(r.ov."[1,2)",tags.cs.{a,b},id.in.(1,2),name.eq."a,b")');
		expect(
			tree.kind === 'logic' &&
				tree.children.map((c) => (c.kind === 'filter' ? c.filter.expr.operation : null))
		).toEqual([
			{ kind: 'simple', op: 'ov', value: '[1,2)' },
			{ kind: 'simple', op: 'cs', value: '{a,b}' },
			{ kind: 'in', values: ['1', '2'] },
			{ kind: 'quant', op: 'eq', quantifier: null, value: 'a,b' },
		]);
	});

	it('reports errors at the position PostgREST reports', () => {
		const e = failure(() => parseLogicTree('or', '()'));
		expect(e.message).toBe('"failed to parse logic tree (())" (line 1, column 4)');
	});

	it('splits logic keys into path and operator', () => {
		expect(parseLogicPath('or')).toEqual({ path: [], op: 'or' });
		expect(parseLogicPath('not.or')).toEqual({ path: [], op: 'not.or' });
		expect(parseLogicPath('messages.and')).toEqual({ path: ['messages'], op: 'and' });
		expect(parseLogicPath('a.b.not.or')).toEqual({ path: ['a', 'b'], op: 'not.or' });
	});
});

describe('parseOrder', () => {
	it('parses directions, nulls placement, JSON paths and related orders', () => {
		expect(parseOrder('id')).toEqual([
			{ relation: null, field: { name: 'id', jsonPath: [] }, direction: null, nulls: null },
		]);
		expect(parseOrder('a.asc,b.desc.nullsfirst,c.nullslast')).toEqual([
			{ relation: null, field: { name: 'a', jsonPath: [] }, direction: 'asc', nulls: null },
			{
				relation: null,
				field: { name: 'b', jsonPath: [] },
				direction: 'desc',
				nulls: 'nullsfirst',
			},
			{ relation: null, field: { name: 'c', jsonPath: [] }, direction: null, nulls: 'nullslast' },
		]);
		expect(parseOrder('clients(name).desc')).toEqual([
			{
				relation: 'clients',
				field: { name: 'name', jsonPath: [] },
				direction: 'desc',
				nulls: null,
			},
		]);
		expect(parseOrder('data->a.desc')[0]?.field.jsonPath).toEqual([
			{ arrow: '->', operand: { kind: 'key', value: 'a' } },
		]);
	});

	it('rejects unknown modifiers', () => {
		const e = failure(() => parseOrder('id.up'));
		expect(e.message).toBe('"failed to parse order (id.up)" (line 1, column 4)');
		expect(e.details).toBe('unexpected "u" expecting "asc", "desc", "nullsfirst" or "nullslast"');
	});
});
