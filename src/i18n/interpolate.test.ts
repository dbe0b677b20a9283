import { describe, expect, test } from 'vitest';
import { interpolate } from './interpolate.ts';

describe('interpolate', () => {
	test('replaces known placeholders and leaves unknown ones', () => {
		expect(interpolate('{a} and {b}', { a: 'x' })).toBe('x and {b}');
	});
	test('formats numbers with the given formatter', () => {
		expect(interpolate('{n} items', { n: 1200 }, (n) => n.toLocaleString('en-GB'))).toBe(
			'1,200 items'
		);
		expect(interpolate('{n} items', { n: 8 })).toBe('8 items');
	});
	test('returns the message unchanged without vars', () => {
		expect(interpolate('{n} items', undefined)).toBe('{n} items');
	});
});
