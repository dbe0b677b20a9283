import type { SupabaseClient } from '@supabase/supabase-js';
import { createSupabaseAdminClient } from '~/lib/supabase/admin.server.ts';
import type { SiteEvent } from '../events.ts';

/** What the site knows about a security event it saw. Never a password, token or message. */
export interface SecurityEvent {
	action: SiteEvent;
	/** Who did it, when signed in. */
	actorId?: string | null | undefined;
	/** Who it was about; defaults to nobody. */
	subjectUserId?: string | null | undefined;
	/** An address to look the account up by (failed sign-in, reset request); never stored. */
	email?: string | null | undefined;
	/** The client's address (truncated by the database). */
	ip?: string | null | undefined;
	/** Short facts for staff, e.g. `{ reason: 'invalid_credentials' }`. */
	details?: Record<string, string | number | boolean | null> | undefined;
}

/**
 * Writes one entry to the audit log with the service role (record_security_event). Never throws:
 * the person's sign-in or export must not fail because the log could not be written; a failure is
 * logged on the server instead.
 * @param admin a service-role client; one is made when not given
 */
export async function recordSecurityEvent(
	event: SecurityEvent,
	admin?: SupabaseClient
): Promise<void> {
	try {
		const client = admin ?? createSupabaseAdminClient();
		const { error } = await client.rpc('record_security_event', {
			p_action: event.action,
			p_actor_id: event.actorId ?? null,
			p_subject_user_id: event.subjectUserId ?? null,
			p_email: event.email ?? null,
			p_ip: event.ip ?? null,
			p_details: event.details ?? {},
		});
		if (error) throw error;
	} catch (error) {
		console.error(`[audit] could not record ${event.action}:`, error);
	}
}

/**
 * Records that a member hit the database's message limit (the action failed with 429), at most
 * once per member per window (record_security_event keeps it to one). Rethrows nothing: call it
 * in a catch and rethrow there.
 */
export async function recordMessageLimit(error: unknown, actorId: string | null): Promise<void> {
	const code = (error as { code?: unknown } | null)?.code;
	if (code !== 'TOO_MANY_REQUESTS') return;
	await recordSecurityEvent({
		action: 'security.rate_limited',
		actorId,
		details: { bucket: 'messages', window_seconds: 600 },
	});
}
