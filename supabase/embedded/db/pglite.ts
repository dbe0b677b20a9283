import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Results } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import type { Database, Queryable, QueryResult, TransactionOptions } from '../contracts.ts';
import { DbError, toDbError } from './errors.ts';
import {
	claimSpareCluster,
	extractClusterImage,
	INITDB_IMAGE_KEY,
	prepareSpareCluster,
	readClusterImage,
	saveClusterImage,
} from './pglite-image.ts';
import { detached, PgliteSessions } from './pglite-sessions.ts';
import { quoteIdent } from './quote.ts';
import { pgliteParsers, SESSION_DEFAULTS } from './value-types.ts';

/** The PGlite-backed Database, with the handles the wire-protocol server needs. */
export interface PgliteDatabase extends Database {
	readonly kind: 'pglite';
	readonly pglite: PGlite;
	readonly sessions: PgliteSessions;
	/** The cluster was created by this open (new data directory, or in memory), so it holds no project data. */
	readonly createdNow: boolean;
	/** Delivers a notification seen outside PGlite's own parsing (the wire server's raw stream) to listeners. */
	dispatchNotification(channel: string, payload: string): void;
	/** Saves an image of the cluster as it is now under `key`, so a later fresh open with that key starts from it. */
	saveImage(key: string): Promise<void>;
	/**
	 * After a fresh open in a data directory with an image key: unpacks that image as the spare cluster the next
	 * fresh open moves into place (see pglite-image.ts), unless there is one. Otherwise nothing. Never rejects.
	 */
	prepareSpare(): Promise<void>;
}

/** How to open PGlite. */
export interface PgliteOptions {
	/** Directory to persist in (created when missing); undefined = in memory. */
	dataDir?: string | undefined;
	/** When the cluster is new, start from the image saved under this key if there is one. */
	imageKey?: string | undefined;
}

function toQueryResult<R>(result: Results<R>): QueryResult<R> {
	return {
		rows: result.rows,
		fields: result.fields,
		affectedRows: result.rowCount ?? result.affectedRows ?? result.rows.length,
	};
}

/**
 * Runs `fn` in one transaction on `pglite` (the caller holds the session turn, so nothing else runs in between).
 * Instead of PGlite's own `transaction()`, which sends BEGIN on its own, BEGIN goes with `setup` in one
 * simple-protocol call. The handle refuses use once the transaction has ended, as PGlite's does.
 */
async function runTransaction<T>(
	pglite: PGlite,
	fn: (tx: Queryable) => Promise<T>,
	setup: string | undefined
): Promise<T> {
	let closed = false;
	const checkClosed = (): void => {
		if (closed) throw new Error('Transaction is closed');
	};
	const tx: Queryable = {
		async query<R>(sql: string, params?: unknown[]) {
			checkClosed();
			try {
				return toQueryResult(await pglite.query<R>(sql, params));
			} catch (error) {
				throw toDbError(error);
			}
		},
		async exec(sql: string) {
			checkClosed();
			try {
				await pglite.exec(sql);
			} catch (error) {
				throw toDbError(error);
			}
		},
	};
	try {
		await pglite.exec(setup === undefined ? 'begin' : `begin; ${setup}`);
		const result = await fn(tx);
		closed = true;
		await pglite.exec('commit');
		return result;
	} catch (error) {
		if (!closed) {
			closed = true;
			await pglite.exec('rollback');
		}
		throw error;
	}
}

/**
 * Durability: PGlite runs PostgreSQL with fsync off, and its Node file system (Emscripten NODEFS) writes
 * straight through to the OS with write(2) (`relaxedDurability` only defers syncing for the IndexedDB/OPFS
 * file systems, so it changes nothing here). A commit therefore returns after its WAL is in the kernel's page
 * cache: acknowledged writes survive the process being killed (SIGKILL, crash), which the persistence test
 * proves, but not a power loss or kernel crash before the kernel flushes them.
 *
 * Opens PGlite: persisted in `dataDir` (created when missing), or in memory when `dataDir` is undefined.
 * A new on-disk cluster is the spare unpacked image moved into place when there is one, else the saved image
 * unpacked, else initdb (see pglite-image.ts); a new in-memory cluster loads the saved image, else runs initdb.
 * Every statement and transaction is serialized through one queue (PGlite has one backend); concurrent callers wait.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<PgliteDatabase> {
	const { dataDir, imageKey } = options;
	const fresh = dataDir === undefined || !existsSync(join(dataDir, 'PG_VERSION'));
	const claimed =
		fresh &&
		dataDir !== undefined &&
		imageKey !== undefined &&
		(await claimSpareCluster(imageKey, dataDir));
	let image: Uint8Array<ArrayBuffer> | undefined;
	if (fresh && !claimed && imageKey !== undefined) image = await readClusterImage(imageKey);
	if (fresh && !claimed && image === undefined) image = await readClusterImage(INITDB_IMAGE_KEY);
	if (image !== undefined && dataDir !== undefined) await extractClusterImage(image, dataDir);
	const pglite = await PGlite.create({
		...(dataDir === undefined ? {} : { dataDir }),
		...(image !== undefined && dataDir === undefined ? { loadDataDir: new Blob([image]) } : {}),
		extensions: { pgcrypto, uuid_ossp, pg_trgm, unaccent },
		parsers: pgliteParsers,
		postgresqlconf: Object.entries(SESSION_DEFAULTS).map(([name, value]) => `${name} = '${value}'`),
	});
	// With an image key the caller saves the bootstrapped cluster instead, which serves later starts better.
	if (fresh && !claimed && image === undefined && imageKey === undefined)
		await saveClusterImage(pglite, INITDB_IMAGE_KEY);

	const sessions = new PgliteSessions(pglite);
	const listeners = new Map<string, Set<(payload: string) => void>>();
	const dispatchNotification = (channel: string, payload: string): void => {
		for (const listener of listeners.get(channel) ?? []) {
			detached(() => {
				try {
					listener(payload);
				} catch (error) {
					console.error(`[embedded] listener for "${channel}" failed:`, error);
				}
			});
		}
	};
	pglite.onNotification(dispatchNotification);

	return {
		kind: 'pglite',
		pglite,
		sessions,
		createdNow: fresh,
		dispatchNotification,
		saveImage: (key) => sessions.run(sessions.app, () => saveClusterImage(pglite, key)),
		async prepareSpare() {
			if (fresh && dataDir !== undefined && imageKey !== undefined)
				await prepareSpareCluster(imageKey);
		},
		async query<R>(sql: string, params?: unknown[]) {
			return sessions.run(sessions.app, async () => {
				try {
					return toQueryResult(await pglite.query<R>(sql, params));
				} catch (error) {
					throw toDbError(error);
				}
			});
		},
		async exec(sql: string) {
			await sessions.run(sessions.app, async () => {
				try {
					await pglite.exec(sql);
				} catch (error) {
					throw toDbError(error);
				}
			});
		},
		async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
			return sessions.run(sessions.app, async () => {
				try {
					return await runTransaction(pglite, fn, options?.setup);
				} catch (error) {
					// Errors thrown by `fn` itself (not the database) pass through unchanged.
					throw isDriverError(error) ? toDbError(error) : error;
				}
			});
		},
		async listen(channel: string, onNotify: (payload: string) => void) {
			let set = listeners.get(channel);
			if (set === undefined) {
				set = new Set();
				listeners.set(channel, set);
				await sessions.run(sessions.app, () => pglite.exec(`listen ${quoteIdent(channel)}`));
			}
			set.add(onNotify);
			return async () => {
				const current = listeners.get(channel);
				current?.delete(onNotify);
				if (current !== undefined && current.size === 0) {
					listeners.delete(channel);
					await sessions.run(sessions.app, () => pglite.exec(`unlisten ${quoteIdent(channel)}`));
				}
			};
		},
		async close() {
			await sessions.close(async () => {
				if (!pglite.closed) await pglite.close();
			});
		},
	};
}

function isDriverError(error: unknown): boolean {
	if (error instanceof DbError || typeof error !== 'object' || error === null) return false;
	const code = (error as { code?: unknown }).code;
	return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** Whether `db` is the PGlite adapter (and so has the PGlite-only handles). */
export function isPglite(db: Database): db is PgliteDatabase {
	return db.kind === 'pglite' && 'pglite' in db;
}
