/**
 * The built site as a process of a test's own (scripts/serve.ts on the build in E2E_DIST, default dist), for
 * the tests that stop or kill it, or point it at a backend of their own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
export { freePort } from '../../scripts/free-port.ts';

// Node 24 (type stripping) for scripts/serve.ts; the repository ships it as a devDependency.
const NODE = existsSync('node_modules/.bin/node') ? 'node_modules/.bin/node' : process.execPath;
const DIST = process.env['E2E_DIST'] ?? 'dist';

/** A running site process. */
export interface SiteProcess {
	child: ChildProcess;
	url: string;
	/** Sends `signal` (default SIGTERM) and resolves once the process has exited. */
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the site on `port` with `env` (SUPABASE_URL and keys); resolves once it serves its home page. */
export async function startSite(port: number, env: Record<string, string>): Promise<SiteProcess> {
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(NODE, ['scripts/serve.ts', DIST], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SITE_URL: url, ...env },
		stdio: 'ignore',
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		await exited;
	};
	for (let i = 0; i < 600; i++) {
		if (child.exitCode !== null) throw new Error(`the site exited with ${child.exitCode}`);
		const up = await fetch(`${url}/`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return { child, url, stop };
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	await stop('SIGKILL');
	throw new Error(`the site did not start at ${url}`);
}
