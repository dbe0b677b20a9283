import { expect, test } from 'vitest';
import { isoTimestamp } from './object-rows.ts';

test.each([
	['2026-01-02 03:04:05.123456+00', '2026-01-02T03:04:05.123Z'],
	['2026-01-02 03:04:05+00', '2026-01-02T03:04:05.000Z'],
	['2026-01-02 03:04:05.1+05:30', '2026-01-01T21:34:05.100Z'],
	['2026-01-02 03:04:05.9999-0130', '2026-01-02T04:34:05.999Z'],
	['2021-02-17T04:43:32.770Z', '2021-02-17T04:43:32.770Z'],
])('isoTimestamp(%j) is %j', (text, iso) => {
	expect(isoTimestamp(text)).toBe(iso);
});

test('isoTimestamp passes dates through and keeps null', () => {
	expect(isoTimestamp(new Date(Date.UTC(2020, 0, 1)))).toBe('2020-01-01T00:00:00.000Z');
	expect(isoTimestamp(null)).toBeNull();
	expect(isoTimestamp(undefined)).toBeNull();
});
