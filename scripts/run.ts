import { spawn, type SpawnOptions } from 'node:child_process';

/**
 * Runs a command with inherited output and resolves when it exits 0; rejects otherwise.
 * Commands are looked up on PATH, which npm scripts prefix with node_modules/.bin (so `node` is Node 24).
 */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: 'inherit', ...options });
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (code === 0) resolve();
			else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`));
		});
	});
}
