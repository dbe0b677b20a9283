import { describe, expect, it } from 'vitest';
import { RestError } from './errors.ts';
import { parseSelect } from './parse-select.ts';
import type { SelectField, SelectItem, SelectRelation } from './types.ts';

function field(name: string, extra: Partial<SelectField> = {}): SelectField {
	return {
		kind: 'field',
		field: { name, jsonPath: [] },
		alias: null,
		cast: null,
		aggregate: null,
		aggregateCast: null,
		...extra,
	};
}

function relation(
	relationName: string,
	children: SelectItem[],
	extra: Partial<SelectRelation> = {}
): SelectRelation {
	return {
		kind: 'relation',
		relation: relationName,
		alias: null,
		hint: null,
		joinType: null,
		spread: false,
		children,
		...extra,
	};
}

function parseError(text: string): RestError {
	try {
		parseSelect(text);
	} catch (e) {
		if (e instanceof RestError) return e;
		throw e;
	}
	throw new Error(`expected ${text} to fail`);
}

describe('parseSelect', () => {
	it('parses columns, star, aliases and casts', () => {
		expect(parseSelect('*')).toEqual([field('*')]);
		expect(parseSelect('id,name')).toEqual([field('id'), field('name')]);
		expect(parseSelect('u:username')).toEqual([field('username', { alias: 'u' })]);
		expect(parseSelect('id::text')).toEqual([field('id', { cast: 'text' })]);
		expect(parseSelect('total:amount::numeric')).toEqual([
			field('amount', { alias: 'total', cast: 'numeric' }),
		]);
	});

	it('parses quoted names and names with spaces, dashes and dollars', () => {
		expect(parseSelect('"a,b":"weird.col"')).toEqual([field('weird.col', { alias: 'a,b' })]);
		expect(parseSelect('"esc\\"aped"')).toEqual([field('esc"aped')]);
		expect(parseSelect('first name,x-y,$z')).toEqual([
			field('first name'),
			field('x-y'),
			field('$z'),
		]);
		expect(parseSelect(' id , name ')).toEqual([field('id'), field('name')]);
	});

	it('parses JSON paths with keys and indexes', () => {
		expect(parseSelect('data->a->>b')).toEqual([
			{
				...field('data'),
				field: {
					name: 'data',
					jsonPath: [
						{ arrow: '->', operand: { kind: 'key', value: 'a' } },
						{ arrow: '->>', operand: { kind: 'key', value: 'b' } },
					],
				},
			},
		]);
		const [idx] = parseSelect('arr->0,x->-1') as SelectField[];
		expect(idx?.field.jsonPath).toEqual([{ arrow: '->', operand: { kind: 'idx', value: '+0' } }]);
		expect((parseSelect('x->-1')[0] as SelectField).field.jsonPath[0]?.operand).toEqual({
			kind: 'idx',
			value: '-1',
		});
		expect((parseSelect('data->blood-type')[0] as SelectField).field.jsonPath[0]?.operand).toEqual({
			kind: 'key',
			value: 'blood-type',
		});
	});

	it('parses aggregates and count()', () => {
		expect(parseSelect('count()')).toEqual([field('*', { aggregate: 'count' })]);
		expect(parseSelect('n:count()::int')).toEqual([
			field('*', { alias: 'n', aggregate: 'count', aggregateCast: 'int' }),
		]);
		expect(parseSelect('amount::numeric.sum()::int')).toEqual([
			field('amount', { cast: 'numeric', aggregate: 'sum', aggregateCast: 'int' }),
		]);
		expect(parseSelect('x.min(),x.max(),x.avg()').map((i) => (i as SelectField).aggregate)).toEqual(
			['min', 'max', 'avg']
		);
	});

	it('parses embedded resources with hints, join types, aliases and nesting', () => {
		expect(parseSelect('posts(title)')).toEqual([relation('posts', [field('title')])]);
		expect(parseSelect('author:users!inner(*)')).toEqual([
			relation('users', [field('*')], { alias: 'author', joinType: 'inner' }),
		]);
		expect(parseSelect('users!first_user(*)')).toEqual([
			relation('users', [field('*')], { hint: 'first_user' }),
		]);
		expect(parseSelect('users!fk!left(id)')).toEqual([
			relation('users', [field('id')], { hint: 'fk', joinType: 'left' }),
		]);
		expect(parseSelect('users!inner!fk(id)')).toEqual([
			relation('users', [field('id')], { hint: 'fk', joinType: 'inner' }),
		]);
		expect(parseSelect('a(b(c(*)))')).toEqual([
			relation('a', [relation('b', [relation('c', [field('*')])])]),
		]);
		expect(parseSelect('rel()')).toEqual([relation('rel', [])]);
		expect(parseSelect('id,...details(body)')).toEqual([
			field('id'),
			relation('details', [field('body')], { spread: true }),
		]);
	});

	it('treats an empty value as selecting nothing', () => {
		expect(parseSelect('')).toEqual([]);
	});

	it('reports the column of syntax errors like PostgREST', () => {
		const e = parseError('id,clients(name[])');
		expect(e.status).toBe(400);
		expect(e.code).toBe('PGRST100');
		expect(e.message).toBe(
			'"failed to parse select parameter (id,clients(name[]))" (line 1, column 16)'
		);
		expect(parseError('data->>-78xy').message).toBe(
			'"failed to parse select parameter (data->>-78xy)" (line 1, column 11)'
		);
		expect(parseError('users(id').message).toBe(
			'"failed to parse select parameter (users(id)" (line 1, column 9)'
		);
	});

	it('only ever takes identifier characters as a cast type', () => {
		expect(() => parseSelect('id::text;drop table x')).toThrow(RestError);
		// Like Parsec, text after a closing parenthesis at the top level is ignored, not interpreted.
		expect(parseSelect('id::text);drop table x')).toEqual([field('id', { cast: 'text' })]);
	});
});
