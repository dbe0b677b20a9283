import { getPublicEnv, getServiceRoleKey } from '~/lib/supabase/env.server.ts';

/** An email the site sends itself (the auth server sends the sign-up and password emails). */
export interface SiteEmail {
	to: string;
	subject: string;
	/** What the email is for, e.g. `organisation_invitation`; the development mailbox shows it. */
	kind: string;
	text: string;
	html: string;
	/** The one link the email is about, for tests and the development mailbox. */
	actionLink?: string;
	/**
	 * Extra headers for the outgoing message, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post`
	 * (RFC 8058). Passed on as `headers`; the embedded development mailbox does not keep them, so
	 * every email also carries its links in the body.
	 */
	headers?: Record<string, string>;
}

/**
 * Sends an email through the backend's mailbox (`POST /mailbox/v1/messages`, service-role key):
 * the embedded backend keeps it for the development mailbox page. Returns whether it was accepted;
 * never throws, so a failed email never loses what the person did. The page then offers the link
 * to pass on by hand.
 */
export async function sendEmail(email: SiteEmail): Promise<boolean> {
	try {
		const { url } = getPublicEnv();
		const key = getServiceRoleKey();
		const response = await fetch(`${url}/mailbox/v1/messages`, {
			method: 'POST',
			headers: {
				apikey: key,
				authorization: `Bearer ${key}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({
				to: email.to,
				subject: email.subject,
				kind: email.kind,
				text: email.text,
				html: email.html,
				action_link: email.actionLink ?? null,
				...(email.headers ? { headers: email.headers } : {}),
			}),
			signal: AbortSignal.timeout(5000),
		});
		if (!response.ok) {
			console.error(`[email] the mailbox refused the email (${response.status})`);
			return false;
		}
		return true;
	} catch (error) {
		console.error('[email] could not send:', error);
		return false;
	}
}

/** Escapes text for an HTML email. */
export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}
