/**
 * PostgREST's error bodies and status codes: `{code, message, details, hint}` for its own PGRST errors and
 * for database errors (SQLSTATE mapped to an HTTP status the way PostgREST maps it).
 */

/** A JSON value PostgREST may put in `details` (a string, or the candidate list of PGRST201). */
export type ErrorDetails = string | null | Record<string, unknown>[];

/** An error that becomes one PostgREST error response. */
export class RestError extends Error {
	readonly status: number;
	readonly code: string;
	readonly details: ErrorDetails;
	readonly hint: string | null;
	readonly headers: Record<string, string>;

	constructor(
		status: number,
		code: string,
		message: string,
		details: ErrorDetails = null,
		hint: string | null = null,
		headers: Record<string, string> = {}
	) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
		this.hint = hint;
		this.headers = headers;
	}

	/** The JSON body PostgREST sends for this error. */
	body(): { code: string; details: ErrorDetails; hint: string | null; message: string } {
		return { code: this.code, details: this.details, hint: this.hint, message: this.message };
	}
}

/** PGRST100: a query-string value that does not parse; `message` is Parsec's position line. */
export function queryParamError(
	what: string,
	input: string,
	column: number,
	details: string
): RestError {
	return new RestError(
		400,
		'PGRST100',
		`"failed to parse ${what} (${input})" (line 1, column ${column})`,
		details
	);
}

/** PGRST102: a request body that cannot be used. */
export function invalidBody(message: string): RestError {
	return new RestError(400, 'PGRST102', message);
}

/** PGRST103: a Range or offset that cannot be satisfied. */
export function invalidRange(details: string): RestError {
	return new RestError(416, 'PGRST103', 'Requested range not satisfiable', details);
}

/** PGRST106: Accept-Profile / Content-Profile names a schema that is not exposed. */
export function unacceptableSchema(schema: string, exposed: readonly string[]): RestError {
	return new RestError(
		406,
		'PGRST106',
		`Invalid schema: ${schema}`,
		null,
		`Only the following schemas are exposed: ${exposed.join(', ')}`
	);
}

/** PGRST107: nothing we can produce matches the Accept header. */
export function mediaTypeError(accepted: readonly string[]): RestError {
	return new RestError(
		406,
		'PGRST107',
		`None of these media types are available: ${accepted.join(', ')}`
	);
}

/** PGRST108: a filter, order or limit names an embed that is not in `select`. */
export function notEmbedded(resource: string): RestError {
	return new RestError(
		400,
		'PGRST108',
		`'${resource}' is not an embedded resource in this request`,
		null,
		`Verify that '${resource}' is included in the 'select' query parameter.`
	);
}

/** PGRST116: a singular (object) response was asked for but the result has `rows` rows. */
export function singularityError(rows: number): RestError {
	return new RestError(
		406,
		'PGRST116',
		'Cannot coerce the result to a single JSON object',
		`The result contains ${rows} rows`
	);
}

/** PGRST117: a method PostgREST does not handle on relations. */
export function unsupportedMethod(method: string): RestError {
	return new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
}

/** PGRST101: a method other than GET/HEAD/POST on a function. */
export function invalidRpcMethod(method: string): RestError {
	return new RestError(405, 'PGRST101', `Cannot use the ${method} method on RPC`);
}

/** PGRST118: `order=rel(col)` on an embed that is not to-one. */
export function relatedOrderNotToOne(origin: string, target: string): RestError {
	return new RestError(
		400,
		'PGRST118',
		`A related order on '${target}' is not possible`,
		`'${origin}' and '${target}' do not form a many-to-one or one-to-one relationship`
	);
}

/** PGRST120: an operator other than `is.null` / `not.is.null` on an embed name. */
export function unacceptableFilter(target: string): RestError {
	return new RestError(
		400,
		'PGRST120',
		`Bad operator on the '${target}' embedded resource`,
		'Only is null or not is null filters are allowed on embedded resources'
	);
}

/** PGRST122: unknown preferences with `handling=strict`. */
export function invalidPreferences(prefs: readonly string[]): RestError {
	return new RestError(
		400,
		'PGRST122',
		'Invalid preferences given with handling=strict',
		`Invalid preferences: ${prefs.join(', ')}`
	);
}

/** PGRST123: aggregate functions are disabled (Supabase's default). */
export function aggregatesNotAllowed(): RestError {
	return new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
}

/** PGRST124: more rows affected than `Prefer: max-affected` allows under strict handling. */
export function maxAffectedViolation(rows: number): RestError {
	return new RestError(
		400,
		'PGRST124',
		'Query result exceeds max-affected preference constraint',
		`The query affects ${rows} rows`
	);
}

/** PGRST125: a path deeper than `/<relation>` or `/rpc/<function>`. */
export function invalidResourcePath(): RestError {
	return new RestError(404, 'PGRST125', 'Invalid path specified in request URL');
}

/** PGRST126: the schema root (OpenAPI), which this server does not serve. */
export function openApiDisabled(): RestError {
	return new RestError(404, 'PGRST126', 'Root endpoint metadata is disabled');
}

/** PGRST127: a feature this server does not implement; `details` names it. */
export function notImplemented(details: string): RestError {
	return new RestError(400, 'PGRST127', 'Feature not implemented', details);
}

/** PGRST128: max-affected with strict handling on a function that does not return a set. */
export function maxAffectedRpcViolation(): RestError {
	return new RestError(
		400,
		'PGRST128',
		'Function must return SETOF or TABLE when max-affected preference is used with handling=strict'
	);
}

/** PGRST204: a column named by the body or `columns=` is not in the relation. */
export function columnNotFound(relation: string, column: string): RestError {
	return new RestError(
		400,
		'PGRST204',
		`Could not find the '${column}' column of '${relation}' in the schema cache`
	);
}

/** PGRST205: the relation is not in the schema cache. */
export function tableNotFound(schema: string, name: string, suggestion: string | null): RestError {
	return new RestError(
		404,
		'PGRST205',
		`Could not find the table '${schema}.${name}' in the schema cache`,
		null,
		suggestion === null ? null : `Perhaps you meant the table '${schema}.${suggestion}'`
	);
}

/** PGRST002: the schema cache could not be loaded. */
export function schemaCacheNotLoaded(): RestError {
	return new RestError(
		503,
		'PGRST002',
		'Could not query the database for the schema cache. Retrying.',
		null,
		null,
		{ 'Retry-After': '0' }
	);
}

/** The fields a database driver puts on an error (pg and PGlite both use these names). */
interface DatabaseErrorLike {
	code?: unknown;
	message?: unknown;
	detail?: unknown;
	hint?: unknown;
}

/** True when `err` carries a SQLSTATE, i.e. it came from PostgreSQL rather than from our own code. */
export function isDatabaseError(err: unknown): err is DatabaseErrorLike & { code: string } {
	return (
		typeof err === 'object' &&
		err !== null &&
		typeof (err as DatabaseErrorLike).code === 'string' &&
		/^[0-9A-Z]{5}$/.test((err as DatabaseErrorLike).code as string)
	);
}

/**
 * Maps a PostgreSQL error to PostgREST's response: SQLSTATE verbatim as `code`, MESSAGE/DETAIL/HINT verbatim,
 * status by PostgREST's table (42501 → 401 for the anonymous role and 403 otherwise, 23505/23503 → 409, …).
 * `RAISE SQLSTATE 'PGRST'` and `PTnnn` are honoured as PostgREST does.
 */
export function fromDatabaseError(
	err: DatabaseErrorLike & { code: string },
	authenticated: boolean
): RestError {
	const code = err.code;
	const message = typeof err.message === 'string' ? err.message : String(err.message);
	const detail = typeof err.detail === 'string' && err.detail !== '' ? err.detail : null;
	const hint = typeof err.hint === 'string' && err.hint !== '' ? err.hint : null;
	if (code === 'PGRST') return fromRaisePgrst(message, detail);
	const status = sqlStateToStatus(code, message, authenticated);
	const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
	return new RestError(status, code, message, detail, hint, headers);
}

/** PostgREST's SQLSTATE → HTTP status table; first match wins. */
export function sqlStateToStatus(code: string, message: string, authenticated: boolean): number {
	const two = code.slice(0, 2);
	if (two === '08') return 503;
	if (two === '09') return 500;
	if (two === '0L' || two === '0P') return 403;
	if (code === '23503' || code === '23505') return 409;
	if (code === '25006') return 405;
	if (code === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500;
	if (code === '22023')
		return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
	if (two === '25') return 500;
	if (two === '28') return 403;
	if (['2D', '38', '39', '3B', '40'].includes(two)) return 500;
	if (code === '53400') return 500;
	if (two === '53') return 503;
	if (two === '54' || two === '55') return 500;
	if (code === '57P01') return 503;
	if (two === '57' || two === '58' || two === 'F0' || two === 'HV' || two === 'XX') return 500;
	if (code === 'P0001') return 400;
	if (two === 'P0') return 500;
	if (code === '42883') return message.startsWith('function xmlagg(') ? 406 : 404;
	if (code === '42P01') return 404;
	if (code === '42P17') return 500;
	if (code === '42501') return authenticated ? 403 : 401;
	if (two === 'PT') {
		const n = Number(code.slice(2));
		return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 500;
	}
	return 400;
}

/** `RAISE SQLSTATE 'PGRST' USING message = '{"code":..}', detail = '{"status":..,"headers":..}'`. */
function fromRaisePgrst(message: string, detail: string | null): RestError {
	const parsedMessage = parseJsonObject(message);
	if (
		parsedMessage === null ||
		typeof parsedMessage['code'] !== 'string' ||
		typeof parsedMessage['message'] !== 'string'
	) {
		return new RestError(
			500,
			'PGRST121',
			'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
			`Invalid JSON value for MESSAGE: '${message}'`,
			"MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'."
		);
	}
	const parsedDetail = detail === null ? null : parseJsonObject(detail);
	if (parsedDetail === null || typeof parsedDetail['status'] !== 'number') {
		return new RestError(
			500,
			'PGRST121',
			'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
			detail === null
				? 'DETAIL is missing in the RAISE statement'
				: `Invalid JSON value for DETAIL: '${detail}'`,
			"DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'."
		);
	}
	const headers: Record<string, string> = {};
	const rawHeaders = parsedDetail['headers'];
	if (typeof rawHeaders === 'object' && rawHeaders !== null) {
		for (const [k, v] of Object.entries(rawHeaders)) if (typeof v === 'string') headers[k] = v;
	}
	const details = parsedMessage['details'];
	const hint = parsedMessage['hint'];
	return new RestError(
		parsedDetail['status'],
		parsedMessage['code'],
		parsedMessage['message'],
		typeof details === 'string' ? details : null,
		typeof hint === 'string' ? hint : null,
		headers
	);
}

function parseJsonObject(text: string): Record<string, unknown> | null {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}
