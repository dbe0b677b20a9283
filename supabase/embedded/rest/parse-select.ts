/**
 * The `select` grammar: columns, aliases, casts, JSON paths, aggregates and embedded resources.
 */
import { FAIL, field, fieldName, identifier, Input, runParser } from './parse-common.ts';
import type { AggregateFunction, SelectField, SelectItem, SelectRelation } from './types.ts';

/**
 * Parses a `select` value (e.g. `id,alias:name,posts!inner(title)`) into select items.
 * Throws PGRST100 `"failed to parse select parameter (…)" (line 1, column N)` on a syntax error.
 */
export function parseSelect(text: string): SelectItem[] {
	return runParser('select parameter', text, forest);
}

function forest(inp: Input): SelectItem[] {
	const items: SelectItem[] = [];
	const start = inp.pos;
	try {
		items.push(tree(inp));
	} catch (e) {
		// Like Parsec's sepBy: an empty list when the first item fails without consuming input.
		if (e === FAIL && inp.pos === start) return items;
		throw e;
	}
	for (;;) {
		const save = inp.pos;
		inp.ws();
		if (!inp.optional(',')) {
			inp.pos = save;
			return items;
		}
		inp.ws();
		items.push(tree(inp));
	}
}

function tree(inp: Input): SelectItem {
	const spread = inp.attempt(() => relationHeader(inp, true));
	if (spread !== null) return withChildren(inp, spread);
	const relation = inp.attempt(() => relationHeader(inp, false));
	if (relation !== null) return withChildren(inp, relation);
	return fieldSelect(inp);
}

function withChildren(inp: Input, rel: SelectRelation): SelectRelation {
	inp.string('(');
	rel.children = forest(inp);
	inp.string(')');
	inp.ws();
	return rel;
}

function aliasPrefix(inp: Input): string | null {
	return inp.attempt(() => {
		const alias = fieldName(inp);
		inp.string(':');
		if (inp.peek() === ':') inp.fail('alias separator');
		return alias;
	});
}

function relationHeader(inp: Input, spread: boolean): SelectRelation {
	inp.ws();
	let alias: string | null = null;
	if (spread) inp.string('...');
	else alias = aliasPrefix(inp);
	const relation = fieldName(inp);
	if (!spread && relation === 'count') inp.fail('relation');
	let hint: string | null = null;
	let joinType: SelectRelation['joinType'] = null;
	for (let i = 0; i < 2 && inp.peek() === '!'; i++) {
		inp.pos++;
		if (inp.text.startsWith('left', inp.pos)) {
			inp.pos += 4;
			joinType ??= 'left';
		} else if (inp.text.startsWith('inner', inp.pos)) {
			inp.pos += 5;
			joinType ??= 'inner';
		} else hint ??= fieldName(inp);
	}
	if (inp.peek() !== '(') inp.fail('"("');
	return { kind: 'relation', relation, alias, hint, joinType, spread, children: [] };
}

function fieldEnd(inp: Input): void {
	const c = inp.peek();
	if (c !== ')' && c !== ',' && c !== '') inp.fail('"::"', '"."', '")"', '","', 'end of input');
}

const AGGREGATES: readonly AggregateFunction[] = ['sum', 'avg', 'count', 'max', 'min'];

function cast(inp: Input): string | null {
	if (!inp.text.startsWith('::', inp.pos)) return null;
	inp.pos += 2;
	return identifier(inp);
}

function fieldSelect(inp: Input): SelectField {
	inp.ws();
	const star = inp.attempt((): SelectField => {
		inp.string('*');
		fieldEnd(inp);
		return plainField('*');
	});
	if (star !== null) return star;
	const count = inp.attempt((): SelectField => {
		const alias = aliasPrefix(inp);
		inp.string('count()');
		const aggregateCast = cast(inp);
		fieldEnd(inp);
		return { ...plainField('*'), alias, aggregate: 'count', aggregateCast };
	});
	if (count !== null) {
		inp.ws();
		return count;
	}
	const alias = aliasPrefix(inp);
	const f = field(inp);
	const fieldCast = cast(inp);
	const aggregate = inp.attempt((): AggregateFunction => {
		inp.string('.');
		const name = AGGREGATES.find((a) => inp.text.startsWith(`${a}()`, inp.pos));
		if (name === undefined) return inp.fail('aggregate');
		inp.pos += name.length + 2;
		return name;
	});
	const aggregateCast = cast(inp);
	fieldEnd(inp);
	inp.ws();
	return { kind: 'field', field: f, alias, cast: fieldCast, aggregate, aggregateCast };
}

function plainField(name: string): SelectField {
	return {
		kind: 'field',
		field: { name, jsonPath: [] },
		alias: null,
		cast: null,
		aggregate: null,
		aggregateCast: null,
	};
}
