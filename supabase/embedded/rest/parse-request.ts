/**
 * Splits a request's query string into PostgREST's parts: select, filters, logic trees, orders, ranges,
 * `columns`, `on_conflict` and (for `GET /rpc/fn`) function arguments.
 */
import { invalidRange } from './errors.ts';
import { fieldName, runParser } from './parse-common.ts';
import {
	parseFilterValue,
	parseLogicPath,
	parseLogicTree,
	parseTreePath,
	tryParseFilterValue,
} from './parse-filter.ts';
import { parseOrder } from './parse-order.ts';
import { parseSelect } from './parse-select.ts';
import type { Filter, LogicTree, OrderTerm, RowRange, SelectItem } from './types.ts';

/** The parsed query string. Paths are embed paths (`[]` = the top-level resource). */
export interface QueryParams {
	select: SelectItem[];
	filters: { path: string[]; filter: Filter }[];
	logic: { path: string[]; tree: LogicTree }[];
	orders: { path: string[]; terms: OrderTerm[] }[];
	/** Ranges per embed path (`[]` = top level), from `limit` / `offset` keys. */
	ranges: { path: string[]; range: RowRange }[];
	columns: string[] | null;
	onConflict: string[] | null;
	/** `GET /rpc/fn?a=1`: keys whose value is not an operator expression. */
	rpcArgs: [string, string][];
}

/**
 * Decodes a query string the way PostgREST does (`+` is a space, percent-decoding, empty values kept only
 * for `select`, `columns` and `on_conflict`).
 */
export function decodeQueryString(search: string): [string, string][] {
	const out: [string, string][] = [];
	const s = search.startsWith('?') ? search.slice(1) : search;
	if (s === '') return out;
	for (const part of s.split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const k = eq < 0 ? part : part.slice(0, eq);
		const v = eq < 0 ? '' : part.slice(eq + 1);
		out.push([decodeComponent(k), decodeComponent(v)]);
	}
	return out;
}

function decodeComponent(s: string): string {
	const spaced = s.replaceAll('+', ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		// Malformed escapes are kept literally rather than rejected.
		return spaced.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) =>
			String.fromCharCode(parseInt(h, 16))
		);
	}
}

const RESERVED = new Set(['select', 'columns', 'on_conflict']);
const RESERVED_LAST = new Set(['order', 'limit', 'offset', 'and', 'or']);

function lastSegment(key: string): string {
	const i = key.lastIndexOf('.');
	return i < 0 ? key : key.slice(i + 1);
}

function parseInteger(v: string): number | null {
	return /^\s*-?[0-9]+\s*$/.test(v) ? Number(v) : null;
}

/**
 * Parses decoded query parameters. `isRpcRead` (GET/HEAD on `/rpc/fn`) turns operator-less keys into
 * function arguments instead of failing with PGRST100.
 */
export function parseQueryParams(params: [string, string][], isRpcRead: boolean): QueryParams {
	let selectText: string | null = null;
	let columnsText: string | null = null;
	let onConflictText: string | null = null;
	const qp: QueryParams = {
		select: [],
		filters: [],
		logic: [],
		orders: [],
		ranges: [],
		columns: null,
		onConflict: null,
		rpcArgs: [],
	};
	const limits = new Map<string, number | null>();
	const offsets = new Map<string, number | null>();

	for (const [key, value] of params) {
		if (key === 'select') {
			selectText ??= value;
			continue;
		}
		if (key === 'columns') {
			columnsText ??= value;
			continue;
		}
		if (key === 'on_conflict') {
			onConflictText ??= value;
			continue;
		}
		if (value === '') continue;
		const last = lastSegment(key);
		if (RESERVED_LAST.has(last)) {
			if (last === 'order') {
				const { path } = parseTreePath(key);
				qp.orders.push({ path, terms: parseOrder(value) });
			} else if (last === 'limit' || last === 'offset') {
				const base = key.slice(0, key.length - last.length);
				(last === 'limit' ? limits : offsets).set(base, parseInteger(value));
			} else {
				const { path, op } = parseLogicPath(key);
				qp.logic.push({ path, tree: parseLogicTree(op, value) });
			}
			continue;
		}
		if (RESERVED.has(key)) continue;
		const tp = parseTreePath(key);
		if (isRpcRead) {
			const expr = tryParseFilterValue(value);
			if (expr === null) qp.rpcArgs.push([tp.field.name, value]);
			else qp.filters.push({ path: tp.path, filter: { field: tp.field, expr } });
		} else {
			qp.filters.push({
				path: tp.path,
				filter: { field: tp.field, expr: parseFilterValue(value) },
			});
		}
	}

	qp.select = selectText === null ? [starItem()] : parseSelect(selectText);
	if (columnsText !== null) qp.columns = parseColumnList('columns parameter', columnsText);
	if (onConflictText !== null)
		qp.onConflict = parseColumnList('on_conflict parameter', onConflictText);

	for (const base of new Set([...limits.keys(), ...offsets.keys()])) {
		const path = base === '' ? [] : parseTreePath(base + 'limit').path;
		const limit = limits.has(base) ? limits.get(base) : undefined;
		const offset = offsets.get(base) ?? 0;
		let range: RowRange;
		if (limit === undefined) range = { offset: offsets.has(base) ? offset : 0, limit: null };
		else if (limit === null)
			range = offsets.has(base) ? { offset, limit: 0 } : { offset: 0, limit: null };
		else range = { offset: offsets.has(base) ? offset : 0, limit };
		qp.ranges.push({ path, range });
	}
	return qp;
}

function starItem(): SelectItem {
	return {
		kind: 'field',
		field: { name: '*', jsonPath: [] },
		alias: null,
		cast: null,
		aggregate: null,
		aggregateCast: null,
	};
}

/** `a,"b c",d` as used by `columns` and `on_conflict`. */
function parseColumnList(what: string, text: string): string[] {
	return runParser(what, text, (inp) => {
		const cols = [fieldName(inp)];
		for (;;) {
			const save = inp.pos;
			inp.ws();
			if (!inp.optional(',')) {
				inp.pos = save;
				return cols;
			}
			inp.ws();
			cols.push(fieldName(inp));
		}
	});
}

/**
 * The top-level range: `limit`/`offset` intersected with a `Range: a-b` header (GET only). Throws 416 PGRST103
 * for a negative limit or an inverted Range; `limit=0` is allowed.
 */
export function topLevelRange(qp: QueryParams, rangeHeader: string | null): RowRange {
	const fromParams = qp.ranges.find((r) => r.path.length === 0)?.range ?? {
		offset: 0,
		limit: null,
	};
	const limitZero = fromParams.limit === 0;
	let lower = fromParams.offset;
	let upper = fromParams.limit === null ? Infinity : fromParams.offset + fromParams.limit - 1;
	let headerEmpty = false;
	if (rangeHeader !== null) {
		const m = /^([0-9]+)-([0-9]*)$/.exec(rangeHeader.replace(/^items=/, '').trim());
		if (m !== null) {
			const hl = Number(m[1]);
			const hu = m[2] === '' ? Infinity : Number(m[2]);
			headerEmpty = hl > hu;
			lower = Math.max(lower, hl);
			upper = Math.min(upper, hu);
		}
	}
	if (limitZero) return { offset: fromParams.offset, limit: 0 };
	if (lower > upper || headerEmpty)
		throw invalidRange(
			headerEmpty
				? 'The lower boundary must be lower than or equal to the upper boundary in the Range header.'
				: 'Limit should be greater than or equal to zero.'
		);
	return { offset: lower, limit: upper === Infinity ? null : upper - lower + 1 };
}
