/**
 * Runs the backend as a child process (`node supabase/embedded/index.ts`), for tests about restarts and
 * SIGKILL. The child gets its own data directory and ports; `ready` resolves once it printed its keys.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
// The backend needs Node 24 (type stripping); the repository ships it as a devDependency.
const NODE = existsSync(`${REPO}node_modules/.bin/node`)
	? `${REPO}node_modules/.bin/node`
	: process.execPath;

/** A backend child process. */
export interface ChildBackend {
	child: ChildProcess;
	url: string;
	anonKey: string;
	serviceRoleKey: string;
	/** Everything the child printed. */
	output(): string;
	/** Sends `signal` and waits for the child to exit; resolves to its exit code (null when killed). */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The command line of the backend: Node 24 and the entry file, then `args`. */
export function backendCommand(args: string[] = []): string[] {
	return [NODE, `${REPO}supabase/embedded/index.ts`, ...args];
}

/**
 * Starts `npm run backend` equivalent with `env` added to this process's environment; `wrap` is a command
 * line put in front of it (e.g. `prlimit --fsize=…`).
 */
export async function startChildBackend(
	env: Record<string, string>,
	args: string[] = [],
	wrap: string[] = []
): Promise<ChildBackend> {
	const [command = NODE, ...rest] = [...wrap, ...backendCommand(args)];
	const child = spawn(command, rest, {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	await new Promise<void>((resolve, reject) => {
		const timer = setInterval(() => {
			if (/Data dir: /.test(out)) {
				clearInterval(timer);
				resolve();
			}
		}, 50);
		void exited.then((code) => {
			clearInterval(timer);
			reject(new Error(`backend exited with ${code}:\n${out}`));
		});
	});
	const value = (label: string): string => new RegExp(`${label}: (\\S+)`).exec(out)?.[1] ?? '';
	return {
		child,
		url: value('API URL'),
		anonKey: value('anon key'),
		serviceRoleKey: value('service_role key'),
		output: () => out,
		async stop(signal: NodeJS.Signals = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			return exited;
		},
	};
}
