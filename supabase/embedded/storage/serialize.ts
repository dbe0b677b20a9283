/**
 * Storage's response shapes for buckets and object rows. Storage serializes them through JSON schemas
 * (fast-json-stringify): fields come in schema order, only fields the query selected appear, a NULL in a
 * string field becomes `""`, and timestamps are ISO strings with milliseconds and `Z`.
 */
import type { ObjectRow } from './object-rows.ts';
import { isoTimestamp } from './object-rows.ts';

const BUCKET_FIELDS = [
	'id',
	'name',
	'owner',
	'owner_id',
	'public',
	'type',
	'file_size_limit',
	'allowed_mime_types',
	'created_at',
	'updated_at',
] as const;

/** A `storage.buckets` row (only the selected columns) in Storage's bucket schema. */
export function bucketJson(row: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const field of BUCKET_FIELDS) {
		if (!(field in row)) continue;
		const value = row[field];
		switch (field) {
			case 'public':
				out[field] = value === true;
				break;
			case 'file_size_limit':
				out[field] = value === null || value === undefined ? null : Number(value);
				break;
			case 'allowed_mime_types':
				out[field] = Array.isArray(value) ? value.map(String) : null;
				break;
			case 'created_at':
			case 'updated_at':
				out[field] = isoTimestamp(value) ?? '';
				break;
			default:
				out[field] = value === null || value === undefined ? '' : String(value);
		}
	}
	return out;
}

/** An object row in Storage's object schema (as returned by remove and copy). */
export function objectJson(row: ObjectRow): Record<string, unknown> {
	return {
		name: row.name,
		bucket_id: row.bucket_id,
		owner: row.owner ?? '',
		owner_id: row.owner_id ?? '',
		version: row.version ?? '',
		id: row.id,
		updated_at: row.updated_at,
		created_at: row.created_at,
		last_accessed_at: row.last_accessed_at,
		metadata: row.metadata,
		user_metadata: row.user_metadata,
	};
}
