/**
 * `npm run backup [-- --out <dir>]`: a consistent backup of the embedded install named by the environment
 * (DATA_DIR, PORT, DB_PORT, DATABASE_URL — as for `npm run backend`), running or stopped, into one new
 * directory `<dir>/okaeri-backup-<UTC timestamp>/` (default `<dir>` = `backups/`):
 *
 *   manifest.json   when, how, the migrations the database had (their SQL, so restore rebuilds that schema),
 *                   row counts, storage objects
 *   database.sql    every row of auth, storage, public, private and the backend's own tables (see dump-sql.ts)
 *   storage/        the bytes of every storage object version the database refers to
 *   secrets.json    the data directory's JWT secret and keys (mode 0600): sessions and API keys stay valid
 *
 * A running backend is read over its wire port (DB_PORT) in one repeatable-read transaction, which holds PGlite's
 * single backend until the storage files are copied too: requests wait a moment, nothing half-written is taken.
 * A stopped one is opened directly. Never run it against a data directory a backend on another port is using.
 * Restore with `npm run restore -- <backup dir>`.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queryable } from '../supabase/embedded/contracts.ts';
import { resolveBlobPath } from '../supabase/embedded/storage/blob-store.ts';
import { installFromEnv, listTables, loadPreamble, refillSql, withSnapshot } from './dump-sql.ts';

/** One migration as the database recorded it. */
export interface RecordedMigration {
	version: string;
	name: string | null;
	sql: string;
}

/** manifest.json of a backup. */
export interface BackupManifest {
	format: 'okaeri-backup/1';
	createdAt: string;
	/** `online`: read from a running backend; `offline`: the database was opened directly. */
	mode: 'online' | 'offline';
	migrations: RecordedMigration[];
	tables: Record<string, number>;
	objects: number;
}

/** Schemas whose tables are never part of a backup: PostgreSQL's own and the migration history (kept in the manifest). */
const SKIPPED_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast', 'supabase_migrations'];
/** Rebuilt by the restore's own bootstrap. */
const SKIPPED_TABLES = ['_embedded.bootstrap_state'];

/** The schemas holding tables, except PostgreSQL's own and the migration history. */
async function dataSchemas(q: Queryable): Promise<string[]> {
	const result = await q.query<{ schema: string }>(
		`select distinct n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where c.relkind in ('r', 'p') and n.nspname <> all($1::text[]) and n.nspname not like 'pg\\_%'
		 order by 1`,
		[SKIPPED_SCHEMAS]
	);
	return result.rows.map((r) => r.schema);
}

/** The migrations recorded in `supabase_migrations.schema_migrations`, oldest first (none when it is missing). */
export async function recordedMigrations(q: Queryable): Promise<RecordedMigration[]> {
	const exists = await q.query(`select to_regclass('supabase_migrations.schema_migrations') as t`);
	if ((exists.rows[0] as { t: string | null } | undefined)?.t == null) return [];
	const result = await q.query<{
		version: string;
		name: string | null;
		statements: string[] | null;
	}>(
		'select version, name, statements from supabase_migrations.schema_migrations order by version'
	);
	return result.rows.map((r) => ({
		version: r.version,
		name: r.name,
		sql: (r.statements ?? []).join('\n'),
	}));
}

/**
 * Writes a backup of the snapshot `q` into the new directory `dir`: database.sql, the storage files of
 * `dataDir` the snapshot refers to (copied while the snapshot is held), manifest.json. Resolves to the manifest.
 */
export async function writeBackup(
	q: Queryable,
	options: { dataDir: string; dir: string; mode: BackupManifest['mode'] }
): Promise<BackupManifest> {
	const { dataDir, dir } = options;
	mkdirSync(dir, { recursive: true });
	const schemas = await dataSchemas(q);
	const tables = await listTables(q, schemas, SKIPPED_TABLES);
	const migrations = await recordedMigrations(q);
	let sql = loadPreamble('Okaeri embedded backup: every row (npm run restore loads it)');
	const { sql: rows, counts } = await refillSql(q, tables, schemas);
	sql += rows;
	sql += 'commit;\n';
	writeFileSync(join(dir, 'database.sql'), sql);

	const objects = await q.query<{ bucket_id: string; name: string; version: string }>(
		'select bucket_id, name, version from storage.objects where version is not null order by bucket_id, name'
	);
	const root = join(dataDir, 'storage');
	let copied = 0;
	for (const object of objects.rows) {
		const from = resolveBlobPath(root, object.bucket_id, object.name, object.version);
		const to = resolveBlobPath(join(dir, 'storage'), object.bucket_id, object.name, object.version);
		if (!existsSync(from))
			throw new Error(`storage file missing for ${object.bucket_id}/${object.name}: ${from}`);
		mkdirSync(dirname(to), { recursive: true });
		copyFileSync(from, to);
		copied += 1;
		// Keeps the snapshot's session busy, so the wire server never takes it for an idle transaction.
		if (copied % 100 === 0) await q.query('select 1');
	}
	const secrets = join(dataDir, 'secrets.json');
	if (existsSync(secrets)) {
		copyFileSync(secrets, join(dir, 'secrets.json'));
		chmodSync(join(dir, 'secrets.json'), 0o600);
	}
	const manifest: BackupManifest = {
		format: 'okaeri-backup/1',
		createdAt: new Date().toISOString(),
		mode: options.mode,
		migrations,
		tables: counts,
		objects: copied,
	};
	writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	return manifest;
}

/** `okaeri-backup-20261121-101500` for now (UTC). */
export function backupName(now = new Date()): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `okaeri-backup-${stamp}`;
}

function option(args: string[], name: string): string | undefined {
	const index = args.indexOf(name);
	if (index === -1) return undefined;
	const value = args[index + 1];
	if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
	return value;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const unknown = args.filter((a, i) => a !== '--out' && args[i - 1] !== '--out');
	if (unknown.length > 0)
		throw new Error(`unknown argument ${unknown[0]} (supported: --out <dir>)`);
	// npm runs scripts in the repository's root, so the default lands in <repo>/backups (gitignored).
	const out = resolve(process.cwd(), option(args, '--out') ?? 'backups');
	const source = await installFromEnv();
	const dir = join(out, backupName());
	if (existsSync(dir)) throw new Error(`${dir} already exists`);
	const started = Date.now();
	const manifest = await withSnapshot(source, (q) =>
		writeBackup(q, {
			dataDir: source.dataDir,
			dir,
			mode: source.dbUrl === undefined ? 'offline' : 'online',
		})
	);
	const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
	console.log(
		`Backed up ${source.dataDir} (${manifest.mode}): ${rows} rows in ${Object.keys(manifest.tables).length} tables, ${manifest.objects} storage objects, ${manifest.migrations.length} migrations, in ${Date.now() - started} ms`
	);
	console.log(dir);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
	main().catch((error: unknown) => {
		console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	});
}
