/**
 * The mailbox as plain web pages, like the Inbucket/Mailpit page of Supabase's local stack, so the emails the
 * backend keeps (see mailbox.ts) can be read under `npm start` too:
 *
 *   GET /mailbox/               the emails, newest first (the latest 200; `?to=<address>` shows one recipient's)
 *   GET /mailbox/<id>           one email: who it went to, when, its code, its links (action link first), its text
 *
 * No JavaScript and no apikey: a browser opens these pages directly. That is why they are served only to this
 * machine: the connection must come from a loopback address, the Host header must name a loopback host (so a
 * web page cannot reach them through DNS rebinding), and requests relayed by a proxy (`Forwarded`,
 * `X-Forwarded-For`) are refused; all others get 403. The pages carry no CORS headers, so scripts of other
 * origins cannot read them. The JSON API at /mailbox/v1 is unchanged (service_role key, any address).
 */
import type { Database } from './contracts.ts';

/** Where a request came from (the TCP peer). */
interface Peer {
	address: string;
}

interface ListRow {
	id: string;
	created_at: string;
	to_address: string;
	subject: string;
	kind: string;
}

interface MessageRow extends ListRow {
	action_link: string | null;
	otp: string | null;
	text_body: string;
}

const LIST_LIMIT = 200;

/** Whether `pathname` belongs to the mailbox pages (`/mailbox`, `/mailbox/…`) rather than the JSON API (`/mailbox/v1…`). */
export function isMailboxPagePath(pathname: string): boolean {
	if (pathname !== '/mailbox' && !pathname.startsWith('/mailbox/')) return false;
	return pathname !== '/mailbox/v1' && !pathname.startsWith('/mailbox/v1/');
}

/** Whether `address` (a socket's remote address) is a loopback address: 127.0.0.0/8 or ::1, IPv4-mapped or not. */
export function isLoopbackAddress(address: string): boolean {
	const ip = address.toLowerCase().replace(/^::ffff:/, '');
	return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

/** Whether a Host header names this machine: localhost (or *.localhost), 127.0.0.0/8 or [::1], with any port. */
export function isLoopbackHost(host: string | null): boolean {
	if (host === null) return false;
	const value = host.trim().toLowerCase();
	const name = value.startsWith('[')
		? value.slice(1, value.indexOf(']'))
		: (value.split(':')[0] ?? '');
	return (
		name === 'localhost' ||
		name.endsWith('.localhost') ||
		name === '::1' ||
		/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
	);
}

function escapeHtml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/** `2026-11-21 07:28:00.123+00` (the database's time zone is UTC) → `2026-11-21 07:28:00 UTC`. */
function formatTime(value: string): string {
	return `${value.slice(0, 19)} UTC`;
}

/** The same, as a `<time datetime>` value: `2026-11-21T07:28:00.123Z`. */
function isoTime(value: string): string {
	return value.replace(' ', 'T').replace(/\+00$/, 'Z');
}

/** The links of an email: its action link first, then the other http(s) URLs in its text. */
function linksOf(row: MessageRow): string[] {
	const found = row.text_body.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
	return [...new Set([row.action_link, ...found])].filter(
		(link): link is string => link !== null && /^https?:\/\//i.test(link)
	);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:1rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
form{margin:1rem 0}dt{font-weight:700}dd{margin:0;overflow-wrap:anywhere}a{color:#0645ad}li{overflow-wrap:anywhere}`;

function page(status: number, title: string, body: string): Response {
	const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · embedded Supabase mailbox</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
	return new Response(html, {
		status,
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Cache-Control': 'no-store',
			'Content-Security-Policy':
				"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
			'X-Content-Type-Options': 'nosniff',
			'Referrer-Policy': 'no-referrer',
		},
	});
}

function refused(): Response {
	return page(
		403,
		'Forbidden',
		'<h1>Forbidden</h1>\n<p>The mailbox pages are served only to this machine: open them at ' +
			'<code>http://127.0.0.1:&lt;port&gt;/mailbox/</code> or <code>http://localhost:&lt;port&gt;/mailbox/</code>, ' +
			'not through a proxy. The JSON API at <code>/mailbox/v1/messages</code> takes the service_role key.</p>'
	);
}

function listPage(rows: ListRow[], to: string | null): Response {
	const filter = `<form method="get" action="/mailbox/">
<label>Recipient <input type="email" name="to" value="${escapeHtml(to ?? '')}"></label>
<button type="submit">Show</button>${to === null ? '' : ' <a href="/mailbox/">All recipients</a>'}
</form>`;
	const items = rows
		.map(
			(row) =>
				`<tr><td><time datetime="${escapeHtml(isoTime(row.created_at))}">${escapeHtml(formatTime(row.created_at))}</time></td>` +
				`<td>${escapeHtml(row.to_address)}</td>` +
				`<td><a href="/mailbox/${row.id}">${escapeHtml(row.subject)}</a></td>` +
				`<td><code>${escapeHtml(row.kind)}</code></td></tr>`
		)
		.join('\n');
	const table =
		rows.length === 0
			? '<p>No emails yet.</p>'
			: `<table>
<thead><tr><th scope="col">Sent</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Kind</th></tr></thead>
<tbody>
${items}
</tbody>
</table>${rows.length === LIST_LIMIT ? `\n<p>The latest ${LIST_LIMIT} emails are shown.</p>` : ''}`;
	return page(
		200,
		'Mailbox',
		`<h1>Mailbox</h1>
<p>The emails this backend has sent (none leave the machine), newest first. <a href="">Refresh</a></p>
${filter}
${table}`
	);
}

function messagePage(row: MessageRow): Response {
	const links = linksOf(row);
	const otp = row.otp === null ? '' : `\n<dt>Code</dt><dd><code>${escapeHtml(row.otp)}</code></dd>`;
	const linkList =
		links.length === 0
			? ''
			: `<h2>Links</h2>
<ul>
${links.map((link) => `<li><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></li>`).join('\n')}
</ul>
`;
	return page(
		200,
		row.subject,
		`<p><a href="/mailbox/">All emails</a></p>
<h1>${escapeHtml(row.subject)}</h1>
<dl>
<dt>To</dt><dd>${escapeHtml(row.to_address)}</dd>
<dt>Sent</dt><dd><time datetime="${escapeHtml(isoTime(row.created_at))}">${escapeHtml(formatTime(row.created_at))}</time></dd>
<dt>Kind</dt><dd><code>${escapeHtml(row.kind)}</code></dd>${otp}
</dl>
${linkList}<h2>Text</h2>
<pre>${escapeHtml(row.text_body)}</pre>`
	);
}

/**
 * The handler of the mailbox pages (paths for which isMailboxPagePath holds), reading `_embedded.mailbox` in `db`.
 * Answers 403 to anything but a direct request from this machine (see the module comment), 405 to methods other
 * than GET and HEAD, 404 to unknown paths and messages.
 */
export function createMailboxPage(
	db: Database
): (request: Request, peer: Peer) => Promise<Response> {
	return async (request, peer) => {
		const relayed = request.headers.has('forwarded') || request.headers.has('x-forwarded-for');
		if (!isLoopbackAddress(peer.address) || !isLoopbackHost(request.headers.get('host')) || relayed)
			return refused();
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			const response = page(405, 'Method not allowed', '<h1>Method not allowed</h1>');
			response.headers.set('Allow', 'GET, HEAD');
			return response;
		}
		const url = new URL(request.url);
		if (url.pathname === '/mailbox')
			return new Response(null, { status: 308, headers: { Location: `/mailbox/${url.search}` } });
		if (url.pathname === '/mailbox/') {
			const to = url.searchParams.get('to')?.trim() || null;
			const result = await db.query<ListRow>(
				`select id::text, created_at::text, to_address, subject, kind from _embedded.mailbox
				 where $1::text is null or lower(to_address) = lower($1)
				 order by id desc limit $2`,
				[to, LIST_LIMIT]
			);
			return listPage(result.rows, to);
		}
		const one = /^\/mailbox\/(\d{1,18})$/.exec(url.pathname);
		if (one !== null) {
			const result = await db.query<MessageRow>(
				`select id::text, created_at::text, to_address, subject, kind, action_link, otp, text_body
				 from _embedded.mailbox where id = $1`,
				[one[1]]
			);
			const row = result.rows[0];
			if (row !== undefined) return messagePage(row);
		}
		return page(
			404,
			'Not found',
			'<h1>Not found</h1>\n<p>No such email. <a href="/mailbox/">All emails</a></p>'
		);
	};
}
