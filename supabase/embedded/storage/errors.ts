/**
 * Storage's error model: `{statusCode, code, error, message}` bodies where `statusCode` is the "real" code
 * as a string and the HTTP status is 400 for every 4xx-class error (500 for 5xx), as Supabase Storage sends.
 */

/** Storage's error codes (the `code` field). */
export type StorageErrorCode =
	| 'NoSuchBucket'
	| 'NoSuchKey'
	| 'InvalidJWT'
	| 'InvalidRequest'
	| 'EntityTooLarge'
	| 'InternalError'
	| 'ResourceAlreadyExists'
	| 'ResourceNotEmpty'
	| 'InvalidBucketName'
	| 'InvalidKey'
	| 'InvalidRange'
	| 'InvalidMimeType'
	| 'KeyAlreadyExists'
	| 'BucketAlreadyExists'
	| 'DatabaseTimeout'
	| 'DatabaseError'
	| 'InvalidSignature'
	| 'ExpiredToken'
	| 'AccessDenied'
	| 'ResourceLocked'
	| 'ResourceReferenced'
	| 'InvalidParameter'
	| 'MissingParameter'
	| 'FeatureNotEnabled'
	| 'NotSupported'
	| 'DatabaseSchemaMismatch'
	| 'Aborted';

interface StorageErrorInit {
	code: StorageErrorCode;
	/** The "real" status, sent as the string `statusCode` in the body. */
	httpStatusCode: number;
	message: string;
	/** Legacy short name; defaults to `code`. */
	error?: string;
	/** The HTTP status actually sent, when it is not Storage's usual 400/500. */
	responseStatus?: number;
}

/** An error Storage reports to the client; `toResponse()` renders it exactly as Supabase Storage does. */
export class StorageError extends Error {
	readonly code: StorageErrorCode;
	readonly httpStatusCode: number;
	readonly error: string;
	readonly responseStatus: number;

	constructor(init: StorageErrorInit) {
		super(init.message);
		this.name = 'StorageError';
		this.code = init.code;
		this.httpStatusCode = init.httpStatusCode;
		this.error = init.error ?? init.code;
		this.responseStatus = init.responseStatus ?? (init.httpStatusCode === 500 ? 500 : 400);
	}

	/** The JSON body, fields in Storage's order. */
	toJSON(): { statusCode: string; code: string; error: string; message: string } {
		return {
			statusCode: String(this.httpStatusCode),
			code: this.code,
			error: this.error,
			message: this.message,
		};
	}

	/** The HTTP response carrying this error. */
	toResponse(headers?: HeadersInit): Response {
		const response = Response.json(this.toJSON(), { status: this.responseStatus });
		for (const [name, value] of new Headers(headers)) response.headers.set(name, value);
		return response;
	}
}

/** Factories for every error Storage sends, with Storage's wording. */
export const ERRORS = {
	noSuchBucket: () =>
		new StorageError({
			code: 'NoSuchBucket',
			httpStatusCode: 404,
			error: 'Bucket not found',
			message: 'Bucket not found',
		}),
	noSuchKey: () =>
		new StorageError({
			code: 'NoSuchKey',
			httpStatusCode: 404,
			error: 'not_found',
			message: 'Object not found',
		}),
	invalidKey: (key: string, reason?: string) =>
		new StorageError({
			code: 'InvalidKey',
			httpStatusCode: 400,
			message: reason ? `Invalid key: ${key} ${reason}` : `Invalid key: ${key}`,
		}),
	invalidBucketName: () =>
		new StorageError({
			code: 'InvalidBucketName',
			httpStatusCode: 400,
			error: 'Invalid Input',
			message: 'Bucket name invalid',
		}),
	invalidFileSizeLimit: () =>
		new StorageError({
			code: 'InvalidRequest',
			httpStatusCode: 400,
			message: 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B',
		}),
	invalidMimeType: (mimeType: string) =>
		new StorageError({
			code: 'InvalidMimeType',
			httpStatusCode: 415,
			error: 'invalid_mime_type',
			message: `mime type ${mimeType} is not supported`,
		}),
	invalidContentType: () =>
		new StorageError({
			code: 'InvalidMimeType',
			httpStatusCode: 415,
			error: 'invalid_mime_type',
			message: 'Invalid Content-Type header',
		}),
	entityTooLarge: (entity = 'object') =>
		new StorageError({
			code: 'EntityTooLarge',
			httpStatusCode: 413,
			error: 'Payload too large',
			message: `The ${entity} exceeded the maximum allowed size`,
		}),
	keyAlreadyExists: () =>
		new StorageError({
			code: 'KeyAlreadyExists',
			httpStatusCode: 409,
			error: 'Duplicate',
			message: 'The resource already exists',
		}),
	bucketAlreadyExists: () =>
		new StorageError({
			code: 'BucketAlreadyExists',
			httpStatusCode: 409,
			error: 'Duplicate',
			message: 'The resource already exists',
		}),
	resourceAlreadyExists: () =>
		new StorageError({
			code: 'ResourceAlreadyExists',
			httpStatusCode: 409,
			error: 'Duplicate',
			message: 'The resource already exists',
		}),
	bucketNotEmpty: () =>
		new StorageError({
			code: 'ResourceNotEmpty',
			httpStatusCode: 409,
			message: 'The bucket you tried to delete is not empty',
		}),
	accessDenied: (message = 'Access denied', responseStatus?: number) =>
		new StorageError({
			code: 'AccessDenied',
			httpStatusCode: 403,
			error: 'Unauthorized',
			message,
			...(responseStatus === undefined ? {} : { responseStatus }),
		}),
	noContentProvided: () =>
		new StorageError({
			code: 'InvalidRequest',
			httpStatusCode: 400,
			message: 'No content provided',
		}),
	invalidRequest: (message: string) =>
		new StorageError({ code: 'InvalidRequest', httpStatusCode: 400, message }),
	invalidJwt: (message = 'Invalid JWT') =>
		new StorageError({ code: 'InvalidJWT', httpStatusCode: 400, message }),
	invalidSignature: (message = 'Invalid signature') =>
		new StorageError({ code: 'InvalidSignature', httpStatusCode: 400, message }),
	expiredSignature: () =>
		new StorageError({
			code: 'ExpiredToken',
			httpStatusCode: 400,
			message: 'The provided token has expired.',
		}),
	invalidRange: () =>
		new StorageError({
			code: 'InvalidRange',
			httpStatusCode: 416,
			error: 'invalid_range',
			message: 'invalid range provided',
			responseStatus: 416,
		}),
	notSupported: (feature: string) =>
		new StorageError({
			code: 'NotSupported',
			httpStatusCode: 409,
			message: `The feature ${feature} is not enabled for this resource`,
		}),
	requestAborted: () =>
		new StorageError({
			code: 'Aborted',
			httpStatusCode: 499,
			error: 'Request aborted',
			message: 'Request aborted',
			responseStatus: 499,
		}),
	internal: (message = 'Internal server error') =>
		new StorageError({ code: 'InternalError', httpStatusCode: 500, message }),
};

/** A request-validation or body-parsing failure, which Storage's framework (Fastify) reports with HTTP 400. */
export function validationError(message: string, httpStatusCode = 400): StorageError {
	return new StorageError({
		code: httpStatusCode === 413 ? 'EntityTooLarge' : 'InvalidRequest',
		httpStatusCode,
		error: 'FastifyError',
		message,
		responseStatus: httpStatusCode,
	});
}

interface PgErrorLike {
	code?: unknown;
	message?: unknown;
	detail?: unknown;
}

function isPgError(error: unknown): error is PgErrorLike & { code: string; message: string } {
	return (
		typeof error === 'object' &&
		error !== null &&
		typeof (error as PgErrorLike).code === 'string' &&
		/^[0-9A-Z]{5}$/.test((error as PgErrorLike).code as string) &&
		typeof (error as PgErrorLike).message === 'string'
	);
}

/** Maps a database error (SQLSTATE) to Storage's error, as Storage's `DBError.fromDBError` does. */
export function fromDatabaseError(error: unknown): StorageError | undefined {
	if (!isPgError(error)) return undefined;
	switch (error.code) {
		case '42501':
			return ERRORS.accessDenied(
				error.message.includes('row-level security')
					? 'new row violates row-level security policy'
					: error.message
			);
		case '23505':
			return ERRORS.resourceAlreadyExists();
		case '23503':
			return typeof error.detail === 'string' &&
				error.detail.includes('is still referenced from table')
				? new StorageError({
						code: 'ResourceReferenced',
						httpStatusCode: 409,
						message: 'The resource could not be updated or removed due to a foreign key constraint',
					})
				: new StorageError({
						code: 'InvalidRequest',
						httpStatusCode: 404,
						message: 'The related resource does not exist',
					});
		case '55P03':
			return new StorageError({
				code: 'ResourceLocked',
				httpStatusCode: 423,
				message: 'The resource is locked',
			});
		case '57014':
			return new StorageError({
				code: 'DatabaseTimeout',
				httpStatusCode: 544,
				message: 'The connection to the database timed out',
				responseStatus: 544,
			});
		case '22P02':
			return new StorageError({
				code: 'InvalidParameter',
				httpStatusCode: 400,
				message: error.message,
			});
		case '42703':
		case '42P01':
			return new StorageError({
				code: 'DatabaseSchemaMismatch',
				httpStatusCode: 503,
				message: 'The database schema is out of sync. Please run migrations or contact support.',
			});
		default:
			return new StorageError({
				code: 'DatabaseError',
				httpStatusCode: 500,
				message: `database error, code: ${error.code}`,
			});
	}
}

/** Whether `error` is the request body failing because the client went away. */
export function isClientAbort(error: unknown): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
	return code === 'ECONNRESET' || name === 'AbortError' || message === 'aborted';
}

/** Turns anything thrown while serving a request into Storage's error, never leaking internals. */
export function toStorageError(error: unknown): StorageError {
	if (error instanceof StorageError) return error;
	if (isClientAbort(error)) return ERRORS.requestAborted();
	return fromDatabaseError(error) ?? ERRORS.internal();
}
