/**
 * Object reads (download, HEAD, info; authenticated and public routes) with Storage's rule: the bucket is
 * looked up as the superuser; a public bucket's rows are read as the superuser, a private bucket's under the
 * caller's role, so a row hidden by RLS is "Object not found".
 */
import { findBucketAsSuperUser } from './buckets-lookup.ts';
import type { StorageContext } from './context.ts';
import { ERRORS } from './errors.ts';
import { renderAsset, renderHead, renderInfo } from './object-renderers.ts';
import { findObject, type ObjectRow } from './object-rows.ts';
import { mustBeValidBucketName, mustBeValidKey } from './validation.ts';

/** How an object is being read. */
export type ReadKind = 'asset' | 'head' | 'info';

async function readRow(
	ctx: StorageContext,
	bucketId: string,
	objectName: string,
	superUser: boolean
): Promise<ObjectRow> {
	mustBeValidBucketName(bucketId);
	mustBeValidKey(objectName);
	const find = superUser ? ctx.db.asSuperUser.bind(ctx.db) : ctx.db.asCaller.bind(ctx.db);
	return find((tx) => findObject(tx, bucketId, objectName));
}

function render(ctx: StorageContext, kind: ReadKind, row: ObjectRow): Promise<Response> | Response {
	if (kind === 'head') return renderHead(ctx.request, row);
	if (kind === 'info') return renderInfo(row);
	return renderAsset(ctx.request, ctx.blobs, row, {
		download: ctx.url.searchParams.get('download') ?? undefined,
	});
}

/** `/object/{bucket}/{path}`, `/object/authenticated/…`, `/object/info/…` and their HEAD forms. */
export async function readObject(
	ctx: StorageContext,
	bucketId: string,
	objectName: string,
	kind: ReadKind
): Promise<Response> {
	const bucket = await findBucketAsSuperUser(ctx, bucketId, { optional: true });
	if (!bucket || (!ctx.authenticated && !bucket.public)) throw ERRORS.noSuchBucket();
	const row = await readRow(ctx, bucketId, objectName, bucket.public);
	return render(ctx, kind, row);
}

/** `/object/public/{bucket}/{path}` (and `/object/info/public/…`): only for public buckets, no JWT needed. */
export async function readPublicObject(
	ctx: StorageContext,
	bucketId: string,
	objectName: string,
	kind: ReadKind
): Promise<Response> {
	const bucket = await findBucketAsSuperUser(ctx, bucketId, { optional: true });
	if (!bucket?.public) throw ERRORS.noSuchBucket();
	const row = await readRow(ctx, bucketId, objectName, true);
	return render(ctx, kind, row);
}
