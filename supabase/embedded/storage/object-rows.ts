/**
 * The SQL Storage runs on `storage.objects`, statement for statement, so that the same RLS policies see the
 * same commands (INSERT without RETURNING for a plain upload, INSERT … ON CONFLICT … RETURNING * for an upsert,
 * DELETE … RETURNING * for removal …) as on Supabase.
 */
import type { Queryable } from '../contracts.ts';
import { ERRORS, StorageError, toStorageError } from './errors.ts';
import { isUuid } from './validation.ts';

/** A row of `storage.objects`, normalized (timestamps as ISO strings). */
export interface ObjectRow {
	id: string;
	bucket_id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	version: string | null;
	created_at: string | null;
	updated_at: string | null;
	last_accessed_at: string | null;
	metadata: Record<string, unknown> | null;
	user_metadata: Record<string, unknown> | null;
}

/** The fields Storage writes when it creates or replaces an object row. */
export interface ObjectWrite {
	bucketId: string;
	name: string;
	/** The JWT `sub` of the writer; fills `owner_id`, and `owner` when it is a UUID. */
	owner: string | undefined;
	version: string;
	metadata: Record<string, unknown> | undefined;
	userMetadata: Record<string, unknown> | undefined;
}

const OBJECT_COLUMNS =
	'id, bucket_id, name, owner, owner_id, version, created_at, updated_at, last_accessed_at, metadata, user_metadata';

const PG_TIMESTAMP = /^(\d{4,}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d(?::?\d\d)?)?$/;

/**
 * Converts a timestamp from the database (PostgreSQL's text, e.g. `2026-01-02 03:04:05.123456+00`, or a Date)
 * to the ISO string with milliseconds and `Z` that Storage's JSON carries.
 */
export function isoTimestamp(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) return value.toISOString();
	const text = String(value);
	const match = PG_TIMESTAMP.exec(text);
	if (!match) {
		const date = new Date(text);
		return Number.isNaN(date.getTime()) ? text : date.toISOString();
	}
	const [, day, time, fraction = '', zone = 'Z'] = match;
	const millis = fraction.slice(0, 3).padEnd(3, '0');
	const offset =
		zone === 'Z'
			? 'Z'
			: zone.length === 3
				? `${zone}:00`
				: zone.includes(':')
					? zone
					: `${zone.slice(0, 3)}:${zone.slice(3)}`;
	return new Date(`${day}T${time}.${millis}${offset}`).toISOString();
}

function jsonObject(value: unknown): Record<string, unknown> | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
	return value as Record<string, unknown>;
}

function nullableText(value: unknown): string | null {
	return value === null || value === undefined ? null : String(value);
}

/** Normalizes a raw `storage.objects` row. */
export function toObjectRow(row: Record<string, unknown>): ObjectRow {
	return {
		id: String(row['id']),
		bucket_id: String(row['bucket_id']),
		name: String(row['name']),
		owner: nullableText(row['owner']),
		owner_id: nullableText(row['owner_id']),
		version: nullableText(row['version']),
		created_at: isoTimestamp(row['created_at']),
		updated_at: isoTimestamp(row['updated_at']),
		last_accessed_at: isoTimestamp(row['last_accessed_at']),
		metadata: jsonObject(row['metadata']),
		user_metadata: jsonObject(row['user_metadata']),
	};
}

/** Runs a statement, mapping database errors to Storage's. */
async function run(
	tx: Queryable,
	sql: string,
	params: unknown[]
): Promise<Record<string, unknown>[]> {
	try {
		return (await tx.query(sql, params)).rows;
	} catch (error) {
		throw toStorageError(error);
	}
}

function writeValues(data: ObjectWrite): unknown[] {
	const owner = data.owner;
	return [
		data.bucketId,
		data.name,
		owner !== undefined && isUuid(owner) ? owner : null,
		owner ?? null,
		data.version,
		data.metadata === undefined ? null : JSON.stringify(data.metadata),
		data.userMetadata === undefined ? null : JSON.stringify(data.userMetadata),
	];
}

/** Finds one object; throws NoSuchKey when it is missing or hidden by RLS, unless `optional`. */
export async function findObject(
	tx: Queryable,
	bucketId: string,
	name: string,
	options: { optional: true; forUpdate?: boolean }
): Promise<ObjectRow | undefined>;
export async function findObject(
	tx: Queryable,
	bucketId: string,
	name: string,
	options?: { optional?: false; forUpdate?: boolean }
): Promise<ObjectRow>;
export async function findObject(
	tx: Queryable,
	bucketId: string,
	name: string,
	options: { optional?: boolean; forUpdate?: boolean } = {}
): Promise<ObjectRow | undefined> {
	const rows = await run(
		tx,
		`select ${OBJECT_COLUMNS} from storage.objects where name = $1 and bucket_id = $2 limit 1${
			options.forUpdate ? ' for update' : ''
		}`,
		[name, bucketId]
	);
	const row = rows[0];
	if (!row) {
		if (options.optional) return undefined;
		throw ERRORS.noSuchKey();
	}
	return toObjectRow(row);
}

/** The names among `names` that exist in the bucket and are visible to the current role. */
export async function findObjectNames(
	tx: Queryable,
	bucketId: string,
	names: string[]
): Promise<Set<string>> {
	if (names.length === 0) return new Set();
	const rows = await run(
		tx,
		'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
		[bucketId, names]
	);
	return new Set(rows.map((row) => String(row['name'])));
}

/** `INSERT` without RETURNING (Storage's createObject); a duplicate becomes KeyAlreadyExists. */
export async function insertObject(tx: Queryable, data: ObjectWrite): Promise<void> {
	try {
		await run(
			tx,
			`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
			 values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
			writeValues(data)
		);
	} catch (error) {
		if (error instanceof StorageError && error.code === 'ResourceAlreadyExists')
			throw ERRORS.keyAlreadyExists();
		throw error;
	}
}

/** `INSERT … ON CONFLICT (name, bucket_id) DO UPDATE … RETURNING *` (Storage's upsertObject). */
export async function upsertObject(tx: Queryable, data: ObjectWrite): Promise<ObjectRow> {
	// Like Storage, only columns with a value are replaced: a service-role upsert keeps the existing owner.
	const updates: string[] = [];
	if (data.metadata !== undefined) updates.push('metadata = excluded.metadata');
	if (data.userMetadata !== undefined) updates.push('user_metadata = excluded.user_metadata');
	updates.push('version = excluded.version');
	if (data.owner !== undefined && isUuid(data.owner)) updates.push('owner = excluded.owner');
	if (data.owner !== undefined) updates.push('owner_id = excluded.owner_id');
	const rows = await run(
		tx,
		`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
		 values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)
		 on conflict (name, bucket_id) do update set ${updates.join(', ')}
		 returning *`,
		writeValues(data)
	);
	const row = rows[0];
	if (!row) throw ERRORS.noSuchKey();
	return toObjectRow(row);
}

/** Renames or re-versions an object with `UPDATE … RETURNING *`; NoSuchKey when no visible row matched. */
export async function updateObject(
	tx: Queryable,
	bucketId: string,
	name: string,
	data: ObjectWrite
): Promise<ObjectRow> {
	const [newBucket, newName, owner, ownerId, version, metadata, userMetadata] = writeValues(data);
	const params: unknown[] = [bucketId, name, newBucket, newName, version];
	const sets = ['bucket_id = $3', 'name = $4', 'version = $5'];
	if (owner !== null) sets.push(`owner = $${params.push(owner)}`);
	if (ownerId !== null) sets.push(`owner_id = $${params.push(ownerId)}`);
	if (data.metadata !== undefined) sets.push(`metadata = $${params.push(metadata)}::jsonb`);
	if (data.userMetadata !== undefined)
		sets.push(`user_metadata = $${params.push(userMetadata)}::jsonb`);
	const rows = await run(
		tx,
		`update storage.objects set ${sets.join(', ')} where bucket_id = $1 and name = $2 returning *`,
		params
	);
	const row = rows[0];
	if (!row) throw ERRORS.noSuchKey();
	return toObjectRow(row);
}

/** `DELETE … WHERE name = ANY(…) RETURNING *`: rows RLS hides, or that do not exist, are skipped. */
export async function deleteObjects(
	tx: Queryable,
	bucketId: string,
	names: string[]
): Promise<ObjectRow[]> {
	if (names.length === 0) return [];
	const rows = await run(
		tx,
		'delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning *',
		[bucketId, names]
	);
	return rows.map(toObjectRow);
}

/** Waits for the transaction-scoped lock Storage takes on `<bucket>/<name>` before replacing an object. */
export async function lockObject(tx: Queryable, bucketId: string, name: string): Promise<void> {
	await run(tx, 'select pg_advisory_xact_lock(hashtext($1))', [`${bucketId}/${name}`]);
}
