import { describe, expect, test } from 'vitest';
import { SupabaseEnvError } from '~/lib/supabase/env.server.ts';
import { describeDbError } from './db.server.ts';

const generic = 'organisations.error.saveFailed' as const;

describe('describeDbError', () => {
	test('a refusal by row-level security or a protecting trigger is "not allowed"', () => {
		expect(
			describeDbError({ code: '42501', message: 'new row violates row-level security' }, generic)
		).toEqual({
			key: 'organisations.error.notAllowed',
			code: 'FORBIDDEN',
		});
		expect(describeDbError({ statusCode: '403', message: 'Unauthorized' }, generic).key).toBe(
			'organisations.error.notAllowed'
		);
	});

	test('a missing row, or an id that is not one, is "not found"', () => {
		for (const code of ['P0002', 'PGRST116', '22P02']) {
			expect(describeDbError({ code }, generic).key, code).toBe('organisations.error.notFound');
		}
	});

	test('an unreachable or unconfigured backend is "try again later"', () => {
		for (const error of [
			new TypeError('fetch failed'),
			{ message: 'TypeError: fetch failed', code: '' },
			new SupabaseEnvError('not configured'),
		]) {
			expect(describeDbError(error, generic)).toEqual({
				key: 'organisations.error.unavailable',
				code: 'SERVICE_UNAVAILABLE',
			});
		}
	});

	test('anything else gets the feature’s own message, never the database’s words', () => {
		for (const error of [{ code: '23514', message: 'violates check constraint' }, 'boom', null]) {
			expect(describeDbError(error, generic)).toEqual({ key: generic, code: 'BAD_REQUEST' });
		}
	});
});
