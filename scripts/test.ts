/**
 * `npm test`: the whole suite, in the order a failure is cheapest to find —
 * lint, format, type check, unit and integration tests, production build, end-to-end tests.
 */
import { run } from './run.ts';

const steps: [string, string, string[]][] = [
	['lint', 'eslint', ['.', '--max-warnings=0']],
	['format', 'prettier', ['--check', '.']],
	['types', 'astro', ['check', '--minimumSeverity', 'warning']],
	['unit and integration', 'vitest', ['run']],
	['build', 'npm', ['run', '--silent', 'build']],
	['end to end', 'playwright', ['test']],
];

for (const [name, command, args] of steps) {
	const started = Date.now();
	console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
	await run(command, args);
	console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
