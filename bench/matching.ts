/**
 * `npm run bench -- matching`: public.match_mentors() for one mentee against 5,000 mentors among 100,000 members,
 * measured in SQL (no HTTP), so the plan behind matching can be checked.
 *
 * PGlite in memory (or the PostgreSQL at `--db-url`, on an empty database) with every migration; the directory
 * benchmarks' 100,000 profiles (bench/lib/directory-data.ts); every 20th named profile offers mentoring (5,000
 * mentor profiles: topics, sectors, languages, countries, capacity 1–5), with load: 15,000 mentorships (active,
 * waiting, completed, declined, with answer times), so capacity, the waiting penalty and reply times all play;
 * ANALYZE. Then for several mentees of different countries, kinds and topics: a warm-up and `--runs` calls of
 * match_mentors as that mentee (role and JWT claims set as PostgREST sets them), timed end to end; and EXPLAIN
 * ANALYZE of the statement it runs.
 *
 *   node bench/matching.ts [--profiles 100000] [--runs 60] [--db-url postgresql://…] [--plans]
 *
 * Target (issue 5): p50 ≤ 20 ms on the embedded backend. Prints figures only. Last line: one JSON object.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database, type Queryable } from '../supabase/embedded/db/index.ts';
import { quoteLiteral } from '../supabase/embedded/db/quote.ts';
import { loadBootstrap, migrate } from '../supabase/embedded/migrate.ts';
import { loadDirectoryData } from './lib/directory-data.ts';
import { round, summarize, type Summary } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_P50_MS = 20;

function option(name: string, fallback: string | undefined): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const PROFILES = Number(option('profiles', '100000'));
const RUNS = Number(option('runs', '60'));
const DB_URL = option('db-url', undefined);
const SHOW_PLANS = process.argv.includes('--plans');
/** One member in MENTOR_EVERY offers mentoring: 5,000 of 100,000. */
const MENTOR_EVERY = 20;
const MENTORSHIPS = Math.round((PROFILES / MENTOR_EVERY) * 3);

async function openBenchDatabase(): Promise<Database> {
	const db = await openDatabase(DB_URL === undefined ? {} : { databaseUrl: DB_URL });
	await migrate(db, {
		bootstrap: await loadBootstrap(join(ROOT, 'supabase/embedded/bootstrap')),
		migrationsDir: join(ROOT, 'supabase/migrations'),
		seedFile: join(ROOT, 'supabase/no-seed-for-bench.sql'),
	});
	return db;
}

/** Mentor profiles and mentorships on top of the directory data, all in SQL (deterministic). */
async function loadMentoring(db: Database): Promise<void> {
	await db.exec(`
		insert into public.mentor_profiles (user_id, about, topics, sectors, languages, countries, formats, capacity, last_active_at)
		select p.id,
			'I help returnees with ' || replace(t.topics[1]::text, '_', ' ') || '.',
			t.topics,
			case when p.japan_field is not null and n % 3 <> 0
				then array[p.japan_field::text::public.sector] else '{}' end,
			(select array_agg(distinct l) from unnest(p.languages || case when n % 4 = 0 then array['en'] else '{}' end) as l),
			case when n % 5 = 0 then array[p.home_country, 'JP']::public.country_code[] else array[p.home_country]::public.country_code[] end,
			(case n % 3 when 0 then '{chat}' when 1 then '{chat,video_call}' else '{video_call,in_person}' end)::public.mentoring_format[],
			1 + n % 5,
			now() - make_interval(hours => n % 2000)
		from generate_series(0, ${PROFILES - 1}) as n
		join public.profiles p on p.id = ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid
		cross join lateral (
			select array_remove(array[
				(enum_range(null::public.mentoring_topic))[1 + n % 16],
				(enum_range(null::public.mentoring_topic))[1 + (n / 16) % 16],
				case when n % 2 = 0 then (enum_range(null::public.mentoring_topic))[1 + (n / 7) % 16] end
			], null) as topics
		) as t
		where n % ${MENTOR_EVERY} = 3 and p.display_name <> '' and cardinality(p.languages) > 0;
	`);
	// Load: for mentorship k, mentor number k mod mentors, a distinct mentee (7919 is prime to the profile count).
	await db.exec(`
		with mentors as (
			select user_id, row_number() over (order by user_id) - 1 as i, count(*) over () as total
			from public.mentor_profiles
		)
		insert into public.mentorships (mentee_id, mentor_id, status, topic, goal, match_score, requested_at,
			responded_at, expires_at, accepted_at, mentee_completed_at, mentor_completed_at, ended_at)
		select x.mentee, m.user_id, x.status, 'financing', 'Bench goal', 50,
			x.requested,
			case when x.status <> 'requested' then x.requested + make_interval(hours => 6 + (k * 37) % 200) end,
			case when x.status = 'requested' then x.requested + interval '14 days' end,
			case when x.status in ('active', 'completed') then x.requested + interval '9 days' end,
			case when x.status = 'completed' then x.requested + interval '60 days' end,
			case when x.status = 'completed' then x.requested + interval '61 days' end,
			case when x.status in ('completed', 'declined') then x.requested + interval '61 days' end
		from generate_series(1, ${MENTORSHIPS}) as k
		join mentors m on m.i = k % m.total
		cross join lateral (
			select ('00000000-0000-4000-8000-' || lpad(to_hex((k * 7919) % ${PROFILES}), 12, '0'))::uuid as mentee,
				(case
					when k % 10 < 3 then 'active'
					when k % 10 < 5 then 'requested'
					when k % 10 < 9 then 'completed'
					else 'declined'
				end)::public.mentorship_status as status,
				now() - make_interval(days => case when k % 10 in (3, 4) then k % 10 else 20 + k % 300 end) as requested
		) as x
		where x.mentee <> m.user_id;
		analyze;
	`);
}

interface Mentee {
	name: string;
	id: string;
	topic: string | null;
}

/** Mentees of different countries and kinds (none of them a mentor), each with a topic to ask about. */
async function pickMentees(db: Database): Promise<Mentee[]> {
	const wanted: [string, string, string, string | null][] = [
		['VN returnee, financing', 'VN', 'returnee', 'financing'],
		['ID in Japan (senpai), going to Japan', 'ID', 'in_japan', 'going_to_japan'],
		['PH returnee, food', 'PH', 'returnee', 'food'],
		['NP in Japan, no topic', 'NP', 'in_japan', null],
		['KE returnee, marketing', 'KE', 'returnee', 'marketing'],
	];
	const mentees: Mentee[] = [];
	for (const [name, country, kind, topic] of wanted) {
		const { rows } = await db.query<{ id: string }>(
			`select p.id from public.profiles p
			where p.home_country = $1 and p.kinds @> array[$2]::public.member_kind[] and p.display_name <> ''
				and cardinality(p.languages) > 1 and p.profile_visibility = 'members'
				and not exists (select 1 from public.mentor_profiles mp where mp.user_id = p.id)
			order by p.id limit 1`,
			[country, kind]
		);
		if (rows[0] !== undefined) mentees.push({ name, id: rows[0].id, topic });
	}
	return mentees;
}

async function asMentee<T>(
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

function callSql(mentee: Mentee): string {
	const topic = mentee.topic === null ? 'null' : quoteLiteral(mentee.topic);
	return `select * from public.match_mentors(p_topic => ${topic}, p_limit => 10)`;
}

/**
 * EXPLAIN ANALYZE of the statement match_mentors runs for `mentee`. The work is one `return query` statement in
 * the PL/pgSQL function private.mentor_matches, whose plan EXPLAIN cannot show from outside, so it is rebuilt from
 * the function's source: its variables become what the function binds (the weights, the mentee's values as a CTE,
 * the excluded ids, tier members).
 */
async function explain(db: Database, mentee: Mentee): Promise<string> {
	const { rows } = await db.query<{ src: string }>(
		`select prosrc as src from pg_proc
		where oid = 'private.mentor_matches(uuid, public.visibility_level, public.mentoring_topic, uuid, integer, integer)'::regprocedure`
	);
	const src = rows[0]?.src ?? '';
	// The mentee's values: the select just before `into me` and its from clause.
	const intoMe = src.indexOf('\n\tinto me\n');
	const selectStart = src.lastIndexOf('\n\tselect\n', intoMe);
	const meColumns = src.slice(selectStart + '\n\tselect\n'.length, intoMe);
	const meFrom = src.slice(intoMe + '\n\tinto me\n'.length, src.indexOf(';', intoMe));
	const excluded = /v_excluded := (array\([\s\S]*?\));/.exec(src);
	const statement = /return query\n([\s\S]*?);\nend;/.exec(src);
	if (intoMe < 0 || selectStart < 0 || excluded === null || statement === null) {
		return '(statement not found)';
	}
	const weights = await db.query<{ code: string; value: number }>(
		'select code, value from public.matching_weights()'
	);
	// The function reads the weights into a record whose fields are named by code.
	const weight = (name: string) =>
		String(weights.rows.find((w) => w.code === name)?.value ?? 'null');
	const topic =
		mentee.topic === null
			? 'null::public.mentoring_topic'
			: `${quoteLiteral(mentee.topic)}::public.mentoring_topic`;
	return db.transaction(async (tx) => {
		// The mentee's values as the function holds them, bound as typed literals like PL/pgSQL binds them.
		const bindParams = (sql: string) =>
			sql
				.replaceAll(/\bw\.(\w+)/g, (_, name: string) => weight(name))
				.replaceAll('p_mentee', `${quoteLiteral(mentee.id)}::uuid`)
				.replaceAll('p_level', `'members'::public.visibility_level`)
				.replaceAll('p_topic', topic)
				.replaceAll('p_only', 'null::uuid')
				.replaceAll('p_limit', '10')
				.replaceAll('p_offset', '0');
		await tx.exec(
			`create temp table bench_me on commit drop as select\n${meColumns}\n${bindParams(meFrom)}`
		);
		const columns = await tx.query<{ name: string; type: string }>(
			`select attname as name, atttypid::regtype::text as type from pg_attribute
			where attrelid = 'bench_me'::regclass and attnum > 0`
		);
		const me: Record<string, string> = {};
		for (const { name, type } of columns.rows) {
			const value = await tx.query<{ literal: string }>(
				`select format('%L', ${name}) || '::' || ${quoteLiteral(type)} as literal from bench_me`
			);
			me[name] = value.rows[0]?.literal ?? 'null';
		}
		const bind = (sql: string) =>
			bindParams(sql).replaceAll(/\bme\.(\w+)/g, (_, name: string) => me[name] ?? 'null');
		const sql = bind(statement[1] ?? '').replaceAll('v_excluded', bind(excluded[1] ?? ''));
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
	await loadMentoring(db);
	const loadSeconds = (performance.now() - started) / 1000;
	const { rows: counts } = await db.query<{
		mentors: number;
		mentorships: number;
		available: number;
	}>(
		`select (select count(*)::int from public.mentor_profiles) as mentors,
			(select count(*)::int from public.mentorships) as mentorships,
			(select count(*)::int from public.mentor_profiles where not paused and active_count < capacity) as available`
	);
	const loaded = counts[0] ?? { mentors: 0, mentorships: 0, available: 0 };
	console.log(
		`Loaded ${PROFILES} profiles, ${loaded.mentors} mentors (${loaded.available} with a place free), ${loaded.mentorships} mentorships in ${loadSeconds.toFixed(1)} s`
	);

	const mentees = await pickMentees(db);
	const results: {
		name: string;
		topic: string | null;
		candidates: number;
		top: number;
		latency: Summary;
		plan: string;
	}[] = [];
	const all: number[] = [];
	console.log(
		`\n${'mentee'.padEnd(40)} ${'candidates'.padStart(10)} ${'top score'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`
	);
	for (const mentee of mentees) {
		const sql = callSql(mentee);
		for (let i = 0; i < 5; i++) await asMentee(db, mentee.id, (tx) => tx.query(sql));
		const samples: number[] = [];
		let top = 0;
		for (let i = 0; i < RUNS; i++) {
			const t0 = performance.now();
			const result = await asMentee(db, mentee.id, (tx) => tx.query<{ score: number }>(sql));
			samples.push(performance.now() - t0);
			top = result.rows[0]?.score ?? 0;
		}
		all.push(...samples);
		const { rows: candidates } = await db.query<{ n: number }>(
			`select count(*)::int as n from private.mentor_matches($1, 'members', null, null, 100000, 0)`,
			[mentee.id]
		);
		const plan = await explain(db, mentee);
		const latency = summarize(samples);
		results.push({
			name: mentee.name,
			topic: mentee.topic,
			candidates: candidates[0]?.n ?? 0,
			top,
			latency,
			plan: planSummary(plan),
		});
		console.log(
			`${mentee.name.padEnd(40)} ${String(candidates[0]?.n ?? 0).padStart(10)} ${String(top).padStart(9)} ${latency.p50.toFixed(1).padStart(8)} ${latency.p99.toFixed(1).padStart(8)}`
		);
		console.log(`    plan: ${planSummary(plan)}`);
		if (SHOW_PLANS) console.log(`${plan}\n`);
	}
	const overall = summarize(all);
	console.log(
		`\nmatch_mentors: p50 ${overall.p50.toFixed(1)} ms (target ≤ ${TARGET_P50_MS}), p99 ${overall.p99.toFixed(1)} ms, ${all.length} calls`
	);
	console.log(
		JSON.stringify({
			bench: 'matching',
			database,
			profiles: PROFILES,
			mentors: loaded.mentors,
			mentorships: loaded.mentorships,
			loadSeconds: round(loadSeconds, 1),
			runsPerMentee: RUNS,
			p50Ms: round(overall.p50),
			p99Ms: round(overall.p99),
			targetP50Ms: TARGET_P50_MS,
			mentees: results.map((r) => ({
				name: r.name,
				topic: r.topic,
				candidates: r.candidates,
				topScore: r.top,
				p50Ms: round(r.latency.p50),
				p99Ms: round(r.latency.p99),
				plan: r.plan,
			})),
		})
	);
} finally {
	await db.close();
}
