import { describe, expect, test } from 'vitest';
import { DEFAULT_JOBS_INTERVAL_MINUTES, JOBS_INTERVAL_ENV, jobsIntervalMs } from './jobs.server.ts';

describe('jobsIntervalMs', () => {
	test('runs every few minutes by default, as configured, or not at all with 0', () => {
		expect(jobsIntervalMs({})).toBe(DEFAULT_JOBS_INTERVAL_MINUTES * 60_000);
		expect(jobsIntervalMs({ [JOBS_INTERVAL_ENV]: '15' })).toBe(15 * 60_000);
		expect(jobsIntervalMs({ [JOBS_INTERVAL_ENV]: '0.5' })).toBe(30_000);
		expect(jobsIntervalMs({ [JOBS_INTERVAL_ENV]: '0' })).toBeNull();
	});

	test('a value that is not a number of minutes falls back to the default', () => {
		for (const bad of ['soon', '-1', '100000']) {
			expect(jobsIntervalMs({ [JOBS_INTERVAL_ENV]: bad })).toBe(
				DEFAULT_JOBS_INTERVAL_MINUTES * 60_000
			);
		}
	});
});
