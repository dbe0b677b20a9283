/**
 * `npm run bench -- directory`: the people directory and a profile page at 100,000 profiles, through the site as
 * people use it: the production build (`dist/server/entry.mjs`, built first when missing) in front of the embedded
 * backend, both as their own processes on free loopback ports, like `npm start`.
 *
 * The backend starts on a fresh temporary data directory with every migration and no demo seed; 100,000
 * deterministic profiles and 500 organisations are loaded over its PostgreSQL wire protocol
 * (bench/lib/directory-data.ts, the data of `directory-sql`). The site then serves a signed-in member (session
 * cookies written by @supabase/ssr, as the site writes them) and an anonymous visitor. For each page below, after
 * a warm-up, `--runs` sequential requests in alternating blocks; every request is timed from sending it to the
 * last byte of the page (loopback: the site's and backend's time, not the network's) and must answer 200 with
 * the content expected.
 *
 *   node bench/directory.ts [--profiles 100000] [--runs 100] [--entry dist/server/entry.mjs]
 *
 * Targets (issue 4): search p50 ≤ 50 ms and p99 ≤ 150 ms; profile page p50 ≤ 30 ms. Prints figures only.
 * Last line: one JSON object with the figures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServerClient } from '@supabase/ssr';
import bcrypt from 'bcryptjs';
import { openDatabase } from '../supabase/embedded/db/index.ts';
import { run } from '../scripts/run.ts';
import {
	freePort,
	killStartedBackends,
	startBackendProcess,
	type BackendProcess,
} from './lib/backend-process.ts';
import { loadDirectoryData, profileEmail } from './lib/directory-data.ts';
import { type LoadResult, runInterleaved } from './lib/load.ts';
import { round } from './lib/stats.ts';

const TARGET_SEARCH_P50_MS = 50;
const TARGET_SEARCH_P99_MS = 150;
const TARGET_PROFILE_P50_MS = 30;
const PASSWORD = 'bench directory password';

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const PROFILES = Number(option('profiles', '100000'));
const RUNS = Number(option('runs', '100'));
/** The built site to serve (another build than this checkout's with `--entry <dir>/dist/server/entry.mjs`). */
const SITE_ENTRY = option('entry', 'dist/server/entry.mjs');

/** One page measured: what it asks, as whom, and what its answer must contain. */
interface Page {
	name: string;
	kind: 'search' | 'profile';
	viewer: 'anon' | 'member';
	/** The path of request `i`. */
	path: (i: number) => string;
	/** Text a complete page has. */
	expect: string;
	/** Result cards on the last page served (search pages). */
	cards?: number;
}

let site: ChildProcess | undefined;
let backend: BackendProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'okaeri-bench-directory-'));

function cleanUp(): void {
	if (site?.exitCode === null) site.kill('SIGKILL');
	killStartedBackends();
	rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		cleanUp();
		process.exit(130);
	});
}

async function startSite(env: Record<string, string>): Promise<string> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [SITE_ENTRY], {
		env: {
			PATH: process.env['PATH'] ?? '',
			HOME: process.env['HOME'] ?? '',
			HOST: '127.0.0.1',
			PORT: String(port),
			...env,
		},
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	site = child;
	const deadline = performance.now() + 60_000;
	while (performance.now() < deadline) {
		if (child.exitCode !== null) throw new Error('the site exited during start-up');
		try {
			if ((await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) })).ok) return url;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`the site did not answer at ${url} within 60 s`);
}

/** The session cookies the site would set after signing `email` in, as one Cookie header. */
async function sessionCookie(backendUrl: string, anonKey: string, email: string): Promise<string> {
	const cookies: { name: string; value: string }[] = [];
	const supabase = createServerClient(backendUrl, anonKey, {
		cookies: { getAll: () => cookies, setAll: (set) => void cookies.push(...set) },
	});
	const { error } = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
	if (error) throw new Error(`signing ${email} in failed: ${error.message}`);
	return cookies.map(({ name, value }) => `${name}=${encodeURIComponent(value)}`).join('; ');
}

function table(rows: { page: Page; result: LoadResult }[]): void {
	console.log(
		`\n${'page'.padEnd(58)} ${'viewer'.padEnd(7)} ${'cards'.padStart(5)} ${'runs'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`
	);
	for (const { page, result } of rows) {
		const l = result.latencyMs;
		console.log(
			`${page.name.padEnd(58)} ${page.viewer.padEnd(7)} ${String(page.cards ?? '').padStart(5)} ${String(l.count).padStart(5)} ${l.p50.toFixed(1).padStart(8)} ${l.p90.toFixed(1).padStart(8)} ${l.p99.toFixed(1).padStart(8)}`
		);
	}
}

try {
	if (!existsSync(SITE_ENTRY) && process.argv.includes('--entry'))
		throw new Error(`${SITE_ENTRY} does not exist`);
	if (!existsSync(SITE_ENTRY)) await run('npm', ['run', '--silent', 'build']);
	const started = performance.now();
	backend = await startBackendProcess({
		dataDir,
		env: { SEED_FILE: '/dev/null', RATE_LIMITS: 'off', SITE_URL: 'http://127.0.0.1' },
		timeoutMs: 120_000,
	});
	const db = await openDatabase({ databaseUrl: backend.dbUrl });
	let member: string;
	try {
		const version = (await db.query<{ v: string }>('select version() as v')).rows[0]?.v ?? '';
		console.log(`Backend: ${version.split(' on ')[0] ?? version} (embedded, on disk)`);
		await loadDirectoryData(db, {
			profiles: PROFILES,
			passwordHash: bcrypt.hashSync(PASSWORD, 10).replace(/^\$2b\$/, '$2a$'),
			progress: (loaded) => process.stdout.write(`\rloading profiles: ${loaded} / ${PROFILES}`),
		});
		process.stdout.write('\n');
		// A member who belongs to no organisation (profile 1, as in directory-sql), and profiles to open.
		member = profileEmail(1);
	} finally {
		await db.close();
	}
	const visible = await (async () => {
		const check = await openDatabase({ databaseUrl: backend.dbUrl });
		try {
			const { rows } = await check.query<{ id: string }>(
				`select id from public.profiles where display_name <> '' and profile_visibility = 'public'
				order by id limit 200`
			);
			return rows.map((r) => r.id);
		} finally {
			await check.close();
		}
	})();
	console.log(
		`Loaded ${PROFILES} profiles in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);

	const siteUrl = await startSite({
		SUPABASE_URL: backend.url,
		SUPABASE_ANON_KEY: backend.anonKey,
		SUPABASE_SERVICE_ROLE_KEY: backend.serviceRoleKey,
	});
	const cookie = await sessionCookie(backend.url, backend.anonKey, member);

	const PAGES: Page[] = [
		{
			name: 'search: country + programme + JLPT N3+, page 3',
			kind: 'search',
			viewer: 'member',
			path: () => '/directory?country=VN&programme=titp_2&jlpt=n3&page=3',
			expect: '</main>',
		},
		{
			name: 'search: country + programme + JLPT N3+, page 3',
			kind: 'search',
			viewer: 'anon',
			path: () => '/directory?country=VN&programme=titp_2&jlpt=n3&page=3',
			expect: '</main>',
		},
		{
			name: 'search: text "welding" + country, page 3',
			kind: 'search',
			viewer: 'member',
			path: () => '/directory?q=welding&country=VN&page=3',
			expect: '</main>',
		},
		{
			name: 'search: name "nguyen thi" + field, page 3',
			kind: 'search',
			viewer: 'member',
			path: () => '/directory?q=nguyen%20thi&field=construction&page=3',
			expect: '</main>',
		},
		{
			name: 'profile page /people/<id> (200 public profiles in turn)',
			kind: 'profile',
			viewer: 'member',
			path: (i) => `/people/${visible[i % visible.length]}`,
			expect: '</main>',
		},
		{
			name: 'profile page /people/<id> (200 public profiles in turn)',
			kind: 'profile',
			viewer: 'anon',
			path: (i) => `/people/${visible[i % visible.length]}`,
			expect: '</main>',
		},
	];
	const operations = Object.fromEntries(
		PAGES.map((page, n) => [
			String(n),
			async (i: number) => {
				const response = await fetch(`${siteUrl}${page.path(i)}`, {
					headers: page.viewer === 'member' ? { cookie } : {},
					redirect: 'manual',
				});
				const body = await response.text();
				if (response.status !== 200 || !body.includes(page.expect)) {
					throw new Error(
						`${page.path(i)} as ${page.viewer}: ${response.status}, ${body.length} bytes without ${page.expect}`
					);
				}
				if (page.kind === 'search') page.cards = body.split('class="card"').length - 1;
			},
		])
	);
	const load1 = loadavg()[0] ?? 0;
	const results = await runInterleaved(operations, {
		requests: RUNS,
		maxSeconds: 300,
		blocks: 5,
		warmup: { requests: 20, maxSeconds: 60 },
	});
	const rows = PAGES.map((page, n) => ({ page, result: results[String(n)] as LoadResult }));
	table(rows);
	const search = rows.filter((r) => r.page.kind === 'search').map((r) => r.result.latencyMs);
	const profile = rows.filter((r) => r.page.kind === 'profile').map((r) => r.result.latencyMs);
	const worst = (list: typeof search, key: 'p50' | 'p99') => Math.max(...list.map((s) => s[key]));
	const load2 = loadavg()[0] ?? 0;
	console.log(
		`\nSearch pages: p50 ${worst(search, 'p50').toFixed(1)} ms (worst page; target ≤ ${TARGET_SEARCH_P50_MS}), p99 ${worst(search, 'p99').toFixed(1)} ms (target ≤ ${TARGET_SEARCH_P99_MS})`
	);
	console.log(
		`Profile page: p50 ${worst(profile, 'p50').toFixed(1)} ms (worst viewer; target ≤ ${TARGET_PROFILE_P50_MS})`
	);
	console.log(
		`Machine: ${cpus().length} cores, load average ${load1.toFixed(2)} → ${load2.toFixed(2)} (others may be running)`
	);
	console.log(
		JSON.stringify({
			bench: 'directory',
			profiles: PROFILES,
			runsPerPage: RUNS,
			searchP50Ms: round(worst(search, 'p50')),
			searchP99Ms: round(worst(search, 'p99')),
			profileP50Ms: round(worst(profile, 'p50')),
			targetSearchP50Ms: TARGET_SEARCH_P50_MS,
			targetSearchP99Ms: TARGET_SEARCH_P99_MS,
			targetProfileP50Ms: TARGET_PROFILE_P50_MS,
			loadAverage: [round(load1), round(load2)],
			pages: rows.map(({ page, result }) => ({
				name: page.name,
				viewer: page.viewer,
				...(page.cards === undefined ? {} : { cardsOnPage: page.cards }),
				runs: result.latencyMs.count,
				p50Ms: round(result.latencyMs.p50),
				p90Ms: round(result.latencyMs.p90),
				p99Ms: round(result.latencyMs.p99),
			})),
		})
	);
} finally {
	if (site?.exitCode === null) {
		site.kill('SIGTERM');
		await new Promise((resolve) => site?.once('exit', resolve));
	}
	await backend?.stop();
	rmSync(dataDir, { recursive: true, force: true });
}
