/**
 * Mentoring privacy (supabase/migrations/…001200_hardening.sql, ADR 010): why a mentor is paused and how many
 * requests they let expire are the mentor's and staff's only; and the feedback figures a mentor sees change only
 * in batches of 3 responses, so no single answer can be worked out by comparing two readings.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPerson, makeMentor, ok } from './mentoring-fixture.ts';
import {
	client,
	type Client,
	expectError,
	expectNothing,
	makeStaff,
	type Member,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

let backend: TestBackend;
let service: Client;
/** The mentor, paused by the system with one expired request. */
let lan: Member;
/** A member who may see Lan's profile. */
let sam: Member;
let staff: Member;

beforeAll(async () => {
	backend = await startMembersBackend();
	service = client(backend, 'service');
	lan = await createPerson(backend, 'Lan Tran');
	sam = await createPerson(backend, 'Sam Otieno');
	staff = await createPerson(backend, 'Stan Staff');
	await makeStaff(backend, staff);
	await makeMentor(lan, { capacity: 5 });
	ok(
		await service
			.from('mentor_profiles')
			.update({ paused: true, paused_reason: 'unanswered_requests', expired_count: 2 })
			.eq('user_id', lan.id)
	);
}, 60_000);

afterAll(async () => backend?.close());

describe('mentor profiles: paused_reason and expired_count', () => {
	test('another member reads the offer but not the two private columns, by any route', async () => {
		const offer = ok(
			await sam.client
				.from('mentor_profiles')
				.select('user_id, paused, capacity, active_count, waiting_count, reply_days')
				.eq('user_id', lan.id)
		);
		expect(offer).toEqual([
			{
				user_id: lan.id,
				paused: true,
				capacity: 5,
				active_count: 0,
				waiting_count: 0,
				reply_days: null,
			},
		]);
		expectError(
			await sam.client.from('mentor_profiles').select('paused_reason').eq('user_id', lan.id),
			'42501'
		);
		expectError(
			await sam.client.from('mentor_profiles').select('expired_count').eq('user_id', lan.id),
			'42501'
		);
		expectError(await sam.client.from('mentor_profiles').select('*'), '42501');
		// Nor by filtering or ordering on them.
		expectError(
			await sam.client
				.from('mentor_profiles')
				.select('user_id')
				.eq('paused_reason', 'unanswered_requests'),
			'42501'
		);
		expectError(
			await sam.client.from('mentor_profiles').select('user_id').gt('expired_count', 0),
			'42501'
		);
		expectNothing(await sam.client.rpc('get_mentor_profile', { p_user_id: lan.id }));
		expectError(await client(backend, 'anon').rpc('get_mentor_profile', { p_user_id: lan.id }));
	});

	test('the mentor reads them through get_mentor_profile, and still edits their offer', async () => {
		const own = ok(await lan.client.rpc('get_mentor_profile'));
		expect(own).toEqual([
			expect.objectContaining({
				user_id: lan.id,
				paused: true,
				paused_reason: 'unanswered_requests',
				expired_count: 2,
			}),
		]);
		expect(ok(await lan.client.rpc('get_mentor_profile', { p_user_id: lan.id }))).toEqual(own);
		// The table itself grants the two columns to nobody, the owner included.
		expectError(
			await lan.client.from('mentor_profiles').select('paused_reason').eq('user_id', lan.id),
			'42501'
		);
		ok(await lan.client.from('mentor_profiles').update({ capacity: 4 }).eq('user_id', lan.id));
		expect(
			ok(
				await lan.client
					.from('mentor_profiles')
					.update({ paused: false })
					.eq('user_id', lan.id)
					.select('user_id, paused')
			)
		).toEqual([{ user_id: lan.id, paused: false }]);
		expect(ok(await lan.client.rpc('get_mentor_profile'))).toEqual([
			expect.objectContaining({
				capacity: 4,
				paused: false,
				paused_reason: null,
				expired_count: 2,
			}),
		]);
	});

	test('staff read any mentor’s; a member without a mentor profile gets no row', async () => {
		expect(ok(await staff.client.rpc('get_mentor_profile', { p_user_id: lan.id }))).toEqual([
			expect.objectContaining({ user_id: lan.id, expired_count: 2 }),
		]);
		expect(ok(await sam.client.rpc('get_mentor_profile'))).toEqual([]);
	});
});

describe('mentor feedback figures', () => {
	type Answer = { p_useful: number; p_goals_met: 'yes' | 'partly' | 'no'; p_outcome: string };

	/** A mentee of `mentor` completes a mentorship and gives `answer`. */
	async function feedback(mentor: Member, n: number, answer: Answer): Promise<void> {
		const mentee = await createPerson(backend, `Batch Mentee ${n}`);
		const id = ok(
			await mentee.client.rpc('request_mentorship', {
				p_mentor_id: mentor.id,
				p_topic: 'financing',
				p_goal: 'Goal',
				p_message: 'Hello',
			})
		);
		ok(await mentor.client.rpc('respond_mentorship', { p_id: id, p_action: 'accept' }));
		ok(await mentee.client.rpc('complete_mentorship', { p_id: id }));
		ok(await mentor.client.rpc('complete_mentorship', { p_id: id }));
		ok(
			await mentee.client.rpc('submit_mentorship_feedback', {
				p_id: id,
				...answer,
				p_outcome: answer.p_outcome as 'started_business',
			})
		);
	}

	test('one new response never changes what the mentor sees; three do', async () => {
		const mo = await createPerson(backend, 'Mo Mentor');
		await makeMentor(mo, { capacity: 10 });
		const summary = async () => ok(await mo.client.rpc('mentor_feedback_summary'))[0];
		const first: Answer[] = [
			{ p_useful: 5, p_goals_met: 'yes', p_outcome: 'started_business' },
			{ p_useful: 4, p_goals_met: 'partly', p_outcome: 'started_business' },
			{ p_useful: 2, p_goals_met: 'no', p_outcome: 'no_change_yet' },
		];
		for (const [n, answer] of first.entries()) await feedback(mo, n, answer);
		const batchOne = {
			useful_avg: 3.7,
			goals_met_yes: 1,
			goals_met_partly: 1,
			goals_met_no: 1,
			outcomes: { started_business: 2, no_change_yet: 1 },
		};
		expect(await summary()).toEqual({ responses: 3, ...batchOne });

		// A fourth and a fifth response (as different as can be): the figures stay those of the first three.
		await feedback(mo, 3, { p_useful: 1, p_goals_met: 'no', p_outcome: 'other' });
		expect(await summary()).toEqual({ responses: 4, ...batchOne });
		await feedback(mo, 4, { p_useful: 1, p_goals_met: 'no', p_outcome: 'other' });
		expect(await summary()).toEqual({ responses: 5, ...batchOne });

		// The sixth completes a batch: the figures move by three responses at once.
		await feedback(mo, 5, { p_useful: 3, p_goals_met: 'yes', p_outcome: 'other' });
		expect(await summary()).toEqual({
			responses: 6,
			useful_avg: 2.7,
			goals_met_yes: 2,
			goals_met_partly: 1,
			goals_met_no: 3,
			outcomes: { started_business: 2, no_change_yet: 1, other: 3 },
		});
	}, 60_000);
});
