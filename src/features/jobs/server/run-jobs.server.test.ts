import { describe, expect, test } from 'vitest';
import { isJobsRequestAuthorized } from './run-jobs.server.ts';

const secret = 'a'.repeat(24) + 'b'.repeat(24);

describe('isJobsRequestAuthorized', () => {
	test('accepts the configured secret as a bearer token', () => {
		expect(isJobsRequestAuthorized(`Bearer ${secret}`, secret)).toBe(true);
	});

	test('refuses a wrong, missing or differently shaped token', () => {
		expect(isJobsRequestAuthorized(`Bearer ${secret}x`, secret)).toBe(false);
		expect(isJobsRequestAuthorized(`Bearer ${secret.slice(1)}`, secret)).toBe(false);
		expect(isJobsRequestAuthorized(secret, secret)).toBe(false);
		expect(isJobsRequestAuthorized(`Basic ${secret}`, secret)).toBe(false);
		expect(isJobsRequestAuthorized(null, secret)).toBe(false);
	});

	test('stays closed when no secret, or a short one, is configured', () => {
		expect(isJobsRequestAuthorized('Bearer ', undefined)).toBe(false);
		expect(isJobsRequestAuthorized('Bearer ', '')).toBe(false);
		expect(isJobsRequestAuthorized('Bearer short', 'short')).toBe(false);
	});
});
