import type { SupabaseClient } from '@supabase/supabase-js';
import { typedDb } from '~/lib/supabase/db.server.ts';
import { sendEmail, type SiteEmail } from '~/lib/email.server.ts';

/** Where a notification goes, as `notification_recipient()` answers. */
export interface NotificationRecipient {
	email: string;
	/** `profiles.locale`. */
	locale: string;
	unsubscribeToken: string;
}

/**
 * Sends one email to a member if their settings for `kind` allow it (`notification_recipient()`
 * answers only then, with their address, language and unsubscribe token). Returns whether it went
 * out. Never throws: a failed email never undoes what a person did; failures are logged.
 * @param admin the service-role client: the recipient's address and settings are theirs
 * @param kind the unsubscribe kind the email belongs to, e.g. `ventures`
 * @param render builds the email in the recipient's language
 * @param feature prefixes the log lines, e.g. `mentoring`
 */
export async function emailMember(
	admin: SupabaseClient,
	userId: string,
	kind: string,
	render: (recipient: NotificationRecipient) => SiteEmail,
	feature: string
): Promise<boolean> {
	try {
		const { data, error } = await typedDb(admin).rpc('notification_recipient', {
			p_user_id: userId,
			p_kind: kind,
		});
		if (error) {
			console.error(`[${feature}] could not look up a recipient:`, error);
			return false;
		}
		const recipient = data?.[0];
		if (!recipient) return false;
		return await sendEmail(
			render({
				email: recipient.email,
				locale: recipient.locale,
				unsubscribeToken: recipient.unsubscribe_token,
			})
		);
	} catch (error) {
		console.error(`[${feature}] could not send a notification:`, error);
		return false;
	}
}
