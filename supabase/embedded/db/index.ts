/**
 * The database layer of the embedded backend.
 *
 *   openDatabase({ dataDir?, databaseUrl? }): Promise<Database>
 *     PGlite in `dataDir` (in memory when undefined), or PostgreSQL when `databaseUrl` is given.
 *
 *   withCaller<T>(db: Database, caller: Caller,
 *                 request: { method: string; path: string; headers: Record<string, string>;
 *                            settings?: [name, value][] },
 *                 fn: (tx: Queryable) => Promise<T>): Promise<T>
 *     One transaction with `set local role <caller.role>` and the request.* settings PostgREST/Storage set
 *     (request.jwt.claims, request.jwt.claim.sub/role, request.method, request.path, request.headers,
 *     request.cookies), then `request.settings` in order; all set by one statement sent with BEGIN.
 *     Use `tx` for every statement of the request.
 *
 * Errors are DbError: `code` (SQLSTATE), `message`, `detail`, `hint`, `schema`, `table`, `column`, `constraint`.
 *
 * Values come back the same from both adapters (see value-types.ts): int8/numeric as strings, date/time types as
 * PostgreSQL's text in UTC, json as parsed values, bytea as Uint8Array. Pass JSON parameters as strings
 * (`$1::jsonb` with JSON.stringify(value)): node-postgres would turn a JS array into a PostgreSQL array.
 *
 * PGlite has one backend: every statement and transaction waits its turn. Inside `transaction(fn)` use only
 * the `tx` handle; calling `db.query` there is rejected (it would wait for itself).
 */
import type { Database } from '../contracts.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export type { Caller, Database, Queryable, QueryResult } from '../contracts.ts';
export { DbError, toDbError } from './errors.ts';
export { quoteIdent, quoteLiteral } from './quote.ts';
export { withCaller, type CallerRequest } from './with-caller.ts';
export { isPglite, type PgliteDatabase } from './pglite.ts';
export type { PostgresDatabase } from './postgres.ts';

/** Where the data lives: `databaseUrl` wins; otherwise PGlite in `dataDir`, or in memory when both are absent. */
export interface DatabaseLocation {
	dataDir?: string | undefined;
	databaseUrl?: string | undefined;
	/** PGlite only: a new cluster starts from the image saved under this key, when there is one. */
	imageKey?: string | undefined;
}

/** Opens the database: PostgreSQL at `databaseUrl`, else PGlite persisted in the directory `dataDir` (created when missing), else PGlite in memory. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
	if (location.databaseUrl !== undefined && location.databaseUrl !== '')
		return openPostgres(location.databaseUrl);
	return openPglite({ dataDir: location.dataDir, imageKey: location.imageKey });
}
