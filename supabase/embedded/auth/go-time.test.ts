import { describe, expect, it } from 'vitest';
import { epochMillis, goTime } from './go-time.ts';

describe('goTime', () => {
	it('formats PostgreSQL timestamps like Go', () => {
		expect(goTime('2026-01-02 03:04:05.123456+00')).toBe('2026-01-02T03:04:05.123456Z');
		expect(goTime('2026-01-02 03:04:05.1+00')).toBe('2026-01-02T03:04:05.1Z');
		expect(goTime('2026-01-02 03:04:05+00')).toBe('2026-01-02T03:04:05Z');
		expect(goTime('2026-01-02 03:04:05+05:30')).toBe('2026-01-02T03:04:05+05:30');
		expect(goTime(null)).toBeNull();
		expect(epochMillis('1970-01-01 00:00:01+00')).toBe(1000);
	});
});
