/**
 * `npm run bench -- directory-sql`: the people directory at 100,000 profiles, measured in SQL (no HTTP), so the
 * indexes behind public.directory_search() can be checked.
 *
 * PGlite in memory (or the PostgreSQL at `--db-url`, on an empty database) with the platform bootstrap and every
 * migration; 100,000 deterministic profiles (accounts through auth.users, so the profile trigger runs) with a
 * realistic spread of countries, programmes, fields, JLPT levels, businesses and visibility settings; 500
 * organisations (a third verified) with 3,000 members; ANALYZE. Then, for typical directory queries and each kind
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
import { round, summarize, type Summary } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_P50_MS = 50;
const TARGET_P99_MS = 150;
const BATCH = 5000;

function option(name: string, fallback: string | undefined): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const PROFILES = Number(option('profiles', '100000'));
const RUNS = Number(option('runs', '40'));
const DB_URL = option('db-url', undefined);
const SHOW_PLANS = process.argv.includes('--plans');

// Deterministic data: mulberry32.
let seed = 20261121;
function random(): number {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
function weighted<T>(items: readonly (readonly [T, number])[]): T {
	const total = items.reduce((sum, [, w]) => sum + w, 0);
	let r = random() * total;
	for (const [item, w] of items) if ((r -= w) < 0) return item;
	return (items.at(-1) as readonly [T, number])[0];
}
const some = <T>(items: readonly T[], p: number): T[] => items.filter(() => random() < p);
function uuid(n: number, prefix: string): string {
	const hex = n.toString(16).padStart(12, '0');
	return `${prefix}-0000-4000-8000-${hex}`;
}

const NAMES: Record<string, [string[], string[]]> = {
	VN: [
		['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'],
		[
			'Văn An',
			'Thị Lan',
			'Minh Đức',
			'Thị Hoa',
			'Quốc Huy',
			'Thu Trang',
			'Văn Hùng',
			'Ngọc Anh',
			'Đức Thắng',
		],
	],
	ID: [
		['Saputra', 'Wijaya', 'Santoso', 'Lestari', 'Pratama', 'Hidayat', 'Nugroho', 'Kurniawan'],
		['Budi', 'Siti', 'Agus', 'Dewi', 'Rizky', 'Putri', 'Eko', 'Ayu'],
	],
	PH: [
		['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'Ramos', 'Aquino'],
		['Maria', 'Jose', 'Mark', 'Angelica', 'John Paul', 'Kristine', 'Rodel', 'Joy'],
	],
	MM: [
		['Aung', 'Htun', 'Win', 'Myint', 'Thein', 'Zaw'],
		['Kyaw', 'Su', 'Thida', 'Min', 'Hnin', 'Zin'],
	],
	NP: [
		['Shrestha', 'Gurung', 'Tamang', 'Rai', 'Magar', 'Thapa'],
		['Sita', 'Ram', 'Bikash', 'Anita', 'Suman', 'Pooja'],
	],
	KE: [
		['Mwangi', 'Otieno', 'Wanjiru', 'Kamau', 'Njoroge', 'Achieng'],
		['Grace', 'Brian', 'Faith', 'Kevin', 'Mercy', 'Dennis'],
	],
	LK: [
		['Perera', 'Fernando', 'Silva', 'Jayasinghe', 'Bandara'],
		['Nimal', 'Kumari', 'Sunil', 'Chamari', 'Ruwan'],
	],
	KH: [
		['Sok', 'Chan', 'Kim', 'Vann', 'Heng'],
		['Dara', 'Sreymom', 'Vuthy', 'Sophea', 'Rithy'],
	],
};
const COUNTRIES = [
	['VN', 45],
	['ID', 20],
	['PH', 10],
	['MM', 9],
	['NP', 6],
	['KE', 3],
	['LK', 4],
	['KH', 3],
] as const;
const LANGUAGE_OF: Record<string, string> = {
	VN: 'vi',
	ID: 'id',
	PH: 'tl',
	MM: 'my',
	NP: 'ne',
	KE: 'sw',
	LK: 'si',
	KH: 'km',
};
const FIELDS = [
	'nursing_care',
	'building_cleaning',
	'industrial_products_manufacturing',
	'construction',
	'shipbuilding_marine',
	'automobile_repair',
	'accommodation',
	'agriculture',
	'fishery',
	'food_beverage_manufacturing',
	'food_service',
	'logistics_warehousing',
] as const;
const JOBS = [
	'welding',
	'sewing',
	'caregiving',
	'scaffolding',
	'food processing',
	'machining',
	'painting',
];
const LEVELS = [
	['public', 45],
	['members', 40],
	['verified_orgs', 10],
	['private', 5],
] as const;
const level = () => weighted(LEVELS);

interface ProfileRow {
	id: string;
	display_name: string;
	profile_visibility: string;
	kinds: string[];
	headline: string | null;
	home_country: string;
	region: string | null;
	languages: string[];
	programmes: string[];
	japan_field: string | null;
	japan_job: string | null;
	prefectures: number[];
	japan_start_year: number;
	japan_end_year: number;
	jlpt_level: string | null;
	jft_basic: boolean;
	business_stage: string;
	business_name: string | null;
	looking_for: string[];
	verified: boolean;
	created_at: string;
	[visibility: `${string}_visibility`]: string;
}

function profile(n: number): ProfileRow {
	const country = weighted(COUNTRIES);
	const [families, givens] = NAMES[country] as [string[], string[]];
	const family = pick(families);
	const given = pick(givens);
	const name = country === 'VN' ? `${family} ${given}` : `${given} ${family}`;
	const start = 2008 + Math.floor(random() * 16);
	const stage = weighted([
		['none', 55],
		['idea', 20],
		['started', 17],
		['growing', 8],
	] as const);
	const programmes = weighted([
		[['titp_1', 'titp_2'], 40],
		[['titp_1', 'titp_2', 'titp_3'], 10],
		[['titp_1', 'titp_2', 'ssw_1'], 15],
		[['ssw_1'], 20],
		[['ssw_1', 'ssw_2'], 5],
		[['engineer_specialist'], 7],
		[['other'], 3],
	] as const);
	const field = pick(FIELDS);
	return {
		id: uuid(n, '00000000'),
		display_name: random() < 0.01 ? '' : name,
		profile_visibility: weighted([
			['public', 60],
			['members', 35],
			['private', 5],
		] as const),
		kinds: [
			...(random() < 0.85 ? ['returnee'] : ['in_japan']),
			...(random() < 0.1 ? ['mentor'] : []),
		],
		headline: random() < 0.7 ? `${pick(JOBS)} in ${field.replaceAll('_', ' ')}` : null,
		home_country: country,
		region:
			random() < 0.6
				? pick(['Hanoi', 'Nghệ An', 'Jakarta', 'Cebu', 'Kathmandu', 'Nairobi', 'Yangon'])
				: null,
		languages: [
			LANGUAGE_OF[country] as string,
			...(random() < 0.8 ? ['ja'] : []),
			...(random() < 0.3 ? ['en'] : []),
		],
		programmes: [...programmes],
		japan_field: random() < 0.9 ? field : null,
		japan_job: random() < 0.6 ? pick(JOBS) : null,
		prefectures: [1 + Math.floor(random() * 47)],
		japan_start_year: start,
		japan_end_year: Math.min(start + 1 + Math.floor(random() * 6), 2026),
		jlpt_level:
			random() < 0.75
				? weighted([
						['n5', 15],
						['n4', 40],
						['n3', 30],
						['n2', 12],
						['n1', 3],
					] as const)
				: null,
		jft_basic: random() < 0.3,
		business_stage: stage,
		business_name:
			stage === 'none' ? null : `${family} ${pick(['Trading', 'Foods', 'Works', 'Care', 'Farm'])}`,
		looking_for: some(
			['mentor', 'jv_partner', 'funding', 'staff', 'co_founder', 'to_mentor', 'employment'],
			0.25
		),
		verified: random() < 0.1,
		created_at: new Date(
			Date.UTC(2024, 0, 1) + Math.floor(random() * 3 * 365 * 86400_000)
		).toISOString(),
		headline_visibility: level(),
		country_visibility: level(),
		region_visibility: level(),
		languages_visibility: level(),
		programmes_visibility: level(),
		field_visibility: level(),
		prefectures_visibility: level(),
		years_visibility: level(),
		japanese_visibility: level(),
		business_visibility: level(),
		looking_for_visibility: level(),
	};
}

const PROFILE_COLUMNS: [string, string][] = [
	['id', 'uuid'],
	['display_name', 'text'],
	['profile_visibility', 'public.visibility_level'],
	['kinds', 'public.member_kind[]'],
	['headline', 'text'],
	['home_country', 'text'],
	['region', 'text'],
	['languages', 'text[]'],
	['programmes', 'public.japan_programme[]'],
	['japan_field', 'public.ssw_field'],
	['japan_job', 'text'],
	['prefectures', 'smallint[]'],
	['japan_start_year', 'smallint'],
	['japan_end_year', 'smallint'],
	['jlpt_level', 'public.jlpt_level'],
	['jft_basic', 'boolean'],
	['business_stage', 'public.business_stage'],
	['business_name', 'text'],
	['looking_for', 'public.looking_for[]'],
	['verified', 'boolean'],
	['created_at', 'timestamptz'],
	...[
		'headline',
		'country',
		'region',
		'languages',
		'programmes',
		'field',
		'prefectures',
		'years',
		'japanese',
		'business',
		'looking_for',
	].map((f): [string, string] => [`${f}_visibility`, 'public.visibility_level']),
];

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
	const sets = PROFILE_COLUMNS.filter(([c]) => c !== 'id')
		.map(([c]) =>
			c === 'verified'
				? `verified = x.verified, verified_at = case when x.verified then now() end`
				: `${c} = x.${c}`
		)
		.join(', ');
	const recordType = PROFILE_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ');
	for (let first = 0; first < PROFILES; first += BATCH) {
		const rows: ProfileRow[] = [];
		for (let n = first; n < Math.min(first + BATCH, PROFILES); n++) rows.push(profile(n));
		await db.transaction(async (tx) => {
			await tx.query(
				`insert into auth.users (id, aud, role, email, email_confirmed_at, raw_user_meta_data, created_at, updated_at)
				select x.id, 'authenticated', 'authenticated', x.id::text || '@bench.example', now(), '{}'::jsonb, now(), now()
				from jsonb_to_recordset($1::jsonb) as x(id uuid)`,
				[JSON.stringify(rows.map((r) => ({ id: r.id })))]
			);
			await tx.query(
				`update public.profiles p set ${sets}
				from jsonb_to_recordset($1::jsonb) as x(${recordType})
				where p.id = x.id`,
				[JSON.stringify(rows)]
			);
		});
		process.stdout.write(`\rloading profiles: ${Math.min(first + BATCH, PROFILES)} / ${PROFILES}`);
	}
	process.stdout.write('\n');
	// 500 organisations, a third verified, with 3,000 members.
	await db.exec(`
		insert into public.organisations (id, kind, name, country, verified, verified_at)
		select ('00000001-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
			(array['japanese_sme', 'ngo', 'diaspora_association', 'lender', 'incubator', 'recruiter'])[1 + n % 6]::public.organisation_kind,
			'Organisation ' || n,
			case when n % 6 = 0 then 'JP' else 'VN' end,
			n % 3 = 0, case when n % 3 = 0 then now() end
		from generate_series(1, 500) as n;
		insert into public.organisation_members (organisation_id, user_id, role)
		select ('00000001-0000-4000-8000-' || lpad(to_hex(1 + n % 500), 12, '0'))::uuid,
			('00000000-0000-4000-8000-' || lpad(to_hex(n * 7 % ${PROFILES}), 12, '0'))::uuid,
			case when n <= 500 then 'owner' else 'member' end::public.organisation_role
		from generate_series(1, 3000) as n;
		analyze;
	`);
	// Viewers: a member of a verified organisation, and profile 1, who belongs to none.
	const verified = await db.query<{ user_id: string }>(
		`select m.user_id from public.organisation_members m join public.organisations o on o.id = m.organisation_id
		where o.verified order by m.user_id limit 1`
	);
	return {
		seconds: (performance.now() - started) / 1000,
		verifiedMember: verified.rows[0]?.user_id ?? '',
		member: uuid(1, '00000000'),
	};
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
