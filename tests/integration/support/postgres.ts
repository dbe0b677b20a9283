/**
 * A throwaway PostgreSQL 15 server for the suite's TEST_POSTGRES=1 run.
 *
 * - `startTestCluster()` (called once per run by ./postgres-setup.ts, vitest's globalSetup): initdb into a
 *   temporary directory, then postgres on a free 127.0.0.1 port. PostgreSQL refuses to run as root, so when the
 *   tests run as root the cluster belongs to `nobody` (override with TEST_POSTGRES_USER) and its commands run
 *   through `runuser`. Binaries come from TEST_POSTGRES_BIN (default /usr/lib/postgresql/15/bin).
 * - `createTestDatabase()` (called by each backend a test starts): a new, empty database on the server named by
 *   TEST_DATABASE_URL, which the globalSetup exports (or CI sets to a server of its own).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../../scripts/free-port.ts';

/** Whether this run puts the backend on PostgreSQL instead of PGlite. */
export const ON_POSTGRES = process.env['TEST_POSTGRES'] === '1';

/** One database for one backend. */
export interface TestDatabase {
	url: string;
	/** Drops the database. */
	drop(): Promise<void>;
}

/** A running throwaway cluster. */
export interface TestCluster {
	/** URL of its `postgres` database, as the superuser `postgres`. */
	url: string;
	/** Stops it (immediate mode) and removes its directory. */
	stop(): void;
}

const BIN = process.env['TEST_POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin';

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

/** Starts a throwaway cluster as an unprivileged user; stop it with `stop()` (process exit does too, as a fallback). */
export async function startTestCluster(): Promise<TestCluster> {
	if (!existsSync(join(BIN, 'pg_ctl'))) {
		throw new Error(
			`TEST_POSTGRES=1 needs PostgreSQL 15 server binaries in ${BIN} (Debian: apt-get install postgresql-15; or set TEST_POSTGRES_BIN)`
		);
	}
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
		`-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
	]);
	let stopped = false;
	const stop = (): void => {
		if (stopped) return;
		stopped = true;
		const pgCtl = [join(BIN, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop'];
		if (user === undefined) spawnSync(pgCtl[0] as string, pgCtl.slice(1));
		else spawnSync('runuser', ['-u', user, '--', ...pgCtl]);
		rmSync(dir, { recursive: true, force: true });
		process.off('exit', stop);
	};
	process.once('exit', stop);
	return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** A new empty database on TEST_DATABASE_URL's server. */
export async function createTestDatabase(): Promise<TestDatabase> {
	const serverUrl = process.env['TEST_DATABASE_URL'];
	if (serverUrl === undefined || serverUrl === '') {
		throw new Error(
			'TEST_POSTGRES=1 needs TEST_DATABASE_URL: run the tests through vitest, whose globalSetup (tests/integration/support/postgres-setup.ts) starts a cluster and sets it'
		);
	}
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
