import type { Tables } from '~/lib/supabase/database.types.ts';
import type { Db } from '~/lib/supabase/db.server.ts';
import { LoadError } from '~/features/organisations/server/queries.server.ts';

/** A verification request as the site reads it. */
export type VerificationRequest = Pick<
	Tables<'verification_requests'>,
	| 'id'
	| 'status'
	| 'message'
	| 'evidence_paths'
	| 'decision_reason'
	| 'decided_at'
	| 'created_at'
	| 'subject_user_id'
	| 'subject_organisation_id'
	| 'requested_by'
>;

export const REQUEST_COLUMNS =
	'id, status, message, evidence_paths, decision_reason, decided_at, created_at, subject_user_id, subject_organisation_id, requested_by';

/** Whose verification: a person (themselves) or an organisation (asked by an owner). */
export type VerificationSubject = { userId: string } | { organisationId: string };

/**
 * The newest verification request about a person or an organisation, as the caller may see it
 * (row-level security shows it to the requester, the person, the organisation's owners and staff).
 */
export async function loadLatestRequest(
	db: Db,
	subject: VerificationSubject
): Promise<VerificationRequest | null> {
	const query = db.from('verification_requests').select(REQUEST_COLUMNS);
	const filtered =
		'userId' in subject
			? query.eq('subject_user_id', subject.userId)
			: query.eq('subject_organisation_id', subject.organisationId);
	const { data, error } = await filtered
		.order('created_at', { ascending: false })
		.limit(1)
		.maybeSingle();
	if (error) throw new LoadError('could not load the verification request', { cause: error });
	return data;
}
