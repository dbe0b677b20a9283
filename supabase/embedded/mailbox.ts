/**
 * The development mailbox: every email the embedded backend sends lands in `_embedded.mailbox` instead of
 * going out by SMTP. The site's development-only mailbox page reads it over HTTP:
 *
 *   GET    /mailbox/v1/messages?to=<address>&limit=<n>   newest first (limit 1–500, default 50)
 *   GET    /mailbox/v1/messages/<id>                      one message
 *   DELETE /mailbox/v1/messages?to=<address>              empties the mailbox (or one recipient's part)
 *   POST   /mailbox/v1/messages                           stores an email the site sends (invitations, notices):
 *          {to, subject, kind, text, html, action_link?}; 201 with the stored message
 *
 * Every call needs the service_role key (as `apikey`, or `Authorization: Bearer`); others get 401/403.
 * A message is `{id, created_at, to, subject, kind, action_link, otp, text, html}`; `kind` is what the email is
 * for (signup, invite, magiclink, recovery, email_change_current, email_change_new, reauthentication).
 */
import type { Caller, Database, Queryable, Service } from './contracts.ts';

/** An email as the backend would send it. */
export interface OutgoingEmail {
	to: string;
	subject: string;
	kind: string;
	text: string;
	html: string;
	actionLink?: string | undefined;
	otp?: string | undefined;
}

interface MailboxRow {
	id: string;
	created_at: string;
	to_address: string;
	subject: string;
	kind: string;
	action_link: string | null;
	otp: string | null;
	text_body: string;
	html_body: string;
}

/** Stores an email in the mailbox (inside the caller's transaction, so it exists only if the action commits). */
export async function storeEmail(q: Queryable, email: OutgoingEmail): Promise<void> {
	await q.query(
		`insert into _embedded.mailbox (to_address, subject, kind, action_link, otp, text_body, html_body)
		 values ($1, $2, $3, $4, $5, $6, $7)`,
		[
			email.to,
			email.subject,
			email.kind,
			email.actionLink ?? null,
			email.otp ?? null,
			email.text,
			email.html,
		]
	);
}

function messageJson(row: MailboxRow): Record<string, unknown> {
	return {
		id: Number(row.id),
		created_at: row.created_at.replace(' ', 'T').replace(/\+00$/, 'Z'),
		to: row.to_address,
		subject: row.subject,
		kind: row.kind,
		action_link: row.action_link,
		otp: row.otp,
		text: row.text_body,
		html: row.html_body,
	};
}

const MAX_FIELD = 100_000;

/** Reads a site email from a POST body; returns an error message when a field is missing or malformed. */
function parseSiteEmail(body: unknown): OutgoingEmail | string {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return 'Expected a JSON object';
	const fields = body as Record<string, unknown>;
	const text = (name: string, max: number): string | undefined => {
		const value = fields[name];
		return typeof value === 'string' && value.trim() !== '' && value.length <= max
			? value
			: undefined;
	};
	const to = text('to', 320);
	if (to === undefined || !/^[^\s@]+@[^\s@]+$/.test(to)) return '"to" must be an email address';
	const subject = text('subject', 500);
	const kind = text('kind', 100);
	const plain = text('text', MAX_FIELD);
	const html = text('html', MAX_FIELD);
	if (subject === undefined || kind === undefined || plain === undefined || html === undefined) {
		return '"subject", "kind", "text" and "html" are required strings';
	}
	const link = fields['action_link'];
	if (link !== undefined && link !== null && (typeof link !== 'string' || link.length > 2000)) {
		return '"action_link" must be a string';
	}
	return {
		to,
		subject,
		kind,
		text: plain,
		html,
		actionLink: typeof link === 'string' ? link : undefined,
	};
}

function error(status: number, message: string): Response {
	return Response.json({ message }, { status });
}

/** The mailbox's HTTP API, mounted at /mailbox/v1 (service_role only). */
export function createMailboxService(db: Database): Service {
	return {
		async handle(request: Request, path: string, caller: Caller): Promise<Response> {
			if (caller.token === undefined)
				return error(401, 'The mailbox requires the service_role key');
			if (caller.role !== 'service_role')
				return error(403, 'The mailbox requires the service_role key');
			const url = new URL(request.url);
			const to = url.searchParams.get('to');
			if (path === '/messages' && request.method === 'GET') {
				const limit = Number(url.searchParams.get('limit') ?? '50');
				if (!Number.isInteger(limit) || limit < 1 || limit > 500)
					return error(400, 'limit must be an integer from 1 to 500');
				const result = await db.query<MailboxRow>(
					`select id::text, created_at::text, to_address, subject, kind, action_link, otp, text_body, html_body
					 from _embedded.mailbox where $1::text is null or lower(to_address) = lower($1)
					 order by id desc limit $2`,
					[to, limit]
				);
				return Response.json(result.rows.map(messageJson));
			}
			if (path === '/messages' && request.method === 'POST') {
				let body: unknown;
				try {
					body = await request.json();
				} catch {
					return error(400, 'The body is not valid JSON');
				}
				const email = parseSiteEmail(body);
				if (typeof email === 'string') return error(400, email);
				const stored = await db.query<MailboxRow>(
					`insert into _embedded.mailbox (to_address, subject, kind, action_link, otp, text_body, html_body)
					 values ($1, $2, $3, $4, null, $5, $6)
					 returning id::text, created_at::text, to_address, subject, kind, action_link, otp, text_body, html_body`,
					[email.to, email.subject, email.kind, email.actionLink ?? null, email.text, email.html]
				);
				const row = stored.rows[0];
				return row === undefined
					? error(500, 'The email was not stored')
					: Response.json(messageJson(row), { status: 201 });
			}
			if (path === '/messages' && request.method === 'DELETE') {
				await db.query(
					'delete from _embedded.mailbox where $1::text is null or lower(to_address) = lower($1)',
					[to]
				);
				return new Response(null, { status: 204 });
			}
			const one = /^\/messages\/(\d{1,18})$/.exec(path);
			if (one !== null && request.method === 'GET') {
				const result = await db.query<MailboxRow>(
					`select id::text, created_at::text, to_address, subject, kind, action_link, otp, text_body, html_body
					 from _embedded.mailbox where id = $1`,
					[one[1]]
				);
				const row = result.rows[0];
				return row === undefined ? error(404, 'No such message') : Response.json(messageJson(row));
			}
			return error(404, `No mailbox route for ${request.method} ${path}`);
		},
	};
}
