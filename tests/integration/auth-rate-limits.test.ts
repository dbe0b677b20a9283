import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startTestBackend, type TestBackend, uniqueEmail } from './support/backend.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let server: TestBackend;

beforeAll(async () => {
	server = await startTestBackend({
		overrides: {
			mailerAutoconfirm: false,
			rateLimits: { signIn: 3, signUp: 360, recover: 2, refresh: 1800, otp: 360 },
			emailMinInterval: 60,
		},
	});
});
afterAll(async () => server?.close());

describe('rate limits', () => {
	test('sign-in attempts beyond the limit get 429 over_request_rate_limit', async () => {
		const results = [];
		for (let index = 0; index < 4; index += 1) {
			results.push(
				await server
					.anon()
					.auth.signInWithPassword({ email: uniqueEmail(), password: 'whatever-password' })
			);
		}
		expect(results.slice(0, 3).map((result) => result.error?.code)).toEqual([
			'invalid_credentials',
			'invalid_credentials',
			'invalid_credentials',
		]);
		expect(results[3]?.error).toMatchObject({
			status: 429,
			code: 'over_request_rate_limit',
			message: 'Request rate limit reached',
		});
	});

	test('a second email to the same user within the minimum interval is refused', async () => {
		const email = uniqueEmail();
		await server
			.service()
			.auth.admin.createUser({ email, password: 'a-long-enough-secret', email_confirm: true });
		expect((await server.anon().auth.resetPasswordForEmail(email)).error).toBeNull();
		const again = await server.anon().auth.resetPasswordForEmail(email);
		expect(again.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
		expect(again.error?.message).toMatch(
			/^For security purposes, you can only request this after (59|60) seconds\.$/
		);
	});

	test('the project-wide email budget runs out', async () => {
		const emails = [uniqueEmail(), uniqueEmail()];
		for (const email of emails)
			await server
				.service()
				.auth.admin.createUser({ email, password: 'a-long-enough-secret', email_confirm: true });
		const second = await server.anon().auth.resetPasswordForEmail(emails[0] ?? '');
		const third = await server.anon().auth.resetPasswordForEmail(emails[1] ?? '');
		expect(
			[second.error, third.error].some((error) => error?.message === 'email rate limit exceeded')
		).toBe(true);
	});
});
