/**
 * Extracts the file from an upload request the way Storage's `fileUploadFromRequest` does: multipart (file
 * under any field, `cacheControl` / `contentType` / `metadata` fields before it) or a raw body (`content-type`,
 * `cache-control`, base64 `x-metadata` headers). Limits are checked before any byte is stored; the body stays
 * a stream that fails with EntityTooLarge as soon as it passes the limit.
 */
import { ERRORS, StorageError } from './errors.ts';
import { MultipartError, multipartBoundary, readMultipartUpload } from './multipart.ts';
import {
	isEmptyFolderPlaceholder,
	isWellFormedContentType,
	mustBeAllowedMimeType,
} from './validation.ts';

const MAX_USER_METADATA_SIZE = 1024 * 1024;
// A form's Content-Length also counts its fields (at most 10 of 1 MiB) and part headers, so only a body
// larger than the file limit plus that much is certainly oversize before reading it.
const MULTIPART_OVERHEAD_LIMIT = 11 * 1024 * 1024;

/** The file of an upload request, ready to be streamed into the blob store. */
export interface UploadSource {
	/** The file's bytes; iterating fails with EntityTooLarge past the size limit. */
	body: AsyncIterable<Uint8Array>;
	mimeType: string;
	cacheControl: string;
	userMetadata: Record<string, unknown> | undefined;
	/** The request's Content-Length, which Storage passes to the RLS test as `metadata.contentLength`. */
	declaredContentLength: number | undefined;
}

/** The bucket limits an upload is checked against. */
export interface UploadLimits {
	objectName: string;
	/** The smaller of the bucket's and the global limit, in bytes. */
	fileSizeLimit: number;
	allowedMimeTypes: string[];
}

/** Iterates a web stream chunk by chunk, cancelling it if the consumer stops early. */
export async function* streamChunks(
	stream: ReadableStream<Uint8Array>
): AsyncGenerator<Uint8Array> {
	const reader = stream.getReader();
	let finished = false;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) {
				finished = true;
				return;
			}
			yield value;
		}
	} finally {
		if (!finished) await reader.cancel().catch(() => undefined);
		reader.releaseLock();
	}
}

/** Passes chunks through, failing with EntityTooLarge once more than `limit` bytes went by. */
export async function* limitBytes(
	chunks: AsyncIterable<Uint8Array>,
	limit: number
): AsyncGenerator<Uint8Array> {
	let total = 0;
	for await (const chunk of chunks) {
		total += chunk.byteLength;
		if (total > limit) throw ERRORS.entityTooLarge();
		yield chunk;
	}
}

function declaredLength(request: Request): number | undefined {
	const value = request.headers.get('content-length');
	if (value === null) return undefined;
	const length = Number(value);
	return Number.isFinite(length) && length >= 0 ? length : undefined;
}

/** Parses base64 JSON user metadata from `x-metadata`; undefined when it is not valid. */
export function parseUserMetadataHeader(value: string): Record<string, unknown> | undefined {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
		return typeof parsed === 'object' && parsed !== null
			? (parsed as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

/** Reads the upload's file and metadata from `request`, enforcing the bucket's limits. */
export async function readUploadSource(
	request: Request,
	limits: UploadLimits
): Promise<UploadSource> {
	const contentType = request.headers.get('content-type');
	if (contentType !== null && !isWellFormedContentType(contentType))
		throw ERRORS.invalidContentType();
	const maxFileSize = isEmptyFolderPlaceholder(limits.objectName) ? 0 : limits.fileSizeLimit;
	const checkMime =
		limits.allowedMimeTypes.length > 0 && !isEmptyFolderPlaceholder(limits.objectName);
	const declaredContentLength = declaredLength(request);

	if (contentType?.toLowerCase().startsWith('multipart/form-data')) {
		const boundary = multipartBoundary(contentType);
		if (!boundary || !request.body) throw ERRORS.noContentProvided();
		if (
			declaredContentLength !== undefined &&
			declaredContentLength > maxFileSize + MULTIPART_OVERHEAD_LIMIT
		) {
			throw ERRORS.entityTooLarge();
		}
		let form;
		try {
			form = await readMultipartUpload(streamChunks(request.body), boundary);
		} catch (error) {
			if (error instanceof StorageError) throw error;
			throw ERRORS.noContentProvided();
		}
		if (!form.file) throw ERRORS.noContentProvided();
		const cacheTime = form.fields.get('cacheControl');
		const mimeType = form.fields.get('contentType') || form.file.contentType;
		if (checkMime) mustBeAllowedMimeType(mimeType, limits.allowedMimeTypes);
		const customMetadata = form.fields.get('metadata') ?? form.fields.get('userMetadata');
		let userMetadata: Record<string, unknown> | undefined;
		if (customMetadata !== undefined) {
			if (
				form.truncatedFields.has('metadata') ||
				Buffer.byteLength(customMetadata) > MAX_USER_METADATA_SIZE
			) {
				throw ERRORS.entityTooLarge('user_metadata');
			}
			try {
				const parsed: unknown = JSON.parse(customMetadata);
				if (typeof parsed === 'object' && parsed !== null)
					userMetadata = parsed as Record<string, unknown>;
			} catch {
				// Storage ignores metadata that is not JSON.
			}
		}
		return {
			body: translateMultipartErrors(limitBytes(form.file.body, maxFileSize)),
			mimeType,
			cacheControl: cacheTime ? `max-age=${cacheTime}` : 'no-cache',
			userMetadata,
			declaredContentLength,
		};
	}

	if (!request.body || declaredContentLength === 0) throw ERRORS.noContentProvided();
	const mimeType = contentType || 'application/octet-stream';
	if (checkMime) mustBeAllowedMimeType(mimeType, limits.allowedMimeTypes);
	const metadataHeader = request.headers.get('x-metadata');
	const userMetadata =
		metadataHeader === null ? undefined : parseUserMetadataHeader(metadataHeader);
	if (declaredContentLength !== undefined && declaredContentLength > maxFileSize)
		throw ERRORS.entityTooLarge();
	return {
		body: limitBytes(streamChunks(request.body), maxFileSize),
		mimeType,
		cacheControl: request.headers.get('cache-control') ?? 'no-cache',
		userMetadata,
		declaredContentLength,
	};
}

async function* translateMultipartErrors(
	chunks: AsyncIterable<Uint8Array>
): AsyncGenerator<Uint8Array> {
	try {
		yield* chunks;
	} catch (error) {
		if (error instanceof MultipartError) throw ERRORS.invalidRequest(error.message);
		throw error;
	}
}
