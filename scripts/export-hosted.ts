/**
 * Moving an embedded install to a hosted Supabase project, passwords and all.
 *
 *   npm run export:hosted -- --out <dir>
 *       Reads the install named by the environment (DATA_DIR, PORT, DB_PORT, as for `npm run backend`; running or
 *       stopped) in one snapshot and writes, in the order they are loaded:
 *         migrations.txt   the migrations the rows belong to (push the same ones: `supabase db push`)
 *         auth.sql         auth.users and auth.identities, bcrypt hashes unchanged: users sign in with their passwords
 *         data.sql         every row of public and private, in foreign-key order, sequences set
 *         storage/         manifest.json (buckets and objects) and objects/<bucket>/<path>, the files
 *       Load the SQL with psql (`-v ON_ERROR_STOP=1 -f auth.sql`, then data.sql); each file is one transaction in
 *       `session_replication_role = replica`, so triggers (profile creation, updated_at) do not rewrite the rows.
 *
 *   npm run export:hosted -- --upload --out <dir> --url <SUPABASE_URL> --service-role-key <key>
 *       Creates or updates the buckets through the Storage API and uploads every object with its path and content
 *       type (Storage then writes the storage.objects rows itself). SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY in
 *       the environment work too. Run it again after a failure: uploads replace what is there.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import type { Queryable } from '../supabase/embedded/contracts.ts';
import { resolveBlobPath } from '../supabase/embedded/storage/blob-store.ts';
import { recordedMigrations } from './backup.ts';
import {
	dumpTable,
	installFromEnv,
	listTables,
	loadPreamble,
	refillSql,
	type TableSpec,
	withSnapshot,
} from './dump-sql.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// GoTrue scans these into Go strings: a NULL there fails every sign-in ("converting NULL to string is
// unsupported", supabase/auth#1940). Pending email links and codes are not carried over: users ask again.
const EMPTY_TOKEN = `''`;

/**
 * auth.users as hosted GoTrue has it (its migrations up to 2026): the stored columns our bootstrap shares with
 * it. `confirmed_at` is generated there too. instance_id is the zero UUID GoTrue writes.
 */
export const AUTH_USERS: TableSpec = {
	schema: 'auth',
	name: 'users',
	columns: {
		instance_id: `coalesce(instance_id, '00000000-0000-0000-0000-000000000000'::uuid)`,
		id: true,
		aud: `coalesce(aud, 'authenticated')`,
		role: `coalesce(role, 'authenticated')`,
		email: true,
		encrypted_password: `coalesce(encrypted_password, '')`,
		email_confirmed_at: true,
		invited_at: true,
		confirmation_token: EMPTY_TOKEN,
		confirmation_sent_at: true,
		recovery_token: EMPTY_TOKEN,
		recovery_sent_at: true,
		email_change_token_new: EMPTY_TOKEN,
		email_change: `coalesce(email_change, '')`,
		email_change_sent_at: true,
		last_sign_in_at: true,
		raw_app_meta_data: `coalesce(raw_app_meta_data, '{}'::jsonb)`,
		raw_user_meta_data: `coalesce(raw_user_meta_data, '{}'::jsonb)`,
		is_super_admin: true,
		created_at: true,
		updated_at: true,
		phone: true,
		phone_confirmed_at: true,
		phone_change: `coalesce(phone_change, '')`,
		phone_change_token: EMPTY_TOKEN,
		phone_change_sent_at: true,
		email_change_token_current: EMPTY_TOKEN,
		email_change_confirm_status: `coalesce(email_change_confirm_status, 0)`,
		banned_until: true,
		reauthentication_token: EMPTY_TOKEN,
		reauthentication_sent_at: true,
		is_sso_user: true,
		deleted_at: true,
		is_anonymous: true,
	},
};

/** auth.identities as hosted GoTrue has it (`email` is generated there too). */
export const AUTH_IDENTITIES: TableSpec = {
	schema: 'auth',
	name: 'identities',
	columns: {
		provider_id: true,
		user_id: true,
		identity_data: true,
		provider: true,
		last_sign_in_at: true,
		created_at: true,
		updated_at: true,
		id: true,
	},
};

/** A bucket as the upload step creates it. */
export interface BucketSettings {
	id: string;
	public: boolean;
	fileSizeLimit: number | null;
	allowedMimeTypes: string[] | null;
}

/** One object of storage/manifest.json; its bytes are in `storage/objects/<bucket>/<name>`. */
export interface ExportedObject {
	bucket: string;
	name: string;
	contentType: string;
	/** Seconds, as Storage's upload takes it. */
	cacheControl: string;
	size: number;
}

/** storage/manifest.json. */
export interface StorageManifest {
	buckets: BucketSettings[];
	objects: ExportedObject[];
}

/** What one export wrote. */
export interface ExportSummary {
	users: number;
	identities: number;
	tables: Record<string, number>;
	objects: number;
	migrations: string[];
}

const SIZE_UNITS: Record<string, number> = {
	b: 1,
	kb: 1000,
	mb: 1000 ** 2,
	gb: 1000 ** 3,
	kib: 1024,
	mib: 1024 ** 2,
	gib: 1024 ** 3,
};

/** `"2MiB"` → 2097152, as the Supabase CLI reads config.toml sizes. */
export function parseSize(value: string | number): number {
	if (typeof value === 'number') return value;
	const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
	const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase() || 'b'];
	if (match === null || unit === undefined) throw new Error(`unreadable size "${value}"`);
	return Math.round(Number(match[1]) * unit);
}

/** The `[storage.buckets.<id>]` tables of config.toml: public, file_size_limit, allowed_mime_types. */
export function bucketsFromConfig(toml: string): BucketSettings[] {
	const buckets: BucketSettings[] = [];
	let current: BucketSettings | undefined;
	for (const raw of toml.split(/\r?\n/)) {
		const line = raw.replace(/\s+#.*$/, '').trim();
		const table = /^\[\s*storage\.buckets\.(?:"([^"]+)"|([A-Za-z0-9_-]+))\s*\]$/.exec(line);
		if (table) {
			current = {
				id: (table[1] ?? table[2]) as string,
				public: false,
				fileSizeLimit: null,
				allowedMimeTypes: null,
			};
			buckets.push(current);
			continue;
		}
		if (line.startsWith('[')) current = undefined;
		const pair = current === undefined ? null : /^([a-z_]+)\s*=\s*(.+)$/.exec(line);
		if (current === undefined || pair === null) continue;
		const value = JSON.parse(pair[2] as string) as unknown;
		if (pair[1] === 'public') current.public = value === true;
		if (pair[1] === 'file_size_limit') current.fileSizeLimit = parseSize(value as string | number);
		if (pair[1] === 'allowed_mime_types') current.allowedMimeTypes = value as string[];
	}
	return buckets;
}

/**
 * Writes the export of the snapshot `q` (storage files read from `dataDir`) into `outDir`. Buckets come from
 * `configToml` (supabase/config.toml), plus any bucket only the database has, with its settings there.
 */
export async function writeExport(
	q: Queryable,
	options: { dataDir: string; outDir: string; configToml: string }
): Promise<ExportSummary> {
	const { dataDir, outDir } = options;
	mkdirSync(join(outDir, 'storage'), { recursive: true });
	const migrations = (await recordedMigrations(q)).map((m) => m.version);
	writeFileSync(join(outDir, 'migrations.txt'), `${migrations.join('\n')}\n`);

	const users = await dumpTable(q, AUTH_USERS);
	const identities = await dumpTable(q, AUTH_IDENTITIES);
	writeFileSync(
		join(outDir, 'auth.sql'),
		`${loadPreamble('Okaeri export for hosted Supabase: auth.users and auth.identities (load before data.sql)')}${users.sql}${identities.sql}commit;\n`
	);

	const schemas = ['public', 'private'];
	const tables = await listTables(q, schemas);
	let data = loadPreamble(
		'Okaeri export for hosted Supabase: public and private rows (load after auth.sql, into a NEW project:\n-- it empties every public and private table first)'
	);
	// The migrations' own rows (settings singletons, backfills) give way to the exported ones.
	const refill = await refillSql(q, tables, schemas);
	data += refill.sql;
	const counts = refill.counts;
	writeFileSync(join(outDir, 'data.sql'), `${data}commit;\n`);

	const configured = bucketsFromConfig(options.configToml);
	const rows = await q.query<{
		id: string;
		public: boolean | null;
		file_size_limit: string | null;
		allowed_mime_types: string[] | null;
	}>(
		'select id, public, file_size_limit::text as file_size_limit, allowed_mime_types from storage.buckets order by id'
	);
	const buckets = [...configured];
	for (const row of rows.rows) {
		if (buckets.some((b) => b.id === row.id)) continue;
		buckets.push({
			id: row.id,
			public: row.public === true,
			fileSizeLimit: row.file_size_limit === null ? null : Number(row.file_size_limit),
			allowedMimeTypes: row.allowed_mime_types,
		});
	}
	const objects = await q.query<{
		bucket_id: string;
		name: string;
		version: string;
		mimetype: string | null;
		cache_control: string | null;
	}>(
		`select bucket_id, name, version, metadata ->> 'mimetype' as mimetype, metadata ->> 'cacheControl' as cache_control
		 from storage.objects where version is not null order by bucket_id, name`
	);
	const exported: ExportedObject[] = [];
	for (const object of objects.rows) {
		const from = resolveBlobPath(
			join(dataDir, 'storage'),
			object.bucket_id,
			object.name,
			object.version
		);
		const to = resolveBlobPath(
			join(outDir, 'storage', 'objects'),
			object.bucket_id,
			object.name,
			''
		);
		if (!existsSync(from))
			throw new Error(`storage file missing for ${object.bucket_id}/${object.name}: ${from}`);
		mkdirSync(dirname(to), { recursive: true });
		copyFileSync(from, to);
		exported.push({
			bucket: object.bucket_id,
			name: object.name,
			contentType: object.mimetype ?? 'application/octet-stream',
			cacheControl: /(\d+)/.exec(object.cache_control ?? '')?.[1] ?? '3600',
			size: readFileSync(to).byteLength,
		});
		if (exported.length % 100 === 0) await q.query('select 1');
	}
	const manifest: StorageManifest = { buckets, objects: exported };
	writeFileSync(join(outDir, 'storage', 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	return {
		users: users.rows,
		identities: identities.rows,
		tables: counts,
		objects: exported.length,
		migrations,
	};
}

/** What the upload step did. */
export interface UploadSummary {
	bucketsCreated: string[];
	bucketsUpdated: string[];
	uploaded: number;
}

/**
 * Creates or updates the manifest's buckets on `url` and uploads every object (same path, content type and cache
 * time; existing objects are replaced), four at a time. Rejects naming the first object that failed.
 */
export async function uploadExport(
	outDir: string,
	url: string,
	serviceRoleKey: string
): Promise<UploadSummary> {
	const manifest = JSON.parse(
		readFileSync(join(outDir, 'storage', 'manifest.json'), 'utf8')
	) as StorageManifest;
	const storage = createClient(url, serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
	}).storage;
	const summary: UploadSummary = { bucketsCreated: [], bucketsUpdated: [], uploaded: 0 };
	for (const bucket of manifest.buckets) {
		const settings = {
			public: bucket.public,
			fileSizeLimit: bucket.fileSizeLimit,
			allowedMimeTypes: bucket.allowedMimeTypes,
		};
		const existing = await storage.getBucket(bucket.id);
		const { error } =
			existing.data === null
				? await storage.createBucket(bucket.id, settings)
				: await storage.updateBucket(bucket.id, settings);
		if (error !== null) throw new Error(`bucket ${bucket.id}: ${error.message}`);
		(existing.data === null ? summary.bucketsCreated : summary.bucketsUpdated).push(bucket.id);
	}
	const queue = [...manifest.objects];
	const worker = async (): Promise<void> => {
		for (let object = queue.shift(); object !== undefined; object = queue.shift()) {
			const bytes = readFileSync(
				resolveBlobPath(join(outDir, 'storage', 'objects'), object.bucket, object.name, '')
			);
			const { error } = await storage.from(object.bucket).upload(object.name, bytes, {
				contentType: object.contentType,
				cacheControl: object.cacheControl,
				upsert: true,
			});
			if (error !== null) throw new Error(`${object.bucket}/${object.name}: ${error.message}`);
			summary.uploaded += 1;
		}
	};
	await Promise.all([worker(), worker(), worker(), worker()]);
	return summary;
}

function parseArgs(argv: string[]): Map<string, string | true> {
	const known = new Set(['--out', '--upload', '--url', '--service-role-key']);
	const args = new Map<string, string | true>();
	for (let i = 0; i < argv.length; i += 1) {
		const arg = argv[i] as string;
		if (!known.has(arg)) throw new Error(`unknown argument ${arg} (see scripts/export-hosted.ts)`);
		if (arg === '--upload') args.set(arg, true);
		else {
			const value = argv[i + 1];
			if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
			args.set(arg, value);
			i += 1;
		}
	}
	return args;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const out = args.get('--out');
	if (typeof out !== 'string') throw new Error('--out <dir> is required');
	const outDir = resolve(process.cwd(), out);
	if (args.get('--upload') === true) {
		const url = args.get('--url') ?? process.env['SUPABASE_URL'];
		const key = args.get('--service-role-key') ?? process.env['SUPABASE_SERVICE_ROLE_KEY'];
		if (typeof url !== 'string' || typeof key !== 'string')
			throw new Error(
				'--upload needs --url and --service-role-key (or SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY)'
			);
		const summary = await uploadExport(outDir, url, key);
		console.log(
			`Buckets created: ${summary.bucketsCreated.join(', ') || 'none'}; updated: ${summary.bucketsUpdated.join(', ') || 'none'}; ${summary.uploaded} objects uploaded to ${url}`
		);
		return;
	}
	const source = await installFromEnv();
	const configToml = readFileSync(join(ROOT, 'supabase', 'config.toml'), 'utf8');
	const summary = await withSnapshot(source, (q) =>
		writeExport(q, { dataDir: source.dataDir, outDir, configToml })
	);
	const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
	console.log(
		`Exported ${source.dataDir} to ${outDir}: ${summary.users} users, ${summary.identities} identities, ${rows} rows in ${Object.keys(summary.tables).length} tables, ${summary.objects} storage objects (migrations up to ${summary.migrations.at(-1) ?? 'none'})`
	);
	console.log(`Next: psql "$DB_URL" -v ON_ERROR_STOP=1 -f ${join(outDir, 'auth.sql')}`);
	console.log(`      psql "$DB_URL" -v ON_ERROR_STOP=1 -f ${join(outDir, 'data.sql')}`);
	console.log(
		`      npm run export:hosted -- --upload --out ${out} --url <SUPABASE_URL> --service-role-key <key>`
	);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
	main().catch((error: unknown) => {
		console.error(`export failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	});
}
