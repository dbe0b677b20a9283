/**
 * Storage's route table (paths after `/storage/v1`), matched the way Storage's router (find-my-way) does:
 * a literal segment wins over a bucket parameter, which wins over the trailing wildcard.
 */
import * as buckets from './buckets.ts';
import type { StorageContext } from './context.ts';
import { ERRORS, StorageError } from './errors.ts';
import { listObjects } from './object-list.ts';
import { listObjectsV2 } from './object-list-v2.ts';
import { readObject, readPublicObject } from './object-reads.ts';
import { copyObject, moveObject } from './object-transfers.ts';
import { deleteObject, removeObjects, uploadObject } from './object-writes.ts';
import {
	createSignedUploadUrl,
	createSignedUrl,
	createSignedUrls,
	downloadSigned,
	uploadSigned,
} from './signed-urls.ts';

/**
 * Who may call a route: `jwt` needs a valid JWT; `optional-jwt` continues as anon without one (Storage's
 * `allowInvalidJwt`); `public` needs nothing (the route reads as the superuser or checks a URL token);
 * `service-role` needs the service role (403 otherwise).
 */
export type Access = 'jwt' | 'optional-jwt' | 'public' | 'service-role';

/** The parameters a route pattern captured. */
export interface RouteParams {
	bucket: string;
	/** The wildcard: an object name. */
	rest: string;
}

/** One route. */
export interface Route {
	method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
	pattern: string;
	access: Access;
	/** Storage's operation name, visible to SQL as `storage.operation()`. */
	operation: string;
	/** True when the request body is an upload, so an early error should close the connection. */
	upload?: boolean;
	handle(ctx: StorageContext, params: RouteParams): Promise<Response>;
}

const notSupported = (feature: string) => async (): Promise<Response> => {
	throw ERRORS.notSupported(feature);
};

const imageTransformation = async (): Promise<Response> => {
	throw new StorageError({
		code: 'FeatureNotEnabled',
		httpStatusCode: 400,
		message: 'Image transformation is not enabled on this server',
	});
};

/** Every route Storage serves here; `matchRoute` picks the most specific match, so order does not matter. */
export const ROUTES: Route[] = [
	// Buckets
	{
		method: 'GET',
		pattern: '/bucket',
		access: 'jwt',
		operation: 'storage.bucket.list',
		handle: (ctx) => buckets.listBuckets(ctx),
	},
	{
		method: 'POST',
		pattern: '/bucket',
		access: 'jwt',
		operation: 'storage.bucket.create',
		handle: (ctx) => buckets.createBucket(ctx),
	},
	{
		method: 'POST',
		pattern: '/bucket/:bucket/empty',
		access: 'service-role',
		operation: 'storage.bucket.empty',
		handle: (ctx, p) => buckets.emptyBucket(ctx, p.bucket),
	},
	{
		method: 'GET',
		pattern: '/bucket/:bucket/lifecycle',
		access: 'jwt',
		operation: 'storage.bucket.get',
		handle: notSupported('bucket lifecycle'),
	},
	{
		method: 'PUT',
		pattern: '/bucket/:bucket/lifecycle',
		access: 'jwt',
		operation: 'storage.bucket.update',
		handle: notSupported('bucket lifecycle'),
	},
	{
		method: 'DELETE',
		pattern: '/bucket/:bucket/lifecycle',
		access: 'jwt',
		operation: 'storage.bucket.update',
		handle: notSupported('bucket lifecycle'),
	},
	{
		method: 'GET',
		pattern: '/bucket/:bucket',
		access: 'jwt',
		operation: 'storage.bucket.get',
		handle: (ctx, p) => buckets.getBucket(ctx, p.bucket),
	},
	{
		method: 'PUT',
		pattern: '/bucket/:bucket',
		access: 'jwt',
		operation: 'storage.bucket.update',
		handle: (ctx, p) => buckets.updateBucket(ctx, p.bucket),
	},
	{
		method: 'DELETE',
		pattern: '/bucket/:bucket',
		access: 'jwt',
		operation: 'storage.bucket.delete',
		handle: (ctx, p) => buckets.deleteBucket(ctx, p.bucket),
	},

	// Objects: literal second segments first
	{
		method: 'POST',
		pattern: '/object/list/:bucket',
		access: 'jwt',
		operation: 'storage.object.list',
		handle: (ctx, p) => listObjects(ctx, p.bucket),
	},
	{
		method: 'POST',
		pattern: '/object/list-v2/:bucket',
		access: 'jwt',
		operation: 'storage.object.list_v2',
		handle: (ctx, p) => listObjectsV2(ctx, p.bucket),
	},
	{
		method: 'POST',
		pattern: '/object/move',
		access: 'jwt',
		operation: 'storage.object.move',
		handle: (ctx) => moveObject(ctx),
	},
	{
		method: 'POST',
		pattern: '/object/copy',
		access: 'jwt',
		operation: 'storage.object.copy',
		handle: (ctx) => copyObject(ctx),
	},
	{
		method: 'POST',
		pattern: '/object/sign/:bucket/*',
		access: 'jwt',
		operation: 'storage.object.sign',
		handle: (ctx, p) => createSignedUrl(ctx, p.bucket, p.rest),
	},
	{
		method: 'POST',
		pattern: '/object/sign/:bucket',
		access: 'jwt',
		operation: 'storage.object.sign_many',
		handle: (ctx, p) => createSignedUrls(ctx, p.bucket),
	},
	{
		method: 'GET',
		pattern: '/object/sign/:bucket/*',
		access: 'public',
		operation: 'storage.object.get_signed',
		handle: (ctx, p) => downloadSigned(ctx, p.bucket, p.rest),
	},
	{
		method: 'POST',
		pattern: '/object/upload/sign/:bucket/*',
		access: 'jwt',
		operation: 'storage.object.sign_upload_url',
		handle: (ctx, p) => createSignedUploadUrl(ctx, p.bucket, p.rest),
	},
	{
		method: 'PUT',
		pattern: '/object/upload/sign/:bucket/*',
		access: 'public',
		operation: 'storage.object.upload_signed',
		upload: true,
		handle: (ctx, p) => uploadSigned(ctx, p.bucket, p.rest),
	},
	{
		method: 'GET',
		pattern: '/object/public/:bucket/*',
		access: 'public',
		operation: 'storage.object.get_public',
		handle: (ctx, p) => readPublicObject(ctx, p.bucket, p.rest, 'asset'),
	},
	{
		method: 'HEAD',
		pattern: '/object/public/:bucket/*',
		access: 'public',
		operation: 'storage.object.info_public',
		handle: (ctx, p) => readPublicObject(ctx, p.bucket, p.rest, 'head'),
	},
	{
		method: 'GET',
		pattern: '/object/info/public/:bucket/*',
		access: 'public',
		operation: 'storage.object.info_public',
		handle: (ctx, p) => readPublicObject(ctx, p.bucket, p.rest, 'info'),
	},
	{
		method: 'GET',
		pattern: '/object/info/authenticated/:bucket/*',
		access: 'jwt',
		operation: 'object.get_authenticated_info',
		handle: (ctx, p) => readObject(ctx, p.bucket, p.rest, 'info'),
	},
	{
		method: 'GET',
		pattern: '/object/info/:bucket/*',
		access: 'optional-jwt',
		operation: 'object.get_authenticated_info',
		handle: (ctx, p) => readObject(ctx, p.bucket, p.rest, 'info'),
	},
	{
		method: 'GET',
		pattern: '/object/authenticated/:bucket/*',
		access: 'jwt',
		operation: 'storage.object.get_authenticated',
		handle: (ctx, p) => readObject(ctx, p.bucket, p.rest, 'asset'),
	},
	{
		method: 'HEAD',
		pattern: '/object/authenticated/:bucket/*',
		access: 'jwt',
		operation: 'object.head_authenticated_info',
		handle: (ctx, p) => readObject(ctx, p.bucket, p.rest, 'head'),
	},

	// Objects: /object/{bucket}/{name}
	{
		method: 'GET',
		pattern: '/object/:bucket/*',
		access: 'optional-jwt',
		operation: 'storage.object.get_authenticated',
		handle: (ctx, p) => readObject(ctx, p.bucket, p.rest, 'asset'),
	},
	{
		method: 'HEAD',
		pattern: '/object/:bucket/*',
		access: 'optional-jwt',
		operation: 'object.head_authenticated_info',
		handle: (ctx, p) => readObject(ctx, p.bucket, p.rest, 'head'),
	},
	{
		method: 'POST',
		pattern: '/object/:bucket/*',
		access: 'jwt',
		operation: 'storage.object.upload',
		upload: true,
		handle: (ctx, p) => uploadObject(ctx, p.bucket, p.rest, 'POST'),
	},
	{
		method: 'PUT',
		pattern: '/object/:bucket/*',
		access: 'jwt',
		operation: 'storage.object.upload_update',
		upload: true,
		handle: (ctx, p) => uploadObject(ctx, p.bucket, p.rest, 'PUT'),
	},
	{
		method: 'DELETE',
		pattern: '/object/:bucket/*',
		access: 'jwt',
		operation: 'storage.object.delete',
		handle: (ctx, p) => deleteObject(ctx, p.bucket, p.rest),
	},
	{
		method: 'DELETE',
		pattern: '/object/:bucket',
		access: 'jwt',
		operation: 'storage.object.delete_many',
		handle: (ctx, p) => removeObjects(ctx, p.bucket),
	},

	// Not implemented here: answered with an error that names the feature
	{
		method: 'GET',
		pattern: '/render/image/authenticated/:bucket/*',
		access: 'jwt',
		operation: 'storage.render.image_authenticated',
		handle: imageTransformation,
	},
	{
		method: 'GET',
		pattern: '/render/image/public/:bucket/*',
		access: 'public',
		operation: 'storage.render.image_public',
		handle: imageTransformation,
	},
	{
		method: 'GET',
		pattern: '/render/image/sign/:bucket/*',
		access: 'public',
		operation: 'storage.render.image_sign',
		handle: imageTransformation,
	},
	{
		method: 'DELETE',
		pattern: '/cdn/:bucket/*',
		access: 'jwt',
		operation: 'storage.cdn.purge_object_cache',
		handle: notSupported('CDN cache purge'),
	},
	{
		method: 'DELETE',
		pattern: '/cdn/:bucket',
		access: 'jwt',
		operation: 'storage.cdn.purge_bucket_cache',
		handle: notSupported('CDN cache purge'),
	},
];

/** Splits a raw path into decoded segments; undefined when its percent-encoding is malformed. */
function decodeSegments(rawPath: string): string[] | undefined {
	try {
		return rawPath
			.split('/')
			.slice(1)
			.map((segment) => decodeURIComponent(segment));
	} catch {
		return undefined;
	}
}

/** How specific a pattern is, segment by segment: a literal beats a bucket parameter, which beats the wildcard. */
function specificity(pattern: string): number[] {
	return pattern
		.split('/')
		.slice(1)
		.map((part) => (part === '*' ? 2 : part === ':bucket' ? 1 : 0));
}

function moreSpecific(a: number[], b: number[]): boolean {
	for (let index = 0; index < Math.max(a.length, b.length); index++) {
		const left = a[index] ?? 3;
		const right = b[index] ?? 3;
		if (left !== right) return left < right;
	}
	return false;
}

/**
 * Finds the route for a method and raw path (percent-encoded, after `/storage/v1`, without the query): the most
 * specific matching pattern wins, as in Storage's router. A HEAD is also served by GET routes that have no HEAD
 * route of their own, as Storage's framework (Fastify) does.
 */
export function matchRoute(
	method: string,
	rawPath: string
): { route: Route; params: RouteParams } | undefined {
	const segments = decodeSegments(rawPath);
	if (!segments) return undefined;
	const headPatterns = new Set(
		ROUTES.filter((route) => route.method === 'HEAD').map((route) => route.pattern)
	);
	let best: { route: Route; params: RouteParams; rank: number[] } | undefined;
	for (const route of ROUTES) {
		const serves =
			route.method === method ||
			(method === 'HEAD' && route.method === 'GET' && !headPatterns.has(route.pattern));
		if (!serves) continue;
		const params = matchPattern(route.pattern, segments);
		if (!params) continue;
		const rank = specificity(route.pattern);
		if (!best || moreSpecific(rank, best.rank)) best = { route, params, rank };
	}
	return best && { route: best.route, params: best.params };
}

function matchPattern(pattern: string, segments: string[]): RouteParams | undefined {
	const parts = pattern.split('/').slice(1);
	const params: RouteParams = { bucket: '', rest: '' };
	for (let index = 0; index < parts.length; index++) {
		const part = parts[index];
		const segment = segments[index];
		if (part === '*') {
			if (segment === undefined) return undefined;
			params.rest = segments.slice(index).join('/');
			return params;
		}
		if (segment === undefined) return undefined;
		if (part === ':bucket') {
			if (segment === '') return undefined;
			params.bucket = segment;
		} else if (part !== segment) {
			return undefined;
		}
	}
	return segments.length === parts.length ? params : undefined;
}
