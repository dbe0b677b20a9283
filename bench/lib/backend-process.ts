/**
 * Runs the embedded backend (`supabase/embedded/index.ts`, what `npm run backend` runs) as a child process for
 * the benchmarks: loopback only, free ports, a data directory of the caller's choosing, and the time from
 * spawning the process to the first successful request.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { mintApiKey } from '../../supabase/embedded/config.ts';
import { freePort } from '../../scripts/free-port.ts';
export { freePort } from '../../scripts/free-port.ts';

const ENTRY = fileURLToPath(new URL('../../supabase/embedded/index.ts', import.meta.url));
const OUTPUT_LIMIT = 64 * 1024;

/** How to start the backend process. */
export interface BackendProcessOptions {
	/** DATA_DIR: should be empty or missing for a fresh start. */
	dataDir: string;
	/** Extra environment (e.g. MIGRATIONS_DIR, SEED_FILE, RATE_LIMITS). */
	env?: Record<string, string>;
	/** Path and query of the request that proves the backend serves (default `/auth/v1/health`), sent with the service key. */
	probe?: string;
	/** Checks the probe's response beyond its status being 2xx. */
	probeOk?: (body: string) => boolean;
	/** Give up when not serving after this long (default 60 s). */
	timeoutMs?: number;
}

/** A running backend child process. */
export interface BackendProcess {
	child: ChildProcess;
	url: string;
	/** postgresql:// URL of the wire protocol. */
	dbUrl: string;
	anonKey: string;
	serviceRoleKey: string;
	jwtSecret: string;
	/** Milliseconds from spawning the process to the first successful probe. */
	firstRequestMs: number;
	/** The backend's own "ready in N ms" (from its start-up code, after Node loaded it), when it printed one. */
	reportedReadyMs: number | undefined;
	/** The last 64 KB the process printed. */
	output(): string;
	/** SIGTERM, then SIGKILL after `graceMs` (default 5 s); resolves once the process has exited. */
	stop(graceMs?: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Children started here and not yet exited, so a signal handler can stop them even mid-start.
const live = new Set<ChildProcess>();

/** Kills (SIGKILL) every backend process started here that is still running; for signal handlers. */
export function killStartedBackends(): void {
	for (const child of live) child.kill('SIGKILL');
}

/** Spawns the backend and resolves once the probe succeeds; on failure the process is killed and the error names its output. */
export async function startBackendProcess(options: BackendProcessOptions): Promise<BackendProcess> {
	const port = await freePort();
	let dbPort = await freePort();
	while (dbPort === port) dbPort = await freePort();
	const jwtSecret = randomBytes(32).toString('base64url');
	const url = `http://127.0.0.1:${port}`;
	// Only the basics of the caller's environment: no setting of theirs (DATABASE_URL, JWT_EXPIRY, rate limits,
	// …) may change what is measured.
	const env: NodeJS.ProcessEnv = {};
	for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT']) {
		if (process.env[name] !== undefined) env[name] = process.env[name];
	}
	Object.assign(env, {
		HOST: '127.0.0.1',
		PORT: String(port),
		DB_PORT: String(dbPort),
		DATA_DIR: options.dataDir,
		JWT_SECRET: jwtSecret,
		...options.env,
	});
	const anonKey = mintApiKey('anon', jwtSecret);
	const serviceRoleKey = mintApiKey('service_role', jwtSecret);

	const spawnedAt = performance.now();
	const child = spawn(process.execPath, [ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	live.add(child);
	child.once('exit', () => live.delete(child));
	let out = '';
	const collect = (chunk: Buffer): void => {
		out = (out + chunk.toString()).slice(-OUTPUT_LIMIT);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const exited = new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('exit', () => resolve());
	});
	let spawnError: Error | undefined;
	child.once('error', (error) => (spawnError = error));

	const stop = async (graceMs = 5000): Promise<void> => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	};

	const probe = options.probe ?? '/auth/v1/health';
	const deadline = spawnedAt + (options.timeoutMs ?? 60_000);
	let firstRequestMs: number | undefined;
	while (firstRequestMs === undefined) {
		if (spawnError !== undefined || child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`the backend exited before serving (${spawnError?.message ?? child.exitCode ?? child.signalCode}):\n${out}`
			);
		}
		if (performance.now() > deadline) {
			await stop(0);
			throw new Error(
				`the backend did not serve ${probe} within ${options.timeoutMs ?? 60_000} ms:\n${out}`
			);
		}
		try {
			const response = await fetch(`${url}${probe}`, {
				headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}` },
				signal: AbortSignal.timeout(2000),
			});
			const body = await response.text();
			if (response.ok && (options.probeOk?.(body) ?? true))
				firstRequestMs = performance.now() - spawnedAt;
		} catch {
			// not listening yet
		}
		if (firstRequestMs === undefined) await sleep(10);
	}
	// The wire server starts right after the gateway serves; the "ready" line follows it.
	const readyPattern = /ready in (\d+) ms/;
	for (let i = 0; i < 500 && !readyPattern.test(out); i++) await sleep(10);
	const reported = readyPattern.exec(out)?.[1];

	return {
		child,
		url,
		dbUrl: `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`,
		anonKey,
		serviceRoleKey,
		jwtSecret,
		firstRequestMs,
		reportedReadyMs: reported === undefined ? undefined : Number(reported),
		output: () => out,
		stop,
	};
}
