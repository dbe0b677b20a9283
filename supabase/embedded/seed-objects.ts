/**
 * Seeding storage the way the Supabase CLI does: every `[storage.buckets.<name>]` table of `config.toml` with an
 * `objects_path` (relative to the supabase directory) names a folder whose files become objects of that bucket,
 * named by their path inside the folder. The CLI uploads them on `supabase start` and `db reset`; the embedded
 * backend stores them once, right after seed.sql, in the same transaction (bytes into the blob store, rows into
 * storage.objects as Storage writes them), so a seed that fails leaves no rows behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Queryable } from './contracts.ts';
import type { BlobStore } from './storage/blob-store.ts';

/** A bucket table of config.toml, as far as seeding needs it. */
export interface BucketSeed {
	bucket: string;
	/** Absolute path of the folder whose files become the bucket's objects. */
	objectsPath: string;
}

const TABLE = /^\[\s*storage\.buckets\.(?:"([^"]+)"|([A-Za-z0-9_-]+))\s*\]\s*(?:#.*)?$/;
const ANY_TABLE = /^\[/;
const OBJECTS_PATH = /^objects_path\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/;

/**
 * Reads the `objects_path` of every `[storage.buckets.<name>]` table in config.toml's text (basic strings only,
 * which is what the CLI's own config uses), resolved against `supabaseDir` as the CLI resolves it.
 */
export function bucketSeeds(configToml: string, supabaseDir: string): BucketSeed[] {
	const seeds: BucketSeed[] = [];
	let bucket: string | undefined;
	for (const rawLine of configToml.split(/\r?\n/)) {
		const line = rawLine.trim();
		const table = TABLE.exec(line);
		if (table) {
			bucket = table[1] ?? table[2];
			continue;
		}
		if (ANY_TABLE.test(line)) {
			bucket = undefined;
			continue;
		}
		const path = bucket === undefined ? null : OBJECTS_PATH.exec(line);
		if (bucket !== undefined && path) {
			const value = JSON.parse(`"${path[1]}"`) as string;
			seeds.push({ bucket, objectsPath: resolve(supabaseDir, value) });
		}
	}
	return seeds;
}

/** Reads config.toml and returns its bucket seeds; none when the file does not exist. */
export async function loadBucketSeeds(
	configFile: string,
	supabaseDir: string
): Promise<BucketSeed[]> {
	try {
		return bucketSeeds(await readFile(configFile, 'utf8'), supabaseDir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
}

/** The content type of a file from its first bytes, as Storage would record an upload of it. */
export function sniffContentType(bytes: Uint8Array, name: string): string {
	const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
	if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP')
		return 'image/webp';
	if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
	if (name.endsWith('.svg')) return 'image/svg+xml';
	if (name.endsWith('.json')) return 'application/json';
	if (name.endsWith('.txt')) return 'text/plain';
	return 'application/octet-stream';
}

async function filesUnder(dir: string): Promise<string[]> {
	try {
		const entries = await readdir(dir, { withFileTypes: true, recursive: true });
		return entries
			.filter((entry) => entry.isFile())
			.map((entry) => join(entry.parentPath, entry.name))
			.sort();
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
}

/** Files written to the blob store at once (their fsyncs overlap). */
const WRITE_CONCURRENCY = 16;

/**
 * Stores every file of the seeds' folders as an object of its bucket: the bytes as a new version in `blobs`, then
 * the storage.objects rows (no owner, as the CLI uploads with the service key; metadata as Storage records it),
 * in one statement. An object that already exists is replaced, as the CLI's upsert does. Rejects when a bucket
 * does not exist (migrations create buckets). Resolves to the number of objects stored.
 */
export async function seedBucketObjects(
	tx: Queryable,
	blobs: BlobStore,
	seeds: readonly BucketSeed[]
): Promise<number> {
	const objects: { bucket: string; name: string; file: string }[] = [];
	for (const { bucket, objectsPath } of seeds) {
		const files = await filesUnder(objectsPath);
		if (files.length === 0) continue;
		const exists = await tx.query('select 1 from storage.buckets where id = $1', [bucket]);
		if (exists.rows.length === 0) {
			throw new Error(
				`config.toml [storage.buckets.${bucket}] has objects_path but the bucket does not exist (create it in a migration)`
			);
		}
		for (const file of files) {
			objects.push({ bucket, name: relative(objectsPath, file).split(sep).join('/'), file });
		}
	}
	const rows: Record<string, unknown>[] = [];
	for (let first = 0; first < objects.length; first += WRITE_CONCURRENCY) {
		const batch = objects.slice(first, first + WRITE_CONCURRENCY);
		rows.push(
			...(await Promise.all(
				batch.map(async ({ bucket, name, file }) => {
					const bytes = await readFile(file);
					const version = randomUUID();
					await blobs.write(
						bucket,
						name,
						version,
						(async function* () {
							yield bytes;
						})()
					);
					return {
						bucket_id: bucket,
						name,
						version,
						metadata: {
							eTag: `"${createHash('md5').update(bytes).digest('hex')}"`,
							size: bytes.byteLength,
							mimetype: sniffContentType(bytes, name),
							cacheControl: 'max-age=3600',
							lastModified: new Date().toISOString(),
							contentLength: bytes.byteLength,
							httpStatusCode: 200,
						},
					};
				})
			))
		);
	}
	if (rows.length > 0) {
		await tx.query(
			`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
			 select x.bucket_id, x.name, null, null, x.version, x.metadata, '{}'::jsonb
			 from jsonb_to_recordset($1::jsonb) as x(bucket_id text, name text, version text, metadata jsonb)
			 on conflict (bucket_id, name) do update
			 set version = excluded.version, metadata = excluded.metadata, updated_at = now()`,
			[JSON.stringify(rows)]
		);
	}
	return rows.length;
}
