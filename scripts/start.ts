/**
 * `npm start`: builds the site, starts the embedded Supabase-compatible backend (unless SUPABASE_URL
 * points at another Supabase), and serves the production build on http://localhost:4321 (PORT changes it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dataDirFromEnv, loadConfig } from '../supabase/embedded/config.ts';
import { checkDataDir, DataDirError } from '../supabase/embedded/data-dir-check.ts';
import { statusValues } from '../supabase/embedded/status.ts';
import { run } from './run.ts';

const children: ChildProcess[] = [];

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
	const child = spawn(process.execPath, args, { stdio: 'inherit', env });
	children.push(child);
	// Whichever half stops, stop the other: a site without its backend (or the reverse) is no use.
	child.on('exit', (code, signal) => {
		for (const other of children)
			if (other !== child && other.exitCode === null) other.kill('SIGTERM');
		process.exitCode = code ?? (signal ? 1 : 0);
	});
	return child;
}

/** Resolves once the backend answers its health check; rejects if it exits first or takes too long. */
async function waitForBackend(url: string, anonKey: string, backend: ChildProcess): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (backend.exitCode !== null) throw new Error('the embedded backend exited during start-up');
		try {
			const response = await fetch(`${url}/auth/v1/health`, {
				headers: { apikey: anonKey },
				signal: AbortSignal.timeout(1000),
			});
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`the embedded backend did not answer at ${url} within 120 s`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		for (const child of children) if (child.exitCode === null) child.kill(signal);
	});
}

await run('npm', ['run', '--silent', 'build']);

const siteEnv: NodeJS.ProcessEnv = {
	...process.env,
	PORT: process.env['PORT'] ?? '4321',
	HOST: process.env['HOST'] ?? '127.0.0.1',
};
// The origin of the links in emails (src/lib/site-origin.server.ts).
siteEnv['SITE_URL'] ??= `http://localhost:${siteEnv['PORT']}`;

if (!process.env['SUPABASE_URL']) {
	// The backend's own settings (PORT, HOST) must not be the site's.
	const backendEnv: NodeJS.ProcessEnv = {
		...process.env,
		PORT: process.env['SUPABASE_PORT'] ?? '54321',
		// Email links lead back to the site.
		SITE_URL: siteEnv['SITE_URL'],
		// As with `supabase start` (config.toml: enable_confirmations = false), a local demo signs
		// people in at sign-up; the emails still reach the backend's mailbox.
		ENABLE_EMAIL_AUTOCONFIRM: process.env['ENABLE_EMAIL_AUTOCONFIRM'] ?? 'true',
	};
	delete backendEnv['HOST'];
	// Reading the keys writes the data directory's secrets: check it first, as the backend does (one line).
	try {
		checkDataDir(dataDirFromEnv(backendEnv));
	} catch (error) {
		if (!(error instanceof DataDirError)) throw error;
		console.error(error.message);
		process.exit(1);
	}
	const values = statusValues(loadConfig({ env: backendEnv }));
	const backend = start(['supabase/embedded/index.ts'], backendEnv);
	await waitForBackend(values['API_URL'] ?? '', values['ANON_KEY'] ?? '', backend);
	siteEnv['SUPABASE_URL'] = values['API_URL'];
	siteEnv['SUPABASE_ANON_KEY'] = values['ANON_KEY'];
	siteEnv['SUPABASE_SERVICE_ROLE_KEY'] = values['SERVICE_ROLE_KEY'];
}

// The build behind the server that adds the security headers to every response (ADR 014).
start(['scripts/serve.ts'], siteEnv);
console.log(`\nOkaeri is running at http://localhost:${siteEnv['PORT']}  (Ctrl+C stops it)`);
if (!process.env['SUPABASE_URL'] && !process.env['SEED_FILE'])
	// The demo's accounts (staff among them) share a published password: say so every time.
	console.log(
		'Demo data: sign in as returnee@example.com, mentor@example.com, sme@example.com or\n' +
			'staff@example.com with the password okaeri-demo-2026 (README: Demo logins). For a real\n' +
			'installation, start the backend with SEED_FILE=/dev/null on an empty DATA_DIR.\n'
	);
