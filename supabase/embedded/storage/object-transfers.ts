/**
 * `POST /object/move` and `POST /object/copy`. Move tests SELECT + UPDATE (the new name and bucket must pass
 * the policies' WITH CHECK) under the caller's role in a rolled-back transaction; copy reads the source under
 * the caller's role and tests the destination like an upload. The bytes are copied to a new version and the
 * rows written as the superuser, as Storage does.
 */
import { randomUUID } from 'node:crypto';
import type { StorageContext } from './context.ts';
import { ERRORS, toStorageError } from './errors.ts';
import { FieldCheck, json, readJsonObject } from './http.ts';
import { findObject, lockObject, updateObject, upsertObject } from './object-rows.ts';
import { objectJson } from './serialize.ts';
import { parseUserMetadataHeader } from './upload-source.ts';
import { canUpload } from './uploads.ts';
import { mustBeValidBucketName, mustBeValidKey } from './validation.ts';

interface TransferRequest {
	bucketId: string;
	sourceKey: string;
	destinationBucket: string;
	destinationKey: string;
	body: Record<string, unknown>;
}

async function readTransfer(ctx: StorageContext): Promise<TransferRequest> {
	const body = await readJsonObject(ctx.request);
	const check = new FieldCheck('body', body);
	const bucketId = check.requiredString('bucketId');
	const sourceKey = check.requiredString('sourceKey');
	const destinationKey = check.requiredString('destinationKey');
	const destinationBucket = check.optionalString('destinationBucket') || bucketId;
	if (body['sourceVersionId'] !== undefined && body['sourceVersionId'] !== null) {
		throw ERRORS.notSupported('object versioning');
	}
	mustBeValidBucketName(bucketId);
	mustBeValidBucketName(destinationBucket);
	mustBeValidKey(destinationKey);
	return { bucketId, sourceKey, destinationBucket, destinationKey, body };
}

async function guarded<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (error) {
		throw toStorageError(error);
	}
}

/** Handles `POST /object/move`: `{message: "Successfully moved", Id, Key: <destination name>}`. */
export async function moveObject(ctx: StorageContext): Promise<Response> {
	const move = await readTransfer(ctx);
	const version = randomUUID();
	const destination = {
		bucketId: move.destinationBucket,
		name: move.destinationKey,
		owner: ctx.owner,
		version,
		metadata: undefined,
		userMetadata: undefined,
	};
	await guarded(
		ctx.db.testPermission(async (tx) => {
			await findObject(tx, move.bucketId, move.sourceKey);
			await updateObject(tx, move.bucketId, move.sourceKey, destination);
		})
	);
	const source = await guarded(
		ctx.db.asSuperUser((tx) => findObject(tx, move.bucketId, move.sourceKey))
	);
	if (move.bucketId === move.destinationBucket && move.sourceKey === move.destinationKey) {
		return json({ message: 'Successfully moved', Id: source.id, Key: source.name });
	}
	const sourceVersion = source.version;
	if (!sourceVersion) throw ERRORS.noSuchKey();
	await ctx.blobs.copy(
		{ bucket: move.bucketId, key: move.sourceKey, version: sourceVersion },
		{ bucket: move.destinationBucket, key: move.destinationKey, version }
	);
	try {
		const moved = await guarded(
			ctx.db.asSuperUser(async (tx) => {
				await lockObject(tx, move.destinationBucket, move.destinationKey);
				const current = await findObject(tx, move.bucketId, move.sourceKey, { forUpdate: true });
				return updateObject(tx, move.bucketId, move.sourceKey, {
					...destination,
					metadata: { ...(current.metadata ?? {}), lastModified: new Date().toISOString() },
					userMetadata: current.user_metadata ?? undefined,
				});
			})
		);
		await ctx.blobs.remove(move.bucketId, move.sourceKey, sourceVersion).catch(() => undefined);
		return json({ message: 'Successfully moved', Id: moved.id, Key: moved.name });
	} catch (error) {
		await ctx.blobs
			.remove(move.destinationBucket, move.destinationKey, version)
			.catch(() => undefined);
		throw error;
	}
}

/** Handles `POST /object/copy`: `{Id, Key: "<bucket>/<name>", …destination row}`. */
export async function copyObject(ctx: StorageContext): Promise<Response> {
	const copy = await readTransfer(ctx);
	const check = new FieldCheck('body', copy.body);
	const copyMetadata = check.optionalBoolean('copyMetadata') ?? true;
	const fileMetadata = check.optionalObject('metadata') ?? {};
	const isUpsert = ctx.request.headers.get('x-upsert') === 'true';
	const metadataHeader = ctx.request.headers.get('x-metadata');

	const origin = await guarded(
		ctx.db.asCaller((tx) => findObject(tx, copy.bucketId, copy.sourceKey))
	);
	const metadata: Record<string, unknown> = { ...(origin.metadata ?? {}) };
	if (!copyMetadata) {
		if (typeof fileMetadata['cacheControl'] === 'string')
			metadata['cacheControl'] = fileMetadata['cacheControl'];
		if (typeof fileMetadata['mimetype'] === 'string')
			metadata['mimetype'] = fileMetadata['mimetype'];
	}
	const userMetadata = copyMetadata
		? (origin.user_metadata ?? undefined)
		: metadataHeader === null
			? undefined
			: parseUserMetadataHeader(metadataHeader);

	const target = {
		bucketId: copy.destinationBucket,
		objectName: copy.destinationKey,
		owner: ctx.owner,
		isUpsert,
	};
	await guarded(canUpload(ctx, { ...target, metadata, userMetadata }));

	if (!origin.version) throw ERRORS.noSuchKey();
	const version = randomUUID();
	await ctx.blobs.copy(
		{ bucket: copy.bucketId, key: copy.sourceKey, version: origin.version },
		{ bucket: copy.destinationBucket, key: copy.destinationKey, version }
	);
	let replaced: string | null = null;
	try {
		const row = await guarded(
			ctx.db.asSuperUser(async (tx) => {
				await lockObject(tx, copy.destinationBucket, copy.destinationKey);
				const existing = await findObject(tx, copy.destinationBucket, copy.destinationKey, {
					optional: true,
					forUpdate: true,
				});
				replaced = existing?.version ?? null;
				return upsertObject(tx, {
					bucketId: copy.destinationBucket,
					name: copy.destinationKey,
					owner: ctx.owner,
					version,
					metadata: { ...metadata, lastModified: new Date().toISOString() },
					userMetadata,
				});
			})
		);
		if (replaced !== null) {
			await ctx.blobs
				.remove(copy.destinationBucket, copy.destinationKey, replaced)
				.catch(() => undefined);
		}
		return json({
			Id: row.id,
			Key: `${copy.destinationBucket}/${copy.destinationKey}`,
			...objectJson(row),
		});
	} catch (error) {
		await ctx.blobs
			.remove(copy.destinationBucket, copy.destinationKey, version)
			.catch(() => undefined);
		throw error;
	}
}
