import { ActionError, type ActionErrorCode } from 'astro:actions';
import type { MessageKey } from '~/i18n/translate.ts';
import { SupabaseEnvError } from '~/lib/supabase/env.server.ts';

/** What a failed data request tells the person, and the status the form page answers with. */
export interface DataFailure {
	key: MessageKey;
	code: ActionErrorCode;
}

/** An error as PostgREST answers through supabase-js (`{ code, message, details, hint }`). */
interface PostgrestLike {
	code?: string;
	message?: string;
}

const UNAVAILABLE: DataFailure = { key: 'profiles.error.unavailable', code: 'SERVICE_UNAVAILABLE' };
const SESSION: DataFailure = { key: 'profiles.error.sessionExpired', code: 'UNAUTHORIZED' };

/** A storage-js error (`StorageApiError` carries the HTTP status; `StorageUnknownError` none). */
function isStorageError(
	error: unknown
): error is Error & { status?: number | string; statusCode?: number | string } {
	return typeof error === 'object' && error !== null && '__isStorageError' in error;
}

/**
 * Turns a failed REST or storage call into a message and a status: an unreachable backend means
 * "try again later", an expired session "sign in again", and anything else "nothing was changed"
 * with the generic key given. Never a stack trace or a 500.
 * @param generic the message for a refusal the form's own checks should have caught
 */
export function describeDataError(
	error: unknown,
	generic: MessageKey = 'profiles.error.saveFailed'
): DataFailure {
	if (error instanceof SupabaseEnvError) return UNAVAILABLE;
	if (isStorageError(error)) {
		const status = Number(error.status ?? error.statusCode ?? 0);
		if (!status || status >= 500) return UNAVAILABLE;
		if (status === 401 || status === 403) return SESSION;
		return { key: generic, code: 'BAD_REQUEST' };
	}
	if (error instanceof Error && !('code' in error)) return UNAVAILABLE;
	const { code = '', message = '' } = (error ?? {}) as PostgrestLike;
	// supabase-js reports a failed fetch as an error without a code, e.g. "TypeError: fetch failed".
	if (code === '' && /fetch|network|ECONNREFUSED/i.test(message)) return UNAVAILABLE;
	if (code === 'PGRST301' || code === 'PGRST302' || code === '42501') return SESSION;
	if (code.startsWith('08') || code === '57P01' || code === '53300') return UNAVAILABLE;
	return { key: generic, code: 'BAD_REQUEST' };
}

/** Whether a failure is ours rather than the person's, and so worth a line in the server log. */
export function isUnexpectedFailure(failure: DataFailure): boolean {
	return failure.code === 'SERVICE_UNAVAILABLE' || failure.code === 'BAD_REQUEST';
}

/** An ActionError for a failed data call, logged when it is not the person's doing. */
export function dataActionError(
	error: unknown,
	context: string,
	generic?: MessageKey
): ActionError {
	const failure = describeDataError(error, generic);
	if (isUnexpectedFailure(failure)) console.error(`[${context}]`, error);
	return new ActionError({ code: failure.code, message: failure.key });
}
