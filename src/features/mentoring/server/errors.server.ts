import { ActionError, type ActionErrorCode } from 'astro:actions';
import { isMessageKey, type MessageKey } from '~/i18n/translate.ts';
import { SupabaseEnvError } from '~/lib/supabase/env.server.ts';

/** An error as supabase-js returns it from PostgREST (`{ code, message, details, hint }`). */
interface ApiError {
	code?: string | undefined;
	message?: string | undefined;
	status?: number | undefined;
}

/** What to tell the person when a mentoring call fails, and the status to answer with. */
export interface MentoringFailure {
	key: MessageKey;
	code: ActionErrorCode;
}

const STATUS_OF: Record<string, ActionErrorCode> = {
	rate_limited: 'TOO_MANY_REQUESTS',
	not_allowed: 'FORBIDDEN',
	not_found: 'NOT_FOUND',
	duplicate_request: 'CONFLICT',
	invalid_transition: 'CONFLICT',
	closed: 'CONFLICT',
	blocked: 'FORBIDDEN',
};

/**
 * Turns a failed mentoring or moderation call into a message key and a status. The database's
 * functions raise `P0001` with a message code such as `mentoring.self_request`: it becomes
 * `mentoring.error.self_request`. Refusals by row-level security are "not allowed", unknown ids
 * "not found", an unreachable backend "try again later", anything else the generic message.
 * Never a 500.
 * @param generic the message for anything unexpected
 */
export function describeMentoringError(error: unknown, generic: MessageKey): MentoringFailure {
	if (error instanceof SupabaseEnvError) {
		return { key: 'mentoring.error.unavailable', code: 'SERVICE_UNAVAILABLE' };
	}
	const e = (typeof error === 'object' && error !== null ? error : {}) as ApiError;
	const text = e.message ?? '';
	const coded = /^(mentoring|moderation)\.([a-z_]+)$/.exec(text.trim());
	if (coded) {
		const key = `${coded[1]}.error.${coded[2]}`;
		if (isMessageKey(key)) return { key, code: STATUS_OF[coded[2] ?? ''] ?? 'BAD_REQUEST' };
	}
	if (e.code === '42501' || e.status === 401 || e.status === 403) {
		return { key: 'mentoring.error.not_allowed', code: 'FORBIDDEN' };
	}
	if (e.code === 'P0002' || e.code === 'PGRST116') {
		return { key: 'mentoring.error.not_found', code: 'NOT_FOUND' };
	}
	if (e.code === '23505') return { key: 'mentoring.error.duplicate_request', code: 'CONFLICT' };
	if (e.code === '22P02' || e.code === '22023' || e.code === '23514') {
		return { key: 'mentoring.error.invalid', code: 'BAD_REQUEST' };
	}
	// supabase-js reports an unreachable backend as a TypeError ("fetch failed"); a function the
	// database does not have yet (PGRST202) means the site runs ahead of its migrations.
	if (
		error instanceof TypeError ||
		/fetch failed|ECONNREFUSED/i.test(text) ||
		e.code === 'PGRST202' ||
		e.code?.startsWith('08')
	) {
		return { key: 'mentoring.error.unavailable', code: 'SERVICE_UNAVAILABLE' };
	}
	return { key: generic, code: 'BAD_REQUEST' };
}

/** An ActionError for a failed call, logged when it is not the person's doing. */
export function mentoringActionError(error: unknown, generic: MessageKey): ActionError {
	const failure = describeMentoringError(error, generic);
	if (failure.key === generic || failure.code === 'SERVICE_UNAVAILABLE') {
		console.error('[mentoring]', error);
	}
	return new ActionError({ code: failure.code, message: failure.key });
}
