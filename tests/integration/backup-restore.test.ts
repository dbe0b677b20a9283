/**
 * `npm run backup` and `npm run restore` (scripts/backup.ts, scripts/restore.ts) on a real install: a backend
 * process with a data directory (on the PostgreSQL pass, its database on the run's cluster) holding a member with
 * a known password, a profile and an avatar → a backup while it runs → a restore into a fresh data directory →
 * a backend started there: the member signs in with the same password, and the profile and the avatar are there.
 * A second backup once the backend has stopped is the same file as the first: the running one was consistent.
 */
import { spawnSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { BackupManifest } from '../../scripts/backup.ts';
import { restoreBackup } from '../../scripts/restore.ts';
import { type ChildBackend, startChildBackend } from './support/child-backend.ts';
import { createTestDatabase, ON_POSTGRES, type TestDatabase } from './support/postgres.ts';
import { freePort } from '../../scripts/free-port.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const NODE = join(REPO, 'node_modules/.bin/node');
const PASSWORD = 'kept-through-backup-7';
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
const CLIENT = { auth: { persistSession: false, autoRefreshToken: false } };

const dir = mkdtempSync(join(tmpdir(), 'backup-restore-'));
// The migrations up to the storage buckets (members, profiles, organisations, verification, buckets): all this
// file needs, and each fresh database (the install, the restore) replays them, so fewer make it faster. The
// export test and a backup of the demo data cover the whole schema.
const MIGRATIONS = join(dir, 'migrations');
const MIGRATION_FILES = readdirSync(join(REPO, 'supabase/migrations'))
	.filter((f) => f.endsWith('.sql'))
	.sort()
	.filter((f) => f <= '20261121000500_storage_buckets.sql');
mkdirSync(MIGRATIONS);
for (const file of MIGRATION_FILES)
	copyFileSync(join(REPO, 'supabase/migrations', file), join(MIGRATIONS, file));
const email = `returnee-${Date.now().toString(36)}@example.com`;
let database: TestDatabase | undefined;
let env: Record<string, string>;
let original: ChildBackend | undefined;
let restored: ChildBackend | undefined;
let memberId = '';
let onlineBackup = '';

/** Runs one of the scripts as `npm run` would; resolves to its output, rejects with it on failure. */
function script(name: string, args: string[], extraEnv: Record<string, string>): string {
	const result = spawnSync(NODE, [join(REPO, 'scripts', name), ...args], {
		env: { ...process.env, ...extraEnv },
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`${name} failed:\n${result.stdout}${result.stderr}`);
	return result.stdout;
}

function manifestOf(backup: string): BackupManifest {
	return JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8')) as BackupManifest;
}

beforeAll(async () => {
	database = ON_POSTGRES ? await createTestDatabase() : undefined;
	env = {
		DATA_DIR: join(dir, 'install'),
		PORT: String(await freePort()),
		DB_PORT: String(await freePort()),
		SEED_FILE: join(dir, 'no-seed.sql'),
		MIGRATIONS_DIR: MIGRATIONS,
		ENABLE_EMAIL_AUTOCONFIRM: 'true',
		RATE_LIMITS: 'off',
		...(database === undefined ? {} : { DATABASE_URL: database.url }),
	};
	original = await startChildBackend(env);
	const member = createClient(original.url, original.anonKey, CLIENT);
	const signUp = await member.auth.signUp({
		email,
		password: PASSWORD,
		options: { data: { display_name: 'Siti Rahma', locale: 'id' } },
	});
	if (signUp.error !== null) throw signUp.error;
	memberId = signUp.data.user?.id ?? '';
	const upload = await member.storage
		.from('avatars')
		.upload(`${memberId}/me.png`, PNG, { contentType: 'image/png' });
	if (upload.error !== null) throw upload.error;
	const profile = await member
		.from('profiles')
		.update({ avatar_path: `${memberId}/me.png` })
		.eq('id', memberId);
	if (profile.error !== null) throw profile.error;

	const printed = script('backup.ts', ['--out', join(dir, 'online')], env);
	onlineBackup = printed.trim().split('\n').at(-1) ?? '';
});

afterAll(async () => {
	await original?.stop();
	await restored?.stop();
	await database?.drop();
	rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
	test('a backup of a running install is one timestamped directory with rows, files and secrets', () => {
		expect(onlineBackup).toMatch(/okaeri-backup-\d{8}-\d{6}$/);
		expect(readdirSync(onlineBackup).sort()).toEqual([
			'database.sql',
			'manifest.json',
			'secrets.json',
			'storage',
		]);
		const manifest = manifestOf(onlineBackup);
		expect(manifest.mode).toBe('online');
		expect(manifest.tables['auth.users']).toBe(1);
		expect(manifest.tables['public.profiles']).toBe(1);
		expect(manifest.objects).toBe(1);
		expect(manifest.migrations.map((m) => m.version)).toEqual(
			MIGRATION_FILES.map((f) => f.split('_')[0])
		);
		expect(statSync(join(onlineBackup, 'secrets.json')).mode & 0o777).toBe(0o600);
	});

	test('restored into a fresh data directory, the member signs in with the same password and finds everything', async () => {
		const target = join(dir, 'restored');
		script('restore.ts', [onlineBackup, '--data-dir', target], {});
		restored = await startChildBackend({
			DATA_DIR: target,
			PORT: String(await freePort()),
			DB_PORT: '-1',
			SEED_FILE: join(dir, 'no-seed.sql'),
			MIGRATIONS_DIR: MIGRATIONS,
			RATE_LIMITS: 'off',
		});
		// The same secrets: the install's API keys still work.
		expect(restored.anonKey).toBe(original?.anonKey);
		const client = createClient(restored.url, restored.anonKey, CLIENT);
		const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		expect(error).toBeNull();
		expect(data.user?.id).toBe(memberId);
		const profile = await client.from('profiles').select('display_name, avatar_path').single();
		expect(profile.data).toEqual({ display_name: 'Siti Rahma', avatar_path: `${memberId}/me.png` });
		const avatar = await client.storage.from('avatars').download(`${memberId}/me.png`);
		expect(avatar.error).toBeNull();
		expect(Buffer.from(await (avatar.data as Blob).arrayBuffer()).equals(PNG)).toBe(true);
	});

	test('restore refuses a data directory that already holds a database', async () => {
		await expect(restoreBackup(onlineBackup, join(dir, 'restored'))).rejects.toThrow(
			/already holds a database/
		);
	});

	test('a backup of the stopped install holds exactly what the running one did', async () => {
		await original?.stop();
		const printed = script('backup.ts', ['--out', join(dir, 'offline')], env);
		const offline = printed.trim().split('\n').at(-1) ?? '';
		expect(existsSync(join(offline, 'manifest.json'))).toBe(true);
		// On PostgreSQL the database outlives the backend, so it is read over DATABASE_URL either way.
		expect(manifestOf(offline).mode).toBe(ON_POSTGRES ? 'online' : 'offline');
		expect(readFileSync(join(offline, 'database.sql'), 'utf8')).toBe(
			readFileSync(join(onlineBackup, 'database.sql'), 'utf8')
		);
	});
});
