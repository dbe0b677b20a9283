/**
 * match_mentors(): hard constraints, scores with the right reasons (their points add up to the score and come from
 * matching_weights()), hidden profile fields never feeding a score or a reason, fairness (a flooded mentor drops,
 * then leaves the list at the cap), the per-mentee tie-break rotation, and the senpai–kōhai boost.
 *
 * Each scenario gives its people a language of their own, so mentors of one scenario never match mentees of another.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/supabase/database.types.ts';
import {
	createPerson,
	makeMentor,
	ok,
	type ProfileUpdate,
	type MentorProfileInsert,
} from './mentoring-fixture.ts';
import { client, type Client, type Member, startMembersBackend } from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

type Match = Database['public']['Functions']['match_mentors']['Returns'][number];
interface Reason {
	code: string;
	points: number;
	[param: string]: unknown;
}

let backend: TestBackend;
let service: Client;
/** matching_weights() as code → value. */
let W: Record<string, number>;

beforeAll(async () => {
	backend = await startMembersBackend();
	service = client(backend, 'service');
	const rows = ok(await client(backend, 'anon').rpc('matching_weights'));
	W = Object.fromEntries(rows.map((r) => [r.code, r.value]));
}, 60_000);

afterAll(async () => backend?.close());

async function mentor(
	name: string,
	profile: ProfileUpdate,
	offer: MentorProfileInsert = {}
): Promise<Member> {
	const member = await createPerson(backend, name, profile);
	await makeMentor(member, { languages: profile.languages ?? ['en'], ...offer });
	return member;
}

async function matches(
	mentee: Member,
	args: {
		p_topic?: Database['public']['Enums']['mentoring_topic'];
		p_limit?: number;
		p_offset?: number;
	} = {}
): Promise<Match[]> {
	return ok(await mentee.client.rpc('match_mentors', { p_limit: 50, ...args }));
}

const ids = (rows: Match[]) => rows.map((r) => r.mentor_id);
const reasons = (row: Match | undefined) => (row?.reasons ?? []) as unknown as Reason[];
const byId = (rows: Match[], member: Member) => rows.find((r) => r.mentor_id === member.id);

async function ask(mentee: Member, to: Member): Promise<string> {
	return ok(
		await mentee.client.rpc('request_mentorship', {
			p_mentor_id: to.id,
			p_topic: 'financing',
			p_goal: 'A goal',
			p_message: 'Hello',
		})
	);
}

describe('matching_weights()', { timeout: 60_000 }, () => {
	test('anyone may read the numbers; the points a full match can reach add up to 100', async () => {
		expect(W).toMatchObject({
			topic: 25,
			shared_sector: 15,
			same_field: 10,
			shared_languages: 10,
			shared_japanese_only: 5,
			same_country: 10,
			advises_country: 5,
			founded_business: 10,
			places_free: 5,
			replies_quickly: 10,
			replies_within_week: 5,
			new_mentor: 5,
			senpai: 15,
			waiting: 4,
			quick_reply_days: 2,
			week_reply_days: 7,
			max_waiting_requests: 5,
			max_open_requests_per_mentee: 3,
			request_expiry_days: 14,
			decline_cooldown_days: 90,
		});
		const best = [
			'topic',
			'shared_sector',
			'same_field',
			'shared_languages',
			'same_country',
			'advises_country',
			'founded_business',
			'places_free',
			'replies_quickly',
		].reduce((sum, code) => sum + (W[code] ?? 0), 0);
		expect(best).toBe(100);
	});
});

describe('hard constraints', { timeout: 60_000 }, () => {
	test('only mentors with a shared language, not paused, with a place, unblocked, not already asked, visible', async () => {
		const p = { languages: ['pt'] } satisfies ProfileUpdate;
		const mentee = await createPerson(backend, 'Hana Mentee', p);
		// The mentee is a mentor too: never matched with herself.
		await makeMentor(mentee, { languages: ['pt'] });
		const fine = await mentor('Fine Mentor', p);
		await mentor('Italian Mentor', { languages: ['pt'] }, { languages: ['it'] });
		await mentor('Paused Mentor', p, { paused: true });
		const full = await mentor('Full Mentor', p, { capacity: 1 });
		const fullMentee = await createPerson(backend, 'Full Mentee', p);
		ok(
			await full.client.rpc('respond_mentorship', {
				p_id: await ask(fullMentee, full),
				p_action: 'accept',
			})
		);
		const blockedByMentee = await mentor('Blocked Mentor', p);
		ok(await mentee.client.rpc('block_member', { p_user_id: blockedByMentee.id }));
		const blocking = await mentor('Blocking Mentor', p);
		ok(await blocking.client.rpc('block_member', { p_user_id: mentee.id }));
		const asked = await mentor('Asked Mentor', p);
		await ask(mentee, asked);
		await mentor('Hidden Mentor', { ...p, profile_visibility: 'private' });
		const unnamed = await mentor('Unnamed Mentor', p);
		ok(await unnamed.client.from('profiles').update({ display_name: '' }).eq('id', unnamed.id));
		const declined = await mentor('Declining Mentor', p);
		ok(
			await declined.client.rpc('respond_mentorship', {
				p_id: await ask(mentee, declined),
				p_action: 'decline',
			})
		);

		expect(ids(await matches(mentee))).toEqual([fine.id]);

		// A decline keeps the mentor out for decline_cooldown_days; after that they are offered again.
		await service
			.from('mentorships')
			.update({
				ended_at: new Date(
					Date.now() - ((W['decline_cooldown_days'] ?? 0) + 1) * 86_400_000
				).toISOString(),
			})
			.eq('mentor_id', declined.id);
		expect(ids(await matches(mentee)).sort()).toEqual([fine.id, declined.id].sort());
	});

	test('paging: p_limit 1–50, p_offset; scores 0–100, best first', async () => {
		const p = { languages: ['nl'] } satisfies ProfileUpdate;
		const mentee = await createPerson(backend, 'Page Mentee', p);
		for (const n of [1, 2, 3])
			await mentor(`Page Mentor ${n}`, p, { topics: n === 2 ? ['financing'] : ['hiring'] });
		const all = await matches(mentee, { p_topic: 'financing' });
		expect(all).toHaveLength(3);
		expect(all[0]?.display_name).toBe('Page Mentor 2');
		const scores = all.map((r) => r.score);
		expect([...scores].sort((a, b) => b - a)).toEqual(scores);
		for (const s of scores) expect(s).toBeGreaterThanOrEqual(0);
		for (const s of scores) expect(s).toBeLessThanOrEqual(100);
		expect(await matches(mentee, { p_topic: 'financing', p_limit: 1 })).toEqual(all.slice(0, 1));
		expect(await matches(mentee, { p_topic: 'financing', p_limit: 0 })).toEqual(all.slice(0, 1));
		expect(await matches(mentee, { p_topic: 'financing', p_limit: 1, p_offset: 2 })).toEqual(
			all.slice(2)
		);
	});
});

describe('scores and reasons', { timeout: 60_000 }, () => {
	const group = { languages: ['ja', 'ms'] } satisfies ProfileUpdate;
	const mentee: ProfileUpdate = {
		...group,
		kinds: ['returnee'],
		home_country: 'ID',
		country_visibility: 'members',
		japan_field: 'food_beverage_manufacturing',
		field_visibility: 'public',
		business_stage: 'idea',
		business_sector: 'food_service',
		business_visibility: 'members',
		jlpt_level: 'n2',
		japanese_visibility: 'members',
	};
	const visible: ProfileUpdate = {
		...group,
		kinds: ['returnee', 'mentor'],
		profile_visibility: 'public',
		headline: 'Bakery owner',
		home_country: 'ID',
		country_visibility: 'public',
		japan_field: 'food_beverage_manufacturing',
		field_visibility: 'public',
		jlpt_level: 'n3',
		japanese_visibility: 'public',
		business_stage: 'growing',
		business_sector: 'food_service',
		business_visibility: 'members',
	};
	const offer: MentorProfileInsert = {
		topics: ['financing', 'food'],
		sectors: ['food_service'],
		languages: ['ja', 'ms'],
		countries: ['ID'],
		capacity: 3,
	};
	let ana: Member;
	let budi: Member;
	let citra: Member;

	beforeAll(async () => {
		ana = await createPerson(backend, 'Ana Mentee', mentee);
		budi = await mentor('Budi Mentor', visible, offer);
		// Citra is Budi with her country, business, Japanese level and field hidden from members.
		citra = await mentor(
			'Citra Mentor',
			{
				...visible,
				country_visibility: 'private',
				business_visibility: 'private',
				japanese_visibility: 'private',
				field_visibility: 'verified_orgs',
			},
			offer
		);
	});

	test('every reason, with its parameters and points; the points add up to the score', async () => {
		const rows = await matches(ana, { p_topic: 'financing' });
		const row = byId(rows, budi);
		expect(reasons(row)).toEqual([
			{ code: 'topic', topic: 'financing', points: W['topic'] },
			{ code: 'shared_sector', sector: 'food_service', points: W['shared_sector'] },
			{ code: 'same_field', field: 'food_beverage_manufacturing', points: W['same_field'] },
			{
				code: 'shared_languages',
				languages: ['ja', 'ms'],
				jlpt: 'n3',
				points: W['shared_languages'],
			},
			{ code: 'same_country', country: 'ID', points: W['same_country'] },
			{ code: 'advises_country', country: 'ID', points: W['advises_country'] },
			{
				code: 'founded_business',
				stage: 'growing',
				sector: 'food_service',
				points: W['founded_business'],
			},
			{ code: 'places_free', free: 3, capacity: 3, points: W['places_free'] },
			{ code: 'new_mentor', points: W['new_mentor'] },
		]);
		expect(row?.score).toBe(95);
		expect(reasons(row).reduce((sum, r) => sum + r.points, 0)).toBe(row?.score);
		expect(row).toMatchObject({
			display_name: 'Budi Mentor',
			headline: 'Bakery owner',
			home_country: 'ID',
			capacity: 3,
			active_count: 0,
			places_free: 3,
			reply_days: null,
			senpai: false,
		});
	});

	test('without a topic nobody gets topic points', async () => {
		const row = byId(await matches(ana), budi);
		expect(reasons(row).map((r) => r.code)).not.toContain('topic');
		expect(row?.score).toBe(95 - (W['topic'] ?? 0));
	});

	test('hidden mentor fields feed neither the score nor the reasons', async () => {
		const rows = await matches(ana, { p_topic: 'financing' });
		const row = byId(rows, citra);
		expect(reasons(row)).toEqual([
			{ code: 'topic', topic: 'financing', points: W['topic'] },
			{ code: 'shared_sector', sector: 'food_service', points: W['shared_sector'] },
			{
				code: 'shared_languages',
				languages: ['ja', 'ms'],
				jlpt: null,
				points: W['shared_languages'],
			},
			{ code: 'advises_country', country: 'ID', points: W['advises_country'] },
			{ code: 'places_free', free: 3, capacity: 3, points: W['places_free'] },
			{ code: 'new_mentor', points: W['new_mentor'] },
		]);
		expect(row?.score).toBe(65);
		expect(row?.home_country).toBeNull();
		const text = JSON.stringify(row);
		for (const hidden of ['growing', 'n3', 'food_beverage_manufacturing']) {
			expect(text).not.toContain(hidden);
		}
		expect(ids(rows).indexOf(budi.id)).toBeLessThan(ids(rows).indexOf(citra.id));
	});

	test('the mentee’s fields count only when signed-in members may see them (the mentor sees the reasons)', async () => {
		const private_ = await createPerson(backend, 'Dewi Mentee', {
			...mentee,
			country_visibility: 'private',
			business_visibility: 'private',
			japanese_visibility: 'verified_orgs',
		});
		const row = byId(await matches(private_, { p_topic: 'financing' }), budi);
		// No same_country / advises_country (her country is private), no shared_sector (her business sector is
		// private and her Japan field is not a sector Budi knows), no JLPT level in the shared languages.
		expect(reasons(row).map((r) => r.code)).toEqual([
			'topic',
			'same_field',
			'shared_languages',
			'founded_business',
			'places_free',
			'new_mentor',
		]);
		expect(reasons(row).find((r) => r.code === 'shared_languages')?.['jlpt']).toBeNull();
	});

	test('changes to the mentor’s profile and offer count at once', async () => {
		const codes = async () =>
			reasons(byId(await matches(ana, { p_topic: 'financing' }), budi)).map((r) => r.code);
		ok(
			await budi.client
				.from('profiles')
				.update({ business_visibility: 'private', country_visibility: 'verified_orgs' })
				.eq('id', budi.id)
		);
		ok(
			await budi.client
				.from('mentor_profiles')
				.update({ topics: ['food'] })
				.eq('user_id', budi.id)
		);
		expect(await codes()).toEqual([
			'shared_sector',
			'same_field',
			'shared_languages',
			'advises_country',
			'places_free',
			'new_mentor',
		]);
		ok(
			await budi.client
				.from('profiles')
				.update({ business_visibility: 'members', country_visibility: 'public' })
				.eq('id', budi.id)
		);
		ok(
			await budi.client
				.from('mentor_profiles')
				.update({ topics: ['financing', 'food'] })
				.eq('user_id', budi.id)
		);
		expect(await codes()).toContain('founded_business');
		expect(await codes()).toContain('topic');
	});

	test('a request stores the score and reasons the mentee was shown; the mentor sees them', async () => {
		const shown = byId(await matches(ana, { p_topic: 'financing' }), budi);
		const id = await ask(ana, budi);
		const stored = ok(
			await budi.client
				.from('mentorships')
				.select('match_score, match_reasons')
				.eq('id', id)
				.single()
		);
		expect(stored).toEqual({ match_score: shown?.score, match_reasons: shown?.reasons });
		// Once asked, Budi leaves Ana's list.
		const after = await matches(ana, { p_topic: 'financing' });
		expect(ids(after)).not.toContain(budi.id);
	});

	test('a reply record earns points: within 2 days 10, within a week 5', async () => {
		const fast = await mentor('Fast Mentor', group, { languages: ['ms'] });
		const slow = await mentor('Slow Mentor', group, { languages: ['ms'] });
		for (const [m, hours] of [
			[fast, 30],
			[slow, 100],
		] as const) {
			const asker = await createPerson(backend, `Asker ${m.id.slice(0, 4)}`, group);
			const id = await ask(asker, m);
			await service
				.from('mentorships')
				.update({ requested_at: new Date(Date.now() - hours * 3_600_000).toISOString() })
				.eq('id', id);
			ok(await m.client.rpc('respond_mentorship', { p_id: id, p_action: 'accept' }));
		}
		const rows = await matches(ana);
		expect(reasons(byId(rows, fast))).toContainEqual({
			code: 'replies_quickly',
			days: 2,
			points: W['replies_quickly'],
		});
		expect(reasons(byId(rows, slow))).toContainEqual({
			code: 'replies_quickly',
			days: 5,
			points: W['replies_within_week'],
		});
		expect(byId(rows, fast)?.reply_days).toBe(2);
		for (const m of [fast, slow]) {
			expect(reasons(byId(rows, m)).map((r) => r.code)).not.toContain('new_mentor');
		}
	});
});

describe('fairness', { timeout: 60_000 }, () => {
	test('a flooded mentor drops by the waiting penalty, then leaves the list at the cap', async () => {
		const p = { languages: ['de'] } satisfies ProfileUpdate;
		const mentee = await createPerson(backend, 'Fair Mentee', p);
		const popular = await mentor('Popular Mentor', p, { capacity: 5 });
		const quiet = await mentor('Quiet Mentor', p, { capacity: 5 });
		const before = await matches(mentee);
		expect(byId(before, popular)?.score).toBe(byId(before, quiet)?.score);

		for (const n of [1, 2, 3]) await ask(await createPerson(backend, `Flood ${n}`, p), popular);
		const flooded = await matches(mentee);
		expect(ids(flooded)).toEqual([quiet.id, popular.id]);
		expect((byId(flooded, quiet)?.score ?? 0) - (byId(flooded, popular)?.score ?? 0)).toBe(
			3 * (W['waiting'] ?? 0)
		);
		expect(reasons(byId(flooded, popular))).toContainEqual({
			code: 'waiting',
			count: 3,
			points: -3 * (W['waiting'] ?? 0),
		});

		const cap = W['max_waiting_requests'] ?? 0;
		for (let n = 4; n <= cap; n++) await ask(await createPerson(backend, `Flood ${n}`, p), popular);
		expect(ids(await matches(mentee))).toEqual([quiet.id]);
		// At the cap, new requests are refused too; an answer brings the mentor back.
		const late = await createPerson(backend, 'Late Mentee', p);
		const refused = await late.client.rpc('request_mentorship', {
			p_mentor_id: popular.id,
			p_topic: 'financing',
			p_goal: 'Goal',
			p_message: 'Hello',
		});
		expect(refused.error?.message).toBe('mentoring.mentor_full');
		const waiting = ok(await popular.client.rpc('my_mentorships'));
		ok(
			await popular.client.rpc('respond_mentorship', {
				p_id: waiting[0]?.id ?? '',
				p_action: 'decline',
				p_reason: 'no_capacity',
			})
		);
		expect(ids(await matches(mentee))).toEqual([quiet.id, popular.id]);
	});

	test('equal mentors rotate: each mentee has a stable order of their own, by a hash of both ids', async () => {
		const p = { languages: ['fr'] } satisfies ProfileUpdate;
		const mentors: Member[] = [];
		for (const n of [1, 2, 3, 4, 5, 6]) mentors.push(await mentor(`Equal Mentor ${n}`, p));
		const mentees: Member[] = [];
		for (const n of [1, 2, 3]) mentees.push(await createPerson(backend, `Rotating Mentee ${n}`, p));
		const orders: string[][] = [];
		for (const mentee of mentees) {
			const rows = await matches(mentee);
			expect(new Set(rows.map((r) => r.score)).size).toBe(1);
			const order = ids(rows);
			expect(ids(await matches(mentee))).toEqual(order);
			const { rows: expected } = await backend.db.query<{ id: string }>(
				`select id::text from unnest($1::uuid[]) as id
				order by pg_catalog.hashtext($2::text || id::text), id`,
				[mentors.map((m) => m.id), mentee.id]
			);
			expect(order).toEqual(expected.map((r) => r.id));
			orders.push(order);
		}
		expect(new Set(orders.map((o) => o.join())).size).toBeGreaterThan(1);
	});
});

describe('senpai–kōhai', { timeout: 60_000 }, () => {
	const p = { languages: ['sw'] } satisfies ProfileUpdate;
	const returnee: ProfileUpdate = {
		...p,
		kinds: ['returnee'],
		home_country: 'KE',
		japan_field: 'nursing_care',
	};

	test('people in Japan or preparing are offered returnees from the same country and field first', async () => {
		const senpai = await mentor('Senpai Mentor', returnee);
		const otherField = await mentor('Builder Mentor', { ...returnee, japan_field: 'construction' });
		const notReturnee = await mentor('Local Mentor', { ...returnee, kinds: ['mentor'] });
		const hiddenCountry = await mentor('Quiet Senpai', {
			...returnee,
			country_visibility: 'private',
		});
		const kohai = await createPerson(backend, 'Kibet Preparing', {
			...p,
			kinds: ['preparing'],
			home_country: 'KE',
			japan_field: 'nursing_care',
		});
		const rows = await matches(kohai);
		expect(rows[0]?.mentor_id).toBe(senpai.id);
		expect(rows[0]?.senpai).toBe(true);
		expect(reasons(rows[0])).toContainEqual({
			code: 'senpai',
			country: 'KE',
			field: 'nursing_care',
			points: W['senpai'],
		});
		for (const m of [otherField, notReturnee, hiddenCountry]) {
			expect(byId(rows, m)?.senpai).toBe(false);
			expect(reasons(byId(rows, m)).map((r) => r.code)).not.toContain('senpai');
		}
		// Someone in Japan gets the same; a returnee mentee does not.
		const inJapan = await createPerson(backend, 'Wanjiru In Japan', {
			...p,
			kinds: ['in_japan'],
			home_country: 'KE',
			japan_field: 'nursing_care',
		});
		expect(byId(await matches(inJapan), senpai)?.senpai).toBe(true);
		const home = await createPerson(backend, 'Otieno Home', returnee);
		const homeRow = byId(await matches(home), senpai);
		expect(homeRow?.senpai).toBe(false);
		expect((homeRow?.score ?? 0) + (W['senpai'] ?? 0)).toBe(rows[0]?.score);
	});
});
