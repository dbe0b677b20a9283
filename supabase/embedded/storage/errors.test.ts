import { describe, expect, test } from 'vitest';
import { ERRORS, fromDatabaseError, toStorageError } from './errors.ts';

describe('Storage error bodies', () => {
	test('4xx-class errors go out as HTTP 400 with the real code in statusCode', async () => {
		const response = ERRORS.noSuchKey().toResponse();
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			statusCode: '404',
			code: 'NoSuchKey',
			error: 'not_found',
			message: 'Object not found',
		});
	});

	test('5xx errors are HTTP 500; the role check on empty is a real 403', () => {
		expect(ERRORS.internal().toResponse().status).toBe(500);
		expect(ERRORS.accessDenied('Access denied: Invalid role', 403).toResponse().status).toBe(403);
	});
});

describe('database errors', () => {
	const pg = (code: string, message: string, detail?: string) =>
		Object.assign(new Error(message), { code, detail });

	test('RLS violations become "new row violates row-level security policy"', () => {
		expect(
			fromDatabaseError(
				pg('42501', 'new row violates row-level security policy for table "objects"')
			)?.toJSON()
		).toEqual({
			statusCode: '403',
			code: 'AccessDenied',
			error: 'Unauthorized',
			message: 'new row violates row-level security policy',
		});
	});

	test('other permission errors keep their message', () => {
		expect(fromDatabaseError(pg('42501', 'permission denied for table objects'))?.message).toBe(
			'permission denied for table objects'
		);
	});

	test('unique violations are 409 Duplicate; foreign keys, timeouts and the rest are mapped', () => {
		expect(fromDatabaseError(pg('23505', 'duplicate key'))?.toJSON()).toMatchObject({
			statusCode: '409',
			error: 'Duplicate',
			code: 'ResourceAlreadyExists',
		});
		expect(
			fromDatabaseError(pg('23503', 'fk', 'Key (id)=(x) is still referenced from table "objects".'))
				?.code
		).toBe('ResourceReferenced');
		expect(
			fromDatabaseError(pg('23503', 'fk', 'Key (bucket_id)=(x) is not present'))?.toJSON()
		).toMatchObject({
			statusCode: '404',
			message: 'The related resource does not exist',
		});
		expect(fromDatabaseError(pg('57014', 'canceling statement'))?.toResponse().status).toBe(544);
		expect(fromDatabaseError(pg('XX000', 'internal'))?.toJSON()).toMatchObject({
			statusCode: '500',
			message: 'database error, code: XX000',
		});
	});

	test('anything unknown becomes an internal error without details; client aborts are 499', () => {
		expect(toStorageError(new TypeError('secret detail')).toJSON()).toEqual({
			statusCode: '500',
			code: 'InternalError',
			error: 'InternalError',
			message: 'Internal server error',
		});
		expect(
			toStorageError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })).toResponse()
				.status
		).toBe(499);
	});
});
