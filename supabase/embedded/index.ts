/**
 * The embedded Supabase-compatible backend: one process serving /auth/v1, /rest/v1 and /storage/v1 (plus the
 * development mailbox: its API at /mailbox/v1, its web pages at /mailbox/) on 127.0.0.1:54321 over PGlite
 * persisted in `.data/` (or PostgreSQL from DATABASE_URL), and the PostgreSQL wire protocol on 127.0.0.1:54322
 * for PGlite.
 *
 *   npm run backend              start in the foreground
 *   npm run backend -- --fresh   start from an empty data directory
 *
 * Environment: see config.ts (DATA_DIR, PORT, DB_PORT, JWT_SECRET, DATABASE_URL, …); MIGRATIONS_DIR and SEED_FILE
 * point at other migrations and seed than supabase/migrations and supabase/seed.sql (SEED_FILE=/dev/null: no
 * demo data). With the seed, the files of config.toml's `[storage.buckets.*] objects_path` folders are stored.
 *
 * In code (tests): `startBackend({ inMemory: true, overrides: { port: 0, dbPort: -1 } })`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuthService } from './auth/index.ts';
import {
	dataDirFromEnv,
	type EmbeddedConfig,
	loadConfig,
	parseFlags,
	wipeDataDir,
} from './config.ts';
import { checkDataDir } from './data-dir-check.ts';
import type { Database } from './contracts.ts';
import { isPglite, openDatabase, withCaller } from './db/index.ts';
import { startWireServer, type WireServer } from './db/wire-server.ts';
import { createGateway } from './http/gateway.ts';
import { type HttpServer, startHttpServer } from './http/server.ts';
import { createMailboxPage } from './mailbox-page.ts';
import { createMailboxService } from './mailbox.ts';
import { loadBootstrap, migrate, type MigrationReport } from './migrate.ts';
import { createRestService, type RestServiceOptions } from './rest/index.ts';
import { seedBucketObjects, loadBucketSeeds } from './seed-objects.ts';
import { createBlobStore } from './storage/blob-store.ts';
import { createStorageService, type StorageServiceOptions } from './storage/index.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SUPABASE_DIR = join(HERE, '..');

/** A running backend. */
export interface RunningBackend {
	config: EmbeddedConfig;
	db: Database;
	/** Base URL for createClient(), e.g. http://127.0.0.1:54321 */
	url: string;
	/** postgresql:// URL of the wire protocol (PGlite) or DATABASE_URL; undefined when the wire server is off. */
	dbUrl: string | undefined;
	migrations: MigrationReport;
	/** Reloads the REST schema cache now (DDL also reloads it through NOTIFY pgrst, asynchronously). */
	reloadSchema(): Promise<void>;
	/** Stops serving, lets requests in flight finish, closes the database. */
	close(): Promise<void>;
}

/** How to start the backend; everything defaults to `loadConfig()` from the environment. */
export interface StartOptions {
	/** Keep the database in memory (tests). */
	inMemory?: boolean;
	env?: NodeJS.ProcessEnv;
	overrides?: Partial<EmbeddedConfig>;
	/** Directory of the project's migrations (default supabase/migrations). */
	migrationsDir?: string;
	/** The seed file (default supabase/seed.sql). */
	seedFile?: string;
	/** Print progress to stdout. */
	verbose?: boolean;
	/** PostgREST settings other than Supabase's defaults (tests: `maxRows`, `aggregatesEnabled`, `allowTxOverride`). */
	rest?: Partial<Omit<RestServiceOptions, 'db' | 'config' | 'withCaller'>>;
	/** Storage settings (tests: `fileSizeLimit`, `dataDir` for object bytes while the database stays in memory). */
	storage?: Partial<Omit<StorageServiceOptions, 'db' | 'config'>>;
}

/** Starts the backend: HTTP first (port known early), then the database, migrations, services and wire server. */
export async function startBackend(options: StartOptions = {}): Promise<RunningBackend> {
	const config = loadConfig({
		...(options.env === undefined ? {} : { env: options.env }),
		...(options.inMemory === undefined ? {} : { inMemory: options.inMemory }),
		...(options.overrides === undefined ? {} : { overrides: options.overrides }),
	});
	const startedAt = Date.now();
	const log = (message: string): void => {
		if (options.verbose) console.log(message);
	};
	const phase = (name: string): void => {
		if (process.env['EMBEDDED_TIMINGS'] === '1')
			console.log(`[embedded] ${name} at ${Date.now() - startedAt} ms`);
	};
	const http: HttpServer = await startHttpServer(config.host, config.port);
	let db: Database | undefined;
	let wire: WireServer | undefined;
	try {
		if (config.port === 0) {
			config.apiUrl = `http://${config.host}:${http.port}`;
			config.jwtIssuer = `${config.apiUrl}/auth/v1`;
			config.port = http.port;
		}
		phase('http listening');
		const bootstrap = await loadBootstrap(join(HERE, 'bootstrap'));
		db = await openDatabase({
			databaseUrl: config.databaseUrl,
			dataDir: config.dataDir === undefined ? undefined : join(config.dataDir, 'pgdata'),
			imageKey: bootstrap.digest,
		});
		phase('database open');
		// One blob store for the seed's storage objects and the Storage service (in memory, they must share it).
		const blobs = createBlobStore(options.storage?.dataDir ?? config.dataDir);
		const seedFile = options.seedFile ?? join(SUPABASE_DIR, 'seed.sql');
		// As the Supabase CLI does, config.toml beside the seed names the folders of bucket objects to seed.
		const bucketSeeds = await loadBucketSeeds(
			join(dirname(seedFile), 'config.toml'),
			dirname(seedFile)
		);
		const migrations = await migrate(db, {
			bootstrap,
			migrationsDir: options.migrationsDir ?? join(SUPABASE_DIR, 'migrations'),
			seedFile,
			seedObjects: (tx) => seedBucketObjects(tx, blobs, bucketSeeds),
		});
		if (migrations.applied.length > 0) log(`applied migrations: ${migrations.applied.join(', ')}`);
		if (migrations.seeded) {
			log(
				`applied seed.sql${migrations.seededObjects > 0 ? ` and stored ${migrations.seededObjects} storage objects` : ''}`
			);
		}

		phase('migrated');
		const database = db;
		// A service that cannot start fails the whole start-up, naming the error: never a half-working backend.
		const rest = await createRestService({ ...options.rest, db, config, withCaller });
		const storage = await createStorageService({ ...options.storage, db, config, blobs });
		phase('services created');
		const unlisten = await db.listen('pgrst', (payload) => {
			if (payload === '' || payload === 'reload schema') {
				rest
					.reloadSchema()
					.catch((error: unknown) => console.error('[embedded] schema reload failed:', error));
			}
		});

		http.setGateway(
			createGateway(config, {
				auth: createAuthService(db, config),
				rest,
				storage,
				mailbox: createMailboxService(db),
				mailboxPages: createMailboxPage(db),
			})
		);
		if (isPglite(db) && config.dbPort >= 0) {
			// No TLS and no passwords: the wire protocol stays on loopback whatever HOST the API uses.
			wire = await startWireServer(db, { host: '127.0.0.1', port: config.dbPort });
		}
		// Serving now: unpack the image for the next fresh start in the background (a no-op unless this start was one).
		if (isPglite(db)) void db.prepareSpare();
		const dbUrl =
			config.databaseUrl ??
			(wire === undefined
				? undefined
				: `postgresql://postgres:postgres@127.0.0.1:${wire.port}/postgres`);
		let closing: Promise<void> | undefined;
		return {
			config,
			db,
			url: config.apiUrl,
			dbUrl,
			migrations,
			reloadSchema: () => rest.reloadSchema(),
			close() {
				closing ??= (async () => {
					await http.close();
					await wire?.close();
					await unlisten().catch(() => undefined);
					await database.close();
				})();
				return closing;
			},
		};
	} catch (error) {
		await http.close(0).catch(() => undefined);
		await wire?.close().catch(() => undefined);
		await db?.close().catch(() => undefined);
		throw error;
	}
}

/** `npm run backend`: runs in the foreground until SIGINT/SIGTERM, then shuts down gracefully. */
async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2));
	const started = Date.now();
	// Before anything opens it: a read-only or full data directory stops the start with one clear line.
	checkDataDir(dataDirFromEnv());
	if (flags.fresh) {
		const probe = loadConfig();
		if (probe.dataDir !== undefined) wipeDataDir(probe.dataDir);
	}
	const backend = await startBackend({
		verbose: true,
		...(process.env['MIGRATIONS_DIR'] ? { migrationsDir: process.env['MIGRATIONS_DIR'] } : {}),
		...(process.env['SEED_FILE'] ? { seedFile: process.env['SEED_FILE'] } : {}),
	});
	const { config } = backend;
	console.log(`Embedded Supabase ready in ${Date.now() - started} ms`);
	console.log(`         API URL: ${backend.url}`);
	if (backend.dbUrl !== undefined) console.log(`          DB URL: ${backend.dbUrl}`);
	console.log(`         Mailbox: ${backend.url}/mailbox/ (web page, this machine only)`);
	console.log(`     Mailbox API: ${backend.url}/mailbox/v1/messages (service_role key)`);
	console.log(`        anon key: ${config.anonKey}`);
	console.log(`service_role key: ${config.serviceRoleKey}`);
	console.log(
		config.dataDir === undefined
			? '            Data: in memory'
			: `        Data dir: ${config.dataDir}`
	);
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) {
			console.log(`${signal} again: exiting now`);
			process.exit(1);
		}
		stopping = true;
		console.log(`${signal}: shutting down…`);
		backend.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error('shutdown failed:', error);
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

// A request handler that throws must never take the backend down; it is logged instead.
function guardProcess(): void {
	process.on('unhandledRejection', (reason) =>
		console.error('[embedded] unhandled rejection:', reason)
	);
	process.on('uncaughtException', (error) =>
		console.error('[embedded] uncaught exception:', error)
	);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
	guardProcess();
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
