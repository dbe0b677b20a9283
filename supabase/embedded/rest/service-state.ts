/**
 * The state a REST request runs against, and the steps every handler shares: impersonated transaction,
 * planned counts, and turning a finished result into a Response.
 */
import type { Caller, Database, Queryable } from '../contracts.ts';
import type { RequestContext } from './context.ts';
import { contentType } from './media-type.ts';
import { applyGucs, type GucOverrides } from './response.ts';
import type { SchemaCache } from './schema-cache.ts';
import { ident } from './sql.ts';
import { type CallerRequest, runAsCaller, type WithCaller } from './transaction.ts';

/** Configuration and cache shared by all requests. */
export interface RestState {
	db: Database;
	withCaller: WithCaller;
	cache: SchemaCache;
	/** `db-max-rows` (Supabase default 1000); null = unlimited. */
	maxRows: number | null;
	aggregatesEnabled: boolean;
	/** Refuse UPDATE/DELETE without filters, as pg-safeupdate does on Supabase. */
	safeUpdate: boolean;
	/** `db-extra-search-path` (Supabase: public, extensions). */
	extraSearchPath: readonly string[];
	/** `db-anon-role`: callers with this role count as unauthenticated (42501 → 401). */
	anonRole: string;
}

/** A response computed inside the transaction, before the GUC overrides are applied. */
export interface Outcome {
	status: number;
	headers: Headers;
	body: string | null;
	gucs: GucOverrides;
}

/** The first row of a main statement. */
export interface MainRow {
	total_result_set: unknown;
	page_total: unknown;
	body: string | null;
	header?: string[] | string | null;
	response_headers: string | null;
	response_status: string | null;
	response_inserted?: unknown;
}

/** Converts a count column (number, bigint or numeric string, as drivers differ) to a number. */
export function toCount(v: unknown): number | null {
	if (v === null || v === undefined || v === '') return null;
	return Number(v);
}

/** Runs `fn` in the caller's transaction with the request's schema search path and access mode. */
export function inTransaction<T>(
	state: RestState,
	ctx: RequestContext,
	caller: Caller,
	path: string,
	readOnly: boolean,
	fn: (tx: Queryable) => Promise<T>
): Promise<T> {
	const headers: Record<string, string> = {};
	ctx.headers.forEach((v, k) => {
		if (k !== 'cookie') headers[k] = v;
	});
	const request: CallerRequest = { method: ctx.method, path, headers };
	const searchPath = [ctx.schema, ...state.extraSearchPath].map(ident).join(', ');
	const roleSettings = state.cache.roleSettings.get(caller.role) ?? [];
	return runAsCaller(
		state.withCaller,
		state.db,
		caller,
		request,
		{ searchPath, readOnly, timezone: ctx.prefs.timezone, roleSettings },
		fn
	);
}

/** The planner's row estimate for `sql` (PostgREST's `count=planned`). */
export async function plannedCount(
	tx: Queryable,
	sql: string,
	params: unknown[]
): Promise<number | null> {
	const r = await tx.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
	const first = r.rows[0];
	if (first === undefined) return null;
	let plan = Object.values(first)[0];
	if (typeof plan === 'string') plan = JSON.parse(plan) as unknown;
	const rows = (plan as { Plan?: { 'Plan Rows'?: number } }[] | undefined)?.[0]?.Plan?.[
		'Plan Rows'
	];
	return typeof rows === 'number' ? Math.round(rows) : null;
}

/** Content-Type (and Content-Profile when negotiated) for a body in the negotiated representation. */
export function setContentHeaders(headers: Headers, ctx: RequestContext): void {
	headers.set('Content-Type', contentType(ctx.representation));
	if (ctx.negotiatedByProfile) headers.set('Content-Profile', ctx.schema);
}

/** Applies the GUC overrides and builds the Response (no body for HEAD and 204). */
export function toResponse(o: Outcome, method: string): Response {
	const status = applyGucs(o.status, o.headers, o.gucs);
	const body = method === 'HEAD' || status === 204 || status === 304 ? null : o.body;
	return new Response(body, { status, headers: o.headers });
}
