/**
 * `npm test`: the whole suite, in the order a failure is cheapest to find —
 * lint, format, type check, unit and integration tests (backend on PGlite), the backend's integration tests
 * again on a throwaway PostgreSQL 15 cluster, production build, end-to-end tests.
 */
import { run } from './run.ts';

// The integration files that exercise the backend on PostgreSQL: all but content-build-errors (it runs
// `astro sync`, no backend), wire-protocol (the wire server serves PGlite only) and backup-restore (backs up a
// PGlite install, online through that wire server; restores always make PGlite).
const BACKEND_TESTS = [
	'tests/integration/',
	'--exclude',
	'tests/integration/content-build-errors.test.ts',
	'--exclude',
	'tests/integration/wire-protocol.test.ts',
	'--exclude',
	'tests/integration/backup-restore.test.ts',
	// The data directory's start-up check, and a disk filling up under PGlite (which keeps the database there).
	'--exclude',
	'tests/integration/data-dir-faults.test.ts',
];

const steps: [string, string, string[], NodeJS.ProcessEnv?][] = [
	['lint', 'eslint', ['.', '--max-warnings=0']],
	['format', 'prettier', ['--check', '.']],
	['types', 'astro', ['check', '--minimumSeverity', 'warning']],
	['unit and integration (PGlite)', 'vitest', ['run'], { ...process.env, TEST_POSTGRES: '0' }],
	[
		'backend integration (PostgreSQL 15)',
		'vitest',
		['run', ...BACKEND_TESTS],
		// One cluster for the run (tests/integration/support/postgres-setup.ts), a database per backend.
		{ ...process.env, TEST_POSTGRES: '1' },
	],
	['build', 'npm', ['run', '--silent', 'build']],
	['end to end', 'playwright', ['test']],
];

const total = Date.now();
for (const [name, command, args, env] of steps) {
	const started = Date.now();
	console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
	await run(command, args, env === undefined ? {} : { env });
	console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log(`\n✔ npm test (${((Date.now() - total) / 1000).toFixed(1)} s)`);
