/**
 * Joint ventures through the RPCs, as the site calls them: an SME posts (only for a verified organisation) →
 * a returnee shows interest → the SME accepts (identities revealed) → introduced → … → joint venture registered,
 * with a facilitator and milestones; declining and closing with a reason; invitations by the SME; a returnee's own
 * opportunity; stall reminders with time passed in (p_now, or timestamps moved as the superuser — never slept);
 * every bad input of issue 6, each refused with the contract's error code and nothing changed; and what account
 * export and deletion do to ventures.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	createOrganisation,
	createReturnee,
	expectCode,
	interestRow,
	ok,
	postVenture,
	refused,
	snapshot,
	ventureFields,
} from './ventures-fixture.ts';
import { createPerson } from './mentoring-fixture.ts';
import {
	client,
	type Client,
	expectError,
	type Member,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

const DAY = 86_400_000;

let backend: TestBackend;
let service: Client;
/** Owner and member of Hayashi Seiki (verified SME); owner of an unverified SME. */
let kenji: Member;
let aiko: Member;
let uma: Member;
/** A member of another verified SME. */
let other: Member;
/** Returnees: one who fits the default opportunity, one who does not. */
let linh: Member;
let bao: Member;
/** Member of a verified NGO (facilitator), and of an unverified incubator. */
let nadia: Member;
let ivan: Member;
let hayashi: string;
let unverified: string;
let otherOrg: string;
let ngo: string;
let incubator: string;

beforeAll(async () => {
	backend = await startMembersBackend();
	service = client(backend, 'service');
	kenji = await createPerson(backend, 'Kenji Hayashi', { kinds: ['sme_member'] });
	aiko = await createPerson(backend, 'Aiko Mori', { kinds: ['sme_member'] });
	uma = await createPerson(backend, 'Uma Ueda', { kinds: ['sme_member'] });
	other = await createPerson(backend, 'Oto Sasaki', { kinds: ['sme_member'] });
	linh = await createReturnee(backend, 'Linh Pham', { business_stage: 'started' });
	bao = await createReturnee(backend, 'Bao Do', { home_country: 'PH', jlpt_level: 'n4' });
	nadia = await createPerson(backend, 'Nadia Facilitator', { kinds: ['support_org_member'] });
	ivan = await createPerson(backend, 'Ivan Incubator', { kinds: ['support_org_member'] });
	hayashi = await createOrganisation(
		backend,
		{
			name: 'Hayashi Seiki',
			sector: 'industrial_products_manufacturing',
			prefecture: 23,
			website: 'https://www.hayashi-seiki.example',
			corporate_number: '4010001008772',
		},
		[kenji, aiko]
	);
	unverified = await createOrganisation(backend, { name: 'Ueda Kogyo', verified: false }, [uma]);
	otherOrg = await createOrganisation(backend, { name: 'Sasaki Foods' }, [other]);
	ngo = await createOrganisation(backend, { name: 'Bridge NGO', kind: 'ngo' }, [nadia]);
	incubator = await createOrganisation(
		backend,
		{ name: 'Seed Incubator', kind: 'incubator', verified: false },
		[ivan]
	);
}, 60_000);

afterAll(async () => backend?.close());

describe('posting an opportunity', () => {
	test('a member of a verified SME posts one; it opens with published_at and a derived region', async () => {
		const id = await postVenture(aiko, ventureFields({ organisation_id: hayashi }));
		const { data } = await service.from('ventures').select('*').eq('id', id).single();
		expect(data).toMatchObject({
			side: 'sme',
			organisation_id: hayashi,
			owner_id: aiko.id,
			status: 'open',
			region: 'chubu',
			prefecture: 23,
			target_countries: ['VN'],
			languages: ['ja', 'vi'],
		});
		expect(data?.published_at).not.toBeNull();
	});

	test('without a verified organisation: a draft is kept, opening is refused (not_verified), nothing changes', async () => {
		await refused(
			backend,
			'not_verified',
			() =>
				uma.client.rpc('save_venture', {
					p_fields: ventureFields({ organisation_id: unverified }),
				}),
			'organisation_id'
		);
		const draft = await postVenture(
			uma,
			ventureFields({ organisation_id: unverified, status: 'draft' })
		);
		await refused(backend, 'not_verified', () =>
			uma.client.rpc('save_venture', { p_id: draft, p_fields: { status: 'open' } })
		);
		const { data } = await service.from('ventures').select('status').eq('id', draft).single();
		expect(data?.status).toBe('draft');
	});

	test('for an organisation the caller does not belong to (not_owner), or that is no SME (invalid)', async () => {
		await refused(
			backend,
			'not_owner',
			() =>
				linh.client.rpc('save_venture', { p_fields: ventureFields({ organisation_id: hayashi }) }),
			'organisation_id'
		);
		await refused(
			backend,
			'invalid',
			() => nadia.client.rpc('save_venture', { p_fields: ventureFields({ organisation_id: ngo }) }),
			'organisation_id'
		);
		await refused(
			backend,
			'invalid',
			() => aiko.client.rpc('save_venture', { p_fields: ventureFields({ organisation_id: null }) }),
			'organisation_id'
		);
	});

	test('acting on another organisation’s opportunity: not_owner everywhere, nothing changes', async () => {
		const id = await postVenture(kenji, ventureFields({ organisation_id: hayashi }));
		await refused(backend, 'not_owner', () =>
			other.client.rpc('save_venture', { p_id: id, p_fields: { title: 'Taken over by Sasaki' } })
		);
		await refused(backend, 'not_owner', () =>
			other.client.rpc('save_venture', { p_id: id, p_fields: { status: 'closed' } })
		);
		await refused(backend, 'not_owner', () =>
			other.client.rpc('venture_candidates', { p_venture_id: id })
		);
		await refused(backend, 'not_owner', () =>
			other.client.rpc('invite_candidate', {
				p_venture_id: id,
				p_profile_id: linh.id,
				p_message: 'Join us',
			})
		);
		const before = await snapshot(backend);
		const deleted = await other.client.from('ventures').delete().eq('id', id).select('id');
		expect(deleted.data ?? []).toEqual([]);
		expect(await snapshot(backend)).toBe(before);
		await refused(backend, 'not_found', () =>
			other.client.rpc('save_venture', {
				p_id: '00000000-0000-4000-8000-00000000abcd',
				p_fields: { title: 'Nothing here' },
			})
		);
	});

	test('a fellow member of the organisation may edit it; side and organisation cannot change', async () => {
		const id = await postVenture(kenji, ventureFields({ organisation_id: hayashi }));
		ok(
			await aiko.client.rpc('save_venture', {
				p_id: id,
				p_fields: { title: 'Assembly partner wanted' },
			})
		);
		await refused(
			backend,
			'invalid',
			() => aiko.client.rpc('save_venture', { p_id: id, p_fields: { organisation_id: otherOrg } }),
			'organisation_id'
		);
		await refused(
			backend,
			'invalid',
			() => aiko.client.rpc('save_venture', { p_id: id, p_fields: { side: 'returnee' } }),
			'side'
		);
	});

	test.each([
		['title', { title: 'Abc' }, 'invalid'],
		['title', { title: 'x'.repeat(121) }, 'too_long'],
		['title', { title: 'Line one\nline two' }, 'invalid'],
		['title', { title: null }, 'invalid'],
		['summary', { summary: 'Too short' }, 'invalid'],
		['summary', { summary: 'x'.repeat(2001) }, 'too_long'],
		['summary', { summary: `Bell \u0007 character in a long enough summary` }, 'invalid'],
		['offers', { offers: 'x'.repeat(2001) }, 'too_long'],
		['needs', { needs: 'x'.repeat(2001) }, 'too_long'],
		['network', { network: 'x'.repeat(501) }, 'too_long'],
		['sector', { sector: 'space_mining' }, 'invalid'],
		['sector', { sector: 7 }, 'invalid'],
		['partnership_type', { partnership_type: 'merger' }, 'invalid'],
		['timeline', { timeline: 'yesterday' }, 'invalid'],
		['capital', { capital: 'a lot' }, 'invalid'],
		['min_jlpt', { min_jlpt: 'n6' }, 'invalid'],
		['target_countries', { target_countries: [] }, 'invalid'],
		['target_countries', { target_countries: ['XX'] }, 'invalid'],
		['target_countries', { target_countries: 'VN' }, 'invalid'],
		[
			'target_countries',
			{ target_countries: ['VN', 'PH', 'ID', 'MM', 'NP', 'KE', 'LK', 'KH', 'TH', 'LA', 'MN'] },
			'too_long',
		],
		['languages', { languages: ['xx'] }, 'invalid'],
		['languages', { languages: ['en', 'ja', 'vi', 'id', 'tl', 'my', 'ne'] }, 'too_long'],
		[
			'required_skills',
			{ required_skills: Array.from({ length: 11 }, (_, i) => `skill ${i}`) },
			'too_long',
		],
		['required_skills', { required_skills: ['x'.repeat(41)] }, 'too_long'],
		['required_skills', { required_skills: ['  '] }, 'invalid'],
		['prefecture', { prefecture: 48 }, 'invalid'],
		['prefecture', { prefecture: 'Aichi' }, 'invalid'],
		['status', { status: 'archived' }, 'invalid'],
		['colour', { colour: 'blue' }, 'invalid'],
	] as const)('bad %s → %s, nothing changes', async (field, change, code) => {
		await refused(
			backend,
			code,
			() =>
				kenji.client.rpc('save_venture', {
					p_fields: ventureFields({ organisation_id: hayashi, ...change }),
				}),
			field
		);
	});

	test('not a JSON object, or missing a required field', async () => {
		await refused(
			backend,
			'invalid',
			() => kenji.client.rpc('save_venture', { p_fields: ['title'] }),
			'fields'
		);
		const { sector: _omitted, ...noSector } = ventureFields({ organisation_id: hayashi });
		await refused(
			backend,
			'invalid',
			() => kenji.client.rpc('save_venture', { p_fields: noSector }),
			'sector'
		);
	});

	test('teaser text that names the company (name, corporate number, web address) is refused', async () => {
		for (const [field, text] of [
			['title', 'Hayashi Seiki seeks a partner'],
			['summary', 'We are HAYASHI  SEIKI from Aichi and we seek a partner.'],
			['offers', 'Corporate number 4010001008772.'],
			['needs', 'Write to us at hayashi-seiki.example please.'],
		] as const) {
			await refused(
				backend,
				'identifying_text',
				() =>
					kenji.client.rpc('save_venture', {
						p_fields: ventureFields({ organisation_id: hayashi, [field]: text }),
					}),
				field
			);
		}
	});

	test('hostile text is stored exactly as typed (the UI escapes it)', async () => {
		const hostile = `<script>alert("x")</script> '; drop table public.ventures; -- ${'{{7*7}}'} \u202e`;
		const id = await postVenture(
			kenji,
			ventureFields({ organisation_id: hayashi, summary: hostile, needs: hostile })
		);
		const row = ok(await linh.client.rpc('get_venture', { p_id: id }).single());
		expect(row.summary).toBe(hostile);
		expect(row.needs).toBe(hostile);
	});

	test('status moves one step at a time; closed is final', async () => {
		const id = await postVenture(
			kenji,
			ventureFields({ organisation_id: hayashi, status: 'draft' })
		);
		await refused(
			backend,
			'invalid_transition',
			() => kenji.client.rpc('save_venture', { p_id: id, p_fields: { status: 'paused' } }),
			'status'
		);
		ok(await kenji.client.rpc('save_venture', { p_id: id, p_fields: { status: 'open' } }));
		await refused(backend, 'invalid_transition', () =>
			kenji.client.rpc('save_venture', { p_id: id, p_fields: { status: 'draft' } })
		);
		ok(await kenji.client.rpc('save_venture', { p_id: id, p_fields: { status: 'paused' } }));
		ok(await kenji.client.rpc('save_venture', { p_id: id, p_fields: { status: 'open' } }));
		ok(await kenji.client.rpc('save_venture', { p_id: id, p_fields: { status: 'closed' } }));
		await refused(backend, 'closed', () =>
			kenji.client.rpc('save_venture', { p_id: id, p_fields: { status: 'open' } })
		);
		const { data } = await service
			.from('ventures')
			.select('status, closed_at')
			.eq('id', id)
			.single();
		expect(data?.status).toBe('closed');
		expect(data?.closed_at).not.toBeNull();
	});

	test('owners delete drafts only', async () => {
		const draft = await postVenture(
			kenji,
			ventureFields({ organisation_id: hayashi, status: 'draft' })
		);
		const open = await postVenture(kenji, ventureFields({ organisation_id: hayashi }));
		expect(ok(await aiko.client.from('ventures').delete().eq('id', open).select('id'))).toEqual([]);
		expect(ok(await aiko.client.from('ventures').delete().eq('id', draft).select('id'))).toEqual([
			{ id: draft },
		]);
	});

	test('signed-out visitors, anonymous sign-ins and nameless profiles cannot post', async () => {
		expectError(await client(backend, 'anon').rpc('save_venture', { p_fields: ventureFields() }));
		const anonymous = client(backend, {
			token: backend.userToken(kenji.id, { is_anonymous: true }),
		});
		await refused(backend, 'not_allowed', () =>
			anonymous.rpc('save_venture', { p_fields: ventureFields({ organisation_id: hayashi }) })
		);
		const nameless = await createPerson(backend, 'Nameless');
		await service.from('profiles').update({ display_name: '' }).eq('id', nameless.id);
		await refused(backend, 'profile_required', () =>
			nameless.client.rpc('save_venture', {
				p_fields: ventureFields({ side: 'returnee', min_jlpt: null }),
			})
		);
	});

	test('an organisation that loses its verification has its open opportunities paused', async () => {
		const member = await createPerson(backend, 'Paused Member');
		const org = await createOrganisation(backend, { name: 'Fragile Kogyo' }, [member]);
		const id = await postVenture(member, ventureFields({ organisation_id: org }));
		await service.from('organisations').update({ name: 'Fragile Kogyo Renamed' }).eq('id', org);
		// The rename was by the service role (verification kept); an owner's rename clears it.
		ok(
			await member.client.from('organisations').update({ name: 'Fragile Kogyo KK' }).eq('id', org)
		);
		const { data } = await service.from('ventures').select('status').eq('id', id).single();
		expect(data?.status).toBe('paused');
	});
});

describe('interest, acceptance and disclosure', () => {
	let venture: string;

	beforeAll(async () => {
		venture = await postVenture(kenji, ventureFields({ organisation_id: hayashi }));
	});

	test('hard constraints: country, sector, Japanese level → requirements, nothing changes', async () => {
		await refused(
			backend,
			'requirements',
			() => bao.client.rpc('express_interest', { p_venture_id: venture, p_message: 'Hello' }),
			'country'
		);
		const cook = await createReturnee(backend, 'Cook Returnee', { japan_field: 'food_service' });
		await refused(
			backend,
			'requirements',
			() => cook.client.rpc('express_interest', { p_venture_id: venture, p_message: 'Hello' }),
			'sector'
		);
		const beginner = await createReturnee(backend, 'Beginner Returnee', { jlpt_level: 'n4' });
		await refused(
			backend,
			'requirements',
			() => beginner.client.rpc('express_interest', { p_venture_id: venture, p_message: 'Hello' }),
			'japanese'
		);
	});

	test('bad interest: own opportunity, missing, draft, too long, naming oneself', async () => {
		await refused(backend, 'own_venture', () =>
			aiko.client.rpc('express_interest', { p_venture_id: venture, p_message: 'Us?' })
		);
		await refused(backend, 'not_found', () =>
			linh.client.rpc('express_interest', {
				p_venture_id: '00000000-0000-4000-8000-00000000dead',
				p_message: 'Hello',
			})
		);
		const draft = await postVenture(
			kenji,
			ventureFields({ organisation_id: hayashi, status: 'draft' })
		);
		await refused(backend, 'not_found', () =>
			linh.client.rpc('express_interest', { p_venture_id: draft, p_message: 'Hello' })
		);
		await refused(
			backend,
			'too_long',
			() =>
				linh.client.rpc('express_interest', {
					p_venture_id: venture,
					p_message: 'x'.repeat(1001),
				}),
			'message'
		);
		await refused(
			backend,
			'invalid',
			() => linh.client.rpc('express_interest', { p_venture_id: venture, p_message: '   ' }),
			'message'
		);
		await refused(
			backend,
			'identifying_text',
			() =>
				linh.client.rpc('express_interest', {
					p_venture_id: venture,
					p_message: 'I am Linh Pham from Hanoi.',
				}),
			'message'
		);
		await refused(
			backend,
			'not_owner',
			() =>
				linh.client.rpc('express_interest', {
					p_venture_id: venture,
					p_message: 'Hello',
					p_organisation_id: ngo,
				}),
			'organisation_id'
		);
	});

	test('the whole pipeline: interest → mutual (revealed) → … → jv_registered, with a facilitator', async () => {
		const interest = ok(
			await linh.client.rpc('express_interest', {
				p_venture_id: venture,
				p_message: 'I assembled parts in Aichi for five years.',
			})
		);
		const row = await interestRow(service, interest);
		expect(row).toMatchObject({
			stage: 'interest',
			initiated_by: 'returnee',
			counterpart_id: linh.id,
			corridor_country: 'VN',
		});
		expect(row.match_score).toBeGreaterThan(0);
		await refused(backend, 'duplicate_interest', () =>
			linh.client.rpc('express_interest', { p_venture_id: venture, p_message: 'Again' })
		);

		// Before mutual: the teaser only, on both sides.
		const teaser = ok(await linh.client.rpc('get_venture', { p_id: venture }).single());
		expect(teaser).toMatchObject({
			revealed: false,
			organisation_id: null,
			organisation_name: null,
			owner_id: null,
			prefecture: null,
			my_interest_id: interest,
			my_stage: 'interest',
		});
		const board = ok(await kenji.client.rpc('my_pipeline'));
		const card = board.find((r) => r.interest_id === interest);
		expect(card).toMatchObject({
			role: 'owner',
			awaiting_me: true,
			revealed: false,
			counterpart_id: null,
			counterpart_name: null,
			other_name: null,
		});
		const mine = ok(await linh.client.rpc('my_pipeline')).find((r) => r.interest_id === interest);
		expect(mine).toMatchObject({
			role: 'counterpart',
			awaiting_me: false,
			owner_organisation_name: null,
			owner_name: null,
			other_name: null,
		});

		// Revealing or talking before mutual is refused.
		await refused(backend, 'not_mutual', () =>
			linh.client.rpc('send_venture_message', { p_interest_id: interest, p_body: 'Hi!' })
		);
		await refused(backend, 'not_mutual', () =>
			kenji.client.rpc('advance_pipeline', { p_interest_id: interest, p_stage: 'mutual' })
		);
		await refused(backend, 'not_mutual', () =>
			kenji.client.rpc('invite_facilitator', { p_interest_id: interest, p_organisation_id: ngo })
		);
		// The side that started it cannot accept it; strangers cannot see it.
		await refused(backend, 'invalid_transition', () =>
			linh.client.rpc('respond_interest', { p_interest_id: interest, p_accept: true })
		);
		await refused(backend, 'not_found', () =>
			other.client.rpc('respond_interest', { p_interest_id: interest, p_accept: true })
		);

		expect(
			ok(await aiko.client.rpc('respond_interest', { p_interest_id: interest, p_accept: true }))
		).toBe('mutual');
		const revealed = ok(await linh.client.rpc('get_venture', { p_id: venture }).single());
		expect(revealed).toMatchObject({
			revealed: true,
			organisation_id: hayashi,
			organisation_name: 'Hayashi Seiki',
			owner_id: kenji.id,
			owner_name: 'Kenji Hayashi',
			prefecture: 23,
			region: 'chubu',
		});
		const ownerCard = ok(await kenji.client.rpc('my_pipeline')).find(
			(r) => r.interest_id === interest
		);
		expect(ownerCard).toMatchObject({
			stage: 'mutual',
			counterpart_id: linh.id,
			counterpart_name: 'Linh Pham',
			other_name: 'Linh Pham',
		});
		const counterpartCard = ok(await linh.client.rpc('my_pipeline')).find(
			(r) => r.interest_id === interest
		);
		expect(counterpartCard).toMatchObject({
			owner_organisation_name: 'Hayashi Seiki',
			other_name: 'Hayashi Seiki',
		});

		// The conversation opens.
		ok(
			await linh.client.rpc('send_venture_message', { p_interest_id: interest, p_body: 'Hello!' })
		);
		const afterMine = ok(await linh.client.rpc('my_pipeline')).find(
			(r) => r.interest_id === interest
		);
		expect(afterMine?.last_message_mine).toBe(true);
		expect(
			ok(await kenji.client.rpc('my_pipeline')).find((r) => r.interest_id === interest)
				?.last_message_mine
		).toBe(false);
		await refused(
			backend,
			'too_long',
			() =>
				kenji.client.rpc('send_venture_message', {
					p_interest_id: interest,
					p_body: 'x'.repeat(4001),
				}),
			'body'
		);

		// Facilitator: only a verified support organisation.
		await refused(
			backend,
			'not_facilitator_org',
			() =>
				kenji.client.rpc('invite_facilitator', {
					p_interest_id: interest,
					p_organisation_id: incubator,
				}),
			'organisation_id'
		);
		await refused(
			backend,
			'not_facilitator_org',
			() =>
				kenji.client.rpc('invite_facilitator', {
					p_interest_id: interest,
					p_organisation_id: otherOrg,
				}),
			'organisation_id'
		);
		ok(
			await linh.client.rpc('invite_facilitator', {
				p_interest_id: interest,
				p_organisation_id: ngo,
			})
		);

		// Skipping and going back are refused.
		await refused(
			backend,
			'invalid_transition',
			() =>
				kenji.client.rpc('advance_pipeline', {
					p_interest_id: interest,
					p_stage: 'first_meeting',
				}),
			'stage'
		);
		await refused(
			backend,
			'invalid',
			() =>
				kenji.client.rpc('advance_pipeline', {
					p_interest_id: interest,
					p_stage: 'introduced',
					p_happened_on: new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10),
				}),
			'happened_on'
		);
		// The facilitator makes the introduction.
		ok(
			await nadia.client.rpc('advance_pipeline', {
				p_interest_id: interest,
				p_stage: 'introduced',
				p_note: 'Introduced at our Hanoi office.',
			})
		);
		await refused(
			backend,
			'invalid_transition',
			() => kenji.client.rpc('advance_pipeline', { p_interest_id: interest, p_stage: 'mutual' }),
			'stage'
		);
		await refused(
			backend,
			'invalid_transition',
			() => kenji.client.rpc('advance_pipeline', { p_interest_id: interest, p_stage: 'closed' }),
			'stage'
		);
		for (const stage of [
			'first_meeting',
			'visit',
			'letter_of_intent',
			'mou',
			'jv_registered',
		] as const) {
			ok(
				await (stage === 'visit' ? linh : kenji).client.rpc('advance_pipeline', {
					p_interest_id: interest,
					p_stage: stage,
					p_note: `Reached ${stage}`,
				})
			);
		}
		await refused(
			backend,
			'invalid_transition',
			() => kenji.client.rpc('advance_pipeline', { p_interest_id: interest, p_stage: 'closed' }),
			'stage'
		);
		await refused(backend, 'invalid_transition', () =>
			kenji.client.rpc('close_pipeline', { p_interest_id: interest, p_reason: 'other' })
		);

		const milestones = ok(
			await nadia.client
				.from('venture_milestones')
				.select('stage, note, created_by')
				.eq('interest_id', interest)
				.order('id')
		);
		expect(milestones.map((m) => m.stage)).toEqual([
			'mutual',
			'introduced',
			'first_meeting',
			'visit',
			'letter_of_intent',
			'mou',
			'jv_registered',
		]);
		expect(milestones[0]?.created_by).toBe(aiko.id);
		expect(milestones[1]).toMatchObject({
			note: 'Introduced at our Hanoi office.',
			created_by: nadia.id,
		});
		const final = await interestRow(service, interest);
		expect(final).toMatchObject({
			stage: 'jv_registered',
			furthest_stage: 'jv_registered',
			facilitator_organisation_id: ngo,
		});
		expect(final.introduced_at).not.toBeNull();
		const facilitatorCard = ok(await nadia.client.rpc('my_pipeline')).find(
			(r) => r.interest_id === interest
		);
		expect(facilitatorCard).toMatchObject({
			role: 'facilitator',
			owner_organisation_name: 'Hayashi Seiki',
			counterpart_name: 'Linh Pham',
			facilitator_name: 'Bridge NGO',
		});
	});

	test('decline with a reason (required), and close with a reason from an open stage', async () => {
		const venture2 = await postVenture(kenji, ventureFields({ organisation_id: hayashi }));
		const first = ok(
			await linh.client.rpc('express_interest', { p_venture_id: venture2, p_message: 'Hello' })
		);
		await refused(
			backend,
			'invalid',
			() => kenji.client.rpc('respond_interest', { p_interest_id: first, p_accept: false }),
			'reason'
		);
		expect(
			ok(
				await kenji.client.rpc('respond_interest', {
					p_interest_id: first,
					p_accept: false,
					p_reason: 'not_a_fit',
					p_note: 'We need a larger workshop.',
				})
			)
		).toBe('closed');
		expect(await interestRow(service, first)).toMatchObject({
			stage: 'closed',
			close_reason: 'not_a_fit',
			close_note: 'We need a larger workshop.',
		});
		// Closed pre-mutual: no milestones, no conversation.
		expect(
			ok(await service.from('venture_milestones').select('id').eq('interest_id', first))
		).toEqual([]);
		await refused(backend, 'closed', () =>
			kenji.client.rpc('respond_interest', { p_interest_id: first, p_accept: true })
		);

		const venture3 = await postVenture(kenji, ventureFields({ organisation_id: hayashi }));
		const second = ok(
			await linh.client.rpc('express_interest', { p_venture_id: venture3, p_message: 'Hello' })
		);
		ok(await kenji.client.rpc('respond_interest', { p_interest_id: second, p_accept: true }));
		ok(
			await kenji.client.rpc('advance_pipeline', { p_interest_id: second, p_stage: 'introduced' })
		);
		await refused(
			backend,
			'invalid',
			() => linh.client.rpc('close_pipeline', { p_interest_id: second, p_reason: null as never }),
			'reason'
		);
		await refused(
			backend,
			'too_long',
			() =>
				linh.client.rpc('close_pipeline', {
					p_interest_id: second,
					p_reason: 'funding',
					p_note: 'x'.repeat(501),
				}),
			'note'
		);
		ok(
			await linh.client.rpc('close_pipeline', {
				p_interest_id: second,
				p_reason: 'funding',
				p_note: 'The bank said no.',
			})
		);
		expect(await interestRow(service, second)).toMatchObject({
			stage: 'closed',
			furthest_stage: 'introduced',
			close_reason: 'funding',
		});
		await refused(backend, 'closed', () =>
			kenji.client.rpc('send_venture_message', { p_interest_id: second, p_body: 'Wait!' })
		);
		await refused(backend, 'closed', () =>
			kenji.client.rpc('advance_pipeline', { p_interest_id: second, p_stage: 'first_meeting' })
		);
		// Still revealed for the parties after closing.
		expect(ok(await linh.client.rpc('get_venture', { p_id: venture3 }).single()).revealed).toBe(
			true
		);
	});

	test('closing an opportunity closes the interests still waiting; mutual pipelines go on', async () => {
		const venture4 = await postVenture(kenji, ventureFields({ organisation_id: hayashi }));
		const waiting = ok(
			await linh.client.rpc('express_interest', { p_venture_id: venture4, p_message: 'Hi' })
		);
		const other2 = await createReturnee(backend, 'Second Returnee');
		const going = ok(
			await other2.client.rpc('express_interest', { p_venture_id: venture4, p_message: 'Hi' })
		);
		ok(await kenji.client.rpc('respond_interest', { p_interest_id: going, p_accept: true }));
		ok(await kenji.client.rpc('save_venture', { p_id: venture4, p_fields: { status: 'closed' } }));
		expect((await interestRow(service, waiting)).stage).toBe('closed');
		expect((await interestRow(service, going)).stage).toBe('mutual');
		await refused(backend, 'closed', () =>
			bao.client.rpc('express_interest', { p_venture_id: venture4, p_message: 'Late' })
		);
	});

	test('the SME invites a candidate; the candidate answers and sees the teaser until then', async () => {
		const venture5 = await postVenture(kenji, ventureFields({ organisation_id: hayashi }));
		const candidate = await createReturnee(backend, 'Invited Returnee');
		await refused(backend, 'requirements', () =>
			kenji.client.rpc('invite_candidate', {
				p_venture_id: venture5,
				p_profile_id: bao.id,
				p_message: 'Join us',
			})
		);
		await refused(backend, 'own_venture', () =>
			kenji.client.rpc('invite_candidate', {
				p_venture_id: venture5,
				p_profile_id: aiko.id,
				p_message: 'Join us',
			})
		);
		await refused(
			backend,
			'identifying_text',
			() =>
				kenji.client.rpc('invite_candidate', {
					p_venture_id: venture5,
					p_profile_id: candidate.id,
					p_message: 'We are Hayashi Seiki.',
				}),
			'message'
		);
		const invitation = ok(
			await kenji.client.rpc('invite_candidate', {
				p_venture_id: venture5,
				p_profile_id: candidate.id,
				p_message: 'Your experience fits our plans.',
			})
		);
		expect(await interestRow(service, invitation)).toMatchObject({ initiated_by: 'sme' });
		const card = ok(await candidate.client.rpc('my_pipeline')).find(
			(r) => r.interest_id === invitation
		);
		expect(card).toMatchObject({
			awaiting_me: true,
			owner_organisation_name: null,
			other_name: null,
		});
		// The SME picked the candidate by name, so its board names them.
		expect(
			ok(await kenji.client.rpc('my_pipeline')).find((r) => r.interest_id === invitation)
				?.counterpart_name
		).toBe('Invited Returnee');
		expect(
			ok(await candidate.client.rpc('get_venture', { p_id: venture5 }).single()).revealed
		).toBe(false);
		await refused(backend, 'invalid_transition', () =>
			kenji.client.rpc('respond_interest', { p_interest_id: invitation, p_accept: true })
		);
		ok(
			await candidate.client.rpc('respond_interest', { p_interest_id: invitation, p_accept: true })
		);
		expect(
			ok(await candidate.client.rpc('get_venture', { p_id: venture5 }).single()).organisation_name
		).toBe('Hayashi Seiki');
		await refused(backend, 'duplicate_interest', () =>
			kenji.client.rpc('invite_candidate', {
				p_venture_id: venture5,
				p_profile_id: candidate.id,
				p_message: 'Again',
			})
		);
	});
});

describe('a returnee’s own opportunity', () => {
	test('an SME shows interest for its verified organisation; acceptance reveals both', async () => {
		const owner = await createReturnee(backend, 'Minh Owner', {
			business_stage: 'growing',
			business_name: 'Minh Mechanics',
			business_sector: 'automobile_repair',
		});
		await refused(
			backend,
			'invalid',
			() =>
				owner.client.rpc('save_venture', {
					p_fields: ventureFields({ side: 'returnee', min_jlpt: 'n3' }),
				}),
			'min_jlpt'
		);
		await refused(
			backend,
			'identifying_text',
			() =>
				owner.client.rpc('save_venture', {
					p_fields: ventureFields({
						side: 'returnee',
						min_jlpt: null,
						title: 'Minh Mechanics seeks parts',
					}),
				}),
			'title'
		);
		const venture = await postVenture(
			owner,
			ventureFields({
				side: 'returnee',
				min_jlpt: null,
				sector: 'automobile_repair',
				title: 'Garage in Da Nang seeks a parts supplier',
				partnership_type: 'supplier',
			})
		);
		await refused(
			backend,
			'not_verified',
			() => kenji.client.rpc('express_interest', { p_venture_id: venture, p_message: 'Hello' }),
			'organisation_id'
		);
		await refused(
			backend,
			'not_verified',
			() =>
				uma.client.rpc('express_interest', {
					p_venture_id: venture,
					p_message: 'Hello',
					p_organisation_id: unverified,
				}),
			'organisation_id'
		);
		const interest = ok(
			await kenji.client.rpc('express_interest', {
				p_venture_id: venture,
				p_message: 'We make brake parts.',
				p_organisation_id: hayashi,
			})
		);
		expect(await interestRow(service, interest)).toMatchObject({
			initiated_by: 'sme',
			counterpart_organisation_id: hayashi,
			corridor_country: 'VN',
		});
		// A colleague of the same organisation is a party too, and cannot show interest again.
		await refused(backend, 'duplicate_interest', () =>
			aiko.client.rpc('express_interest', {
				p_venture_id: venture,
				p_message: 'Hello',
				p_organisation_id: hayashi,
			})
		);
		const before = ok(await owner.client.rpc('my_pipeline')).find(
			(r) => r.interest_id === interest
		);
		expect(before).toMatchObject({
			awaiting_me: true,
			counterpart_organisation_name: null,
			counterpart_name: null,
		});
		ok(await owner.client.rpc('respond_interest', { p_interest_id: interest, p_accept: true }));
		const after = ok(await owner.client.rpc('my_pipeline')).find((r) => r.interest_id === interest);
		expect(after).toMatchObject({
			counterpart_organisation_name: 'Hayashi Seiki',
			counterpart_name: 'Kenji Hayashi',
			other_name: 'Hayashi Seiki',
		});
		expect(ok(await aiko.client.rpc('get_venture', { p_id: venture }).single())).toMatchObject({
			revealed: true,
			owner_name: 'Minh Owner',
		});
		ok(
			await aiko.client.rpc('send_venture_message', { p_interest_id: interest, p_body: 'Welcome' })
		);
	});
});

describe('stall reminders (time passed in)', () => {
	let waiting: string;
	let mutual: string;
	let owner: Member;
	let returnee: Member;

	beforeAll(async () => {
		owner = await createPerson(backend, 'Stall Owner');
		const org = await createOrganisation(backend, { name: 'Stall Kogyo' }, [owner]);
		returnee = await createReturnee(backend, 'Stall Returnee');
		const second = await createReturnee(backend, 'Stall Second');
		const venture = await postVenture(owner, ventureFields({ organisation_id: org }));
		waiting = ok(
			await returnee.client.rpc('express_interest', { p_venture_id: venture, p_message: 'Hello' })
		);
		mutual = ok(
			await second.client.rpc('express_interest', { p_venture_id: venture, p_message: 'Hello' })
		);
		ok(await owner.client.rpc('respond_interest', { p_interest_id: mutual, p_accept: true }));
	});

	const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

	test('only the service role runs the job', async () => {
		expectError(await owner.client.rpc('stalled_pipelines_due', { p_now: at(30) }));
		expectError(await client(backend, 'anon').rpc('stalled_pipelines_due', { p_now: at(30) }));
	});

	test('nothing is due before 21 days; then the answering side of a waiting interest and both sides of a mutual one, once per period', async () => {
		const mine = (rows: { interest_id: string; user_id: string; role: string }[]) =>
			rows
				.filter((r) => r.interest_id === waiting || r.interest_id === mutual)
				.map((r) => `${r.interest_id === waiting ? 'waiting' : 'mutual'}:${r.role}`)
				.sort();
		expect(mine(ok(await service.rpc('stalled_pipelines_due', { p_now: at(20) })))).toEqual([]);
		const due = ok(await service.rpc('stalled_pipelines_due', { p_now: at(22) }));
		expect(mine(due)).toEqual(['mutual:counterpart', 'mutual:owner', 'waiting:owner']);
		const ownerRow = due.find((r) => r.interest_id === waiting);
		expect(ownerRow).toMatchObject({ user_id: owner.id, email: owner.email, days_stalled: 22 });
		// Stamped: not again within the period, again after it.
		expect(mine(ok(await service.rpc('stalled_pipelines_due', { p_now: at(22) })))).toEqual([]);
		expect(mine(ok(await service.rpc('stalled_pipelines_due', { p_now: at(35) })))).toEqual([]);
		expect(mine(ok(await service.rpc('stalled_pipelines_due', { p_now: at(44) })))).toEqual([
			'mutual:counterpart',
			'mutual:owner',
			'waiting:owner',
		]);
	});

	test('joint-venture emails have their own switch: unsubscribe(token, ventures) leaves the person out', async () => {
		const { data: prefs } = await owner.client
			.from('notification_preferences')
			.select('email_ventures, unsubscribe_token')
			.single();
		expect(prefs?.email_ventures).toBe(true);
		const recipient = ok(
			await service.rpc('notification_recipient', { p_user_id: owner.id, p_kind: 'ventures' })
		);
		expect(recipient).toEqual([
			{
				email: owner.email,
				locale: 'en',
				display_name: 'Stall Owner',
				unsubscribe_token: prefs?.unsubscribe_token,
			},
		]);
		const due = ok(await service.rpc('stalled_pipelines_due', { p_now: at(70) }));
		expect(due.find((r) => r.user_id === owner.id)?.unsubscribe_token).toBe(
			prefs?.unsubscribe_token
		);
		ok(
			await client(backend, 'anon').rpc('unsubscribe', {
				p_token: prefs?.unsubscribe_token ?? '',
				p_kind: 'ventures',
			})
		);
		expect(
			ok(await service.rpc('notification_recipient', { p_user_id: owner.id, p_kind: 'ventures' }))
		).toEqual([]);
		// Mentoring emails are untouched; the reminders leave the owner out (the returnee still gets theirs).
		expect(
			ok(await service.rpc('notification_recipient', { p_user_id: owner.id, p_kind: 'requests' }))
		).toHaveLength(1);
		const later = ok(await service.rpc('stalled_pipelines_due', { p_now: at(100) }));
		expect(later.map((r) => r.user_id)).not.toContain(owner.id);
		expect(later.filter((r) => r.role === 'counterpart')).not.toEqual([]);
		// "all" turns joint-venture emails off too; the owner may switch them back on.
		const { data: theirs } = await returnee.client
			.from('notification_preferences')
			.select('unsubscribe_token')
			.single();
		ok(
			await client(backend, 'anon').rpc('unsubscribe', {
				p_token: theirs?.unsubscribe_token ?? '',
				p_kind: 'all',
			})
		);
		expect(
			ok(
				await service.rpc('notification_recipient', { p_user_id: returnee.id, p_kind: 'ventures' })
			)
		).toEqual([]);
		ok(
			await owner.client
				.from('notification_preferences')
				.update({ email_ventures: true })
				.eq('user_id', owner.id)
		);
		expect(
			ok(await service.rpc('notification_recipient', { p_user_id: owner.id, p_kind: 'ventures' }))
		).toHaveLength(1);
		const unknown = await client(backend, 'anon').rpc('unsubscribe', {
			p_token: '00000000-0000-4000-8000-000000000000',
			p_kind: 'ventures',
		});
		expect(unknown.error?.message).toBe('mentoring.not_found');
	});

	test('my_pipeline flags a stalled pipeline; a stage change clears it', async () => {
		await backend.db.query(
			`update public.venture_interests set stage_changed_at = now() - interval '22 days' where id = $1`,
			[mutual]
		);
		const flag = async () =>
			ok(await owner.client.rpc('my_pipeline')).find((r) => r.interest_id === mutual)?.stalled;
		expect(await flag()).toBe(true);
		ok(
			await owner.client.rpc('advance_pipeline', { p_interest_id: mutual, p_stage: 'introduced' })
		);
		expect(await flag()).toBe(false);
		ok(await service.rpc('set_venture_settings', { p_stall_days: 1 }));
		await backend.db.query(
			`update public.venture_interests set stage_changed_at = now() - interval '2 days' where id = $1`,
			[mutual]
		);
		expect(await flag()).toBe(true);
		ok(await service.rpc('set_venture_settings', { p_stall_days: 21 }));
		expectError(await owner.client.rpc('set_venture_settings', { p_stall_days: 2 }));
	});
});

describe('account export and deletion', () => {
	test('the export lists the caller’s ventures, interests, messages and milestones', async () => {
		const owner = await createPerson(backend, 'Export Owner');
		const org = await createOrganisation(backend, { name: 'Export Kogyo' }, [owner]);
		const returnee = await createReturnee(backend, 'Export Returnee');
		const venture = await postVenture(owner, ventureFields({ organisation_id: org }));
		const interest = ok(
			await returnee.client.rpc('express_interest', {
				p_venture_id: venture,
				p_message: 'My note',
			})
		);
		ok(await owner.client.rpc('respond_interest', { p_interest_id: interest, p_accept: true }));
		ok(
			await returnee.client.rpc('send_venture_message', { p_interest_id: interest, p_body: 'Mine' })
		);
		ok(
			await owner.client.rpc('send_venture_message', { p_interest_id: interest, p_body: 'Theirs' })
		);
		ok(
			await returnee.client.rpc('advance_pipeline', {
				p_interest_id: interest,
				p_stage: 'introduced',
				p_note: 'Logged by me',
			})
		);
		const data = ok(await returnee.client.rpc('export_my_data')) as {
			ventures: Record<string, { [key: string]: unknown }[]>;
			mentoring: unknown;
		};
		expect(data.mentoring).toBeDefined();
		expect(data.ventures['interests']?.map((i) => i['message'])).toEqual(['My note']);
		expect(data.ventures['messages_sent']?.map((m) => m['body'])).toEqual(['Mine']);
		expect(data.ventures['milestones_logged']?.map((m) => m['note'])).toEqual(['Logged by me']);
		expect(JSON.stringify(data.ventures)).not.toContain(owner.id);
		const ownerData = ok(await owner.client.rpc('export_my_data')) as {
			ventures: Record<string, { [key: string]: unknown }[]>;
		};
		expect(ownerData.ventures['ventures_posted']?.map((v) => v['id'])).toEqual([venture]);
		expect(JSON.stringify(ownerData.ventures)).not.toContain(returnee.id);
	});

	test('deleting the counterpart: the pipeline closes for the SME, messages and milestones stay without them', async () => {
		const owner = await createPerson(backend, 'Delete Owner');
		const org = await createOrganisation(backend, { name: 'Delete Kogyo' }, [owner]);
		const returnee = await createReturnee(backend, 'Delete Returnee');
		const venture = await postVenture(owner, ventureFields({ organisation_id: org }));
		const interest = ok(
			await returnee.client.rpc('express_interest', { p_venture_id: venture, p_message: 'Note' })
		);
		ok(await owner.client.rpc('respond_interest', { p_interest_id: interest, p_accept: true }));
		ok(
			await returnee.client.rpc('send_venture_message', { p_interest_id: interest, p_body: 'Bye' })
		);
		ok(
			await returnee.client.rpc('advance_pipeline', {
				p_interest_id: interest,
				p_stage: 'introduced',
			})
		);
		const { error } = await service.auth.admin.deleteUser(returnee.id);
		expect(error).toBeNull();
		expect(await interestRow(service, interest)).toMatchObject({
			counterpart_id: null,
			stage: 'closed',
			close_reason: 'other',
			furthest_stage: 'introduced',
			match_reasons: [],
		});
		const messages = ok(
			await owner.client
				.from('venture_messages')
				.select('sender_id, body')
				.eq('interest_id', interest)
		);
		expect(messages).toEqual([{ sender_id: null, body: 'Bye' }]);
		const { rows } = await backend.db.query<{ row: string }>(
			`select t::text as row from public.venture_interests t where t::text like '%' || $1 || '%'
			union all select t::text from public.venture_messages t where t::text like '%' || $1 || '%'
			union all select t::text from public.venture_milestones t where t::text like '%' || $1 || '%'
			union all select t::text from public.ventures t where t::text like '%' || $1 || '%'`,
			[returnee.id]
		);
		expect(rows).toEqual([]);
	});

	test('deleting a returnee who posted: their opportunity closes for the other side, ownerless', async () => {
		const owner = await createReturnee(backend, 'Leaving Owner', {
			business_sector: 'industrial_products_manufacturing',
		});
		const venture = await postVenture(
			owner,
			ventureFields({
				side: 'returnee',
				min_jlpt: null,
				title: 'Workshop seeks a machine supplier',
			})
		);
		const interest = ok(
			await kenji.client.rpc('express_interest', {
				p_venture_id: venture,
				p_message: 'Hello',
				p_organisation_id: hayashi,
			})
		);
		ok(await owner.client.rpc('respond_interest', { p_interest_id: interest, p_accept: true }));
		const { error } = await service.auth.admin.deleteUser(owner.id);
		expect(error).toBeNull();
		const { data } = await service
			.from('ventures')
			.select('owner_id, status')
			.eq('id', venture)
			.single();
		expect(data).toEqual({ owner_id: null, status: 'closed' });
		expect((await interestRow(service, interest)).stage).toBe('closed');
		// The SME keeps its (closed) pipeline, with the owner side unnamed.
		const card = ok(await kenji.client.rpc('my_pipeline')).find((r) => r.interest_id === interest);
		expect(card).toMatchObject({ stage: 'closed', owner_user_id: null, owner_name: null });
		expectCode(
			await kenji.client.rpc('send_venture_message', { p_interest_id: interest, p_body: 'Hello?' }),
			'closed'
		);
	});
});
