/**
 * The PostgREST-compatible service mounted at `/rest/v1`: tables, views and functions of the exposed schemas,
 * spoken exactly as `@supabase/postgrest-js` expects (see shared/research/spec-postgrest.md).
 */
import type { BackendConfig, Caller, Database, Service } from '../contracts.ts';
import { withCaller } from '../db/index.ts';
import { buildContext, parseResource } from './context.ts';
import { fromDatabaseError, isDatabaseError, RestError, schemaCacheNotLoaded } from './errors.ts';
import { handleRead } from './handle-read.ts';
import { handleRpc } from './handle-rpc.ts';
import { handleWrite } from './handle-write.ts';
import { errorResponse } from './response.ts';
import { cacheKey, findTable, loadSchemaCache, type SchemaCache } from './schema-cache.ts';
import type { RestState } from './service-state.ts';
import type { WithCaller } from './transaction.ts';

/** Options of the REST service. */
export interface RestServiceOptions {
	db: Database;
	config: BackendConfig;
	/** Exposed schemas, the first being the default (Supabase: public, graphql_public when present). */
	schemas?: string[];
	/** The transaction-per-request helper; db/'s `withCaller` unless a test substitutes one. */
	withCaller?: WithCaller;
	/** `db-max-rows`; Supabase's default is 1000. `null` lifts the cap. */
	maxRows?: number | null;
	/** `db-extra-search-path`; Supabase's default is public, extensions. */
	extraSearchPath?: string[];
	/** `db-aggregates-enabled`; off on Supabase by default. */
	aggregatesEnabled?: boolean;
	/** Refuse UPDATE/DELETE without filters (21000), as Supabase's preloaded pg-safeupdate does; on by default. */
	safeUpdate?: boolean;
	/** `db-tx-end = commit-allow-override`, honouring `Prefer: tx=rollback`; off on Supabase by default. */
	allowTxOverride?: boolean;
	/** `db-anon-role`. */
	anonRole?: string;
}

/** The REST service plus the schema-cache reload the router triggers after migrations and on NOTIFY pgrst. */
export type RestService = Service & { reloadSchema(): Promise<void> };

const BODY_METHODS = new Set(['POST', 'PATCH', 'PUT']);

/**
 * Creates the REST service and loads its schema cache. `handle(request, path, caller)` answers one request;
 * `path` is the part after `/rest/v1` (`/profiles`, `/rpc/match`). Every request runs in one transaction as
 * the caller, so row-level security decides what it sees and changes.
 */
export async function createRestService(options: RestServiceOptions): Promise<RestService> {
	const schemas = options.schemas ?? ['public', 'graphql_public'];
	const state: Omit<RestState, 'cache'> & { cache: SchemaCache | null } = {
		db: options.db,
		withCaller: options.withCaller ?? withCaller,
		cache: null,
		maxRows: options.maxRows === undefined ? 1000 : options.maxRows,
		aggregatesEnabled: options.aggregatesEnabled ?? false,
		safeUpdate: options.safeUpdate ?? true,
		extraSearchPath: options.extraSearchPath ?? ['public', 'extensions'],
		anonRole: options.anonRole ?? 'anon',
	};
	const allowTxOverride = options.allowTxOverride ?? false;

	let reloading: Promise<void> | null = null;
	let again = false;
	async function reloadSchema(): Promise<void> {
		if (reloading !== null) {
			// Coalesce bursts: one more load after the one in flight picks up every change made meanwhile.
			again = true;
			return reloading;
		}
		reloading = (async () => {
			do {
				again = false;
				state.cache = await loadSchemaCache(options.db, schemas, state.extraSearchPath);
			} while (again);
		})().finally(() => {
			reloading = null;
		});
		return reloading;
	}
	await reloadSchema();

	async function handle(request: Request, path: string, caller: Caller): Promise<Response> {
		const isHead = request.method.toUpperCase() === 'HEAD';
		try {
			const cache = state.cache;
			if (cache === null) throw schemaCacheNotLoaded();
			const method = request.method.toUpperCase();
			if (method === 'OPTIONS') return optionsResponse(cache, path, request, schemas);
			const body = BODY_METHODS.has(method) ? await request.text() : null;
			const ctx = buildContext(
				request,
				path,
				new URL(request.url),
				{ schemas: cache.schemas, allowTxOverride, timezones: cache.timezones },
				body
			);
			const s: RestState = { ...state, cache };
			if (ctx.resource.kind === 'routine') return await handleRpc(s, ctx, caller, path);
			if (method === 'GET' || method === 'HEAD') return await handleRead(s, ctx, caller, path);
			return await handleWrite(s, ctx, caller, path);
		} catch (e) {
			if (e instanceof RestError) return errorResponse(e, isHead);
			if (isDatabaseError(e))
				return errorResponse(fromDatabaseError(e, caller.role !== state.anonRole), isHead);
			console.error('[rest] unexpected error', e);
			return errorResponse(
				new RestError(500, 'PGRSTX00', e instanceof Error ? e.message : String(e)),
				isHead
			);
		}
	}

	return { handle, reloadSchema };
}

/** `OPTIONS` on a relation or function: the methods it allows, as PostgREST lists them. */
function optionsResponse(
	cache: SchemaCache,
	path: string,
	request: Request,
	schemas: readonly string[]
): Response {
	const resource = parseResource(path);
	const profile = request.headers.get('accept-profile');
	const schema = profile !== null && schemas.includes(profile) ? profile : (schemas[0] as string);
	let allow: string;
	if (resource.kind === 'relation') {
		const t = findTable(cache, schema, resource.name);
		allow = [
			'OPTIONS,GET,HEAD',
			...(t.insertable ? ['POST'] : []),
			...(t.insertable && t.updatable && t.pk.length > 0 ? ['PUT'] : []),
			...(t.updatable ? ['PATCH'] : []),
			...(t.deletable ? ['DELETE'] : []),
		].join(',');
	} else {
		const overloads = cache.routines.get(cacheKey(schema, resource.name)) ?? [];
		allow = overloads.some((r) => r.volatility === 'volatile')
			? 'OPTIONS,POST'
			: 'OPTIONS,GET,HEAD,POST';
	}
	return new Response(null, {
		status: 200,
		headers: { Allow: allow, 'Access-Control-Allow-Origin': '*' },
	});
}
