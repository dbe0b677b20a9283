/**
 * Starts the embedded backend in-process for a test file: in-memory PGlite (or, with TEST_POSTGRES=1, a
 * throwaway PostgreSQL 15 database from ./postgres.ts), a random port, no wire server, and supabase-js clients.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll } from 'vitest';
import type { EmbeddedConfig } from '../../../supabase/embedded/config.ts';
import { type RunningBackend, startBackend } from '../../../supabase/embedded/index.ts';
import { createTestDatabase, stopTestCluster, type TestDatabase } from './postgres.ts';

// Each test file that uses this module stops its throwaway PostgreSQL cluster when it is done.
if (process.env['TEST_POSTGRES'] === '1') afterAll(stopTestCluster);

/** A backend started for tests, with helpers. */
export interface TestBackend {
	backend: RunningBackend;
	url: string;
	config: EmbeddedConfig;
	/** A supabase-js client with the anon key and no session persistence. */
	anon(): SupabaseClient;
	/** A supabase-js client with the service_role key. */
	service(): SupabaseClient;
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

/** Options: config overrides (e.g. `mailerAutoconfirm`), migrations to apply. */
export interface TestBackendOptions {
	overrides?: Partial<EmbeddedConfig>;
	migrationsDir?: string;
	seedFile?: string;
}

const NO_DIR = '/nonexistent-embedded-test-dir';

/** Starts a backend; rate limits are off unless `overrides.rateLimits` turns them on. */
export async function startTestBackend(options: TestBackendOptions = {}): Promise<TestBackend> {
	let database: TestDatabase | undefined;
	if (process.env['TEST_POSTGRES'] === '1') database = await createTestDatabase();
	const backend = await startBackend({
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
	});
	const clientOptions = {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
	};
	return {
		backend,
		url: backend.url,
		config: backend.config,
		anon: () => createClient(backend.url, backend.config.anonKey, clientOptions),
		service: () => createClient(backend.url, backend.config.serviceRoleKey, clientOptions),
		async mailbox(to: string) {
			const response = await fetch(
				`${backend.url}/mailbox/v1/messages?to=${encodeURIComponent(to)}`,
				{
					headers: { apikey: backend.config.serviceRoleKey },
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

/** A unique email address for a test. */
export function uniqueEmail(label = 'user'): string {
	return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}
