/**
 * The site's side of mentoring against the real backend with every migration: the matching numbers the public
 * page shows equal the database's, and the scheduled jobs and notifications send the right emails, in the
 * recipient's language, honouring their settings, exactly once. Time is moved by passing `now`, never by sleeping.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MATCHING_WEIGHTS } from '../../src/features/mentoring/matching.ts';
import { runMentoringJobs } from '../../src/features/mentoring/server/jobs.server.ts';
import {
	notifyAnswer,
	notifyNewRequest,
} from '../../src/features/mentoring/server/notify.server.ts';
import { client, createMember, type Member } from './rls-fixture.ts';
import { startMembersBackend } from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

const ORIGIN = 'https://okaeri.example';
const DAY = 24 * 60 * 60 * 1000;
let backend: TestBackend;

beforeAll(async () => {
	backend = await startMembersBackend();
	// The site reads its Supabase settings from the environment, as in production.
	process.env.SUPABASE_URL = backend.url;
	process.env.SUPABASE_ANON_KEY = backend.anonKey;
	process.env.SUPABASE_SERVICE_ROLE_KEY = backend.serviceRoleKey;
}, 120_000);

afterAll(async () => {
	await backend?.close();
});

async function person(name: string, locale: string, languages: string[]): Promise<Member> {
	const member = await createMember(backend, name.toLowerCase(), { display_name: name, locale });
	const { error } = await member.client
		.from('profiles')
		.update({ languages, kinds: ['returnee'] })
		.eq('id', member.id);
	if (error) throw new Error(error.message);
	return member;
}

async function mentor(member: Member): Promise<void> {
	const { error } = await member.client.from('mentor_profiles').insert({
		user_id: member.id,
		topics: ['financing', 'food'],
		languages: ['vi', 'ja'],
		formats: ['chat'],
		capacity: 2,
	});
	if (error) throw new Error(error.message);
}

async function request(mentee: Member, mentorId: string, goal: string): Promise<string> {
	const { data, error } = await mentee.client.rpc('request_mentorship', {
		p_mentor_id: mentorId,
		p_topic: 'food',
		p_goal: goal,
		p_message: 'Xin chào! <b>I make bánh mì</b>',
	});
	if (error || !data) throw new Error(error?.message ?? 'no id');
	return data;
}

test('the public page’s matching numbers are the database’s', async () => {
	const { data, error } = await client(backend, 'anon').rpc('matching_weights');
	expect(error).toBeNull();
	expect(data).toEqual(MATCHING_WEIGHTS.map(({ code, kind, value }) => ({ code, kind, value })));
});

describe('notifications and the scheduled jobs', () => {
	let hiro: Member;
	let mai: Member;
	let an: Member;
	let first: string;

	beforeAll(async () => {
		hiro = await person('Hiro', 'ja', ['ja', 'vi']);
		mai = await person('Mai', 'vi', ['vi']);
		an = await person('An', 'en', ['vi']);
		await mentor(hiro);
		first = await request(mai, hiro.id, 'Open a bakery in Hue');
	}, 60_000);

	test('a new request emails the mentor in their language, with the request link', async () => {
		expect(await notifyNewRequest(ORIGIN, first)).toBe(true);
		const [email] = await backend.mailbox(hiro.email);
		expect(email?.kind).toBe('mentoring_request');
		expect(email?.subject).toBe('Maiさんから「食品」についてメンタリングの依頼が届きました');
		expect(email?.action_link).toBe(`${ORIGIN}/ja/mentoring/${first}`);
		expect(email?.text).toContain('目標：Open a bakery in Hue');
		expect(email?.text).toMatch(
			new RegExp(`${ORIGIN}/ja/unsubscribe/[0-9a-f-]{36}\\?kind=requests`)
		);
	});

	test('an expired request tells the mentee once, with their next matches, and pauses the mentor', async () => {
		const later = new Date(Date.now() + 15 * DAY);
		const result = await runMentoringJobs(later, { origin: ORIGIN });
		expect(result).toMatchObject({ expired: 1, expiryEmails: 1 });
		const [email] = await backend.mailbox(mai.email);
		expect(email?.kind).toBe('mentoring_expiry');
		expect(email?.subject).toBe('Yêu cầu hướng dẫn của bạn gửi Hiro đã hết hạn');
		expect(email?.action_link).toBe(`${ORIGIN}/vi/mentoring/find?expired=${first}&topic=food`);
		const { data: profile } = await hiro.client
			.rpc('get_mentor_profile')
			.select('paused, paused_reason')
			.single();
		expect(profile).toEqual({ paused: true, paused_reason: 'unanswered_requests' });
		// The rows were claimed: a second run (another site instance) sends nothing again.
		expect(await runMentoringJobs(later, { origin: ORIGIN })).toMatchObject({
			expired: 0,
			expiryEmails: 0,
		});
		expect(
			(await backend.mailbox(mai.email)).filter((m) => m.kind === 'mentoring_expiry')
		).toHaveLength(1);
	});

	test('unread messages come as one daily digest; answers honour the settings', async () => {
		const { error } = await hiro.client
			.from('mentor_profiles')
			.update({ paused: false })
			.eq('user_id', hiro.id);
		expect(error).toBeNull();
		const second = await request(an, hiro.id, 'Sell coffee to Japan');

		const soon = new Date(Date.now() + 60_000);
		const result = await runMentoringJobs(soon, { origin: ORIGIN });
		expect(result).toMatchObject({ expired: 0, digests: 1, digestEmails: 1 });
		const digest = (await backend.mailbox(hiro.email)).find((m) => m.kind === 'mentoring_digest');
		expect(digest?.subject).toBe('Okaeriに未読メッセージが2件あります');
		expect(await runMentoringJobs(soon, { origin: ORIGIN })).toMatchObject({ digests: 0 });

		// An opts out of answers with the link's token: the accept is not emailed to them.
		const { data: settings } = await an.client
			.from('notification_preferences')
			.select('unsubscribe_token')
			.eq('user_id', an.id)
			.single();
		const unsubscribed = await client(backend, 'anon').rpc('unsubscribe', {
			p_token: settings?.unsubscribe_token ?? '',
			p_kind: 'answers',
		});
		expect(unsubscribed.error).toBeNull();
		const accepted = await hiro.client.rpc('respond_mentorship', {
			p_id: second,
			p_action: 'accept',
		});
		expect(accepted.error).toBeNull();
		expect(await notifyAnswer(ORIGIN, second, 'accept')).toBe(false);
		expect((await backend.mailbox(an.email)).filter((m) => m.kind === 'mentoring_answer')).toEqual(
			[]
		);
	});
});
