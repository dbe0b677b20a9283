import { describe, expect, test } from 'vitest';
import { describeMentoringError } from './errors.server.ts';

describe('describeMentoringError', () => {
	test('turns the database’s message codes into translated keys', () => {
		expect(
			describeMentoringError(
				{ code: 'P0001', message: 'mentoring.duplicate_request' },
				'mentoring.error.saveFailed'
			)
		).toEqual({ key: 'mentoring.error.duplicate_request', code: 'CONFLICT' });
		expect(
			describeMentoringError(
				{ code: 'P0001', message: 'mentoring.not_allowed' },
				'mentoring.error.saveFailed'
			)
		).toEqual({ key: 'mentoring.error.not_allowed', code: 'FORBIDDEN' });
		expect(
			describeMentoringError(
				{ code: 'P0001', message: 'mentoring.message_too_long' },
				'mentoring.error.saveFailed'
			)
		).toEqual({ key: 'mentoring.error.message_too_long', code: 'BAD_REQUEST' });
	});

	test('an unknown code, a refusal, a missing row or an unreachable backend', () => {
		expect(
			describeMentoringError(
				{ code: 'P0001', message: 'mentoring.brand_new' },
				'mentoring.error.saveFailed'
			)
		).toEqual({ key: 'mentoring.error.saveFailed', code: 'BAD_REQUEST' });
		expect(
			describeMentoringError(
				{ code: '42501', message: 'permission denied' },
				'mentoring.error.saveFailed'
			)
		).toEqual({
			key: 'mentoring.error.not_allowed',
			code: 'FORBIDDEN',
		});
		expect(describeMentoringError({ code: 'PGRST116' }, 'mentoring.error.saveFailed').key).toBe(
			'mentoring.error.not_found'
		);
		expect(
			describeMentoringError(new TypeError('fetch failed'), 'mentoring.error.saveFailed')
		).toEqual({
			key: 'mentoring.error.unavailable',
			code: 'SERVICE_UNAVAILABLE',
		});
	});
});
