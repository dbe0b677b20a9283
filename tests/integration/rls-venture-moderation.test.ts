/**
 * Reports and blocks in joint-venture conversations (…001300_venture_moderation.sql): a party reports the
 * conversation or a message, nobody else can; staff read a venture message only while a report names it or its
 * conversation, as in mentoring; a blocked person cannot write where a party on another side blocked them; and no
 * report, queue row or refusal tells a reporter who an anonymous side is (ADR 013).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectCode as expectMentoringCode } from './mentoring-fixture.ts';
import {
	createOrganisation,
	createPerson,
	createReturnee,
	expectCode,
	ok,
	postVenture,
	ventureFields,
} from './ventures-fixture.ts';
import {
	client,
	type Client,
	expectError,
	makeStaff,
	type Member,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

const COMPANY = 'Takumi Denki';

let backend: TestBackend;
let anon: Client;
let service: Client;
/** Owner and a colleague at Takumi Denki (verified SME). */
let kenji: Member;
let kaori: Member;
/** Returnees: linh's interest is mutual; tuan's still waits (Takumi is anonymous to him, he to Takumi). */
let linh: Member;
let tuan: Member;
/** Member of the facilitator NGO of linh's pipeline. */
let nadia: Member;
/** Signed in, no part in anything; oto is at another SME. */
let sam: Member;
let oto: Member;
let staff: Member;
let mutual: string;
let second: string;
let waiting: string;
/** Messages of the mutual pipeline (linh, kenji, kaori) and of the second pipeline. */
let fromLinh: number;
let fromKenji: number;
let fromKaori: number;
let inSecond: number;

async function reportCount(): Promise<number> {
	const { rows } = await backend.db.query<{ n: number }>(
		'select count(*)::int as n from public.reports'
	);
	return rows[0]?.n ?? 0;
}

/** Ids of the venture messages `member` reads. */
async function readable(member: Member): Promise<number[]> {
	const rows = ok(await member.client.from('venture_messages').select('id').order('id'));
	return rows.map((r) => r.id);
}

/** No trace of the anonymous SME (name, ids, people) in `value`. */
function expectNoTakumi(value: unknown, takumi: string): void {
	const text = JSON.stringify(value);
	for (const needle of [COMPANY, takumi, kenji.id, kaori.id, 'Kenji', 'Kaori']) {
		expect(text, `leaked ${needle}`).not.toContain(needle);
	}
}

let takumi: string;

beforeAll(async () => {
	backend = await startMembersBackend();
	anon = client(backend, 'anon');
	service = client(backend, 'service');
	kenji = await createPerson(backend, 'Kenji Takumi', { kinds: ['sme_member'] });
	kaori = await createPerson(backend, 'Kaori Ito', { kinds: ['sme_member'] });
	oto = await createPerson(backend, 'Oto Sasaki', { kinds: ['sme_member'] });
	linh = await createReturnee(backend, 'Linh Pham');
	tuan = await createReturnee(backend, 'Tuan Vo');
	nadia = await createPerson(backend, 'Nadia NGO');
	sam = await createPerson(backend, 'Sam Stranger');
	staff = await createPerson(backend, 'Stan Staff');
	await makeStaff(backend, staff);
	takumi = await createOrganisation(
		backend,
		{ name: COMPANY, sector: 'industrial_products_manufacturing', prefecture: 36 },
		[kenji, kaori]
	);
	await createOrganisation(backend, { name: 'Sasaki Foods' }, [oto]);
	const ngo = await createOrganisation(backend, { name: 'Bridge NGO', kind: 'ngo' }, [nadia]);
	const open = await postVenture(kenji, ventureFields({ organisation_id: takumi }));
	const open2 = await postVenture(
		kenji,
		ventureFields({ organisation_id: takumi, title: 'Welding partner in Da Nang' })
	);
	mutual = ok(
		await linh.client.rpc('express_interest', { p_venture_id: open, p_message: 'I know Hanoi' })
	);
	ok(await kenji.client.rpc('respond_interest', { p_interest_id: mutual, p_accept: true }));
	ok(
		await linh.client.rpc('invite_facilitator', { p_interest_id: mutual, p_organisation_id: ngo })
	);
	fromLinh = ok(
		await linh.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Hello' })
	);
	fromKenji = ok(
		await kenji.client.rpc('send_venture_message', {
			p_interest_id: mutual,
			p_body: 'Pay a deposit of 500,000 yen first',
		})
	);
	fromKaori = ok(
		await kaori.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Welcome' })
	);
	second = ok(
		await linh.client.rpc('express_interest', { p_venture_id: open2, p_message: 'Also this one' })
	);
	ok(await kenji.client.rpc('respond_interest', { p_interest_id: second, p_accept: true }));
	inSecond = ok(
		await linh.client.rpc('send_venture_message', { p_interest_id: second, p_body: 'Second' })
	);
	waiting = ok(
		await tuan.client.rpc('express_interest', {
			p_venture_id: open,
			p_message: 'I welded in Aichi',
		})
	);
}, 60_000);

afterAll(async () => backend?.close());

describe('reporting', () => {
	test('nobody but a party can report, and a refusal says nothing about what exists', async () => {
		const before = await reportCount();
		for (const member of [sam, oto, tuan]) {
			for (const args of [
				{ p_interest_id: mutual },
				{ p_message_id: fromKenji },
				{ p_interest_id: '00000000-0000-4000-8000-000000000000' },
				{ p_message_id: 999_999 },
			]) {
				const result = await member.client.rpc('report_venture', {
					p_reason: 'harassment',
					p_details: 'x',
					...args,
				});
				expectMentoringCode(result, 'not_found');
				expectNoTakumi(result.error, takumi);
			}
		}
		// Anonymous visitors have no EXECUTE; anonymous sign-ins are no members.
		expectError(
			await anon.rpc('report_venture', { p_reason: 'spam', p_details: 'x', p_interest_id: mutual }),
			'42501'
		);
		const anonymous = client(backend, {
			token: backend.userToken(sam.id, { is_anonymous: true }),
		});
		expectMentoringCode(
			await anonymous.rpc('report_venture', {
				p_reason: 'spam',
				p_details: 'x',
				p_interest_id: mutual,
			}),
			'not_allowed'
		);
		// Nor can anyone write reports directly.
		expectError(
			await linh.client
				.from('reports')
				.insert({ reason: 'spam', reporter_id: linh.id, venture_interest_id: mutual })
		);
		expect(await reportCount()).toBe(before);
	});

	test('a party reports a message of someone else, never their own nor one of another pipeline', async () => {
		expectMentoringCode(
			await linh.client.rpc('report_venture', {
				p_reason: 'spam',
				p_details: '',
				p_message_id: fromLinh,
			}),
			'not_allowed'
		);
		expectMentoringCode(
			await linh.client.rpc('report_venture', {
				p_reason: 'spam',
				p_details: '',
				p_interest_id: second,
				p_message_id: fromKenji,
			}),
			'not_found'
		);
		expectMentoringCode(
			await linh.client.rpc('report_venture', { p_reason: 'spam', p_details: 'x' }),
			'report_target_required'
		);
		expectMentoringCode(
			await linh.client.rpc('report_venture', {
				p_reason: 'spam',
				p_details: 'x'.repeat(1001),
				p_message_id: fromKenji,
			}),
			'details_too_long'
		);
		const id = ok(
			await linh.client.rpc('report_venture', {
				p_reason: 'scam_or_fees',
				p_details: 'Asked me for a deposit',
				p_message_id: fromKenji,
			})
		);
		// The same report again is the same report.
		expect(
			ok(
				await linh.client.rpc('report_venture', {
					p_reason: 'scam_or_fees',
					p_details: 'again',
					p_message_id: fromKenji,
				})
			)
		).toBe(id);
		const rows = ok(
			await linh.client
				.from('reports')
				.select('id, reported_user_id, venture_interest_id, venture_message_id, mentorship_id')
		);
		expect(rows).toEqual([
			{
				id,
				reported_user_id: kenji.id,
				venture_interest_id: null,
				venture_message_id: fromKenji,
				mentorship_id: null,
			},
		]);
		// The reporter's counterpart and others never see the report.
		for (const member of [kenji, kaori, nadia, sam]) {
			expect(ok(await member.client.from('reports').select('id')), member.email).toEqual([]);
		}
	});

	test('a report about a pipeline still anonymous names nobody, for either side', async () => {
		const fromTuan = ok(
			await tuan.client.rpc('report_venture', {
				p_reason: 'other',
				p_details: '',
				p_interest_id: waiting,
			})
		);
		const fromOwner = ok(
			await kenji.client.rpc('report_venture', {
				p_reason: 'spam',
				p_details: '',
				p_interest_id: waiting,
			})
		);
		const tuanRows = ok(await tuan.client.from('reports').select('*'));
		expect(tuanRows.map((r) => [r.id, r.reported_user_id, r.venture_interest_id])).toEqual([
			[fromTuan, null, waiting],
		]);
		expectNoTakumi(tuanRows, takumi);
		const kenjiRows = ok(await kenji.client.from('reports').select('*'));
		expect(kenjiRows.map((r) => [r.id, r.reported_user_id])).toEqual([[fromOwner, null]]);
		expect(JSON.stringify(kenjiRows)).not.toContain(tuan.id);
		// Staff see who is on the other side.
		const queue = ok(await staff.client.rpc('moderation_queue'));
		const byId = new Map(queue.map((r) => [r.id, r]));
		expect(byId.get(fromTuan)?.reported_user_id).toBe(kenji.id);
		expect(byId.get(fromTuan)?.venture_stage).toBe('interest');
		expect(byId.get(fromOwner)?.reported_user_id).toBe(tuan.id);
		expect(byId.get(fromOwner)?.reported_name).toBe('Tuan Vo');
	});

	test('once mutual, a conversation report names the other side', async () => {
		const id = ok(
			await kenji.client.rpc('report_venture', {
				p_reason: 'harassment',
				p_details: '',
				p_interest_id: second,
			})
		);
		const rows = ok(await kenji.client.from('reports').select('id, reported_user_id').eq('id', id));
		expect(rows).toEqual([{ id, reported_user_id: linh.id }]);
		// Clean up: this test's report must not open the second conversation to staff for the tests below.
		ok(await service.from('reports').delete().eq('id', id));
	});
});

describe('staff', () => {
	test('read a venture message only while a report names it or its conversation', async () => {
		const all = [fromLinh, fromKenji, fromKaori, inSecond].sort((a, b) => a - b);
		expect((await readable(linh)).sort((a, b) => a - b)).toEqual(all);
		// linh's report names kenji's message: staff read that one message, no other.
		expect(await readable(staff)).toEqual([fromKenji]);
		expect(await readable(sam)).toEqual([]);
		const queue = ok(await staff.client.rpc('moderation_queue'));
		const row = queue.find((r) => r.venture_message_id === fromKenji);
		expect(row).toMatchObject({
			reporter_name: 'Linh Pham',
			reported_user_id: kenji.id,
			reported_name: 'Kenji Takumi',
			message_body: 'Pay a deposit of 500,000 yen first',
			message_sender_id: kenji.id,
			venture_interest_id: mutual,
			venture_stage: 'mutual',
			mentorship_id: null,
		});
		expect(row?.venture_title).toBeTruthy();
		// A conversation report lets staff read that conversation, not the other pipeline.
		const conversation = ok(
			await nadia.client.rpc('report_venture', {
				p_reason: 'harassment',
				p_details: '',
				p_interest_id: mutual,
			})
		);
		expect(await readable(staff)).toEqual([fromLinh, fromKenji, fromKaori]);
		// Deciding a report keeps it on record (as in mentoring); removing it closes the conversation again.
		ok(
			await staff.client.rpc('decide_report', {
				p_id: conversation,
				p_status: 'dismissed',
			})
		);
		expect(await readable(staff)).toEqual([fromLinh, fromKenji, fromKaori]);
		expect(ok(await staff.client.rpc('moderation_queue')).map((r) => r.id)).not.toContain(
			conversation
		);
		ok(await service.from('reports').delete().eq('id', conversation));
		expect(await readable(staff)).toEqual([fromKenji]);
		// Members can't read the queue.
		expectMentoringCode(await linh.client.rpc('moderation_queue'), 'not_allowed');
	});
});

describe('blocking', () => {
	test('a blocked person cannot write where the blocker is a party on another side', async () => {
		expect(ok(await kenji.client.rpc('venture_blocked_me', { p_interest_id: mutual }))).toBe(false);
		ok(await linh.client.rpc('block_member', { p_user_id: kenji.id }));
		expectCode(
			await kenji.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Hi?' }),
			'blocked'
		);
		expectCode(
			await kenji.client.rpc('send_venture_message', { p_interest_id: second, p_body: 'Hi?' }),
			'blocked'
		);
		// In the database, whoever inserts.
		const direct = await service
			.from('venture_messages')
			.insert({ interest_id: mutual, sender_id: kenji.id, body: 'Direct' });
		expect(direct.error?.message).toBe('ventures.blocked');
		// The blocked person is told, without a name; nobody else is.
		expect(ok(await kenji.client.rpc('venture_blocked_me', { p_interest_id: mutual }))).toBe(true);
		expect(ok(await kaori.client.rpc('venture_blocked_me', { p_interest_id: mutual }))).toBe(false);
		expect(ok(await linh.client.rpc('venture_blocked_me', { p_interest_id: mutual }))).toBe(false);
		expect(ok(await sam.client.rpc('venture_blocked_me', { p_interest_id: mutual }))).toBe(false);
		expectError(await anon.rpc('venture_blocked_me', { p_interest_id: mutual }), '42501');
		// The blocker and the blocked person's colleagues still write.
		ok(await linh.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Bye' }));
		ok(await kaori.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Sorry' }));
		// Unblocking lifts it.
		ok(await linh.client.rpc('unblock_member', { p_user_id: kenji.id }));
		ok(await kenji.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Again' }));
	});

	test('a block on the same side does not silence a colleague', async () => {
		ok(await kaori.client.rpc('block_member', { p_user_id: kenji.id }));
		ok(await kenji.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Team' }));
		ok(await kaori.client.rpc('unblock_member', { p_user_id: kenji.id }));
	});

	test('before mutual a block says nothing about who the anonymous side is', async () => {
		ok(await kenji.client.rpc('block_member', { p_user_id: tuan.id }));
		expect(ok(await tuan.client.rpc('venture_blocked_me', { p_interest_id: waiting }))).toBe(false);
		ok(await kenji.client.rpc('unblock_member', { p_user_id: tuan.id }));
	});
});
