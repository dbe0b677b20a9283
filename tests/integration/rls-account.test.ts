/**
 * Account data rights: export_my_data() returns everything about the caller and nothing about anyone else;
 * deleting an account (auth.admin.deleteUser, after the app removed the person's files) leaves no row that names
 * them, hands their organisations on, and keeps what others need, anonymised.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	client,
	type Client,
	createMember,
	expectError,
	makeStaff,
	type Member,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);

let backend: TestBackend;
let anon: Client;
let service: Client;
/** The person who exports and then deletes their account. */
let dora: Member;
/** Member of Dora's organisation, who takes it over. */
let ed: Member;
/** Someone unrelated whose data must not appear in Dora's export. */
let fay: Member;
let staff: Member;
let sharedOrg: string;
let soloOrg: string;

/** Every row in the members schemas (and storage.objects) whose text mentions `needle`. */
async function rowsMentioning(needle: string): Promise<string[]> {
	const tables = await backend.db.query<{ name: string }>(
		`select format('%I.%I', n.nspname, c.relname) as name
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where c.relkind = 'r' and n.nspname in ('public', 'private')
		union all select 'storage.objects'`
	);
	const found: string[] = [];
	for (const { name } of tables.rows) {
		const { rows } = await backend.db.query<{ row: string }>(
			`select t::text as row from ${name} t where lower(t::text) like '%' || lower($1) || '%'`,
			[needle]
		);
		for (const row of rows) found.push(`${name}: ${row.row}`);
	}
	return found;
}

beforeAll(async () => {
	backend = await startMembersBackend();
	anon = client(backend, 'anon');
	service = client(backend, 'service');
	dora = await createMember(backend, 'dora', { display_name: 'Dora Mwangi' });
	ed = await createMember(backend, 'ed', { display_name: 'Ed Kimani' });
	fay = await createMember(backend, 'fay', { display_name: 'Fay Wanjiku' });
	staff = await createMember(backend, 'staff', { display_name: 'Stan Staff' });
	await makeStaff(backend, staff);
	await dora.client
		.from('profiles')
		.update({
			home_country: 'KE',
			contact_phone: '+254712345678',
			bio: 'Caregiver in Osaka for three years.',
			avatar_path: null,
		})
		.eq('id', dora.id);
	const shared = await dora.client
		.from('organisations')
		.insert({ kind: 'diaspora_association', name: 'Kenya Japan Returnees', country: 'KE' })
		.select('id')
		.single();
	const solo = await dora.client
		.from('organisations')
		.insert({ kind: 'incubator', name: 'Dora Ventures', country: 'KE' })
		.select('id')
		.single();
	sharedOrg = shared.data?.id ?? '';
	soloOrg = solo.data?.id ?? '';
	const invitation = await dora.client
		.from('organisation_invitations')
		.insert({ organisation_id: sharedOrg, email: ed.email })
		.select('token')
		.single();
	await ed.client.rpc('accept_invitation', { p_token: invitation.data?.token ?? '' });
	await dora.client
		.from('organisation_invitations')
		.insert({ organisation_id: sharedOrg, email: 'future.member@example.com' });
	// Fay invites Dora to her organisation; Dora has not answered.
	const faysOrg = await fay.client
		.from('organisations')
		.insert({ kind: 'ngo', name: 'Fay Foundation', country: 'KE' })
		.select('id')
		.single();
	await fay.client
		.from('organisation_invitations')
		.insert({ organisation_id: faysOrg.data?.id ?? '', email: dora.email });
	// Files, a verified profile, and a pending request for the organisation.
	await dora.client.storage
		.from('avatars')
		.upload(`${dora.id}/me.png`, new Blob([PNG], { type: 'image/png' }));
	await dora.client.storage
		.from('documents')
		.upload(`${dora.id}/certificate.png`, new Blob([PNG], { type: 'image/png' }));
	const own = await dora.client
		.from('verification_requests')
		.insert({ subject_user_id: dora.id, evidence_paths: [`${dora.id}/certificate.png`] })
		.select('id')
		.single();
	await staff.client.rpc('decide_verification', {
		p_request_id: own.data?.id ?? '',
		p_decision: 'approved',
	});
	await dora.client.from('verification_requests').insert({
		subject_organisation_id: sharedOrg,
		message: 'Dora here: our registration papers.',
		evidence_paths: [`${dora.id}/certificate.png`],
	});
}, 60_000);

afterAll(async () => backend?.close());

describe('export_my_data', () => {
	test('anon cannot call it', async () => {
		expectError(await anon.rpc('export_my_data'), '42501');
	});

	test('returns everything about the caller', async () => {
		const { data, error } = await dora.client.rpc('export_my_data');
		expect(error).toBeNull();
		const exported = data as Record<string, unknown>;
		expect(exported).toMatchObject({
			format: 'okaeri-export/1',
			account: { id: dora.id, email: dora.email },
			profile: {
				id: dora.id,
				display_name: 'Dora Mwangi',
				contact_phone: '+254712345678',
				verified: true,
				email_visibility: 'private',
			},
			staff: null,
		});
		expect(exported['profile']).not.toHaveProperty('search_public');
		expect(exported['organisation_memberships']).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					role: 'owner',
					organisation: expect.objectContaining({ name: 'Dora Ventures' }),
				}),
			])
		);
		expect(exported['invitations_sent']).toEqual([
			expect.objectContaining({ email: 'future.member@example.com' }),
		]);
		expect(exported['invitations_received']).toHaveLength(1);
		expect(exported['verification_requests']).toHaveLength(2);
		expect(exported['audit_log']).toEqual([
			expect.objectContaining({ action: 'verification.approved', about_me: true, by_me: false }),
		]);
		expect(
			(exported['files'] as { bucket: string; name: string }[]).map((f) => `${f.bucket}/${f.name}`)
		).toEqual([`avatars/${dora.id}/me.png`, `documents/${dora.id}/certificate.png`]);
	});

	test('contains nothing about anyone else', async () => {
		const text = JSON.stringify((await dora.client.rpc('export_my_data')).data);
		expect(text).not.toContain(fay.email);
		expect(text).not.toContain(ed.email);
		expect(text).not.toContain(staff.id);
		expect(text).not.toContain('Fay Foundation');
	});
});

describe('deleting an account', () => {
	test('after the app removes the files, deleteUser leaves no row naming the person', async () => {
		// What the app's deletion does first: the person's own files, through the Storage API.
		for (const bucket of ['avatars', 'documents']) {
			const { data: files } = await service.storage.from(bucket).list(dora.id);
			const paths = (files ?? []).map((f) => `${dora.id}/${f.name}`);
			if (paths.length > 0) await service.storage.from(bucket).remove(paths);
		}
		const { error } = await service.auth.admin.deleteUser(dora.id);
		expect(error).toBeNull();

		expect(await rowsMentioning(dora.id)).toEqual([]);
		expect(await rowsMentioning(dora.email)).toEqual([]);
		expect(await rowsMentioning('Dora Mwangi')).toEqual([]);
		expect(await rowsMentioning('+254712345678')).toEqual([]);
	});

	test('her organisations: the shared one passes to its member, the solo one is gone', async () => {
		const shared = await service
			.from('organisations')
			.select('id, created_by')
			.eq('id', sharedOrg)
			.single();
		expect(shared.data).toEqual({ id: sharedOrg, created_by: null });
		const roster = await ed.client.rpc('organisation_roster', { p_organisation_id: sharedOrg });
		expect(roster.data?.map((r) => [r.user_id, r.role])).toEqual([[ed.id, 'owner']]);
		expect((await service.from('organisations').select('id').eq('id', soloOrg)).data).toEqual([]);
	});

	test('what others keep is anonymised: invitations sent, the organisation’s request, the audit trail', async () => {
		const invitations = await service
			.from('organisation_invitations')
			.select('email, invited_by')
			.eq('organisation_id', sharedOrg);
		expect(invitations.data).toEqual([{ email: 'future.member@example.com', invited_by: null }]);
		const request = await service
			.from('verification_requests')
			.select('requested_by, message, evidence_paths, status')
			.eq('subject_organisation_id', sharedOrg)
			.single();
		expect(request.data).toEqual({
			requested_by: null,
			message: null,
			evidence_paths: [],
			status: 'pending',
		});
		const audit = await staff.client
			.from('audit_log')
			.select('action, subject_user_id, details')
			.like('action', 'verification.%');
		expect(audit.data).toEqual([
			{ action: 'verification.approved', subject_user_id: null, details: {} },
		]);
	});

	test('a deleted staff member’s decisions stay, without them', async () => {
		const id = (
			await ed.client
				.from('verification_requests')
				.insert({ subject_user_id: ed.id })
				.select('id')
				.single()
		).data?.id;
		await staff.client.rpc('decide_verification', {
			p_request_id: id ?? '',
			p_decision: 'rejected',
			p_reason: 'Please add your certificate.',
		});
		expect((await service.auth.admin.deleteUser(staff.id)).error).toBeNull();
		const { data } = await ed.client
			.from('verification_requests')
			.select('status, decided_by, decision_reason')
			.eq('id', id ?? '')
			.single();
		expect(data).toEqual({
			status: 'rejected',
			decided_by: null,
			decision_reason: 'Please add your certificate.',
		});
		expect(await rowsMentioning(staff.id)).toEqual([]);
	});
});
