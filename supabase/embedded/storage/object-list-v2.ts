/**
 * `POST /object/list-v2/{bucket}` (storage-js `listV2`): cursor-paginated listing, flat or one folder level
 * deep (`with_delimiter`), sorted by name or a date, as Storage's `listObjectsV2` does. Runs under the
 * caller's role, so SELECT policies decide what is listed.
 */
import type { Queryable } from '../contracts.ts';
import type { StorageContext } from './context.ts';
import { StorageError, toStorageError } from './errors.ts';
import { FieldCheck, json, readJsonObject } from './http.ts';
import { isoTimestamp } from './object-rows.ts';
import { mustBeValidBucketName } from './validation.ts';

const SORT_COLUMNS = ['name', 'updated_at', 'created_at'] as const;
type SortColumn = (typeof SORT_COLUMNS)[number];

/** Where a listing resumes, carried in the opaque `cursor`. */
interface Cursor {
	startAfter: string;
	sortOrder?: string;
	sortColumn?: string;
	sortColumnAfter?: string;
}

// Storage's cursor: base64 of `k:value` lines, one letter per field.
const CURSOR_PARTS: [string, keyof Cursor][] = [
	['l', 'startAfter'],
	['o', 'sortOrder'],
	['c', 'sortColumn'],
	['a', 'sortColumnAfter'],
];

function encodeCursor(cursor: Cursor): string {
	const lines = CURSOR_PARTS.filter(([, field]) => cursor[field]).map(
		([key, field]) => `${key}:${cursor[field]}`
	);
	return Buffer.from(lines.join('\n')).toString('base64');
}

function decodeCursor(token: string): Cursor {
	const cursor: Cursor = { startAfter: '', sortOrder: 'asc' };
	for (const part of Buffer.from(token, 'base64').toString().split('\n')) {
		const match = /^(\S):(.*)/.exec(part);
		const field = CURSOR_PARTS.find(([key]) => key === match?.[1])?.[1];
		if (!match || !field) {
			throw new StorageError({
				code: 'InvalidParameter',
				httpStatusCode: 400,
				message: 'Invalid Parameter continuation token',
			});
		}
		cursor[field] = match[2] ?? '';
	}
	return cursor;
}

interface Row {
	[column: string]: unknown;
	name: string;
	id: string | null;
}

const DIRECT = (column: SortColumn, direction: string, paging: string) => `
select id, name, metadata, updated_at, created_at, last_accessed_at
from storage.objects
where bucket_id = $1 and left(name, length($2)) = $2 ${paging}
order by ${column === 'name' ? '' : `${column} ${direction}, `}name collate "C" ${direction}
limit $3`;

const DELIMITED_BY_NAME = (direction: string, operator: string) => `
with matched as (
	select name, id, metadata, updated_at, created_at, last_accessed_at,
	       storage.get_common_prefix(name, $2, '/') as folder
	from storage.objects
	where bucket_id = $1 and left(name, length($2)) = $2
),
entries as (
	select folder as name, null::uuid as id, null::jsonb as metadata, null::timestamptz as updated_at,
	       null::timestamptz as created_at, null::timestamptz as last_accessed_at
	from matched where folder is not null group by folder
	union all
	select name, id, metadata, updated_at, created_at, last_accessed_at from matched where folder is null
)
select split_part(name, '/', $4) as key, name, id, updated_at, created_at, last_accessed_at, metadata
from entries
where $5 = '' or name collate "C" ${operator} $5
order by name collate "C" ${direction}
limit $3`;

const DELIMITED_BY_DATE = (column: SortColumn, direction: string, operator: string) => `
with matched as (
	select name, id, metadata, updated_at, created_at, last_accessed_at,
	       storage.get_common_prefix(name, $2, '/') as folder
	from storage.objects
	where bucket_id = $1 and left(name, length($2)) = $2
),
entries as (
	select rtrim(folder, '/') as name, null::uuid as id, null::jsonb as metadata, min(created_at) as updated_at,
	       min(created_at) as created_at, null::timestamptz as last_accessed_at
	from matched where folder is not null group by folder
	union all
	select name, id, metadata, updated_at, created_at, last_accessed_at from matched where folder is null
)
select split_part(name, '/', $4) as key, name, id, updated_at, created_at, last_accessed_at, metadata
from entries
where $5 = ''
   or row(date_trunc('milliseconds', ${column}), name collate "C")
      ${operator} row(coalesce(nullif($6, '')::timestamptz, 'epoch'::timestamptz), $5)
order by coalesce(date_trunc('milliseconds', ${column}), 'epoch'::timestamptz) ${direction}, name collate "C" ${direction}
limit $3`;

function toRow(row: Record<string, unknown>): Row {
	const out: Row = { name: String(row['name']), id: row['id'] === null ? null : String(row['id']) };
	for (const [key, value] of Object.entries(row)) {
		if (key === 'name' || key === 'id') continue;
		out[key] = key.endsWith('_at') ? isoTimestamp(value) : value;
	}
	return out;
}

/** Handles `POST /object/list-v2/{bucket}`: `{hasNext, nextCursor?, nextCursorKey?, folders, objects}`. */
export async function listObjectsV2(ctx: StorageContext, bucketId: string): Promise<Response> {
	const body = await readJsonObject(ctx.request, { allowEmpty: true });
	const check = new FieldCheck('body', body);
	const prefix = check.optionalString('prefix') ?? '';
	const limit = Math.min(check.optionalInteger('limit', 1) || 1000, 1000);
	const cursorToken = check.optionalString('cursor');
	const delimited = check.optionalBoolean('with_delimiter') ?? false;
	const sortBy = check.optionalObject('sortBy');
	let column: SortColumn | undefined;
	let order: string | undefined;
	if (sortBy) {
		const sortCheck = new FieldCheck('body/sortBy', sortBy);
		if (sortBy['column'] === undefined) sortCheck.requiredString('column');
		column = sortCheck.optionalEnum('column', SORT_COLUMNS);
		order = sortCheck.optionalEnum('order', ['asc', 'desc'] as const);
	}
	mustBeValidBucketName(bucketId);
	const cursor = cursorToken ? decodeCursor(cursorToken) : undefined;
	const sortColumn = (cursor?.sortColumn || column || 'name') as SortColumn;
	const sortOrder = cursor?.sortOrder || order || 'asc';
	const direction = sortOrder === 'desc' ? 'desc' : 'asc';
	const operator = direction === 'asc' ? '>' : '<';
	const startAfter = cursor?.startAfter ?? '';
	const after = cursor?.sortColumnAfter ?? '';

	const rows = await ctx.db
		.asCaller(async (tx: Queryable) => {
			if (!delimited) {
				const params: unknown[] = [bucketId, prefix, limit + 1];
				let paging = '';
				if (startAfter !== '' && sortColumn !== 'name' && after !== '') {
					paging = `and row(date_trunc('milliseconds', ${sortColumn}), name collate "C") ${operator}
						row(coalesce(nullif($${params.push(after)}, '')::timestamptz, 'epoch'::timestamptz), $${params.push(startAfter)})`;
				} else if (startAfter !== '') {
					paging = `and name collate "C" ${operator} $${params.push(startAfter)}`;
				}
				return (await tx.query(DIRECT(sortColumn, direction, paging), params)).rows;
			}
			const levels = prefix === '' ? 1 : prefix.split('/').length;
			if (sortColumn === 'name') {
				return (
					await tx.query(DELIMITED_BY_NAME(direction, operator), [
						bucketId,
						prefix,
						limit + 1,
						levels,
						startAfter,
					])
				).rows;
			}
			return (
				await tx.query(DELIMITED_BY_DATE(sortColumn, direction, operator), [
					bucketId,
					prefix,
					limit + 1,
					levels,
					startAfter,
					after,
				])
			).rows;
		})
		.catch((error: unknown) => {
			throw toStorageError(error);
		});

	let entries = rows.map(toRow);
	if (delimited) {
		// Storage folds every name with a `/` after the prefix into its folder entry, once per folder.
		const folded: Row[] = [];
		let previous = '';
		for (const entry of entries) {
			const index = entry.name.replace(prefix, '').indexOf('/');
			if (index < 0) {
				folded.push(entry);
				continue;
			}
			const folder = entry.name.substring(0, prefix.length + index + 1);
			if (folder === previous) continue;
			previous = folder;
			folded.push({ id: null, name: folder, key: entry['key'] });
		}
		entries = folded;
	}

	const hasNext = entries.length > limit;
	const page = entries.slice(0, limit);
	const folders: Row[] = [];
	const objects: Row[] = [];
	for (const entry of page) {
		if (entry.id === null)
			folders.push({ ...entry, name: entry.name.endsWith('/') ? entry.name : `${entry.name}/` });
		else objects.push(entry);
	}
	let nextCursor: string | undefined;
	let nextCursorKey: string | undefined;
	const last = page[page.length - 1];
	if (hasNext && last) {
		const lastValue = sortColumn !== 'name' ? last[sortColumn] : undefined;
		nextCursor = encodeCursor({
			startAfter: last.name,
			sortOrder,
			sortColumn,
			...(typeof lastValue === 'string' ? { sortColumnAfter: lastValue } : {}),
		});
		nextCursorKey = last.name;
	}
	return json({ hasNext, nextCursor, nextCursorKey, folders, objects });
}
