/**
 * Content negotiation for responses: which representation an `Accept` header asks for.
 */
import { mediaTypeError } from './errors.ts';

/** A representation this server can produce. */
export type Representation =
	| { kind: 'json' }
	| { kind: 'singular'; stripNulls: boolean }
	| { kind: 'array-stripped' }
	| { kind: 'csv' }
	| { kind: 'geojson' };

interface Accepted {
	mime: string;
	type: string;
	sub: string;
	params: Map<string, string>;
	q: number;
}

function parseAccept(header: string): Accepted[] {
	const out: Accepted[] = [];
	for (const part of header.split(',')) {
		const [typePart = '', ...paramParts] = part.split(';');
		const mime = typePart.trim();
		if (mime === '') continue;
		const slash = mime.indexOf('/');
		const params = new Map<string, string>();
		let q = 1;
		for (const p of paramParts) {
			const eq = p.indexOf('=');
			if (eq < 0) continue;
			const key = p.slice(0, eq).trim().toLowerCase();
			const value = p
				.slice(eq + 1)
				.trim()
				.replace(/^"(.*)"$/, '$1');
			if (key === 'q') q = Number(value);
			else params.set(key, value);
		}
		out.push({
			mime: renderMime(mime, params),
			type: (slash < 0 ? mime : mime.slice(0, slash)).toLowerCase(),
			sub: (slash < 0 ? '' : mime.slice(slash + 1)).toLowerCase(),
			params,
			q: Number.isFinite(q) ? q : 0,
		});
	}
	// Stable sort by quality, as PostgREST's parseHttpAccept does.
	return out.filter((a) => a.q > 0).sort((a, b) => b.q - a.q);
}

function renderMime(mime: string, params: Map<string, string>): string {
	const lower = mime.toLowerCase();
	if (lower === 'application/vnd.pgrst.object+json' || lower === 'application/vnd.pgrst.object')
		return params.get('nulls') === 'stripped'
			? 'application/vnd.pgrst.object+json;nulls=stripped'
			: 'application/vnd.pgrst.object+json';
	if (lower === 'application/vnd.pgrst.array+json' || lower === 'application/vnd.pgrst.array')
		return params.get('nulls') === 'stripped'
			? 'application/vnd.pgrst.array+json;nulls=stripped'
			: 'application/json';
	if (lower.startsWith('application/vnd.pgrst.plan')) {
		const format = lower.endsWith('+json') ? 'json' : 'text';
		return `application/vnd.pgrst.plan+${format}; for="${params.get('for') ?? 'application/json'}"`;
	}
	return lower;
}

/**
 * Picks the representation for `accept` (null or missing = JSON). Throws 406 PGRST107 when nothing offered is
 * available; the EXPLAIN media type counts as unavailable, as with Supabase's default `db-plan-enabled = false`.
 */
export function negotiate(accept: string | null): Representation {
	if (accept === null || accept.trim() === '') return { kind: 'json' };
	const accepted = parseAccept(accept);
	for (const a of accepted) {
		const r = decode(a);
		if (r !== null) return r;
	}
	throw mediaTypeError(accepted.map((a) => a.mime));
}

function decode(a: Accepted): Representation | null {
	const { type, sub, params } = a;
	if (type === '*' && sub === '*') return { kind: 'json' };
	if (type === 'application' && sub === 'json') return { kind: 'json' };
	if (type === 'application' && (sub === 'vnd.pgrst.object+json' || sub === 'vnd.pgrst.object'))
		return { kind: 'singular', stripNulls: params.get('nulls') === 'stripped' };
	if (type === 'application' && (sub === 'vnd.pgrst.array+json' || sub === 'vnd.pgrst.array'))
		return params.get('nulls') === 'stripped' ? { kind: 'array-stripped' } : { kind: 'json' };
	if (type === 'text' && sub === 'csv') return { kind: 'csv' };
	if (type === 'application' && sub === 'geo+json') return { kind: 'geojson' };
	return null;
}

/** The response `Content-Type` for a representation. */
export function contentType(r: Representation): string {
	switch (r.kind) {
		case 'json':
			return 'application/json; charset=utf-8';
		case 'singular':
			return r.stripNulls
				? 'application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8'
				: 'application/vnd.pgrst.object+json; charset=utf-8';
		case 'array-stripped':
			return 'application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8';
		case 'csv':
			return 'text/csv; charset=utf-8';
		case 'geojson':
			return 'application/geo+json; charset=utf-8';
	}
}
