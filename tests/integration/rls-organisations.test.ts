/**
 * RLS matrix for organisations, organisation_members and organisation_invitations, the invitation flow, the
 * roster and the organisation directory, and the corporate-number check digit (in SQL, and the same answers as
 * the TypeScript twin the UI uses).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	corporateNumberCheckDigit,
	isValidCorporateNumber,
} from '../../src/features/organisations/corporate-number.ts';
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
/** Owner of Osaka Foods. */
let olga: Member;
/** Member of Osaka Foods (joined by invitation). */
let mia: Member;
/** A signed-in member of no organisation. */
let sam: Member;
let staff: Member;
let orgId: string;

async function createOrganisation(owner: Member, name: string): Promise<string> {
	const { data, error } = await owner.client
		.from('organisations')
		.insert({ kind: 'japanese_sme', name, country: 'JP', prefecture: 27, sector: 'food_service' })
		.select('id')
		.single();
	if (error !== null) throw new Error(`create organisation: ${error.message}`);
	return data.id;
}

async function invite(owner: Member, organisation: string, email: string): Promise<string> {
	const { data, error } = await owner.client
		.from('organisation_invitations')
		.insert({ organisation_id: organisation, email })
		.select('token')
		.single();
	if (error !== null) throw new Error(`invite: ${error.message}`);
	return data.token;
}

beforeAll(async () => {
	backend = await startMembersBackend();
	anon = client(backend, 'anon');
	service = client(backend, 'service');
	olga = await createMember(backend, 'olga', { display_name: 'Olga Tanaka' });
	mia = await createMember(backend, 'mia', { display_name: 'Mia Suzuki' });
	sam = await createMember(backend, 'sam', { display_name: 'Sam Otieno' });
	staff = await createMember(backend, 'staff');
	await makeStaff(backend, staff);
	orgId = await createOrganisation(olga, 'Osaka Foods');
	const token = await invite(olga, orgId, mia.email);
	const { error } = await mia.client.rpc('accept_invitation', { p_token: token });
	if (error !== null) throw new Error(`accept: ${error.message}`);
}, 60_000);

afterAll(async () => backend?.close());

describe('corporate number (法人番号) check digit', () => {
	const valid = ['7000012050002', '1180301018771', '5010401067252', '9000000000009'];
	const invalid = [
		'8000012050002',
		'2180301018771',
		'0000012050002',
		'700001205000',
		'7000012050002x',
	];

	async function sqlValid(value: string): Promise<boolean> {
		const { rows } = await backend.db.query<{ ok: boolean }>(
			'select private.is_valid_corporate_number($1) as ok',
			[value]
		);
		return rows[0]?.ok === true;
	}

	test.each(valid)('the database accepts %s', async (number) => {
		expect(await sqlValid(number)).toBe(true);
		const { error } = await service.from('organisations').insert({
			kind: 'japanese_sme',
			name: `KK ${number}`,
			country: 'JP',
			corporate_number: number,
		});
		expect(error).toBeNull();
	});

	test.each(invalid)('the database refuses %s', async (number) => {
		expect(await sqlValid(number)).toBe(false);
		expectError(
			await olga.client
				.from('organisations')
				.insert({ kind: 'japanese_sme', name: 'Fake KK', country: 'JP', corporate_number: number }),
			'23514'
		);
	});

	test('SQL and the TypeScript twin agree on 300 numbers around the rule', async () => {
		let seed = 42;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
		const cases: string[] = [];
		for (let i = 0; i < 150; i++) {
			const base =
				String(next() % 1_000_000).padStart(6, '0') + String(next() % 1_000_000).padStart(6, '0');
			const right = corporateNumberCheckDigit(base);
			cases.push(`${right}${base}`, `${(right % 9) + 1}${base}`);
		}
		const { rows } = await backend.db.query<{ value: string; ok: boolean }>(
			'select value, private.is_valid_corporate_number(value) as ok from unnest($1::text[]) as value',
			[cases]
		);
		for (const row of rows) expect(row.ok, row.value).toBe(isValidCorporateNumber(row.value));
		expect(rows.filter((r) => r.ok)).toHaveLength(150);
	});

	test('typed with full-width digits, spaces or hyphens, it is stored as 13 digits', async () => {
		const { data, error } = await olga.client
			.from('organisations')
			.insert({
				kind: 'japanese_sme',
				name: 'Zenkaku KK',
				country: 'JP',
				corporate_number: '７０００-０１２０ ５０００２',
			})
			.select('corporate_number')
			.single();
		expect(error).toBeNull();
		expect(data?.corporate_number).toBe('7000012050002');
	});

	test('only Japanese organisations have one; a Japanese SME is in Japan', async () => {
		expectError(
			await olga.client.from('organisations').insert({
				kind: 'ngo',
				name: 'Hanoi NGO',
				country: 'VN',
				corporate_number: '7000012050002',
			}),
			'23514'
		);
		expectError(
			await olga.client
				.from('organisations')
				.insert({ kind: 'japanese_sme', name: 'Not in Japan', country: 'VN' }),
			'23514'
		);
		expectError(
			await olga.client
				.from('organisations')
				.insert({ kind: 'ngo', name: 'Prefecture abroad', country: 'KE', prefecture: 13 }),
			'23514'
		);
	});
});

describe('organisations table', () => {
	test('anon reads organisations and writes nothing', async () => {
		expect(expectRows(await anon.from('organisations').select('id, name').eq('id', orgId))).toEqual(
			[{ id: orgId, name: 'Osaka Foods' }]
		);
		expectError(
			await anon.from('organisations').insert({ kind: 'ngo', name: 'Anon NGO', country: 'VN' })
		);
		expectError(await anon.from('organisations').update({ name: 'Hacked' }).eq('id', orgId));
		expectError(await anon.from('organisations').delete().eq('id', orgId));
	});

	test('any member creates one, as its creator and owner', async () => {
		const { data, error } = await sam.client
			.from('organisations')
			.insert({
				kind: 'diaspora_association',
				name: 'Kenya Japan Alumni',
				country: 'KE',
				region: 'Nairobi',
			})
			.select('id, created_by, verified')
			.single();
		expect(error).toBeNull();
		expect(data).toMatchObject({ created_by: sam.id, verified: false });
		const roster = await sam.client.rpc('organisation_roster', {
			p_organisation_id: data?.id ?? '',
		});
		expect(roster.data).toEqual([expect.objectContaining({ user_id: sam.id, role: 'owner' })]);
	});

	test('a stranger, a member, staff: cannot change or delete someone else’s organisation', async () => {
		for (const actor of [sam, mia, staff]) {
			expectNothing(
				await actor.client
					.from('organisations')
					.update({ name: 'Hacked' })
					.eq('id', orgId)
					.select('id')
			);
			expectNothing(await actor.client.from('organisations').delete().eq('id', orgId).select('id'));
		}
		const { data } = await anon.from('organisations').select('name').eq('id', orgId).single();
		expect(data?.name).toBe('Osaka Foods');
	});

	test('the owner updates and deletes their organisation', async () => {
		expect(
			expectRows(
				await olga.client
					.from('organisations')
					.update({ description: 'Bento makers in Osaka since 1987.' })
					.eq('id', orgId)
					.select('description')
			)
		).toHaveLength(1);
		const spare = await createOrganisation(olga, 'Spare KK');
		expect(
			expectRows(await olga.client.from('organisations').delete().eq('id', spare).select('id'))
		).toHaveLength(1);
	});

	test('an anonymous sign-in creates no organisation', async () => {
		const guest = client(backend, { token: backend.userToken(sam.id, { is_anonymous: true }) });
		expectError(
			await guest.from('organisations').insert({ kind: 'ngo', name: 'Guest NGO', country: 'VN' }),
			'42501'
		);
	});

	test('nobody verifies their own organisation or forges its creator', async () => {
		expectError(
			await olga.client.from('organisations').update({ verified: true }).eq('id', orgId),
			'42501'
		);
		expectError(
			await olga.client.from('organisations').update({ created_by: sam.id }).eq('id', orgId),
			'42501'
		);
		expectError(
			await sam.client
				.from('organisations')
				.insert({ kind: 'ngo', name: 'Self Verified', country: 'VN', verified: true }),
			'42501'
		);
	});

	test('the service role does everything', async () => {
		const { data } = await service
			.from('organisations')
			.insert({ kind: 'lender', name: 'Seed Bank', country: 'VN' })
			.select('id')
			.single();
		expectRows(
			await service
				.from('organisations')
				.update({ size: 'small' })
				.eq('id', data?.id ?? '')
				.select('id')
		);
		expectRows(
			await service
				.from('organisations')
				.delete()
				.eq('id', data?.id ?? '')
				.select('id')
		);
	});
});

describe('organisation_members table', () => {
	test('anon: nothing at all', async () => {
		expectError(await anon.from('organisation_members').select('*'));
		expectError(await anon.from('organisation_members').delete().eq('organisation_id', orgId));
	});

	test('a stranger sees no memberships but their own, and changes nothing', async () => {
		const rows = expectRows(
			await sam.client.from('organisation_members').select('organisation_id, user_id')
		);
		expect(rows.every((r) => r.user_id === sam.id)).toBe(true);
		expectError(
			await sam.client
				.from('organisation_members')
				.insert({ organisation_id: orgId, user_id: sam.id })
		);
		expectNothing(
			await sam.client
				.from('organisation_members')
				.update({ title: 'CEO' })
				.eq('organisation_id', orgId)
				.select('user_id')
		);
		expectNothing(
			await sam.client
				.from('organisation_members')
				.delete()
				.eq('organisation_id', orgId)
				.select('user_id')
		);
	});

	test('members see their colleagues; embedding their profiles shows nothing private', async () => {
		const rows = expectRows(
			await mia.client
				.from('organisation_members')
				.select('user_id, role')
				.eq('organisation_id', orgId)
		);
		expect(rows.map((r) => r.user_id).sort()).toEqual([olga.id, mia.id].sort());
		const embedded = expectRows(
			await mia.client
				.from('organisation_members')
				.select('user_id, profiles(id, contact_email, home_country)')
				.eq('organisation_id', orgId)
		);
		const olgaRow = embedded.find((r) => r.user_id === olga.id);
		expect(olgaRow?.profiles).toBeNull();
		const strangerView = expectRows(
			await sam.client
				.from('organisation_members')
				.select('user_id, profiles(id)')
				.eq('organisation_id', orgId)
		);
		expect(strangerView).toEqual([]);
	});

	test('members write no one directly; only the owner changes roles; a member edits their title', async () => {
		expectError(
			await mia.client
				.from('organisation_members')
				.insert({ organisation_id: orgId, user_id: sam.id })
		);
		expectError(
			await olga.client
				.from('organisation_members')
				.insert({ organisation_id: orgId, user_id: sam.id })
		);
		expectError(
			await mia.client
				.from('organisation_members')
				.update({ role: 'owner' })
				.eq('organisation_id', orgId)
				.eq('user_id', mia.id),
			'42501'
		);
		expectNothing(
			await mia.client
				.from('organisation_members')
				.update({ title: 'Boss' })
				.eq('organisation_id', orgId)
				.eq('user_id', olga.id)
				.select('user_id')
		);
		expect(
			expectRows(
				await mia.client
					.from('organisation_members')
					.update({ title: 'Export manager' })
					.eq('organisation_id', orgId)
					.eq('user_id', mia.id)
					.select('title')
			)
		).toEqual([{ title: 'Export manager' }]);
		expectError(
			await mia.client
				.from('organisation_members')
				.update({ user_id: sam.id })
				.eq('organisation_id', orgId)
				.eq('user_id', mia.id)
		);
	});

	test('an organisation always keeps an owner', async () => {
		expectError(
			await olga.client
				.from('organisation_members')
				.update({ role: 'member' })
				.eq('organisation_id', orgId)
				.eq('user_id', olga.id),
			'23514'
		);
		expectError(
			await olga.client
				.from('organisation_members')
				.delete()
				.eq('organisation_id', orgId)
				.eq('user_id', olga.id),
			'23514'
		);
		// With a second owner the first may step down.
		expectRows(
			await olga.client
				.from('organisation_members')
				.update({ role: 'owner' })
				.eq('organisation_id', orgId)
				.eq('user_id', mia.id)
				.select('role')
		);
		expectRows(
			await olga.client
				.from('organisation_members')
				.update({ role: 'member' })
				.eq('organisation_id', orgId)
				.eq('user_id', olga.id)
				.select('role')
		);
		expectRows(
			await mia.client
				.from('organisation_members')
				.update({ role: 'owner' })
				.eq('organisation_id', orgId)
				.eq('user_id', olga.id)
				.select('role')
		);
		expectRows(
			await olga.client
				.from('organisation_members')
				.update({ role: 'member' })
				.eq('organisation_id', orgId)
				.eq('user_id', mia.id)
				.select('role')
		);
	});

	test('a member leaves; the owner removes a member', async () => {
		const org = await createOrganisation(olga, 'Leaving KK');
		await mia.client.rpc('accept_invitation', { p_token: await invite(olga, org, mia.email) });
		expect(
			expectRows(
				await mia.client
					.from('organisation_members')
					.delete()
					.eq('organisation_id', org)
					.eq('user_id', mia.id)
					.select('user_id')
			)
		).toHaveLength(1);
		await mia.client.rpc('accept_invitation', { p_token: await invite(olga, org, mia.email) });
		expect(
			expectRows(
				await olga.client
					.from('organisation_members')
					.delete()
					.eq('organisation_id', org)
					.eq('user_id', mia.id)
					.select('user_id')
			)
		).toHaveLength(1);
	});

	test('staff read memberships and change none; the service role does everything', async () => {
		expect(
			expectRows(
				await staff.client
					.from('organisation_members')
					.select('user_id')
					.eq('organisation_id', orgId)
			)
		).toHaveLength(2);
		expectNothing(
			await staff.client
				.from('organisation_members')
				.delete()
				.eq('organisation_id', orgId)
				.select('user_id')
		);
		expectRows(
			await service
				.from('organisation_members')
				.insert({ organisation_id: orgId, user_id: sam.id })
				.select('user_id')
		);
		expectRows(
			await service
				.from('organisation_members')
				.delete()
				.eq('organisation_id', orgId)
				.eq('user_id', sam.id)
				.select('user_id')
		);
	});

	test('the roster: for the organisation’s members and staff only', async () => {
		const roster = await mia.client.rpc('organisation_roster', { p_organisation_id: orgId });
		expect(roster.data?.map((r) => [r.display_name, r.role])).toEqual([
			['Olga Tanaka', 'owner'],
			['Mia Suzuki', 'member'],
		]);
		expect(
			(await sam.client.rpc('organisation_roster', { p_organisation_id: orgId })).data
		).toEqual([]);
		expect(
			(await staff.client.rpc('organisation_roster', { p_organisation_id: orgId })).data
		).toHaveLength(2);
		expectError(await anon.rpc('organisation_roster', { p_organisation_id: orgId }), '42501');
	});
});

describe('organisation_invitations table and the invitation flow', () => {
	test('owners invite; the inviter, token and expiry are not theirs to choose', async () => {
		const { data, error } = await olga.client
			.from('organisation_invitations')
			.insert({ organisation_id: orgId, email: '  New.Person@Example.com ' })
			.select('email, invited_by, token, expires_at')
			.single();
		expect(error).toBeNull();
		expect(data?.email).toBe('new.person@example.com');
		expect(data?.invited_by).toBe(olga.id);
		expect(data?.token).toMatch(/^[0-9a-f]{64}$/);
		expectError(
			await olga.client.from('organisation_invitations').insert({
				organisation_id: orgId,
				email: 'chosen@example.com',
				token: 'chosen-token',
			} as { organisation_id: string; email: string }),
			'42501'
		);
	});

	test('members, strangers, staff and anon neither see nor send invitations', async () => {
		for (const actor of [mia, sam, staff]) {
			expect(
				expectRows(
					await actor.client
						.from('organisation_invitations')
						.select('id')
						.eq('organisation_id', orgId)
				)
			).toEqual([]);
			expectError(
				await actor.client
					.from('organisation_invitations')
					.insert({ organisation_id: orgId, email: 'x@example.com' }),
				'42501'
			);
			expectNothing(
				await actor.client
					.from('organisation_invitations')
					.delete()
					.eq('organisation_id', orgId)
					.select('id')
			);
		}
		expectError(await anon.from('organisation_invitations').select('id'));
		expectError(
			await anon
				.from('organisation_invitations')
				.insert({ organisation_id: orgId, email: 'x@example.com' })
		);
	});

	test('owners see and withdraw their invitations; nobody edits one', async () => {
		const rows = expectRows(
			await olga.client
				.from('organisation_invitations')
				.select('id, email')
				.eq('organisation_id', orgId)
		);
		expect(rows.map((r) => r.email)).toContain('new.person@example.com');
		expectError(
			await olga.client
				.from('organisation_invitations')
				.update({ role: 'owner' })
				.eq('organisation_id', orgId),
			'42501'
		);
		expect(
			expectRows(
				await olga.client
					.from('organisation_invitations')
					.delete()
					.eq('email', 'new.person@example.com')
					.select('id')
			)
		).toHaveLength(1);
	});

	test('only the invited address accepts; the invitation then disappears', async () => {
		const token = await invite(olga, orgId, sam.email);
		const mine = await sam.client.rpc('my_invitations');
		expect(mine.data).toEqual([
			expect.objectContaining({
				token,
				organisation_id: orgId,
				organisation_name: 'Osaka Foods',
				role: 'member',
			}),
		]);
		expect((await mia.client.rpc('my_invitations')).data).toEqual([]);
		expect((await sam.client.rpc('get_invitation', { p_token: token })).data).toEqual([
			expect.objectContaining({ organisation_id: orgId, for_me: true }),
		]);
		expect((await mia.client.rpc('get_invitation', { p_token: token })).data).toEqual([
			expect.objectContaining({ for_me: false }),
		]);
		expectError(await anon.rpc('get_invitation', { p_token: token }), '42501');
		expectError(await mia.client.rpc('accept_invitation', { p_token: token }), '42501');
		expectError(await anon.rpc('accept_invitation', { p_token: token }), '42501');
		expect((await sam.client.rpc('accept_invitation', { p_token: token })).data).toBe(orgId);
		expectError(await sam.client.rpc('accept_invitation', { p_token: token }), 'P0002');
		const roster = await sam.client.rpc('organisation_roster', { p_organisation_id: orgId });
		expect(roster.data?.map((r) => r.user_id)).toContain(sam.id);
		await olga.client
			.from('organisation_members')
			.delete()
			.eq('organisation_id', orgId)
			.eq('user_id', sam.id);
	});

	test('expired and unknown invitations cannot be accepted; declining removes one', async () => {
		const { data } = await service
			.from('organisation_invitations')
			.insert({ organisation_id: orgId, email: sam.email, expires_at: '2020-01-01T00:00:00Z' })
			.select('token')
			.single();
		const expired = data?.token ?? '';
		expect((await sam.client.rpc('my_invitations')).data).toEqual([]);
		expect((await sam.client.rpc('get_invitation', { p_token: expired })).data).toEqual([]);
		expectError(await sam.client.rpc('accept_invitation', { p_token: expired }), 'P0002');
		expectError(await sam.client.rpc('accept_invitation', { p_token: 'no-such-token' }), 'P0002');
		await service.from('organisation_invitations').delete().eq('token', expired);

		const token = await invite(olga, orgId, sam.email);
		expectError(await mia.client.rpc('decline_invitation', { p_token: token }), 'P0002');
		expect((await sam.client.rpc('decline_invitation', { p_token: token })).error).toBeNull();
		expect((await sam.client.rpc('my_invitations')).data).toEqual([]);
	});

	test('inviting the same address twice is refused', async () => {
		await invite(olga, orgId, 'twice@example.com');
		expectError(
			await olga.client
				.from('organisation_invitations')
				.insert({ organisation_id: orgId, email: 'TWICE@example.com' }),
			'23505'
		);
	});
});

describe('organisation_search', () => {
	beforeAll(async () => {
		for (const [name, kind, country, verified] of [
			['Hanoi Returnee Network', 'diaspora_association', 'VN', true],
			['Jakarta Incubator', 'incubator', 'ID', false],
			['Nagoya Robotics KK', 'japanese_sme', 'JP', true],
		] as const) {
			const { data } = await service
				.from('organisations')
				.insert({ name, kind, country, description: `${name} works with returnees.` })
				.select('id')
				.single();
			if (verified)
				await backend.db.query(
					'update public.organisations set verified = true, verified_at = now() where id = $1',
					[data?.id]
				);
		}
	});

	test('filters by kind, country and verified, with a total', async () => {
		const { data } = await anon.rpc('organisation_search', { p_kind: 'incubator' });
		expect(data?.map((r) => r.name)).toEqual(['Jakarta Incubator']);
		const verifiedVn = await anon.rpc('organisation_search', { p_country: 'VN', p_verified: true });
		expect(verifiedVn.data?.map((r) => r.name)).toEqual(['Hanoi Returnee Network']);
		const paged = await anon.rpc('organisation_search', { p_sort: 'name', p_limit: 1 });
		expect(paged.data).toHaveLength(1);
		expect(paged.data?.[0]?.total_count).toBeGreaterThan(3);
	});

	test('finds names fuzzily and words in descriptions', async () => {
		expect(
			(await anon.rpc('organisation_search', { p_query: 'nagoya robotcs' })).data?.[0]?.name
		).toBe('Nagoya Robotics KK');
		expect(
			(await anon.rpc('organisation_search', { p_query: 'jakart' })).data?.map((r) => r.name)
		).toEqual(['Jakarta Incubator']);
		expect(
			(await anon.rpc('organisation_search', { p_query: 'bento' })).data?.map((r) => r.name)
		).toEqual(['Osaka Foods']);
		expectError(await anon.rpc('organisation_search', { p_sort: 'size' }), '22023');
	});
});

describe('organisation_search: counts stop at 1,000', () => {
	test('more than 1,000 matches report 1,000 and say there are more; pages still work', async () => {
		await backend.db.exec(`
			insert into public.organisations (kind, name, country, description)
			select 'recruiter', 'Bulk Recruiter ' || n, 'MN', 'Finds staff in Ulaanbaatar.'
			from generate_series(1, 1005) as n;
		`);
		const filtered = await anon.rpc('organisation_search', {
			p_country: 'MN',
			p_sort: 'name',
			p_limit: 50,
			p_offset: 950,
		});
		expect(filtered.data).toHaveLength(50);
		expect(filtered.data?.[0]).toMatchObject({ total_count: 1000, total_capped: true });
		// Offsets stop at 1,000, as the count does: a larger one reads from the 1,001st of the 1,005.
		const past = await anon.rpc('organisation_search', { p_country: 'MN', p_offset: 5000 });
		expect(past.data).toHaveLength(5);
		const ranked = await anon.rpc('organisation_search', { p_query: 'ulaanbaatar' });
		expect(ranked.data).toHaveLength(20);
		expect(ranked.data?.[0]).toMatchObject({ total_count: 1000, total_capped: true });
		const few = await anon.rpc('organisation_search', { p_kind: 'incubator' });
		expect(few.data?.[0]).toMatchObject({ total_count: 1, total_capped: false });
	}, 60_000);
});
