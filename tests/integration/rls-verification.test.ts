/**
 * RLS matrix for verification_requests and audit_log; staff decisions through decide_verification() and
 * revoke_verification(); the staff role, which only the service role grants. Nobody verifies themselves.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	client,
	type Client,
	createMember,
	expectError,
	expectNothing,
	expectRows,
	makeStaff,
	type Member,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

let backend: TestBackend;
let anon: Client;
let service: Client;
/** A returnee asking to be verified. */
let vera: Member;
/** Owner of Kyoto Care. */
let owen: Member;
/** Member (not owner) of Kyoto Care. */
let omar: Member;
let sam: Member;
let staff: Member;
/** Staff who also belongs to Kyoto Care. */
let stella: Member;
let orgId: string;

async function requestFor(
	member: Member,
	values: { subject_organisation_id?: string; message?: string } = {}
) {
	const subject =
		values.subject_organisation_id === undefined ? { subject_user_id: member.id } : {};
	return member.client
		.from('verification_requests')
		.insert({
			...subject,
			...values,
			evidence_paths: [`${member.id}/evidence.pdf`],
		})
		.select('*')
		.single();
}

async function pendingRequest(member: Member, organisation?: string): Promise<string> {
	const { data, error } = await requestFor(
		member,
		organisation === undefined ? {} : { subject_organisation_id: organisation }
	);
	if (error !== null) throw new Error(`request: ${error.message}`);
	return data.id;
}

beforeAll(async () => {
	backend = await startMembersBackend();
	anon = client(backend, 'anon');
	service = client(backend, 'service');
	vera = await createMember(backend, 'vera', { display_name: 'Vera Santos' });
	owen = await createMember(backend, 'owen', { display_name: 'Owen Kato' });
	omar = await createMember(backend, 'omar', { display_name: 'Omar Said' });
	sam = await createMember(backend, 'sam');
	staff = await createMember(backend, 'staff');
	stella = await createMember(backend, 'stella');
	await makeStaff(backend, staff);
	await makeStaff(backend, stella);
	const org = await owen.client
		.from('organisations')
		.insert({
			kind: 'japanese_sme',
			name: 'Kyoto Care',
			country: 'JP',
			corporate_number: '7000012050002',
		})
		.select('id')
		.single();
	if (org.error !== null) throw new Error(org.error.message);
	orgId = org.data.id;
	await service.from('organisation_members').insert([
		{ organisation_id: orgId, user_id: omar.id },
		{ organisation_id: orgId, user_id: stella.id },
	]);
	await vera.client
		.from('profiles')
		.update({
			programmes: ['titp_1', 'titp_2'],
			japan_field: 'nursing_care',
			profile_visibility: 'members',
			region: 'Cebu',
			region_visibility: 'verified_orgs',
		})
		.eq('id', vera.id);
}, 60_000);

afterAll(async () => backend?.close());

describe('verification_requests table', () => {
	test('anon: nothing', async () => {
		expectError(await anon.from('verification_requests').select('id'));
		expectError(await anon.from('verification_requests').insert({ subject_user_id: vera.id }));
		expectError(await anon.from('verification_requests').delete().eq('subject_user_id', vera.id));
	});

	test('a person asks about themselves, pending, with evidence in their own folder', async () => {
		const { data, error } = await requestFor(vera, { message: 'My TITP completion certificate.' });
		expect(error).toBeNull();
		expect(data).toMatchObject({
			subject_user_id: vera.id,
			requested_by: vera.id,
			status: 'pending',
			decided_by: null,
			evidence_paths: [`${vera.id}/evidence.pdf`],
		});
		expect(expectRows(await vera.client.from('verification_requests').select('id'))).toHaveLength(
			1
		);
		// One open request at a time.
		expectError(await requestFor(vera), '23505');
	});

	test('no one asks for someone else, decides on insert, or points at others’ files', async () => {
		expectError(
			await sam.client.from('verification_requests').insert({ subject_user_id: vera.id }),
			'42501'
		);
		expectError(
			await sam.client
				.from('verification_requests')
				.insert({ subject_user_id: sam.id, status: 'approved' } as { subject_user_id: string }),
			'42501'
		);
		expectError(
			await sam.client
				.from('verification_requests')
				.insert({ subject_user_id: sam.id, evidence_paths: [`${vera.id}/evidence.pdf`] }),
			'42501'
		);
		expectError(
			await sam.client.from('verification_requests').insert({
				subject_user_id: sam.id,
				evidence_paths: [`${sam.id}/../${vera.id}/evidence.pdf`],
			}),
			'42501'
		);
		expectError(
			await sam.client
				.from('verification_requests')
				.insert({ subject_user_id: sam.id, subject_organisation_id: orgId }),
			'42501'
		);
	});

	test('an organisation’s owner asks for it; its other members cannot, and do not see it', async () => {
		expectError(
			await omar.client.from('verification_requests').insert({ subject_organisation_id: orgId }),
			'42501'
		);
		await pendingRequest(owen, orgId);
		expect(
			expectRows(
				await omar.client
					.from('verification_requests')
					.select('id')
					.eq('subject_organisation_id', orgId)
			)
		).toEqual([]);
		expect(
			expectRows(
				await owen.client
					.from('verification_requests')
					.select('id')
					.eq('subject_organisation_id', orgId)
			)
		).toHaveLength(1);
	});

	test('strangers see and change nothing; staff see everything and change nothing directly', async () => {
		expect(expectRows(await sam.client.from('verification_requests').select('id'))).toEqual([]);
		expectNothing(
			await sam.client
				.from('verification_requests')
				.update({ message: 'hi' })
				.eq('subject_user_id', vera.id)
				.select('id')
		);
		expectNothing(
			await sam.client
				.from('verification_requests')
				.delete()
				.eq('subject_user_id', vera.id)
				.select('id')
		);
		const queue = expectRows(
			await staff.client
				.from('verification_requests')
				.select('id, status, subject:profiles!subject_user_id(display_name), organisations(name)')
				.eq('status', 'pending')
				.order('created_at')
		);
		expect(queue).toHaveLength(2);
		expect(queue[0]?.subject?.display_name).toBe('Vera Santos');
		expect(queue[1]?.organisations?.name).toBe('Kyoto Care');
		expectNothing(
			await staff.client
				.from('verification_requests')
				.update({ message: 'edited by staff' })
				.eq('subject_user_id', vera.id)
				.select('id')
		);
		expectError(
			await staff.client
				.from('verification_requests')
				.update({ status: 'approved' })
				.eq('subject_user_id', vera.id),
			'42501'
		);
		expectNothing(
			await staff.client
				.from('verification_requests')
				.delete()
				.eq('subject_user_id', vera.id)
				.select('id')
		);
	});

	test('the requester edits message and evidence while pending, not the status, and may withdraw', async () => {
		expect(
			expectRows(
				await vera.client
					.from('verification_requests')
					.update({ message: 'Certificate and my residence card.' })
					.eq('subject_user_id', vera.id)
					.select('message')
			)
		).toEqual([{ message: 'Certificate and my residence card.' }]);
		expectError(
			await vera.client
				.from('verification_requests')
				.update({ status: 'approved' })
				.eq('subject_user_id', vera.id),
			'42501'
		);
		expectError(
			await vera.client
				.from('verification_requests')
				.update({ decided_by: staff.id })
				.eq('subject_user_id', vera.id),
			'42501'
		);
		const spare = await pendingRequest(sam);
		expect(
			expectRows(
				await sam.client.from('verification_requests').delete().eq('id', spare).select('id')
			)
		).toHaveLength(1);
	});

	test('the service role does everything', async () => {
		const { data } = await service
			.from('verification_requests')
			.insert({ subject_user_id: sam.id, requested_by: sam.id })
			.select('id')
			.single();
		expectRows(
			await service
				.from('verification_requests')
				.update({ message: 'x' })
				.eq('id', data?.id ?? '')
				.select('id')
		);
		expectRows(
			await service
				.from('verification_requests')
				.delete()
				.eq('id', data?.id ?? '')
				.select('id')
		);
	});
});

describe('decide_verification', () => {
	test('only staff decide; members, owners and anon are refused', async () => {
		const { data } = await vera.client.from('verification_requests').select('id').single();
		for (const actor of [vera.client, owen.client, sam.client]) {
			expectError(
				await actor.rpc('decide_verification', {
					p_request_id: data?.id ?? '',
					p_decision: 'approved',
				}),
				'42501'
			);
		}
		expectError(
			await anon.rpc('decide_verification', {
				p_request_id: data?.id ?? '',
				p_decision: 'approved',
			}),
			'42501'
		);
		const profile = await service.from('profiles').select('verified').eq('id', vera.id).single();
		expect(profile.data?.verified).toBe(false);
	});

	test('staff cannot decide about themselves or their own organisation', async () => {
		const own = await pendingRequest(staff);
		expectError(
			await staff.client.rpc('decide_verification', { p_request_id: own, p_decision: 'approved' }),
			'42501'
		);
		const { data } = await staff.client
			.from('verification_requests')
			.select('id')
			.eq('subject_organisation_id', orgId)
			.single();
		expectError(
			await stella.client.rpc('decide_verification', {
				p_request_id: data?.id ?? '',
				p_decision: 'approved',
			}),
			'42501'
		);
		await service.from('verification_requests').delete().eq('id', own);
	});

	test('approving verifies the person and writes the audit trail', async () => {
		const { data: request } = await staff.client
			.from('verification_requests')
			.select('id')
			.eq('subject_user_id', vera.id)
			.single();
		const id = request?.id ?? '';
		expectError(
			await staff.client.rpc('decide_verification', { p_request_id: id, p_decision: 'pending' }),
			'22023'
		);
		const decided = await staff.client.rpc('decide_verification', {
			p_request_id: id,
			p_decision: 'approved',
		});
		expect(decided.error).toBeNull();
		expect(decided.data).toMatchObject({ status: 'approved', decided_by: staff.id });
		const profile = await vera.client.rpc('get_profile', { p_id: vera.id }).single();
		expect(profile.data?.verified).toBe(true);
		expect(
			(await sam.client.rpc('directory_search', { p_verified: true })).data?.map((r) => r.id)
		).toEqual([vera.id]);
		const audit = expectRows(
			await staff.client
				.from('audit_log')
				.select('action, actor_id, subject_user_id')
				.eq('verification_request_id', id)
		);
		expect(audit).toEqual([
			{ action: 'verification.approved', actor_id: staff.id, subject_user_id: vera.id },
		]);
		expectError(
			await staff.client.rpc('decide_verification', {
				p_request_id: id,
				p_decision: 'rejected',
				p_reason: 'x',
			}),
			'23514'
		);
		expectError(
			await staff.client.rpc('decide_verification', {
				p_request_id: '00000000-0000-4000-8000-000000000000',
				p_decision: 'approved',
			}),
			'P0002'
		);
	});

	test('rejecting needs a reason, which the requester reads', async () => {
		const id = await pendingRequest(sam);
		expectError(
			await staff.client.rpc('decide_verification', { p_request_id: id, p_decision: 'rejected' }),
			'22023'
		);
		expectError(
			await staff.client.rpc('decide_verification', {
				p_request_id: id,
				p_decision: 'rejected',
				p_reason: '   ',
			}),
			'22023'
		);
		expect(
			(
				await staff.client.rpc('decide_verification', {
					p_request_id: id,
					p_decision: 'rejected',
					p_reason: 'The certificate is unreadable; please upload a clearer scan.',
				})
			).error
		).toBeNull();
		const { data } = await sam.client
			.from('verification_requests')
			.select('status, decision_reason')
			.eq('id', id)
			.single();
		expect(data).toEqual({
			status: 'rejected',
			decision_reason: 'The certificate is unreadable; please upload a clearer scan.',
		});
		// A decided request can no longer be withdrawn or edited by its requester.
		expectNothing(
			await sam.client.from('verification_requests').delete().eq('id', id).select('id')
		);
		expectNothing(
			await sam.client
				.from('verification_requests')
				.update({ message: 'again' })
				.eq('id', id)
				.select('id')
		);
	});

	test('approving an organisation puts its members in the verified_orgs tier', async () => {
		const before = await omar.client.rpc('get_profile', { p_id: vera.id }).single();
		expect(before.data?.region).toBeNull();
		const { data } = await staff.client
			.from('verification_requests')
			.select('id')
			.eq('subject_organisation_id', orgId)
			.single();
		expect(
			(
				await staff.client.rpc('decide_verification', {
					p_request_id: data?.id ?? '',
					p_decision: 'approved',
				})
			).error
		).toBeNull();
		const org = await anon.from('organisations').select('verified').eq('id', orgId).single();
		expect(org.data?.verified).toBe(true);
		const after = await omar.client.rpc('get_profile', { p_id: vera.id }).single();
		expect(after.data?.region).toBe('Cebu');
		expect(
			(await omar.client.rpc('directory_search', { p_query: 'cebu' })).data?.map((r) => r.id)
		).toEqual([vera.id]);
		expect((await sam.client.rpc('directory_search', { p_query: 'cebu' })).data).toEqual([]);
	});

	test('changing a checked fact clears the badge; other edits keep it', async () => {
		await vera.client.from('profiles').update({ headline: 'Care worker' }).eq('id', vera.id);
		expect((await vera.client.from('profiles').select('verified').single()).data?.verified).toBe(
			true
		);
		await vera.client
			.from('profiles')
			.update({ programmes: ['titp_1', 'titp_2', 'ssw_1'] })
			.eq('id', vera.id);
		expect(
			(await vera.client.from('profiles').select('verified, verified_at').single()).data
		).toEqual({
			verified: false,
			verified_at: null,
		});
		await owen.client
			.from('organisations')
			.update({ description: 'Care homes in Kyoto.' })
			.eq('id', orgId);
		expect(
			(await anon.from('organisations').select('verified').eq('id', orgId).single()).data?.verified
		).toBe(true);
		await owen.client.from('organisations').update({ name: 'Kyoto Care Group' }).eq('id', orgId);
		expect(
			(await anon.from('organisations').select('verified').eq('id', orgId).single()).data?.verified
		).toBe(false);
	});
});

describe('revoke_verification', () => {
	test('staff revoke with a reason; nobody else can', async () => {
		const id = await pendingRequest(omar);
		await staff.client.rpc('decide_verification', { p_request_id: id, p_decision: 'approved' });
		expectError(
			await omar.client.rpc('revoke_verification', { p_reason: 'x', p_user_id: omar.id }),
			'42501'
		);
		expectError(
			await staff.client.rpc('revoke_verification', { p_reason: ' ', p_user_id: omar.id }),
			'22023'
		);
		expectError(
			await staff.client.rpc('revoke_verification', {
				p_reason: 'x',
				p_user_id: omar.id,
				p_organisation_id: orgId,
			}),
			'22023'
		);
		expect(
			(
				await staff.client.rpc('revoke_verification', {
					p_reason: 'Certificate was forged.',
					p_user_id: omar.id,
				})
			).error
		).toBeNull();
		expect((await omar.client.from('profiles').select('verified').single()).data?.verified).toBe(
			false
		);
		expectError(
			await staff.client.rpc('revoke_verification', { p_reason: 'again', p_user_id: omar.id }),
			'P0002'
		);
		const audit = expectRows(
			await staff.client
				.from('audit_log')
				.select('action, details')
				.eq('subject_user_id', omar.id)
				.order('id')
		);
		expect(audit.map((a) => a.action)).toEqual(['verification.approved', 'verification.revoked']);
		expect(audit[1]?.details).toEqual({ reason: 'Certificate was forged.' });
	});
});

describe('audit_log table', () => {
	test('staff read it; nobody writes it; others see nothing', async () => {
		expect(expectRows(await staff.client.from('audit_log').select('id')).length).toBeGreaterThan(0);
		for (const actor of [vera, owen, sam]) {
			expect(expectRows(await actor.client.from('audit_log').select('id'))).toEqual([]);
		}
		expectError(await anon.from('audit_log').select('id'));
		expect(expectRows(await service.from('audit_log').select('id')).length).toBeGreaterThan(0);
		for (const actor of [staff, vera]) {
			expectError(
				await actor.client.from('audit_log').insert({ action: 'verification.approved' }),
				'42501'
			);
			expectError(
				await actor.client.from('audit_log').update({ details: {} }).gt('id', 0),
				'42501'
			);
			expectError(await actor.client.from('audit_log').delete().gt('id', 0), '42501');
		}
	});
});

describe('the staff role', () => {
	test('only the service role grants or revokes it', async () => {
		for (const actor of [sam.client, staff.client, anon]) {
			expectError(await actor.rpc('grant_staff', { p_user_id: sam.id }), '42501');
			expectError(await actor.rpc('revoke_staff', { p_user_id: stella.id }), '42501');
		}
		expect((await sam.client.rpc('is_staff')).data).toBe(false);
		expect((await staff.client.rpc('is_staff')).data).toBe(true);
		expectError(await anon.rpc('is_staff'), '42501');
		expect((await service.rpc('grant_staff', { p_user_id: sam.id })).error).toBeNull();
		expect((await sam.client.rpc('is_staff')).data).toBe(true);
		expect((await service.rpc('revoke_staff', { p_user_id: sam.id })).error).toBeNull();
		expect((await sam.client.rpc('is_staff')).data).toBe(false);
		const audit = expectRows(
			await staff.client.from('audit_log').select('action').eq('subject_user_id', sam.id)
		);
		expect(audit.map((a) => a.action)).toEqual(
			expect.arrayContaining(['staff.granted', 'staff.revoked'])
		);
	});

	test('the staff table is not reachable over the API', async () => {
		const asStaff = staff.client as unknown as Client & { schema(name: string): Client };
		expectError(
			await asStaff
				.schema('private')
				.from('staff' as 'profiles')
				.select('*')
		);
		expectError(
			await service
				.schema('private' as 'public')
				.from('staff' as 'profiles')
				.select('*')
		);
	});
});
