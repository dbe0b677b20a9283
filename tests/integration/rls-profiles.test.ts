/**
 * RLS matrix for profiles and the field-visibility guarantee: `profiles` is readable by its owner and staff only,
 * and get_profile() / directory_search() show every viewer exactly the fields the owner allowed — also when the
 * viewer filters, searches, sorts or counts on hidden fields.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/supabase/database.types.ts';
import {
	client,
	type Client,
	createMember,
	expectError,
	expectNothing,
	expectRows,
	makeStaff,
	type Member,
	PASSWORD,
	startMembersBackend,
} from './rls-fixture.ts';
import { type TestBackend, uniqueEmail } from './support/backend.ts';

type Level = Database['public']['Enums']['visibility_level'];
type ProfileUpdate = Database['public']['Tables']['profiles']['Update'];
type Directory = Database['public']['Functions']['directory_search'];

const LEVELS: Level[] = ['public', 'members', 'verified_orgs', 'private'];
const rank = (level: Level) => LEVELS.indexOf(level);

let backend: TestBackend;
let anon: Client;
let service: Client;
/** The owner whose profile the matrix reads: public profile, every field at a different tier. */
let alice: Member;
/** A signed-in member with no ties to anyone. */
let bob: Member;
/** Alice's colleague in a verified organisation (tier verified_orgs). */
let carol: Member;
let staff: Member;
/** Profile visible to members only. */
let dave: Member;
/** Unlisted profile (visibility private). */
let erin: Member;
/** Signed up, never onboarded (no name). */
let frank: Member;
/** Public profile, public fields. */
let gita: Member;

/** Alice's profile and the tier each field is shown to. */
const ALICE: ProfileUpdate = {
	display_name: 'Nguyễn Thị Lan',
	kinds: ['returnee', 'mentor'],
	profile_visibility: 'public',
	headline: 'Welder, five years in Aichi <b>not bold</b>',
	headline_visibility: 'public',
	bio: 'I also trained in zebrafish farming.',
	bio_visibility: 'private',
	home_country: 'VN',
	country_visibility: 'members',
	region: 'Nghệ An',
	region_visibility: 'verified_orgs',
	languages: ['vi', 'ja'],
	languages_visibility: 'public',
	contact_email: 'Lan@Example.com',
	email_visibility: 'members',
	contact_phone: '+84 912 345 678',
	phone_visibility: 'verified_orgs',
	contact_whatsapp: '+84912345678',
	whatsapp_visibility: 'private',
	programmes: ['titp_2', 'titp_1', 'ssw_1'],
	programmes_visibility: 'public',
	japan_field: 'industrial_products_manufacturing',
	japan_job: 'Welding',
	field_visibility: 'public',
	prefectures: [23, 13],
	prefectures_visibility: 'members',
	employer_type: 'small_business',
	employer_visibility: 'verified_orgs',
	japan_start_year: 2016,
	japan_end_year: 2021,
	years_visibility: 'members',
	jlpt_level: 'n3',
	jft_basic: true,
	japanese_visibility: 'verified_orgs',
	skills_tests: ['trade_skills_grade_3'],
	skills_visibility: 'public',
	business_stage: 'started',
	business_name: 'Lan Metalworks',
	business_sector: 'construction',
	business_needs: 'A Japanese partner for precision parts.',
	business_visibility: 'private',
	looking_for: ['mentor', 'jv_partner'],
	looking_for_visibility: 'public',
};

/** Each field get_profile returns, the value Alice stored (normalised), and the visibility column that governs it. */
const ALICE_FIELDS: [string, unknown, Level][] = [
	['headline', ALICE.headline, 'public'],
	['bio', ALICE.bio, 'private'],
	['home_country', 'VN', 'members'],
	['region', 'Nghệ An', 'verified_orgs'],
	['languages', ['ja', 'vi'], 'public'],
	['contact_email', 'lan@example.com', 'members'],
	['contact_phone', '+84912345678', 'verified_orgs'],
	['contact_whatsapp', '+84912345678', 'private'],
	['programmes', ['titp_1', 'titp_2', 'ssw_1'], 'public'],
	['japan_field', 'industrial_products_manufacturing', 'public'],
	['japan_job', 'Welding', 'public'],
	['prefectures', [13, 23], 'members'],
	['employer_type', 'small_business', 'verified_orgs'],
	['japan_start_year', 2016, 'members'],
	['japan_end_year', 2021, 'members'],
	['jlpt_level', 'n3', 'verified_orgs'],
	['jft_basic', true, 'verified_orgs'],
	['skills_tests', ['trade_skills_grade_3'], 'public'],
	['business_stage', 'started', 'private'],
	['business_name', 'Lan Metalworks', 'private'],
	['business_sector', 'construction', 'private'],
	['business_needs', ALICE.business_needs, 'private'],
	['looking_for', ['mentor', 'jv_partner'], 'public'],
];

async function update(member: Member, values: ProfileUpdate): Promise<void> {
	const { error } = await member.client.from('profiles').update(values).eq('id', member.id);
	if (error !== null) throw new Error(`profile update: ${error.message}`);
}

/** Ids of the people `viewer` finds with `args`, in order, and the total_count it reports. */
async function search(viewer: Client, args: Directory['Args'] = {}) {
	const { data, error } = await viewer.rpc('directory_search', args);
	expect(error).toBeNull();
	const rows = data ?? [];
	return {
		ids: rows.map((r) => r.id),
		total: rows[0]?.total_count ?? 0,
		capped: rows[0]?.total_capped ?? false,
		rows,
	};
}

beforeAll(async () => {
	backend = await startMembersBackend();
	anon = client(backend, 'anon');
	service = client(backend, 'service');
	alice = await createMember(backend, 'alice', { display_name: 'Alice', locale: 'vi' });
	bob = await createMember(backend, 'bob');
	carol = await createMember(backend, 'carol');
	staff = await createMember(backend, 'staff');
	dave = await createMember(backend, 'dave');
	erin = await createMember(backend, 'erin');
	frank = await createMember(backend, 'frank');
	gita = await createMember(backend, 'gita');
	await makeStaff(backend, staff);
	await update(alice, ALICE);
	await update(dave, {
		display_name: 'Đặng Văn Đức',
		home_country: 'VN',
		country_visibility: 'public',
		jlpt_level: 'n2',
		japanese_visibility: 'public',
		looking_for: ['funding'],
	});
	await update(erin, {
		display_name: 'Erin Wanjiru',
		profile_visibility: 'private',
		home_country: 'KE',
		country_visibility: 'public',
	});
	await update(gita, {
		display_name: 'Gita Lestari',
		profile_visibility: 'public',
		home_country: 'ID',
		jlpt_level: 'n4',
		japanese_visibility: 'public',
		languages: ['id', 'ja'],
		business_stage: 'idea',
		business_visibility: 'public',
		kinds: ['returnee'],
	});
	// Carol and Alice belong to a verified organisation (set up with the service role).
	const org = await service
		.from('organisations')
		.insert({ kind: 'japanese_sme', name: 'Aichi Precision', country: 'JP', prefecture: 23 })
		.select('id')
		.single();
	if (org.error !== null) throw new Error(org.error.message);
	await backend.db.query(
		`update public.organisations set verified = true, verified_at = now() where id = $1`,
		[org.data.id]
	);
	const members = await service.from('organisation_members').insert([
		{ organisation_id: org.data.id, user_id: alice.id, role: 'owner' },
		{ organisation_id: org.data.id, user_id: carol.id, role: 'member' },
	]);
	if (members.error !== null) throw new Error(members.error.message);
}, 60_000);

afterAll(async () => backend?.close());

describe('profile creation', () => {
	test('signing up creates the profile from the sign-up metadata', async () => {
		const { data } = await alice.client.from('profiles').select('id, locale, created_at').single();
		expect(data?.id).toBe(alice.id);
		expect(data?.locale).toBe('vi');
		const frankRow = await frank.client.from('profiles').select('display_name, locale').single();
		expect(frankRow.data).toEqual({ display_name: '', locale: 'en' });
	});

	test('signing up through the auth API (as the site does) creates the profile too', async () => {
		const email = uniqueEmail('signup');
		const { data, error } = await client(backend, 'anon').auth.signUp({
			email,
			password: PASSWORD,
			options: { data: { display_name: 'Siti Rahma', locale: 'id' } },
		});
		expect(error).toBeNull();
		const row = await service
			.from('profiles')
			.select('display_name, locale')
			.eq('id', data.user?.id ?? '')
			.single();
		expect(row.data).toEqual({ display_name: 'Siti Rahma', locale: 'id' });
		await service
			.from('profiles')
			.update({ display_name: '' })
			.eq('id', data.user?.id ?? '');
	});

	test('a name in the metadata is tidied and cut to the 80 characters the form allows', async () => {
		const long = await createMember(backend, 'long', { display_name: `  ${'x'.repeat(90)}\n` });
		const { data } = await long.client.from('profiles').select('display_name').single();
		expect(data?.display_name).toBe('x'.repeat(80));
		// Keep the directory to the people this file sets up.
		await service.from('profiles').update({ display_name: '' }).eq('id', long.id);
	});

	test('a session from the auth server reads its own profile', async () => {
		const session = client(backend, 'anon');
		const signIn = await session.auth.signInWithPassword({
			email: alice.email,
			password: PASSWORD,
		});
		expect(signIn.error).toBeNull();
		const { data } = await session.from('profiles').select('id').single();
		expect(data?.id).toBe(alice.id);
	});
});

describe('profiles table: who may do what', () => {
	test('anon: no select, insert, update or delete', async () => {
		expectError(await anon.from('profiles').select('id'));
		expectError(await anon.from('profiles').insert({ id: alice.id }));
		expectError(await anon.from('profiles').update({ headline: 'x' }).eq('id', alice.id));
		expectError(await anon.from('profiles').delete().eq('id', alice.id));
	});

	test.each([
		['a signed-in stranger', () => bob],
		['a member of the owner’s organisation', () => carol],
	])('%s: reads, changes and deletes nothing', async (_label, viewer) => {
		const { client: as } = viewer();
		expect(expectRows(await as.from('profiles').select('id').eq('id', alice.id))).toEqual([]);
		// Only their own row is readable.
		expect(expectRows(await as.from('profiles').select('id')).map((r) => r.id)).toEqual([
			viewer().id,
		]);
		expectError(await as.from('profiles').insert({ id: alice.id, display_name: 'Impostor' }));
		expectNothing(
			await as.from('profiles').update({ headline: 'hacked' }).eq('id', alice.id).select('id')
		);
		expectError(await as.from('profiles').delete().eq('id', alice.id));
		const stored = await service.from('profiles').select('headline').eq('id', alice.id).single();
		expect(stored.data?.headline).toBe(ALICE.headline);
	});

	test('the owner reads and updates their row, cannot delete it, inserts only their own', async () => {
		const own = expectRows(await alice.client.from('profiles').select('*').eq('id', alice.id));
		expect(own).toHaveLength(1);
		expect(own[0]?.contact_whatsapp).toBe('+84912345678');
		const updated = expectRows(
			await alice.client
				.from('profiles')
				.update({ japan_job: 'Welding and grinding' })
				.eq('id', alice.id)
				.select('japan_job')
		);
		expect(updated).toEqual([{ japan_job: 'Welding and grinding' }]);
		await update(alice, { japan_job: 'Welding' });
		expectError(await alice.client.from('profiles').delete().eq('id', alice.id));
		expectError(await alice.client.from('profiles').insert({ id: bob.id }));
		// A person whose profile is missing may create it, for themselves only.
		const henry = await createMember(backend, 'henry');
		await backend.db.query('delete from public.profiles where id = $1', [henry.id]);
		expectRows(await henry.client.from('profiles').insert({ id: henry.id }).select('id'));
	});

	test('staff read every row but change none', async () => {
		const rows = expectRows(await staff.client.from('profiles').select('id, contact_whatsapp'));
		expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining([alice.id, erin.id, frank.id]));
		expectNothing(
			await staff.client
				.from('profiles')
				.update({ headline: 'edited' })
				.eq('id', alice.id)
				.select('id')
		);
		expectError(await staff.client.from('profiles').delete().eq('id', alice.id));
		expectError(await staff.client.from('profiles').insert({ id: staff.id }));
	});

	test('the service role does everything', async () => {
		const victim = await createMember(backend, 'victim');
		expect(
			expectRows(await service.from('profiles').select('id').eq('id', victim.id))
		).toHaveLength(1);
		expectRows(
			await service
				.from('profiles')
				.update({ headline: 'by service' })
				.eq('id', victim.id)
				.select('id')
		);
		expectRows(await service.from('profiles').delete().eq('id', victim.id).select('id'));
		expectRows(await service.from('profiles').insert({ id: victim.id }).select('id'));
	});
});

describe('protected columns', () => {
	test('nobody verifies themselves: verified and verified_at cannot be written by the owner', async () => {
		expectError(
			await alice.client.from('profiles').update({ verified: true }).eq('id', alice.id),
			'42501'
		);
		expectError(
			await alice.client
				.from('profiles')
				.update({ verified_at: new Date().toISOString() })
				.eq('id', alice.id),
			'42501'
		);
		const fresh = await createMember(backend, 'fresh');
		await backend.db.query('delete from public.profiles where id = $1', [fresh.id]);
		expectError(
			await fresh.client.from('profiles').insert({ id: fresh.id, verified: true }),
			'42501'
		);
		const { data } = await service.from('profiles').select('verified').eq('id', alice.id).single();
		expect(data?.verified).toBe(false);
	});

	test('id, timestamps and the search columns are not the owner’s to write', async () => {
		expectError(
			await alice.client.from('profiles').update({ id: bob.id }).eq('id', alice.id),
			'42501'
		);
		expectError(
			await alice.client
				.from('profiles')
				.update({ created_at: '2000-01-01T00:00:00Z' })
				.eq('id', alice.id),
			'42501'
		);
		expectError(
			await alice.client.from('profiles').update({ search_name: 'zzz' }).eq('id', alice.id),
			'42501'
		);
		expectError(
			await alice.client.from('profiles').update({ search_public: 'secret' }).eq('id', alice.id),
			'42501'
		);
	});
});

describe('bad input is refused with a clear error and changes nothing', () => {
	test.each<[string, ProfileUpdate, string]>([
		['an 81-character name', { display_name: 'x'.repeat(81) }, '23514'],
		['a 121-character headline', { headline: 'x'.repeat(121) }, '23514'],
		['a 2001-character bio', { bio: 'x'.repeat(2001) }, '23514'],
		['a control character in a name', { display_name: 'Lan\u0007' }, '23514'],
		['an unknown country', { home_country: 'XX' }, '23514'],
		['a lower-case country', { home_country: 'vn' }, '23514'],
		['an unknown language', { languages: ['vi', 'xx'] }, '23514'],
		[
			'eleven languages',
			{ languages: ['vi', 'ja', 'en', 'id', 'sw', 'fr', 'de', 'es', 'it', 'pt', 'ko'] },
			'23514',
		],
		['prefecture 48', { prefectures: [13, 48] }, '23514'],
		['prefecture 0', { prefectures: [0] }, '23514'],
		['end before start', { japan_start_year: 2020, japan_end_year: 2019 }, '23514'],
		['a year before the programmes', { japan_start_year: 1970 }, '23514'],
		['an email that is not one', { contact_email: 'not an email' }, '23514'],
		['a phone number that is not E.164', { contact_phone: '0912 345 678' }, '23514'],
		['a public email', { email_visibility: 'public' }, '23514'],
		['a public phone number', { phone_visibility: 'public' }, '23514'],
		['a public WhatsApp number', { whatsapp_visibility: 'public' }, '23514'],
		['an avatar outside the owner’s folder', { avatar_path: 'someone-else/me.png' }, '23514'],
		['an avatar path climbing out', { avatar_path: 'ALICE/../x.png' }, '23514'],
		['a locale the UI does not have', { locale: 'fr' }, '23514'],
	])('%s', async (_label, values, code) => {
		const patched = { ...values };
		if (typeof patched.avatar_path === 'string')
			patched.avatar_path = patched.avatar_path.replace('ALICE', alice.id);
		expectError(await alice.client.from('profiles').update(patched).eq('id', alice.id), code);
	});

	test('unknown enum values', async () => {
		const bad = { programmes: ['titp_4'] } as unknown as ProfileUpdate;
		expectError(await alice.client.from('profiles').update(bad).eq('id', alice.id), '22P02');
		const badLevel = { headline_visibility: 'friends' } as unknown as ProfileUpdate;
		expectError(await alice.client.from('profiles').update(badLevel).eq('id', alice.id), '22P02');
	});

	test('HTML is stored as the text it is', async () => {
		const { data } = await alice.client.rpc('get_profile', { p_id: alice.id }).single();
		expect(data?.headline).toBe('Welder, five years in Aichi <b>not bold</b>');
		const stored = await service.from('profiles').select('*').eq('id', alice.id).single();
		expect(stored.data?.display_name).toBe('Nguyễn Thị Lan');
	});
});

describe('get_profile shows each viewer exactly the fields the owner allowed', () => {
	const viewers: [string, () => Client, Level][] = [
		['anon', () => anon, 'public'],
		['a signed-in member', () => bob.client, 'members'],
		['a member of a verified organisation', () => carol.client, 'verified_orgs'],
		['staff', () => staff.client, 'private'],
		['the owner', () => alice.client, 'private'],
	];

	test.each(viewers)('%s', async (_label, viewer, level) => {
		const { data, error } = await viewer().rpc('get_profile', { p_id: alice.id });
		expect(error).toBeNull();
		expect(data).toHaveLength(1);
		const card = (data?.[0] ?? {}) as Record<string, unknown>;
		expect(card['display_name']).toBe('Nguyễn Thị Lan');
		expect(card['kinds']).toEqual(['returnee', 'mentor']);
		for (const [field, value, visibility] of ALICE_FIELDS) {
			const expected = rank(visibility) <= rank(level) ? value : null;
			expect(card[field], `${field} (${visibility}) seen at ${level}`).toEqual(expected);
		}
	});

	test('contact details never reach anon, whatever the owner sets', async () => {
		const { data } = await anon.rpc('get_profile', { p_id: alice.id }).single();
		expect(data?.contact_email).toBeNull();
		expect(data?.contact_phone).toBeNull();
		expect(data?.contact_whatsapp).toBeNull();
		expectError(
			await alice.client.from('profiles').update({ email_visibility: 'public' }).eq('id', alice.id),
			'23514'
		);
	});

	test('a field is never shown wider than the profile itself', async () => {
		// Dave's profile is for members; his public fields stay hidden from anon.
		expect((await anon.rpc('get_profile', { p_id: dave.id })).data).toEqual([]);
		const { data } = await bob.client.rpc('get_profile', { p_id: dave.id }).single();
		expect(data?.home_country).toBe('VN');
	});

	test('unlisted and unfinished profiles are shown to their owner (and unlisted ones to staff) only', async () => {
		for (const viewer of [anon, bob.client, carol.client]) {
			expect((await viewer.rpc('get_profile', { p_id: erin.id })).data).toEqual([]);
			expect((await viewer.rpc('get_profile', { p_id: frank.id })).data).toEqual([]);
		}
		expect((await staff.client.rpc('get_profile', { p_id: erin.id })).data).toHaveLength(1);
		const own = await erin.client.rpc('get_profile', { p_id: erin.id }).single();
		expect(own.data?.is_own).toBe(true);
		expect(own.data?.home_country).toBe('KE');
		expect((await frank.client.rpc('get_profile', { p_id: frank.id })).data).toHaveLength(1);
	});

	test('an unknown id and a hidden one answer the same', async () => {
		const unknown = await anon.rpc('get_profile', { p_id: '00000000-0000-4000-8000-000000000000' });
		const hidden = await anon.rpc('get_profile', { p_id: dave.id });
		expect(unknown).toMatchObject({ data: [], error: null });
		expect(hidden).toMatchObject({ data: [], error: null });
	});

	test('an anonymous sign-in is treated as anon and gets no profile of its own', async () => {
		const anonymous = client(backend, {
			token: backend.userToken(bob.id, { is_anonymous: true }),
		});
		const { data } = await anonymous.rpc('get_profile', { p_id: alice.id }).single();
		expect(data?.home_country).toBeNull();
		expect((await anonymous.rpc('get_profile', { p_id: dave.id })).data).toEqual([]);
		const guest = await anon.auth.signInAnonymously();
		if (guest.error === null) {
			const id = guest.data.user?.id ?? '';
			expect((await service.from('profiles').select('id').eq('id', id)).data).toEqual([]);
			const asGuest = client(backend, { token: guest.data.session?.access_token ?? '' });
			expectError(await asGuest.from('profiles').insert({ id, display_name: 'Guest' }), '42501');
		}
	});

	test('the service role is not a viewer: pages rendered with it get the public view', async () => {
		const { data } = await service.rpc('get_profile', { p_id: alice.id }).single();
		expect(data?.home_country).toBeNull();
		expect(data?.contact_email).toBeNull();
	});

	test('the RPC result cannot be filtered or ordered on what it hides', async () => {
		const filtered = await anon.rpc('get_profile', { p_id: alice.id }).eq('home_country', 'VN');
		expect(filtered.data).toEqual([]);
		const jlpt = await bob.client
			.rpc('get_profile', { p_id: alice.id })
			.not('jlpt_level', 'is', null);
		expect(jlpt.data).toEqual([]);
	});
});

describe('directory_search: filters, search, order and counts use only what the viewer may see', () => {
	test('each viewer lists only the profiles visible to them', async () => {
		expect((await search(anon)).ids.sort()).toEqual([alice.id, gita.id].sort());
		expect((await search(bob.client)).ids.sort()).toEqual([alice.id, dave.id, gita.id].sort());
		expect((await search(staff.client)).ids.sort()).toEqual(
			[alice.id, dave.id, erin.id, gita.id].sort()
		);
		expect((await search(anon)).total).toBe(2);
	});

	test('rows are masked like get_profile', async () => {
		const { rows } = await search(anon, { p_query: 'lan' });
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			id: alice.id,
			display_name: 'Nguyễn Thị Lan',
			home_country: null,
			region: null,
			jlpt_level: null,
			jft_basic: null,
			business_stage: null,
			headline: ALICE.headline,
			programmes: ['titp_1', 'titp_2', 'ssw_1'],
			looking_for: ['mentor', 'jv_partner'],
		});
		const member = await search(bob.client, { p_query: 'lan' });
		expect(member.rows[0]).toMatchObject({ home_country: 'VN', region: null, jlpt_level: null });
	});

	test('filtering by a hidden country does not reveal it', async () => {
		expect(await search(anon, { p_country: 'VN' })).toMatchObject({ ids: [], total: 0 });
		const members = await search(bob.client, { p_country: 'VN' });
		expect(members.ids.sort()).toEqual([alice.id, dave.id].sort());
		expect(members.total).toBe(2);
		// Filtering the RPC's output sees only the masked value.
		const { data } = await anon.rpc('directory_search').eq('home_country', 'VN');
		expect(data).toEqual([]);
	});

	test('filtering by JLPT level respects who may see it', async () => {
		expect((await search(bob.client, { p_jlpt_min: 'n3' })).ids).toEqual([dave.id]);
		expect((await search(carol.client, { p_jlpt_min: 'n3' })).ids.sort()).toEqual(
			[alice.id, dave.id].sort()
		);
		expect((await search(anon, { p_jlpt_min: 'n5' })).ids).toEqual([gita.id]);
		expect((await search(carol.client, { p_jlpt_min: 'n5' })).total).toBe(3);
	});

	test('filtering by a private business stage finds nobody but staff', async () => {
		for (const viewer of [anon, bob.client, carol.client]) {
			expect((await search(viewer, { p_business_stage: 'started' })).total).toBe(0);
		}
		expect((await search(staff.client, { p_business_stage: 'started' })).ids).toEqual([alice.id]);
		expect((await search(anon, { p_business_stage: 'idea' })).ids).toEqual([gita.id]);
	});

	test('other filters: programme, field, looking for, language, kind, verified', async () => {
		expect((await search(anon, { p_programme: 'ssw_1' })).ids).toEqual([alice.id]);
		expect((await search(anon, { p_field: 'industrial_products_manufacturing' })).ids).toEqual([
			alice.id,
		]);
		expect((await search(anon, { p_looking_for: 'funding' })).ids).toEqual([]);
		expect((await search(bob.client, { p_looking_for: 'funding' })).ids).toEqual([dave.id]);
		expect((await search(anon, { p_language: 'id' })).ids).toEqual([gita.id]);
		expect((await search(anon, { p_kind: 'mentor' })).ids).toEqual([alice.id]);
		expect((await search(anon, { p_verified: true })).ids).toEqual([]);
		expect((await search(anon, { p_verified: false })).total).toBe(2);
	});

	test('text search matches only words the viewer may read', async () => {
		// bio (private)
		for (const viewer of [anon, bob.client, carol.client])
			expect((await search(viewer, { p_query: 'zebrafish' })).total).toBe(0);
		// region (verified organisations), accents ignored
		expect((await search(bob.client, { p_query: 'Nghe' })).total).toBe(0);
		expect((await search(carol.client, { p_query: 'Nghe' })).ids).toEqual([alice.id]);
		// business name (private)
		expect((await search(carol.client, { p_query: 'Metalworks' })).total).toBe(0);
		// headline (public), as a prefix
		expect((await search(anon, { p_query: 'Aich' })).ids).toEqual([alice.id]);
	});

	test('names are found with or without accents, by prefix and with a typo', async () => {
		expect((await search(bob.client, { p_query: 'Đức' })).ids).toEqual([dave.id]);
		expect((await search(bob.client, { p_query: 'duc' })).ids).toEqual([dave.id]);
		expect((await search(anon, { p_query: 'nguyen th' })).ids).toEqual([alice.id]);
		expect((await search(anon, { p_query: 'lestary' })).ids).toEqual([gita.id]);
		expect((await search(anon, { p_query: '%' })).total).toBe(0);
		expect((await search(anon, { p_query: "'; drop table profiles; --" })).total).toBe(0);
	});

	test('sorting by name and paging keep the total', async () => {
		const byName = await search(bob.client, { p_sort: 'name' });
		expect(byName.ids).toEqual([dave.id, gita.id, alice.id]);
		const page = await search(bob.client, { p_sort: 'name', p_limit: 1, p_offset: 1 });
		expect(page).toMatchObject({ ids: [gita.id], total: 3 });
		expect((await search(bob.client, { p_offset: 3 })).ids).toEqual([]);
		expectError(await bob.client.rpc('directory_search', { p_sort: 'home_country' }), '22023');
	});

	test('PostgREST counts and ordering on the RPC see only the masked page', async () => {
		const counted = await anon.rpc('directory_search', { p_country: 'VN' }, { count: 'exact' });
		expect(counted.count).toBe(0);
		const ordered = await bob.client
			.rpc('directory_search')
			.order('jlpt_level', { ascending: true });
		expect(ordered.data?.find((r) => r.id === alice.id)?.jlpt_level).toBeNull();
	});
});

describe('directory_search: counts stop at 1,000', () => {
	test('more than 1,000 matches report 1,000 and say there are more; pages still work', async () => {
		await backend.db.exec(`
			insert into auth.users (id, email, raw_user_meta_data)
			select gen_random_uuid(), 'bulk-' || n || '@example.com', '{"display_name": "Bulk Person"}'::jsonb
			from generate_series(1, 1005) as n;
			update public.profiles set profile_visibility = 'public', home_country = 'MN'
			where display_name = 'Bulk Person';
		`);
		const filtered = await search(anon, { p_country: 'MN', p_limit: 50, p_offset: 950 });
		expect(filtered).toMatchObject({ total: 1000, capped: true });
		expect(filtered.ids).toHaveLength(50);
		const ranked = await search(anon, { p_query: 'bulk person' });
		expect(ranked).toMatchObject({ total: 1000, capped: true });
		expect(ranked.ids).toHaveLength(20);
		expect((await search(anon, { p_country: 'VN' })).capped).toBe(false);
	}, 60_000);
});
