/**
 * The read plan: the tree of the resource and its embedded resources, with each node's relationship to its
 * parent, SQL aliases, resolved fields, filters, order and range. Built once per request from the parsed
 * query and the schema cache; turned into SQL by build-read.ts.
 */
import {
	aggregatesNotAllowed,
	notEmbedded,
	notImplemented,
	relatedOrderNotToOne,
} from './errors.ts';
import type { QueryParams } from './parse-request.ts';
import { findRelationship, isToOne, type Relationship } from './relationships.ts';
import { cacheKey, type SchemaCache, type Table } from './schema-cache.ts';
import { ident, qualified } from './sql.ts';
import type {
	AggregateFunction,
	Filter,
	JsonOp,
	LogicTree,
	OpExpr,
	OrderTerm,
	RowRange,
	SelectItem,
} from './types.ts';

/** A column reference as SQL will render it. */
export interface PlanColumn {
	name: string;
	jsonPath: JsonOp[];
	/** Apply `to_jsonb()` before the JSON path (the column is not json/jsonb). */
	toJson: boolean;
}

/** A selected field. */
export interface PlanField extends PlanColumn {
	alias: string | null;
	cast: string | null;
	aggregate: AggregateFunction | null;
	aggregateCast: string | null;
}

/** A filter leaf: a column condition, or `embed=is.null` / `embed=not.is.null` on an embedded resource. */
export type PlanFilter =
	| {
			kind: 'column';
			column: PlanColumn;
			expr: OpExpr;
			tsvectorLanguage: string | null | undefined;
	  }
	| { kind: 'null-embed'; negated: boolean; aggAlias: string };

/** A tree of filters combined with and/or. */
export type PlanLogic =
	| { kind: 'filter'; filter: PlanFilter }
	| { kind: 'logic'; negated: boolean; op: 'and' | 'or'; children: PlanLogic[] };

/** An order term; `relation` is the aggregate alias of a to-one embed for `rel(col)` terms. */
export interface PlanOrder {
	relation: string | null;
	column: PlanColumn;
	direction: OrderTerm['direction'];
	nulls: OrderTerm['nulls'];
}

/** One node of the read plan. */
export interface ReadPlan {
	/** SQL of the relation read (`"public"."users"`, or `pgrst_source` at the root of writes and calls). */
	fromSql: string;
	/** SQL alias of the relation, or null (root reads use the qualified name). */
	alias: string | null;
	/** Prefix that qualifies this node's columns in SQL. */
	ref: string;
	/** Junction table of a many-to-many embed, joined in the node's FROM. */
	junction: { fromSql: string; alias: string } | null;
	/** Schema-cache entry of the relation, when known (column types). */
	table: Table | null;
	select: PlanField[];
	where: PlanLogic[];
	order: PlanOrder[];
	range: RowRange;
	/** Name used in the request (`users`, `users!fk`'s `users`, or an FK column name). */
	relName: string;
	relAlias: string | null;
	hint: string | null;
	joinType: 'inner' | 'left' | null;
	spread: 'to-one' | 'to-many' | null;
	depth: number;
	rel: Relationship | null;
	/** Alias of the lateral subquery that embeds this node in its parent. */
	aggAlias: string;
	/** `child.col = parent.col` conditions, as SQL. */
	joinConditions: string[];
	children: ReadPlan[];
}

/** Where the root rows come from. */
export type PlanRoot =
	| { kind: 'table'; table: Table }
	/** The `pgrst_source` CTE of a write or call, aliased `name`; `table` gives column types when known. */
	| { kind: 'source'; name: string; table: Table | null };

/** Options that shape a plan. */
export interface PlanOptions {
	cache: SchemaCache;
	schema: string;
	root: PlanRoot;
	query: QueryParams;
	/** Writes take root filters/logic into the mutation itself and ignore ranges. */
	isMutation: boolean;
	/** `db-max-rows`: caps every node of reads and calls (null = no cap). */
	maxRows: number | null;
	aggregatesEnabled: boolean;
	/** Top-level range after Range-header negotiation. */
	topRange: RowRange;
}

interface RawNode {
	plan: ReadPlan;
	rawSelect: Extract<SelectItem, { kind: 'field' }>[];
	rawFilters: Filter[];
	rawLogic: LogicTree[];
	rawOrder: OrderTerm[] | null;
	spreadRequested: boolean;
	children: RawNode[];
}

function newNode(
	relName: string,
	depth: number,
	item: Extract<SelectItem, { kind: 'relation' }> | null
): RawNode {
	return {
		plan: {
			fromSql: '',
			alias: null,
			ref: '',
			junction: null,
			table: null,
			select: [],
			where: [],
			order: [],
			range: { offset: 0, limit: null },
			relName,
			relAlias: item?.alias ?? null,
			hint: item?.hint ?? null,
			joinType: item?.joinType ?? null,
			spread: null,
			depth,
			rel: null,
			aggAlias: '',
			joinConditions: [],
			children: [],
		},
		rawSelect: [],
		rawFilters: [],
		rawLogic: [],
		rawOrder: null,
		spreadRequested: item?.spread ?? false,
		children: [],
	};
}

function buildTree(node: RawNode, items: SelectItem[]): void {
	for (const item of items) {
		if (item.kind === 'field') node.rawSelect.push(item);
		else {
			const child = newNode(item.relation, node.plan.depth + 1, item);
			buildTree(child, item.children);
			node.children.push(child);
		}
	}
}

// PostgREST (≤ v15) also accepts the relation's name where an alias was given ("legacy target names").
function findChild(node: RawNode, name: string): RawNode {
	const byName =
		node.children.find((c) => (c.plan.relAlias ?? c.plan.relName) === name) ??
		node.children.find((c) => c.plan.relName === name || c.plan.relAlias === name);
	if (byName === undefined) throw notEmbedded(name);
	return byName;
}

function nodeAt(root: RawNode, path: string[]): RawNode {
	let node = root;
	for (const name of path) node = findChild(node, name);
	return node;
}

/**
 * Builds the read plan. Throws PGRST108 for filters/orders/limits on resources not embedded, PGRST200/201 for
 * relationships that do not resolve, PGRST118 for related orders on to-many embeds, PGRST123 for aggregates
 * when disabled.
 */
export function planRead(opts: PlanOptions): ReadPlan {
	const { root, query, isMutation } = opts;
	const rootName = root.kind === 'table' ? root.table.name : root.name;
	const top = newNode(rootName, 0, null);
	buildTree(top, query.select);

	for (const { path, filter } of query.filters) {
		if (isMutation && path.length === 0) continue;
		nodeAt(top, path).rawFilters.push(filter);
	}
	for (const { path, terms } of query.orders) {
		const node = nodeAt(top, path);
		node.rawOrder ??= terms;
	}
	if (!isMutation) {
		for (const { path, range } of query.ranges)
			if (path.length > 0) nodeAt(top, path).plan.range = range;
		top.plan.range = opts.topRange;
	}
	for (const { path, tree } of query.logic) {
		if (isMutation && path.length === 0) continue;
		nodeAt(top, path).rawLogic.push(tree);
	}

	const p = top.plan;
	if (root.kind === 'table') {
		p.fromSql = qualified(root.table.schema, root.table.name);
		p.ref = p.fromSql;
		p.table = root.table;
	} else {
		p.fromSql = 'pgrst_source';
		p.alias = root.name;
		p.ref = ident(root.name);
		p.table = root.table;
	}
	resolveChildren(opts, top);
	finish(opts, top);
	return p;
}

function resolveChildren(opts: PlanOptions, node: RawNode): void {
	const parent = node.plan;
	for (const child of node.children) {
		const c = child.plan;
		const origin =
			parent.rel === null ? (parent.alias ?? parent.relName) : parent.rel.foreignTable.name;
		const rel = findRelationship(opts.cache, opts.schema, origin, c.relName, c.hint);
		c.rel = rel;
		c.table =
			opts.cache.tables.get(cacheKey(rel.foreignTable.schema, rel.foreignTable.name)) ?? null;
		c.fromSql = qualified(rel.foreignTable.schema, rel.foreignTable.name);
		c.alias = `${rel.foreignTable.name}_${c.depth}`;
		c.ref = ident(c.alias);
		c.aggAlias = `${rel.table.name}_${c.relAlias ?? c.relName}_${c.depth}`;
		if (child.spreadRequested) c.spread = isToOne(rel) ? 'to-one' : 'to-many';
		if (rel.computed !== null) {
			// A computed relationship reads `fn(parent_row)`; the function does the joining.
			const parentRow = ident(parent.alias ?? rel.table.name);
			c.fromSql = `${qualified(rel.computed.function.schema, rel.computed.function.name)}(${parentRow}::${qualified(rel.table.schema, rel.table.name)})`;
		} else if (rel.junction !== null) {
			const j = rel.junction;
			const jAlias = `${j.table.name}_${c.depth}`;
			c.junction = { fromSql: qualified(j.table.schema, j.table.name), alias: jAlias };
			for (const [fc, jc] of j.targetColumns)
				c.joinConditions.push(`${ident(jAlias)}.${ident(jc)} = ${c.ref}.${ident(fc)}`);
			for (const [pc, jc] of j.sourceColumns)
				c.joinConditions.push(`${ident(jAlias)}.${ident(jc)} = ${parent.ref}.${ident(pc)}`);
		} else {
			for (const [pc, fc] of rel.columns)
				c.joinConditions.push(`${c.ref}.${ident(fc)} = ${parent.ref}.${ident(pc)}`);
		}
		resolveChildren(opts, child);
	}
}

function column(table: Table | null, name: string, jsonPath: JsonOp[]): PlanColumn {
	const col = table?.columns.get(name);
	const isJson = col !== undefined && (col.baseType === 'json' || col.baseType === 'jsonb');
	return { name, jsonPath, toJson: !isJson };
}

function resolveFilter(table: Table | null, f: Filter): PlanFilter {
	let tsvectorLanguage: string | null | undefined;
	if (f.expr.operation.kind === 'fts') {
		const col = table?.columns.get(f.field.name);
		if (col !== undefined && col.baseType !== 'tsvector' && f.field.jsonPath.length === 0)
			tsvectorLanguage = f.expr.operation.language;
	}
	return {
		kind: 'column',
		column: column(table, f.field.name, f.field.jsonPath),
		expr: f.expr,
		tsvectorLanguage,
	};
}

function resolveLogic(table: Table | null, t: LogicTree): PlanLogic {
	if (t.kind === 'filter') return { kind: 'filter', filter: resolveFilter(table, t.filter) };
	return {
		kind: 'logic',
		negated: t.negated,
		op: t.op,
		children: t.children.map((c) => resolveLogic(table, c)),
	};
}

/** Root filters and logic trees of a write, which go into the UPDATE/DELETE itself. */
export function resolveRootFilters(table: Table, query: QueryParams): PlanLogic[] {
	return [
		...query.filters
			.filter((f) => f.path.length === 0)
			.map((f): PlanLogic => ({ kind: 'filter', filter: resolveFilter(table, f.filter) })),
		...query.logic.filter((l) => l.path.length === 0).map((l) => resolveLogic(table, l.tree)),
	];
}

function lastJsonKey(name: string, path: JsonOp[]): string | null {
	if (path.length === 0) return null;
	const last = path[path.length - 1] as JsonOp;
	if (last.operand.kind === 'key') return last.operand.value;
	for (let i = path.length - 1; i >= 0; i--) {
		const op = (path[i] as JsonOp).operand;
		if (op.kind === 'key') return op.value;
	}
	return name;
}

// Replaces an `embed=is.null` filter on an embedded resource's name with a null check of its subquery.
function nullEmbed(node: RawNode, logic: PlanLogic): PlanLogic {
	if (logic.kind === 'logic')
		return { ...logic, children: logic.children.map((c) => nullEmbed(node, c)) };
	const f = logic.filter;
	if (f.kind !== 'column' || f.column.jsonPath.length > 0) return logic;
	const op = f.expr.operation;
	if (op.kind !== 'is' || op.value !== 'null') return logic;
	const child = node.children.find((c) => (c.plan.relAlias ?? c.plan.relName) === f.column.name);
	if (child === undefined) return logic;
	return {
		kind: 'filter',
		filter: { kind: 'null-embed', negated: f.expr.negated, aggAlias: child.plan.aggAlias },
	};
}

function restrict(range: RowRange, maxRows: number | null): RowRange {
	if (maxRows === null || range.limit === 0) return range;
	return {
		offset: range.offset,
		limit: range.limit === null ? maxRows : Math.min(range.limit, maxRows),
	};
}

function finish(opts: PlanOptions, node: RawNode): void {
	const p = node.plan;
	const table = p.table;
	const toManySpread = p.spread === 'to-many';
	for (const s of node.rawSelect) {
		if (s.aggregate !== null && !opts.aggregatesEnabled) throw aggregatesNotAllowed();
		if (s.aggregate !== null && p.spread !== null)
			throw notImplemented('Aggregates are not implemented for spread relationships.');
		const col = column(table, s.field.name, s.field.jsonPath);
		const alias = s.alias ?? lastJsonKey(s.field.name, s.field.jsonPath);
		if (
			s.field.name === '*' &&
			s.field.jsonPath.length === 0 &&
			s.aggregate === null &&
			toManySpread &&
			table !== null
		) {
			for (const c of table.columns.keys())
				p.select.push({
					name: c,
					jsonPath: [],
					toJson: false,
					alias: null,
					cast: null,
					aggregate: null,
					aggregateCast: null,
				});
			continue;
		}
		p.select.push({
			...col,
			alias,
			cast: s.cast,
			aggregate: s.aggregate,
			aggregateCast: s.aggregateCast,
		});
	}
	p.where = [
		...node.rawLogic.map((t) => resolveLogic(table, t)),
		...node.rawFilters.map((f): PlanLogic => ({ kind: 'filter', filter: resolveFilter(table, f) })),
	].map((l) => nullEmbed(node, l));
	for (const t of node.rawOrder ?? []) {
		if (t.relation === null) {
			p.order.push({
				relation: null,
				column: column(table, t.field.name, t.field.jsonPath),
				direction: t.direction,
				nulls: t.nulls,
			});
			continue;
		}
		const child = node.children.find((c) => (c.plan.relAlias ?? c.plan.relName) === t.relation);
		if (child === undefined) throw notEmbedded(t.relation);
		if (child.plan.rel === null || !isToOne(child.plan.rel))
			throw relatedOrderNotToOne(
				table?.name ?? p.relName,
				child.plan.relAlias ?? child.plan.relName
			);
		p.order.push({
			relation: child.plan.aggAlias,
			column: { name: t.field.name, jsonPath: t.field.jsonPath, toJson: false },
			direction: t.direction,
			nulls: t.nulls,
		});
	}
	if (!opts.isMutation) p.range = restrict(p.range, opts.maxRows);
	for (const child of node.children) {
		finish(opts, child);
		p.children.push(child.plan);
	}
}
