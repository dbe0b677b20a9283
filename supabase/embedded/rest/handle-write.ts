/**
 * POST (insert, upsert), PATCH (update) and DELETE on a relation.
 */
import type { Caller } from '../contracts.ts';
import { type WriteSpec, writeStatement } from './build-write.ts';
import type { RequestContext } from './context.ts';
import {
	RestError,
	columnNotFound,
	invalidPreferences,
	maxAffectedViolation,
	notImplemented,
	singularityError,
} from './errors.ts';
import { errorOutcome } from './handle-read.ts';
import { decodePayload, type Payload } from './payload.ts';
import { type PlanLogic, planRead, type ReadPlan, resolveRootFilters } from './plan-read.ts';
import { preferenceApplied } from './preferences.ts';
import { contentRange } from './response.ts';
import { type Column, findTable, type Table } from './schema-cache.ts';
import {
	inTransaction,
	type MainRow,
	type Outcome,
	type RestState,
	setContentHeaders,
	toCount,
	toResponse,
} from './service-state.ts';
import { Params } from './sql.ts';
import { Rollback } from './transaction.ts';

/**
 * The columns a write's RETURNING must produce so the representation (select and embeds) can be built:
 * `*` if selected, else the selected columns plus FK columns of embeds plus the primary key.
 */
export function returningColumns(plan: ReadPlan, pk: readonly string[]): string[] {
	const names = new Set(plan.select.map((f) => f.name));
	if (names.has('*') || (plan.select.length === 0 && plan.children.length === 0)) return ['*'];
	for (const c of plan.children) {
		const rel = c.rel;
		if (rel === null) continue;
		// What a function needs from the row cannot be known: return every column.
		if (rel.computed !== null) return ['*'];
		if (rel.junction !== null) for (const [col] of rel.junction.sourceColumns) names.add(col);
		else for (const [col] of rel.columns) names.add(col);
	}
	for (const p of pk) names.add(p);
	return [...names];
}

function resolveColumns(table: Table, names: readonly string[]): Column[] {
	return [...new Set(names)].sort().map((n) => {
		const col = table.columns.get(n);
		if (col === undefined) throw columnNotFound(table.name, n);
		return col;
	});
}

/** Answers a write as PostgREST would: statuses 201/200/204, Location, Content-Range, Preference-Applied. */
export async function handleWrite(
	state: RestState,
	ctx: RequestContext,
	caller: Caller,
	path: string
): Promise<Response> {
	const { cache } = state;
	const table = findTable(cache, ctx.schema, ctx.resource.name);
	const kind = ctx.method === 'POST' ? 'insert' : ctx.method === 'PATCH' ? 'update' : 'delete';
	if (kind !== 'insert' && ctx.query.ranges.some((r) => r.path.length === 0))
		throw notImplemented(
			`limit/offset on ${ctx.method} (limited updates and deletes) is not supported`
		);

	let payload: Payload | null = null;
	if (kind !== 'delete')
		payload = decodePayload(
			ctx.body ?? '',
			ctx.headers.get('content-type'),
			ctx.query.columns !== null,
			false
		);
	if (kind === 'update' && payload !== null && !payload.isObject && payload.keys !== null) {
		const parsed = JSON.parse(payload.json) as unknown[];
		if (parsed.length > 1)
			throw notImplemented('PATCH with an array of more than one object in the body');
	}
	// Body keys decide the columns, unless `columns=` was given (then the body is passed through unchecked).
	const columns =
		payload === null ? [] : resolveColumns(table, payload.keys ?? ctx.query.columns ?? []);

	const plan = planRead({
		cache,
		schema: ctx.schema,
		root: { kind: 'source', name: table.name, table },
		query: ctx.query,
		isMutation: true,
		maxRows: null,
		aggregatesEnabled: state.aggregatesEnabled,
		topRange: { offset: 0, limit: null },
	});
	const { prefs } = ctx;
	if (prefs.invalid.length > 0 && prefs.handling === 'strict')
		throw invalidPreferences(prefs.invalid);
	const where: PlanLogic[] = kind === 'insert' ? [] : resolveRootFilters(table, ctx.query);
	// Supabase preloads pg-safeupdate for the API roles: UPDATE and DELETE need a WHERE clause.
	if (
		state.safeUpdate &&
		kind !== 'insert' &&
		where.length === 0 &&
		!(kind === 'update' && columns.length === 0)
	)
		throw new RestError(400, '21000', `${kind.toUpperCase()} requires a WHERE clause`);
	const wantsBody = prefs.return === 'representation';
	const onConflict =
		kind === 'insert' && prefs.resolution !== null
			? { resolution: prefs.resolution, columns: ctx.query.onConflict ?? table.pk }
			: null;
	const spec: WriteSpec = {
		kind,
		table,
		columns,
		body: payload?.json ?? null,
		bodyIsObject: payload?.isObject ?? true,
		applyDefaults: prefs.missing === 'default',
		onConflict,
		where,
		returning:
			prefs.return === null || prefs.return === 'minimal' ? [] : returningColumns(plan, table.pk),
	};
	const merge = onConflict?.resolution === 'merge-duplicates';
	const params = new Params();
	const sql = writeStatement(
		spec,
		{
			readPlan: wantsBody ? plan : null,
			representation: ctx.representation,
			locationColumns:
				kind === 'insert' && prefs.return === 'headers-only' && table.pk.length > 0
					? table.pk
					: null,
			countInserted: merge,
		},
		params
	);

	const outcome = await inTransaction(
		state,
		ctx,
		caller,
		path,
		false,
		async (tx): Promise<Outcome> => {
			const result = await tx.query<MainRow>(sql, params.values);
			const row = result.rows[0] as MainRow;
			const pageTotal = toCount(row.page_total) ?? 0;
			if (ctx.representation.kind === 'singular' && pageTotal !== 1)
				throw new Rollback<Outcome>(errorOutcome(singularityError(pageTotal)));
			if (
				kind !== 'insert' &&
				prefs.handling === 'strict' &&
				prefs.maxAffected !== null &&
				pageTotal > prefs.maxAffected
			)
				throw new Rollback<Outcome>(errorOutcome(maxAffectedViolation(pageTotal)));
			const counting = prefs.count === 'exact' || prefs.count === 'estimated';
			const total = counting ? pageTotal : null;
			const headers = new Headers();
			let status: number;
			if (kind === 'insert') {
				const location = locationQuery(row.header);
				if (location !== null)
					headers.set('Location', `/${encodeURIComponent(table.name)}?${location}`);
				headers.set('Content-Range', contentRange(1, 0, total));
				const inserted = toCount(row.response_inserted) ?? 0;
				status = merge && inserted <= 0 ? 200 : 201;
			} else if (kind === 'update') {
				headers.set('Content-Range', contentRange(0, pageTotal - 1, total));
				status = wantsBody ? 200 : 204;
			} else {
				headers.set('Content-Range', contentRange(1, 0, total));
				status = wantsBody ? 200 : 204;
			}
			const applied = preferenceApplied({
				resolution:
					kind === 'insert' && (table.pk.length > 0 || ctx.query.onConflict !== null)
						? prefs.resolution
						: null,
				missing: kind === 'delete' ? null : prefs.missing,
				return: prefs.return,
				count: prefs.count,
				tx: prefs.tx,
				handling: prefs.handling,
				timezone: prefs.timezone,
				maxAffected: kind === 'insert' ? null : prefs.maxAffected,
			});
			if (applied !== null) headers.set('Preference-Applied', applied);
			if (wantsBody) setContentHeaders(headers, ctx);
			const out: Outcome = {
				status,
				headers,
				body: wantsBody ? row.body : null,
				gucs: { headers: row.response_headers, status: row.response_status },
			};
			if (prefs.tx === 'rollback') {
				await tx.query('SET CONSTRAINTS ALL IMMEDIATE');
				throw new Rollback(out);
			}
			return out;
		}
	);
	return toResponse(outcome, ctx.method);
}

/** `id=eq.1&k=is.null` from the `key=eq.value` strings the statement returns for the Location header. */
function locationQuery(header: MainRow['header']): string | null {
	let items: string[] | null = null;
	if (Array.isArray(header)) items = header;
	else if (typeof header === 'string' && header.startsWith('{')) items = parsePgTextArray(header);
	if (items === null || items.length === 0) return null;
	return items
		.map((kv) => {
			const eq = kv.indexOf('=');
			return `${encodeURIComponent(kv.slice(0, eq))}=${encodeURIComponent(kv.slice(eq + 1))}`;
		})
		.join('&');
}

/** Parses PostgreSQL's text output of a one-dimensional text[] (used when a driver returns it unparsed). */
function parsePgTextArray(text: string): string[] {
	const out: string[] = [];
	let i = 1;
	while (i < text.length - 1) {
		if (text[i] === '"') {
			let v = '';
			i++;
			while (text[i] !== '"') {
				if (text[i] === '\\') i++;
				v += text[i];
				i++;
			}
			out.push(v);
			i += 2;
		} else {
			const end = text.indexOf(',', i);
			const stop = end < 0 ? text.length - 1 : end;
			out.push(text.slice(i, stop));
			i = stop + 1;
		}
	}
	return out;
}
