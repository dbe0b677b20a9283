/**
 * Building PostgREST responses: Content-Range and range statuses, error bodies, and the status/header
 * overrides a function may set through the `response.status` / `response.headers` GUCs.
 */
import { invalidRange, RestError } from './errors.ts';

/** `Content-Range` value: `first-last/total`, `*` for the range when it is empty or the total is 0. */
export function contentRange(lower: number, upper: number, total: number | null): string {
	const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*';
	return `${range}/${total === null ? '*' : total}`;
}

/** Status and Content-Range of a read or call: 416 past the end, 206 for a partial page, else 200. */
export function rangeStatus(
	offset: number,
	pageTotal: number,
	total: number | null
): { status: number; range: string } {
	const upper = offset + pageTotal - 1;
	const range = contentRange(offset, upper, total);
	if (total === null) return { status: 200, range };
	if (offset > total) return { status: 416, range };
	if (1 + upper - offset < total) return { status: 206, range };
	return { status: 200, range };
}

/** The 416 body PostgREST sends when the offset is past the total. */
export function outOfBounds(offset: number, total: number): RestError {
	return invalidRange(`An offset of ${offset} was requested, but there are only ${total} rows.`);
}

/** A JSON error response with PostgREST's headers. */
export function errorResponse(err: RestError, headOnly = false): Response {
	const body = JSON.stringify(err.body());
	const headers = new Headers({
		'Content-Type': 'application/json; charset=utf-8',
		'Proxy-Status': `PostgREST; error=${err.code}`,
	});
	for (const [k, v] of Object.entries(err.headers)) headers.set(k, v);
	return new Response(headOnly ? null : body, { status: err.status, headers });
}

/** The GUC values a statement reports after running. */
export interface GucOverrides {
	headers: string | null;
	status: string | null;
}

/**
 * Applies `response.status` / `response.headers` set by SQL: headers given there replace ours of the same
 * name. Throws 500 PGRST111 / PGRST112 when they are malformed.
 */
export function applyGucs(status: number, headers: Headers, gucs: GucOverrides): number {
	let out = status;
	if (gucs.status !== null) {
		const n = /^\s*[0-9]+/.exec(gucs.status);
		if (n === null)
			throw new RestError(500, 'PGRST112', 'response.status guc must be a valid status code');
		out = Number(n[0]);
	}
	if (gucs.headers !== null) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(gucs.headers);
		} catch {
			parsed = null;
		}
		const bad = new RestError(
			500,
			'PGRST111',
			'response.headers guc must be a JSON array composed of objects with a single key and a string value'
		);
		if (!Array.isArray(parsed)) throw bad;
		const pairs: [string, string][] = [];
		for (const item of parsed) {
			if (typeof item !== 'object' || item === null || Array.isArray(item)) throw bad;
			const entries = Object.entries(item as Record<string, unknown>);
			if (entries.length !== 1 || typeof (entries[0] as [string, unknown])[1] !== 'string')
				throw bad;
			pairs.push(entries[0] as [string, string]);
		}
		const replaced = new Set<string>();
		for (const [k, v] of pairs) {
			const key = k.toLowerCase();
			if (!replaced.has(key)) {
				headers.delete(k);
				replaced.add(key);
			}
			headers.append(k, v);
		}
	}
	return out;
}
