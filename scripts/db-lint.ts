/**
 * `npm run db:lint`: the database linter (supabase/lint/lint.ts, the rules of Supabase's splinter plus the house
 * rules of docs/database.md). Prints the findings as a table and exits 1 when any ERROR is not allow-listed.
 *
 *   node scripts/db-lint.ts                  PGlite in memory with the platform bootstrap and every migration
 *   node scripts/db-lint.ts --db-url <url>   a running database instead (e.g. `npm run status` DB_URL, hosted)
 *   node scripts/db-lint.ts --schemas a,b    the exposed schemas (default: supabase/config.toml [api] schemas)
 *   node scripts/db-lint.ts --json           the findings as JSON instead of the table
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../supabase/embedded/db/index.ts';
import { loadBootstrap, migrate } from '../supabase/embedded/migrate.ts';
import {
	exposedSchemasFromConfig,
	failures,
	formatFindings,
	lintDatabase,
} from '../supabase/lint/lint.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
	options: {
		'db-url': { type: 'string' },
		schemas: { type: 'string' },
		json: { type: 'boolean', default: false },
	},
});

/** PGlite in memory with the platform bootstrap and every migration (no seed), or the database at `dbUrl`. */
async function open(dbUrl: string | undefined): Promise<Database> {
	if (dbUrl !== undefined) return openDatabase({ databaseUrl: dbUrl });
	const db = await openDatabase({});
	await migrate(db, {
		bootstrap: await loadBootstrap(join(ROOT, 'supabase/embedded/bootstrap')),
		migrationsDir: join(ROOT, 'supabase/migrations'),
		seedFile: join(ROOT, 'supabase/no-seed-for-lint.sql'),
	});
	return db;
}

const exposedSchemas =
	values.schemas !== undefined
		? values.schemas.split(',').map((s) => s.trim())
		: exposedSchemasFromConfig(readFileSync(join(ROOT, 'supabase/config.toml'), 'utf8'));
const db = await open(values['db-url']);
try {
	const findings = await lintDatabase(db, { exposedSchemas });
	console.log(
		values.json
			? JSON.stringify(findings, null, 2)
			: `Database lint (exposed schemas: ${exposedSchemas.join(', ')})\n\n${formatFindings(findings)}`
	);
	process.exitCode = failures(findings).length > 0 ? 1 : 0;
} finally {
	await db.close();
}
