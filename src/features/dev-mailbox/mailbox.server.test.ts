import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fetchMailbox, linksIn, type MailboxMessage } from './mailbox.server.ts';

const row = (over: Partial<Record<string, unknown>> = {}) => ({
	id: 1,
	created_at: '2026-11-21T10:00:00Z',
	to: 'ana@example.com',
	subject: 'Confirm your email',
	text: 'Open http://127.0.0.1:4321/auth/confirm?token_hash=abc&type=signup to confirm.',
	html: '<p>…</p>',
	kind: 'signup',
	action_link: null,
	otp: '123456',
	...over,
});

const fakeFetch = (status: number, body: unknown) =>
	(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('fetchMailbox', () => {
	const saved = { ...process.env };
	beforeEach(() => {
		process.env.SUPABASE_URL = 'http://127.0.0.1:54321';
		process.env.SUPABASE_ANON_KEY = 'anon';
		process.env.SUPABASE_SERVICE_ROLE_KEY = 'service';
	});
	afterEach(() => {
		process.env = { ...saved };
	});

	test('reads the list the backend returns', async () => {
		const messages = await fetchMailbox(fakeFetch(200, [row({ id: 2 }), row({ id: 1 })]));
		expect(messages.map((m) => m.id)).toEqual(['2', '1']);
		expect(messages[0]?.to).toBe('ana@example.com');
	});

	test('names the status or the shape it did not understand', async () => {
		await expect(fetchMailbox(fakeFetch(404, {}))).rejects.toThrow(/answered 404/);
		await expect(fetchMailbox(fakeFetch(200, [{ id: 1 }]))).rejects.toThrow(
			/unexpected mailbox response/
		);
	});
});

describe('linksIn', () => {
	test('lists the action link first, then other URLs, once each', () => {
		const message = row({
			action_link: 'http://127.0.0.1:4321/auth/confirm?token_hash=abc&type=signup',
		}) as unknown as MailboxMessage;
		expect(linksIn(message)).toEqual([
			'http://127.0.0.1:4321/auth/confirm?token_hash=abc&type=signup',
		]);
		expect(linksIn({ ...message, action_link: null, text: 'see (https://a.example/x).' })).toEqual([
			'https://a.example/x',
		]);
	});
});
