/**
 * One transaction per request, impersonating the caller: the seam to db/'s `withCaller`, plus the
 * per-request settings only REST knows (search_path of the selected schema, read-only mode, time zone).
 */
import type { Caller, Database, Queryable } from '../contracts.ts';

/**
 * What `withCaller` needs about the HTTP request to fill `request.method`, `request.path`, `request.headers`,
 * and the further transaction-local settings it applies after those (in order).
 */
export interface CallerRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	settings?: readonly (readonly [name: string, value: string])[] | undefined;
}

/**
 * db/'s `withCaller`: runs `fn` in one transaction with `set local role`, the request GUCs and then
 * `request.settings` set.
 */
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

/** `settings` as transaction-local settings, in the order they are applied. */
export function settingsList(settings: RequestSettings): [string, string][] {
	const list: [string, string][] = [['search_path', settings.searchPath]];
	if (settings.readOnly) list.push(['transaction_read_only', 'on']);
	list.push(...settings.roleSettings);
	if (settings.timezone !== null) list.push(['timezone', settings.timezone]);
	return list;
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
		// The settings go with withCaller's own (one statement, sent with BEGIN) rather than costing a statement more.
		const settled = {
			...request,
			settings: [...(request.settings ?? []), ...settingsList(settings)],
		};
		return await withCaller(db, caller, settled, fn);
	} catch (e) {
		if (e instanceof Rollback) return e.value as T;
		throw e;
	}
}
