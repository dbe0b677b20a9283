/**
 * GET, HEAD and POST on `/rpc/<function>`.
 */
import type { Caller } from '../contracts.ts';
import { type CallArgs, callQuery, callStatement, findRoutine, returnsVoid } from './build-rpc.ts';
import type { RequestContext } from './context.ts';
import {
	invalidBody,
	invalidPreferences,
	maxAffectedRpcViolation,
	maxAffectedViolation,
	singularityError,
} from './errors.ts';
import { errorOutcome } from './handle-read.ts';
import { returningColumns } from './handle-write.ts';
import { contentKind, decodePayload } from './payload.ts';
import { planRead, type ReadPlan } from './plan-read.ts';
import { preferenceApplied } from './preferences.ts';
import { outOfBounds, rangeStatus } from './response.ts';
import { cacheKey } from './schema-cache.ts';
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

function rootFilterFields(plan: ReadPlan): string[] {
	const out: string[] = [];
	const visit = (l: ReadPlan['where'][number]): void => {
		if (l.kind === 'logic') l.children.forEach(visit);
		else if (l.filter.kind === 'column') out.push(l.filter.column.name);
	};
	plan.where.forEach(visit);
	plan.order.forEach((o) => {
		if (o.relation === null) out.push(o.column.name);
	});
	return out;
}

/** Answers a function call as PostgREST would: scalar, object or array bodies, 204 for void. */
export async function handleRpc(
	state: RestState,
	ctx: RequestContext,
	caller: Caller,
	path: string
): Promise<Response> {
	const { cache, maxRows } = state;
	const isPost = ctx.method === 'POST';
	const kind = isPost ? contentKind(ctx.headers.get('content-type')) : 'json';
	let args: CallArgs;
	let keys: Set<string>;
	if (!isPost) {
		const values = new Map<string, string[]>();
		for (const [k, v] of ctx.query.rpcArgs) values.set(k, [...(values.get(k) ?? []), v]);
		args = { kind: 'direct', values };
		keys = new Set(values.keys());
	} else if (kind === 'text' || kind === 'xml' || kind === 'octet') {
		args = { kind: 'raw', body: ctx.body ?? '' };
		keys = new Set();
	} else if (kind === 'form') {
		const values = new Map<string, string[]>();
		for (const [k, v] of new URLSearchParams(ctx.body ?? ''))
			values.set(k, [...(values.get(k) ?? []), v]);
		args = { kind: 'direct', values };
		keys = new Set(values.keys());
	} else if (kind === 'json') {
		const payload = decodePayload(
			ctx.body ?? '',
			ctx.headers.get('content-type'),
			ctx.query.columns !== null,
			true
		);
		args = { kind: 'json', body: payload.json, isObject: payload.isObject };
		keys = new Set(payload.keys ?? ctx.query.columns ?? []);
	} else throw invalidBody(`Content-Type not acceptable: ${kind}`);

	const routine = findRoutine(
		cache,
		ctx.schema,
		ctx.resource.name,
		keys,
		isPost,
		kind as 'json' | 'text' | 'xml' | 'octet' | 'form'
	);
	const relName = routine.returns.composite ? routine.returns.name : routine.name;
	const table = routine.returns.composite
		? (cache.tables.get(cacheKey(routine.schema, relName)) ?? null)
		: null;
	const plan = planRead({
		cache,
		schema: ctx.schema,
		root: { kind: 'source', name: relName, table },
		query: ctx.query,
		isMutation: false,
		maxRows,
		aggregatesEnabled: state.aggregatesEnabled,
		topRange: ctx.topRange,
	});
	const { prefs } = ctx;
	if (prefs.invalid.length > 0 && prefs.handling === 'strict')
		throw invalidPreferences(prefs.invalid);
	if (prefs.maxAffected !== null && prefs.handling === 'strict' && !routine.returns.setOf)
		throw maxAffectedRpcViolation();

	let returning = returningColumns(plan, []);
	if (!returning.includes('*')) returning = [...new Set([...returning, ...rootFilterFields(plan)])];
	if (plan.select.length === 0 && plan.children.length === 0) returning = [];
	const params = new Params();
	const call = callQuery(routine, args, keys, returning, params);
	const count = prefs.count === 'exact' || prefs.count === 'estimated';
	const isHead = ctx.method === 'HEAD';
	const sql = callStatement(
		routine,
		call,
		plan,
		{
			representation: isHead ? 'none' : ctx.representation,
			count,
			estimateLimit: prefs.count === 'estimated' && maxRows !== null ? maxRows + 1 : null,
		},
		params
	);
	const readOnly = !isPost || routine.volatility !== 'volatile';

	const outcome = await inTransaction(
		state,
		ctx,
		caller,
		path,
		readOnly,
		async (tx): Promise<Outcome> => {
			const result = await tx.query<MainRow>(sql, params.values);
			const row = result.rows[0] as MainRow;
			const pageTotal = toCount(row.page_total) ?? 0;
			const applied = preferenceApplied({
				count: prefs.count,
				tx: prefs.tx,
				handling: prefs.handling,
				timezone: prefs.timezone,
				maxAffected: prefs.maxAffected,
			});
			const gucs = { headers: row.response_headers, status: row.response_status };
			let out: Outcome;
			if (returnsVoid(routine)) {
				const headers = new Headers({
					'Content-Range': rangeStatus(ctx.topRange.offset, pageTotal, null).range,
				});
				if (applied !== null) headers.set('Preference-Applied', applied);
				out = { status: 204, headers, body: null, gucs };
			} else {
				const total = count ? toCount(row.total_result_set) : null;
				const { status, range } = rangeStatus(ctx.topRange.offset, pageTotal, total);
				const headers = new Headers({ 'Content-Range': range });
				if (applied !== null) headers.set('Preference-Applied', applied);
				setContentHeaders(headers, ctx);
				const body =
					status === 416
						? JSON.stringify(outOfBounds(ctx.topRange.offset, total ?? 0).body())
						: row.body;
				out = { status, headers, body, gucs };
			}
			if (prefs.tx === 'rollback') {
				await tx.query('SET CONSTRAINTS ALL IMMEDIATE');
				throw new Rollback(out);
			}
			if (ctx.representation.kind === 'singular' && pageTotal !== 1)
				throw new Rollback<Outcome>(errorOutcome(singularityError(pageTotal)));
			if (
				prefs.handling === 'strict' &&
				prefs.maxAffected !== null &&
				pageTotal > prefs.maxAffected
			)
				throw new Rollback<Outcome>(errorOutcome(maxAffectedViolation(pageTotal)));
			return out;
		}
	);
	return toResponse(outcome, ctx.method);
}
