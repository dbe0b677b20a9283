/**
 * `npm run bench -- load`: the site under load as `npm start` runs it — the production build served by
 * scripts/serve.ts in front of the embedded backend with the demo seed — plus 100,000 generated profiles
 * (bench/lib/directory-data.ts), each process on free loopback ports with a fresh temporary data directory.
 *
 * 1. Reads: `--users` (50) virtual users for `--seconds` (60 s), each sending one request after the other:
 *    knowledge pages (prerendered, every page of the build in every language), directory searches (varied
 *    filters, text and pages; signed out and signed in) and profile pages (public profiles signed out; public
 *    and members-only profiles signed in). Any answer other than 2xx/3xx, or a network error, is an error.
 * 2. Writes: `--writers` (20) concurrent writers for `--write-seconds` (30 s), half editing their members'
 *    profiles through the site's action (`/_actions/profiles.save`, a form post as the browser's), half
 *    sending mentorship messages through `/_actions/mentoring.sendMessage`, spread over 100 active
 *    mentorships set up between generated members. Every write carries a unique marker; each acknowledged
 *    one (2xx) is looked for afterwards in the database. Refused by a rate limit (429) is neither
 *    acknowledged nor lost: it is counted apart. The message rate limit (30 per member per 10 minutes)
 *    stays on; the auth server's per-IP limits are off (RATE_LIMITS=off) for the ~300 members the
 *    bench signs in from one address.
 *
 *   node bench/load.ts [--profiles 100000] [--users 50] [--seconds 60] [--writers 20] [--write-seconds 30]
 *                      [--dist dist]
 *
 * Prints a table per phase and the machine's load average; last line: one JSON object with the figures.
 * Exits 1 when a request failed or an acknowledged write is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServerClient } from '@supabase/ssr';
import bcrypt from 'bcryptjs';
import { openDatabase } from '../supabase/embedded/db/index.ts';
import type { Database } from '../supabase/embedded/contracts.ts';
import { run } from '../scripts/run.ts';
import {
	freePort,
	killStartedBackends,
	startBackendProcess,
	type BackendProcess,
} from './lib/backend-process.ts';
import { loadDirectoryData, profileId } from './lib/directory-data.ts';
import { round, summarize } from './lib/stats.ts';

const PASSWORD = 'bench load password';
const LOCALES = ['', '/ja', '/vi', '/id', '/sw'];

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const PROFILES = Number(option('profiles', '100000'));
const USERS = Number(option('users', '50'));
const SECONDS = Number(option('seconds', '60'));
const WRITERS = Number(option('writers', '20'));
const WRITE_SECONDS = Number(option('write-seconds', '30'));
const DIST = option('dist', 'dist');
/** Mentorships for the message writers, and members per profile writer. */
const PAIRS = 100;
const MEMBERS_PER_EDITOR = 5;
/** The first generated profile the writers and signed-in readers use (the rest are only read). */
const FIRST_WRITER_PROFILE = Math.floor(PROFILES / 2);

let site: ChildProcess | undefined;
let backend: BackendProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'okaeri-bench-load-'));

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the built site as `npm start` does (scripts/serve.ts, or the bare entry of an older build). */
async function startSite(env: Record<string, string>): Promise<string> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const args = existsSync('scripts/serve.ts')
		? ['scripts/serve.ts', DIST]
		: [join(DIST, 'server/entry.mjs')];
	site = spawn(process.execPath, args, {
		env: {
			PATH: process.env['PATH'] ?? '',
			HOME: process.env['HOME'] ?? '',
			HOST: '127.0.0.1',
			PORT: String(port),
			SITE_URL: url,
			...env,
		},
		// Its logs of backend errors would drown the figures; the errors are counted from its answers.
		stdio: 'ignore',
	});
	const deadline = performance.now() + 60_000;
	while (performance.now() < deadline) {
		if (site.exitCode !== null) throw new Error('the site exited during start-up');
		const up = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) }).then(
			(r) => r.ok,
			() => false
		);
		if (up) return url;
		await sleep(100);
	}
	throw new Error(`the site did not answer at ${url} within 60 s`);
}

/** The session cookies the site would set after signing `email` in, as one Cookie header. */
async function sessionCookie(email: string): Promise<string> {
	const { url, anonKey } = backend as BackendProcess;
	const cookies: { name: string; value: string }[] = [];
	const supabase = createServerClient(url, anonKey, {
		cookies: { getAll: () => cookies, setAll: (set) => void cookies.push(...set) },
	});
	const { error } = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
	if (error) throw new Error(`signing ${email} in failed: ${error.message}`);
	return cookies.map(({ name, value }) => `${name}=${encodeURIComponent(value)}`).join('; ');
}

/** Signs everyone in `emails` in, four at a time; resolves to their cookies in the same order. */
async function signIn(emails: string[]): Promise<string[]> {
	const cookies: string[] = new Array<string>(emails.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (next < emails.length) {
				const i = next++;
				cookies[i] = await sessionCookie(emails[i] as string);
			}
		})
	);
	return cookies;
}

/** Every prerendered page of the build (format 'directory': `<path>/index.html`). */
function knowledgePaths(client: string): string[] {
	const paths: string[] = [];
	const walk = (dir: string): void => {
		for (const name of readdirSync(dir)) {
			if (name === '_astro' || name === 'pagefind') continue;
			const full = join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (name === 'index.html') paths.push(`/${relative(client, dir)}`.replace(/\/$/, ''));
		}
	};
	walk(client);
	return paths.map((p) => p || '/');
}

// --- the read phase ---

const COUNTRIES = ['VN', 'ID', 'PH', 'NP', 'MM', 'KH', 'LK', 'MN', 'UZ', 'KE'];
const PROGRAMMES = ['titp_1', 'titp_2', 'titp_3', 'ssw_1', 'ssw_2'];
const JLPT = ['n5', 'n4', 'n3', 'n2'];
const FIELDS = ['construction', 'nursing_care', 'food_service', 'agriculture', 'manufacturing'];
const WORDS = ['welding', 'nguyen', 'care', 'farm', 'trading', 'kaizen', 'nihongo', 'sari'];

/** A random directory search: one to three filters, sometimes text, a page from 1 to 5, any language. */
function searchPath(random: () => number): string {
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const params = new URLSearchParams();
	if (random() < 0.7) params.set('country', pick(COUNTRIES));
	if (random() < 0.4) params.set('programme', pick(PROGRAMMES));
	if (random() < 0.3) params.set('jlpt', pick(JLPT));
	if (random() < 0.2) params.set('field', pick(FIELDS));
	if (random() < 0.3) params.set('q', pick(WORDS));
	const page = 1 + Math.floor(random() * 5);
	if (page > 1) params.set('page', String(page));
	const query = params.toString();
	return `${pick(LOCALES)}/directory${query ? `?${query}` : ''}`;
}

type Route =
	'knowledge' | 'directory (anon)' | 'directory (member)' | 'profile (anon)' | 'profile (member)';

interface ReadFigures {
	latencies: Map<Route, number[]>;
	/** Errors by route and status (or network error), and a path that had each. */
	errors: Map<string, number>;
	examples: Map<string, string>;
	requests: number;
	seconds: number;
}

async function readPhase(
	siteUrl: string,
	knowledge: string[],
	publicIds: string[],
	memberIds: string[],
	cookies: string[]
): Promise<ReadFigures> {
	const latencies = new Map<Route, number[]>();
	const errors = new Map<string, number>();
	const examples = new Map<string, string>();
	const fail = (what: string, path: string) => {
		errors.set(what, (errors.get(what) ?? 0) + 1);
		if (!examples.has(what)) examples.set(what, path);
	};
	let requests = 0;
	const started = performance.now();
	const deadline = started + SECONDS * 1000;
	await Promise.all(
		Array.from({ length: USERS }, async (_, user) => {
			// Deterministic per user, different between users.
			let seed = 0x9e3779b9 ^ (user * 2654435761);
			const random = () => {
				seed = (seed * 1664525 + 1013904223) >>> 0;
				return seed / 2 ** 32;
			};
			const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
			// Every other user is signed in.
			const cookie = user % 2 === 1 ? cookies[(user >> 1) % cookies.length] : undefined;
			while (performance.now() < deadline) {
				const roll = random();
				let route: Route;
				let path: string;
				if (roll < 0.4) {
					route = 'knowledge';
					path = pick(knowledge);
				} else if (roll < 0.75) {
					route = cookie ? 'directory (member)' : 'directory (anon)';
					path = searchPath(random);
				} else {
					route = cookie ? 'profile (member)' : 'profile (anon)';
					const id = cookie && random() < 0.5 ? pick(memberIds) : pick(publicIds);
					path = `${pick(LOCALES)}/people/${id}`;
				}
				const sent = performance.now();
				try {
					const response = await fetch(`${siteUrl}${path}`, {
						headers: route === 'knowledge' || !cookie ? {} : { cookie },
						redirect: 'manual',
					});
					await response.arrayBuffer();
					if (response.status >= 400) fail(`${route}: ${response.status}`, path);
				} catch (error) {
					fail(`${route}: ${error instanceof Error ? error.message : String(error)}`, path);
				}
				const list = latencies.get(route) ?? [];
				list.push(performance.now() - sent);
				latencies.set(route, list);
				requests++;
			}
		})
	);
	return { latencies, errors, examples, requests, seconds: (performance.now() - started) / 1000 };
}

// --- the write phase ---

type Outcome = 'acknowledged' | 'rate-limited' | 'failed';

/** Posts `form` to the site's action `name` as the member of `cookie`, as the browser's action call does. */
async function postAction(
	siteUrl: string,
	name: string,
	form: FormData,
	cookie: string
): Promise<{ outcome: Outcome; detail: string; ms: number }> {
	const sent = performance.now();
	try {
		const response = await fetch(`${siteUrl}/_actions/${name}`, {
			method: 'POST',
			headers: { cookie, origin: siteUrl, accept: 'application/json' },
			body: form,
		});
		const body = await response.text();
		const ms = performance.now() - sent;
		if (response.ok) return { outcome: 'acknowledged', detail: '', ms };
		if (response.status === 429 || /rate_limited/.test(body))
			return { outcome: 'rate-limited', detail: '', ms };
		return { outcome: 'failed', detail: `${response.status} ${body.slice(0, 200)}`, ms };
	} catch (error) {
		return {
			outcome: 'failed',
			detail: error instanceof Error ? error.message : String(error),
			ms: performance.now() - sent,
		};
	}
}

/**
 * The profile form as the edit page posts it, from the member's row, with `headline` changed. Every column
 * goes in: the action's schema (ProfileSchema) keeps the form's fields and drops the rest.
 */
function profileForm(row: Record<string, unknown>, headline: string): FormData {
	const form = new FormData();
	for (const [field, stored] of Object.entries(row)) {
		const value = field === 'headline' ? headline : stored;
		if (value === null || value === undefined || value === false) continue;
		if (Array.isArray(value)) for (const item of value) form.append(field, String(item));
		else form.append(field, value === true ? 'on' : String(value));
	}
	return form;
}

interface WriteFigures {
	kind: 'profile edit' | 'message';
	attempted: number;
	acknowledged: number;
	rateLimited: number;
	failed: number;
	/** What was looked for: acknowledged messages; for edits, members (their last acknowledged edit). */
	checked: number;
	found: number;
	lost: number;
	latencies: number[];
	failures: string[];
}

function figures(kind: WriteFigures['kind']): WriteFigures {
	return {
		kind,
		attempted: 0,
		acknowledged: 0,
		rateLimited: 0,
		failed: 0,
		checked: 0,
		found: 0,
		lost: 0,
		latencies: [],
		failures: [],
	};
}

function count(f: WriteFigures, result: { outcome: Outcome; detail: string; ms: number }): void {
	f.attempted++;
	f.latencies.push(result.ms);
	if (result.outcome === 'acknowledged') f.acknowledged++;
	else if (result.outcome === 'rate-limited') f.rateLimited++;
	else {
		f.failed++;
		if (f.failures.length < 5) f.failures.push(result.detail);
	}
}

interface Pair {
	id: string;
	mentee: string;
	mentor: string;
}

async function writePhase(
	db: Database,
	siteUrl: string,
	editors: { id: string; cookie: string; row: Record<string, unknown> }[],
	pairs: (Pair & { menteeCookie: string; mentorCookie: string })[]
): Promise<WriteFigures[]> {
	const edits = figures('profile edit');
	const messages = figures('message');
	const run = `load-${Date.now().toString(36)}`;
	// Per member: the markers in the order sent, and the last one acknowledged.
	const sent = new Map<string, string[]>();
	const lastAcknowledged = new Map<string, string>();
	const acknowledgedMessages = new Set<string>();
	const deadline = performance.now() + WRITE_SECONDS * 1000;
	const editorWriters = Math.ceil(WRITERS / 2);
	const messageWriters = WRITERS - editorWriters;
	await Promise.all([
		...Array.from({ length: editorWriters }, async (_, w) => {
			const mine = editors.filter((_, i) => i % editorWriters === w);
			for (let n = 0; performance.now() < deadline; n++) {
				const member = mine[n % mine.length];
				if (member === undefined) return;
				const marker = `${run} edit ${w}.${n}`;
				sent.set(member.id, [...(sent.get(member.id) ?? []), marker]);
				const result = await postAction(
					siteUrl,
					'profiles.save',
					profileForm(member.row, marker),
					member.cookie
				);
				count(edits, result);
				if (result.outcome === 'acknowledged') lastAcknowledged.set(member.id, marker);
			}
		}),
		...Array.from({ length: messageWriters }, async (_, w) => {
			const mine = pairs.filter((_, i) => i % messageWriters === w);
			for (let n = 0; performance.now() < deadline; n++) {
				const pair = mine[Math.floor(n / 2) % mine.length];
				if (pair === undefined) return;
				// Mentee and mentor take turns, so each sends half of the thread's messages.
				const cookie = n % 2 === 0 ? pair.menteeCookie : pair.mentorCookie;
				const marker = `${run} message ${w}.${n}`;
				const form = new FormData();
				form.append('mentorship_id', pair.id);
				form.append('body', marker);
				const result = await postAction(siteUrl, 'mentoring.sendMessage', form, cookie);
				count(messages, result);
				if (result.outcome === 'acknowledged') acknowledgedMessages.add(marker);
			}
		}),
	]);

	// Read everything back from the database itself.
	const stored = await db.query<{ body: string }>(
		`select body from public.mentorship_messages where body like $1`,
		[`${run} message %`]
	);
	const bodies = new Set(stored.rows.map((r) => r.body));
	messages.checked = acknowledgedMessages.size;
	for (const marker of acknowledgedMessages) {
		if (bodies.has(marker)) messages.found++;
		else messages.lost++;
	}
	// A profile keeps one headline: the last acknowledged edit must be there, or one sent after it (an edit
	// whose answer was lost may still have been saved, and then rightly replaced it).
	const headlines = await db.query<{ id: string; headline: string | null }>(
		`select id, headline from public.profiles where id = any($1::uuid[])`,
		[editors.map((e) => e.id)]
	);
	const current = new Map(headlines.rows.map((r) => [r.id, r.headline]));
	edits.checked = lastAcknowledged.size;
	for (const [id, marker] of lastAcknowledged) {
		const order = sent.get(id) ?? [];
		const now = current.get(id) ?? '';
		if (order.indexOf(now) >= order.indexOf(marker)) edits.found++;
		else edits.lost++;
	}
	return [edits, messages];
}

// --- main ---

function pad(value: string | number, width: number): string {
	return String(value).padStart(width);
}

try {
	const entry = join(DIST, 'server/entry.mjs');
	if (!existsSync(entry) && DIST !== 'dist') throw new Error(`${entry} does not exist`);
	if (!existsSync(entry)) await run('npm', ['run', '--silent', 'build']);
	const started = performance.now();
	backend = await startBackendProcess({
		dataDir,
		// The demo seed (supabase/seed.sql), as `npm start`. The auth server's per-IP limits are off: the
		// bench signs its ~300 members in at once from one address (the message limit, in the database,
		// stays on).
		env: { ENABLE_EMAIL_AUTOCONFIRM: 'true', RATE_LIMITS: 'off' },
		timeoutMs: 180_000,
	});
	const db = await openDatabase({ databaseUrl: backend.dbUrl });
	try {
		const demo = await db.query<{ n: string }>('select count(*)::text as n from public.profiles');
		console.log(`Backend: embedded, demo seed (${demo.rows[0]?.n ?? '?'} profiles)`);
		await loadDirectoryData(db, {
			profiles: PROFILES,
			// Cost 4: the bench signs ~300 members in; what it measures comes after.
			passwordHash: bcrypt.hashSync(PASSWORD, 4).replace(/^\$2b\$/, '$2a$'),
			progress: (loaded) => process.stdout.write(`\rloading profiles: ${loaded} / ${PROFILES}`),
		});
		process.stdout.write('\n');

		// Named members (the actions want a display name) from the upper half of the generated profiles: the
		// writers' and the signed-in readers'.
		const editorCount = Math.ceil(WRITERS / 2) * MEMBERS_PER_EDITOR;
		const readerCount = Math.ceil(USERS / 2);
		const named = await db.query<{ id: string }>(
			`select id from public.profiles where id >= $1 and display_name <> '' order by id limit $2`,
			[profileId(FIRST_WRITER_PROFILE), 2 * PAIRS + editorCount + readerCount]
		);
		const namedIds = named.rows.map((r) => r.id);
		// Active mentorships between them for the message writers.
		const pairs: Pair[] = Array.from({ length: PAIRS }, (_, i) => ({
			id: `00000002-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
			mentee: namedIds[2 * i] as string,
			mentor: namedIds[2 * i + 1] as string,
		}));
		await db.query(
			`insert into public.mentorships (id, mentee_id, mentor_id, status, topic, goal, requested_at, responded_at, accepted_at)
			select x.id, x.mentee, x.mentor, 'active', 'marketing', 'Load test thread', now(), now(), now()
			from jsonb_to_recordset($1::jsonb) as x(id uuid, mentee uuid, mentor uuid)`,
			[JSON.stringify(pairs)]
		);
		const editorIds = namedIds.slice(2 * PAIRS, 2 * PAIRS + editorCount);
		const readerIds = namedIds.slice(2 * PAIRS + editorCount);
		// As JSON, so that arrays of enums arrive as arrays (as the edit page has them).
		const rows = await db.query<{ row: Record<string, unknown> & { id: string } }>(
			`select to_jsonb(p) as row from public.profiles p where id = any($1::uuid[])`,
			[editorIds]
		);
		const visible = await db.query<{ id: string; profile_visibility: string }>(
			`select id, profile_visibility from public.profiles
			where display_name <> '' and profile_visibility in ('public', 'members')
			order by md5(id::text) limit 4000`
		);
		const publicIds = visible.rows
			.filter((r) => r.profile_visibility === 'public')
			.map((r) => r.id);
		const memberIds = visible.rows.map((r) => r.id);
		console.log(
			`Loaded ${PROFILES} profiles and ${PAIRS} mentorships in ${((performance.now() - started) / 1000).toFixed(1)} s`
		);

		const siteUrl = await startSite({
			SUPABASE_URL: backend.url,
			SUPABASE_ANON_KEY: backend.anonKey,
			SUPABASE_SERVICE_ROLE_KEY: backend.serviceRoleKey,
		});
		const signInStarted = performance.now();
		const emailOf = (id: string) => `${id}@bench.example`;
		const readerCookies = await signIn(readerIds.map(emailOf));
		const editorCookies = await signIn(editorIds.map(emailOf));
		const pairCookies = await signIn(pairs.flatMap((p) => [emailOf(p.mentee), emailOf(p.mentor)]));
		console.log(
			`Signed ${readerIds.length + editorIds.length + 2 * PAIRS} members in (${((performance.now() - signInStarted) / 1000).toFixed(1)} s)`
		);
		const knowledge = knowledgePaths(join(DIST, 'client'));

		// Warm up the site's code paths (not recorded).
		for (const path of ['/', '/directory', `/people/${publicIds[0] ?? ''}`])
			await fetch(`${siteUrl}${path}`).then((r) => r.arrayBuffer());

		console.log(
			`\nReads: ${USERS} users for ${SECONDS} s over ${knowledge.length} knowledge pages, searches and ${memberIds.length} profiles…`
		);
		const loadBefore = loadavg()[0] ?? 0;
		const reads = await readPhase(siteUrl, knowledge, publicIds, memberIds, readerCookies);
		const loadAfterReads = loadavg()[0] ?? 0;
		const readErrors = [...reads.errors.values()].reduce((a, b) => a + b, 0);
		console.log(
			`\n${'route'.padEnd(20)} ${pad('requests', 9)} ${pad('p50 ms', 8)} ${pad('p90 ms', 8)} ${pad('p99 ms', 8)} ${pad('max ms', 8)}`
		);
		const routes = [...reads.latencies.entries()].map(([route, list]) => ({
			route,
			...summarize(list),
		}));
		for (const r of routes) {
			console.log(
				`${r.route.padEnd(20)} ${pad(r.count, 9)} ${pad(r.p50.toFixed(1), 8)} ${pad(r.p90.toFixed(1), 8)} ${pad(r.p99.toFixed(1), 8)} ${pad(r.max.toFixed(1), 8)}`
			);
		}
		const rps = reads.requests / reads.seconds;
		console.log(
			`overall: ${reads.requests} requests in ${reads.seconds.toFixed(1)} s = ${rps.toFixed(1)} req/s; errors ${readErrors}`
		);
		for (const [what, n] of reads.errors.entries())
			console.log(`  error ×${n}: ${what} (e.g. ${reads.examples.get(what) ?? ''})`);
		if ([...reads.errors.keys()].some((what) => what.endsWith(': 503')))
			console.log(
				'  (503: the site gave up waiting for the backend, after 15 s per request: SUPABASE_FETCH_TIMEOUT_MS)'
			);

		const editors = editorIds.map((id, i) => ({
			id,
			cookie: editorCookies[i] as string,
			row: rows.rows.find((r) => r.row.id === id)?.row ?? {},
		}));
		const pairsSignedIn = pairs.map((p, i) => ({
			...p,
			menteeCookie: pairCookies[2 * i] as string,
			mentorCookie: pairCookies[2 * i + 1] as string,
		}));
		console.log(
			`\nWrites: ${WRITERS} writers for ${WRITE_SECONDS} s (profile edits and messages through the site's actions)…`
		);
		const writes = await writePhase(db, siteUrl, editors, pairsSignedIn);
		const loadAfterWrites = loadavg()[0] ?? 0;
		console.log(
			`\n${'write'.padEnd(14)} ${pad('sent', 6)} ${pad('acknowledged', 13)} ${pad('checked', 8)} ${pad('found', 7)} ${pad('lost', 5)} ${pad('429', 5)} ${pad('failed', 7)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)}`
		);
		for (const w of writes) {
			const l = summarize(w.latencies);
			console.log(
				`${w.kind.padEnd(14)} ${pad(w.attempted, 6)} ${pad(w.acknowledged, 13)} ${pad(w.checked, 8)} ${pad(w.found, 7)} ${pad(w.lost, 5)} ${pad(w.rateLimited, 5)} ${pad(w.failed, 7)} ${pad(l.p50.toFixed(1), 8)} ${pad(l.p99.toFixed(1), 8)}`
			);
			for (const failure of w.failures) console.log(`  failed: ${failure}`);
		}
		console.log(
			'(a profile keeps its last edit: for edits, checked/found/lost count members, whose last acknowledged edit must hold)'
		);
		console.log(
			`\nMachine: ${cpus().length} cores, load average ${loadBefore.toFixed(2)} → ${loadAfterReads.toFixed(2)} (reads) → ${loadAfterWrites.toFixed(2)} (writes); others may be running`
		);
		const writeFailures = writes.reduce((a, w) => a + w.failed, 0);
		const lost = writes.reduce((a, w) => a + w.lost, 0);
		console.log(
			JSON.stringify({
				bench: 'load',
				profiles: PROFILES,
				users: USERS,
				seconds: round(reads.seconds),
				requests: reads.requests,
				rps: round(rps, 1),
				errors: readErrors,
				routes: routes.map((r) => ({
					route: r.route,
					requests: r.count,
					p50Ms: round(r.p50),
					p99Ms: round(r.p99),
				})),
				writers: WRITERS,
				writeSeconds: WRITE_SECONDS,
				writes: writes.map((w) => ({
					kind: w.kind,
					sent: w.attempted,
					acknowledged: w.acknowledged,
					checked: w.checked,
					found: w.found,
					lost: w.lost,
					rateLimited: w.rateLimited,
					failed: w.failed,
					p50Ms: round(summarize(w.latencies).p50),
					p99Ms: round(summarize(w.latencies).p99),
				})),
				loadAverage: [round(loadBefore), round(loadAfterReads), round(loadAfterWrites)],
				cores: cpus().length,
			})
		);
		if (readErrors > 0 || writeFailures > 0 || lost > 0) process.exitCode = 1;
	} finally {
		await db.close();
	}
} finally {
	if (site?.exitCode === null) {
		site.kill('SIGTERM');
		await new Promise((resolve) => site?.once('exit', resolve));
	}
	await backend?.stop();
	rmSync(dataDir, { recursive: true, force: true });
}
