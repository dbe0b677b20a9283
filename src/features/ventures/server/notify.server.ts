import type { SupabaseClient } from '@supabase/supabase-js';
import { emailMember } from '~/lib/notify-member.server.ts';
import { createSupabaseAdminClient } from '~/lib/supabase/admin.server.ts';
import {
	renderVentureEmail,
	VENTURE_UNSUBSCRIBE_KIND,
	type VentureEmail,
} from './emails.server.ts';

/**
 * Joint-venture notifications: who gets which email, honouring their settings. The recipient's
 * address, language and settings are theirs, not the sender's, and the counterpart of an interest
 * is hidden from the API roles, so these use the service role — only here and in the jobs.
 * Nothing here throws: a failed email never undoes what a person did.
 */

/**
 * Sends one email to a member if their settings allow it (`notification_recipient()` answers
 * only then). Returns whether it went out.
 */
export async function notifyMember(
	admin: SupabaseClient,
	userId: string,
	email: VentureEmail,
	origin: string
): Promise<boolean> {
	return emailMember(
		admin,
		userId,
		VENTURE_UNSUBSCRIBE_KIND,
		(recipient) => renderVentureEmail(email, recipient, origin),
		'ventures'
	);
}

/** An interest as the emails need it: who started it, and the two people to tell. */
interface InterestForEmail {
	initiated_by: string;
	counterpart_id: string | null;
	venture: { side: string; owner_id: string | null; title: string } | null;
}

async function loadForEmail(
	admin: SupabaseClient,
	interestId: string
): Promise<InterestForEmail | null> {
	const { data, error } = await admin
		.from('venture_interests')
		.select('initiated_by, counterpart_id, venture:ventures(side, owner_id, title)')
		.eq('id', interestId)
		.maybeSingle();
	if (error) console.error('[ventures] could not load a pipeline for an email:', error);
	return (data as InterestForEmail | null) ?? null;
}

/** Whether the opportunity's own side wrote first: its owners invited a candidate. */
function ownersFirst(interest: InterestForEmail): boolean {
	return interest.venture !== null && interest.initiated_by === interest.venture.side;
}

/**
 * Tells the side that answers: the member who posted the opportunity about an interest, or the
 * candidate about an invitation. Returns whether an email went out.
 */
export async function notifyInterest(origin: string, interestId: string): Promise<boolean> {
	try {
		const admin = createSupabaseAdminClient();
		const interest = await loadForEmail(admin, interestId);
		if (!interest?.venture) return false;
		const invited = ownersFirst(interest);
		const to = invited ? interest.counterpart_id : interest.venture.owner_id;
		if (!to) return false;
		return await notifyMember(
			admin,
			to,
			{ kind: 'interest', title: interest.venture.title, invited, interestId },
			origin
		);
	} catch (error) {
		console.error('[ventures] could not send the interest email:', error);
		return false;
	}
}

/** Tells the side that started how the other answered. Returns whether an email went out. */
export async function notifyAnswer(
	origin: string,
	interestId: string,
	accepted: boolean
): Promise<boolean> {
	try {
		const admin = createSupabaseAdminClient();
		const interest = await loadForEmail(admin, interestId);
		if (!interest?.venture) return false;
		const to = ownersFirst(interest) ? interest.venture.owner_id : interest.counterpart_id;
		if (!to) return false;
		return await notifyMember(
			admin,
			to,
			{ kind: 'answer', title: interest.venture.title, accepted, interestId },
			origin
		);
	} catch (error) {
		console.error('[ventures] could not send the answer email:', error);
		return false;
	}
}
