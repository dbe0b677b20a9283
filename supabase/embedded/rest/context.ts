/**
 * What every REST request needs before planning: the resource, the schema chosen by the profile headers,
 * preferences, the negotiated representation and the parsed query string.
 */
import {
	invalidResourcePath,
	invalidRpcMethod,
	openApiDisabled,
	unacceptableSchema,
	unsupportedMethod,
} from './errors.ts';
import { type Representation, negotiate } from './media-type.ts';
import {
	decodeQueryString,
	parseQueryParams,
	type QueryParams,
	topLevelRange,
} from './parse-request.ts';
import { parsePreferences, type Preferences } from './preferences.ts';
import type { RowRange } from './types.ts';

/** The REST resource a path names. */
export type Resource = { kind: 'relation'; name: string } | { kind: 'routine'; name: string };

/** Everything parsed from the request, before the schema cache is consulted. */
export interface RequestContext {
	method: string;
	resource: Resource;
	schema: string;
	/** Whether to answer with `Content-Profile` (a profile was negotiated or several schemas are exposed). */
	negotiatedByProfile: boolean;
	prefs: Preferences;
	representation: Representation;
	query: QueryParams;
	topRange: RowRange;
	headers: Headers;
	/** Raw request body (writes and RPC POST). */
	body: string | null;
}

/** Splits the path after `/rest/v1` into a resource; percent-decodes segments. Throws PGRST125/PGRST126. */
export function parseResource(path: string): Resource {
	const segments = path.split('/').filter((s, i) => !(i === 0 && s === ''));
	if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
	const decoded = segments.map((s) => {
		try {
			return decodeURIComponent(s);
		} catch {
			return s;
		}
	});
	if (decoded.length === 0) throw openApiDisabled();
	if (decoded.length === 1) return { kind: 'relation', name: decoded[0] as string };
	if (decoded.length === 2 && decoded[0] === 'rpc')
		return { kind: 'routine', name: decoded[1] as string };
	throw invalidResourcePath();
}

const RELATION_METHODS = new Set(['GET', 'HEAD', 'POST', 'PATCH', 'DELETE']);
const ROUTINE_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** Options the service was created with that affect parsing. */
export interface ContextOptions {
	schemas: readonly string[];
	allowTxOverride: boolean;
	timezones: ReadonlySet<string>;
}

/**
 * Parses method, path, headers and query string into a RequestContext, in PostgREST's order of checks
 * (path, schema, method, query string, range). Throws the matching PGRST error.
 */
export function buildContext(
	request: Request,
	path: string,
	url: URL,
	opts: ContextOptions,
	body: string | null
): RequestContext {
	const method = request.method.toUpperCase();
	const resource = parseResource(path);
	const headers = request.headers;
	const profileHeader = ['POST', 'PATCH', 'PUT', 'DELETE'].includes(method)
		? headers.get('content-profile')
		: headers.get('accept-profile');
	let schema = opts.schemas[0] as string;
	let negotiatedByProfile = opts.schemas.length !== 1;
	if (profileHeader !== null) {
		if (!opts.schemas.includes(profileHeader))
			throw unacceptableSchema(profileHeader, opts.schemas);
		schema = profileHeader;
		negotiatedByProfile = true;
	}
	if (resource.kind === 'routine' && !ROUTINE_METHODS.has(method)) throw invalidRpcMethod(method);
	if (resource.kind === 'relation' && !RELATION_METHODS.has(method))
		throw unsupportedMethod(method);
	const isRpcRead = resource.kind === 'routine' && (method === 'GET' || method === 'HEAD');
	const query = parseQueryParams(decodeQueryString(url.search), isRpcRead);
	const topRange = topLevelRange(query, method === 'GET' ? headers.get('range') : null);
	const prefs = parsePreferences(headers.get('prefer'), opts.allowTxOverride, opts.timezones);
	const representation = negotiate(headers.get('accept'));
	return {
		method,
		resource,
		schema,
		negotiatedByProfile,
		prefs,
		representation,
		query,
		topRange,
		headers,
		body,
	};
}
