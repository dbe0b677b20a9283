import type { Caller, Database, Queryable } from '../contracts.ts';
import { DbError } from './errors.ts';
import { quoteLiteral } from './quote.ts';

/** The parts of the HTTP request that PostgREST and Storage expose to SQL as `request.*` settings. */
export interface CallerRequest {
	method: string;
	/** The path as the service received it, e.g. `/todos` for `/rest/v1/todos`. */
	path: string;
	headers: Record<string, string>;
	/**
	 * Further transaction-local settings (`search_path`, a role's `ALTER ROLE … SET` settings, …), applied in
	 * this order after `role` and the `request.*` settings, in the same statement.
	 */
	settings?: readonly (readonly [name: string, value: string])[] | undefined;
}

// Roles the gateway may switch to are those `authenticator` may become, as on Supabase; checked once per role.
const allowedRoles = new WeakMap<Database, Set<string>>();

async function assertRoleAllowed(db: Database, on: Queryable, role: string): Promise<void> {
	let known = allowedRoles.get(db);
	if (known?.has(role)) return;
	const result = await on.query<{ exists: boolean; allowed: boolean }>(
		`select exists (select 1 from pg_roles where rolname = $1) as exists,
		        coalesce((select pg_has_role('authenticator', oid, 'member') from pg_roles where rolname = $1), false) as allowed`,
		[role]
	);
	const row = result.rows[0];
	if (row === undefined || !row.exists) {
		throw new DbError({ code: '22023', message: `role "${role}" does not exist` });
	}
	if (!row.allowed) {
		throw new DbError({ code: '42501', message: `permission denied to set role "${role}"` });
	}
	if (known === undefined) {
		known = new Set();
		allowedRoles.set(db, known);
	}
	known.add(role);
}

function splitCookies(header: string | undefined): Record<string, string> {
	const cookies: Record<string, string> = {};
	for (const part of (header ?? '').split(';')) {
		const index = part.indexOf('=');
		if (index <= 0) continue;
		const name = part.slice(0, index).trim();
		if (name !== '') cookies[name] = part.slice(index + 1).trim();
	}
	return cookies;
}

/**
 * Runs `fn` in one transaction as `caller`, the way PostgREST and Storage run a request: transaction-local
 * `role`, `request.jwt.claims` (the claims with `role` set to the caller's role), the legacy
 * `request.jwt.claim.sub` / `request.jwt.claim.role`, `request.method`, `request.path`, `request.headers`
 * (names lower-cased, without `cookie`), `request.cookies`, then `request.settings` in order, all with one
 * statement sent together with BEGIN. Commits when `fn` resolves, rolls back when it
 * throws. Rejects with DbError 22023 when the role does not exist and 42501 when `authenticator` may not become it.
 */
export async function withCaller<T>(
	db: Database,
	caller: Caller,
	request: CallerRequest,
	fn: (tx: Queryable) => Promise<T>
): Promise<T> {
	const headers: Record<string, string> = {};
	let cookieHeader: string | undefined;
	for (const [name, value] of Object.entries(request.headers)) {
		const lower = name.toLowerCase();
		if (lower === 'cookie') cookieHeader = value;
		else headers[lower] = value;
	}
	const claims = { ...caller.claims, role: caller.role };
	const sub = typeof caller.claims['sub'] === 'string' ? caller.claims['sub'] : '';
	// Checked before the transaction (once per role), so the settings can go to the database together with BEGIN.
	if (allowedRoles.get(db)?.has(caller.role) !== true) await assertRoleAllowed(db, db, caller.role);
	const settings: (readonly [string, string])[] = [
		['role', caller.role],
		['request.jwt.claims', JSON.stringify(claims)],
		['request.jwt.claim.sub', sub],
		['request.jwt.claim.role', caller.role],
		['request.method', request.method],
		['request.path', request.path],
		['request.headers', JSON.stringify(headers)],
		['request.cookies', JSON.stringify(splitCookies(cookieHeader))],
		...(request.settings ?? []),
	];
	// One simple-protocol statement (literals quoted), sent with BEGIN: a single round trip instead of one per setting.
	const setup = `select ${settings.map(([name, value]) => `set_config(${quoteLiteral(name)}, ${quoteLiteral(value)}, true)`).join(', ')}`;
	return db.transaction(fn, { setup });
}
