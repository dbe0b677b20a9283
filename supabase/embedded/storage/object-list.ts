/**
 * `POST /object/list/{bucket}`: one folder level below a prefix, folders and files interleaved, through the
 * database's `storage.search` as Storage does. It runs under the caller's role, so a SELECT policy decides
 * what is listed even in public buckets.
 */
import type { Queryable } from '../contracts.ts';
import type { StorageContext } from './context.ts';
import { toStorageError } from './errors.ts';
import { FieldCheck, json, readJsonObject } from './http.ts';
import { isoTimestamp } from './object-rows.ts';
import { mustBeValidBucketName } from './validation.ts';

const SORT_COLUMNS = ['name', 'updated_at', 'created_at', 'last_accessed_at'] as const;
type SortColumn = (typeof SORT_COLUMNS)[number];

/** A list request after validation. */
export interface ListOptions {
	prefix: string;
	search: string;
	limit: number;
	offset: number;
	sortColumn: SortColumn;
	ascending: boolean;
}

/** One entry of the list: a folder (id and dates null) or a file. */
export interface ListEntry {
	name: string;
	id: string | null;
	updated_at: string | null;
	created_at: string | null;
	last_accessed_at: string | null;
	metadata: Record<string, unknown> | null;
}

function escapeLike(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/([%_])/g, '\\$1');
}

/**
 * Runs `storage.search` as the current role of `tx`, with the arguments Storage passes: a prefix that ends
 * in `/`, and LIKE-escaped prefix and search when sorting by a date column (that path uses ILIKE).
 */
export async function searchObjects(
	tx: Queryable,
	bucketId: string,
	options: ListOptions
): Promise<ListEntry[]> {
	const folder =
		options.prefix.length > 0 && !options.prefix.endsWith('/')
			? `${options.prefix}/`
			: options.prefix;
	const escape = options.sortColumn !== 'name';
	const prefix = escape ? escapeLike(folder) : folder;
	const search = escape ? escapeLike(options.search) : options.search;
	const result = await tx.query(
		'select name, id, updated_at, created_at, last_accessed_at, metadata from storage.search($1::text, $2::text, $3::int, $4::int, $5::int, $6::text, $7::text, $8::text)',
		[
			prefix,
			bucketId,
			options.limit || 100,
			(prefix + search).split('/').length,
			options.offset,
			search,
			options.sortColumn,
			options.ascending ? 'asc' : 'desc',
		]
	);
	return result.rows.map((row) => ({
		name: String(row['name']),
		id: row['id'] === null || row['id'] === undefined ? null : String(row['id']),
		updated_at: isoTimestamp(row['updated_at']),
		created_at: isoTimestamp(row['created_at']),
		last_accessed_at: isoTimestamp(row['last_accessed_at']),
		metadata: (row['metadata'] as Record<string, unknown> | null | undefined) ?? null,
	}));
}

/** Handles `POST /object/list/{bucket}`. */
export async function listObjects(ctx: StorageContext, bucketId: string): Promise<Response> {
	const body = await readJsonObject(ctx.request);
	const check = new FieldCheck('body', body);
	const prefix = check.requiredString('prefix');
	const limit = check.optionalInteger('limit', 1) ?? 100;
	const offset = check.optionalInteger('offset', 0) ?? 0;
	const search = check.optionalString('search') ?? '';
	const sortBy = check.optionalObject('sortBy');
	let sortColumn: SortColumn = 'name';
	let ascending = true;
	if (sortBy) {
		const sortCheck = new FieldCheck('body/sortBy', sortBy);
		if (sortBy['column'] === undefined) sortCheck.requiredString('column');
		sortColumn = sortCheck.optionalEnum('column', SORT_COLUMNS) ?? 'name';
		ascending = (sortCheck.optionalEnum('order', ['asc', 'desc'] as const) ?? 'asc') === 'asc';
	}
	mustBeValidBucketName(bucketId);
	const entries = await ctx.db
		.asCaller((tx) =>
			searchObjects(tx, bucketId, { prefix, search, limit, offset, sortColumn, ascending })
		)
		.catch((error: unknown) => {
			throw toStorageError(error);
		});
	return json(entries);
}
