import type { SupabaseClient } from '@supabase/supabase-js';
import { typedDb } from '~/lib/supabase/db.server.ts';
import { emailMember } from '~/lib/notify-member.server.ts';
import { createSupabaseAdminClient } from '~/lib/supabase/admin.server.ts';
import { renderMentoringEmail, UNSUBSCRIBE_KIND_OF, type MentoringEmail } from './emails.server.ts';

/**
 * Mentoring notifications: who gets which email, honouring their settings. The recipient's
 * address, language and settings are theirs, not the sender's, so these use the service role —
 * only here and in the jobs. Nothing here throws: a failed email never undoes what a person did.
 */

/**
 * Sends one email to a member if their settings allow it (`notification_recipient()` answers
 * only then, with their address, language and unsubscribe token). Returns whether it went out.
 * @param origin the site's address, for the links
 */
export async function notifyMember(
	admin: SupabaseClient,
	userId: string,
	email: MentoringEmail,
	origin: string
): Promise<boolean> {
	return emailMember(
		admin,
		userId,
		UNSUBSCRIBE_KIND_OF[email.kind],
		(recipient) => renderMentoringEmail(email, recipient, origin),
		'mentoring'
	);
}

/** A member's display name as the emails use it (empty when the account is gone). */
export async function displayName(admin: SupabaseClient, userId: string | null): Promise<string> {
	if (!userId) return '';
	const { data } = await typedDb(admin)
		.from('profiles')
		.select('display_name')
		.eq('id', userId)
		.maybeSingle();
	return data?.display_name ?? '';
}

async function loadForEmail(admin: SupabaseClient, mentorshipId: string) {
	const { data, error } = await typedDb(admin)
		.from('mentorships')
		.select('mentee_id, mentor_id, topic, goal, expires_at')
		.eq('id', mentorshipId)
		.maybeSingle();
	if (error) console.error('[mentoring] could not load a mentorship for an email:', error);
	return data;
}

/** Tells the mentor about a new request. Returns whether an email went out. */
export async function notifyNewRequest(origin: string, mentorshipId: string): Promise<boolean> {
	try {
		const admin = createSupabaseAdminClient();
		const m = await loadForEmail(admin, mentorshipId);
		if (!m?.mentor_id) return false;
		return await notifyMember(
			admin,
			m.mentor_id,
			{
				kind: 'request',
				menteeName: await displayName(admin, m.mentee_id),
				topic: m.topic,
				goal: m.goal,
				mentorshipId,
				expiresAt: m.expires_at,
			},
			origin
		);
	} catch (error) {
		console.error('[mentoring] could not send the request email:', error);
		return false;
	}
}

/** Tells the mentee how the mentor answered. Returns whether an email went out. */
export async function notifyAnswer(
	origin: string,
	mentorshipId: string,
	action: 'accept' | 'decline' | 'ask_info'
): Promise<boolean> {
	try {
		const admin = createSupabaseAdminClient();
		const m = await loadForEmail(admin, mentorshipId);
		if (!m?.mentee_id) return false;
		return await notifyMember(
			admin,
			m.mentee_id,
			{ kind: 'answer', mentorName: await displayName(admin, m.mentor_id), action, mentorshipId },
			origin
		);
	} catch (error) {
		console.error('[mentoring] could not send the answer email:', error);
		return false;
	}
}
