/**
 * Runs Storage's SQL the way Supabase Storage does: each unit of work is one transaction with a local
 * role and the request settings, so the project's RLS policies on `storage.*` decide. "Superuser" work
 * runs as `service_role` (BYPASSRLS) with the service key's claims, as Storage's superuser path does.
 */
import type { Caller, Database, Queryable } from '../contracts.ts';
import { withCaller } from '../db/index.ts';

/** The parts of the HTTP request Storage exposes to SQL as `request.method`, `request.path`, `request.headers`. */
export interface RequestContext {
	method: string;
	path: string;
	headers: Record<string, string>;
}

/** Transactions as the caller, as the superuser, or as a rolled-back permission test. */
export interface DbScope {
	/** Runs `fn` in one transaction under the caller's role, so RLS applies. */
	asCaller<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Runs `fn` in one transaction as `service_role`, bypassing RLS. */
	asSuperUser<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Runs `fn` under the caller's role (or the superuser's), then rolls back: Storage's `testPermission`. */
	testPermission<T>(
		fn: (tx: Queryable) => Promise<T>,
		options?: { asSuperUser?: boolean }
	): Promise<T>;
}

class Rollback<T> {
	readonly value: T;
	constructor(value: T) {
		this.value = value;
	}
}

/**
 * Builds the scope for one request; `superUser` is the service role's identity and `operation` the name
 * Storage gives the route (`storage.object.upload` …), visible to SQL as `storage.operation()`.
 */
export function createDbScope(
	db: Database,
	caller: Caller,
	superUser: Caller,
	request: RequestContext,
	operation: string
): DbScope {
	const run = <T>(who: Caller, fn: (tx: Queryable) => Promise<T>): Promise<T> =>
		withCaller(db, who, request, async (tx) => {
			await applyStorageSettings(tx, who, operation);
			return fn(tx);
		});
	return {
		asCaller: (fn) => run(caller, fn),
		asSuperUser: (fn) => run(superUser, fn),
		async testPermission<T>(
			fn: (tx: Queryable) => Promise<T>,
			options: { asSuperUser?: boolean } = {}
		): Promise<T> {
			try {
				await run(options.asSuperUser ? superUser : caller, async (tx) => {
					throw new Rollback(await fn(tx));
				});
			} catch (error) {
				if (error instanceof Rollback) return error.value as T;
				throw error;
			}
			throw new Error('unreachable: a permission test always rolls back');
		},
	};
}

/**
 * Adds what only Storage sets on top of the caller's role and request settings (C1): the raw JWT as
 * `request.jwt`, `storage.operation`, and the switch that lets Storage itself delete rows of its tables.
 */
async function applyStorageSettings(tx: Queryable, who: Caller, operation: string): Promise<void> {
	await tx.query(
		`select set_config('request.jwt', $1, true),
		        set_config('storage.operation', $2, true),
		        set_config('storage.allow_delete_query', 'true', true)`,
		[who.token ?? '', operation]
	);
}
