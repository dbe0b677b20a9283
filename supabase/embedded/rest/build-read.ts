/**
 * SQL for reads: a read plan becomes one SELECT whose embedded resources are correlated LATERAL subqueries
 * (`row_to_json` for to-one, `json_agg` for to-many), wrapped in the statement that aggregates the rows to
 * JSON text in the database and reports page size, optional total count and response GUCs.
 */
import type { Representation } from './media-type.ts';
import type {
	PlanColumn,
	PlanField,
	PlanFilter,
	PlanLogic,
	PlanOrder,
	ReadPlan,
} from './plan-read.ts';
import { arrayLiteral, ident, type Params } from './sql.ts';

const SIMPLE_SQL = {
	neq: '<>',
	cs: '@>',
	cd: '<@',
	ov: '&&',
	sl: '<<',
	sr: '>>',
	nxr: '&<',
	nxl: '&>',
	adj: '-|-',
};
const QUANT_SQL = {
	eq: '=',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	like: 'like',
	ilike: 'ilike',
	match: '~',
	imatch: '~*',
};
const FTS_SQL = {
	fts: 'to_tsquery',
	plfts: 'plainto_tsquery',
	phfts: 'phraseto_tsquery',
	wfts: 'websearch_to_tsquery',
};
const IS_SQL = {
	null: 'NULL',
	not_null: 'NOT NULL',
	true: 'TRUE',
	false: 'FALSE',
	unknown: 'UNKNOWN',
};

/** `ref."col"`, `ref.*`, or `[to_jsonb(]ref."col"[)]->$1->>$2::int`; JSON path keys are parameters. */
export function renderColumn(ref: string, c: PlanColumn, params: Params): string {
	if (c.name === '*' && c.jsonPath.length === 0) return `${ref}.*`;
	const base = `${ref}.${ident(c.name)}`;
	if (c.jsonPath.length === 0) return base;
	let out = c.toJson ? `to_jsonb(${base})` : base;
	for (const step of c.jsonPath) {
		out += step.arrow;
		out +=
			step.operand.kind === 'key'
				? params.add(step.operand.value)
				: `${params.add(step.operand.value)}::int`;
	}
	return out;
}

function renderField(ref: string, f: PlanField, params: Params): string {
	let sql = renderColumn(ref, f, params);
	if (f.cast !== null) sql = `CAST( ${sql} AS ${f.cast} )`;
	if (f.aggregate !== null) {
		sql = `${f.aggregate.toUpperCase()}(${sql})`;
		if (f.aggregateCast !== null) sql = `CAST( ${sql} AS ${f.aggregateCast} )`;
	}
	return f.alias === null ? sql : `${sql} AS ${ident(f.alias)}`;
}

/** One filter leaf as SQL; every value is a bind parameter of unknown type so PostgreSQL infers it. */
export function renderFilter(ref: string, f: PlanFilter, params: Params): string {
	if (f.kind === 'null-embed')
		return `${ident(f.aggAlias)} IS ${f.negated ? '' : 'NOT '}DISTINCT FROM NULL`;
	const not = f.expr.negated ? 'NOT ' : '';
	const op = f.expr.operation;
	let lhs = renderColumn(ref, f.column, params);
	switch (op.kind) {
		case 'simple':
			return `${not}${lhs} ${SIMPLE_SQL[op.op]} ${params.add(op.value)}`;
		case 'quant': {
			const value =
				op.op === 'like' || op.op === 'ilike' ? op.value.replaceAll('*', '%') : op.value;
			const p = params.add(value);
			const rhs = op.quantifier === null ? p : `${op.quantifier.toUpperCase()}(${p})`;
			return `${not}${lhs} ${QUANT_SQL[op.op]} ${rhs}`;
		}
		case 'is':
			return `${not}${lhs} IS ${IS_SQL[op.value]}`;
		case 'isdistinct':
			return `${not}${lhs} IS DISTINCT FROM ${params.add(op.value)}`;
		case 'in':
			if (op.values.length === 1 && op.values[0] === '') return `${not}${lhs} = ANY('{}')`;
			return `${not}${lhs} = ANY (${params.add(arrayLiteral(op.values))})`;
		case 'fts': {
			const lang = op.language === null ? '' : `${params.add(op.language)}, `;
			if (f.tsvectorLanguage !== undefined) lhs = `to_tsvector(${lang}${lhs})`;
			return `${not}${lhs} @@ ${FTS_SQL[op.op]}(${lang}${params.add(op.value)})`;
		}
	}
}

/** A logic tree as SQL. `nullEmbed` renders null-embed leaves (they differ between data and count queries). */
function renderLogic(
	ref: string,
	l: PlanLogic,
	params: Params,
	nullEmbed: (f: Extract<PlanFilter, { kind: 'null-embed' }>) => string
): string {
	if (l.kind === 'filter')
		return l.filter.kind === 'null-embed'
			? nullEmbed(l.filter)
			: renderFilter(ref, l.filter, params);
	const parts = l.children.map((c) => renderLogic(ref, c, params, nullEmbed));
	return `${l.negated ? 'NOT ' : ''}(${parts.join(l.op === 'and' ? ' AND ' : ' OR ')})`;
}

function renderOrder(ref: string, o: PlanOrder, params: Params): string {
	const target =
		o.relation === null
			? renderColumn(ref, o.column, params)
			: renderColumn(ident(o.relation), o.column, params);
	const dir = o.direction === null ? '' : ` ${o.direction.toUpperCase()}`;
	const nulls = o.nulls === null ? '' : o.nulls === 'nullsfirst' ? ' NULLS FIRST' : ' NULLS LAST';
	return `${target}${dir}${nulls}`;
}

function fromClause(node: ReadPlan): string {
	let sql = ` FROM ${node.fromSql}`;
	if (node.alias !== null) sql += ` AS ${ident(node.alias)}`;
	if (node.junction !== null) sql += `, ${node.junction.fromSql} AS ${ident(node.junction.alias)}`;
	return sql;
}

/** True when neither this embed nor any embed below it selects anything (`rel()`): it only filters. */
function isEmptyEmbed(node: ReadPlan): boolean {
	return node.select.length === 0 && node.children.every(isEmptyEmbed);
}

/** Output names a spread lifts into its parent. */
function spreadNames(node: ReadPlan): string[] {
	const names = node.select.map((f) => f.alias ?? f.name);
	for (const c of node.children) {
		if (c.spread !== null) names.push(...spreadNames(c));
		else if (!isEmptyEmbed(c)) names.push(c.relAlias ?? c.relName);
	}
	return names;
}

function joinSelects(node: ReadPlan): string[] {
	const out: string[] = [];
	for (const c of node.children) {
		const agg = ident(c.aggAlias);
		if (c.spread !== null) {
			for (const name of spreadNames(c))
				out.push(name === '*' ? `${agg}.*` : `${agg}.${ident(name)}`);
		} else if (isEmptyEmbed(c)) {
			continue;
		} else if (c.rel !== null && (c.rel.cardinality === 'm2o' || c.rel.cardinality === 'o2o')) {
			out.push(`row_to_json(${agg}.*)::jsonb AS ${ident(c.relAlias ?? c.relName)}`);
		} else {
			out.push(`COALESCE( ${agg}.${agg}, '[]') AS ${ident(c.relAlias ?? c.relName)}`);
		}
	}
	return out;
}

// Ordering a to-many spread happens inside json_agg, so the order terms are selected under private aliases.
function spreadOrderAlias(node: ReadPlan, o: PlanOrder, i: number): string {
	return `${node.aggAlias}_${o.column.name}_${i + 1}`;
}

function joinClause(c: ReadPlan, params: Params): string {
	const agg = ident(c.aggAlias);
	const kind = c.joinType === 'inner' ? 'INNER' : 'LEFT';
	const toOne = c.rel !== null && (c.rel.cardinality === 'm2o' || c.rel.cardinality === 'o2o');
	const sub = selectQuery(c, params);
	if (toOne) return ` ${kind} JOIN LATERAL ( ${sub} ) AS ${agg} ON TRUE`;
	const cond = c.joinType === 'inner' ? `${agg} IS NOT NULL` : 'TRUE';
	let aggSelect = `SELECT json_agg(${agg})::jsonb AS ${agg}`;
	if (c.spread === 'to-many') {
		const order = c.order.map((o, i) => {
			const dir = o.direction === null ? '' : ` ${o.direction.toUpperCase()}`;
			const nulls =
				o.nulls === null ? '' : o.nulls === 'nullsfirst' ? ' NULLS FIRST' : ' NULLS LAST';
			return `${agg}.${ident(spreadOrderAlias(c, o, i))}${dir}${nulls}`;
		});
		const orderSql = order.length === 0 ? '' : ` ORDER BY ${order.join(', ')}`;
		for (const name of spreadNames(c))
			aggSelect += `, COALESCE(json_agg(${agg}.${ident(name)}${orderSql}),'[]')::jsonb AS ${ident(name)}`;
	}
	return ` ${kind} JOIN LATERAL ( ${aggSelect} FROM (${sub} ) AS ${agg} ) AS ${agg} ON ${cond}`;
}

function rangeClause(node: ReadPlan, params: Params): string {
	const { offset, limit } = node.range;
	if (offset === 0 && limit === null) return '';
	return ` LIMIT ${limit === null ? 'ALL' : params.add(String(limit))} OFFSET ${params.add(String(offset))}`;
}

function groupClause(node: ReadPlan, params: Params): string {
	if (!node.select.some((f) => f.aggregate !== null)) return '';
	const terms: string[] = [];
	for (const f of node.select) {
		if (f.aggregate !== null) continue;
		terms.push(f.alias !== null ? ident(f.alias) : renderColumn(node.ref, f, params));
	}
	for (const c of node.children) {
		if (c.spread !== null)
			for (const n of spreadNames(c)) terms.push(`${ident(c.aggAlias)}.${ident(n)}`);
		else terms.push(ident(c.relAlias ?? c.relName));
	}
	return terms.length === 0 ? '' : ` GROUP BY ${terms.join(', ')}`;
}

/** The SELECT for one plan node (and, recursively, its embeds). */
export function selectQuery(node: ReadPlan, params: Params): string {
	const selects = node.select.map((f) => renderField(node.ref, f, params));
	if (node.spread === 'to-many')
		node.order.forEach((o, i) =>
			selects.push(
				`${renderOrder(node.ref, { ...o, direction: null, nulls: null }, params)} AS ${ident(spreadOrderAlias(node, o, i))}`
			)
		);
	const joins = node.children.map((c) => joinClause(c, params)).join('');
	selects.push(...joinSelects(node));
	if (selects.length === 0 && node.children.length === 0) selects.push(`${node.ref}.*`);
	const conditions = node.where.map((l) =>
		renderLogic(
			node.ref,
			l,
			params,
			(f) => `${ident(f.aggAlias)} IS ${f.negated ? '' : 'NOT '}DISTINCT FROM NULL`
		)
	);
	conditions.push(...node.joinConditions);
	const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
	const order =
		node.order.length === 0 || node.spread === 'to-many'
			? ''
			: ` ORDER BY ${node.order.map((o) => renderOrder(node.ref, o, params)).join(', ')}`;
	return `SELECT ${selects.join(', ')}${fromClause(node)}${joins}${where}${groupClause(node, params)}${order}${rangeClause(node, params)}`;
}

/**
 * The query counting the root's rows: its filters without limit/offset; `!inner` embeds and `rel=is.null`
 * filters become (NOT) EXISTS over the embed's own count query.
 */
export function countQuery(node: ReadPlan, params: Params): string {
	const byAgg = new Map(node.children.map((c) => [c.aggAlias, c]));
	const conditions = node.where.map((l) =>
		renderLogic(node.ref, l, params, (f) => {
			const child = byAgg.get(f.aggAlias);
			if (child === undefined) return 'TRUE';
			return `${f.negated ? '' : 'NOT '}EXISTS (${countQuery(child, params)})`;
		})
	);
	conditions.push(...node.joinConditions);
	for (const c of node.children)
		if (c.joinType === 'inner') conditions.push(`EXISTS (${countQuery(c, params)} )`);
	const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
	return `SELECT 1${fromClause(node)}${where}`;
}

/** How the page of rows becomes the response body, as a text expression over `_postgrest_t`. */
export function bodyExpression(
	rep: Representation | 'none',
	shape: 'rows' | 'scalar' | 'set-of-scalar' | 'single-composite' = 'rows'
): string {
	if (rep === 'none') return `''::text`;
	const scalars = shape === 'scalar' || shape === 'set-of-scalar';
	switch (rep.kind) {
		case 'singular': {
			const row = shape === 'scalar' ? '_postgrest_t.pgrst_scalar' : '_postgrest_t';
			const one = rep.stripNulls ? `json_strip_nulls(json_agg(${row})->0)` : `json_agg(${row})->0`;
			return `coalesce(${one}, 'null')::text`;
		}
		case 'array-stripped':
		case 'json': {
			const row = scalars ? '_postgrest_t.pgrst_scalar' : '_postgrest_t';
			const wrap = (s: string): string =>
				rep.kind === 'array-stripped' ? `json_strip_nulls(${s})` : s;
			if (shape === 'scalar' || shape === 'single-composite')
				return `coalesce(${wrap(`json_agg(${row})->0`)}, 'null')::text`;
			return `coalesce(${wrap(`json_agg(${row})`)}, '[]')::text`;
		}
		case 'csv':
			return (
				`(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text as k FROM ( SELECT row_to_json(hh) as r from pgrst_source as hh limit 1) s) a)` +
				` || E'\\n' || coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), E'\\n'), '')`
			);
		case 'geojson':
			return `json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(ST_AsGeoJSON(_postgrest_t)::json), '[]'))::text`;
	}
}

/** Columns every main statement returns after the body: the response GUCs a function may have set. */
export const RESPONSE_GUCS =
	`nullif(current_setting('response.headers', true), '') AS response_headers, ` +
	`nullif(current_setting('response.status', true), '') AS response_status`;

/** Options of the main read statement. */
export interface ReadStatementOptions {
	representation: Representation | 'none';
	/** Exact (or estimated, with `estimateLimit`) total count requested. */
	count: boolean;
	/** `db-max-rows + 1` for `count=estimated`: stop counting past it. */
	estimateLimit: number | null;
	/** Whether a separate count is needed (a range or max-rows cap applies); else the page size is the total. */
	separateCount: boolean;
}

/** The whole read statement: `WITH pgrst_source AS (…) SELECT total, page size, body, GUCs`. */
export function readStatement(plan: ReadPlan, opts: ReadStatementOptions, params: Params): string {
	const source = selectQuery(plan, params);
	let countCte = '';
	let total = 'null::bigint';
	if (opts.count) {
		if (opts.separateCount) {
			const limit =
				opts.estimateLimit === null ? '' : ` LIMIT ${params.add(String(opts.estimateLimit))}`;
			countCte = `, pgrst_source_count AS (${countQuery(plan, params)}${limit})`;
			total = '(SELECT pg_catalog.count(*) FROM pgrst_source_count)';
		} else total = 'pg_catalog.count(_postgrest_t)';
	}
	return (
		`WITH pgrst_source AS ( ${source} )${countCte} SELECT ${total} AS total_result_set, ` +
		`pg_catalog.count(_postgrest_t) AS page_total, ${bodyExpression(opts.representation)} AS body, ${RESPONSE_GUCS} ` +
		`FROM ( SELECT * FROM pgrst_source ) _postgrest_t`
	);
}
