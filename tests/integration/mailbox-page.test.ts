import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createMailboxPage } from '../../supabase/embedded/mailbox-page.ts';
import { startTestBackend, type TestBackend, uniqueEmail } from './support/backend.ts';

// bcrypt (cost 10) and starting PGlite take seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const SITE = 'http://localhost:4321';
const HOSTILE = `<script>alert("x")</script> & 'quotes'`;
let server: TestBackend;

beforeAll(async () => {
	server = await startTestBackend({ overrides: { mailerAutoconfirm: false, siteUrl: SITE } });
});
afterAll(async () => server?.close());

/** Stores an email the way the site does (POST /mailbox/v1/messages with the service_role key). */
async function siteEmail(to: string, subject: string, text: string): Promise<number> {
	const response = await fetch(`${server.url}/mailbox/v1/messages`, {
		method: 'POST',
		headers: { apikey: server.serviceRoleKey, 'content-type': 'application/json' },
		body: JSON.stringify({ to, subject, kind: 'notice', text, html: `<p>${text}</p>` }),
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: number }).id;
}

/** GET over plain node:http, so the Host header and others can be anything. */
function rawGet(
	path: string,
	headers: Record<string, string>
): Promise<{ status: number; body: string }> {
	const { hostname, port } = new URL(server.url);
	return new Promise((resolve, reject) => {
		const req = httpRequest({ hostname, port, path, method: 'GET', headers }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

const unescapeHtml = (value: string): string =>
	value
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&amp;', '&');

describe('mailbox web pages (GET /mailbox/)', () => {
	test('lists the emails newest first, as plain HTML without CORS headers', async () => {
		const email = uniqueEmail();
		const { error } = await server.anon().auth.signUp({ email, password: 'a-long-enough-secret' });
		expect(error).toBeNull();
		await siteEmail(email, 'Second email', 'Hello again');

		const response = await fetch(`${server.url}/mailbox/?to=${encodeURIComponent(email)}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(response.headers.get('access-control-allow-origin')).toBeNull();
		expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
		const html = await response.text();
		expect(html).not.toMatch(/<script/i);
		const subjects = [...html.matchAll(/<a href="\/mailbox\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
		expect(subjects).toEqual(['Second email', 'Confirm your email address']);
		expect(html).toContain(`value="${email}"`);

		const all = await (await fetch(`${server.url}/mailbox/`)).text();
		expect(all).toContain('Second email');
		expect(
			(await fetch(`${server.url}/mailbox`, { redirect: 'manual' })).headers.get('location')
		).toBe('/mailbox/');
	});

	test('opens a message: its text and its action link, the same as the JSON API gives', async () => {
		const email = uniqueEmail();
		await server.anon().auth.signUp({ email, password: 'a-long-enough-secret' });
		const [mail] = await server.mailbox(email);
		expect(mail?.action_link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/v1\/verify\?token=/);

		const response = await fetch(`${server.url}/mailbox/${mail?.id}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(`<h1>${mail?.subject}</h1>`);
		expect(html).toContain(`<dd>${email}</dd>`);
		const links = [...html.matchAll(/<li><a href="([^"]*)">/g)].map((m) =>
			unescapeHtml(m[1] ?? '')
		);
		expect(links[0]).toBe(mail?.action_link);
		const text = /<pre>([\s\S]*)<\/pre>/.exec(html)?.[1] ?? '';
		expect(unescapeHtml(text)).toBe(mail?.text);
	});

	test('escapes what an email contains', async () => {
		const email = uniqueEmail();
		const id = await siteEmail(email, HOSTILE, `${HOSTILE}\nhttps://example.com/a?b=1&c="2"`);

		const list = await (
			await fetch(`${server.url}/mailbox/?to=${encodeURIComponent(email)}`)
		).text();
		const page = await (await fetch(`${server.url}/mailbox/${id}`)).text();
		for (const html of [list, page]) {
			expect(html).not.toMatch(/<script/i);
			expect(html).toContain(
				'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;'
			);
		}
		expect(page).toContain('<a href="https://example.com/a?b=1&amp;c=">');
	});

	test('answers 404 for an unknown message or path and 405 for other methods', async () => {
		expect((await fetch(`${server.url}/mailbox/999999999`)).status).toBe(404);
		expect((await fetch(`${server.url}/mailbox/nothing-here`)).status).toBe(404);
		const post = await fetch(`${server.url}/mailbox/`, { method: 'POST', body: 'x' });
		expect(post.status).toBe(405);
		expect(post.headers.get('allow')).toBe('GET, HEAD');
	});

	test('is not served to a non-loopback Host, through a proxy, or to a remote address', async () => {
		const email = uniqueEmail();
		await siteEmail(email, 'Not for strangers', 'secret link');
		const port = new URL(server.url).port;

		const own = await rawGet('/mailbox/', { host: `localhost:${port}` });
		expect(own.status).toBe(200);
		expect(own.body).toContain('Not for strangers');

		// A web page reaching the port through DNS rebinding sends its own host name.
		const rebound = await rawGet('/mailbox/', { host: `attacker.example:${port}` });
		expect(rebound.status).toBe(403);
		expect(rebound.body).not.toContain('Not for strangers');

		const proxied = await rawGet('/mailbox/', {
			host: `127.0.0.1:${port}`,
			'x-forwarded-for': '203.0.113.7',
		});
		expect(proxied.status).toBe(403);
		expect(proxied.body).not.toContain('Not for strangers');

		// The test backend listens on loopback only, so a remote peer is given to the handler directly.
		const pages = createMailboxPage(server.db);
		const request = () =>
			new Request(`${server.url}/mailbox/`, { headers: { host: `127.0.0.1:${port}` } });
		const remote = await pages(request(), { address: '192.0.2.10' });
		expect(remote.status).toBe(403);
		expect(await remote.text()).not.toContain('Not for strangers');
		const mapped = await pages(request(), { address: '::ffff:127.0.0.1' });
		expect(mapped.status).toBe(200);
	});

	test('leaves the JSON API as it was: service_role key only', async () => {
		expect((await fetch(`${server.url}/mailbox/v1/messages`)).status).toBe(401);
		const json = await fetch(`${server.url}/mailbox/v1/messages?limit=1`, {
			headers: { apikey: server.serviceRoleKey },
		});
		expect(json.status).toBe(200);
		expect(json.headers.get('access-control-allow-origin')).toBe('*');
	});
});
