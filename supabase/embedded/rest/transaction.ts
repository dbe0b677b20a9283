/**
 * One transaction per request, impersonating the caller: the seam to db/'s `withCaller`, plus the
 * per-request settings only REST knows (search_path of the selected schema, read-only mode, time zone).
 */
import type { Caller, Database, Queryable } from '../contracts.ts';

/** What `withCaller` needs about the HTTP request to fill `request.method`, `request.path`, `request.headers`. */
export interface CallerRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
}

/** db/'s `withCaller`: runs `fn` in one transaction with `set local role` and the request GUCs set. */
export type WithCaller = <T>(
	db: Database,
	caller: Caller,
	request: CallerRequest,
	fn: (tx: Queryable) => Promise<T>
) => Promise<T>;

/** Settings applied at the start of a request's transaction. */
export interface RequestSettings {
	/** `"schema", "public", "extensions"` as PostgREST renders it. */
	searchPath: string;
	readOnly: boolean;
	timezone: string | null;
	/** `ALTER ROLE … SET` settings of the impersonated role. */
	roleSettings: readonly [string, string][];
}

/** Applies `settings` with one statement. */
export async function applySettings(tx: Queryable, settings: RequestSettings): Promise<void> {
	const params: unknown[] = [settings.searchPath];
	let sql = `select set_config('search_path', $1, true)`;
	if (settings.readOnly) sql += `, set_config('transaction_read_only', 'on', true)`;
	for (const [name, value] of settings.roleSettings) {
		params.push(name, value);
		sql += `, set_config($${params.length - 1}, $${params.length}, true)`;
	}
	if (settings.timezone !== null) {
		params.push(settings.timezone);
		sql += `, set_config('timezone', $${params.length}, true)`;
	}
	await tx.query(sql, params);
}

/** Thrown inside the transaction to roll it back while still answering with `value`. */
export class Rollback<T> {
	readonly value: T;
	constructor(value: T) {
		this.value = value;
	}
}

/**
 * Runs `fn` as the caller in one transaction and returns its value; if `fn` throws a Rollback, the
 * transaction is rolled back and the Rollback's value is returned instead.
 */
export async function runAsCaller<T>(
	withCaller: WithCaller,
	db: Database,
	caller: Caller,
	request: CallerRequest,
	settings: RequestSettings,
	fn: (tx: Queryable) => Promise<T>
): Promise<T> {
	try {
		return await withCaller(db, caller, request, async (tx) => {
			await applySettings(tx, settings);
			return fn(tx);
		});
	} catch (e) {
		if (e instanceof Rollback) return e.value as T;
		throw e;
	}
}
