import type { ActionErrorCode } from 'astro:actions';
import type { MessageKey } from '~/i18n/translate.ts';
import { SupabaseEnvError } from '~/lib/supabase/env.server.ts';

/** What to tell the person when a database call fails, and the status to answer with. */
export interface DbFailure {
	key: MessageKey;
	code: ActionErrorCode;
}

/** A PostgREST or Storage error as supabase-js returns it. */
interface ApiError {
	code?: string | undefined;
	message?: string | undefined;
	status?: number | undefined;
	statusCode?: string | number | undefined;
}

/**
 * Turns a failed database or storage call into a message key and a status. Refusals by row-level
 * security or a protecting trigger (42501, 403) become "not allowed"; a missing row "not found"; an
 * unreachable backend "try again later"; anything else the feature's generic message. Never a 500.
 * @param generic the message for anything unexpected
 */
export function describeDbError(error: unknown, generic: MessageKey): DbFailure {
	if (error instanceof SupabaseEnvError) {
		return { key: 'organisations.error.unavailable', code: 'SERVICE_UNAVAILABLE' };
	}
	const e = (typeof error === 'object' && error !== null ? error : {}) as ApiError;
	const status = Number(e.status ?? e.statusCode ?? 0);
	if (e.code === '42501' || status === 401 || status === 403) {
		return { key: 'organisations.error.notAllowed', code: 'FORBIDDEN' };
	}
	if (e.code === 'P0002' || e.code === 'PGRST116' || e.code === '22P02' || status === 404) {
		return { key: 'organisations.error.notFound', code: 'NOT_FOUND' };
	}
	// supabase-js reports an unreachable backend as a TypeError ("fetch failed"), or as an error whose
	// message says so.
	if (error instanceof TypeError || /fetch failed|ECONNREFUSED/i.test(e.message ?? '')) {
		return { key: 'organisations.error.unavailable', code: 'SERVICE_UNAVAILABLE' };
	}
	return { key: generic, code: 'BAD_REQUEST' };
}
