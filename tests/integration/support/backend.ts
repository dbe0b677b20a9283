/**
 * The one backend fixture of the integration suite: starts the real embedded backend in-process for a test
 * file — in-memory PGlite (or, with TEST_POSTGRES=1, a fresh database on the run's throwaway PostgreSQL 15
 * cluster, see ./postgres.ts), a random port, no wire server, rate limits off — and hands out supabase-js clients.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { EmbeddedConfig } from '../../../supabase/embedded/config.ts';
import type { Database } from '../../../supabase/embedded/contracts.ts';
import {
	type RunningBackend,
	type StartOptions,
	startBackend,
} from '../../../supabase/embedded/index.ts';
import { signJwt } from '../../../supabase/embedded/jwt.ts';
import { createTestDatabase, ON_POSTGRES, type TestDatabase } from './postgres.ts';

/** A backend started for tests, with helpers. */
export interface TestBackend {
	backend: RunningBackend;
	/** Base URL for createClient(), e.g. http://127.0.0.1:40123 */
	url: string;
	config: EmbeddedConfig;
	/** The database, as the superuser (setup SQL, checking what a request wrote). */
	db: Database;
	anonKey: string;
	serviceRoleKey: string;
	jwtSecret: string;
	/** A supabase-js client with the anon key and no session persistence. */
	anon(): SupabaseClient;
	/** A supabase-js client with the service_role key. */
	service(): SupabaseClient;
	/** An access token for user `sub` (role authenticated, 1 hour), as GoTrue would issue it; `extra` overrides claims. */
	userToken(sub: string, extra?: Record<string, unknown>): string;
	/** Reloads the REST schema cache now (DDL reloads it too, but asynchronously). */
	reloadSchema(): Promise<void>;
	/** Emails sent to `to`, newest first, through the mailbox API. */
	mailbox(to: string): Promise<MailboxMessage[]>;
	close(): Promise<void>;
}

/** A mailbox message as GET /mailbox/v1/messages returns it. */
export interface MailboxMessage {
	id: number;
	to: string;
	subject: string;
	kind: string;
	action_link: string | null;
	otp: string | null;
	text: string;
	html: string;
}

/** How to start a test backend; by default no migrations, no seed, rate limits off. */
export interface TestBackendOptions {
	/** Config overrides (e.g. `mailerAutoconfirm`, `rateLimits`, a fixed `jwtSecret`). */
	overrides?: Partial<EmbeddedConfig>;
	/** A migrations directory to apply (default: none). */
	migrationsDir?: string;
	seedFile?: string;
	/** SQL run as the superuser once the backend is up (tables, policies, rows); the REST schema cache is reloaded after it. */
	sql?: string;
	/** PostgREST settings other than Supabase's defaults (`maxRows`, `aggregatesEnabled`, `allowTxOverride`). */
	rest?: StartOptions['rest'];
	/** Storage settings: `fileSizeLimit`, and `dataDir` to keep object bytes on disk there (memory otherwise). */
	storage?: StartOptions['storage'];
}

const NO_DIR = '/nonexistent-embedded-test-dir';
const CLIENT_OPTIONS = {
	auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
};

/** Starts a backend; rate limits are off unless `overrides.rateLimits` turns them on. */
export async function startTestBackend(options: TestBackendOptions = {}): Promise<TestBackend> {
	const database: TestDatabase | undefined = ON_POSTGRES ? await createTestDatabase() : undefined;
	let backend: RunningBackend;
	try {
		backend = await startBackend({
			inMemory: true,
			env: {},
			overrides: {
				port: 0,
				dbPort: -1,
				rateLimits: false,
				emailMinInterval: 0,
				siteUrl: 'http://localhost:4321',
				...(database === undefined ? {} : { databaseUrl: database.url }),
				...options.overrides,
			},
			migrationsDir: options.migrationsDir ?? NO_DIR,
			seedFile: options.seedFile ?? `${NO_DIR}/seed.sql`,
			...(options.rest === undefined ? {} : { rest: options.rest }),
			...(options.storage === undefined ? {} : { storage: options.storage }),
		});
		if (options.sql !== undefined) {
			await backend.db.exec(options.sql);
			await backend.reloadSchema();
		}
	} catch (error) {
		await database?.drop();
		throw error;
	}
	const { config } = backend;
	return {
		backend,
		url: backend.url,
		config,
		db: backend.db,
		anonKey: config.anonKey,
		serviceRoleKey: config.serviceRoleKey,
		jwtSecret: config.jwtSecret,
		anon: () => createClient(backend.url, config.anonKey, CLIENT_OPTIONS),
		service: () => createClient(backend.url, config.serviceRoleKey, CLIENT_OPTIONS),
		userToken: (sub, extra = {}) =>
			signJwt(
				{
					sub,
					role: 'authenticated',
					aud: 'authenticated',
					exp: Math.floor(Date.now() / 1000) + 3600,
					...extra,
				},
				config.jwtSecret
			),
		reloadSchema: () => backend.reloadSchema(),
		async mailbox(to: string) {
			const response = await fetch(
				`${backend.url}/mailbox/v1/messages?to=${encodeURIComponent(to)}`,
				{
					headers: { apikey: config.serviceRoleKey },
				}
			);
			if (!response.ok) throw new Error(`mailbox: ${response.status} ${await response.text()}`);
			return (await response.json()) as MailboxMessage[];
		},
		async close() {
			await backend.close();
			await database?.drop();
		},
	};
}

/** A supabase-js client for `backend`: anon key, service_role key, or the anon key plus a user's access token. */
export function clientFor(
	backend: TestBackend,
	as: 'anon' | 'service' | { token: string }
): SupabaseClient {
	if (as === 'anon') return backend.anon();
	if (as === 'service') return backend.service();
	return createClient(backend.url, backend.anonKey, {
		...CLIENT_OPTIONS,
		global: { headers: { Authorization: `Bearer ${as.token}` } },
	});
}

/** A unique email address for a test. */
export function uniqueEmail(label = 'user'): string {
	return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}
