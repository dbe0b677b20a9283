import { describe, expect, test } from 'vitest';
import { StorageError } from './errors.ts';
import {
	isWellFormedContentType,
	mustBeAllowedMimeType,
	mustBeValidBucketName,
	mustBeValidKey,
	parseBucketSizeLimit,
	parseFileSizeToBytes,
	validateAllowedMimeTypes,
} from './validation.ts';

function failure(fn: () => unknown): Record<string, unknown> | undefined {
	try {
		fn();
	} catch (error) {
		if (error instanceof StorageError) return error.toJSON();
		throw error;
	}
	return undefined;
}

describe('object keys', () => {
	test.each([
		'a.txt',
		'folder/sub/file.png',
		"it's (1) & more=ok;+,@$!*?:.txt",
		'trailing/',
		'.hidden',
		'a..b',
	])('accepts %j', (key) => {
		expect(failure(() => mustBeValidKey(key))).toBeUndefined();
	});

	test.each([
		['', 'Invalid key: '],
		['../x', 'Invalid key: ../x contains dot path segment'],
		['a/../../x', 'Invalid key: a/../../x contains dot path segment'],
		['a/./x', 'Invalid key: a/./x contains dot path segment'],
		['..', 'Invalid key: .. contains dot path segment'],
		['/etc/passwd', 'Invalid key: /etc/passwd must be a relative path'],
		['nul\0byte', 'Invalid key: nul\0byte'],
		['back\\slash', 'Invalid key: back\\slash'],
		['café', 'Invalid key: café'],
		['tab\there', 'Invalid key: tab\there'],
		['percent%20', 'Invalid key: percent%20'],
	])('rejects %j as InvalidKey', (key, message) => {
		expect(failure(() => mustBeValidKey(key))).toEqual({
			statusCode: '400',
			code: 'InvalidKey',
			error: 'InvalidKey',
			message,
		});
	});
});

describe('bucket names', () => {
	test.each(['avatars', 'org-logos', 'a.b_c', 'x'.repeat(100)])('accepts %j', (name) => {
		expect(failure(() => mustBeValidBucketName(name))).toBeUndefined();
	});
	test.each(['', 'a/b', 'x'.repeat(101), '.', '..', 'ünï'])('rejects %j', (name) => {
		expect(failure(() => mustBeValidBucketName(name))).toEqual({
			statusCode: '400',
			code: 'InvalidBucketName',
			error: 'Invalid Input',
			message: 'Bucket name invalid',
		});
	});
});

describe('file size limits', () => {
	test.each([
		['3b', 3],
		['30KB', 30_000],
		['20mb', 20_000_000],
		['1.5GB', 1_500_000_000],
		['1.2345mb', 1_230_000],
	])('%s is %d bytes', (text, bytes) => {
		expect(parseFileSizeToBytes(text)).toBe(bytes);
	});

	test('rejects unknown units', () => {
		expect(failure(() => parseFileSizeToBytes('1zb'))).toMatchObject({
			statusCode: '400',
			code: 'InvalidRequest',
		});
	});

	test('bucket limits: null clears, numbers pass, above the global limit is 413', () => {
		expect(parseBucketSizeLimit(undefined, 100)).toBeUndefined();
		expect(parseBucketSizeLimit(null, 100)).toBeNull();
		expect(parseBucketSizeLimit(50, 100)).toBe(50);
		expect(parseBucketSizeLimit('0.1kb', 100)).toBe(100);
		expect(failure(() => parseBucketSizeLimit('1kb', 100))).toMatchObject({
			statusCode: '413',
			code: 'EntityTooLarge',
		});
	});
});

describe('MIME types', () => {
	test('bucket settings must look like type/subtype', () => {
		expect(() =>
			validateAllowedMimeTypes([
				'image/*',
				'image/png',
				'text/plain; charset=utf-8',
				'application/vnd.x+json',
			])
		).not.toThrow();
		expect(failure(() => validateAllowedMimeTypes(['image']))).toMatchObject({
			statusCode: '415',
			message: 'mime type image is not supported',
		});
	});

	test('uploads match type and subtype literally, with wildcards', () => {
		expect(() => mustBeAllowedMimeType('image/png', ['image/*'])).not.toThrow();
		expect(() => mustBeAllowedMimeType('image/png', ['image/png'])).not.toThrow();
		expect(failure(() => mustBeAllowedMimeType('image/jpeg', ['image/png']))).toEqual({
			statusCode: '415',
			code: 'InvalidMimeType',
			error: 'invalid_mime_type',
			message: 'mime type image/jpeg is not supported',
		});
		// Storage compares the subtype with its parameters, so a charset makes text/plain a different type.
		expect(
			failure(() => mustBeAllowedMimeType('text/plain;charset=UTF-8', ['text/plain']))
		).toMatchObject({
			statusCode: '415',
		});
		expect(failure(() => mustBeAllowedMimeType('nonsense', ['image/*']))).toMatchObject({
			statusCode: '415',
		});
	});

	test('Content-Type headers must be well-formed media types', () => {
		expect(isWellFormedContentType('text/plain;charset=UTF-8')).toBe(true);
		expect(isWellFormedContentType('multipart/form-data; boundary="----abc"')).toBe(true);
		expect(isWellFormedContentType('thisisnotarealmimetype')).toBe(false);
		expect(isWellFormedContentType('image/\tjpg')).toBe(false);
	});
});
