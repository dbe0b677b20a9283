/**
 * `npm run bench -- organisations-sql`: the organisation directory as it grows from 500 to 10,000 organisations,
 * measured in SQL (no HTTP), so public.organisation_search() can be checked at each size.
 *
 * PGlite in memory (or the PostgreSQL at `--db-url`, on an empty database) with the platform bootstrap and every
 * migration. Organisations are added in steps (`--sizes`): deterministic names, kinds, countries (Japanese ones
 * with a prefecture), sectors and descriptions, a third verified; ANALYZE after each step. At each size, for
 * typical directory queries, a warm-up and `--runs` calls of organisation_search as an anonymous visitor (role
 * and JWT claims set as PostgREST sets them), timed end to end.
 *
 *   node bench/organisations-sql.ts [--sizes 500,2000,10000] [--runs 40] [--db-url postgresql://…]
 *
 * Target (issue 4, as for people): search p50 ≤ 50 ms and p99 ≤ 150 ms on the embedded backend. Prints figures
 * only. Last line: one JSON object with the figures.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../supabase/embedded/db/index.ts';
import { quoteLiteral } from '../supabase/embedded/db/quote.ts';
import { loadBootstrap, migrate } from '../supabase/embedded/migrate.ts';
import { round, summarize, type Summary } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_P50_MS = 50;
const TARGET_P99_MS = 150;

function option(name: string, fallback: string | undefined): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const SIZES = (option('sizes', '500,2000,10000') ?? '')
	.split(',')
	.map(Number)
	.sort((a, b) => a - b);
const RUNS = Number(option('runs', '40'));
const DB_URL = option('db-url', undefined);

type Args = Record<string, string | number | boolean>;

const SCENARIOS: { name: string; args: Args }[] = [
	{ name: 'first page, no filter', args: {} },
	{ name: 'kind', args: { p_kind: 'ngo' } },
	{ name: 'country + verified', args: { p_country: 'VN', p_verified: true } },
	{ name: 'sector + country', args: { p_sector: 'construction', p_country: 'VN' } },
	{ name: 'Japan, prefecture', args: { p_country: 'JP', p_prefecture: '23' } },
	{ name: 'by name, page 30', args: { p_sort: 'name', p_offset: 580 } },
	{ name: 'newest, last page', args: { p_sort: 'recent', p_offset: 980 } },
	{ name: 'word in descriptions', args: { p_query: 'welding' } },
	{ name: 'name', args: { p_query: 'sakura foods' } },
	{ name: 'name with a typo', args: { p_query: 'mekonk' } },
	{
		name: 'word + kind, by name',
		args: { p_query: 'caregiving', p_kind: 'lender', p_sort: 'name' },
	},
];

/** Adds organisations numbered from..to (1-based), deterministic, a third verified. */
async function addOrganisations(db: Database, from: number, to: number): Promise<void> {
	await db.exec(`
		insert into public.organisations (id, kind, name, country, prefecture, region, sector, description, verified, verified_at)
		select ('00000003-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
			(array['japanese_sme', 'ngo', 'diaspora_association', 'lender', 'incubator', 'recruiter'])[1 + n % 6]::public.organisation_kind,
			(array['Sakura', 'Mekong', 'Nusantara', 'Harambee', 'Himalaya', 'Luzon', 'Fuji', 'Kivu'])[1 + n % 8] || ' ' ||
				(array['Foods', 'Works', 'Care', 'Trading', 'Logistics', 'Partners', 'Fund', 'Network'])[1 + (n / 8) % 8] ||
				' ' || n,
			case when n % 6 = 0 then 'JP' else (array['VN', 'ID', 'PH', 'KE', 'NP', 'MM'])[1 + n % 7 % 6] end,
			case when n % 6 = 0 then 1 + n % 47 end,
			case when n % 6 <> 0 then 'Region ' || n % 30 end,
			(enum_range(null::public.sector))[1 + n % 29],
			'We work with returnees in ' ||
				(array['welding', 'caregiving', 'farming', 'sewing', 'construction'])[1 + n % 5] || '.',
			n % 3 = 0, case when n % 3 = 0 then now() end
		from generate_series(${from}, ${to}) as n;
		analyze public.organisations;
	`);
}

function callSql(args: Args): string {
	const named = Object.entries(args).map(
		([k, v]) => `${k} => ${typeof v === 'string' ? quoteLiteral(v) : String(v)}`
	);
	return `select * from public.organisation_search(${named.join(', ')})`;
}

const db = await openDatabase(DB_URL === undefined ? {} : { databaseUrl: DB_URL });
try {
	await migrate(db, {
		bootstrap: await loadBootstrap(join(ROOT, 'supabase/embedded/bootstrap')),
		migrationsDir: join(ROOT, 'supabase/migrations'),
		seedFile: join(ROOT, 'supabase/no-seed-for-bench.sql'),
	});
	const version = (await db.query<{ v: string }>('select version() as v')).rows[0]?.v ?? '';
	console.log(`Database: ${version.split(' on ')[0] ?? version}`);
	const results: {
		size: number;
		name: string;
		matches: string;
		latency: Summary;
	}[] = [];
	const all: number[] = [];
	let loaded = 0;
	for (const size of SIZES) {
		await addOrganisations(db, loaded + 1, size);
		loaded = size;
		console.log(`\n${size} organisations`);
		for (const scenario of SCENARIOS) {
			const sql = callSql(scenario.args);
			const call = () =>
				db.transaction(async (tx) => {
					await tx.exec(
						`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`
					);
					return tx.query<{ total_count: string; total_capped: boolean }>(sql);
				});
			for (let i = 0; i < 5; i++) await call();
			const samples: number[] = [];
			let matches = '0';
			for (let i = 0; i < RUNS; i++) {
				const started = performance.now();
				const { rows } = await call();
				samples.push(performance.now() - started);
				matches = `${Number(rows[0]?.total_count ?? 0)}${rows[0]?.total_capped === true ? '+' : ''}`;
			}
			all.push(...samples);
			const latency = summarize(samples);
			results.push({ size, name: scenario.name, matches, latency });
			console.log(
				`  ${scenario.name.padEnd(28)} ${matches.padStart(6)} matches  p50 ${latency.p50.toFixed(1).padStart(6)} ms  p99 ${latency.p99.toFixed(1).padStart(6)} ms`
			);
		}
	}
	const overall = summarize(all);
	console.log(
		`\nAll searches: p50 ${overall.p50.toFixed(1)} ms (target ≤ ${TARGET_P50_MS}), p99 ${overall.p99.toFixed(1)} ms (target ≤ ${TARGET_P99_MS}), ${all.length} calls`
	);
	console.log(
		JSON.stringify({
			bench: 'organisations-sql',
			database: version.split(' on ')[0] ?? version,
			sizes: SIZES,
			runsPerScenario: RUNS,
			p50Ms: round(overall.p50),
			p99Ms: round(overall.p99),
			targetP50Ms: TARGET_P50_MS,
			targetP99Ms: TARGET_P99_MS,
			scenarios: results.map((r) => ({
				organisations: r.size,
				name: r.name,
				matches: r.matches,
				p50Ms: round(r.latency.p50),
				p99Ms: round(r.latency.p99),
			})),
		})
	);
} finally {
	await db.close();
}
