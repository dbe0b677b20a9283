/**
 * Moving an install to hosted Supabase (scripts/export-hosted.ts), end to end: a member with a known password, a
 * profile and an avatar on one backend → export → a second backend with the same migrations (on the PostgreSQL 15
 * pass: a database prepared as a hosted project is, loaded with psql exactly as the README says) → auth.sql and
 * data.sql loaded, the storage upload step run against its Storage API → the member signs in there with the OLD
 * password, and the profile and the avatar are there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type ExportSummary, uploadExport, writeExport } from '../../scripts/export-hosted.ts';
import { startTestBackend, type TestBackend, uniqueEmail } from './support/backend.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATIONS = join(REPO, 'supabase/migrations');
const PASSWORD = 'old-password-kept-9';
// A 1×1 PNG: a real image, so Storage's content checks accept it.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
const CLIENT = { auth: { persistSession: false, autoRefreshToken: false } };

const dir = mkdtempSync(join(tmpdir(), 'export-hosted-'));
const outDir = join(dir, 'export');
let source: TestBackend;
let target: TestBackend;
let summary: ExportSummary;
const email = uniqueEmail('returnee');
let memberId = '';

/** Loads a file as the README tells: psql on PostgreSQL, the backend's own connection on PGlite. */
async function load(backend: TestBackend, file: string): Promise<void> {
	const url = backend.config.databaseUrl;
	if (url === undefined) {
		await backend.db.exec(readFileSync(file, 'utf8'));
		return;
	}
	const result = spawnSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-f', file], {
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`psql -f ${file}: ${result.stderr}`);
}

beforeAll(async () => {
	source = await startTestBackend({
		migrationsDir: MIGRATIONS,
		overrides: { mailerAutoconfirm: true },
		storage: { dataDir: join(dir, 'source') },
	});
	const member = createClient(source.url, source.anonKey, CLIENT);
	const signUp = await member.auth.signUp({
		email,
		password: PASSWORD,
		options: { data: { display_name: 'Nguyen Van An', locale: 'vi' } },
	});
	if (signUp.error !== null) throw signUp.error;
	memberId = signUp.data.user?.id ?? '';
	const upload = await member.storage
		.from('avatars')
		.upload(`${memberId}/avatar.png`, PNG, { contentType: 'image/png' });
	if (upload.error !== null) throw upload.error;
	const profile = await member
		.from('profiles')
		.update({ avatar_path: `${memberId}/avatar.png` })
		.eq('id', memberId);
	if (profile.error !== null) throw profile.error;

	summary = await source.db.transaction((q) =>
		writeExport(q, {
			dataDir: join(dir, 'source'),
			outDir,
			configToml: readFileSync(join(REPO, 'supabase/config.toml'), 'utf8'),
		})
	);
	target = await startTestBackend({
		migrationsDir: MIGRATIONS,
		storage: { dataDir: join(dir, 'target') },
	});
	await load(target, join(outDir, 'auth.sql'));
	await load(target, join(outDir, 'data.sql'));
	await uploadExport(outDir, target.url, target.serviceRoleKey);
});

afterAll(async () => {
	await source?.close();
	await target?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('export to a hosted project', () => {
	test('the export names what it carries', () => {
		expect(summary.users).toBe(1);
		expect(summary.identities).toBe(1);
		expect(summary.tables['public.profiles']).toBe(1);
		expect(summary.objects).toBe(1);
		expect(summary.migrations.length).toBeGreaterThan(0);
	});

	test('the member signs in on the new project with the old password', async () => {
		const client = createClient(target.url, target.anonKey, CLIENT);
		const wrong = await client.auth.signInWithPassword({ email, password: 'not-the-password' });
		expect(wrong.error?.message).toBe('Invalid login credentials');
		const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		expect(error).toBeNull();
		expect(data.user?.id).toBe(memberId);
		const profile = await client
			.from('profiles')
			.select('id, display_name, locale, avatar_path')
			.single();
		expect(profile.data).toEqual({
			id: memberId,
			display_name: 'Nguyen Van An',
			locale: 'vi',
			avatar_path: `${memberId}/avatar.png`,
		});
	});

	test('the bcrypt hash moved unchanged, and no token column is NULL (hosted GoTrue cannot read NULL there)', async () => {
		const query = `select encrypted_password, confirmation_token, recovery_token, email_change_token_new,
			email_change, email_change_token_current, phone_change_token, reauthentication_token
			from auth.users where id = $1`;
		const before = await source.db.query<Record<string, string | null>>(query, [memberId]);
		const after = await target.db.query<Record<string, string | null>>(query, [memberId]);
		expect(after.rows[0]?.['encrypted_password']).toBe(before.rows[0]?.['encrypted_password']);
		expect(after.rows[0]?.['encrypted_password']).toMatch(/^\$2[aby]\$/);
		for (const [column, value] of Object.entries(after.rows[0] ?? {})) {
			if (column !== 'encrypted_password') expect(value, column).toBe('');
		}
	});

	test('the avatar is there with its path and content type, recorded by the Storage API', async () => {
		const url = createClient(target.url, target.anonKey, CLIENT)
			.storage.from('avatars')
			.getPublicUrl(`${memberId}/avatar.png`).data.publicUrl;
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
		const row = await target.db.query<{ n: string }>(
			`select count(*)::text as n from storage.objects where bucket_id = 'avatars' and name = $1`,
			[`${memberId}/avatar.png`]
		);
		expect(row.rows[0]?.n).toBe('1');
	});

	test('rows made by triggers are the source’s, not doubled, and sequences continue past the loaded rows', async () => {
		const counts = `select (select count(*) from public.notification_preferences)::text as prefs,
			(select count(*) from private.mentoring_settings)::text as settings,
			(select count(*) from public.profiles)::text as profiles`;
		expect((await target.db.query(counts)).rows).toEqual((await source.db.query(counts)).rows);
		const sequences = `select schemaname || '.' || sequencename as name, coalesce(last_value, 0)::text as value
			from pg_sequences where schemaname in ('public', 'private') order by 1`;
		expect((await target.db.query(sequences)).rows).toEqual(
			(await source.db.query(sequences)).rows
		);
	});

	test('uploading again replaces the objects and keeps the buckets', async () => {
		const again = await uploadExport(outDir, target.url, target.serviceRoleKey);
		expect(again.bucketsCreated).toEqual([]);
		expect(again.bucketsUpdated).toEqual(['avatars', 'org-logos', 'documents']);
		expect(again.uploaded).toBe(1);
	});
});
