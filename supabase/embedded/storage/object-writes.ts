/**
 * Object writes: upload (`POST`), update (`PUT`, always an upsert) and removal (bulk `DELETE` with
 * `prefixes`, and the single-object `DELETE`), with Storage's responses.
 */
import type { StorageContext } from './context.ts';
import { ERRORS, toStorageError } from './errors.ts';
import { FieldCheck, json, readJsonObject } from './http.ts';
import { deleteObjects, findObject, type ObjectRow } from './object-rows.ts';
import { objectJson } from './serialize.ts';
import { uploadFromRequest } from './uploads.ts';
import { mustBeValidBucketName, mustBeValidKey } from './validation.ts';

/** Storage deletes in batches of this many names per statement. */
const DELETE_BATCH = 500;

/** `POST /object/{bucket}/{path}` (upsert when `x-upsert: true`) and `PUT` (always upsert): `{Id, Key}`. */
export async function uploadObject(
	ctx: StorageContext,
	bucketId: string,
	objectName: string,
	method: 'POST' | 'PUT'
): Promise<Response> {
	const isUpsert = method === 'PUT' || ctx.request.headers.get('x-upsert') === 'true';
	const row = await uploadFromRequest(ctx, { bucketId, objectName, owner: ctx.owner, isUpsert });
	return json({ Id: row.id, Key: `${bucketId}/${objectName}` });
}

async function removeBlobs(ctx: StorageContext, rows: ObjectRow[]): Promise<void> {
	await Promise.all(
		rows.map((row) =>
			row.version
				? ctx.blobs.remove(row.bucket_id, row.name, row.version).catch(() => undefined)
				: undefined
		)
	);
}

/**
 * `DELETE /object/{bucket}` with `{prefixes: [...]}` (exact names): one `DELETE … RETURNING *` per batch under
 * the caller's role, so rows RLS hides are skipped silently; responds with the removed rows.
 */
export async function removeObjects(ctx: StorageContext, bucketId: string): Promise<Response> {
	const body = await readJsonObject(ctx.request);
	const names = new FieldCheck('body', body).requiredStringArray('prefixes', 1);
	mustBeValidBucketName(bucketId);
	const removed: ObjectRow[] = [];
	for (let start = 0; start < names.length; start += DELETE_BATCH) {
		const batch = names.slice(start, start + DELETE_BATCH);
		const rows = await ctx.db.asCaller((tx) => deleteObjects(tx, bucketId, batch));
		removed.push(...rows);
		await removeBlobs(ctx, rows);
	}
	return json(removed.map(objectJson));
}

/** `DELETE /object/{bucket}/{path}`: one object; Access denied when the caller's role may not delete it. */
export async function deleteObject(
	ctx: StorageContext,
	bucketId: string,
	objectName: string
): Promise<Response> {
	mustBeValidBucketName(bucketId);
	mustBeValidKey(objectName);
	await ctx.db.asSuperUser((tx) => findObject(tx, bucketId, objectName));
	const rows = await ctx.db
		.asCaller((tx) => deleteObjects(tx, bucketId, [objectName]))
		.catch((error: unknown) => {
			throw toStorageError(error);
		});
	if (rows.length === 0) throw ERRORS.accessDenied('Access denied');
	await removeBlobs(ctx, rows);
	return json({ message: 'Successfully deleted' });
}
