/**
 * The parsed form of a PostgREST request's query string: select trees, filters, logic trees and orders.
 */

/** One `->key` / `->>0` step of a JSON path. */
export interface JsonOp {
	arrow: '->' | '->>';
	operand: { kind: 'key'; value: string } | { kind: 'idx'; value: string };
}

/** A column (or computed field) with an optional JSON path. */
export interface Field {
	name: string;
	jsonPath: JsonOp[];
}

/** Aggregates PostgREST knows (`col.sum()`, `count()`). */
export type AggregateFunction = 'sum' | 'avg' | 'count' | 'max' | 'min';

/** A plain selected field: `alias:col->path::cast.agg()::cast`. `count()` is field `*` with aggregate `count`. */
export interface SelectField {
	kind: 'field';
	field: Field;
	alias: string | null;
	cast: string | null;
	aggregate: AggregateFunction | null;
	aggregateCast: string | null;
}

/** An embedded resource: `alias:rel!hint!inner(children)` or a spread `...rel(children)`. */
export interface SelectRelation {
	kind: 'relation';
	relation: string;
	alias: string | null;
	hint: string | null;
	joinType: 'inner' | 'left' | null;
	spread: boolean;
	children: SelectItem[];
}

/** One item of the `select` parameter. */
export type SelectItem = SelectField | SelectRelation;

/** Operators taking one value as-is. */
export type SimpleOperator = 'neq' | 'cs' | 'cd' | 'ov' | 'sl' | 'sr' | 'nxr' | 'nxl' | 'adj';

/** Operators that accept the `(any)` / `(all)` quantifiers. */
export type QuantOperator =
	'eq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'ilike' | 'match' | 'imatch';

/** Full-text search operators. */
export type FtsOperator = 'fts' | 'plfts' | 'phfts' | 'wfts';

/** The operation part of a filter value. */
export type Operation =
	| { kind: 'simple'; op: SimpleOperator; value: string }
	| { kind: 'quant'; op: QuantOperator; quantifier: 'any' | 'all' | null; value: string }
	| { kind: 'in'; values: string[] }
	| { kind: 'is'; value: 'null' | 'not_null' | 'true' | 'false' | 'unknown' }
	| { kind: 'isdistinct'; value: string }
	| { kind: 'fts'; op: FtsOperator; language: string | null; value: string };

/** `[not.]operation`. */
export interface OpExpr {
	negated: boolean;
	operation: Operation;
}

/** `field=opexpr`. */
export interface Filter {
	field: Field;
	expr: OpExpr;
}

/** A filter, or `[not.]and(...)` / `[not.]or(...)` of trees. */
export type LogicTree =
	| { kind: 'filter'; filter: Filter }
	| { kind: 'logic'; negated: boolean; op: 'and' | 'or'; children: LogicTree[] };

/** One term of `order=`; `relation` is set for `rel(col)` terms. */
export interface OrderTerm {
	relation: string | null;
	field: Field;
	direction: 'asc' | 'desc' | null;
	nulls: 'nullsfirst' | 'nullslast' | null;
}

/** A slice of rows: `offset` and an optional `limit` (null = all). */
export interface RowRange {
	offset: number;
	limit: number | null;
}
