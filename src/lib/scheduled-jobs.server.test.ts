import { describe, expect, test, vi } from 'vitest';
import { intervalFromEnv } from './scheduled-jobs.server.ts';

describe('intervalFromEnv', () => {
	test('reads minutes, 0 turns the job off, anything else is the default', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		expect(intervalFromEnv('JOBS', 60, {})).toBe(3_600_000);
		expect(intervalFromEnv('JOBS', 60, { JOBS: '0' })).toBeNull();
		expect(intervalFromEnv('JOBS', 60, { JOBS: '0.5' })).toBe(30_000);
		// Never more often than once a second.
		expect(intervalFromEnv('JOBS', 60, { JOBS: '0.001' })).toBe(1000);
		expect(intervalFromEnv('JOBS', 60, { JOBS: 'soon' })).toBe(3_600_000);
		expect(intervalFromEnv('JOBS', 60, { JOBS: '1441' })).toBe(3_600_000);
		expect(intervalFromEnv('JOBS', 60, { JOBS: '-1' })).toBe(3_600_000);
		expect(warn).toHaveBeenCalledTimes(3);
		warn.mockRestore();
	});
});
