/**
 * The bucket endpoints (`/bucket…`). Create, get, list, update and delete run under the caller's role, so
 * policies on `storage.buckets` decide (service_role bypasses them); emptying is service_role only.
 */
import type { Queryable } from '../contracts.ts';
import type { StorageContext } from './context.ts';
import { ERRORS, StorageError, toStorageError, validationError } from './errors.ts';
import { FieldCheck, json, readJsonObject } from './http.ts';
import { deleteObjects } from './object-rows.ts';
import { bucketJson } from './serialize.ts';
import {
	isUuid,
	mustBeValidBucketName,
	parseBucketSizeLimit,
	validateAllowedMimeTypes,
} from './validation.ts';

/** Storage's cap on how many objects `empty` removes (`STORAGE_EMPTY_BUCKET_MAX`). */
const EMPTY_BUCKET_MAX = 200_000;

async function sql<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (error) {
		throw toStorageError(error);
	}
}

function readMimeTypes(
	check: FieldCheck,
	body: Record<string, unknown>
): string[] | null | undefined {
	const value = body['allowed_mime_types'];
	if (value === undefined || value === null) return value;
	if (!Array.isArray(value)) throw validationError('body/allowed_mime_types must be array');
	const types = check.requiredStringArray('allowed_mime_types', 0).filter((type) => type);
	validateAllowedMimeTypes(types);
	return types;
}

const SIZE_PATTERN = '^[0-9]+(?:\\.[0-9]+)?(?:[gG][bB]|[mM][bB]|[kK][bB]|[bB])$';

/** Reads `file_size_limit` (an integer ≥ 0, a size string, or null), with the schema errors Storage sends. */
function readSizeLimit(
	ctx: StorageContext,
	body: Record<string, unknown>
): number | null | undefined {
	const value = body['file_size_limit'];
	const field = 'body/file_size_limit';
	const fail = (first: string, second: string): never => {
		throw validationError(
			`${field} ${first}, ${field} ${second}, ${field} must match a schema in anyOf`
		);
	};
	if (typeof value === 'number') {
		if (!Number.isInteger(value)) fail('must be integer', 'must be string');
		if (value < 0) fail('must be >= 0', 'must be string');
	} else if (typeof value === 'string') {
		if (!new RegExp(SIZE_PATTERN).test(value))
			fail('must be integer', `must match pattern "${SIZE_PATTERN}"`);
	} else if (value !== undefined && value !== null) {
		fail('must be integer', 'must be string');
	}
	return parseBucketSizeLimit(value, ctx.settings.fileSizeLimit);
}

function refuseUnsupported(body: Record<string, unknown>): void {
	const versioning = body['versioning_status'];
	if (versioning !== undefined && versioning !== null && versioning !== 'DISABLED') {
		throw ERRORS.notSupported('bucket versioning');
	}
}

/** `GET /bucket`: the buckets the caller may see. */
export async function listBuckets(ctx: StorageContext): Promise<Response> {
	const query = Object.fromEntries(ctx.url.searchParams);
	const check = new FieldCheck('querystring', query);
	const limit = check.optionalInteger('limit', 1);
	const offset = check.optionalInteger('offset', 0);
	const search = check.optionalString('search');
	const sortColumn = check.optionalEnum('sortColumn', [
		'id',
		'name',
		'created_at',
		'updated_at',
	] as const);
	const sortOrder = check.optionalEnum('sortOrder', ['asc', 'desc'] as const);
	const params: unknown[] = [];
	let text =
		'select id, name, public, owner, created_at, updated_at, file_size_limit, allowed_mime_types, type from storage.buckets';
	if (search)
		text += ` where name ilike $${params.push(`%${search.replace(/\\/g, '\\\\').replace(/([%_])/g, '\\$1')}%`)}`;
	if (sortColumn) text += ` order by "${sortColumn}" ${sortOrder === 'desc' ? 'desc' : 'asc'}`;
	if (limit !== undefined) text += ` limit $${params.push(limit)}`;
	if (offset !== undefined) text += ` offset $${params.push(offset)}`;
	const result = await sql(ctx.db.asCaller((tx) => tx.query(text, params)));
	return json(result.rows.map(bucketJson));
}

/** `GET /bucket/{id}`: one bucket, "Bucket not found" when it is missing or hidden by RLS. */
export async function getBucket(ctx: StorageContext, bucketId: string): Promise<Response> {
	const result = await sql(
		ctx.db.asCaller((tx) =>
			tx.query(
				'select id, name, owner, public, created_at, updated_at, file_size_limit, allowed_mime_types from storage.buckets where id = $1 limit 1',
				[bucketId]
			)
		)
	);
	const row = result.rows[0];
	if (!row) throw ERRORS.noSuchBucket();
	return json(bucketJson(row));
}

/** `POST /bucket`: creates a bucket under the caller's role; responds `{name}`. */
export async function createBucket(ctx: StorageContext): Promise<Response> {
	const body = await readJsonObject(ctx.request);
	const check = new FieldCheck('body', body);
	const name = check.requiredString('name');
	const id = check.optionalString('id') || name;
	const isPublic = check.optionalBoolean('public') ?? false;
	const type = check.optionalEnum('type', ['STANDARD', 'ANALYTICS'] as const);
	if (name.trim().length !== name.length) throw ERRORS.invalidBucketName();
	mustBeValidBucketName(name);
	mustBeValidBucketName(id);
	if (type === 'ANALYTICS') {
		throw new StorageError({
			code: 'FeatureNotEnabled',
			httpStatusCode: 409,
			message:
				'The feature Iceberg buckets are not enabled for this tenant is not enabled for this resource',
		});
	}
	refuseUnsupported(body);
	const fileSizeLimit = readSizeLimit(ctx, body);
	const allowedMimeTypes = readMimeTypes(check, body);
	const owner = ctx.owner;
	try {
		await ctx.db.asCaller((tx) =>
			tx.query(
				`insert into storage.buckets (id, name, owner, owner_id, public, allowed_mime_types, file_size_limit, type)
				 values ($1, $2, $3, $4, $5, $6, $7, 'STANDARD')`,
				[
					id,
					name,
					owner !== undefined && isUuid(owner) ? owner : null,
					owner ?? null,
					isPublic,
					allowedMimeTypes ?? null,
					fileSizeLimit ?? null,
				]
			)
		);
	} catch (error) {
		const mapped = toStorageError(error);
		if (mapped.code === 'ResourceAlreadyExists') throw ERRORS.bucketAlreadyExists();
		throw mapped;
	}
	return json({ name });
}

/** `PUT /bucket/{id}`: updates `public`, `file_size_limit` and `allowed_mime_types` under the caller's role. */
export async function updateBucket(ctx: StorageContext, bucketId: string): Promise<Response> {
	const body = await readJsonObject(ctx.request);
	const check = new FieldCheck('body', body);
	if (!['public', 'file_size_limit', 'allowed_mime_types'].some((key) => key in body)) {
		throw validationError(
			"body must have required property 'public', body must have required property 'file_size_limit', body must have required property 'allowed_mime_types', body must match a schema in anyOf"
		);
	}
	const isPublic = check.optionalBoolean('public');
	mustBeValidBucketName(bucketId);
	refuseUnsupported(body);
	const fileSizeLimit = readSizeLimit(ctx, body);
	const allowedMimeTypes = readMimeTypes(check, body);
	if (isPublic === undefined && fileSizeLimit === undefined && allowedMimeTypes === undefined) {
		throw ERRORS.noContentProvided();
	}
	const sets: string[] = [];
	const params: unknown[] = [bucketId];
	if (isPublic !== undefined) sets.push(`public = $${params.push(isPublic)}`);
	if (fileSizeLimit !== undefined) sets.push(`file_size_limit = $${params.push(fileSizeLimit)}`);
	if (allowedMimeTypes !== undefined)
		sets.push(`allowed_mime_types = $${params.push(allowedMimeTypes)}`);
	const result = await sql(
		ctx.db.asCaller((tx) =>
			tx.query(`update storage.buckets set ${sets.join(', ')} where id = $1`, params)
		)
	);
	if (result.affectedRows === 0) throw ERRORS.noSuchBucket();
	return json({ message: 'Successfully updated' });
}

async function countObjects(tx: Queryable, bucketId: string, limit: number): Promise<number> {
	const result = await tx.query('select 1 from storage.objects where bucket_id = $1 limit $2', [
		bucketId,
		limit,
	]);
	return result.rows.length;
}

/** `DELETE /bucket/{id}`: only an empty bucket; the delete itself runs under the caller's role. */
export async function deleteBucket(ctx: StorageContext, bucketId: string): Promise<Response> {
	await readJsonObject(ctx.request, { allowEmpty: true });
	const objects = await sql(
		ctx.db.asSuperUser(async (tx) => {
			const found = await tx.query(
				'select id from storage.buckets where id = $1 limit 1 for update',
				[bucketId]
			);
			if (found.rows.length === 0) throw ERRORS.noSuchBucket();
			return countObjects(tx, bucketId, 1);
		})
	);
	if (objects > 0) throw ERRORS.bucketNotEmpty();
	const result = await sql(
		ctx.db.asCaller((tx) => tx.query('delete from storage.buckets where id = $1', [bucketId]))
	);
	if (result.affectedRows === 0) throw ERRORS.noSuchBucket();
	return json({ message: 'Successfully deleted' });
}

/** `POST /bucket/{id}/empty`: removes every object (service role only; 403 for anyone else). */
export async function emptyBucket(ctx: StorageContext, bucketId: string): Promise<Response> {
	await readJsonObject(ctx.request, { allowEmpty: true });
	const removed = await sql(
		ctx.db.asCaller(async (tx) => {
			const found = await tx.query('select name from storage.buckets where id = $1 limit 1', [
				bucketId,
			]);
			if (found.rows.length === 0) throw ERRORS.noSuchBucket();
			if ((await countObjects(tx, bucketId, EMPTY_BUCKET_MAX + 1)) > EMPTY_BUCKET_MAX) {
				throw new StorageError({
					code: 'InvalidRequest',
					httpStatusCode: 409,
					message: 'Unable to empty the bucket because it contains too many objects',
				});
			}
			const names = await tx.query('select name from storage.objects where bucket_id = $1', [
				bucketId,
			]);
			return deleteObjects(
				tx,
				bucketId,
				names.rows.map((row) => String(row['name']))
			);
		})
	);
	for (const row of removed) {
		if (row.version) await ctx.blobs.remove(bucketId, row.name, row.version).catch(() => undefined);
	}
	return json({ message: 'Empty bucket has been queued. Completion may take up to an hour.' });
}
