import { describe, expect, test } from 'vitest';
import { describeVentureError, ventureErrorField } from './errors.server.ts';

const generic = 'ventures.error.saveFailed' as const;
const refused = (message: string, details: string | null = null) => ({
	code: 'P0001',
	message,
	details,
});

describe('describeVentureError', () => {
	test('turns the database’s codes into translated keys and statuses', () => {
		expect(
			describeVentureError(refused('ventures.not_verified', 'organisation_id'), generic)
		).toEqual({ key: 'ventures.error.not_verified', code: 'FORBIDDEN' });
		expect(describeVentureError(refused('ventures.not_owner'), generic)).toEqual({
			key: 'ventures.error.not_owner',
			code: 'FORBIDDEN',
		});
		expect(describeVentureError(refused('ventures.invalid_transition', 'stage'), generic)).toEqual({
			key: 'ventures.error.invalid_transition',
			code: 'CONFLICT',
		});
		expect(describeVentureError(refused('ventures.duplicate_interest'), generic)).toEqual({
			key: 'ventures.error.duplicate_interest',
			code: 'CONFLICT',
		});
		expect(describeVentureError(refused('ventures.not_found'), generic)).toEqual({
			key: 'ventures.error.not_found',
			code: 'NOT_FOUND',
		});
	});

	test('a detail makes the message precise: which field names the company, which requirement', () => {
		expect(describeVentureError(refused('ventures.identifying_text', 'summary'), generic)).toEqual({
			key: 'ventures.error.identifying.summary',
			code: 'BAD_REQUEST',
		});
		expect(describeVentureError(refused('ventures.requirements', 'japanese'), generic)).toEqual({
			key: 'ventures.error.requirements.japanese',
			code: 'FORBIDDEN',
		});
		expect(describeVentureError(refused('ventures.invalid', 'happened_on'), generic)).toEqual({
			key: 'ventures.error.dateBeforeInterest',
			code: 'BAD_REQUEST',
		});
		// A detail the site has no words for falls back to the code's own message.
		expect(describeVentureError(refused('ventures.identifying_text', 'logo'), generic)).toEqual({
			key: 'ventures.error.identifying_text',
			code: 'BAD_REQUEST',
		});
	});

	test('unknown codes, refusals, constraint failures and an unreachable backend', () => {
		expect(describeVentureError(refused('ventures.brand_new'), generic)).toEqual({
			key: generic,
			code: 'BAD_REQUEST',
		});
		expect(describeVentureError({ code: '42501', message: 'permission denied' }, generic)).toEqual({
			key: 'ventures.error.not_owner',
			code: 'FORBIDDEN',
		});
		expect(describeVentureError({ code: '23514', message: 'check' }, generic)).toEqual({
			key: 'ventures.error.invalid',
			code: 'BAD_REQUEST',
		});
		expect(describeVentureError(new TypeError('fetch failed'), generic)).toEqual({
			key: 'ventures.error.unavailable',
			code: 'SERVICE_UNAVAILABLE',
		});
		expect(describeVentureError({ code: 'PGRST202', message: 'no function' }, generic)).toEqual({
			key: 'ventures.error.unavailable',
			code: 'SERVICE_UNAVAILABLE',
		});
	});

	test('field errors go next to their field', () => {
		expect(ventureErrorField('ventures.error.identifying.title')).toBe('title');
		expect(ventureErrorField('ventures.error.dateBeforeInterest')).toBe('happened_on');
		expect(ventureErrorField('ventures.error.jlptForReturnee')).toBe('min_jlpt');
		expect(ventureErrorField('ventures.error.not_verified')).toBeUndefined();
	});
});
