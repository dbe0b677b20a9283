/**
 * Request bodies of writes and calls: JSON (objects or arrays of objects with the same keys), CSV and
 * form-encoded bodies, turned into the raw JSON PostgreSQL reads plus the set of keys.
 */
import { invalidBody } from './errors.ts';

/** A decoded body. */
export interface Payload {
	/** JSON text handed to PostgreSQL. */
	json: string;
	/** Keys of the objects (null when `columns=` is given and the body is passed through unchecked). */
	keys: string[] | null;
	/** Whether the JSON is an object (else an array). */
	isObject: boolean;
}

/** The media type of a `Content-Type` header, lower-cased, without parameters; JSON when absent. */
export function contentKind(
	contentType: string | null
): 'json' | 'csv' | 'form' | 'text' | 'xml' | 'octet' | string {
	if (contentType === null || contentType.trim() === '') return 'json';
	const mime = (contentType.split(';')[0] as string).trim().toLowerCase();
	switch (mime) {
		case 'application/json':
			return 'json';
		case 'text/csv':
			return 'csv';
		case 'application/x-www-form-urlencoded':
			return 'form';
		case 'text/plain':
			return 'text';
		case 'text/xml':
			return 'xml';
		case 'application/octet-stream':
			return 'octet';
		default:
			return mime;
	}
}

function startsWithBrace(text: string): boolean {
	return /^[ \t\n\r]*\{/.test(text);
}

/** Keys of a parsed JSON body, checking every array element has the same keys. Throws PGRST102. */
function keysOf(value: unknown): { keys: string[]; isObject: boolean; json: string | null } {
	if (Array.isArray(value)) {
		if (value.length === 0) return { keys: [], isObject: false, json: null };
		const first = value[0] as unknown;
		if (typeof first !== 'object' || first === null || Array.isArray(first))
			throw invalidBody('All object keys must match');
		const keys = Object.keys(first);
		const set = new Set(keys);
		for (const el of value) {
			if (typeof el !== 'object' || el === null || Array.isArray(el))
				throw invalidBody('All object keys must match');
			const k = Object.keys(el);
			if (k.length !== set.size || !k.every((x) => set.has(x)))
				throw invalidBody('All object keys must match');
		}
		return { keys, isObject: false, json: null };
	}
	if (typeof value === 'object' && value !== null)
		return { keys: Object.keys(value), isObject: true, json: null };
	// Any other JSON value counts as an empty array.
	return { keys: [], isObject: false, json: '[]' };
}

/**
 * Decodes a write or call body. `hasColumns` (`columns=` given) passes JSON through unparsed, as PostgREST
 * does; `emptyIsObject` makes an empty body `{}` (calls). Throws 400 PGRST102 for invalid JSON, mismatched
 * keys or an unsupported Content-Type.
 */
export function decodePayload(
	body: string,
	contentType: string | null,
	hasColumns: boolean,
	emptyIsObject: boolean
): Payload {
	const kind = contentKind(contentType);
	if (kind === 'json') {
		if (hasColumns) return { json: body, keys: null, isObject: startsWithBrace(body) };
		if (body === '' && emptyIsObject) return { json: '{}', keys: [], isObject: true };
		let parsed: unknown;
		try {
			parsed = JSON.parse(body);
		} catch {
			throw invalidBody('Empty or invalid json');
		}
		const k = keysOf(parsed);
		return { json: k.json ?? body, keys: k.keys, isObject: k.isObject };
	}
	if (kind === 'form') {
		const obj: Record<string, string> = {};
		for (const [k, v] of new URLSearchParams(body)) obj[k] = v;
		return { json: JSON.stringify(obj), keys: Object.keys(obj), isObject: true };
	}
	if (kind === 'csv') {
		const rows = parseCsv(body);
		const header = rows.shift() ?? [];
		const objects = rows.map((r) => {
			if (r.length !== header.length)
				throw invalidBody('All lines must have same number of fields');
			const o: Record<string, string | null> = {};
			header.forEach((h, i) => {
				const v = r[i] as string;
				o[h] = v === 'NULL' ? null : v;
			});
			return o;
		});
		return {
			json: JSON.stringify(objects),
			keys: objects.length === 0 ? [] : header,
			isObject: false,
		};
	}
	throw invalidBody(`Content-Type not acceptable: ${kind}`);
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends; a trailing newline is ignored. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	let quoted = false;
	while (i < text.length) {
		const c = text[i] as string;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i += 2;
				continue;
			}
			if (c === '"') quoted = false;
			else field += c;
			i++;
			continue;
		}
		if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
		i++;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}
