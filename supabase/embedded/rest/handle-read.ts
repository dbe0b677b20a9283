/**
 * GET and HEAD on a relation.
 */
import type { Caller } from '../contracts.ts';
import { countQuery, readStatement } from './build-read.ts';
import type { RequestContext } from './context.ts';
import { invalidPreferences, singularityError } from './errors.ts';
import { planRead } from './plan-read.ts';
import { preferenceApplied } from './preferences.ts';
import { errorResponse, outOfBounds, rangeStatus } from './response.ts';
import { findTable } from './schema-cache.ts';
import {
	type MainRow,
	type Outcome,
	inTransaction,
	plannedCount,
	type RestState,
	setContentHeaders,
	toCount,
	toResponse,
} from './service-state.ts';
import { Params } from './sql.ts';
import { Rollback } from './transaction.ts';

/** Answers a read of `ctx.resource` as PostgREST would: rows as JSON (or CSV, or one object), counts, ranges. */
export async function handleRead(
	state: RestState,
	ctx: RequestContext,
	caller: Caller,
	path: string
): Promise<Response> {
	const { cache, maxRows } = state;
	const table = findTable(cache, ctx.schema, ctx.resource.name);
	const plan = planRead({
		cache,
		schema: ctx.schema,
		root: { kind: 'table', table },
		query: ctx.query,
		isMutation: false,
		maxRows,
		aggregatesEnabled: state.aggregatesEnabled,
		topRange: ctx.topRange,
	});
	const { prefs } = ctx;
	if (prefs.invalid.length > 0 && prefs.handling === 'strict')
		throw invalidPreferences(prefs.invalid);
	const isHead = ctx.method === 'HEAD';
	const count = prefs.count === 'exact' || prefs.count === 'estimated';
	const ranged = ctx.topRange.offset !== 0 || ctx.topRange.limit !== null;
	const params = new Params();
	const sql = readStatement(
		plan,
		{
			representation: isHead ? 'none' : ctx.representation,
			count,
			estimateLimit: prefs.count === 'estimated' && maxRows !== null ? maxRows + 1 : null,
			separateCount: maxRows !== null || ranged,
		},
		params
	);

	const outcome = await inTransaction(
		state,
		ctx,
		caller,
		path,
		true,
		async (tx): Promise<Outcome> => {
			const result = await tx.query<MainRow>(sql, params.values);
			const row = result.rows[0] as MainRow;
			const pageTotal = toCount(row.page_total) ?? 0;
			if (ctx.representation.kind === 'singular' && pageTotal !== 1)
				throw new Rollback<Outcome>(errorOutcome(singularityError(pageTotal)));
			let total = count ? toCount(row.total_result_set) : null;
			if (
				prefs.count === 'planned' ||
				(prefs.count === 'estimated' && maxRows !== null && (total ?? 0) > maxRows)
			) {
				const explainParams = new Params();
				const planned = await plannedCount(
					tx,
					countQuery(plan, explainParams),
					explainParams.values
				);
				total = prefs.count === 'planned' ? planned : Math.max(total ?? 0, planned ?? 0);
			}
			const { status, range } = rangeStatus(ctx.topRange.offset, pageTotal, total);
			const headers = new Headers({ 'Content-Range': range });
			setContentHeaders(headers, ctx);
			const applied = preferenceApplied({
				count: prefs.count,
				tx: prefs.tx,
				handling: prefs.handling,
				timezone: prefs.timezone,
			});
			if (applied !== null) headers.set('Preference-Applied', applied);
			const body =
				status === 416
					? JSON.stringify(outOfBounds(ctx.topRange.offset, total ?? 0).body())
					: row.body;
			const out: Outcome = {
				status,
				headers,
				body,
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

/** An error as an Outcome, so it can leave a rolled-back transaction. */
export function errorOutcome(err: Parameters<typeof errorResponse>[0]): Outcome {
	const r = errorResponse(err);
	return {
		status: r.status,
		headers: r.headers,
		body: JSON.stringify(err.body()),
		gucs: { headers: null, status: null },
	};
}
