/**
 * SIGKILL during writes, with the built site in front of the embedded backend (both processes of this suite's
 * own, on free ports, with a fresh data directory): members save their profiles through the site's action
 * (`/_actions/profiles.save`, as the browser posts it) while a service writes organisations over REST
 * (supabase-js) and creates accounts (GoTrue admin API). Killing the backend, or the site, in the middle and
 * starting it again on the same data directory loses nothing that was acknowledged with a 2xx.
 * (tests/integration/persistence.test.ts covers REST inserts alone, on PGlite and PostgreSQL.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect, test } from './fixtures.ts';
import { type ChildBackend, startChildBackend } from '../integration/support/child-backend.ts';
import { freePort, startSite, type SiteProcess } from './site-process.ts';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const PASSWORD = 'faults-test-password';
const MEMBERS = 4;
const dataDir = mkdtempSync(join(tmpdir(), 'okaeri-e2e-faults-'));
let backendEnv: Record<string, string>;
let backend: ChildBackend;
let site: SiteProcess;
let sitePort: number;
let admin: SupabaseClient;
const members: { id: string; cookie: string; row: Record<string, unknown> }[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function siteEnv(): Promise<Record<string, string>> {
	return {
		SUPABASE_URL: backend.url,
		SUPABASE_ANON_KEY: backend.anonKey,
		SUPABASE_SERVICE_ROLE_KEY: backend.serviceRoleKey,
	};
}

/** The session cookies the site would set after signing `email` in, as one Cookie header. */
async function sessionCookie(email: string): Promise<string> {
	const cookies: { name: string; value: string }[] = [];
	const supabase = createServerClient(backend.url, backend.anonKey, {
		cookies: { getAll: () => cookies, setAll: (set) => void cookies.push(...set) },
	});
	const { error } = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
	if (error) throw new Error(`signing ${email} in failed: ${error.message}`);
	return cookies.map(({ name, value }) => `${name}=${encodeURIComponent(value)}`).join('; ');
}

/** The profile form as the edit page posts it, from the member's row, with `headline` changed. */
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

/** What the writers sent and which answers were a 2xx. */
interface Ledger {
	/** Per member, the headlines in the order sent, and the last one acknowledged. */
	sent: Map<string, string[]>;
	lastAcknowledged: Map<string, string>;
	organisations: string[];
	accounts: string[];
	/** Writes answered with a 2xx, all kinds. */
	acknowledged: number;
	/** The first answers of the site that were not a 2xx (for the failure message). */
	refusals: string[];
}

/**
 * Runs the writers; once each kind of write has been acknowledged, runs `stop()` (the fault) and then stops the
 * writers. Resolves to the ledger once every writer has stopped.
 */
async function writeUntil(label: string, stop: () => Promise<void>): Promise<Ledger> {
	const ledger: Ledger = {
		sent: new Map(),
		lastAcknowledged: new Map(),
		organisations: [],
		accounts: [],
		acknowledged: 0,
		refusals: [],
	};
	let running = true;
	const loop = async (write: (n: number) => Promise<void>) => {
		for (let n = 0; running; n++) {
			try {
				await write(n);
			} catch {
				// Refused or unanswered: not acknowledged. The writers go on until told to stop.
				await sleep(50);
			}
		}
	};
	const writers = [
		...members.map((member, m) =>
			loop(async (n) => {
				const headline = `${label} ${m}.${n}`;
				member.row['headline'] = headline;
				ledger.sent.set(member.id, [...(ledger.sent.get(member.id) ?? []), headline]);
				const response = await fetch(`${site.url}/_actions/profiles.save`, {
					method: 'POST',
					headers: { cookie: member.cookie, origin: site.url, accept: 'application/json' },
					body: profileForm(member.row, headline),
					signal: AbortSignal.timeout(20_000),
				});
				if (response.ok) {
					ledger.lastAcknowledged.set(member.id, headline);
					ledger.acknowledged++;
				} else if (ledger.refusals.length < 5) {
					ledger.refusals.push(`${response.status} ${(await response.text()).slice(0, 200)}`);
				}
			})
		),
		loop(async (n) => {
			const name = `${label} organisation ${n}`;
			const { error } = await admin
				.from('organisations')
				.insert({ kind: 'ngo', name, country: 'VN' })
				.select('id')
				.single();
			if (error === null) {
				ledger.organisations.push(name);
				ledger.acknowledged++;
			}
		}),
		loop(async (n) => {
			const email = `${label.replace(/\W/g, '')}-${n}@faults.example`;
			const { error } = await admin.auth.admin.createUser({
				email,
				password: PASSWORD,
				email_confirm: true,
			});
			if (error === null) {
				ledger.accounts.push(email);
				ledger.acknowledged++;
			}
		}),
	];
	// Every kind of write acknowledged at least once (and the writers well under way) before the fault.
	const started = Date.now();
	while (
		Date.now() - started < 2000 ||
		(Date.now() - started < 90_000 &&
			(ledger.lastAcknowledged.size < members.length ||
				ledger.organisations.length === 0 ||
				ledger.accounts.length === 0))
	)
		await sleep(100);
	await stop();
	running = false;
	await Promise.all(writers);
	return ledger;
}

/** Checks every acknowledged write of `ledger` against the backend's data now. */
async function expectAllPresent(ledger: Ledger): Promise<void> {
	const { data: profiles, error } = await admin
		.from('profiles')
		.select('id, headline')
		.in(
			'id',
			members.map((m) => m.id)
		);
	expect(error).toBeNull();
	for (const [id, headline] of ledger.lastAcknowledged) {
		const order = ledger.sent.get(id) ?? [];
		const now = profiles?.find((p) => p.id === id)?.headline as string;
		// The last acknowledged edit, or a later one whose answer the kill cut off.
		expect(order.indexOf(now), `${id}: ${now} after ${headline}`).toBeGreaterThanOrEqual(
			order.indexOf(headline)
		);
	}
	const names = new Set<string>();
	for (let from = 0; ; from += 1000) {
		const { data } = await admin
			.from('organisations')
			.select('name')
			.range(from, from + 999);
		for (const row of data ?? []) names.add(row.name as string);
		if ((data ?? []).length < 1000) break;
	}
	expect(ledger.organisations.filter((name) => !names.has(name))).toEqual([]);
	for (const email of ledger.accounts) {
		const signIn = await createClient(backend.url, backend.anonKey, {
			auth: { persistSession: false },
		}).auth.signInWithPassword({ email, password: PASSWORD });
		expect(signIn.error, email).toBeNull();
	}
}

test.beforeAll(async () => {
	// A fresh backend applies every migration: slow on a busy machine.
	test.setTimeout(180_000);
	backendEnv = {
		DATA_DIR: dataDir,
		PORT: String(await freePort()),
		DB_PORT: '-1',
		SEED_FILE: '/dev/null',
		// What is tested is durability: no writer may be slowed down or refused by a limit.
		RATE_LIMITS: 'off',
	};
	sitePort = await freePort();
	backendEnv['SITE_URL'] = `http://127.0.0.1:${sitePort}`;
	backend = await startChildBackend(backendEnv, ['--fresh']);
	admin = createClient(backend.url, backend.serviceRoleKey, { auth: { persistSession: false } });
	for (let m = 0; m < MEMBERS; m++) {
		const email = `member-${m}@faults.example`;
		const { data, error } = await admin.auth.admin.createUser({
			email,
			password: PASSWORD,
			email_confirm: true,
		});
		if (error || !data.user) throw new Error(`creating ${email} failed: ${error?.message}`);
		const id = data.user.id;
		const { error: named } = await admin
			.from('profiles')
			.update({ display_name: `Member ${m}` })
			.eq('id', id);
		if (named) throw new Error(`${named.message}\n${backend.output().slice(-3000)}`);
		const { data: row } = await admin.from('profiles').select('*').eq('id', id).single();
		members.push({ id, cookie: await sessionCookie(email), row: row as Record<string, unknown> });
	}
	site = await startSite(sitePort, await siteEnv());
});

test.afterAll(async () => {
	test.setTimeout(60_000);
	await site?.stop();
	await backend?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

test('a save through the site works before any fault', async () => {
	const member = members[0] as (typeof members)[number];
	const response = await fetch(`${site.url}/_actions/profiles.save`, {
		method: 'POST',
		headers: { cookie: member.cookie, origin: site.url, accept: 'application/json' },
		body: profileForm(member.row, 'before the faults'),
	});
	expect(response.status, await response.text()).toBe(200);
});

test('SIGKILL of the backend during writes loses no acknowledged write', async () => {
	const ledger = await writeUntil('backend kill', async () => {
		await backend.stop('SIGKILL');
		// Writes in flight fail now; let the writers see that for a moment.
		await sleep(500);
	});
	expect(ledger.lastAcknowledged.size, ledger.refusals.join('\n')).toBe(MEMBERS);
	expect(ledger.organisations.length).toBeGreaterThan(0);
	expect(ledger.accounts.length).toBeGreaterThan(0);

	// The same data directory and port: the database opens cleanly, and the site (still running) reconnects.
	backend = await startChildBackend(backendEnv);
	expect(backend.output()).not.toMatch(/error|recover/i);
	await expectAllPresent(ledger);
	const page = await fetch(`${site.url}/profile/edit`, {
		headers: { cookie: (members[0] as (typeof members)[number]).cookie },
	});
	expect(page.status).toBe(200);
});

test('SIGKILL of the site during writes loses no acknowledged write', async () => {
	const ledger = await writeUntil('site kill', async () => {
		await site.stop('SIGKILL');
		await sleep(500);
	});
	expect(ledger.lastAcknowledged.size, ledger.refusals.join('\n')).toBe(MEMBERS);
	site = await startSite(sitePort, await siteEnv());
	await expectAllPresent(ledger);
	// The site is stateless: the members are still signed in after its restart, and see what was saved.
	const member = members[0] as (typeof members)[number];
	const { data } = await admin.from('profiles').select('headline').eq('id', member.id).single();
	const page = await fetch(`${site.url}/profile/edit`, { headers: { cookie: member.cookie } });
	expect(page.status).toBe(200);
	expect(await page.text()).toContain(String(data?.headline));
});
