import { describe, expect, test } from 'vitest';
import { StorageError } from './errors.ts';
import { parseRange } from './object-renderers.ts';

describe('parseRange', () => {
	test.each([
		['bytes=0-4', { start: 0, end: 4 }],
		['bytes=6-', { start: 6, end: 10 }],
		['bytes=-3', { start: 8, end: 10 }],
		['bytes=5-100', { start: 5, end: 10 }],
		['bytes=-100', { start: 0, end: 10 }],
	])('%s of 11 bytes', (header, range) => {
		expect(parseRange(header, 11)).toEqual(range);
	});

	test.each(['bytes=11-', 'bytes=5-2', 'bytes=-', 'items=0-1', 'bytes=0-1,3-4', 'bytes=-0'])(
		'%s is 416',
		(header) => {
			try {
				parseRange(header, 11);
				expect.unreachable();
			} catch (error) {
				expect(error).toBeInstanceOf(StorageError);
				expect((error as StorageError).responseStatus).toBe(416);
			}
		}
	);
});
