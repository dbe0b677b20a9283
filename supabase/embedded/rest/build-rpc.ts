/**
 * Functions over RPC: choosing the overload a request means, and the SQL that calls it and shapes its result.
 */
import { bodyExpression, countQuery, RESPONSE_GUCS, selectQuery } from './build-read.ts';
import { RestError } from './errors.ts';
import { bestMatch } from './fuzzy.ts';
import type { Representation } from './media-type.ts';
import type { ReadPlan } from './plan-read.ts';
import { cacheKey, type Routine, type RoutineParam, type SchemaCache } from './schema-cache.ts';
import { ident, type Params, qualified } from './sql.ts';

/** How the request supplies arguments. */
export type CallArgs =
	| { kind: 'json'; body: string; isObject: boolean }
	| { kind: 'direct'; values: Map<string, string[]> }
	| { kind: 'raw'; body: string };

/** The shape of a function's result in the response body. */
export type ResultShape = 'rows' | 'scalar' | 'set-of-scalar' | 'single-composite';

/** Result shape of `r`: bare scalar, array of scalars, single object, or array of objects. */
export function resultShape(r: Routine): ResultShape {
	if (r.returns.composite) return r.returns.setOf ? 'rows' : 'single-composite';
	return r.returns.setOf ? 'set-of-scalar' : 'scalar';
}

/** True for `RETURNS void`. */
export function returnsVoid(r: Routine): boolean {
	return (
		!r.returns.setOf &&
		!r.returns.composite &&
		r.returns.schema === 'pg_catalog' &&
		r.returns.name === 'void'
	);
}

function matchesParams(
	r: Routine,
	keys: Set<string>,
	isPost: boolean,
	contentKind: string
): boolean {
	if (r.params.length === 0)
		return keys.size === 0 && !(isPost && contentKind !== 'json' && contentKind !== 'form');
	const required = r.params.filter((p) => p.required).map((p) => p.name);
	const optional = new Set(r.params.filter((p) => !p.required).map((p) => p.name));
	const rest = [...keys].filter((k) => !optional.has(k));
	if (required.length === 0) return rest.length === 0;
	return rest.length === required.length && required.every((n) => keys.has(n));
}

function singleUnnamed(r: Routine, isPost: boolean, contentKind: string): boolean {
	if (!isPost || r.params.length !== 1) return false;
	const p = r.params[0] as RoutineParam;
	if (p.name !== '') return false;
	return (
		(contentKind === 'json' && (p.type === 'json' || p.type === 'jsonb')) ||
		(contentKind === 'text' && p.type === 'text') ||
		(contentKind === 'xml' && p.type === 'xml') ||
		(contentKind === 'octet' && p.type === 'bytea')
	);
}

/**
 * Picks the function `schema.name` called with argument names `keys` (PostgREST's overload rules: every
 * required parameter given, every given name a parameter; a single unnamed json/text/xml/bytea parameter as
 * fallback for POST). Throws 404 PGRST202 when none fits and 300 PGRST203 when several do.
 */
export function findRoutine(
	cache: SchemaCache,
	schema: string,
	name: string,
	keys: Set<string>,
	isPost: boolean,
	contentKind: 'json' | 'text' | 'xml' | 'octet' | 'form'
): Routine {
	const overloads = cache.routines.get(cacheKey(schema, name)) ?? [];
	const matches = overloads.filter((r) => matchesParams(r, keys, isPost, contentKind));
	const fallbacks = overloads.filter(
		(r) => !matchesParams(r, keys, isPost, contentKind) && singleUnnamed(r, isPost, contentKind)
	);
	if (matches.length === 1) return matches[0] as Routine;
	if (matches.length > 1) throw ambiguous(matches);
	if (fallbacks.length === 1) return fallbacks[0] as Routine;
	if (fallbacks.length > 1) throw ambiguous(fallbacks);
	throw notFound(cache, schema, name, keys, overloads, isPost, contentKind);
}

function ambiguous(rs: Routine[]): RestError {
	const list = rs.map(
		(r) => `${r.schema}.${r.name}(${r.params.map((p) => `${p.name} => ${p.type}`).join(', ')})`
	);
	return new RestError(
		300,
		'PGRST203',
		`Could not choose the best candidate function between: ${list.join(', ')}`,
		null,
		'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
	);
}

function notFound(
	cache: SchemaCache,
	schema: string,
	name: string,
	keys: Set<string>,
	overloads: Routine[],
	isPost: boolean,
	contentKind: string
): RestError {
	const sorted = [...keys].sort();
	const func = `${schema}.${name}`;
	const onlySingle =
		isPost && (contentKind === 'text' || contentKind === 'xml' || contentKind === 'octet');
	const prms = sorted.join(', ');
	const message = `Could not find the function ${func}${onlySingle ? '' : sorted.length === 0 ? ' without parameters' : `(${prms})`} in the schema cache`;
	const prmsDetail =
		sorted.length === 0
			? ' without parameters'
			: ` with parameter${sorted.length > 1 ? 's' : ''} ${prms}`;
	let detail: string;
	if (isPost && contentKind === 'text') detail = ' with a single unnamed text parameter';
	else if (isPost && contentKind === 'xml') detail = ' with a single unnamed xml parameter';
	else if (isPost && contentKind === 'octet') detail = ' with a single unnamed bytea parameter';
	else if (isPost && contentKind === 'json')
		detail = `${prmsDetail} or with a single unnamed json/jsonb parameter`;
	else detail = prmsDetail;
	let hint: string | null = null;
	if (!onlySingle) {
		if (overloads.length === 0) {
			const names = [...cache.routines.values()]
				.flat()
				.filter((r) => r.schema === schema)
				.map((r) => r.name);
			const best = bestMatch(name, [...new Set(names)], 0.75);
			if (best !== null) hint = `Perhaps you meant to call the function ${schema}.${best}`;
		} else {
			const fmt = (ns: string[]): string => `(${[...ns].sort().join(', ')})`;
			const best = bestMatch(
				fmt(sorted),
				overloads.map((r) => fmt(r.params.map((p) => p.name))),
				0.33
			);
			if (best !== null) hint = `Perhaps you meant to call the function ${schema}.${name}${best}`;
		}
	}
	return new RestError(
		404,
		'PGRST202',
		message,
		`Searched for the function ${func}${detail}, but no matches were found in the schema cache.`,
		hint
	);
}

// Types that accept any length of value when used for a parameter cast.
function argType(t: string): string {
	if (t === 'bit') return 'bit varying';
	if (t === 'bit[]') return 'bit varying[]';
	if (t === 'character') return 'character varying';
	if (t === 'character[]') return 'character varying[]';
	return t;
}

/** The call (the `pgrst_source` CTE of a function call). `returning` = columns the read plan needs. */
export function callQuery(
	r: Routine,
	args: CallArgs,
	keys: Set<string>,
	returning: string[],
	params: Params
): string {
	const fn = qualified(r.schema, r.name);
	const scalar = !r.returns.composite;
	const callIt = (argument: string): string =>
		scalar
			? `(SELECT ${fn}(${argument}) pgrst_scalar) pgrst_call`
			: `${fn}(${argument}) pgrst_call`;
	const select = scalar
		? 'pgrst_call.pgrst_scalar'
		: returning.length === 0
			? '*'
			: returning.includes('*')
				? 'pgrst_call.*'
				: returning.map((c) => `pgrst_call.${ident(c)}`).join(', ');
	let from: string;
	const single =
		r.params.length === 1 && (r.params[0] as RoutineParam).name === ''
			? (r.params[0] as RoutineParam)
			: null;
	if (single !== null) {
		const body = args.kind === 'raw' || args.kind === 'json' ? args.body : null;
		from = `FROM ${callIt(`${params.add(body)}::${single.type}`)}`;
	} else {
		const specified = r.params.filter((p) => keys.has(p.name));
		if (specified.length === 0) from = `FROM ${callIt('')}`;
		else if (args.kind === 'direct') {
			const list = specified.map((p) => {
				const values = args.values.get(p.name) ?? [];
				const value = p.variadic
					? `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
					: (values[0] ?? null);
				return `${p.variadic ? 'VARIADIC ' : ''}${ident(p.name)} := ${params.add(value)}::${argType(p.type)}`;
			});
			from = `FROM ${callIt(list.join(', '))}`;
		} else {
			const body = args.kind === 'json' ? args.body : '{}';
			const isObject = args.kind === 'json' ? args.isObject : true;
			const cols = specified.map((p) => `${ident(p.name)} ${p.type}`).join(', ');
			const fnName = isObject ? 'json_to_record' : 'json_to_recordset';
			const named = specified.map(
				(p) => `${p.variadic ? 'VARIADIC ' : ''}${ident(p.name)} := pgrst_body.${ident(p.name)}`
			);
			from =
				`FROM (SELECT ${params.add(body)}::json AS json_data) pgrst_payload, ` +
				`LATERAL (SELECT ${specified.map((p) => ident(p.name)).join(', ')} FROM ${fnName}(pgrst_payload.json_data) AS _(${cols}) LIMIT 1) pgrst_body , ` +
				`LATERAL ${callIt(named.join(', '))}`;
		}
	}
	return `SELECT ${select} ${from}`;
}

/** Options of the main call statement. */
export interface CallStatementOptions {
	representation: Representation | 'none';
	count: boolean;
	estimateLimit: number | null;
}

/** The whole call statement over the function's result (select, filters, order, range of the read plan). */
export function callStatement(
	r: Routine,
	call: string,
	plan: ReadPlan,
	opts: CallStatementOptions,
	params: Params
): string {
	const shape = resultShape(r);
	const single = shape === 'scalar' || shape === 'single-composite';
	const pageTotal = single ? '1' : 'pg_catalog.count(_postgrest_t)';
	let countCte = '';
	let total = 'null::bigint';
	if (opts.count) {
		const limit =
			opts.estimateLimit === null ? '' : ` LIMIT ${params.add(String(opts.estimateLimit))}`;
		countCte = `, pgrst_source_count AS (${countQuery(plan, params)}${limit})`;
		total = '(SELECT pg_catalog.count(*) FROM pgrst_source_count)';
	}
	return (
		`WITH pgrst_source AS (${call})${countCte} SELECT ${total} AS total_result_set, ${pageTotal} AS page_total, ` +
		`${bodyExpression(opts.representation, shape)} AS body, ${RESPONSE_GUCS}, NULL::int AS response_inserted ` +
		`FROM (${selectQuery(plan, params)}) _postgrest_t`
	);
}
