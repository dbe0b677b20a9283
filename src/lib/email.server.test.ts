import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { sendEmail, type SiteEmail } from './email.server.ts';

/**
 * A minimal SMTP receiver on loopback (RFC 5321 without extensions): it answers each command and
 * keeps every message's envelope and raw data, so the test sees what a relay would get.
 */
function smtpReceiver() {
	const received: { from: string; to: string[]; data: string }[] = [];
	const server = createServer((socket) => {
		let buffer = '';
		let inData = false;
		let current = { from: '', to: [] as string[], data: '' };
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 test ESMTP');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let index: number;
			while ((index = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, index);
				buffer = buffer.slice(index + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						received.push(current);
						current = { from: '', to: [], data: '' };
						reply('250 queued');
					} else current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
					continue;
				}
				switch (line.slice(0, 4).toUpperCase()) {
					case 'EHLO':
					case 'HELO':
						reply('250 test');
						break;
					case 'MAIL':
						current.from = line;
						reply('250 ok');
						break;
					case 'RCPT':
						current.to.push(line);
						reply('250 ok');
						break;
					case 'DATA':
						inData = true;
						reply('354 go ahead');
						break;
					case 'QUIT':
						reply('221 bye');
						socket.end();
						break;
					case 'RSET':
					case 'NOOP':
						reply('250 ok');
						break;
					default:
						reply('502 not implemented');
				}
			}
		});
		socket.on('error', () => {});
	});
	return { server, received };
}

const email: SiteEmail = {
	to: 'ana@example.org',
	subject: 'Mentoring: a new request',
	kind: 'mentoring_request',
	text: 'Open the request: https://okaeri.example/mentoring/requests/1',
	html: '<p>Open the request</p>',
	headers: {
		'List-Unsubscribe': '<https://okaeri.example/unsubscribe/token?kind=mentoring>',
		'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
	},
};

describe('sendEmail over SMTP (SMTP_URL)', () => {
	const { server, received } = smtpReceiver();
	let port = 0;

	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		port = typeof address === 'object' && address ? address.port : 0;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	test('delivers through the relay from MAIL_FROM, keeping the unsubscribe headers', async () => {
		const sent = await sendEmail(email, {
			SMTP_URL: `smtp://127.0.0.1:${port}`,
			MAIL_FROM: 'Okaeri <hello@okaeri.example>',
		});
		expect(sent).toBe(true);
		expect(received).toHaveLength(1);
		const [message] = received;
		expect(message?.from).toContain('<hello@okaeri.example>');
		expect(message?.to).toEqual([expect.stringContaining('<ana@example.org>')]);
		expect(message?.data).toMatch(/^Subject: Mentoring: a new request$/m);
		expect(message?.data).toMatch(
			/^List-Unsubscribe: <https:\/\/okaeri\.example\/unsubscribe\/token\?kind=mentoring>$/m
		);
		expect(message?.data).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
		expect(message?.data).toMatch(/^X-Okaeri-Kind: mentoring_request$/m);
		expect(message?.data).toContain('multipart/alternative');
	});

	test('answers false, without throwing or logging the message, when the relay is down', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const address = closed.address();
		const deadPort = typeof address === 'object' && address ? address.port : 0;
		await new Promise<void>((resolve) => closed.close(() => resolve()));

		expect(await sendEmail(email, { SMTP_URL: `smtp://127.0.0.1:${deadPort}` })).toBe(false);
		expect(log).toHaveBeenCalledOnce();
		expect(String(log.mock.calls[0])).not.toContain('okaeri.example/mentoring');
		log.mockRestore();
	});
});
