import { createTransport, type Transporter } from 'nodemailer';
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
	 * (RFC 8058). Sent as headers over SMTP; the embedded development mailbox does not keep them,
	 * so every email also carries its links in the body.
	 */
	headers?: Record<string, string>;
}

/** The environment variables that choose how the site sends its own emails. */
export const MAIL_ENV = { smtpUrl: 'SMTP_URL', from: 'MAIL_FROM' } as const;

/** The sender when MAIL_FROM is not set. */
const DEFAULT_FROM = 'Okaeri <no-reply@localhost>';

let smtp: { url: string; transport: Transporter<unknown> } | undefined;

/** One pooled SMTP connection per process, rebuilt only if SMTP_URL changes. */
function smtpTransport(url: string): Transporter<unknown> {
	if (smtp?.url !== url) {
		smtp?.transport.close();
		smtp = {
			url,
			// `url` settings win over these; the rest only bound how long a dead relay can hold a request.
			transport: createTransport({
				url,
				pool: true,
				connectionTimeout: 10_000,
				greetingTimeout: 10_000,
				socketTimeout: 20_000,
			}),
		};
	}
	return smtp.transport;
}

/**
 * Sends an email the site writes itself (the auth server sends the sign-up and password emails).
 * With `SMTP_URL` set (`smtps://user:password@smtp.example.org:465`, or `smtp://…:587`, which
 * upgrades with STARTTLS when the server offers it) it goes out through that relay, from
 * `MAIL_FROM`, with its headers (one-click unsubscribe). Without it, it goes to the backend's
 * mailbox (`POST /mailbox/v1/messages`, service-role key), which the embedded backend keeps for
 * the development mailbox page. Returns whether it was accepted; never throws, so a failed email
 * never loses what the person did. The page then offers the link to pass on by hand.
 */
export async function sendEmail(
	email: SiteEmail,
	env: Record<string, string | undefined> = process.env
): Promise<boolean> {
	const smtpUrl = env[MAIL_ENV.smtpUrl]?.trim();
	try {
		if (smtpUrl) {
			await smtpTransport(smtpUrl).sendMail({
				from: env[MAIL_ENV.from]?.trim() || DEFAULT_FROM,
				to: email.to,
				subject: email.subject,
				text: email.text,
				html: email.html,
				headers: { ...email.headers, 'X-Okaeri-Kind': email.kind },
			});
			return true;
		}
		return await sendToMailbox(email);
	} catch (error) {
		// The relay's or backend's answer, never the message: it may hold a personal link.
		console.error(`[email] could not send a ${email.kind} email:`, String(error));
		return false;
	}
}

async function sendToMailbox(email: SiteEmail): Promise<boolean> {
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
		console.error(
			`[email] the backend mailbox refused the email (${response.status}); ` +
				`on hosted Supabase set ${MAIL_ENV.smtpUrl}`
		);
		return false;
	}
	return true;
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
