/**
 * `npm run bench -- ventures`: venture matching both ways, measured in SQL (no HTTP), so the plans behind it can be
 * checked — public.venture_candidates() for one opportunity over 100,000 profiles, and public.ventures_for_me() for
 * one returnee over 10,000 opportunities.
 *
 * PGlite in memory (or the PostgreSQL at `--db-url`, on an empty database) with every migration; the directory
 * benchmarks' 100,000 profiles and 500 organisations (bench/lib/directory-data.ts; the businesses get a sector here,
 * mostly their owner's Japan field; the profile trigger keeps private.returnee_cards in step); 10,000 opportunities posted by the verified Japanese SMEs among them and by
 * returnees (sectors, target countries, Japanese levels and statuses drawn from the demo seed's vocabulary, 75 %
 * open), and 20,000 interests at every stage; ANALYZE. Then, as the right caller (role authenticated and JWT claims
 * set as PostgREST sets them): for several probe opportunities (different sectors, corridors, Japanese levels), a
 * warm-up and `--runs` calls of venture_candidates as a member of the posting SME (tier verified_orgs); for several
 * returnees of different countries and fields, the same for ventures_for_me; and EXPLAIN ANALYZE of the statement
 * each runs (rebuilt from the PL/pgSQL source with its variables bound, as the function binds them).
 *
 *   node bench/ventures.ts [--profiles 100000] [--opportunities 10000] [--runs 60] [--db-url postgresql://…] [--plans]
 *
 * Targets (issue 6): candidates p50 ≤ 30 ms, opportunities for a returnee p50 ≤ 10 ms, on the embedded backend.
 * Prints figures only. Last line: one JSON object.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database, type Queryable } from '../supabase/embedded/db/index.ts';
import { quoteLiteral } from '../supabase/embedded/db/quote.ts';
import { loadBootstrap, migrate } from '../supabase/embedded/migrate.ts';
import { Random } from '../supabase/seed/random.ts';
import { drawFieldWork, drawHomeCountry, HOME_COUNTRIES } from '../supabase/seed/vocabulary.ts';
import { loadDirectoryData, profileId } from './lib/directory-data.ts';
import { round, summarize, type Summary } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_CANDIDATES_P50_MS = 30;
const TARGET_OPPORTUNITIES_P50_MS = 10;

function option(name: string, fallback: string | undefined): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const PROFILES = Number(option('profiles', '100000'));
const OPPORTUNITIES = Number(option('opportunities', '10000'));
const RUNS = Number(option('runs', '60'));
const DB_URL = option('db-url', undefined);
const SHOW_PLANS = process.argv.includes('--plans');
const INTERESTS = OPPORTUNITIES * 2;
const BATCH = 2000;

/** Sectors outside the SSW fields that opportunities and returnees' businesses are in. */
const OTHER_SECTORS = [
	'trade',
	'retail',
	'information_technology',
	'tourism',
	'education',
	'recruitment',
];
const PARTNERSHIPS = [
	['joint_venture', 30],
	['distributor_agent', 25],
	['supplier', 20],
	['overseas_branch', 10],
	['franchise', 5],
	['investment', 10],
] as const;

async function openBenchDatabase(): Promise<Database> {
	const db = await openDatabase(DB_URL === undefined ? {} : { databaseUrl: DB_URL });
	await migrate(db, {
		bootstrap: await loadBootstrap(join(ROOT, 'supabase/embedded/bootstrap')),
		migrationsDir: join(ROOT, 'supabase/migrations'),
		seedFile: join(ROOT, 'supabase/no-seed-for-bench.sql'),
	});
	return db;
}

/** Gives every business of the directory data a sector: mostly the owner's Japan field, else another sector. */
async function addBusinessSectors(db: Database): Promise<void> {
	await db.exec(`
		update public.profiles p
		set business_sector = case
			when p.japan_field is not null and ('x' || substr(md5(p.id::text), 1, 4))::bit(16)::int % 10 < 6
				then p.japan_field::text::public.sector
			else (array['${OTHER_SECTORS.join("','")}'])[1 + ('x' || substr(md5(p.id::text), 5, 4))::bit(16)::int % ${OTHER_SECTORS.length}]::public.sector
		end
		where p.business_stage <> 'none';
	`);
}

interface Poster {
	organisation: string;
	member: string;
}

/** The verified Japanese SMEs of the directory data, each with one of its members. */
async function posters(db: Database): Promise<Poster[]> {
	const { rows } = await db.query<Poster>(
		`select o.id as organisation, min(m.user_id::text) as member
		from public.organisations o join public.organisation_members m on m.organisation_id = o.id
		where o.kind = 'japanese_sme' and o.verified
		group by o.id order by o.id`
	);
	return rows;
}

/** Opportunity `n` of the sequence that `random` draws. */
function opportunity(random: Random, n: number, smes: Poster[]): Record<string, unknown> {
	const sme = random.chance(0.9);
	const poster = random.pick(smes);
	const work = drawFieldWork(random);
	const sector = random.chance(0.75) ? work.field : random.pick(OTHER_SECTORS);
	const first = drawHomeCountry(random);
	const targets = new Set([first.code]);
	if (random.chance(0.4)) targets.add(drawHomeCountry(random).code);
	const job = random.pick(work.jobs);
	const type = random.weighted(PARTNERSHIPS);
	return {
		side: sme ? 'sme' : 'returnee',
		organisation_id: sme ? poster.organisation : null,
		owner_id: sme ? poster.member : profileId((n * 7919) % PROFILES),
		title: `${type.replaceAll('_', ' ')} partner for ${job} (${sector.replaceAll('_', ' ')})`,
		summary: `We look for a ${type.replaceAll('_', ' ')} partner in ${[...targets].join(' or ')} who knows ${job} and the local market.`,
		partnership_type: type,
		sector,
		target_countries: [...targets],
		offers: random.chance(0.7) ? `Training in Japan and equipment for ${job}.` : null,
		needs: random.chance(0.7) ? 'A partner with a team, premises and local buyers.' : null,
		required_skills: random.some(work.jobs, 0.3).slice(0, 3),
		min_jlpt: sme
			? random.weighted([
					[null, 40],
					['n4', 20],
					['n3', 30],
					['n2', 10],
				] as const)
			: null,
		capital: random.pick(['none', 'under_10k', '10k_50k', '50k_250k', '250k_1m', 'over_1m']),
		timeline: random.pick(['within_3_months', 'within_6_months', 'within_12_months', 'exploring']),
		languages: ['ja', first.language, ...(random.chance(0.5) ? ['en'] : [])].filter(
			(l, i, all) => all.indexOf(l) === i
		),
		prefecture: random.chance(0.8) ? random.pick(work.prefectures) : random.int(1, 47),
		status: random.weighted([
			['open', 75],
			['paused', 8],
			['closed', 12],
			['draft', 5],
		] as const),
	};
}

/** 10,000 opportunities (deterministic) and 20,000 interests at every stage, then ANALYZE. */
async function loadVentures(db: Database, smes: Poster[]): Promise<void> {
	const random = new Random(20_261_206);
	const columns =
		'side public.venture_side, organisation_id uuid, owner_id uuid, title text, summary text, partnership_type public.partnership_type, sector public.sector, target_countries public.country_code[], offers text, needs text, required_skills text[], min_jlpt public.jlpt_level, capital public.capital_range, timeline public.venture_timeline, languages text[], prefecture smallint, status public.venture_status';
	const names = columns
		.split(', ')
		.map((c) => c.split(' ')[0])
		.join(', ');
	for (let first = 0; first < OPPORTUNITIES; first += BATCH) {
		const rows = [];
		for (let n = first; n < Math.min(first + BATCH, OPPORTUNITIES); n++) {
			rows.push(opportunity(random, n, smes));
		}
		await db.query(
			`insert into public.ventures (${names})
			select ${names} from jsonb_to_recordset($1::jsonb) as x(${columns})`,
			[JSON.stringify(rows)]
		);
	}
	// Interest k: the k-th open SME opportunity (round robin) and a distinct returnee, at a stage by k.
	await db.exec(`
		with open as (
			select v.id, row_number() over (order by v.id) - 1 as i, count(*) over () as total
			from public.ventures v where v.status = 'open' and v.side = 'sme'
		)
		insert into public.venture_interests (venture_id, counterpart_id, initiated_by, stage, furthest_stage, message,
			corridor_country, mutual_at, introduced_at, close_reason, closed_at, stage_changed_at)
		select o.id, p.id, 'returnee', x.stage, x.furthest, 'Interested.', p.home_country,
			case when x.furthest >= 'mutual' then now() end,
			case when x.furthest >= 'introduced' then now() end,
			case when x.stage = 'closed' then 'not_a_fit'::public.close_reason end,
			case when x.stage = 'closed' then now() end,
			now() - make_interval(days => k % 60)
		from generate_series(1, ${INTERESTS}) as k
		join open o on o.i = k % o.total
		join public.profiles p on p.id = ('00000000-0000-4000-8000-' || lpad(to_hex((k * 7919) % ${PROFILES}), 12, '0'))::uuid
		cross join lateral (
			select (array['interest', 'interest', 'interest', 'interest', 'interest', 'mutual', 'mutual',
				'introduced', 'first_meeting', 'closed'])[1 + k % 10]::public.pipeline_stage as stage,
				(array['interest', 'interest', 'interest', 'interest', 'interest', 'mutual', 'mutual',
				'introduced', 'first_meeting', 'mutual'])[1 + k % 10]::public.pipeline_stage as furthest
		) as x
		on conflict do nothing;
		analyze;
	`);
}

interface Probe {
	name: string;
	id: string;
	caller: string;
}

/** Probe opportunities: one per typical shape, posted by a verified SME (inserted like the rest). */
async function probeOpportunities(db: Database, smes: Poster[]): Promise<Probe[]> {
	const shapes: [string, string, string[], string | null][] = [
		['VN, manufacturing, N3+', 'industrial_products_manufacturing', ['VN'], 'n3'],
		['VN+ID, food manufacturing', 'food_beverage_manufacturing', ['VN', 'ID'], null],
		['PH, construction, N4+', 'construction', ['PH'], 'n4'],
		['MM, nursing care, N3+', 'nursing_care', ['MM'], 'n3'],
		['KE+NP, agriculture', 'agriculture', ['KE', 'NP'], null],
		['ID, trade (no family)', 'trade', ['ID'], null],
	];
	const probes: Probe[] = [];
	for (const [index, [name, sector, targets, jlpt]] of shapes.entries()) {
		const poster = smes[index % smes.length] as Poster;
		const { rows } = await db.query<{ id: string }>(
			`insert into public.ventures (side, organisation_id, owner_id, title, summary, partnership_type, sector,
				target_countries, min_jlpt, languages, status)
			values ('sme', $1, $2, $3, 'A probe opportunity of the benchmark, open like the rest.', 'joint_venture',
				$4, $5::public.country_code[], $6, '{ja,en}', 'open')
			returning id`,
			[
				poster.organisation,
				poster.member,
				`Bench probe: ${name}`,
				sector,
				`{${targets.join(',')}}`,
				jlpt,
			]
		);
		probes.push({ name, id: rows[0]?.id ?? '', caller: poster.member });
	}
	await db.exec('analyze public.ventures');
	return probes;
}

/** Returnees of different countries and fields (named, listed for members, with a home country). */
async function pickReturnees(db: Database): Promise<Probe[]> {
	const wanted: [string, string, string][] = [
		['VN, manufacturing', 'VN', 'industrial_products_manufacturing'],
		['ID, construction', 'ID', 'construction'],
		['PH, food manufacturing', 'PH', 'food_beverage_manufacturing'],
		['MM, nursing care', 'MM', 'nursing_care'],
		['NP, food service', 'NP', 'food_service'],
		['KE, agriculture', 'KE', 'agriculture'],
	];
	const returnees: Probe[] = [];
	for (const [name, country, field] of wanted) {
		const { rows } = await db.query<{ id: string }>(
			`select p.id from public.profiles p
			where p.home_country = $1 and p.japan_field = $2 and p.kinds @> '{returnee}' and p.display_name <> ''
				and p.jlpt_level is not null
			order by p.id limit 1`,
			[country, field]
		);
		if (rows[0] !== undefined) returnees.push({ name, id: rows[0].id, caller: rows[0].id });
	}
	return returnees;
}

/** Runs `fn` in a transaction as member `id` (role and JWT claims as PostgREST sets them). */
async function asMember<T>(
	db: Database,
	id: string,
	fn: (tx: Queryable) => Promise<T>
): Promise<T> {
	return db.transaction(async (tx) => {
		const claims = JSON.stringify({ sub: id, role: 'authenticated', aud: 'authenticated' });
		await tx.exec(
			`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${quoteLiteral(claims)}, true)`
		);
		return fn(tx);
	});
}

/** `'value'::type` for a value the database computes (null stays a typed null). */
async function literal(tx: Queryable, expression: string, params: unknown[] = []): Promise<string> {
	const { rows } = await tx.query<{ l: string }>(
		`select coalesce(format('%L', x), 'null') || '::' || pg_typeof(x)::text as l from (select ${expression} as x) as s`,
		params
	);
	return rows[0]?.l ?? 'null';
}

/** The `return query` statement of a PL/pgSQL function, from its source. */
async function statementOf(db: Database, signature: string): Promise<string> {
	const { rows } = await db.query<{ src: string }>(
		`select prosrc as src from pg_proc where oid = '${signature}'::regprocedure`
	);
	return /return query\n([\s\S]*?);\nend;/.exec(rows[0]?.src ?? '')?.[1] ?? '';
}

/** The weights as the functions read them (w.<code>). */
async function weights(db: Queryable): Promise<Map<string, string>> {
	const { rows } = await db.query<{ code: string; value: number }>(
		`select code, value from public.venture_matching_weights() where kind = 'points'`
	);
	return new Map(rows.map((r) => [r.code, String(r.value)]));
}

/** Literals for every column of row `id` of `table` (alias.<column> → literal). */
async function rowLiterals(tx: Queryable, table: string, id: string): Promise<Map<string, string>> {
	const { rows } = await tx.query<{ name: string }>(
		`select attname as name from pg_attribute where attrelid = '${table}'::regclass and attnum > 0 and not attisdropped`
	);
	const out = new Map<string, string>();
	for (const { name } of rows) {
		out.set(name, await literal(tx, `(select t.${name} from ${table} t where t.id = $1)`, [id]));
	}
	return out;
}

function bind(
	sql: string,
	variables: [string, string][],
	records: [string, Map<string, string>][]
): string {
	let out = sql;
	// Longest names first, so v_related_fields is not read as v_related.
	for (const [name, value] of [...variables].sort((a, b) => b[0].length - a[0].length)) {
		out = out.replaceAll(new RegExp(`\\b${name}\\b`, 'g'), value);
	}
	for (const [alias, values] of records) {
		out = out.replaceAll(
			new RegExp(`\\b${alias}\\.(\\w+)`, 'g'),
			(match, name: string) => values.get(name) ?? match
		);
	}
	return out;
}

/** EXPLAIN ANALYZE of the statement venture_candidates runs for `probe` (private.venture_candidate_matches). */
async function explainCandidates(db: Database, probe: Probe): Promise<string> {
	const statement = await statementOf(
		db,
		'private.venture_candidate_matches(uuid, public.visibility_level, uuid, integer, integer)'
	);
	return db.transaction(async (tx) => {
		const v = await rowLiterals(tx, 'public.ventures', probe.id);
		const sector = `(select sector from public.ventures where id = ${quoteLiteral(probe.id)})`;
		const related = `private.related_sectors(${sector})`;
		const variables: [string, string][] = [
			['v_related_fields', await literal(tx, `private.sectors_as_fields(${related})`)],
			['v_related', await literal(tx, related)],
			['v_sectors', await literal(tx, `array[${sector}] || ${related}`)],
			['v_fields', await literal(tx, `private.sectors_as_fields(array[${sector}] || ${related})`)],
			['v_same_field', await literal(tx, `(private.sectors_as_fields(array[${sector}]))[1]`)],
			[
				'v_excluded',
				await literal(
					tx,
					`array(select i.counterpart_id from public.venture_interests i where i.venture_id = $1 and i.counterpart_id is not null
					union all select m.user_id from public.organisation_members m join public.ventures vv on vv.organisation_id = m.organisation_id where vv.id = $1
					union all select vv.owner_id from public.ventures vv where vv.id = $1 and vv.owner_id is not null)`,
					[probe.id]
				),
			],
			['v_seed', await literal(tx, `pg_catalog.uuid_hash(${quoteLiteral(probe.id)}::uuid)`)],
			['p_level', `'verified_orgs'::public.visibility_level`],
			['p_venture_id', `${quoteLiteral(probe.id)}::uuid`],
			['p_only', 'null::uuid'],
			['p_limit', '20'],
			['p_offset', '0'],
		];
		const sql = bind(statement, variables, [
			['w', await weights(tx)],
			['v', v],
		]);
		const result = await tx.query<{ 'QUERY PLAN': string }>(
			`explain (analyze, buffers off) ${sql}`
		);
		return result.rows.map((r) => r['QUERY PLAN']).join('\n');
	});
}

/** EXPLAIN ANALYZE of the statement ventures_for_me runs for returnee `probe` (private.venture_opportunity_matches). */
async function explainOpportunities(db: Database, probe: Probe): Promise<string> {
	const statement = await statementOf(
		db,
		'private.venture_opportunity_matches(uuid, uuid, integer, integer)'
	);
	return db.transaction(async (tx) => {
		const me = await rowLiterals(tx, 'public.profiles', probe.id);
		const field = `(select japan_field::text::public.sector from public.profiles where id = ${quoteLiteral(probe.id)})`;
		const business = `(select business_sector from public.profiles where id = ${quoteLiteral(probe.id)})`;
		const businessRelated = `coalesce(private.related_sectors(${business}), '{}')`;
		const fieldRelated = `coalesce(private.related_sectors(${field}), '{}')`;
		const orgs = `array(select m.organisation_id from public.organisation_members m where m.user_id = ${quoteLiteral(probe.id)}::uuid)`;
		const variables: [string, string][] = [
			['v_business_related', await literal(tx, businessRelated)],
			['v_field_sector', await literal(tx, field)],
			['v_field_related', await literal(tx, fieldRelated)],
			[
				'v_sectors',
				await literal(
					tx,
					`array_remove(array[${business}, ${field}], null) || ${businessRelated} || ${fieldRelated}`
				),
			],
			['v_orgs', await literal(tx, orgs)],
			[
				'v_excluded',
				await literal(
					tx,
					`array(select i.venture_id from public.venture_interests i where i.counterpart_id = $1
					union all select i.venture_id from public.venture_interests i where i.counterpart_organisation_id = any (${orgs}))`,
					[probe.id]
				),
			],
			['p_uid', `${quoteLiteral(probe.id)}::uuid`],
			['p_only', 'null::uuid'],
			['p_limit', '20'],
			['p_offset', '0'],
		];
		const sql = bind(statement, variables, [
			['w', await weights(tx)],
			['me', me],
		]);
		const result = await tx.query<{ 'QUERY PLAN': string }>(
			`explain (analyze, buffers off) ${sql}`
		);
		return result.rows.map((r) => r['QUERY PLAN']).join('\n');
	});
}

/** "12.3 ms via idx_a, idx_b" from a plan. */
function planSummary(plan: string): string {
	const time = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?';
	const indexes = [
		...new Set(
			[
				...plan.matchAll(/(?:Index|Bitmap Index) (?:Only )?Scan (?:Backward )?(?:using|on) (\w+)/g),
			].map((m) => m[1])
		),
	];
	const seq = [...new Set([...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]))];
	return `${time} ms via ${indexes.length > 0 ? indexes.join(', ') : 'no index'}${seq.length > 0 ? ` + seq scan of ${seq.join(', ')}` : ''}`;
}

interface Measured {
	name: string;
	rows: number;
	total: number;
	top: number;
	latency: Summary;
	plan: string;
}

/** Warm-up and RUNS timed calls of `sql` as `probe.caller`; then the plan. */
async function measure(
	db: Database,
	probe: Probe,
	sql: string,
	explain: (db: Database, probe: Probe) => Promise<string>,
	all: number[]
): Promise<Measured> {
	for (let i = 0; i < 5; i++) await asMember(db, probe.caller, (tx) => tx.query(sql));
	const samples: number[] = [];
	let rows: { score: number; total_count: number }[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		const result = await asMember(db, probe.caller, (tx) =>
			tx.query<{ score: number; total_count: number }>(sql)
		);
		samples.push(performance.now() - t0);
		rows = result.rows;
	}
	all.push(...samples);
	const plan = await explain(db, probe);
	if (SHOW_PLANS) console.log(`${plan}\n`);
	return {
		name: probe.name,
		rows: rows.length,
		total: Number(rows[0]?.total_count ?? 0),
		top: rows[0]?.score ?? 0,
		latency: summarize(samples),
		plan: planSummary(plan),
	};
}

function printRow(m: Measured): void {
	console.log(
		`${m.name.padEnd(34)} ${String(m.total).padStart(8)} ${String(m.top).padStart(9)} ${m.latency.p50.toFixed(1).padStart(8)} ${m.latency.p99.toFixed(1).padStart(8)}`
	);
	console.log(`    plan: ${m.plan}`);
}

const db = await openBenchDatabase();
try {
	const version = (await db.query<{ v: string }>('select version() as v')).rows[0]?.v ?? '';
	const database = version.split(' on ')[0] ?? version;
	console.log(`Database: ${database}`);
	const started = performance.now();
	await loadDirectoryData(db, {
		profiles: PROFILES,
		progress: (loaded) => process.stdout.write(`\rloading profiles: ${loaded} / ${PROFILES}`),
	});
	process.stdout.write('\n');
	await addBusinessSectors(db);
	const smes = await posters(db);
	await loadVentures(db, smes);
	const probes = await probeOpportunities(db, smes);
	const loadSeconds = (performance.now() - started) / 1000;
	const { rows: counts } = await db.query<{
		ventures: number;
		open: number;
		interests: number;
		cards: number;
	}>(
		`select (select count(*)::int from public.ventures) as ventures,
			(select count(*)::int from public.ventures where status = 'open') as open,
			(select count(*)::int from public.venture_interests) as interests,
			(select count(*)::int from private.returnee_cards) as cards`
	);
	const loaded = counts[0] ?? { ventures: 0, open: 0, interests: 0, cards: 0 };
	console.log(
		`Loaded ${PROFILES} profiles (${loaded.cards} named returnees), ${smes.length} verified SMEs, ${loaded.ventures} opportunities (${loaded.open} open), ${loaded.interests} interests in ${loadSeconds.toFixed(1)} s`
	);
	console.log(`Home countries drawn from: ${HOME_COUNTRIES.map((c) => c.code).join(', ')}`);

	const header = `${''.padEnd(34)} ${'matches'.padStart(8)} ${'top score'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`;
	console.log(
		`\nventure_candidates (as a member of the posting SME, tier verified_orgs)\n${header}`
	);
	const candidateSamples: number[] = [];
	const candidates: Measured[] = [];
	for (const probe of probes) {
		const measured = await measure(
			db,
			probe,
			`select * from public.venture_candidates(p_venture_id => ${quoteLiteral(probe.id)}, p_limit => 20)`,
			explainCandidates,
			candidateSamples
		);
		candidates.push(measured);
		printRow(measured);
	}

	console.log(`\nventures_for_me (as the returnee)\n${header}`);
	const opportunitySamples: number[] = [];
	const opportunities: Measured[] = [];
	for (const returnee of await pickReturnees(db)) {
		const measured = await measure(
			db,
			returnee,
			'select * from public.ventures_for_me(p_limit => 20)',
			explainOpportunities,
			opportunitySamples
		);
		opportunities.push(measured);
		printRow(measured);
	}

	const c = summarize(candidateSamples);
	const o = summarize(opportunitySamples);
	console.log(
		`\nventure_candidates: p50 ${c.p50.toFixed(1)} ms (target ≤ ${TARGET_CANDIDATES_P50_MS}), p99 ${c.p99.toFixed(1)} ms, ${c.count} calls`
	);
	console.log(
		`ventures_for_me:    p50 ${o.p50.toFixed(1)} ms (target ≤ ${TARGET_OPPORTUNITIES_P50_MS}), p99 ${o.p99.toFixed(1)} ms, ${o.count} calls`
	);
	const figures = (list: Measured[]) =>
		list.map((m) => ({
			name: m.name,
			matches: m.total,
			topScore: m.top,
			p50Ms: round(m.latency.p50),
			p99Ms: round(m.latency.p99),
			plan: m.plan,
		}));
	console.log(
		JSON.stringify({
			bench: 'ventures',
			database,
			profiles: PROFILES,
			returneeCards: loaded.cards,
			opportunities: loaded.ventures,
			openOpportunities: loaded.open,
			interests: loaded.interests,
			loadSeconds: round(loadSeconds, 1),
			runsPerProbe: RUNS,
			candidates: {
				p50Ms: round(c.p50),
				p99Ms: round(c.p99),
				targetP50Ms: TARGET_CANDIDATES_P50_MS,
				probes: figures(candidates),
			},
			forReturnee: {
				p50Ms: round(o.p50),
				p99Ms: round(o.p99),
				targetP50Ms: TARGET_OPPORTUNITIES_P50_MS,
				returnees: figures(opportunities),
			},
		})
	);
} finally {
	await db.close();
}
