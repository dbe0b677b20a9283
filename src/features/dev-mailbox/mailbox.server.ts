import { z } from 'astro/zod';
import { getPublicEnv, getServiceRoleKey } from '~/lib/supabase/env.server.ts';

/** An email the embedded backend "sent", as GET /mailbox/v1/messages returns it. */
const MailboxMessageSchema = z.object({
	id: z.union([z.number(), z.string()]).transform(String),
	created_at: z.string(),
	to: z.string(),
	subject: z.string(),
	text: z.string().default(''),
	/** What the email is for: signup, recovery, magiclink, invite, email_change_*, … */
	kind: z.string().default(''),
	action_link: z.string().nullish(),
	otp: z.string().nullish(),
});

/** An email in the development mailbox. */
export type MailboxMessage = z.output<typeof MailboxMessageSchema>;

const MailboxResponseSchema = z.array(MailboxMessageSchema);

/**
 * Reads the embedded backend's latest 100 emails with the service-role key, newest first.
 * Development only: the page that calls it is not part of production builds.
 * @throws {Error} naming the status or the shape that was not understood
 */
export async function fetchMailbox(fetchImpl: typeof fetch = fetch): Promise<MailboxMessage[]> {
	const { url } = getPublicEnv();
	const key = getServiceRoleKey();
	const response = await fetchImpl(`${url}/mailbox/v1/messages?limit=100`, {
		headers: { apikey: key, authorization: `Bearer ${key}` },
	});
	if (!response.ok) {
		throw new Error(`GET ${url}/mailbox/v1/messages answered ${response.status}`);
	}
	const parsed = MailboxResponseSchema.safeParse(await response.json());
	if (!parsed.success) {
		throw new Error(`unexpected mailbox response: ${z.prettifyError(parsed.error)}`);
	}
	return parsed.data;
}

/** The links in an email: its action link first, then any other URL in the text. */
export function linksIn(message: MailboxMessage): string[] {
	const found = message.text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
	return [...new Set([message.action_link, ...found].filter((link): link is string => !!link))];
}
