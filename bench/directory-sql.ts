/**
 * `npm run bench -- directory-sql`: the people directory at 100,000 profiles, measured in SQL (no HTTP), so the
 * indexes behind public.directory_search() can be checked.
 *
 * PGlite in memory (or the PostgreSQL at `--db-url`, on an empty database) with the platform bootstrap and every
 * migration; 100,000 deterministic profiles and 500 organisations with 3,000 members (bench/lib/directory-data.ts,
 * drawn from the demo seed's vocabulary); ANALYZE. Then, for typical directory queries and each kind
 * of viewer (anon, member, member of a verified organisation), a warm-up and `--runs` calls of directory_search as
 * that viewer (role and JWT claims set as PostgREST sets them), timed end to end; and EXPLAIN ANALYZE of the exact
 * count and page statements the function runs (from private.directory_search_sql) with the indexes they use.
 *
 *   node bench/directory-sql.ts [--profiles 100000] [--runs 40] [--db-url postgresql://…] [--plans]
 *
 * Target (issue 4): search p50 ≤ 50 ms and p99 ≤ 150 ms on the embedded backend. Prints figures only.
 * Last line: one JSON object with the figures.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database, type Queryable } from '../supabase/embedded/db/index.ts';
import { quoteLiteral } from '../supabase/embedded/db/quote.ts';
import { loadBootstrap, migrate } from '../supabase/embedded/migrate.ts';
import { loadDirectoryData, profileId } from './lib/directory-data.ts';
import { round, summarize, type Summary } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_P50_MS = 50;
const TARGET_P99_MS = 150;

function option(name: string, fallback: string | undefined): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const PROFILES = Number(option('profiles', '100000'));
const RUNS = Number(option('runs', '40'));
const DB_URL = option('db-url', undefined);
const SHOW_PLANS = process.argv.includes('--plans');

async function openBenchDatabase(): Promise<Database> {
	const db = await openDatabase(DB_URL === undefined ? {} : { databaseUrl: DB_URL });
	const nothing = join(ROOT, 'supabase/no-seed-for-bench.sql');
	await migrate(db, {
		bootstrap: await loadBootstrap(join(ROOT, 'supabase/embedded/bootstrap')),
		migrationsDir: join(ROOT, 'supabase/migrations'),
		seedFile: nothing,
	});
	return db;
}

async function load(
	db: Database
): Promise<{ seconds: number; verifiedMember: string; member: string }> {
	const started = performance.now();
	const verifiedMember = await loadDirectoryData(db, {
		profiles: PROFILES,
		progress: (loaded) => process.stdout.write(`\rloading profiles: ${loaded} / ${PROFILES}`),
	});
	process.stdout.write('\n');
	// Viewers: a member of a verified organisation, and profile 1, who belongs to none.
	return { seconds: (performance.now() - started) / 1000, verifiedMember, member: profileId(1) };
}

type Args = Record<string, string | number | boolean>;
interface Scenario {
	name: string;
	viewer: 'anon' | 'member' | 'verified';
	args: Args;
}

const SCENARIOS: Scenario[] = [
	{ name: 'anon, first page, no filter', viewer: 'anon', args: {} },
	{ name: 'anon, country', viewer: 'anon', args: { p_country: 'VN' } },
	{
		// Few anonymous matches (each field's visibility must be public): the count cannot stop early.
		name: 'anon, country + programme + JLPT N3+, page 3',
		viewer: 'anon',
		args: { p_country: 'VN', p_programme: 'titp_2', p_jlpt_min: 'n3', p_offset: 40 },
	},
	{
		name: 'anon, field + looking for staff',
		viewer: 'anon',
		args: { p_field: 'construction', p_looking_for: 'staff' },
	},
	{
		name: 'member, country + programme + JLPT N3+, page 3',
		viewer: 'member',
		args: { p_country: 'VN', p_programme: 'titp_2', p_jlpt_min: 'n3', p_offset: 40 },
	},
	{
		name: 'member, country + programme',
		viewer: 'member',
		args: { p_country: 'VN', p_programme: 'ssw_1' },
	},
	{
		name: 'member, field + JLPT N3+',
		viewer: 'member',
		args: { p_field: 'food_service', p_jlpt_min: 'n3' },
	},
	{
		name: 'member, looking for JV + business started',
		viewer: 'member',
		args: { p_looking_for: 'jv_partner', p_business_stage: 'started' },
	},
	{
		name: 'member, mentors who speak Japanese',
		viewer: 'member',
		args: { p_kind: 'mentor', p_language: 'ja' },
	},
	{
		name: 'member, verified, Kenya',
		viewer: 'member',
		args: { p_verified: true, p_country: 'KE' },
	},
	{
		name: 'verified org, country + language',
		viewer: 'verified',
		args: { p_country: 'ID', p_language: 'ja' },
	},
	{ name: 'member, name query', viewer: 'member', args: { p_query: 'nguyen thi lan' } },
	{ name: 'member, name with a typo', viewer: 'member', args: { p_query: 'Mwangy' } },
	{
		name: 'member, word query + country',
		viewer: 'member',
		args: { p_query: 'welding', p_country: 'VN' },
	},
	{ name: 'anon, rare word query', viewer: 'anon', args: { p_query: 'kathmandu caregiving' } },
	{ name: 'member, by name, page 11', viewer: 'member', args: { p_sort: 'name', p_offset: 200 } },
];

async function asViewer<T>(
	db: Database,
	viewer: Scenario['viewer'],
	ids: { member: string; verifiedMember: string },
	fn: (tx: Queryable) => Promise<T>
): Promise<T> {
	return db.transaction(async (tx) => {
		const sub = viewer === 'anon' ? '' : viewer === 'member' ? ids.member : ids.verifiedMember;
		const role = viewer === 'anon' ? 'anon' : 'authenticated';
		const claims = JSON.stringify(sub === '' ? { role } : { sub, role, aud: 'authenticated' });
		await tx.exec(
			`select set_config('role', ${quoteLiteral(role)}, true), set_config('request.jwt.claims', ${quoteLiteral(claims)}, true)`
		);
		return fn(tx);
	});
}

function callSql(args: Args): string {
	const named = Object.entries(args).map(
		([k, v]) => `${k} => ${typeof v === 'string' ? quoteLiteral(v) : String(v)}`
	);
	return `select * from public.directory_search(${named.join(', ')})`;
}

const PARAM_TYPES =
	'public.visibility_level, text, public.japan_programme, public.ssw_field, public.jlpt_level, public.business_stage, public.looking_for, text, public.member_kind, boolean, text, tsquery, bigint, integer, integer';

/**
 * EXPLAIN ANALYZE of the count and page statements directory_search runs for `scenario` (a search ranked by
 * relevance runs the page statement only; it carries the count).
 */
async function explain(
	db: Database,
	scenario: Scenario,
	level: string
): Promise<{ count: string | null; page: string }> {
	const a = scenario.args;
	const lit = (v: unknown) =>
		v === undefined ? 'null' : typeof v === 'string' ? quoteLiteral(v) : String(v);
	const { rows } = await db.query<{ count_sql: string; page_sql: string }>(
		`select * from private.directory_search_sql($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		[
			level,
			a['p_query'] !== undefined,
			a['p_country'] !== undefined,
			a['p_programme'] !== undefined,
			a['p_field'] !== undefined,
			a['p_jlpt_min'] !== undefined,
			a['p_business_stage'] !== undefined,
			a['p_looking_for'] !== undefined,
			a['p_language'] !== undefined,
			a['p_kind'] !== undefined,
			a['p_verified'] !== undefined,
			a['p_sort'] ?? 'relevance',
		]
	);
	const sql = rows[0] as { count_sql: string | null; page_sql: string };
	const query = a['p_query'];
	const values = [
		lit(level),
		lit(a['p_country']),
		lit(a['p_programme']),
		lit(a['p_field']),
		lit(a['p_jlpt_min']),
		lit(a['p_business_stage']),
		lit(a['p_looking_for']),
		lit(a['p_language']),
		lit(a['p_kind']),
		lit(a['p_verified']),
		query === undefined ? 'null' : `private.search_text(${lit(query)})`,
		query === undefined ? 'null' : `private.prefix_tsquery(${lit(query)})`,
		'1000',
		'20',
		lit(a['p_offset'] ?? 0),
	].join(', ');
	const plan = async (statement: string): Promise<string> =>
		db.transaction(async (tx) => {
			// As directory_search does for text searches.
			if (query !== undefined) await tx.exec(`set local enable_seqscan = off`);
			await tx.exec(`prepare bench_q (${PARAM_TYPES}) as ${statement}`);
			const result = await tx.query<{ 'QUERY PLAN': string }>(
				`explain (analyze, buffers off) execute bench_q (${values})`
			);
			await tx.exec('deallocate bench_q');
			return result.rows.map((r) => r['QUERY PLAN']).join('\n');
		});
	return {
		count: sql.count_sql === null ? null : await plan(sql.count_sql),
		page: await plan(sql.page_sql),
	};
}

/** "12.3 ms via idx_a, idx_b" from a plan. */
function planSummary(plan: string | null): string {
	if (plan === null) return '(counted by the page statement)';
	const time = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?';
	const indexes = [
		...new Set(
			[
				...plan.matchAll(/(?:Index|Bitmap Index) (?:Only )?Scan (?:Backward )?(?:using|on) (\w+)/g),
			].map((m) => m[1])
		),
	];
	const seq = /Seq Scan on profiles/.test(plan) ? ' + seq scan' : '';
	return `${time} ms via ${indexes.length > 0 ? indexes.join(', ') : 'no index'}${seq}`;
}

const db = await openBenchDatabase();
try {
	const version = (await db.query<{ v: string }>('select version() as v')).rows[0]?.v ?? '';
	console.log(`Database: ${version.split(' on ')[0] ?? version}`);
	const loaded = await load(db);
	console.log(`Loaded ${PROFILES} profiles in ${loaded.seconds.toFixed(1)} s`);
	const levels = { anon: 'public', member: 'members', verified: 'verified_orgs' } as const;
	const results: {
		name: string;
		viewer: string;
		matches: number;
		capped: boolean;
		latency: Summary;
		count: string;
		page: string;
	}[] = [];
	const all: number[] = [];
	for (const scenario of SCENARIOS) {
		const sql = callSql(scenario.args);
		let matches = 0;
		let capped = false;
		for (let i = 0; i < 5; i++) await asViewer(db, scenario.viewer, loaded, (tx) => tx.query(sql));
		const samples: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const started = performance.now();
			const result = await asViewer(db, scenario.viewer, loaded, (tx) =>
				tx.query<{ total_count: string; total_capped: boolean }>(sql)
			);
			samples.push(performance.now() - started);
			matches = Number(result.rows[0]?.total_count ?? 0);
			capped = result.rows[0]?.total_capped === true;
		}
		all.push(...samples);
		const plans = await explain(db, scenario, levels[scenario.viewer]);
		const latency = summarize(samples);
		results.push({
			name: scenario.name,
			viewer: scenario.viewer,
			matches,
			capped,
			latency,
			count: planSummary(plans.count),
			page: planSummary(plans.page),
		});
		console.log(
			`${scenario.name.padEnd(44)} ${`${matches}${capped ? '+' : ''}`.padStart(6)} matches  p50 ${latency.p50.toFixed(1).padStart(6)} ms  p99 ${latency.p99.toFixed(1).padStart(6)} ms`
		);
		console.log(`    count: ${planSummary(plans.count)}`);
		console.log(`    page:  ${planSummary(plans.page)}`);
		if (SHOW_PLANS) console.log(`${plans.count ?? ''}\n\n${plans.page}\n`);
	}
	const overall = summarize(all);
	console.log(
		`\nAll searches: p50 ${overall.p50.toFixed(1)} ms (target ≤ ${TARGET_P50_MS}), p99 ${overall.p99.toFixed(1)} ms (target ≤ ${TARGET_P99_MS}), ${all.length} calls`
	);
	console.log(
		JSON.stringify({
			bench: 'directory-sql',
			database: version.split(' on ')[0] ?? version,
			profiles: PROFILES,
			loadSeconds: round(loaded.seconds, 1),
			runsPerScenario: RUNS,
			p50Ms: round(overall.p50),
			p99Ms: round(overall.p99),
			targetP50Ms: TARGET_P50_MS,
			targetP99Ms: TARGET_P99_MS,
			scenarios: results.map((r) => ({
				name: r.name,
				viewer: r.viewer,
				matches: r.capped ? `${r.matches}+` : r.matches,
				p50Ms: round(r.latency.p50),
				p99Ms: round(r.latency.p99),
				countPlan: r.count,
				pagePlan: r.page,
			})),
		})
	);
} finally {
	await db.close();
}
