/**
 * The seams between the parts of the embedded Supabase-compatible backend.
 * `db/` implements Database; `http/` owns the server, the gateway (apikey, JWT, CORS) and routing;
 * `auth/`, `rest/` and `storage/` each export a service that handles requests under its prefix.
 */

/** A row-returning result; `fields` in column order. */
export interface QueryResult<R = Record<string, unknown>> {
	rows: R[];
	fields: { name: string; dataTypeID: number }[];
	/** Rows inserted, updated or deleted by the statement, or rows returned. */
	affectedRows: number;
}

/** Something SQL can be run on: the database, or one open transaction. */
export interface Queryable {
	/** Runs one statement with `$1…$n` parameters. Rejects with an error carrying `code` (SQLSTATE), `message`, `detail`, `hint`. */
	query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
	/** Runs several statements without parameters (migrations, bootstrap). */
	exec(sql: string): Promise<void>;
}

/** The database behind the backend: PGlite, or any PostgreSQL given by DATABASE_URL. */
export interface Database extends Queryable {
	readonly kind: 'pglite' | 'postgres';
	/**
	 * Runs `fn` in one transaction: commits when it resolves, rolls back when it throws (then rethrows).
	 * `options.setup` (statements without parameters) runs first inside the transaction, sent together with
	 * BEGIN in one round trip; when it fails, the transaction is rolled back and its error rejects.
	 */
	transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
	/** Calls `onNotify` for every NOTIFY on `channel`; resolves to an unsubscribe function. */
	listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/** How `Database.transaction` starts the transaction. */
export interface TransactionOptions {
	/** SQL without parameters to run right after BEGIN, in the same round trip (e.g. `select set_config(…)`). */
	setup?: string;
}

/** Who is calling, decided by the gateway from the `Authorization` bearer (or the apikey when there is none). */
export interface Caller {
	/** The Postgres role to `set local role` to: `anon`, `authenticated`, `service_role`, … */
	role: string;
	/** The verified JWT claims (for anon, the anon key's claims). Put into `request.jwt.claims`. */
	claims: Record<string, unknown>;
	/** The raw bearer token, when one was sent. */
	token?: string;
}

/** A service mounted under a prefix such as `/rest/v1`. `path` is the part after the prefix. */
export interface Service {
	handle(request: Request, path: string, caller: Caller): Promise<Response>;
}

/** Settings every service may read; built once at startup by `config.ts`. */
export interface BackendConfig {
	/** Public base URL, e.g. http://127.0.0.1:54321 */
	apiUrl: string;
	/** The site's URL, where auth emails link back to (`SITE_URL`). */
	siteUrl: string;
	jwtSecret: string;
	anonKey: string;
	serviceRoleKey: string;
	/** Directory for PGlite files and storage objects; undefined = in memory (tests). */
	dataDir?: string;
	/** Seconds an access token lives (GoTrue default 3600). */
	jwtExpiry: number;
	/** Whether sign-up requires confirming the email first. */
	mailerAutoconfirm: boolean;
	/** Rate limits per hour per IP and per endpoint kind; `false` lifts them (tests). */
	rateLimits:
		false | { signIn: number; signUp: number; recover: number; refresh: number; otp: number };
}
