/**
 * The Postgres wire protocol the embedded backend serves for PGlite (`DB_PORT`), so psql and migration tools
 * can connect. PGlite only: with `DATABASE_URL` there is no wire server, so `npm test` leaves this file out
 * of the PostgreSQL 15 pass (scripts/test.ts).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startBackend, type RunningBackend } from '../../supabase/embedded/index.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

describe('wire protocol (PGlite)', () => {
	let backend: RunningBackend;
	beforeAll(async () => {
		backend = await startBackend({
			inMemory: true,
			env: {},
			overrides: { port: 0, dbPort: 0, rateLimits: false },
			migrationsDir: '/nonexistent',
			seedFile: '/nonexistent.sql',
		});
	});
	afterAll(async () => backend?.close());

	test('psql-style clients share the database with the HTTP API without leaking session state', async () => {
		const client = new pg.Client({ connectionString: backend.dbUrl });
		await client.connect();
		try {
			await client.query('create table public.wire (x int)');
			await client.query('set role anon');
			expect((await client.query('select current_user as u')).rows).toEqual([{ u: 'anon' }]);
			expect((await backend.db.query('select current_user as u')).rows).toEqual([
				{ u: 'postgres' },
			]);
			expect((await client.query('select current_user as u')).rows).toEqual([{ u: 'anon' }]);
			await client.query('reset role');
			await client.query('begin');
			await client.query('insert into public.wire values (1)');
			let appDone = false;
			const app = backend.db.query('select count(*)::int as n from public.wire').then((result) => {
				appDone = true;
				return result.rows;
			});
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(appDone).toBe(false);
			await client.query('commit');
			expect(await app).toEqual([{ n: 1 }]);
			const parallel = await Promise.all([
				...Array.from({ length: 10 }, (_, i) =>
					client.query('insert into public.wire values ($1) returning x', [i])
				),
				...Array.from({ length: 10 }, () => backend.db.query('select 1 as one')),
			]);
			expect(parallel).toHaveLength(20);
			expect((await backend.db.query('select count(*)::int as n from public.wire')).rows).toEqual([
				{ n: 11 },
			]);
		} finally {
			await client.end();
		}
	});

	test('a client that disconnects inside a transaction is rolled back', async () => {
		const client = new pg.Client({ connectionString: backend.dbUrl });
		await client.connect();
		await client.query('create table public.dropped (x int)');
		await client.query('begin');
		await client.query('insert into public.dropped values (1)');
		await client.end();
		expect((await backend.db.query('select count(*)::int as n from public.dropped')).rows).toEqual([
			{ n: 0 },
		]);
	});
});
