import { requireUser } from '~/features/auth/server/require.server.ts';
import { guarded } from '~/features/mentoring/server/pages.server.ts';
import { LoadError } from '~/features/organisations/server/queries.server.ts';
import type { PageContext, Unavailable } from '~/features/organisations/server/pages.server.ts';
import { isStaff } from '~/features/verification/server/pages.server.ts';
import { typedDb } from '~/lib/supabase/db.server.ts';
import { isAuditEvent, type AuditEvent } from '../events.ts';

/** Entries per page of the log. */
export const AUDIT_PAGE_SIZE = 50;

/** One entry as the staff page shows it. */
export interface AuditEntry {
	id: number;
	createdAt: string;
	action: AuditEvent;
	actor: { id: string; name: string | null } | null;
	subject: { id: string; name: string | null } | null;
	organisation: { id: string; name: string | null } | null;
	details: Record<string, unknown>;
	/** The network, e.g. `203.0.113.0/24`, while it is kept. */
	network: string | null;
}

/** The filters as the GET form sent them: each null when not given. */
export interface AuditFilters {
	action: AuditEvent | null;
	member: string | null;
	/** Entries before this id (the next page). */
	before: number | null;
	/** The member field held something that is not an id: nothing is filtered by it. */
	memberInvalid: boolean;
	/** What was typed in the member field, to show again. */
	memberInput: string;
}

/** The staff audit page. */
export interface AuditPageData {
	isStaff: boolean;
	filters: AuditFilters;
	entries: AuditEntry[];
	/** The id to continue from for older entries; null on the last page. */
	nextBefore: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the filters from the query string; anything malformed is ignored (and said so for the member). */
export function readAuditFilters(params: URLSearchParams): AuditFilters {
	const event = params.get('event');
	const memberInput = (params.get('member') ?? '').trim().slice(0, 100);
	const memberValid = UUID.test(memberInput);
	const beforeRaw = params.get('before') ?? '';
	const before = /^\d{1,18}$/.test(beforeRaw) ? Number(beforeRaw) : null;
	return {
		action: isAuditEvent(event) ? event : null,
		member: memberValid ? memberInput.toLowerCase() : null,
		before: before !== null && Number.isSafeInteger(before) && before > 0 ? before : null,
		memberInvalid: memberInput !== '' && !memberValid,
		memberInput,
	};
}

/**
 * Loads a page of the audit log for staff, newest first (keyset paging by id). Anyone else gets a
 * page that says it is for staff (status 403); signed out, the sign-in page.
 */
export async function auditPageData(
	context: PageContext
): Promise<AuditPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const filters = readAuditFilters(context.url.searchParams);
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		if (!(await isStaff(db))) {
			context.response.status = 403;
			return { isStaff: false, filters, entries: [], nextBefore: null };
		}
		if (filters.memberInvalid) context.response.status = 400;
		const { data, error } = await db.rpc('audit_events', {
			...(filters.action ? { p_action: filters.action } : {}),
			...(filters.member ? { p_member: filters.member } : {}),
			...(filters.before ? { p_before: filters.before } : {}),
			p_limit: AUDIT_PAGE_SIZE + 1,
		});
		if (error) throw new LoadError('could not load the audit log', { cause: error });
		const rows = data ?? [];
		const entries = rows.slice(0, AUDIT_PAGE_SIZE).flatMap((row): AuditEntry[] => {
			if (!isAuditEvent(row.action)) return [];
			return [
				{
					id: row.id,
					createdAt: row.created_at,
					action: row.action,
					actor: row.actor_id ? { id: row.actor_id, name: row.actor_name } : null,
					subject: row.subject_user_id ? { id: row.subject_user_id, name: row.subject_name } : null,
					organisation: row.subject_organisation_id
						? { id: row.subject_organisation_id, name: row.subject_organisation_name }
						: null,
					details:
						row.details && typeof row.details === 'object' && !Array.isArray(row.details)
							? (row.details as Record<string, unknown>)
							: {},
					network: row.ip,
				},
			];
		});
		const last = rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1] : undefined;
		return { isStaff: true, filters, entries, nextBefore: last ? last.id : null };
	});
}
