/**
 * Storage's upload sequence (`Uploader`): check limits, test the write under the caller's role in a
 * rolled-back transaction (INSERT, or INSERT … ON CONFLICT DO UPDATE … RETURNING * for an upsert), store the
 * bytes as a new version, then record the row as the superuser and drop the version it replaced.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../contracts.ts';
import { findBucketAsSuperUser } from './buckets-lookup.ts';
import type { StorageContext } from './context.ts';
import { ERRORS } from './errors.ts';
import {
	findObject,
	insertObject,
	lockObject,
	upsertObject,
	type ObjectRow,
} from './object-rows.ts';
import { readUploadSource } from './upload-source.ts';
import { mustBeValidBucketName, mustBeValidKey } from './validation.ts';

/** What is being uploaded, and by whom. */
export interface UploadTarget {
	bucketId: string;
	objectName: string;
	/** The writer's JWT `sub` (or the signed upload token's `owner`). */
	owner: string | undefined;
	isUpsert: boolean;
	/** Signed upload URLs: the token is the authority, so the permission test runs as the superuser. */
	asSuperUser?: boolean;
}

/** Runs Storage's permission test for writing `objectName` (Storage's `canUpload`). */
export async function canUpload(
	ctx: StorageContext,
	target: UploadTarget & {
		metadata: Record<string, unknown> | undefined;
		userMetadata: Record<string, unknown> | undefined;
	}
): Promise<void> {
	const write = {
		bucketId: target.bucketId,
		name: target.objectName,
		owner: target.owner,
		version: '1',
		metadata: target.metadata,
		userMetadata: target.userMetadata,
	};
	await ctx.db.testPermission(
		async (tx) => {
			if (target.isUpsert) await upsertObject(tx, write);
			else await insertObject(tx, write);
		},
		{ asSuperUser: target.asSuperUser ?? false }
	);
}

/** Handles an upload request end to end; resolves to the stored row. */
export async function uploadFromRequest(
	ctx: StorageContext,
	target: UploadTarget
): Promise<ObjectRow> {
	mustBeValidBucketName(target.bucketId);
	const bucket = await findBucketAsSuperUser(ctx, target.bucketId);
	const fileSizeLimit =
		bucket.fileSizeLimit === null
			? ctx.settings.fileSizeLimit
			: Math.min(bucket.fileSizeLimit, ctx.settings.fileSizeLimit);
	const source = await readUploadSource(ctx.request, {
		objectName: target.objectName,
		fileSizeLimit,
		allowedMimeTypes: bucket.allowedMimeTypes,
	});
	mustBeValidKey(target.objectName);
	await canUpload(ctx, {
		...target,
		metadata: { mimetype: source.mimeType, contentLength: source.declaredContentLength },
		userMetadata: source.userMetadata,
	});

	const version = randomUUID();
	const md5 = createHash('md5');
	const size = await ctx.blobs.write(
		target.bucketId,
		target.objectName,
		version,
		hashing(source.body, md5)
	);
	const metadata = {
		eTag: `"${md5.digest('hex')}"`,
		size,
		mimetype: source.mimeType,
		cacheControl: source.cacheControl,
		lastModified: new Date().toISOString(),
		contentLength: size,
		httpStatusCode: 200,
	};
	return completeUpload(ctx, {
		...target,
		version,
		metadata,
		userMetadata: source.userMetadata ?? {},
	});
}

async function* hashing(
	chunks: AsyncIterable<Uint8Array>,
	hash: ReturnType<typeof createHash>
): AsyncGenerator<Uint8Array> {
	for await (const chunk of chunks) {
		hash.update(chunk);
		yield chunk;
	}
}

/**
 * Records a stored version as the object's current one (as the superuser, under the object's lock) and
 * removes the version it replaces; on failure the new version's bytes are removed instead.
 */
export async function completeUpload(
	ctx: StorageContext,
	upload: UploadTarget & {
		version: string;
		metadata: Record<string, unknown>;
		userMetadata: Record<string, unknown> | undefined;
	}
): Promise<ObjectRow> {
	let replaced: string | null = null;
	let row: ObjectRow;
	try {
		row = await ctx.db.asSuperUser(async (tx: Queryable) => {
			await lockObject(tx, upload.bucketId, upload.objectName);
			const current = await findObject(tx, upload.bucketId, upload.objectName, {
				optional: true,
				forUpdate: true,
			});
			// The permission test passed before the bytes arrived; a plain upload must still not replace a row
			// created meanwhile by a concurrent upload.
			if (current && !upload.isUpsert) throw ERRORS.keyAlreadyExists();
			replaced = current?.version ?? null;
			return upsertObject(tx, {
				bucketId: upload.bucketId,
				name: upload.objectName,
				owner: upload.owner,
				version: upload.version,
				metadata: upload.metadata,
				userMetadata: upload.userMetadata,
			});
		});
	} catch (error) {
		await ctx.blobs
			.remove(upload.bucketId, upload.objectName, upload.version)
			.catch(() => undefined);
		throw error;
	}
	if (replaced !== null && replaced !== upload.version) {
		await ctx.blobs.remove(upload.bucketId, upload.objectName, replaced).catch(() => undefined);
	}
	return row;
}
