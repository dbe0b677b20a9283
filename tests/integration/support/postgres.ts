/**
 * A throwaway PostgreSQL 15 server for the suite's TEST_POSTGRES=1 run.
 *
 * `createTestDatabase()` gives each caller a new, empty database:
 * - with TEST_DATABASE_URL set (CI may start one server for all files), on that server;
 * - otherwise on a cluster this module starts once per process: initdb into a temporary directory, then
 *   postgres on a free 127.0.0.1 port. PostgreSQL refuses to run as root, so when the tests run as root the
 *   cluster belongs to `nobody` (override with TEST_POSTGRES_USER) and its commands run through `runuser`.
 *   `stopTestCluster()` stops it (immediate mode) and removes its directory; process exit does too, as a fallback.
 * Binaries come from TEST_POSTGRES_BIN (default /usr/lib/postgresql/15/bin).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** One database for one test file. */
export interface TestDatabase {
	url: string;
	/** Drops the database. */
	drop(): Promise<void>;
}

const BIN = process.env['TEST_POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin';

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address !== null ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function runAs(user: string | undefined, command: string, args: string[]): void {
	const [file, argv] =
		user === undefined ? [command, args] : ['runuser', ['-u', user, '--', command, ...args]];
	const result = spawnSync(file, argv, { encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(
			`${command} failed (${result.status}): ${result.stderr || result.stdout || String(result.error)}`
		);
	}
}

let cluster: Promise<string> | undefined;
let stopCluster: (() => void) | undefined;

/** Stops the throwaway cluster (immediate mode) and removes its directory; a no-op when none runs. */
export async function stopTestCluster(): Promise<void> {
	if (cluster === undefined) return;
	await cluster.catch(() => undefined);
	stopCluster?.();
	stopCluster = undefined;
	cluster = undefined;
}

/** Starts the shared throwaway cluster (once per process) and returns its server URL. */
async function startCluster(): Promise<string> {
	const isRoot = process.getuid?.() === 0;
	const user = isRoot ? (process.env['TEST_POSTGRES_USER'] ?? 'nobody') : undefined;
	const dir = mkdtempSync(join(tmpdir(), 'embedded-pg15-'));
	const dataDir = join(dir, 'data');
	if (user !== undefined) {
		const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	chmodSync(dir, 0o700);
	runAs(user, join(BIN, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--locale=C',
		'--no-sync',
	]);
	const port = await freePort();
	runAs(user, join(BIN, 'pg_ctl'), [
		'-D',
		dataDir,
		'-l',
		join(dir, 'server.log'),
		'-w',
		'-t',
		'60',
		'start',
		'-o',
		`-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
	]);
	const stop = (): void => {
		const pgCtl = [join(BIN, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop'];
		if (user === undefined) spawnSync(pgCtl[0] as string, pgCtl.slice(1));
		else spawnSync('runuser', ['-u', user, '--', ...pgCtl]);
		rmSync(dir, { recursive: true, force: true });
		process.off('exit', stop);
	};
	stopCluster = stop;
	// A fallback for runs that end without calling stopTestCluster().
	process.once('exit', stop);
	return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

/** A new empty database on TEST_DATABASE_URL's server or on the throwaway cluster. */
export async function createTestDatabase(): Promise<TestDatabase> {
	const serverUrl = process.env['TEST_DATABASE_URL'] ?? (await (cluster ??= startCluster()));
	const name = `embedded_test_${randomUUID().replaceAll('-', '')}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: serverUrl });
			await client.connect();
			try {
				await client.query(`drop database if exists ${name} with (force)`);
			} finally {
				await client.end();
			}
		},
	};
}
