import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Database, Queryable } from './contracts.ts';
import { DbError, isPglite } from './db/index.ts';

/** What `migrate` did. */
export interface MigrationReport {
	/** The database had never been bootstrapped before this run. */
	fresh: boolean;
	/** The platform bootstrap ran (first start, or its SQL changed). */
	bootstrapped: boolean;
	/** Migration files applied in this run, in order. */
	applied: string[];
	/** `seed.sql` ran: only ever once, right after the first bootstrap of the database. */
	seeded: boolean;
	/** Storage objects stored with the seed (config.toml's bucket `objects_path` folders). */
	seededObjects: number;
}

/** The platform bootstrap: its files in order and a digest that changes when any of them does. */
export interface Bootstrap {
	files: { name: string; sql: string }[];
	digest: string;
}

/** Where the SQL comes from. */
export interface MigrationSources {
	bootstrap: Bootstrap;
	/** Directory of the project's migrations (`supabase/migrations`); missing means none. */
	migrationsDir: string;
	/** The seed file (`supabase/seed.sql`); missing means none. */
	seedFile: string;
	/**
	 * Runs right after the seed file, in its transaction, only when the seed file ran: stores the storage objects
	 * that go with it (see seed-objects.ts). Resolves to how many it stored.
	 */
	seedObjects?: (tx: Queryable) => Promise<number>;
}

// Serializes concurrent starts against one PostgreSQL database (key: "sbembed" as digits).
const ADVISORY_LOCK_KEY = 7_362_235_133;
const MIGRATION_SEARCH_PATH = 'set local search_path to "$user", public, extensions';

async function sqlFiles(dir: string): Promise<string[]> {
	try {
		const names = await readdir(dir);
		return names.filter((name) => name.endsWith('.sql')).sort();
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
}

async function readOptional(path: string): Promise<string | undefined> {
	try {
		return await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/** Wraps a failure with the file it came from, keeping the database's code, detail and hint. */
function failedIn(file: string, error: unknown): Error {
	if (error instanceof DbError) {
		return new DbError({
			code: error.code,
			message: `${file}: ${error.message}`,
			detail: error.detail,
			hint: error.hint,
			position: error.position,
		});
	}
	return new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
}

async function isBootstrapped(
	tx: Queryable
): Promise<{ exists: boolean; digest: string | undefined; seedPending: boolean }> {
	const state = await tx.query<{ table: string | null }>(
		`select to_regclass('_embedded.bootstrap_state')::text as table`
	);
	if (state.rows[0]?.table == null) return { exists: false, digest: undefined, seedPending: false };
	const row = await tx.query<{ digest: string; seed_pending: boolean }>(
		'select digest, seed_pending from _embedded.bootstrap_state where id = 1'
	);
	const found = row.rows[0];
	return {
		exists: found !== undefined,
		digest: found?.digest,
		seedPending: found?.seed_pending ?? false,
	};
}

/** Reads the bootstrap SQL files of `dir` in name order and digests them. */
export async function loadBootstrap(dir: string): Promise<Bootstrap> {
	const names = await sqlFiles(dir);
	const files = await Promise.all(
		names.map(async (name) => ({ name, sql: await readFile(join(dir, name), 'utf8') }))
	);
	const hash = createHash('sha256');
	for (const file of files) hash.update(file.name).update('\0').update(file.sql).update('\0');
	return { files, digest: hash.digest('hex') };
}

/** Splits a migration file name like the Supabase CLI: `<version>_<name>.sql`. */
function parseMigrationName(file: string): { version: string; name: string } {
	const stem = basename(file, '.sql');
	const match = /^(\d+)_?(.*)$/.exec(stem);
	return match === null
		? { version: stem, name: '' }
		: { version: match[1] ?? stem, name: match[2] ?? '' };
}

/**
 * Applies the platform bootstrap when the database has never had it or had another version of it (one
 * transaction, under the migration lock), and records its digest. A PGlite cluster created by this open then
 * holds nothing but the bootstrap, so its image is saved under the digest: later fresh starts begin from it.
 * `fresh`: the seed is still due (a new database, or one whose seed never ran).
 */
export async function applyBootstrap(
	db: Database,
	bootstrap: Bootstrap
): Promise<{ fresh: boolean; bootstrapped: boolean }> {
	const { digest } = bootstrap;
	const result = await db.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [ADVISORY_LOCK_KEY]);
		const state = await isBootstrapped(tx);
		if (state.digest === digest) return { fresh: state.seedPending, bootstrapped: false };
		for (const file of bootstrap.files) {
			try {
				await tx.exec(file.sql);
			} catch (error) {
				throw failedIn(`bootstrap/${file.name}`, error);
			}
		}
		await tx.query(
			`insert into _embedded.bootstrap_state (id, digest) values (1, $1)
			 on conflict (id) do update set digest = excluded.digest, applied_at = now()`,
			[digest]
		);
		return { fresh: !state.exists || state.seedPending, bootstrapped: true };
	});
	if (result.bootstrapped && isPglite(db) && db.createdNow) await db.saveImage(digest);
	return result;
}

/**
 * Brings the database up to date: the platform bootstrap (when new or changed, see applyBootstrap), then every
 * file of `migrationsDir` not yet recorded in `supabase_migrations.schema_migrations` (in name order, one
 * transaction each, recorded like the Supabase CLI records them), then `seedFile` and its storage objects
 * (`seedObjects`) once in the database's life (after its first bootstrap; retried on the next start if it failed).
 * Ends with `NOTIFY pgrst, 'reload schema'`. Rejects naming the file that failed; that file's changes are rolled back.
 */
export async function migrate(db: Database, sources: MigrationSources): Promise<MigrationReport> {
	const { fresh, bootstrapped } = await applyBootstrap(db, sources.bootstrap);

	await db.exec(`create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);`);

	const applied: string[] = [];
	for (const file of await sqlFiles(sources.migrationsDir)) {
		const { version, name } = parseMigrationName(file);
		const sql = await readFile(join(sources.migrationsDir, file), 'utf8');
		const done = await db.transaction(async (tx) => {
			await tx.query('select pg_advisory_xact_lock($1)', [ADVISORY_LOCK_KEY]);
			const seen = await tx.query(
				'select 1 from supabase_migrations.schema_migrations where version = $1',
				[version]
			);
			if (seen.rows.length > 0) return false;
			await tx.exec(MIGRATION_SEARCH_PATH);
			try {
				await tx.exec(sql);
			} catch (error) {
				throw failedIn(`migrations/${file}`, error);
			}
			await tx.query(
				'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
				[version, [sql], name]
			);
			return true;
		});
		if (done) applied.push(file);
	}

	const seed = await readOptional(sources.seedFile);
	const { seeded, seededObjects } = await db.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [ADVISORY_LOCK_KEY]);
		const pending = await tx.query(
			'select 1 from _embedded.bootstrap_state where id = 1 and seed_pending'
		);
		if (pending.rows.length === 0) return { seeded: false, seededObjects: 0 };
		let ran = false;
		let objects = 0;
		if (seed !== undefined && seed.trim() !== '') {
			await tx.exec(MIGRATION_SEARCH_PATH);
			try {
				await tx.exec(seed);
			} catch (error) {
				throw failedIn(basename(sources.seedFile), error);
			}
			ran = true;
			if (sources.seedObjects !== undefined) {
				try {
					objects = await sources.seedObjects(tx);
				} catch (error) {
					throw failedIn(`${basename(sources.seedFile)} (storage objects)`, error);
				}
			}
		}
		await tx.query('update _embedded.bootstrap_state set seed_pending = false where id = 1');
		return { seeded: ran, seededObjects: objects };
	});

	await db.exec(`notify pgrst, 'reload schema'`);
	return { fresh, bootstrapped, applied, seeded, seededObjects };
}
