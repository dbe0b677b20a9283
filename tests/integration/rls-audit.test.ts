/**
 * The audit log of security events (migration 20261121001000_audit.sql): only staff read it, nobody writes or
 * changes it through the API, the service role only appends (record_security_event) and cannot rewrite or delete
 * it either, except by the retention purge; the database's triggers write role and verification changes whatever
 * path made them, once; account deletion leaves entries without the person.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
	client,
	type Client,
	createMember,
	expectError,
	expectRows,
	makeStaff,
	type Member,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let backend: TestBackend;
let anon: Client;
let service: Client;
/** The member the entries are about. */
let carol: Member;
let alice: Member;
let bob: Member;
let staff: Member;
let signInId: number;

async function entries(filter: { action?: string; subject?: string; actor?: string }) {
	let query = service
		.from('audit_log')
		.select('action, actor_id, subject_user_id, subject_organisation_id, details, ip')
		.order('id');
	if (filter.action) query = query.eq('action', filter.action);
	if (filter.subject) query = query.eq('subject_user_id', filter.subject);
	if (filter.actor) query = query.eq('actor_id', filter.actor);
	return expectRows(await query);
}

beforeAll(async () => {
	backend = await startMembersBackend();
	anon = client(backend, 'anon');
	service = client(backend, 'service');
	carol = await createMember(backend, 'carol', { display_name: 'Carol Nguyen' });
	alice = await createMember(backend, 'alice', { display_name: 'Alice Tan' });
	bob = await createMember(backend, 'bob', { display_name: 'Bob Otieno' });
	staff = await createMember(backend, 'staff', { display_name: 'Sachiko Staff' });
	await makeStaff(backend, staff);
	const { data, error } = await service.rpc('record_security_event', {
		p_action: 'auth.sign_in',
		p_actor_id: carol.id,
		p_subject_user_id: carol.id,
		p_ip: '203.0.113.77',
	});
	if (error || data === null) throw new Error(`record_security_event: ${error?.message}`);
	signInId = data;
}, 120_000);

afterAll(async () => {
	await backend?.close();
});

describe('who reads and writes audit_log', () => {
	test('only staff read it; the IP address is stored truncated', async () => {
		const rows = expectRows(
			await staff.client.from('audit_log').select('action, actor_id, ip').eq('id', signInId)
		);
		expect(rows).toEqual([{ action: 'auth.sign_in', actor_id: carol.id, ip: '203.0.113.0/24' }]);
		for (const member of [alice, bob, carol]) {
			expect(expectRows(await member.client.from('audit_log').select('id'))).toEqual([]);
		}
		expectError(await anon.from('audit_log').select('id'));
	});

	test('nobody inserts, updates or deletes through the API, staff included', async () => {
		for (const who of [anon, alice.client, bob.client, carol.client, staff.client]) {
			expectError(
				await who.from('audit_log').insert({ action: 'auth.sign_in', actor_id: carol.id })
			);
			expectError(await who.from('audit_log').update({ details: {} }).eq('id', signInId));
			expectError(await who.from('audit_log').delete().eq('id', signInId));
		}
		expect(await entries({ action: 'auth.sign_in', subject: carol.id })).toHaveLength(1);
	});

	test('the site-facing functions are for the service role only', async () => {
		for (const who of [anon, alice.client, staff.client]) {
			expectError(
				await who.rpc('record_security_event', { p_action: 'auth.sign_in', p_actor_id: alice.id })
			);
			expectError(await who.rpc('purge_audit_log', {}));
		}
	});

	test('append-only holds for the service role too', async () => {
		expectError(
			await service
				.from('audit_log')
				.update({ details: { forged: true } })
				.eq('id', signInId),
			'42501'
		);
		expectError(
			await service.from('audit_log').update({ action: 'auth.sign_out' }).eq('id', signInId),
			'42501'
		);
		expectError(
			await service.from('audit_log').update({ actor_id: alice.id }).eq('id', signInId),
			'42501'
		);
		expectError(await service.from('audit_log').delete().eq('id', signInId), '42501');
		expect(await entries({ action: 'auth.sign_in', subject: carol.id })).toEqual([
			expect.objectContaining({ actor_id: carol.id, details: {}, ip: '203.0.113.0/24' }),
		]);
	});

	test('unknown events, secrets in details and a non-object are refused or dropped', async () => {
		expectError(await service.rpc('record_security_event', { p_action: 'staff.granted' }), '22023');
		const id = (
			await service.rpc('record_security_event', {
				p_action: 'auth.sign_in_failed',
				p_email: carol.email.toUpperCase(),
				p_details: { reason: 'auth.error.invalidCredentials', password: 'hunter2', email: 'x' },
			})
		).data;
		const row = expectRows(
			await service
				.from('audit_log')
				.select('actor_id, subject_user_id, details')
				.eq('id', id ?? 0)
		);
		// The address named Carol's account: the entry is about her; the address itself is not kept.
		expect(row).toEqual([
			{
				actor_id: null,
				subject_user_id: carol.id,
				details: { reason: 'auth.error.invalidCredentials', known_account: true },
			},
		]);
		const unknown = (
			await service.rpc('record_security_event', {
				p_action: 'auth.sign_in_failed',
				p_email: 'nobody-here@example.com',
			})
		).data;
		expect(
			expectRows(
				await service
					.from('audit_log')
					.select('subject_user_id, details')
					.eq('id', unknown ?? 0)
			)
		).toEqual([{ subject_user_id: null, details: { known_account: false } }]);
	});
});

describe('the staff page function', () => {
	test('staff get entries newest first with names, filtered and paged; others get none', async () => {
		const all = expectRows(await staff.client.rpc('audit_events', { p_limit: 100 }));
		expect(all.length).toBeGreaterThan(1);
		expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort((a, b) => b - a));
		const mine = expectRows(
			await staff.client.rpc('audit_events', { p_member: carol.id, p_action: 'auth.sign_in' })
		);
		expect(mine).toEqual([
			expect.objectContaining({
				action: 'auth.sign_in',
				actor_name: 'Carol Nguyen',
				subject_name: 'Carol Nguyen',
				ip: '203.0.113.0/24',
			}),
		]);
		const first = all[0]?.id ?? 0;
		const older = expectRows(await staff.client.rpc('audit_events', { p_before: first }));
		expect(older.every((r) => r.id < first)).toBe(true);
		for (const member of [alice, carol]) {
			expect(expectRows(await member.client.rpc('audit_events', {}))).toEqual([]);
		}
		expectError(await anon.rpc('audit_events', {}));
	});
});

describe('triggers write role and verification changes, whatever the path, once', () => {
	test('the staff role granted by SQL or by grant_staff: one entry each', async () => {
		await backend.db.query('insert into private.staff (user_id) values ($1)', [alice.id]);
		expect((await entries({ action: 'staff.granted', subject: alice.id })).length).toBe(1);
		await backend.db.query('delete from private.staff where user_id = $1', [alice.id]);
		expect((await entries({ action: 'staff.revoked', subject: alice.id })).length).toBe(1);
		expect((await service.rpc('grant_staff', { p_user_id: bob.id })).error).toBeNull();
		expect((await entries({ action: 'staff.granted', subject: bob.id })).length).toBe(1);
		expect((await service.rpc('revoke_staff', { p_user_id: bob.id })).error).toBeNull();
		expect((await entries({ action: 'staff.revoked', subject: bob.id })).length).toBe(1);
	});

	test('a verification decided by staff: one entry with the reason; a direct change is logged too', async () => {
		const request = await carol.client
			.from('verification_requests')
			.insert({ subject_user_id: carol.id })
			.select('id')
			.single();
		expect(request.error).toBeNull();
		const decided = await staff.client.rpc('decide_verification', {
			p_request_id: request.data?.id ?? '',
			p_decision: 'rejected',
			p_reason: 'Please add your certificate.',
		});
		expect(decided.error).toBeNull();
		expect(await entries({ action: 'verification.rejected', subject: carol.id })).toEqual([
			expect.objectContaining({
				actor_id: staff.id,
				details: { reason: 'Please add your certificate.' },
			}),
		]);

		// The service role (an operator's script) bypasses the RPCs: the triggers still write it.
		const second = await carol.client
			.from('verification_requests')
			.insert({ subject_user_id: carol.id })
			.select('id')
			.single();
		expect(
			(
				await service
					.from('verification_requests')
					.update({ status: 'approved', decided_at: new Date().toISOString() })
					.eq('id', second.data?.id ?? '')
			).error
		).toBeNull();
		expect(await entries({ action: 'verification.approved', subject: carol.id })).toEqual([
			expect.objectContaining({ actor_id: null }),
		]);
		expect(
			(
				await service
					.from('profiles')
					.update({ verified: true, verified_at: new Date().toISOString() })
					.eq('id', carol.id)
			).error
		).toBeNull();
		expect(await entries({ action: 'verification.changed', subject: carol.id })).toEqual([
			expect.objectContaining({ details: { verified: true } }),
		]);
		// Through the RPC there is the RPC's entry only, not a second one from the flag's trigger.
		const revoked = await staff.client.rpc('revoke_verification', {
			p_reason: 'Certificate was forged.',
			p_user_id: carol.id,
		});
		expect(revoked.error).toBeNull();
		expect((await entries({ action: 'verification.revoked', subject: carol.id })).length).toBe(1);
		expect((await entries({ action: 'verification.changed', subject: carol.id })).length).toBe(1);
	});

	test('an organisation member’s role change names who, whom, the organisation and the roles', async () => {
		const org = await alice.client
			.from('organisations')
			.insert({ kind: 'diaspora_association', name: 'Tan Trading', country: 'VN' })
			.select('id')
			.single();
		expect(org.error).toBeNull();
		const orgId = org.data?.id ?? '';
		expect(
			(
				await service
					.from('organisation_members')
					.insert({ organisation_id: orgId, user_id: bob.id, role: 'member' })
			).error
		).toBeNull();
		expect(
			(
				await alice.client
					.from('organisation_members')
					.update({ role: 'owner' })
					.eq('organisation_id', orgId)
					.eq('user_id', bob.id)
			).error
		).toBeNull();
		expect(await entries({ action: 'organisation.role_changed', subject: bob.id })).toEqual([
			{
				action: 'organisation.role_changed',
				actor_id: alice.id,
				subject_user_id: bob.id,
				subject_organisation_id: orgId,
				details: { from: 'member', to: 'owner' },
				ip: null,
			},
		]);
	});
});

describe('retention and account deletion', () => {
	test('the purge deletes entries older than 400 days and clears networks older than 30', async () => {
		const old = await service
			.from('audit_log')
			.insert([
				{ action: 'auth.sign_in', created_at: '2020-01-01T00:00:00Z', details: { mark: 'old' } },
				{
					action: 'auth.sign_in',
					created_at: new Date(Date.now() - 40 * 86_400_000).toISOString(),
					details: { mark: 'month' },
					ip: '198.51.100.0/24',
				},
			])
			.select('id');
		expect(old.error).toBeNull();
		const purged = await service.rpc('purge_audit_log', {});
		expect(purged.error).toBeNull();
		expect(purged.data).toMatchObject({ deleted: 1 });
		const left = expectRows(
			await service
				.from('audit_log')
				.select('details, ip')
				.in(
					'id',
					(old.data ?? []).map((r) => r.id)
				)
		);
		expect(left).toEqual([{ details: { mark: 'month' }, ip: null }]);
	});

	test('a deleted account’s entries stay without the person, their reasons or network', async () => {
		await service.rpc('record_security_event', {
			p_action: 'account.exported',
			p_actor_id: carol.id,
			p_subject_user_id: carol.id,
			p_ip: '2001:db8:1234:5678::1',
		});
		expect(await entries({ action: 'account.exported', subject: carol.id })).toEqual([
			expect.objectContaining({ ip: '2001:db8:1234::/48' }),
		]);
		expect((await service.auth.admin.deleteUser(carol.id)).error).toBeNull();
		expect(await entries({ subject: carol.id })).toEqual([]);
		expect(await entries({ actor: carol.id })).toEqual([]);
		const text = JSON.stringify(expectRows(await service.from('audit_log').select('*')));
		expect(text).not.toContain(carol.id);
		expect(text).not.toContain(carol.email);
		expect(text).not.toContain('203.0.113');
	});
});
