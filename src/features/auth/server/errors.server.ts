import {
	isAuthError,
	isAuthRetryableFetchError,
	isAuthWeakPasswordError,
} from '@supabase/supabase-js';
import type { ActionErrorCode } from 'astro:actions';
import type { MessageKey } from '~/i18n/translate.ts';
import { SupabaseEnvError } from '~/lib/supabase/env.server.ts';

/** A message shown when an auth request fails; each is translated in every catalog. */
export type AuthErrorKey = Extract<MessageKey, `auth.error.${string}`>;

/** What the site tells the person, and the HTTP status the form page answers with. */
export interface AuthFailure {
	key: AuthErrorKey;
	code: ActionErrorCode;
}

const failure = (key: AuthErrorKey, code: ActionErrorCode): AuthFailure => ({ key, code });

const GENERIC = failure('auth.error.generic', 'BAD_GATEWAY');
const UNAVAILABLE = failure('auth.error.unavailable', 'SERVICE_UNAVAILABLE');
const RATE_LIMITED = failure('auth.error.rateLimited', 'TOO_MANY_REQUESTS');
const WEAK_PASSWORD = failure('auth.error.weakPassword', 'UNPROCESSABLE_CONTENT');
const EMAIL_TAKEN = failure('auth.error.emailTaken', 'CONFLICT');
const SESSION_EXPIRED = failure('auth.error.sessionExpired', 'UNAUTHORIZED');

/** GoTrue's error codes (`error.code` in supabase-js) that people can do something about. */
const BY_CODE: Record<string, AuthFailure> = {
	invalid_credentials: failure('auth.error.invalidCredentials', 'BAD_REQUEST'),
	validation_failed: failure('auth.error.invalidInput', 'BAD_REQUEST'),
	email_not_confirmed: failure('auth.error.emailNotConfirmed', 'FORBIDDEN'),
	user_already_exists: EMAIL_TAKEN,
	email_exists: EMAIL_TAKEN,
	weak_password: WEAK_PASSWORD,
	same_password: failure('auth.error.samePassword', 'UNPROCESSABLE_CONTENT'),
	over_request_rate_limit: RATE_LIMITED,
	over_email_send_rate_limit: RATE_LIMITED,
	signup_disabled: failure('auth.error.signupDisabled', 'FORBIDDEN'),
	email_provider_disabled: failure('auth.error.signupDisabled', 'FORBIDDEN'),
	user_banned: failure('auth.error.accountSuspended', 'FORBIDDEN'),
	session_not_found: SESSION_EXPIRED,
	session_expired: SESSION_EXPIRED,
	refresh_token_not_found: SESSION_EXPIRED,
	refresh_token_already_used: SESSION_EXPIRED,
	user_not_found: SESSION_EXPIRED,
	bad_jwt: SESSION_EXPIRED,
};

/**
 * Turns anything an auth call can fail with into a message for the person and a status. Known
 * GoTrue codes get their own message; an unreachable or failing backend gets "try again later";
 * anything else gets a generic message, never a stack trace or a 500.
 */
export function describeAuthError(error: unknown): AuthFailure {
	if (error instanceof SupabaseEnvError || isAuthRetryableFetchError(error)) return UNAVAILABLE;
	if (isAuthWeakPasswordError(error)) return WEAK_PASSWORD;
	if (!isAuthError(error)) return GENERIC;
	const known = error.code ? BY_CODE[error.code] : undefined;
	if (known) return known;
	if (error.status === 429) return RATE_LIMITED;
	if (error.status === undefined || error.status === 0 || error.status >= 500) return UNAVAILABLE;
	return GENERIC;
}

/** Whether a failure is ours rather than the person's, and so worth a line in the server log. */
export function isUnexpected(failure: AuthFailure): boolean {
	return failure === GENERIC || failure === UNAVAILABLE;
}

/** The form field a failure is about, so the page can show it next to that field. */
export const AUTH_ERROR_FIELDS: Partial<Record<AuthErrorKey, 'email' | 'password'>> = {
	'auth.error.emailTaken': 'email',
	'auth.error.weakPassword': 'password',
	'auth.error.samePassword': 'password',
};
