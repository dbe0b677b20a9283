import { ActionError, type ActionErrorCode } from 'astro:actions';
import { isMessageKey, type MessageKey } from '~/i18n/translate.ts';
import { SupabaseEnvError } from '~/lib/supabase/env.server.ts';

/** An error as supabase-js returns it from PostgREST (`{ code, message, details, hint }`). */
interface ApiError {
	code?: string | undefined;
	message?: string | undefined;
	/** The database error's detail: for field errors, the field at fault. */
	details?: string | null | undefined;
	status?: number | undefined;
}

/** What to tell the person when a joint-venture call fails, and the status to answer with. */
export interface VentureFailure {
	key: MessageKey;
	code: ActionErrorCode;
}

/** The status of each refusal the database names (`ventures.<code>`). */
const STATUS_OF: Record<string, ActionErrorCode> = {
	rate_limited: 'TOO_MANY_REQUESTS',
	not_allowed: 'FORBIDDEN',
	profile_required: 'FORBIDDEN',
	not_verified: 'FORBIDDEN',
	not_owner: 'FORBIDDEN',
	not_mutual: 'FORBIDDEN',
	blocked: 'FORBIDDEN',
	not_found: 'NOT_FOUND',
	invalid_transition: 'CONFLICT',
	closed: 'CONFLICT',
	duplicate_interest: 'CONFLICT',
	own_venture: 'BAD_REQUEST',
	too_long: 'BAD_REQUEST',
	requirements: 'FORBIDDEN',
	not_facilitator_org: 'BAD_REQUEST',
	identifying_text: 'BAD_REQUEST',
	invalid: 'BAD_REQUEST',
};

/** The teaser fields whose text the database refuses when it names who posted it. */
const IDENTIFYING_FIELDS = [
	'title',
	'summary',
	'offers',
	'needs',
	'network',
	'required_skills',
	'message',
] as const;

/** The field a message key is about, so a form shows it next to that field; undefined for the form. */
export function ventureErrorField(key: MessageKey): string | undefined {
	const identifying = /^ventures\.error\.identifying\.([a-z_]+)$/.exec(key);
	if (identifying) return identifying[1];
	switch (key) {
		case 'ventures.error.dateBeforeInterest':
			return 'happened_on';
		case 'ventures.error.jlptForReturnee':
			return 'min_jlpt';
		default:
			return undefined;
	}
}

/**
 * The message for a refusal the database explains with a detail (the field at fault, or which
 * requirement was not met): more precise than the code alone; null when there is none.
 */
function detailedKey(code: string, detail: string): string | null {
	if (code === 'identifying_text' && (IDENTIFYING_FIELDS as readonly string[]).includes(detail)) {
		return `ventures.error.identifying.${detail}`;
	}
	if (code === 'requirements' && ['country', 'sector', 'japanese'].includes(detail)) {
		return `ventures.error.requirements.${detail}`;
	}
	if (code === 'invalid' && detail === 'happened_on') return 'ventures.error.dateBeforeInterest';
	if (code === 'invalid' && detail === 'min_jlpt') return 'ventures.error.jlptForReturnee';
	return null;
}

/**
 * Turns a failed joint-venture call into a message key and a status. The database's functions
 * raise `P0001` with a message such as `ventures.not_verified`: it becomes
 * `ventures.error.not_verified`; with a detail it says more (which field names the company, which
 * requirement is not met). Refusals by row-level security are "not allowed", unknown ids
 * "not found", an unreachable backend "try again later", anything else the generic message.
 * Never a 500.
 * @param generic the message for anything unexpected
 */
export function describeVentureError(error: unknown, generic: MessageKey): VentureFailure {
	if (error instanceof SupabaseEnvError) {
		return { key: 'ventures.error.unavailable', code: 'SERVICE_UNAVAILABLE' };
	}
	const e = (typeof error === 'object' && error !== null ? error : {}) as ApiError;
	const text = (e.message ?? '').trim();
	const coded = /^ventures\.([a-z_]+)$/.exec(text);
	if (coded) {
		const code = coded[1] ?? '';
		const status = STATUS_OF[code] ?? 'BAD_REQUEST';
		const detailed = detailedKey(code, (e.details ?? '').trim());
		if (detailed && isMessageKey(detailed)) return { key: detailed, code: status };
		const key = `ventures.error.${code}`;
		if (isMessageKey(key)) return { key, code: status };
	}
	if (e.code === '42501' || e.status === 401 || e.status === 403) {
		return { key: 'ventures.error.not_owner', code: 'FORBIDDEN' };
	}
	if (e.code === 'P0002' || e.code === 'PGRST116') {
		return { key: 'ventures.error.not_found', code: 'NOT_FOUND' };
	}
	if (e.code === '23505') return { key: 'ventures.error.duplicate_interest', code: 'CONFLICT' };
	if (e.code === '22001') return { key: 'ventures.error.too_long', code: 'BAD_REQUEST' };
	if (e.code === '22P02' || e.code === '22023' || e.code === '23514') {
		return { key: 'ventures.error.invalid', code: 'BAD_REQUEST' };
	}
	// supabase-js reports an unreachable backend as a TypeError ("fetch failed"); a function the
	// database does not have yet (PGRST202) means the site runs ahead of its migrations.
	if (
		error instanceof TypeError ||
		/fetch failed|ECONNREFUSED/i.test(text) ||
		e.code === 'PGRST202' ||
		e.code?.startsWith('08')
	) {
		return { key: 'ventures.error.unavailable', code: 'SERVICE_UNAVAILABLE' };
	}
	return { key: generic, code: 'BAD_REQUEST' };
}

/** An ActionError for a failed call, logged when it is not the person's doing. */
export function ventureActionError(error: unknown, generic: MessageKey): ActionError {
	const failure = describeVentureError(error, generic);
	if (failure.key === generic || failure.code === 'SERVICE_UNAVAILABLE') {
		console.error('[ventures]', error);
	}
	return new ActionError({ code: failure.code, message: failure.key });
}
