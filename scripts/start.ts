/**
 * `npm start`: builds the site and serves the production build on http://localhost:4321 (PORT changes it).
 */
import { spawn } from 'node:child_process';
import { run } from './run.ts';

await run('npm', ['run', '--silent', 'build']);

const env = {
	...process.env,
	PORT: process.env.PORT ?? '4321',
	HOST: process.env.HOST ?? '127.0.0.1',
};
const site = spawn(process.execPath, ['dist/server/entry.mjs'], { stdio: 'inherit', env });
console.log(`\nOkaeri is running at http://localhost:${env.PORT}  (Ctrl+C stops it)\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => site.kill(signal));
}
site.on('exit', (code) => process.exit(code ?? 0));
