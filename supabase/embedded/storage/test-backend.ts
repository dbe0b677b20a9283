/**
 * Test support: a database (the backend's db layer) with the platform bootstrap, and the backend's own HTTP
 * server and gateway with the Storage service mounted under `/storage/v1`.
 * Set STORAGE_TEST_DATABASE_URL to a PostgreSQL server URL to run them on PostgreSQL instead of PGlite.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { loadConfig } from '../config.ts';
import type { Database, Service } from '../contracts.ts';
import { createGateway } from '../http/gateway.ts';
import { startHttpServer } from '../http/server.ts';
import { signJwt } from '../jwt.ts';
import { openDatabase } from '../db/index.ts';
import { type Bootstrap, loadBootstrap, migrate } from '../migrate.ts';
import { createStorageService, type StorageServiceOptions } from './index.ts';

const BOOTSTRAP_DIR = fileURLToPath(new URL('../bootstrap/', import.meta.url));
let bootstrap: Promise<Bootstrap> | undefined;

export { signJwt };

/**
 * A fresh database through the backend's db layer with the platform bootstrap applied (roles, `auth`,
 * `storage` …): in-memory PGlite, or — when `STORAGE_TEST_DATABASE_URL` names a PostgreSQL server — a new
 * database on that server, dropped again on close.
 */
export async function createTestDatabase(): Promise<Database> {
	const serverUrl = process.env['STORAGE_TEST_DATABASE_URL'];
	const db = serverUrl ? await createPostgresDatabase(serverUrl) : await openDatabase({});
	const nothing = path.join(BOOTSTRAP_DIR, 'no-such-file');
	bootstrap ??= loadBootstrap(BOOTSTRAP_DIR);
	await migrate(db, { bootstrap: await bootstrap, migrationsDir: nothing, seedFile: nothing });
	return db;
}

async function createPostgresDatabase(serverUrl: string): Promise<Database> {
	const name = `storage_test_${randomUUID().replace(/-/g, '')}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const db = await openDatabase({ databaseUrl: url.toString() });
	return {
		...db,
		async close() {
			await db.close();
			const cleanup = new pg.Client({ connectionString: serverUrl });
			await cleanup.connect();
			await cleanup.query(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		},
	};
}

/** A running test backend: URL, keys, a JWT minting helper, and the database. */
export interface TestBackend {
	url: string;
	anonKey: string;
	serviceRoleKey: string;
	jwtSecret: string;
	db: Database;
	/** An access token for a user, as GoTrue would issue it. */
	userToken(sub: string, extra?: Record<string, unknown>): string;
	close(): Promise<void>;
}

const notHere: Service = {
	async handle() {
		return Response.json({ message: 'not part of the storage tests' }, { status: 404 });
	},
};

/**
 * Starts a database and the backend's HTTP server and gateway on a random port, with the Storage service
 * mounted under `/storage/v1` (the other services answer 404 here).
 */
export async function startTestBackend(
	options: { dataDir?: string } & Partial<Omit<StorageServiceOptions, 'db' | 'config'>> = {}
): Promise<TestBackend> {
	const jwtSecret = 'test-secret-with-at-least-32-characters-long';
	const config = loadConfig({
		env: {},
		inMemory: true,
		overrides: {
			jwtSecret,
			port: 0,
			rateLimits: false,
			...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
		},
	});
	const db = await createTestDatabase();
	const { dataDir: _dataDir, ...serviceOptions } = options;
	const storage = await createStorageService({ db, config, ...serviceOptions });
	const server = await startHttpServer('127.0.0.1', 0);
	server.setGateway(
		createGateway(config, { auth: notHere, rest: notHere, mailbox: notHere, storage })
	);
	return {
		url: `http://127.0.0.1:${server.port}`,
		anonKey: config.anonKey,
		serviceRoleKey: config.serviceRoleKey,
		jwtSecret,
		db,
		userToken: (sub, extra = {}) =>
			signJwt(
				{
					sub,
					role: 'authenticated',
					aud: 'authenticated',
					exp: Math.floor(Date.now() / 1000) + 3600,
					...extra,
				},
				jwtSecret
			),
		async close() {
			await server.close(100);
			await db.close();
		},
	};
}

/** A supabase-js client against the test backend, optionally acting with a user's access token. */
export function clientFor(
	backend: TestBackend,
	as: 'anon' | 'service' | { token: string }
): SupabaseClient {
	const key = as === 'service' ? backend.serviceRoleKey : backend.anonKey;
	const headers: Record<string, string> =
		typeof as === 'object' ? { Authorization: `Bearer ${as.token}` } : {};
	return createClient(backend.url, key, {
		auth: { persistSession: false, autoRefreshToken: false },
		global: { headers },
	});
}

/** The fields of a storage-js error that tests compare exactly. */
export function errorFields(error: unknown): Record<string, unknown> | null {
	if (error === null || error === undefined) return null;
	const value = error as {
		name?: unknown;
		message?: unknown;
		status?: unknown;
		statusCode?: unknown;
		code?: unknown;
	};
	return {
		name: value.name,
		message: value.message,
		status: value.status,
		statusCode: value.statusCode,
		code: value.code,
	};
}
