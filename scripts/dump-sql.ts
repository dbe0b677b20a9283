/**
 * A logical dump of table rows as plain SQL that any PostgreSQL 15+ loads with psql — the format of
 * `npm run backup` and `npm run export:hosted`. pg_dump cannot do this job: PGlite is PostgreSQL 18 and the
 * pg_dump 15 of a Debian machine (or of hosted Supabase's tooling) refuses a newer server.
 *
 * Each table becomes `insert … select … from json_populate_recordset(null::table, '<rows as JSON>')` in chunks:
 * every value travels in PostgreSQL's own JSON rendering and is parsed back by the target's input functions,
 * so timestamps, jsonb, arrays, bytea and enums survive unchanged whatever the server versions. Generated columns
 * are left out (the target computes them); identity columns keep their values (`overriding system value`).
 */
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../supabase/embedded/config.ts';
import type { Queryable } from '../supabase/embedded/contracts.ts';
import { openDatabase } from '../supabase/embedded/db/index.ts';
import { quoteIdent, quoteLiteral } from '../supabase/embedded/db/quote.ts';

/** A table to dump, with optional column expressions replacing plain column reads. */
export interface TableSpec {
	schema: string;
	name: string;
	/** Only these columns (default: every stored column); a value is an SQL expression read as that column. */
	columns?: Record<string, string | true>;
}

/** One table's rows as SQL statements, plus how many rows. */
export interface DumpedTable {
	schema: string;
	name: string;
	rows: number;
	sql: string;
}

const CHUNK = 500;

/** `schema.table` quoted. */
export function qualified(schema: string, name: string): string {
	return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Every ordinary table of `schemas`, in foreign-key order (referenced tables first; cycles in name order). */
export async function listTables(
	q: Queryable,
	schemas: string[],
	exclude: string[] = []
): Promise<TableSpec[]> {
	const tables = await q.query<{ oid: string; schema: string; name: string }>(
		`select c.oid::text as oid, n.nspname as schema, c.relname as name
		 from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any($1::text[])
		 order by n.nspname, c.relname`,
		[schemas]
	);
	const edges = await q.query<{ child: string; parent: string }>(
		`select conrelid::text as child, confrelid::text as parent from pg_constraint
		 where contype = 'f' and conrelid <> confrelid`
	);
	const wanted = tables.rows.filter((t) => !exclude.includes(`${t.schema}.${t.name}`));
	const byOid = new Map(wanted.map((t) => [t.oid, t]));
	const parents = new Map<string, Set<string>>(wanted.map((t) => [t.oid, new Set()]));
	for (const edge of edges.rows) {
		if (byOid.has(edge.child) && byOid.has(edge.parent)) parents.get(edge.child)?.add(edge.parent);
	}
	const ordered: TableSpec[] = [];
	const done = new Set<string>();
	while (done.size < wanted.length) {
		const ready = wanted.filter(
			(t) => !done.has(t.oid) && [...(parents.get(t.oid) ?? [])].every((p) => done.has(p))
		);
		// A cycle: take the first remaining table (the load runs with triggers, and so FK checks, off).
		const next = ready.length > 0 ? ready : wanted.filter((t) => !done.has(t.oid)).slice(0, 1);
		for (const t of next) {
			done.add(t.oid);
			ordered.push({ schema: t.schema, name: t.name });
		}
	}
	return ordered;
}

/**
 * Dumps the rows of `table` inside the caller's transaction (a cursor pages through them, `CHUNK` at a time).
 * Columns the source lacks are skipped, so one spec fits several schema versions.
 */
export async function dumpTable(q: Queryable, table: TableSpec): Promise<DumpedTable> {
	const rel = qualified(table.schema, table.name);
	const stored = await q.query<{ name: string; identity: string }>(
		`select attname as name, attidentity::text as identity from pg_attribute
		 where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = ''
		 order by attnum`,
		[rel]
	);
	const present = new Set(stored.rows.map((c) => c.name));
	const columns: [string, string][] =
		table.columns === undefined
			? stored.rows.map((c) => [c.name, quoteIdent(c.name)])
			: Object.entries(table.columns)
					.filter(([name]) => present.has(name))
					.map(([name, expr]) => [name, expr === true ? quoteIdent(name) : expr]);
	const names = columns.map(([name]) => quoteIdent(name)).join(', ');
	const select = columns.map(([name, expr]) => `${expr} as ${quoteIdent(name)}`).join(', ');
	const identity = stored.rows.some((c) => c.identity === 'a') ? ' overriding system value' : '';
	// Primary-key order: two dumps of the same rows are the same file.
	const key = await q.query<{ name: string }>(
		`select a.attname as name from pg_index i
		 join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
		 where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)`,
		[rel]
	);
	const order =
		key.rows.length === 0 ? '' : ` order by ${key.rows.map((k) => quoteIdent(k.name)).join(', ')}`;
	const cursor = `dump_${table.schema}_${table.name}`.replace(/[^a-z0-9_]/gi, '_');
	await q.query(
		`declare ${cursor} no scroll cursor for select row_to_json(t)::text as j from (select ${select} from ${rel}${order}) t`
	);
	let sql = '';
	let rows = 0;
	for (;;) {
		const chunk = await q.query<{ j: string }>(`fetch ${CHUNK} from ${cursor}`);
		if (chunk.rows.length === 0) break;
		rows += chunk.rows.length;
		const json = `[${chunk.rows.map((r) => r.j).join(',')}]`;
		sql += `insert into ${rel} (${names})${identity}\nselect ${names} from json_populate_recordset(null::${rel}, ${quoteLiteral(json)});\n`;
	}
	await q.query(`close ${cursor}`);
	return { schema: table.schema, name: table.name, rows, sql };
}

/** `setval` statements that put every sequence of `schemas` where it is now. */
export async function sequencesSql(q: Queryable, schemas: string[]): Promise<string> {
	const result = await q.query<{ schema: string; name: string; last: string | null }>(
		`select schemaname as schema, sequencename as name, last_value::text as last
		 from pg_sequences where schemaname = any($1::text[]) order by 1, 2`,
		[schemas]
	);
	return result.rows
		.map((s) => {
			const seq = quoteLiteral(qualified(s.schema, s.name));
			return s.last === null
				? `select setval(${seq}, (select seqstart from pg_sequence where seqrelid = ${seq}::regclass), false);\n`
				: `select setval(${seq}, ${s.last}, true);\n`;
		})
		.join('');
}

/**
 * SQL that empties `tables` and refills them with every row they hold now, then puts the sequences
 * of `schemas` where they are: the body of one load transaction. Also returns the rows per table.
 */
export async function refillSql(
	q: Queryable,
	tables: TableSpec[],
	schemas: string[]
): Promise<{ sql: string; counts: Record<string, number> }> {
	let sql =
		tables.length > 0
			? `truncate table ${tables.map((t) => qualified(t.schema, t.name)).join(', ')};\n`
			: '';
	const counts: Record<string, number> = {};
	for (const table of tables) {
		const dumped = await dumpTable(q, table);
		counts[`${table.schema}.${table.name}`] = dumped.rows;
		sql += dumped.sql;
	}
	sql += await sequencesSql(q, schemas);
	return { sql, counts };
}

/** The head of a dump file: what the load needs (replica mode: no triggers, so no FK checks and no rewriting). */
export function loadPreamble(title: string): string {
	return `-- ${title}\n-- Load with: psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f <this file>\nset standard_conforming_strings = on;\nset client_encoding = 'UTF8';\nbegin;\nset local session_replication_role = replica;\n`;
}

/** A Queryable over a node-postgres client (the wire port of PGlite, or any PostgreSQL). */
export function pgQueryable(client: pg.Client | pg.PoolClient): Queryable {
	return {
		async query<R>(sql: string, params?: unknown[]) {
			const result = await client.query(sql, params);
			return {
				rows: result.rows as R[],
				fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
				affectedRows: result.rowCount ?? 0,
			};
		},
		async exec(sql: string) {
			await client.query(sql);
		},
	};
}

/** Where an embedded install keeps its data, and how to reach its database. */
export interface InstallSource {
	/** The data directory (storage files under `storage/`, PGlite under `pgdata/`). */
	dataDir: string;
	/** A running backend's wire URL, or the DATABASE_URL of an install on PostgreSQL; undefined = open PGlite here. */
	dbUrl?: string | undefined;
}

/**
 * Runs `fn` on one consistent snapshot of an install's database. Over `dbUrl`, a repeatable-read read-only
 * transaction: on PGlite's wire port it holds the single backend, so no write lands (and no storage file of a
 * referenced version goes away) until it ends. Without `dbUrl`, PGlite is opened in this process — only safe
 * while no backend runs on that data directory.
 */
export async function withSnapshot<T>(
	source: InstallSource,
	fn: (q: Queryable) => Promise<T>
): Promise<T> {
	if (source.dbUrl !== undefined) {
		const client = new pg.Client({ connectionString: source.dbUrl });
		await client.connect();
		try {
			await client.query('begin isolation level repeatable read read only');
			const result = await fn(pgQueryable(client));
			await client.query('commit');
			return result;
		} finally {
			await client.end();
		}
	}
	const pgdata = join(source.dataDir, 'pgdata');
	if (!existsSync(join(pgdata, 'PG_VERSION')))
		throw new Error(`no embedded database in ${source.dataDir} (expected ${pgdata})`);
	const db = await openDatabase({ dataDir: pgdata });
	try {
		return await db.transaction(fn);
	} finally {
		await db.close();
	}
}

/**
 * The install named by the environment (DATA_DIR, PORT, DB_PORT, DATABASE_URL, as `npm run backend` reads them):
 * over the wire port when its backend answers on API_URL, else PGlite opened directly.
 */
export async function installFromEnv(): Promise<InstallSource> {
	const config = loadConfig();
	if (config.dataDir === undefined) throw new Error('no data directory configured');
	if (config.databaseUrl !== undefined)
		return { dataDir: config.dataDir, dbUrl: config.databaseUrl };
	let running: boolean;
	try {
		const response = await fetch(`${config.apiUrl}/auth/v1/health`, {
			headers: { apikey: config.anonKey },
			signal: AbortSignal.timeout(2000),
		});
		running = response.ok;
	} catch {
		running = false;
	}
	if (!running) {
		const pid = processUsing(join(config.dataDir, 'pgdata'));
		if (pid !== undefined)
			throw new Error(
				`process ${pid} has ${config.dataDir} open but no backend answers on ${config.apiUrl}: stop it, or set PORT and DB_PORT to the ones it serves`
			);
		return { dataDir: config.dataDir };
	}
	if (config.dbPort < 0)
		throw new Error(
			`the backend at ${config.apiUrl} runs without its wire port (DB_PORT=-1): stop it, or restart it with a DB_PORT, to back it up`
		);
	return {
		dataDir: config.dataDir,
		dbUrl: `postgresql://postgres:postgres@127.0.0.1:${config.dbPort}/postgres`,
	};
}

/**
 * A process other than this one with a file under `dir` open (Linux: /proc/<pid>/fd), or undefined. A backend
 * keeps its PGlite files open, so this finds one serving `dir` on ports other than the configured ones, which
 * would be corrupted by a second PGlite opening it. Where /proc is not there, it finds nothing.
 */
export function processUsing(dir: string): number | undefined {
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter(
			(name) => /^\d+$/.test(name) && Number(name) !== process.pid
		);
	} catch {
		return undefined;
	}
	const prefix = `${dir}/`;
	for (const pid of pids) {
		let fds: string[];
		try {
			fds = readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			try {
				if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(prefix)) return Number(pid);
			} catch {
				// The descriptor closed meanwhile.
			}
		}
	}
	return undefined;
}
