/**
 * RLS matrix for mentoring: every table × anon, a stranger, the mentee, the mentor, staff and the service role ×
 * select, insert, update and delete — also through filters, embedding, counts and RPCs. Requests, threads and
 * feedback are visible only to their members; feedback never to the other side (the mentor sees aggregates of 3
 * or more); staff read a thread only once a report names it (a message report shows that message only).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	createPerson,
	expectCode,
	makeMentor,
	ok,
	setProfile,
	snapshot,
} from './mentoring-fixture.ts';
import {
	client,
	type Client,
	createMember,
	expectError,
	expectNothing,
	makeStaff,
	type Member,
	type Result,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

let backend: TestBackend;
let anon: Client;
let service: Client;
/** The mentee. */
let mai: Member;
/** The mentor (public profile). */
let lan: Member;
/** A signed-in member with no part in anything. */
let sam: Member;
let staff: Member;
/** A mentor whose profile only verified organisations see, and a member of a verified organisation. */
let vera: Member;
let olga: Member;
/** A mentor whose profile is unlisted (private). */
let pax: Member;
/** A completed mentorship with feedback from both sides, never reported. */
let done: string;
/** An active mentorship whose messages get reported in the staff tests. */
let live: string;
let liveMessages: number[];
let doneMessages: number[];

type Actor = 'anon' | 'sam' | 'mai' | 'lan' | 'staff' | 'service' | 'anonymous';

function as(actor: Actor): Client {
	switch (actor) {
		case 'anon':
			return anon;
		case 'service':
			return service;
		case 'sam':
			return sam.client;
		case 'mai':
			return mai.client;
		case 'lan':
			return lan.client;
		case 'staff':
			return staff.client;
		case 'anonymous':
			// Supabase's anonymous sign-in (claim is_anonymous) on a named account.
			return client(backend, { token: backend.userToken(sam.id, { is_anonymous: true }) });
	}
}

/** The call changed nothing in any mentoring table (refused with an error, or matched no row). */
async function unchanged(call: () => PromiseLike<Result>): Promise<void> {
	const before = await snapshot(backend);
	const result = await call();
	if (result.error === null) expect(result.data ?? [], 'expected no rows').toEqual([]);
	expect(await snapshot(backend)).toBe(before);
}

/** Sorted keys of the rows `actor` reads from `table` (null: refused with an error). */
async function keys(actor: Actor, table: Table): Promise<string[] | null> {
	const { data, error } = await as(actor).from(table).select(KEY[table].join(', '));
	if (error !== null) return null;
	return (data as unknown as Record<string, unknown>[])
		.map((row) => KEY[table].map((k) => String(row[k])).join('/'))
		.sort();
}

type Table =
	| 'mentor_profiles'
	| 'mentorships'
	| 'mentorship_messages'
	| 'mentorship_reads'
	| 'mentorship_feedback'
	| 'reports'
	| 'blocks'
	| 'notification_preferences';

const KEY: Record<Table, string[]> = {
	mentor_profiles: ['user_id'],
	mentorships: ['id'],
	mentorship_messages: ['id'],
	mentorship_reads: ['mentorship_id', 'user_id'],
	mentorship_feedback: ['mentorship_id', 'author_role'],
	reports: ['id'],
	blocks: ['blocker_id', 'blocked_id'],
	notification_preferences: ['user_id'],
};

async function all(table: Table): Promise<string[]> {
	return (await keys('service', table)) ?? [];
}

beforeAll(async () => {
	backend = await startMembersBackend();
	anon = client(backend, 'anon');
	service = client(backend, 'service');
	mai = await createPerson(backend, 'Mai Nguyen', { languages: ['en', 'vi'] });
	lan = await createPerson(backend, 'Lan Tran', {
		languages: ['en', 'vi'],
		profile_visibility: 'public',
	});
	sam = await createPerson(backend, 'Sam Otieno');
	staff = await createPerson(backend, 'Stan Staff');
	await makeStaff(backend, staff);
	vera = await createPerson(backend, 'Vera Verified', { profile_visibility: 'verified_orgs' });
	pax = await createPerson(backend, 'Pax Private', { profile_visibility: 'private' });
	olga = await createPerson(backend, 'Olga Org');
	await makeMentor(lan, { topics: ['financing', 'food'], languages: ['en', 'vi'], capacity: 3 });
	await makeMentor(vera);
	await makeMentor(pax);
	// Olga belongs to a verified organisation (tier verified_orgs).
	const org = ok(
		await service
			.from('organisations')
			.insert({
				kind: 'japanese_sme',
				name: 'Verified KK',
				country: 'JP',
				verified: true,
				verified_at: new Date().toISOString(),
			})
			.select('id')
			.single()
	);
	ok(
		await service
			.from('organisation_members')
			.insert({ organisation_id: org.id, user_id: olga.id, role: 'owner' })
	);

	done = ok(
		await mai.client.rpc('request_mentorship', {
			p_mentor_id: lan.id,
			p_topic: 'financing',
			p_goal: 'A loan for my bakery',
			p_message: 'Done thread: first',
		})
	);
	ok(await lan.client.rpc('respond_mentorship', { p_id: done, p_action: 'accept' }));
	ok(
		await lan.client.rpc('send_mentorship_message', { p_id: done, p_body: 'Done thread: second' })
	);
	ok(await mai.client.rpc('complete_mentorship', { p_id: done }));
	ok(await lan.client.rpc('complete_mentorship', { p_id: done }));
	ok(
		await mai.client.rpc('submit_mentorship_feedback', {
			p_id: done,
			p_useful: 2,
			p_goals_met: 'no',
			p_outcome: 'no_change_yet',
			p_comment: 'Mai private comment',
		})
	);
	ok(
		await lan.client.rpc('submit_mentorship_feedback', {
			p_id: done,
			p_useful: 4,
			p_goals_met: 'partly',
			p_outcome: 'other',
			p_comment: 'Lan private comment',
		})
	);
	live = ok(
		await mai.client.rpc('request_mentorship', {
			p_mentor_id: lan.id,
			p_topic: 'food',
			p_goal: 'Export rice crackers',
			p_message: 'Live thread: first',
		})
	);
	ok(await lan.client.rpc('respond_mentorship', { p_id: live, p_action: 'accept' }));
	ok(
		await lan.client.rpc('send_mentorship_message', { p_id: live, p_body: 'Live thread: second' })
	);
	ok(await mai.client.rpc('send_mentorship_message', { p_id: live, p_body: 'Live thread: third' }));
	ok(await mai.client.rpc('block_member', { p_user_id: sam.id }));
	const messages = ok(
		await service.from('mentorship_messages').select('id, mentorship_id').order('id')
	);
	liveMessages = messages.filter((m) => m.mentorship_id === live).map((m) => m.id);
	doneMessages = messages.filter((m) => m.mentorship_id === done).map((m) => m.id);
}, 60_000);

afterAll(async () => backend?.close());

describe('SELECT: who reads which rows', { timeout: 60_000 }, () => {
	test('mentor_profiles: owner, staff, and members who may see the owner’s profile', async () => {
		const everyone = await all('mentor_profiles');
		expect(everyone).toEqual([lan.id, vera.id, pax.id].sort());
		expect(await keys('anon', 'mentor_profiles')).toBeNull();
		expect(await keys('anonymous', 'mentor_profiles')).toEqual([]);
		expect(await keys('sam', 'mentor_profiles')).toEqual([lan.id]);
		expect(await keys('mai', 'mentor_profiles')).toEqual([lan.id]);
		expect(await keys('lan', 'mentor_profiles')).toEqual([lan.id]);
		expect(await keys('staff', 'mentor_profiles')).toEqual(everyone);
		expect(await keys('service', 'mentor_profiles')).toEqual(everyone);
		// The verified-organisation tier sees Vera; Pax sees only herself.
		const olgaSees = ok(await olga.client.from('mentor_profiles').select('user_id'));
		expect(olgaSees.map((r) => r.user_id).sort()).toEqual([lan.id, vera.id].sort());
		const paxSees = ok(await pax.client.from('mentor_profiles').select('user_id'));
		expect(paxSees.map((r) => r.user_id).sort()).toEqual([lan.id, pax.id].sort());
	});

	test('mentor_profiles: filters, counts and embedding reveal nothing more', async () => {
		expectNothing(await sam.client.from('mentor_profiles').select('user_id').eq('user_id', pax.id));
		// `*` is refused: paused_reason and expired_count are granted to nobody (mentoring-privacy.test.ts).
		const count = await sam.client
			.from('mentor_profiles')
			.select('user_id', { count: 'exact', head: true });
		expect(count.count).toBe(1);
		// Embedding the profile: profiles are the owner's only, so the embed is empty for others.
		const embedded = ok(
			await sam.client.from('mentor_profiles').select('user_id, profiles(id, contact_email)')
		);
		expect(embedded).toEqual([{ user_id: lan.id, profiles: null }]);
	});

	test('mentorships: only its two members (staff only once reported)', async () => {
		const both = [done, live].sort();
		expect(await all('mentorships')).toEqual(both);
		expect(await keys('anon', 'mentorships')).toBeNull();
		expect(await keys('anonymous', 'mentorships')).toEqual([]);
		expect(await keys('sam', 'mentorships')).toEqual([]);
		expect(await keys('mai', 'mentorships')).toEqual(both);
		expect(await keys('lan', 'mentorships')).toEqual(both);
		expect(await keys('staff', 'mentorships')).toEqual([]);
		// Filters and counts do not get around it.
		expectNothing(
			await sam.client
				.from('mentorships')
				.select('id')
				.or(`mentee_id.eq.${mai.id},mentor_id.eq.${lan.id}`)
		);
		expectNothing(await staff.client.from('mentorships').select('id').eq('id', live));
		const count = await sam.client.from('mentorships').select('*', { count: 'exact', head: true });
		expect(count.count).toBe(0);
	});

	test('mentorship_messages: only the two members, also through embedding', async () => {
		const every = await all('mentorship_messages');
		expect(every).toHaveLength(5);
		expect(await keys('anon', 'mentorship_messages')).toBeNull();
		expect(await keys('sam', 'mentorship_messages')).toEqual([]);
		expect(await keys('anonymous', 'mentorship_messages')).toEqual([]);
		expect(await keys('mai', 'mentorship_messages')).toEqual(every);
		expect(await keys('lan', 'mentorship_messages')).toEqual(every);
		expect(await keys('staff', 'mentorship_messages')).toEqual([]);
		expectNothing(
			await sam.client.from('mentorship_messages').select('id, body').eq('mentorship_id', live)
		);
		expectNothing(
			await staff.client.from('mentorship_messages').select('body').ilike('body', '%thread%')
		);
		const embedded = ok(
			await mai.client.from('mentorships').select('id, mentorship_messages(body)').eq('id', live)
		);
		expect(embedded[0]?.mentorship_messages).toHaveLength(3);
		expectNothing(
			await sam.client.from('mentorship_messages').select('id, mentorships(goal)').limit(5)
		);
		const count = await staff.client
			.from('mentorship_messages')
			.select('*', { count: 'exact', head: true });
		expect(count.count).toBe(0);
	});

	test('mentorship_reads: one’s own read marks only', async () => {
		const every = await all('mentorship_reads');
		expect(every.length).toBeGreaterThanOrEqual(2);
		expect(await keys('anon', 'mentorship_reads')).toBeNull();
		expect(await keys('sam', 'mentorship_reads')).toEqual([]);
		expect(await keys('staff', 'mentorship_reads')).toEqual([]);
		for (const member of [mai, lan]) {
			const own = ok(await member.client.from('mentorship_reads').select('user_id'));
			expect(own.length).toBeGreaterThan(0);
			expect(new Set(own.map((r) => r.user_id))).toEqual(new Set([member.id]));
		}
	});

	test('mentorship_feedback: the author and staff; never the other side, not even by filter or embed', async () => {
		const both = [`${done}/mentee`, `${done}/mentor`];
		expect(await all('mentorship_feedback')).toEqual(both);
		expect(await keys('anon', 'mentorship_feedback')).toBeNull();
		expect(await keys('sam', 'mentorship_feedback')).toEqual([]);
		expect(await keys('mai', 'mentorship_feedback')).toEqual([`${done}/mentee`]);
		expect(await keys('lan', 'mentorship_feedback')).toEqual([`${done}/mentor`]);
		expect(await keys('staff', 'mentorship_feedback')).toEqual(both);
		expectNothing(
			await lan.client.from('mentorship_feedback').select('comment').eq('author_role', 'mentee')
		);
		expectNothing(
			await lan.client.from('mentorship_feedback').select('useful').eq('author_id', mai.id)
		);
		const embedded = ok(
			await lan.client
				.from('mentorships')
				.select('id, mentorship_feedback(author_role, comment)')
				.eq('id', done)
		);
		expect(embedded[0]?.mentorship_feedback).toEqual([
			{ author_role: 'mentor', comment: 'Lan private comment' },
		]);
		const count = await lan.client
			.from('mentorship_feedback')
			.select('*', { count: 'exact', head: true });
		expect(count.count).toBe(1);
		// The mentor's summary has no figures from one response.
		expect(ok(await lan.client.rpc('mentor_feedback_summary'))).toEqual([
			expect.objectContaining({ responses: 1, useful_avg: null, outcomes: null }),
		]);
		// Nor does the mentee's export carry the mentor's feedback.
		const text = JSON.stringify(ok(await mai.client.rpc('export_my_data')));
		expect(text).toContain('Mai private comment');
		expect(text).not.toContain('Lan private comment');
	});

	test('blocks: the blocker only', async () => {
		expect(await all('blocks')).toEqual([`${mai.id}/${sam.id}`]);
		expect(await keys('anon', 'blocks')).toBeNull();
		expect(await keys('mai', 'blocks')).toEqual([`${mai.id}/${sam.id}`]);
		expect(await keys('sam', 'blocks')).toEqual([]);
		expect(await keys('lan', 'blocks')).toEqual([]);
		expect(await keys('staff', 'blocks')).toEqual([]);
	});

	test('notification_preferences: the owner only; every profile has a row', async () => {
		const every = await all('notification_preferences');
		expect(every).toEqual(expect.arrayContaining([mai.id, lan.id, sam.id, staff.id]));
		expect(await keys('anon', 'notification_preferences')).toBeNull();
		for (const [actor, member] of [
			['mai', mai],
			['lan', lan],
			['sam', sam],
			['staff', staff],
		] as const) {
			expect(await keys(actor, 'notification_preferences')).toEqual([member.id]);
		}
	});

	test('reports: none yet; RPCs show each person only their own', async () => {
		expect(await all('reports')).toEqual([]);
		const mine = ok(await sam.client.rpc('my_mentorships'));
		expect(mine).toEqual([]);
		expect(
			ok(await mai.client.rpc('my_mentorships'))
				.map((m) => m.id)
				.sort()
		).toEqual([done, live].sort());
		expectError(await anon.rpc('my_mentorships'), '42501');
		expectError(await anon.rpc('match_mentors', {}), '42501');
		expectCode(await sam.client.rpc('moderation_queue'), 'not_allowed');
	});
});

describe('INSERT, UPDATE, DELETE: nobody writes past the rules', { timeout: 60_000 }, () => {
	test('mentor_profiles: nobody writes another’s; the owner never writes counters or paused_reason', async () => {
		for (const actor of ['anon', 'sam', 'mai', 'staff', 'anonymous'] as const) {
			await unchanged(() =>
				as(actor)
					.from('mentor_profiles')
					.insert({
						user_id: lan.id,
						topics: ['hiring'],
						languages: ['en'],
					})
			);
			await unchanged(() =>
				as(actor).from('mentor_profiles').update({ capacity: 9 }).eq('user_id', lan.id).select()
			);
			await unchanged(() =>
				as(actor).from('mentor_profiles').delete().eq('user_id', lan.id).select()
			);
		}
		// An anonymous sign-in cannot offer mentoring for itself either.
		await unchanged(() =>
			as('anonymous')
				.from('mentor_profiles')
				.insert({ user_id: sam.id, topics: ['hiring'], languages: ['en'] })
		);
		for (const values of [
			{ paused_reason: 'unanswered_requests' },
			{ active_count: 0 },
			{ waiting_count: 0 },
			{ reply_days: 1 },
			{ expired_count: 0 },
			{ last_active_at: new Date().toISOString() },
			{ user_id: sam.id },
		]) {
			await unchanged(() =>
				lan.client.from('mentor_profiles').update(values).eq('user_id', lan.id).select()
			);
		}
		await unchanged(() =>
			sam.client.from('mentor_profiles').insert({
				user_id: sam.id,
				topics: ['hiring'],
				languages: ['en'],
				paused: true,
				paused_reason: 'unanswered_requests',
			})
		);
		// Rules the database checks (23514): topics 1–8, languages ISO 639-1, capacity 1–10, about ≤ 1,000.
		for (const values of [
			{ topics: [] },
			{ languages: ['xx'] },
			{ capacity: 11 },
			{ about: 'x'.repeat(1001) },
			{ formats: [] },
		]) {
			expectError(
				await sam.client
					.from('mentor_profiles')
					.insert({ user_id: sam.id, topics: ['hiring'], languages: ['en'], ...values }),
				'23514'
			);
		}
	});

	test('mentor_profiles: the owner writes their offer; the service role may do anything', async () => {
		ok(
			await lan.client
				.from('mentor_profiles')
				.update({ about: 'Bakeries and <b>loans</b>', capacity: 3 })
				.eq('user_id', lan.id)
		);
		const row = ok(
			await lan.client.from('mentor_profiles').select('about').eq('user_id', lan.id).single()
		);
		expect(row.about).toBe('Bakeries and <b>loans</b>');
		ok(
			await service
				.from('mentor_profiles')
				.update({ last_active_at: new Date().toISOString() })
				.eq('user_id', lan.id)
		);
	});

	test('mentorships, messages, reads, feedback, reports: no direct writes for any API role', async () => {
		const forged = {
			mentorships: {
				mentee_id: sam.id,
				mentor_id: lan.id,
				topic: 'financing',
				goal: 'Forged',
				expires_at: new Date().toISOString(),
			},
			mentorship_messages: { mentorship_id: live, sender_id: mai.id, body: 'Forged' },
			mentorship_reads: { mentorship_id: live, user_id: sam.id },
			mentorship_feedback: {
				mentorship_id: done,
				author_role: 'mentee',
				author_id: mai.id,
				useful: 5,
				goals_met: 'yes',
				outcome: 'other',
			},
			reports: { reporter_id: sam.id, reported_user_id: lan.id, reason: 'spam' },
		} as const;
		const targets: Record<keyof typeof forged, [string, string | number]> = {
			mentorships: ['id', live],
			mentorship_messages: ['id', liveMessages[0] as number],
			mentorship_reads: ['mentorship_id', live],
			mentorship_feedback: ['mentorship_id', done],
			reports: ['reason', 'spam'],
		};
		for (const actor of ['anon', 'sam', 'mai', 'lan', 'staff', 'anonymous'] as const) {
			for (const table of Object.keys(forged) as (keyof typeof forged)[]) {
				const [column, value] = targets[table];
				await unchanged(() =>
					as(actor)
						.from(table)
						.insert(forged[table] as never)
				);
				await unchanged(() =>
					as(actor)
						.from(table)
						.update({ [column]: value } as never)
						.eq(column, value)
						.select()
				);
				await unchanged(() => as(actor).from(table).delete().eq(column, value).select());
			}
		}
	});

	test('blocks: only through block_member; the blocker may delete their own, nobody else’s', async () => {
		for (const actor of ['anon', 'sam', 'lan', 'staff', 'anonymous'] as const) {
			await unchanged(() =>
				as(actor).from('blocks').insert({ blocker_id: sam.id, blocked_id: mai.id })
			);
			await unchanged(() => as(actor).from('blocks').delete().eq('blocker_id', mai.id).select());
		}
		await unchanged(() =>
			mai.client.from('blocks').update({ blocked_id: lan.id }).eq('blocker_id', mai.id).select()
		);
		await unchanged(() =>
			mai.client.from('blocks').insert({ blocker_id: mai.id, blocked_id: lan.id })
		);
		ok(await mai.client.from('blocks').delete().eq('blocked_id', sam.id));
		expect(await all('blocks')).toEqual([]);
		ok(await mai.client.rpc('block_member', { p_user_id: sam.id }));
	});

	test('notification_preferences: the owner changes the four switches only; one-click unsubscribe', async () => {
		for (const actor of ['anon', 'sam', 'lan', 'staff', 'anonymous'] as const) {
			await unchanged(() =>
				as(actor)
					.from('notification_preferences')
					.update({ email_requests: false })
					.eq('user_id', mai.id)
					.select()
			);
			await unchanged(() =>
				as(actor).from('notification_preferences').delete().eq('user_id', mai.id).select()
			);
			await unchanged(() => as(actor).from('notification_preferences').insert({ user_id: mai.id }));
		}
		await unchanged(() =>
			mai.client
				.from('notification_preferences')
				.update({ unsubscribe_token: crypto.randomUUID() })
				.eq('user_id', mai.id)
		);
		await unchanged(() =>
			mai.client
				.from('notification_preferences')
				.update({ last_digest_at: new Date().toISOString() })
				.eq('user_id', mai.id)
		);
		expectError(
			await mai.client
				.from('notification_preferences')
				.update({ email_messages: 'hourly' })
				.eq('user_id', mai.id),
			'23514'
		);
		ok(
			await mai.client
				.from('notification_preferences')
				.update({ email_messages: 'off' })
				.eq('user_id', mai.id)
		);
		// Unsubscribe with the token from an email, signed out.
		const { unsubscribe_token: token } = ok(
			await lan.client.from('notification_preferences').select('unsubscribe_token').single()
		);
		ok(await anon.rpc('unsubscribe', { p_token: token, p_kind: 'requests' }));
		expect(
			ok(await lan.client.from('notification_preferences').select('email_requests').single())
		).toEqual({ email_requests: false });
		expectCode(await anon.rpc('unsubscribe', { p_token: token, p_kind: 'sms' }), 'invalid_kind');
		expectCode(
			await anon.rpc('unsubscribe', { p_token: crypto.randomUUID(), p_kind: 'all' }),
			'not_found'
		);
		ok(await anon.rpc('unsubscribe', { p_token: token, p_kind: 'all' }));
		expect(
			ok(
				await lan.client
					.from('notification_preferences')
					.select('email_requests, email_answers, email_messages, email_expiry')
					.single()
			)
		).toEqual({
			email_requests: false,
			email_answers: false,
			email_messages: 'off',
			email_expiry: false,
		});
	});

	test('service-role-only functions refuse everyone else', async () => {
		for (const actor of ['anon', 'sam', 'mai', 'lan', 'staff'] as const) {
			expectError(await as(actor).rpc('expire_mentorship_requests', {}), '42501');
			expectError(await as(actor).rpc('message_digests_due', {}), '42501');
			expectError(
				await as(actor).rpc('notification_recipient', { p_user_id: mai.id, p_kind: 'requests' }),
				'42501'
			);
			expectError(await as(actor).rpc('set_mentoring_settings', {}), '42501');
		}
	});
});

describe('staff read a thread only once it is reported', { timeout: 60_000 }, () => {
	let messageReport: string;

	test('a report of one message: staff read that message, not the rest of the thread', async () => {
		const reported = liveMessages[1] as number; // Lan's message
		messageReport = ok(
			await mai.client.rpc('report', {
				p_reason: 'harassment',
				p_details: 'This message upset me.',
				p_message_id: reported,
			})
		);
		expect(
			ok(await staff.client.from('mentorship_messages').select('id')).map((m) => m.id)
		).toEqual([reported]);
		expect(ok(await staff.client.from('mentorships').select('id'))).toEqual([{ id: live }]);
		// The reporter reads their report; the reported person and strangers do not.
		expect(await keys('mai', 'reports')).toEqual([messageReport]);
		expect(await keys('lan', 'reports')).toEqual([]);
		expect(await keys('sam', 'reports')).toEqual([]);
		expect(await keys('staff', 'reports')).toEqual([messageReport]);
		const report = ok(
			await staff.client.from('reports').select('reported_user_id, message_id').single()
		);
		expect(report).toEqual({ reported_user_id: lan.id, message_id: reported });
		// The queue shows the message with the report.
		const queue = ok(await staff.client.rpc('moderation_queue'));
		expect(queue).toEqual([
			expect.objectContaining({
				id: messageReport,
				reason: 'harassment',
				reporter_id: mai.id,
				reporter_name: 'Mai Nguyen',
				reported_user_id: lan.id,
				reported_name: 'Lan Tran',
				mentorship_id: live,
				mentorship_status: 'active',
				message_body: 'Live thread: second',
			}),
		]);
	});

	test('a report of the mentorship: staff read its thread; the unreported one stays closed to them', async () => {
		const report = ok(
			await lan.client.rpc('report', {
				p_reason: 'other',
				p_details: 'Please look at this conversation.',
				p_mentorship_id: live,
			})
		);
		expect(
			ok(await staff.client.from('mentorship_messages').select('id').order('id')).map((m) => m.id)
		).toEqual(liveMessages);
		expectNothing(
			await staff.client.from('mentorship_messages').select('id').in('id', doneMessages)
		);
		expectNothing(await staff.client.from('mentorships').select('id').eq('id', done));
		expect(
			ok(await staff.client.from('reports').select('reported_user_id').eq('id', report))
		).toEqual([{ reported_user_id: mai.id }]);
		// Reporting the same thing again gives the same report.
		expect(
			ok(
				await lan.client.rpc('report', {
					p_reason: 'other',
					p_details: 'Again',
					p_mentorship_id: live,
				})
			)
		).toBe(report);
	});

	test('reports: what may not be reported, and direct writes', async () => {
		expectCode(
			await sam.client.rpc('report', { p_reason: 'spam', p_details: 'x', p_mentorship_id: done }),
			'not_allowed'
		);
		expectCode(
			await sam.client.rpc('report', {
				p_reason: 'spam',
				p_details: 'x',
				p_message_id: doneMessages[0] as number,
			}),
			'not_allowed'
		);
		expectCode(
			await mai.client.rpc('report', {
				p_reason: 'spam',
				p_details: 'x',
				p_message_id: doneMessages[0] as number,
			}),
			'not_allowed'
		);
		expectCode(
			await mai.client.rpc('report', {
				p_reason: 'spam',
				p_details: 'x',
				p_reported_user_id: mai.id,
			}),
			'not_allowed'
		);
		expectCode(
			await mai.client.rpc('report', { p_reason: 'spam', p_details: 'x' }),
			'report_target_required'
		);
		expectCode(
			await mai.client.rpc('report', {
				p_reason: 'spam',
				p_details: 'x'.repeat(1001),
				p_reported_user_id: sam.id,
			}),
			'details_too_long'
		);
		// Anyone may report a person they can name (e.g. from the directory).
		ok(
			await sam.client.rpc('report', {
				p_reason: 'scam_or_fees',
				p_details: 'Asked for fees',
				p_reported_user_id: lan.id,
			})
		);
	});

	test('staff decide reports through the RPC only; the decision is audited', async () => {
		await unchanged(() =>
			staff.client.from('reports').update({ status: 'dismissed' }).eq('id', messageReport).select()
		);
		expectCode(
			await lan.client.rpc('decide_report', { p_id: messageReport, p_status: 'dismissed' }),
			'not_allowed'
		);
		expectCode(
			await staff.client.rpc('decide_report', { p_id: messageReport, p_status: 'open' }),
			'invalid_status'
		);
		ok(
			await staff.client.rpc('decide_report', {
				p_id: messageReport,
				p_status: 'actioned',
				p_note: 'Warned the member.',
			})
		);
		expectCode(
			await staff.client.rpc('decide_report', { p_id: messageReport, p_status: 'dismissed' }),
			'already_decided'
		);
		expect(
			ok(await mai.client.from('reports').select('status, resolution_note').eq('id', messageReport))
		).toEqual([{ status: 'actioned', resolution_note: 'Warned the member.' }]);
		const audit = ok(
			await staff.client
				.from('audit_log')
				.select('action, subject_user_id')
				.eq('action', 'report.actioned')
		);
		expect(audit).toEqual([{ action: 'report.actioned', subject_user_id: lan.id }]);
		expect(ok(await staff.client.rpc('moderation_queue')).map((r) => r.id)).not.toContain(
			messageReport
		);
	});
});

describe('feedback aggregates', { timeout: 60_000 }, () => {
	test('a mentor sees figures from 3 responses on, never single answers', async () => {
		const mo = await createPerson(backend, 'Mo Mentor');
		await makeMentor(mo, { capacity: 5 });
		const answers = [
			{ p_useful: 5, p_goals_met: 'yes', p_outcome: 'started_business' },
			{ p_useful: 4, p_goals_met: 'partly', p_outcome: 'started_business' },
			{ p_useful: 2, p_goals_met: 'no', p_outcome: 'no_change_yet' },
		] as const;
		for (const [n, answer] of answers.entries()) {
			const mentee = await createPerson(backend, `Mentee ${n}`);
			const id = ok(
				await mentee.client.rpc('request_mentorship', {
					p_mentor_id: mo.id,
					p_topic: 'financing',
					p_goal: 'Goal',
					p_message: 'Hello',
				})
			);
			ok(await mo.client.rpc('respond_mentorship', { p_id: id, p_action: 'accept' }));
			ok(await mentee.client.rpc('complete_mentorship', { p_id: id }));
			ok(await mo.client.rpc('complete_mentorship', { p_id: id }));
			ok(await mentee.client.rpc('submit_mentorship_feedback', { p_id: id, ...answer }));
			const summary = ok(await mo.client.rpc('mentor_feedback_summary'))[0];
			if (n < 2) {
				expect(summary).toEqual({
					responses: n + 1,
					useful_avg: null,
					goals_met_yes: null,
					goals_met_partly: null,
					goals_met_no: null,
					outcomes: null,
				});
			} else {
				expect(summary).toEqual({
					responses: 3,
					useful_avg: 3.7,
					goals_met_yes: 1,
					goals_met_partly: 1,
					goals_met_no: 1,
					outcomes: { started_business: 2, no_change_yet: 1 },
				});
			}
			// The mentor never reads a row of their mentees' feedback.
			expect(ok(await mo.client.from('mentorship_feedback').select('*'))).toEqual([]);
		}
	});
});

describe('service role', { timeout: 60_000 }, () => {
	test('reads every row of every table and may write (jobs, operators)', async () => {
		for (const table of Object.keys(KEY) as Table[]) {
			expect(await keys('service', table), table).not.toBeNull();
		}
		expect((await all('mentorships')).length).toBeGreaterThanOrEqual(5);
		ok(
			await service
				.from('mentorships')
				.update({ requested_at: new Date().toISOString() })
				.eq('id', done)
		);
		const unnamed = await createMember(backend, 'unnamed');
		await setProfile(unnamed, { display_name: 'Now Named' });
		expect(await all('notification_preferences')).toContain(unnamed.id);
	});
});
