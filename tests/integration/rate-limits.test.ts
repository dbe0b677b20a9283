/**
 * Rate limits that hold across site instances (migration 20261121001100_rate_limits.sql): the counters and
 * consume_rate_limit() (service role only, never over-granting under concurrency), the message limit the database
 * enforces on every member's insert (PT429, nothing written), and the site's side: the sign-in action refuses the
 * 11th attempt for one address with a 429 that says how long to wait, writes sign-in, failed sign-in, rate-limit
 * and export events to the audit log, and does nothing of the kind with RATE_LIMITS=off.
 */
import { ActionError } from 'astro:actions';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { exportResponse } from '../../src/features/account/server/export-route.server.ts';
import { runAuditJobs } from '../../src/features/audit/server/jobs.server.ts';
import { RATE_LIMITS } from '../../src/features/audit/server/rate-limit.server.ts';
import { auth } from '../../src/features/auth/server/actions.ts';
import { createPerson, makeMentor, ok } from './mentoring-fixture.ts';
import {
	client,
	type Client,
	createMember,
	expectError,
	expectRows,
	type Member,
	PASSWORD,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let backend: TestBackend;
let service: Client;

beforeAll(async () => {
	backend = await startMembersBackend();
	service = client(backend, 'service');
	// The site reads its Supabase settings from the environment, as in production.
	process.env.SUPABASE_URL = backend.url;
	process.env.SUPABASE_ANON_KEY = backend.anonKey;
	process.env.SUPABASE_SERVICE_ROLE_KEY = backend.serviceRoleKey;
	delete process.env.RATE_LIMITS;
	delete process.env.TRUST_PROXY;
}, 120_000);

afterAll(async () => {
	await backend?.close();
});

async function consume(bucket: string, key: string, max: number, ip?: string) {
	return ok(
		await service
			.rpc('consume_rate_limit', {
				p_bucket: bucket,
				p_key: key,
				p_max_hits: max,
				p_window_seconds: 900,
				...(ip === undefined ? {} : { p_ip: ip }),
			})
			.single()
	);
}

async function rateLimitedEntries(bucket: string) {
	return expectRows(
		await service
			.from('audit_log')
			.select('action, subject_user_id, details, ip')
			.eq('action', 'security.rate_limited')
			.eq('details->>bucket', bucket)
	);
}

describe('consume_rate_limit', () => {
	test('allows max hits per window, then refuses with the seconds left; one audit entry per window', async () => {
		const results = [];
		for (let i = 0; i < 13; i += 1)
			results.push(await consume('test_bucket', 'k1', 10, '192.0.2.10'));
		expect(results.map((r) => r.allowed)).toEqual([...Array(10).fill(true), false, false, false]);
		expect(results[0]?.retry_after_seconds).toBe(0);
		const wait = results[12]?.retry_after_seconds ?? 0;
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(900);
		// Another key has its own counter.
		expect((await consume('test_bucket', 'k2', 10)).allowed).toBe(true);
		expect(await rateLimitedEntries('test_bucket')).toEqual([
			{
				action: 'security.rate_limited',
				subject_user_id: null,
				details: { bucket: 'test_bucket', max_hits: 10, window_seconds: 900 },
				ip: '192.0.2.0/24',
			},
		]);
	});

	test('50 concurrent hits with a limit of 10 grant exactly 10', async () => {
		const results = await Promise.all(
			Array.from({ length: 50 }, () => consume('concurrent', 'same-key', 10))
		);
		expect(results.filter((r) => r.allowed)).toHaveLength(10);
	});

	test('an email key names the account in the audit entry, never the address', async () => {
		const member = await createMember(backend, 'limited');
		for (let i = 0; i < 3; i += 1) await consume('email_test', member.email, 2);
		const rows = await rateLimitedEntries('email_test');
		expect(rows).toEqual([expect.objectContaining({ subject_user_id: member.id })]);
		expect(JSON.stringify(rows)).not.toContain(member.email);
	});

	test('members and visitors cannot call it, read the counters or change the message limit', async () => {
		const member = await createMember(backend, 'curious');
		for (const who of [client(backend, 'anon'), member.client]) {
			expectError(
				await who.rpc('consume_rate_limit', {
					p_bucket: 'sign_in_email',
					p_key: 'x@example.com',
					p_max_hits: 1000,
					p_window_seconds: 60,
				})
			);
			expectError(await who.rpc('purge_rate_limits'));
			expectError(await who.rpc('set_message_rate_limit', { p_max_hits: 100000 }));
		}
		expectError(
			await (member.client as unknown as { schema(s: string): Client })
				.schema('private')
				.from('rate_limits' as 'profiles')
				.select('*')
		);
	});

	test('the scheduled retention run sweeps ended windows and purges the log', async () => {
		await service.rpc('consume_rate_limit', {
			p_bucket: 'short',
			p_key: 'k',
			p_max_hits: 1,
			p_window_seconds: 1,
		});
		await backend.db.query(
			"update private.rate_limits set window_start = now() - interval '1 hour' where bucket = 'short'"
		);
		const result = await runAuditJobs(service);
		expect(result.countersSwept).toBeGreaterThanOrEqual(1);
		expect(result).toMatchObject({ deleted: expect.any(Number), ipCleared: expect.any(Number) });
		const left = await backend.db.query("select 1 from private.rate_limits where bucket = 'short'");
		expect(left.rows).toEqual([]);
	});

	test('bad arguments are refused', async () => {
		expectError(
			await service.rpc('consume_rate_limit', {
				p_bucket: 'Bad Bucket!',
				p_key: 'k',
				p_max_hits: 1,
				p_window_seconds: 60,
			}),
			'22023'
		);
		expectError(
			await service.rpc('consume_rate_limit', {
				p_bucket: 'ok',
				p_key: 'k',
				p_max_hits: 0,
				p_window_seconds: 60,
			}),
			'22023'
		);
	});
});

describe('the message limit in the database', () => {
	let mentee: Member;
	let mentor: Member;
	let mentorshipId: string;

	beforeAll(async () => {
		mentee = await createPerson(backend, 'Mentee Limit');
		mentor = await createPerson(backend, 'Mentor Limit');
		await makeMentor(mentor);
		// The request's own first message counts too: 1 of 4.
		ok(await service.rpc('set_message_rate_limit', { p_max_hits: 4, p_window_seconds: 600 }));
		mentorshipId = ok(
			await mentee.client.rpc('request_mentorship', {
				p_mentor_id: mentor.id,
				p_topic: 'financing',
				p_goal: 'Register my trading company',
				p_message: 'Hello, could you help me?',
			})
		);
		ok(await mentor.client.rpc('respond_mentorship', { p_id: mentorshipId, p_action: 'accept' }));
	});

	afterAll(async () => {
		await service.rpc('set_message_rate_limit', { p_max_hits: 30, p_window_seconds: 600 });
	});

	async function count(sender: string) {
		return expectRows(
			await service.from('mentorship_messages').select('id').eq('sender_id', sender)
		).length;
	}

	test('the (N+1)th message fails with PT429 and nothing is written', async () => {
		for (let i = 1; i <= 3; i += 1) {
			ok(
				await mentee.client.rpc('send_mentorship_message', {
					p_id: mentorshipId,
					p_body: `Message ${i}`,
				})
			);
		}
		expect(await count(mentee.id)).toBe(4);
		const refused = await mentee.client.rpc('send_mentorship_message', {
			p_id: mentorshipId,
			p_body: 'One too many',
		});
		expect(refused.error).toMatchObject({ code: 'PT429', message: 'mentoring.rate_limited' });
		expect(Number(refused.error?.details)).toBeGreaterThan(0);
		expect(await count(mentee.id)).toBe(4);
		// The other member has a counter of their own.
		ok(await mentor.client.rpc('send_mentorship_message', { p_id: mentorshipId, p_body: 'Hi!' }));
	});

	test('both message tables carry the limit', async () => {
		const triggers = await backend.db.query<{ name: string }>(
			`select c.relname || '.' || t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
			where t.tgname like '%_rate_limit' order by 1`
		);
		expect(triggers.rows.map((r) => r.name)).toEqual([
			'mentorship_messages.mentorship_messages_05_rate_limit',
			'venture_messages.venture_messages_05_rate_limit',
		]);
	});

	test('inserts without a member session (seed, jobs, the service role) are not counted', async () => {
		const inserted = await service
			.from('mentorship_messages')
			.insert({ mentorship_id: mentorshipId, sender_id: mentee.id, body: 'Imported' });
		expect(inserted.error).toBeNull();
		expect(await count(mentee.id)).toBe(5);
	});
});

/** An Astro action context for the site's auth and export code, as a request from `ip`. */
function siteContext(ip: string, locals: Record<string, unknown> = {}) {
	return {
		request: new Request('http://site.test/sign-in', { method: 'POST' }),
		url: new URL('http://site.test/sign-in'),
		clientAddress: ip,
		cookies: { delete() {}, set() {} },
		locals: { locale: 'en', user: null, supabase: backend.anon(), ...locals },
		redirect: (to: string, status = 302) =>
			new Response(null, { status, headers: { location: to } }),
	};
}

function signInForm(email: string, password: string): FormData {
	const form = new FormData();
	form.set('email', email);
	form.set('password', password);
	return form;
}

/** Runs the site's sign-in action as the server does: the result, or the ActionError it threw. */
async function signIn(ip: string, email: string, password: string) {
	try {
		return await auth.signIn.orThrow.call(siteContext(ip) as never, signInForm(email, password));
	} catch (error) {
		if (error instanceof ActionError) return error;
		throw error;
	}
}

describe('the site: sign-in and export', () => {
	test('a sign-in and a failed one are written to the audit log with the network', async () => {
		const member = await createMember(backend, 'signer');
		expect(await signIn('198.51.100.23', member.email, PASSWORD)).toEqual({
			redirectTo: '/account',
		});
		const failed = await signIn('198.51.100.23', member.email, 'not-the-password-1');
		expect(failed).toMatchObject({ code: 'BAD_REQUEST', message: 'auth.error.invalidCredentials' });
		const rows = expectRows(
			await service
				.from('audit_log')
				.select('action, actor_id, details, ip')
				.eq('subject_user_id', member.id)
				.like('action', 'auth.%')
				.order('id')
		);
		expect(rows).toEqual([
			{ action: 'auth.sign_in', actor_id: member.id, details: {}, ip: '198.51.100.0/24' },
			{
				action: 'auth.sign_in_failed',
				actor_id: null,
				details: { reason: 'auth.error.invalidCredentials', known_account: true },
				ip: '198.51.100.0/24',
			},
		]);
		expect(JSON.stringify(rows)).not.toContain(member.email);
	});

	test('the 11th attempt for one address is refused with a 429 saying how long to wait', async () => {
		const member = await createMember(backend, 'guessed');
		const max = RATE_LIMITS.signInEmail.max;
		for (let i = 0; i < max; i += 1) {
			// From different networks: the per-address limit is what trips.
			const result = await signIn(`203.0.${i}.1`, member.email, `wrong-password-${i}`);
			expect(result).toMatchObject({ message: 'auth.error.invalidCredentials' });
		}
		const refused = await signIn('203.0.99.1', member.email, PASSWORD);
		expect(refused).toBeInstanceOf(ActionError);
		expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		const minutes = Number(/^rateLimited:(\d+)$/.exec((refused as ActionError).message)?.[1]);
		expect(minutes).toBeGreaterThanOrEqual(1);
		expect(minutes).toBeLessThanOrEqual(15);
		// Refused before the auth server was asked: no sign-in and no new failure was recorded.
		const rows = expectRows(
			await service
				.from('audit_log')
				.select('action, details')
				.eq('subject_user_id', member.id)
				.order('id')
		);
		expect(rows.filter((r) => r.action === 'auth.sign_in')).toEqual([]);
		expect(rows.filter((r) => r.action === 'auth.sign_in_failed')).toHaveLength(max);
		expect(rows.filter((r) => r.action === 'security.rate_limited')).toEqual([
			{
				action: 'security.rate_limited',
				details: { bucket: 'sign_in_email', max_hits: max, window_seconds: 900 },
			},
		]);
	});

	test('with RATE_LIMITS=off the site does not limit (the end-to-end suite)', async () => {
		const member = await createMember(backend, 'e2e');
		process.env.RATE_LIMITS = 'off';
		try {
			for (let i = 0; i <= RATE_LIMITS.signInEmail.max + 1; i += 1) {
				expect(await signIn('192.0.2.200', member.email, PASSWORD)).toEqual({
					redirectTo: '/account',
				});
			}
		} finally {
			delete process.env.RATE_LIMITS;
		}
	});

	test('an export through the site’s route is written to the audit log', async () => {
		const member = await createMember(backend, 'exporter');
		const form = new FormData();
		form.set('locale', 'en');
		const context = {
			...siteContext('2001:db8:aaaa:bbbb::7', {
				user: { sub: member.id },
				supabase: member.client,
			}),
			request: new Request('http://site.test/account/export', { method: 'POST', body: form }),
		};
		const response = await exportResponse(context as never);
		expect(response.status).toBe(200);
		expect(JSON.parse(await response.text())).toHaveProperty('profile');
		expect(
			expectRows(
				await service
					.from('audit_log')
					.select('action, actor_id, ip')
					.eq('subject_user_id', member.id)
			)
		).toEqual([{ action: 'account.exported', actor_id: member.id, ip: '2001:db8:aaaa::/48' }]);
	});
});
