import { describe, expect, test } from 'vitest';
import { callsAction, refuseUnreadableActionBody } from './action-body.server.ts';

const SITE = 'http://localhost:4321';

function post(path: string, type: string, body: BodyInit, headers: Record<string, string> = {}) {
	return new Request(`${SITE}${path}`, {
		method: 'POST',
		headers: { 'content-type': type, ...headers },
		body,
		duplex: 'half',
	} as RequestInit);
}

async function refused(request: Request, limit?: number) {
	const response = await refuseUnreadableActionBody(request, new URL(request.url), limit);
	return response && { status: response.status, body: await response.json() };
}

describe('action bodies that cannot be read', () => {
	test('only POSTs to /_actions/ or with ?_action= are action calls', () => {
		const at = (path: string, method = 'POST') =>
			callsAction(new Request(`${SITE}${path}`, { method }), new URL(`${SITE}${path}`));
		expect(at('/_actions/auth.signIn')).toBe(true);
		expect(at('/sign-in?_action=auth.signIn')).toBe(true);
		expect(at('/sign-in')).toBe(false);
		expect(at('/_actions/auth.signIn', 'GET')).toBe(false);
	});

	test('malformed JSON and broken multipart get a 400 shaped like an action error', async () => {
		expect(await refused(post('/_actions/a.b', 'application/json', '{"email":'))).toEqual({
			status: 400,
			body: {
				type: 'AstroActionError',
				code: 'BAD_REQUEST',
				status: 400,
				message: 'The request body could not be read.',
			},
		});
		const broken = post('/x?_action=a.b', 'multipart/form-data; boundary=zz', '--zz\r\nbroken');
		expect((await refused(broken))?.status).toBe(400);
	});

	test('bodies that read, other types and other routes pass untouched, their body unread', async () => {
		const good = post('/_actions/a.b', 'application/x-www-form-urlencoded', 'email=a%40b.co');
		expect(await refused(good)).toBeUndefined();
		expect(await good.text()).toBe('email=a%40b.co');
		expect(await refused(post('/_actions/a.b', 'application/json', '{"a":1}'))).toBeUndefined();
		expect(await refused(post('/_actions/a.b', 'application/json', ''))).toBeUndefined();
		expect(await refused(post('/_actions/a.b', 'text/plain', '{'))).toBeUndefined();
		expect(await refused(post('/account/export', 'application/json', '{'))).toBeUndefined();
		// A declared length over the limit is Astro's to refuse, unread.
		const declared = post('/_actions/a.b', 'application/json', '{', { 'content-length': '20' });
		expect(await refused(declared, 10)).toBeUndefined();
	});

	test('a streamed body past the limit gets a 413 without waiting for the rest', async () => {
		let pulled = 0;
		const endless = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled++;
				controller.enqueue(new Uint8Array(1024).fill(0x61));
			},
		});
		const result = await refused(post('/_actions/a.b', 'application/json', endless), 4096);
		expect(result?.status).toBe(413);
		expect(result?.body.code).toBe('CONTENT_TOO_LARGE');
		expect(pulled).toBeLessThan(10);
	});
});
