/**
 * `npm run restore -- <backup dir> [--data-dir <dir>]`: rebuilds an embedded install from `npm run backup`'s
 * output into a fresh data directory (default DATA_DIR, as for `npm run backend`; it must not hold a database):
 * the platform bootstrap and the backup's own migrations (their SQL is in manifest.json, so the schema is the
 * one the rows came from), then database.sql, the storage files and secrets.json. Start the backend on it
 * afterwards; newer migrations of the checkout apply then, as on any start.
 */
import {
	copyFileSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../supabase/embedded/db/index.ts';
import { loadBootstrap, migrate } from '../supabase/embedded/migrate.ts';
import type { BackupManifest } from './backup.ts';

const BOOTSTRAP_DIR = fileURLToPath(new URL('../supabase/embedded/bootstrap', import.meta.url));

/** Reads and checks a backup's manifest. */
export function readManifest(backupDir: string): BackupManifest {
	const path = join(backupDir, 'manifest.json');
	if (!existsSync(path)) throw new Error(`${backupDir} is not a backup: no manifest.json`);
	const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
	if (manifest.format !== 'okaeri-backup/1')
		throw new Error(`${path}: unknown format ${String(manifest.format)}`);
	return manifest;
}

/**
 * Restores `backupDir` into `dataDir`, which must not hold a database yet. Resolves to the manifest.
 * On failure the half-made database directory is removed again.
 */
export async function restoreBackup(backupDir: string, dataDir: string): Promise<BackupManifest> {
	const manifest = readManifest(backupDir);
	const pgdata = join(dataDir, 'pgdata');
	if (existsSync(join(pgdata, 'PG_VERSION')))
		throw new Error(
			`${dataDir} already holds a database: restore into a new, empty data directory`
		);
	mkdirSync(dataDir, { recursive: true });
	if (existsSync(join(backupDir, 'secrets.json')))
		copyFileSync(join(backupDir, 'secrets.json'), join(dataDir, 'secrets.json'));

	const migrationsDir = mkdtempSync(join(tmpdir(), 'okaeri-restore-'));
	try {
		for (const m of manifest.migrations) {
			writeFileSync(join(migrationsDir, `${m.version}_${m.name ?? 'migration'}.sql`), m.sql);
		}
		const bootstrap = await loadBootstrap(BOOTSTRAP_DIR);
		const db = await openDatabase({ dataDir: pgdata, imageKey: bootstrap.digest });
		try {
			await migrate(db, {
				bootstrap,
				migrationsDir,
				// No demo seed: the backup's rows replace it.
				seedFile: join(migrationsDir, 'no-seed.sql'),
			});
			await db.exec(readFileSync(join(backupDir, 'database.sql'), 'utf8'));
		} finally {
			await db.close();
		}
	} catch (error) {
		rmSync(pgdata, { recursive: true, force: true });
		throw error;
	} finally {
		rmSync(migrationsDir, { recursive: true, force: true });
	}
	if (existsSync(join(backupDir, 'storage')))
		cpSync(join(backupDir, 'storage'), join(dataDir, 'storage'), { recursive: true });
	return manifest;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const dirIndex = args.indexOf('--data-dir');
	const dataDirArg = dirIndex === -1 ? undefined : args[dirIndex + 1];
	const positional = args.filter((a, i) => !a.startsWith('--') && i !== dirIndex + 1);
	if (positional.length !== 1 || (dirIndex !== -1 && dataDirArg === undefined))
		throw new Error('usage: npm run restore -- <backup dir> [--data-dir <dir>]');
	const backupDir = resolve(positional[0] as string);
	const dataDir =
		dataDirArg === undefined ? loadConfigDataDir() : resolve(process.cwd(), dataDirArg);
	const started = Date.now();
	const manifest = await restoreBackup(backupDir, dataDir);
	const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
	console.log(
		`Restored ${backupDir} (${manifest.createdAt}) into ${dataDir}: ${rows} rows, ${manifest.objects} storage objects, in ${Date.now() - started} ms`
	);
	console.log(`Start it with: DATA_DIR=${dataDir} npm run backend`);
}

/** DATA_DIR as the backend resolves it, without creating its secrets (the backup brings its own). */
function loadConfigDataDir(): string {
	const root = fileURLToPath(new URL('..', import.meta.url));
	return resolve(root, process.env['DATA_DIR'] ?? '.data');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
	main().catch((error: unknown) => {
		console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	});
}
