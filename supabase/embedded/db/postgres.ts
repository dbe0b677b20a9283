import pg from 'pg';
import type { Database, Queryable, QueryResult, TransactionOptions } from '../contracts.ts';
import { DbError, toDbError } from './errors.ts';
import { quoteIdent } from './quote.ts';
import { postgresTypes, SESSION_DEFAULTS } from './value-types.ts';

/** The PostgreSQL-backed Database (any server reachable through DATABASE_URL). */
export interface PostgresDatabase extends Database {
	readonly kind: 'postgres';
	readonly pool: pg.Pool;
}

function toQueryResult<R>(result: pg.QueryResult): QueryResult<R> {
	return {
		rows: result.rows as R[],
		fields: result.fields.map((field) => ({ name: field.name, dataTypeID: field.dataTypeID })),
		affectedRows: result.rowCount ?? result.rows.length,
	};
}

function sessionOptions(): string {
	return Object.entries(SESSION_DEFAULTS)
		.map(([name, value]) => `-c ${name}=${value.replaceAll(' ', '\\ ')}`)
		.join(' ');
}

function queryableOn(client: pg.Pool | pg.PoolClient): Queryable {
	return {
		async query<R>(sql: string, params?: unknown[]) {
			try {
				return toQueryResult<R>(
					await client.query({ text: sql, values: params ?? [], types: postgresTypes })
				);
			} catch (error) {
				throw toDbError(error);
			}
		},
		async exec(sql: string) {
			try {
				await client.query(sql);
			} catch (error) {
				throw toDbError(error);
			}
		},
	};
}

/** Connects to PostgreSQL at `databaseUrl` with a pool of `max` connections (default 10). */
export async function openPostgres(databaseUrl: string, max = 10): Promise<PostgresDatabase> {
	const pool = new pg.Pool({
		connectionString: databaseUrl,
		max,
		options: sessionOptions(),
		application_name: 'supabase-embedded',
		types: postgresTypes,
	});
	// An idle client losing its connection must not crash the process; the pool replaces it.
	pool.on('error', (error) =>
		console.error('[embedded] idle PostgreSQL connection failed:', error.message)
	);
	try {
		await pool.query('select 1');
	} catch (error) {
		await pool.end();
		throw toDbError(error);
	}
	const listenClients = new Map<
		string,
		{ client: pg.Client; listeners: Set<(payload: string) => void> }
	>();
	const base = queryableOn(pool);

	return {
		kind: 'postgres',
		pool,
		query: base.query,
		exec: base.exec,
		async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
			let client: pg.PoolClient;
			try {
				client = await pool.connect();
			} catch (error) {
				throw toDbError(error);
			}
			let broken = false;
			try {
				// Simple protocol (no parameters), so BEGIN and the setup go to the server as one query.
				await client.query(options?.setup === undefined ? 'begin' : `begin; ${options.setup}`);
				const result = await fn(queryableOn(client));
				await client.query('commit');
				return result;
			} catch (error) {
				try {
					await client.query('rollback');
				} catch {
					broken = true;
				}
				throw error instanceof DbError || !hasSqlState(error) ? error : toDbError(error);
			} finally {
				client.release(broken);
			}
		},
		async listen(channel: string, onNotify: (payload: string) => void) {
			let entry = listenClients.get(channel);
			if (entry === undefined) {
				const client = new pg.Client({
					connectionString: databaseUrl,
					application_name: 'supabase-embedded-listen',
				});
				client.on('error', (error) =>
					console.error(`[embedded] LISTEN ${channel} connection failed:`, error.message)
				);
				const listeners = new Set<(payload: string) => void>();
				client.on('notification', (message) => {
					if (message.channel !== channel) return;
					for (const listener of listeners) listener(message.payload ?? '');
				});
				try {
					await client.connect();
					await client.query(`listen ${quoteIdent(channel)}`);
				} catch (error) {
					await client.end().catch(() => undefined);
					throw toDbError(error);
				}
				entry = { client, listeners };
				listenClients.set(channel, entry);
			}
			entry.listeners.add(onNotify);
			return async () => {
				const current = listenClients.get(channel);
				if (current === undefined) return;
				current.listeners.delete(onNotify);
				if (current.listeners.size === 0) {
					listenClients.delete(channel);
					await current.client.end().catch(() => undefined);
				}
			};
		},
		async close() {
			for (const { client } of listenClients.values()) await client.end().catch(() => undefined);
			listenClients.clear();
			// pool.end() resolves once it has asked every client to end, not when their connections are closed;
			// wait for those too (bounded, in case one never reports), so nothing of ours is still connected
			// when close() resolves.
			let open = pool.totalCount;
			const closed = new Promise<void>((resolve) => {
				if (open === 0) return resolve();
				const timer = setTimeout(resolve, 2000);
				pool.on('remove', () => {
					open -= 1;
					if (open > 0) return;
					clearTimeout(timer);
					resolve();
				});
			});
			await pool.end();
			await closed;
		},
	};
}

function hasSqlState(error: unknown): boolean {
	const code =
		typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
	return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
