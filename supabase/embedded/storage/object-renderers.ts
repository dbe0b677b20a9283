/**
 * How Storage answers object reads: the bytes with caching headers (asset), the headers alone (HEAD), or the
 * info JSON — Storage's `AssetRenderer`, `HeadRenderer` and `InfoRenderer`.
 */
import type { BlobStore, ByteRange } from './blob-store.ts';
import { ERRORS, StorageError } from './errors.ts';
import { json } from './http.ts';
import type { ObjectRow } from './object-rows.ts';

/** Options of an asset response. */
export interface AssetOptions {
	/** `?download=`: `''` for a plain attachment, otherwise the file name to suggest. */
	download?: string | undefined;
	/** Signed URLs send `Expires` (the token's expiry) instead of `Cache-Control`. */
	expires?: string | undefined;
}

interface StoredMetadata {
	mimetype: string;
	cacheControl: string;
	eTag: string | undefined;
	lastModified: Date | undefined;
	contentLength: number | undefined;
	size: number | undefined;
}

function readMetadata(row: ObjectRow): StoredMetadata {
	const raw = row.metadata ?? {};
	const number = (value: unknown): number | undefined =>
		typeof value === 'number' && Number.isSafeInteger(value)
			? value
			: typeof value === 'string' && /^\d+$/.test(value)
				? Number(value)
				: undefined;
	const lastModified =
		typeof raw['lastModified'] === 'string' || typeof raw['lastModified'] === 'number'
			? new Date(raw['lastModified'])
			: undefined;
	return {
		mimetype: typeof raw['mimetype'] === 'string' ? raw['mimetype'] : 'application/octet-stream',
		cacheControl: typeof raw['cacheControl'] === 'string' ? raw['cacheControl'] : 'no-cache',
		eTag: typeof raw['eTag'] === 'string' ? raw['eTag'] : undefined,
		lastModified: lastModified && !Number.isNaN(lastModified.getTime()) ? lastModified : undefined,
		contentLength: number(raw['contentLength']),
		size: number(raw['size']),
	};
}

/** Storage never serves stored HTML as HTML. */
function normalizeContentType(contentType: string): string {
	return contentType.includes('text/html') ? 'text/plain' : contentType;
}

/** Parses a `Range` header against the object size; throws Storage's 416 InvalidRange when unusable. */
export function parseRange(header: string, size: number): ByteRange {
	const match = /^bytes=(\d*)-(\d*)$/.exec(header);
	if (!match || size <= 0) throw ERRORS.invalidRange();
	const [, startText = '', endText = ''] = match;
	if (!startText && !endText) throw ERRORS.invalidRange();
	if (!startText) {
		const suffix = Number(endText);
		if (!Number.isSafeInteger(suffix) || suffix <= 0) throw ERRORS.invalidRange();
		return { start: Math.max(size - suffix, 0), end: size - 1 };
	}
	const start = Number(startText);
	const end = endText ? Number(endText) : size - 1;
	if (
		!Number.isSafeInteger(start) ||
		!Number.isSafeInteger(end) ||
		start < 0 ||
		end < start ||
		start >= size
	) {
		throw ERRORS.invalidRange();
	}
	return { start, end: Math.min(end, size - 1) };
}

function contentDisposition(download: string): string {
	if (download === '') return 'attachment;';
	const encoded = encodeURIComponent(download);
	return `attachment; filename=${encoded}; filename*=UTF-8''${encoded}`;
}

function notFoundResponse(): Response {
	return json(
		{
			error: 'Not found',
			message: 'The resource was not found',
			statusCode: '404',
			code: 'NoSuchKey',
		},
		400,
		{ 'cache-control': 'no-store' }
	);
}

function cacheControlValue(
	request: Request,
	metadata: StoredMetadata,
	revalidateDirective: string
): string {
	const parts = [metadata.cacheControl];
	const etag = request.headers.get('if-none-match');
	if (etag && etag !== metadata.eTag) parts.push(revalidateDirective);
	return parts.filter((part) => part.length > 0).join(', ');
}

/** The object's bytes with Storage's headers; honours Range, If-None-Match and If-Modified-Since. */
export async function renderAsset(
	request: Request,
	blobs: BlobStore,
	row: ObjectRow,
	options: AssetOptions = {}
): Promise<Response> {
	const metadata = readMetadata(row);
	const version = row.version ?? '';
	const size =
		version === ''
			? undefined
			: await blobs.size(row.bucket_id, row.name, version).catch(() => undefined);
	if (size === undefined) return notFoundResponse();

	const headers = new Headers({
		'accept-ranges': 'bytes',
		'content-type': normalizeContentType(metadata.mimetype),
		'x-robots-tag': 'none',
	});
	if (metadata.eTag) headers.set('etag', metadata.eTag);
	if (metadata.lastModified) headers.set('last-modified', metadata.lastModified.toUTCString());
	if (options.expires) headers.set('expires', options.expires);
	else
		headers.set('cache-control', cacheControlValue(request, metadata, 'stale-while-revalidate=30'));

	const ifNoneMatch = request.headers.get('if-none-match');
	const ifModifiedSince = request.headers.get('if-modified-since');
	if (
		(ifNoneMatch && metadata.eTag && ifNoneMatch === metadata.eTag) ||
		(ifModifiedSince && metadata.lastModified && metadata.lastModified <= new Date(ifModifiedSince))
	) {
		return new Response(null, { status: 304, headers });
	}

	const rangeHeader = request.headers.get('range');
	let range: ByteRange | undefined;
	if (rangeHeader) {
		try {
			range = parseRange(rangeHeader, size);
		} catch (error) {
			if (error instanceof StorageError) return error.toResponse();
			throw error;
		}
	}
	const body = await blobs.read(row.bucket_id, row.name, version, range);
	if (!body) return notFoundResponse();
	headers.set('content-length', String(range ? range.end - range.start + 1 : size));
	if (range) headers.set('content-range', `bytes ${range.start}-${range.end}/${size}`);
	if (options.download !== undefined)
		headers.set('content-disposition', contentDisposition(options.download));
	return new Response(request.method === 'HEAD' ? null : body, {
		status: range ? 206 : 200,
		headers,
	});
}

/** The object's headers without a body (`HEAD`), from the stored metadata. */
export function renderHead(request: Request, row: ObjectRow): Response {
	const metadata = readMetadata(row);
	const headers = new Headers({
		'accept-ranges': 'bytes',
		'content-type': normalizeContentType(metadata.mimetype),
		'x-robots-tag': 'none',
		'cache-control': cacheControlValue(request, metadata, 'must-revalidate'),
	});
	if (metadata.eTag) headers.set('etag', metadata.eTag);
	if (metadata.lastModified) headers.set('last-modified', metadata.lastModified.toUTCString());
	if (metadata.contentLength !== undefined)
		headers.set('content-length', String(metadata.contentLength));
	return new Response(null, { status: 200, headers });
}

/** The info JSON storage-js's `info()` reads. */
export function renderInfo(row: ObjectRow): Response {
	const metadata = readMetadata(row);
	const raw = row.metadata ?? {};
	const headers = new Headers({ 'cache-control': metadata.cacheControl });
	if (metadata.eTag) headers.set('etag', metadata.eTag);
	if (metadata.lastModified) headers.set('last-modified', metadata.lastModified.toUTCString());
	return json(
		{
			id: row.id,
			name: row.name,
			version: row.version,
			bucket_id: row.bucket_id,
			size: metadata.size ?? null,
			content_type: typeof raw['mimetype'] === 'string' ? raw['mimetype'] : null,
			cache_control: typeof raw['cacheControl'] === 'string' ? raw['cacheControl'] : null,
			etag: metadata.eTag ?? null,
			metadata: row.user_metadata,
			last_modified: row.updated_at,
			created_at: row.created_at,
		},
		200,
		headers
	);
}
