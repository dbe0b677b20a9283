import { expect, test } from './fixtures.ts';

/** The secret playwright.config.ts gives the site under test. */
const secret = process.env.JOBS_SECRET ?? '';

test.describe('POST /jobs/run, for schedulers on platforms without a long-lived process', () => {
	test('is closed without the secret', async ({ request }) => {
		for (const authorization of [undefined, 'Bearer wrong', `Bearer ${secret}x`, secret]) {
			const response = await request.post('/jobs/run', {
				headers: authorization === undefined ? {} : { authorization },
				data: {},
			});
			expect(response.status(), String(authorization)).toBe(404);
		}
		expect((await request.get('/jobs/run')).status()).toBeGreaterThanOrEqual(400);
	});

	test('runs every job with the secret and says what each did', async ({ request }) => {
		expect(secret.length).toBeGreaterThanOrEqual(32);
		// A JSON body, as schedulers send it: Astro's origin check refuses a POST without a content
		// type and without the site's Origin.
		const response = await request.post('/jobs/run', {
			headers: { authorization: `Bearer ${secret}` },
			data: {},
		});
		expect(response.status()).toBe(200);
		expect(response.headers()['cache-control']).toBe('no-store');
		const body = await response.json();
		expect(body.ok).toBe(true);
		expect(body.results.mentoring).toEqual({
			expired: expect.any(Number),
			expiryEmails: expect.any(Number),
			digests: expect.any(Number),
			digestEmails: expect.any(Number),
		});
		expect(body.results.ventures).toEqual({ due: expect.any(Number), sent: expect.any(Number) });
		expect(body.results.audit).toEqual({
			deleted: expect.any(Number),
			ipCleared: expect.any(Number),
			countersSwept: expect.any(Number),
		});
	});
});
