import {
	AuthApiError,
	AuthRetryableFetchError,
	AuthSessionMissingError,
	AuthWeakPasswordError,
} from '@supabase/supabase-js';
import { describe, expect, test } from 'vitest';
import { CATALOGS } from '~/i18n/translate.ts';
import { SupabaseEnvError } from '~/lib/supabase/env.server.ts';
import { AUTH_ERROR_FIELDS, describeAuthError, isUnexpected } from './errors.server.ts';

const api = (code: string, status: number) => new AuthApiError('GoTrue says no', status, code);

describe('describeAuthError', () => {
	test.each([
		['invalid_credentials', 400, 'auth.error.invalidCredentials', 'BAD_REQUEST'],
		['email_not_confirmed', 400, 'auth.error.emailNotConfirmed', 'FORBIDDEN'],
		['user_already_exists', 422, 'auth.error.emailTaken', 'CONFLICT'],
		['email_exists', 422, 'auth.error.emailTaken', 'CONFLICT'],
		['weak_password', 422, 'auth.error.weakPassword', 'UNPROCESSABLE_CONTENT'],
		['same_password', 422, 'auth.error.samePassword', 'UNPROCESSABLE_CONTENT'],
		['over_request_rate_limit', 429, 'auth.error.rateLimited', 'TOO_MANY_REQUESTS'],
		['over_email_send_rate_limit', 429, 'auth.error.rateLimited', 'TOO_MANY_REQUESTS'],
		['signup_disabled', 422, 'auth.error.signupDisabled', 'FORBIDDEN'],
		['user_banned', 400, 'auth.error.accountSuspended', 'FORBIDDEN'],
		['session_not_found', 403, 'auth.error.sessionExpired', 'UNAUTHORIZED'],
		['validation_failed', 400, 'auth.error.invalidInput', 'BAD_REQUEST'],
	])('maps GoTrue %s to a message of its own', (code, status, key, actionCode) => {
		expect(describeAuthError(api(code, status))).toEqual({ key, code: actionCode });
	});

	test('maps the weak-password error class, whatever its code', () => {
		const error = new AuthWeakPasswordError('Password is known to be weak', 422, ['pwned']);
		expect(describeAuthError(error).key).toBe('auth.error.weakPassword');
	});

	test('says "try again later" when the backend is unreachable, failing or not configured', () => {
		for (const error of [
			new AuthRetryableFetchError('fetch failed', 0),
			api('unexpected_failure', 500),
			new SupabaseEnvError('Supabase is not configured'),
		]) {
			const failure = describeAuthError(error);
			expect(failure).toEqual({ key: 'auth.error.unavailable', code: 'SERVICE_UNAVAILABLE' });
			expect(isUnexpected(failure)).toBe(true);
		}
	});

	test('treats an unknown 429 as rate limiting', () => {
		expect(describeAuthError(api('something_new', 429)).key).toBe('auth.error.rateLimited');
	});

	test('gives anything else the generic message, never a 500', () => {
		for (const error of [
			new TypeError('boom'),
			'a string',
			undefined,
			api('something_new', 418),
			new AuthSessionMissingError(),
		]) {
			expect(describeAuthError(error)).toEqual({ key: 'auth.error.generic', code: 'BAD_GATEWAY' });
		}
	});

	test('only names messages that every catalog has', () => {
		const keys = [
			...Object.keys(AUTH_ERROR_FIELDS),
			'auth.error.generic',
			'auth.error.unavailable',
		];
		for (const key of keys) expect(CATALOGS.en[key], key).toBeTypeOf('string');
	});
});
