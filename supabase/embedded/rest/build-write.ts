/**
 * SQL for writes: INSERT (with upsert), UPDATE and DELETE fed from the JSON body through
 * `json_to_recordset`, wrapped in the statement that returns affected-row count, Location data and body.
 */
import { bodyExpression, renderFilter, RESPONSE_GUCS, selectQuery } from './build-read.ts';
import type { Representation } from './media-type.ts';
import type { PlanLogic, ReadPlan } from './plan-read.ts';
import type { Column, Table } from './schema-cache.ts';
import { catalogLiteral, ident, type Params, qualified } from './sql.ts';

/** What to write and how. */
export interface WriteSpec {
	kind: 'insert' | 'update' | 'delete';
	table: Table;
	/** Target columns (body keys or `columns=`), already checked against the table. */
	columns: Column[];
	/** The raw JSON body (insert/update). */
	body: string | null;
	/** Whether the body is a JSON object (else an array). */
	bodyIsObject: boolean;
	/** `Prefer: missing=default`. */
	applyDefaults: boolean;
	/** Upsert: resolution and conflict target columns. */
	onConflict: { resolution: 'merge-duplicates' | 'ignore-duplicates'; columns: string[] } | null;
	/** Root filters (update/delete). */
	where: PlanLogic[];
	/** Columns RETURNING must produce (`*` for all); empty = `RETURNING 1`. */
	returning: string[];
}

function renderLogic(ref: string, l: PlanLogic, params: Params): string {
	if (l.kind === 'filter') return renderFilter(ref, l.filter, params);
	const parts = l.children.map((c) => renderLogic(ref, c, params));
	return `${l.negated ? 'NOT ' : ''}(${parts.join(l.op === 'and' ? ' AND ' : ' OR ')})`;
}

/**
 * `FROM (SELECT $1 AS json_data) pgrst_payload, [defaults,] LATERAL (SELECT cols FROM json_to_record[set](…)) pgrst_body`,
 * PostgREST's way of turning the body into typed rows (PostgreSQL's JSON → record rules apply).
 */
function fromJsonBody(spec: WriteSpec, params: Params, includeSelect: boolean): string {
	const cols = spec.columns;
	const jsonType = spec.applyDefaults ? 'jsonb' : 'json';
	const payload = `FROM (SELECT ${params.add(spec.body)}::${jsonType} AS json_data) pgrst_payload, `;
	let defaults = '';
	let source = 'pgrst_payload.json_data';
	if (spec.applyDefaults) {
		const pairs = cols
			.filter((c) => c.default !== null)
			.map((c) => `${catalogLiteral(c.name)}, ${c.default as string}`);
		const defs = `jsonb_build_object(${pairs.join(',')})`;
		defaults = spec.bodyIsObject
			? `LATERAL (SELECT ${defs} || pgrst_payload.json_data AS val) pgrst_json_defs, `
			: `LATERAL (SELECT jsonb_agg(${defs} || elem) AS val from jsonb_array_elements(pgrst_payload.json_data) elem) pgrst_json_defs, `;
		source = 'pgrst_json_defs.val';
	}
	const prefix = spec.applyDefaults ? 'jsonb' : 'json';
	let lateral: string;
	if (cols.length === 0) {
		lateral = spec.bodyIsObject ? `(values(1)) _ ` : `${prefix}_array_elements(${source}) _ `;
	} else {
		const fn = spec.bodyIsObject ? `${prefix}_to_record` : `${prefix}_to_recordset`;
		lateral = `${fn}(${source}) AS _(${cols.map((c) => `${ident(c.name)} ${c.type}`).join(', ')}) `;
	}
	const names = cols.map((c) => ident(c.name)).join(', ');
	const select = includeSelect
		? `SELECT ${cols.map((c) => `pgrst_body.${ident(c.name)}`).join(', ')} `
		: '';
	return `${select}${payload}${defaults}LATERAL (SELECT ${names} FROM ${lateral}) pgrst_body `;
}

const INSERTED_COUNTER =
	"set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) + 1)::text, true) <> '0'";
const UPDATED_COUNTER =
	"set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) - 1)::text, true) <> '-1'";

/** The data-modifying statement (the `pgrst_source` CTE of a write). */
export function mutationQuery(spec: WriteSpec, params: Params): string {
	const t = qualified(spec.table.schema, spec.table.name);
	const returning =
		spec.returning.length === 0
			? 'RETURNING 1'
			: `RETURNING ${spec.returning.map((c) => (c === '*' ? `${t}.*` : `${t}.${ident(c)}`)).join(', ')}`;
	// Rendered only where used: every parameter added must appear in the statement.
	const where = (): string =>
		spec.where.length === 0
			? ''
			: ` WHERE ${spec.where.map((l) => renderLogic(t, l, params)).join(' AND ')}`;
	switch (spec.kind) {
		case 'insert': {
			const cols =
				spec.columns.length === 0 ? ' ' : `(${spec.columns.map((c) => ident(c.name)).join(', ')}) `;
			const merge = spec.onConflict?.resolution === 'merge-duplicates';
			let sql = `INSERT INTO ${t}${cols}${fromJsonBody(spec, params, true)}`;
			if (merge) sql += `WHERE ${INSERTED_COUNTER}`;
			if (spec.onConflict !== null && spec.onConflict.columns.length > 0) {
				sql += ` ON CONFLICT(${spec.onConflict.columns.map(ident).join(', ')}) `;
				if (spec.onConflict.resolution === 'ignore-duplicates' || spec.columns.length === 0)
					sql += 'DO NOTHING';
				else
					sql +=
						`DO UPDATE SET ${spec.columns.map((c) => `${ident(c.name)} = EXCLUDED.${ident(c.name)}`).join(', ')}` +
						(merge ? `WHERE ${UPDATED_COUNTER}` : '');
			}
			return `${sql} ${returning}`;
		}
		case 'update': {
			if (spec.columns.length === 0) {
				const cols =
					spec.returning.length === 0
						? 'NULL'
						: spec.returning
								.map((c) =>
									c === '*'
										? `${ident(spec.table.name)}.*`
										: `${ident(spec.table.name)}.${ident(c)}`
								)
								.join(', ');
				return `SELECT ${cols} FROM ${t} WHERE false`;
			}
			const set = spec.columns
				.map((c) => `${ident(c.name)} = pgrst_body.${ident(c.name)}`)
				.join(', ');
			return `UPDATE ${t} SET ${set} ${fromJsonBody(spec, params, false)}${where()} ${returning}`;
		}
		case 'delete':
			return `DELETE FROM ${t} ${where()} ${returning}`;
	}
}

/** Options of the main write statement. */
export interface WriteStatementOptions {
	/** The representation plan (select/embeds over the written rows), when `return=representation`. */
	readPlan: ReadPlan | null;
	representation: Representation | 'none';
	/** PK columns for the Location header of `return=headers-only`, or null. */
	locationColumns: string[] | null;
	/** Count newly inserted rows (merge-duplicates) to answer 201 vs 200. */
	countInserted: boolean;
}

/** The whole write statement: `WITH pgrst_source AS (<mutation>) SELECT …` over the returned rows. */
export function writeStatement(
	spec: WriteSpec,
	opts: WriteStatementOptions,
	params: Params
): string {
	const mutation = mutationQuery(spec, params);
	const location =
		opts.locationColumns === null
			? 'array[]::text[]'
			: `CASE WHEN pg_catalog.count(_postgrest_t) = 1 THEN coalesce((WITH data AS (SELECT row_to_json(_) AS row FROM pgrst_source AS _ LIMIT 1) ` +
				`SELECT array_agg(json_data.key || '=' || coalesce('eq.' || json_data.value, 'is.null')) FROM data CROSS JOIN json_each_text(data.row) AS json_data ` +
				`WHERE json_data.key = ANY (${params.add(`{${opts.locationColumns.map((c) => `"${c.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`)}::text[])), array[]::text[]) ELSE array[]::text[] END`;
	const inserted = opts.countInserted
		? "nullif(current_setting('pgrst.inserted', true), '')::int"
		: 'NULL::int';
	const select =
		opts.readPlan === null ? 'SELECT * FROM pgrst_source' : selectQuery(opts.readPlan, params);
	return (
		`WITH pgrst_source AS (${mutation}) SELECT '' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ` +
		`${location} AS header, ${bodyExpression(opts.readPlan === null ? 'none' : opts.representation)} AS body, ${RESPONSE_GUCS}, ` +
		`${inserted} AS response_inserted FROM (${select}) _postgrest_t`
	);
}
