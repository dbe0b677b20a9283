/**
 * Signed URLs: creating them checks the caller may SELECT the object (or may upload it, for upload URLs);
 * using them needs no Authorization — the token, signed with the project secret, is the authority.
 */
import type { StorageContext } from './context.ts';
import { StorageError, toStorageError, validationError } from './errors.ts';
import { FieldCheck, json, readJsonObject } from './http.ts';
import { renderAsset } from './object-renderers.ts';
import { findObject, findObjectNames } from './object-rows.ts';
import { parseUserMetadataHeader } from './upload-source.ts';
import { canUpload, uploadFromRequest } from './uploads.ts';
import { mustBeValidExpiry, signUrlToken, verifyUrlToken } from './url-tokens.ts';
import { mustBeValidBucketName, mustBeValidKey } from './validation.ts';

/** Storage's cap on paths per bulk request. */
const MAX_PATHS = 1000;

async function guarded<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (error) {
		throw toStorageError(error);
	}
}

function refuseTransform(body: Record<string, unknown>): void {
	const transform = body['transform'];
	if (typeof transform === 'object' && transform !== null && Object.keys(transform).length > 0) {
		throw new StorageError({
			code: 'FeatureNotEnabled',
			httpStatusCode: 400,
			message: 'Image transformation is not enabled on this server',
		});
	}
}

/** `POST /object/sign/{bucket}/{path}`: `{signedURL: "/object/sign/<bucket>/<path>?token=…"}`. */
export async function createSignedUrl(
	ctx: StorageContext,
	bucketId: string,
	objectName: string
): Promise<Response> {
	const body = await readJsonObject(ctx.request);
	const expiresIn = new FieldCheck('body', body).requiredInteger('expiresIn', 1);
	mustBeValidExpiry(expiresIn);
	refuseTransform(body);
	mustBeValidBucketName(bucketId);
	mustBeValidKey(objectName);
	await guarded(ctx.db.asCaller((tx) => findObject(tx, bucketId, objectName)));
	const url = `${bucketId}/${objectName}`;
	const token = signUrlToken({ url, scope: 'download' }, ctx.settings.jwtSecret, expiresIn);
	return json({ signedURL: `/object/sign/${url}?token=${token}` });
}

/** `POST /object/sign/{bucket}` with `{expiresIn, paths}`: one entry per path, an error for hidden or missing ones. */
export async function createSignedUrls(ctx: StorageContext, bucketId: string): Promise<Response> {
	const body = await readJsonObject(ctx.request);
	const check = new FieldCheck('body', body);
	const expiresIn = check.requiredInteger('expiresIn', 1);
	const paths = check.requiredStringArray('paths', 1, MAX_PATHS);
	mustBeValidExpiry(expiresIn);
	mustBeValidBucketName(bucketId);
	const visible = await guarded(ctx.db.asCaller((tx) => findObjectNames(tx, bucketId, paths)));
	return json(
		paths.map((path) => {
			if (!visible.has(path)) {
				return {
					error: 'Either the object does not exist or you do not have access to it',
					path,
					signedURL: null,
				};
			}
			const url = `${bucketId}/${path}`;
			const token = signUrlToken({ url, scope: 'download' }, ctx.settings.jwtSecret, expiresIn);
			return { error: null, path, signedURL: `/object/sign/${url}?token=${token}` };
		})
	);
}

function requiredToken(ctx: StorageContext): string {
	const token = ctx.url.searchParams.get('token');
	if (token === null) throw validationError("querystring must have required property 'token'");
	return token;
}

/** `GET /object/sign/{bucket}/{path}?token=`: the object, read as the superuser, with `Expires`. */
export async function downloadSigned(
	ctx: StorageContext,
	bucketId: string,
	objectName: string
): Promise<Response> {
	const token = requiredToken(ctx);
	mustBeValidBucketName(bucketId);
	const payload = verifyUrlToken(
		token,
		ctx.settings.jwtSecret,
		'download',
		`${bucketId}/${objectName}`
	);
	mustBeValidKey(objectName);
	const row = await guarded(ctx.db.asSuperUser((tx) => findObject(tx, bucketId, objectName)));
	return renderAsset(ctx.request, ctx.blobs, row, {
		download: ctx.url.searchParams.get('download') ?? undefined,
		expires: new Date(payload.exp * 1000).toUTCString(),
	});
}

/** `POST /object/upload/sign/{bucket}/{path}`: tests the upload under the caller's role, then `{url, token}`. */
export async function createSignedUploadUrl(
	ctx: StorageContext,
	bucketId: string,
	objectName: string
): Promise<Response> {
	mustBeValidBucketName(bucketId);
	mustBeValidKey(objectName);
	const headers = ctx.request.headers;
	const isUpsert = headers.get('x-upsert') === 'true';
	const metadataHeader = headers.get('x-metadata');
	const contentLength = headers.get('content-length');
	await guarded(
		canUpload(ctx, {
			bucketId,
			objectName,
			owner: ctx.owner,
			isUpsert,
			metadata: {
				mimetype: headers.get('content-type') ?? undefined,
				contentLength: contentLength ? Number(contentLength) : undefined,
			},
			userMetadata: metadataHeader === null ? undefined : parseUserMetadataHeader(metadataHeader),
		})
	);
	const url = `${bucketId}/${objectName}`;
	const token = signUrlToken(
		{ owner: ctx.owner, url, upsert: isUpsert, scope: 'upload' },
		ctx.settings.jwtSecret,
		ctx.settings.uploadSignedUrlExpiresIn
	);
	return json({ url: `/object/upload/sign/${url}?token=${token}`, token });
}

/** `PUT /object/upload/sign/{bucket}/{path}?token=`: uploads as the superuser with the token's owner and upsert. */
export async function uploadSigned(
	ctx: StorageContext,
	bucketId: string,
	objectName: string
): Promise<Response> {
	const token = requiredToken(ctx);
	mustBeValidBucketName(bucketId);
	const payload = verifyUrlToken(
		token,
		ctx.settings.jwtSecret,
		'upload',
		`${bucketId}/${objectName}`
	);
	await uploadFromRequest(ctx, {
		bucketId,
		objectName,
		owner: typeof payload.owner === 'string' ? payload.owner : undefined,
		isUpsert: payload.upsert === true,
		asSuperUser: true,
	});
	return json({ Key: `${bucketId}/${objectName}` });
}
