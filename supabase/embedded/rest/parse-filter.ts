/**
 * Filter grammar: `key=[not.]op.value` with every operator postgrest-js emits, `in.(…)` lists, and the
 * `or=(…)` / `and=(…)` logic trees.
 */
import {
	FAIL,
	field,
	fieldName,
	identifier,
	Input,
	jsonPath,
	quotedValue,
	runParser,
} from './parse-common.ts';
import type {
	Field,
	FtsOperator,
	LogicTree,
	OpExpr,
	Operation,
	QuantOperator,
	SimpleOperator,
} from './types.ts';

/** The embed path and field of a filter key such as `messages.channel_id` or `data->a->>b`. */
export interface TreePath {
	path: string[];
	field: Field;
}

/** Parses a filter (or order/limit) key into its embed path and final field. */
export function parseTreePath(key: string): TreePath {
	return runParser('tree path', key, (inp) => {
		const names = [fieldName(inp)];
		while (inp.peek() === '.') {
			inp.pos++;
			names.push(fieldName(inp));
		}
		const path = jsonPath(inp);
		const last = names.pop() as string;
		return { path: names, field: { name: last, jsonPath: path } };
	});
}

/** Parses a top-level filter value such as `not.in.(1,2)`; the value after the operator is taken literally. */
export function parseFilterValue(value: string): OpExpr {
	return runParser('filter', value, (inp) => opExpr(inp, restOfInput));
}

/**
 * Like parseFilterValue, but returns null instead of failing when the value has no operator
 * (on `GET /rpc/fn` such a key is a function argument).
 */
export function tryParseFilterValue(value: string): OpExpr | null {
	const inp = new Input(value);
	try {
		return opExpr(inp, restOfInput);
	} catch (e) {
		if (e === FAIL) return null;
		throw e;
	}
}

/** A logic-tree key (`or`, `not.and`, `messages.or`): its embed path and the operator, `not.`-prefixed if negated. */
export function parseLogicPath(key: string): { path: string[]; op: string } {
	return runParser('logic path', key, (inp) => {
		const names = [fieldName(inp)];
		while (inp.peek() === '.') {
			inp.pos++;
			names.push(fieldName(inp));
		}
		const op = names[names.length - 1] as string;
		const negated = names.includes('not');
		return { path: names.slice(0, -1).filter((n) => n !== 'not'), op: negated ? `not.${op}` : op };
	});
}

/** Parses `or=(a.eq.1,and(b.gt.2,c.is.null))`; `op` is the key's operator (`or`, `not.and`, …). */
export function parseLogicTree(op: string, value: string): LogicTree {
	// PostgREST parses the key's operator and the value as one text, so error columns count from the operator.
	const inp = new Input(op + value);
	try {
		return logicTree(inp);
	} catch (e) {
		if (e === FAIL) throw inp.toError('logic tree', value);
		throw e;
	}
}

function restOfInput(inp: Input): string {
	const v = inp.text.slice(inp.pos);
	inp.pos = inp.text.length;
	return v;
}

const SIMPLE_OPERATORS: readonly SimpleOperator[] = [
	'neq',
	'cs',
	'cd',
	'ov',
	'sl',
	'sr',
	'nxr',
	'nxl',
	'adj',
];
// Order matters: longer operators first where one is a prefix of another (gte before gt).
const QUANT_OPERATORS: readonly QuantOperator[] = [
	'eq',
	'gte',
	'gt',
	'lte',
	'lt',
	'like',
	'ilike',
	'match',
	'imatch',
];
const FTS_OPERATORS: readonly FtsOperator[] = ['fts', 'plfts', 'phfts', 'wfts'];
const IS_VALUES = ['null', 'not_null', 'true', 'false', 'unknown'] as const;

function opExpr(inp: Input, value: (inp: Input) => string): OpExpr {
	const negated = inp.attempt(() => {
		inp.string('not');
		inp.string('.');
		return true;
	});
	return { negated: negated ?? false, operation: operation(inp, value) };
}

function operation(inp: Input, value: (inp: Input) => string): Operation {
	const t = inp.text;
	if (t.startsWith('in.', inp.pos)) {
		inp.pos += 3;
		return { kind: 'in', values: listValue(inp) };
	}
	if (t.startsWith('is.', inp.pos)) {
		inp.pos += 3;
		const lower = t.slice(inp.pos).toLowerCase();
		const found = IS_VALUES.find(
			(v) => lower.startsWith(v) && isCaseVariant(t.slice(inp.pos, inp.pos + v.length), v)
		);
		if (found === undefined) return inp.fail('isVal: (null, not_null, true, false, unknown)');
		inp.pos += found.length;
		return { kind: 'is', value: found };
	}
	if (t.startsWith('isdistinct.', inp.pos)) {
		inp.pos += 11;
		return { kind: 'isdistinct', value: value(inp) };
	}
	const fts = inp.attempt((): Operation => {
		const op = FTS_OPERATORS.find((o) => t.startsWith(o, inp.pos));
		if (op === undefined) return inp.fail('operator (eq, gt, ...)');
		inp.pos += op.length;
		const language = inp.attempt(() => {
			inp.string('(');
			const lang = identifier(inp);
			inp.string(')');
			return lang;
		});
		inp.string('.');
		return { kind: 'fts', op, language, value: value(inp) };
	});
	if (fts !== null) return fts;
	const simple = inp.attempt((): Operation => {
		const op = SIMPLE_OPERATORS.find((o) => t.startsWith(o, inp.pos));
		if (op === undefined) return inp.fail('operator (eq, gt, ...)');
		inp.pos += op.length;
		inp.string('.');
		return { kind: 'simple', op, value: value(inp) };
	});
	if (simple !== null) return simple;
	const quant = inp.attempt((): Operation => {
		const op = QUANT_OPERATORS.find((o) => t.startsWith(o, inp.pos));
		if (op === undefined) return inp.fail('operator (eq, gt, ...)');
		inp.pos += op.length;
		let quantifier: 'any' | 'all' | null = null;
		if (t.startsWith('(any)', inp.pos)) quantifier = 'any';
		else if (t.startsWith('(all)', inp.pos)) quantifier = 'all';
		if (quantifier !== null) inp.pos += 5;
		inp.string('.');
		return { kind: 'quant', op, quantifier, value: value(inp) };
	});
	if (quant !== null) return quant;
	return inp.fail('"not"', 'operator (eq, gt, ...)');
}

// Parsec's ciString accepts each character in its given case or upper case only.
function isCaseVariant(actual: string, lower: string): boolean {
	for (let i = 0; i < lower.length; i++) {
		const a = actual[i];
		const l = lower[i] as string;
		if (a !== l && a !== l.toUpperCase()) return false;
	}
	return true;
}

/** `(a,"b,c",d)`: quoted elements unescape backslashes; raw elements run to the next `,` or `)`. */
function listValue(inp: Input): string[] {
	inp.ws();
	inp.string('(');
	inp.ws();
	const values = [listElement(inp)];
	while (inp.peek() === ',') {
		inp.pos++;
		values.push(listElement(inp));
	}
	inp.ws();
	inp.string(')');
	inp.ws();
	return values;
}

function listElement(inp: Input): string {
	const quoted = inp.attempt(() => {
		const v = quotedValue(inp);
		const c = inp.peek();
		if (c !== ',' && c !== ')' && c !== '') inp.fail('","', '")"');
		return v;
	});
	if (quoted !== null) return quoted;
	return rawUntilDelimiter(inp);
}

function rawUntilDelimiter(inp: Input): string {
	const start = inp.pos;
	while (!inp.eof && inp.peek() !== ',' && inp.peek() !== ')') inp.pos++;
	return inp.text.slice(start, inp.pos);
}

/** A value inside a logic tree: quoted, a `{…}` array literal, or raw up to `,` / `)`. */
function logicValue(inp: Input): string {
	const quoted = inp.attempt(() => {
		const v = quotedValue(inp);
		const c = inp.peek();
		if (c !== ',' && c !== ')' && c !== '') inp.fail('","', '")"');
		return v;
	});
	if (quoted !== null) return quoted;
	const array = inp.attempt(() => {
		inp.string('{');
		const start = inp.pos;
		while (!inp.eof && inp.peek() !== '{' && inp.peek() !== '}') inp.pos++;
		const body = inp.text.slice(start, inp.pos);
		inp.string('}');
		return `{${body}}`;
	});
	if (array !== null) return array;
	return rawUntilDelimiter(inp);
}

function logicTree(inp: Input): LogicTree {
	const leaf = inp.attempt((): LogicTree => {
		const f = field(inp);
		inp.string('.');
		return { kind: 'filter', filter: { field: f, expr: opExpr(inp, logicValue) } };
	});
	if (leaf !== null) return leaf;
	const negated =
		inp.attempt(() => {
			inp.string('not');
			inp.string('.');
			return true;
		}) ?? false;
	let op: 'and' | 'or';
	if (inp.optional('and')) op = 'and';
	else if (inp.optional('or')) op = 'or';
	else return inp.fail('logic operator (and, or)');
	inp.ws();
	inp.string('(');
	inp.ws();
	const children = [logicTree(inp)];
	for (;;) {
		inp.ws();
		if (!inp.optional(',')) break;
		inp.ws();
		children.push(logicTree(inp));
	}
	inp.ws();
	inp.string(')');
	inp.ws();
	return { kind: 'logic', negated, op, children };
}
