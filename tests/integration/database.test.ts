import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { DbError, withCaller } from '../../supabase/embedded/db/index.ts';
import { startTestBackend, type TestBackend } from './support/backend.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let server: TestBackend;

beforeAll(async () => {
	server = await startTestBackend();
});
afterAll(async () => server?.close());

describe('database adapter', () => {
	test('values come back the same from PGlite and PostgreSQL', async () => {
		const { rows } = await server.backend.db.query(
			`select 1::int4 as i, 9007199254740993::int8 as big, 1.50::numeric as n, true as b, '{"a":[1]}'::jsonb as j,
			        '2026-01-02 03:04:05.123456+00'::timestamptz as ts, '2026-01-02'::date as d, array['x','y'] as arr,
			        array['2026-01-02 03:04:05+00'::timestamptz] as tsarr, '\\x0102'::bytea as bin`
		);
		expect(rows[0]).toEqual({
			i: 1,
			big: '9007199254740993',
			n: '1.50',
			b: true,
			j: { a: [1] },
			ts: '2026-01-02 03:04:05.123456+00',
			d: '2026-01-02',
			arr: ['x', 'y'],
			tsarr: ['2026-01-02 03:04:05+00'],
			bin: expect.any(Uint8Array),
		});
	});

	test('errors carry SQLSTATE, detail and hint; a failed transaction leaves nothing behind', async () => {
		const db = server.backend.db;
		await db.exec('create table public.t_tx (id int primary key)');
		await expect(
			db.transaction(async (tx) => {
				await tx.query('insert into public.t_tx values (1)');
				await tx.query('insert into public.t_tx values (1)');
			})
		).rejects.toMatchObject({
			code: '23505',
			detail: 'Key (id)=(1) already exists.',
			constraint: 't_tx_pkey',
		});
		expect((await db.query('select count(*)::int as n from public.t_tx')).rows).toEqual([{ n: 0 }]);
		const error = await db
			.query(
				`do $$ begin raise exception 'boom' using detail = 'd', hint = 'h', errcode = 'P0001'; end $$`
			)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DbError);
		expect(error).toMatchObject({ code: 'P0001', message: 'boom', detail: 'd', hint: 'h' });
	});

	test('withCaller sets the role and the request settings Supabase policies read', async () => {
		const sub = crypto.randomUUID();
		const row = await withCaller(
			server.backend.db,
			{ role: 'authenticated', claims: { sub, role: 'authenticated', email: 'a@b.c' } },
			{ method: 'PATCH', path: '/things', headers: { 'X-Custom': 'v', Cookie: 'a=1' } },
			async (tx) =>
				(
					await tx.query(
						`select current_user as role, auth.uid()::text as uid, auth.role() as auth_role, auth.email() as email,
						        auth.jwt()->>'sub' as jwt_sub, current_setting('request.method') as method,
						        current_setting('request.path') as path, current_setting('request.headers')::jsonb as headers,
						        current_setting('request.cookies')::jsonb as cookies`
					)
				).rows[0]
		);
		expect(row).toEqual({
			role: 'authenticated',
			uid: sub,
			auth_role: 'authenticated',
			email: 'a@b.c',
			jwt_sub: sub,
			method: 'PATCH',
			path: '/things',
			headers: { 'x-custom': 'v' },
			cookies: { a: '1' },
		});
		expect((await server.backend.db.query('select current_user as role')).rows[0]).toEqual({
			role: 'postgres',
		});
		await expect(
			withCaller(
				server.backend.db,
				{ role: 'postgres', claims: {} },
				{ method: 'GET', path: '/', headers: {} },
				async () => 1
			)
		).rejects.toMatchObject({
			code: '42501',
		});
		await expect(
			withCaller(
				server.backend.db,
				{ role: 'nobody_here', claims: {} },
				{ method: 'GET', path: '/', headers: {} },
				async () => 1
			)
		).rejects.toMatchObject({
			code: '22023',
		});
	});

	test('transaction setup runs inside the transaction; a failing setup rolls it back', async () => {
		const db = server.backend.db;
		const seen = await db.transaction(
			async (tx) =>
				(await tx.query(`select current_setting('app.setup_probe', true) as probe`)).rows[0],
			{ setup: `select set_config('app.setup_probe', 'inside', true)` }
		);
		expect(seen).toEqual({ probe: 'inside' });
		expect(
			(await db.query(`select coalesce(current_setting('app.setup_probe', true), '') as probe`))
				.rows
		).toEqual([{ probe: '' }]);
		const ran = vi.fn(async () => 1);
		await expect(
			db.transaction(ran, { setup: `select set_config('search_path', 'x', true), 1 / 0` })
		).rejects.toMatchObject({ code: '22012' });
		expect(ran).not.toHaveBeenCalled();
		// Nothing of the failed transaction is left open: the next statements run on their own.
		expect((await db.query(`select current_setting('search_path') <> 'x' as reset`)).rows).toEqual([
			{ reset: true },
		]);
	});

	test('withCaller applies request.settings after the role and request settings, in order', async () => {
		const row = await withCaller(
			server.backend.db,
			{ role: 'anon', claims: { role: 'anon' } },
			{
				method: 'GET',
				path: '/',
				headers: {},
				settings: [
					['search_path', 'storage, public'],
					['app.order', 'first'],
					['app.order', 'second'],
					['request.method', 'OVERRIDDEN'],
				],
			},
			async (tx) =>
				(
					await tx.query(
						`select current_user as role, current_setting('search_path') as search_path,
						        current_setting('app.order') as ord, current_setting('request.method') as method`
					)
				).rows[0]
		);
		expect(row).toEqual({
			role: 'anon',
			search_path: 'storage, public',
			ord: 'second',
			method: 'OVERRIDDEN',
		});
	});

	test('concurrent transactions do not lose updates', async () => {
		const db = server.backend.db;
		await db.exec('create table public.counter (n int); insert into public.counter values (0);');
		await Promise.all(
			Array.from({ length: 20 }, () =>
				db.transaction(async (tx) => {
					const { rows } = await tx.query<{ n: number }>('select n from public.counter for update');
					await tx.query('update public.counter set n = $1', [(rows[0]?.n ?? 0) + 1]);
				})
			)
		);
		expect((await db.query('select n from public.counter')).rows).toEqual([{ n: 20 }]);
	});

	test('the platform bootstrap is in place', async () => {
		const { rows } = await server.backend.db.query<{ name: string }>(
			`select rolname as name from pg_roles where rolname in ('anon', 'authenticated', 'service_role', 'authenticator') order by 1`
		);
		expect(rows.map((row) => row.name)).toEqual([
			'anon',
			'authenticated',
			'authenticator',
			'service_role',
		]);
		const rls = await server.backend.db.query(
			`select relname, relrowsecurity from pg_class where oid in ('storage.objects'::regclass, 'storage.buckets'::regclass, 'auth.users'::regclass) order by 1`
		);
		expect(rls.rows).toEqual([
			{ relname: 'buckets', relrowsecurity: true },
			{ relname: 'objects', relrowsecurity: true },
			{ relname: 'users', relrowsecurity: true },
		]);
		const helpers = await server.backend.db.query(
			`select (storage.foldername('uid/a/b.png'))[1] as folder, storage.filename('uid/a/b.png') as file, storage.extension('uid/a/b.png') as ext,
			        extensions.gen_random_uuid() is not null as uuid, extensions.crypt('x', extensions.gen_salt('bf')) like '$2a$%' as bcrypt`
		);
		expect(helpers.rows[0]).toEqual({
			folder: 'uid',
			file: 'b.png',
			ext: 'png',
			uuid: true,
			bcrypt: true,
		});
		await server.backend.db.exec('create table public.grant_probe (x int)');
		const grants = await server.backend.db.query(
			`select has_table_privilege('anon', 'public.grant_probe', 'select') as anon,
			        has_table_privilege('service_role', 'public.grant_probe', 'delete') as service`
		);
		expect(grants.rows[0]).toEqual({ anon: true, service: true });
	});
});

describe('migrations', () => {
	const dir = mkdtempSync(join(tmpdir(), 'embedded-migrations-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	test('apply in order, are recorded like the CLI, and a failing file is named and rolled back', async () => {
		writeFileSync(join(dir, '20260101000000_first.sql'), 'create table public.m1 (id int);');
		writeFileSync(
			join(dir, '20260102000000_second.sql'),
			'alter table public.m1 add column name text;'
		);
		const first = await startTestBackend({ migrationsDir: dir });
		try {
			expect(first.backend.migrations.applied).toEqual([
				'20260101000000_first.sql',
				'20260102000000_second.sql',
			]);
			const recorded = await first.backend.db.query(
				'select version, name from supabase_migrations.schema_migrations order by version'
			);
			expect(recorded.rows).toEqual([
				{ version: '20260101000000', name: 'first' },
				{ version: '20260102000000', name: 'second' },
			]);
		} finally {
			await first.close();
		}
		writeFileSync(
			join(dir, '20260103000000_broken.sql'),
			'create table public.m2 (id int); select * from nowhere;'
		);
		await expect(startTestBackend({ migrationsDir: dir })).rejects.toThrow(
			/migrations\/20260103000000_broken\.sql: relation "nowhere" does not exist/
		);
		rmSync(join(dir, '20260103000000_broken.sql'));
	});
});
