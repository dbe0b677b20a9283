/**
 * `npm run status`: the URLs and keys of the embedded backend, like `supabase status`.
 * `npm run status -- --json` prints {API_URL, ANON_KEY, SERVICE_ROLE_KEY, DB_URL, JWT_SECRET, …} for scripts.
 * Reads the configuration (creating the data directory's secret on first use); the backend need not run.
 */
import { type EmbeddedConfig, loadConfig, parseFlags } from './config.ts';

/** The values `supabase status` reports, for this configuration. */
export function statusValues(config: EmbeddedConfig): Record<string, string> {
	const dbUrl =
		config.databaseUrl ??
		(config.dbPort >= 0
			? `postgresql://postgres:postgres@127.0.0.1:${config.dbPort}/postgres`
			: '');
	return {
		API_URL: config.apiUrl,
		REST_URL: `${config.apiUrl}/rest/v1`,
		STORAGE_URL: `${config.apiUrl}/storage/v1`,
		DB_URL: dbUrl,
		MAILBOX_URL: `${config.apiUrl}/mailbox/v1/messages`,
		JWT_SECRET: config.jwtSecret,
		ANON_KEY: config.anonKey,
		SERVICE_ROLE_KEY: config.serviceRoleKey,
		PUBLISHABLE_KEY: config.publishableKey,
		SECRET_KEY: config.secretKey,
	};
}

async function isRunning(apiUrl: string, anonKey: string): Promise<boolean> {
	try {
		const response = await fetch(`${apiUrl}/auth/v1/health`, {
			headers: { apikey: anonKey },
			signal: AbortSignal.timeout(1000),
		});
		return response.ok;
	} catch {
		return false;
	}
}

async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2));
	const config = loadConfig();
	const values = statusValues(config);
	if (flags.json) {
		console.log(JSON.stringify(values, null, 2));
		return;
	}
	const running = await isRunning(config.apiUrl, config.anonKey);
	console.log(
		running
			? 'embedded supabase local development setup is running.\n'
			: 'embedded supabase is not running (start it with `npm run backend`).\n'
	);
	const rows: [string, string][] = [
		['API URL', values['API_URL'] ?? ''],
		['REST URL', values['REST_URL'] ?? ''],
		['Storage URL', values['STORAGE_URL'] ?? ''],
		['DB URL', values['DB_URL'] ?? ''],
		['Mailbox', `${config.apiUrl}/mailbox/ (web page, this machine only)`],
		['Mailbox API', values['MAILBOX_URL'] ?? ''],
		['Data dir', config.dataDir ?? '(in memory)'],
		['JWT secret', values['JWT_SECRET'] ?? ''],
		['anon key', values['ANON_KEY'] ?? ''],
		['service_role key', values['SERVICE_ROLE_KEY'] ?? ''],
		['Publishable key', values['PUBLISHABLE_KEY'] ?? ''],
		['Secret key', values['SECRET_KEY'] ?? ''],
	];
	const width = Math.max(...rows.map(([label]) => label.length));
	for (const [label, value] of rows) console.log(`${label.padStart(width)}: ${value}`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
