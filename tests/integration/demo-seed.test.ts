/**
 * The demo seed on a fresh backend, as `npm start` applies it: supabase/seed.sql after every migration, then the
 * files of config.toml's bucket folders stored in Storage. The demo has its people, organisations and open
 * verification requests; the demo logins sign in with the documented password through /auth/v1/token; avatars
 * and logos are served as images; staff read the evidence of the queue through signed URLs. Mentoring is as the
 * generator made it, with the counters its triggers keep: the mentor login has requests waiting, the returnee login
 * an active mentorship and matches, two mentors see their feedback aggregates, staff have a report to decide.
 * Joint ventures are as the generator made them: teasers name nobody, the sme login sees its pipeline at several
 * stages (one stalled), the returnee login a mutual interest with names revealed and opportunities for her, and the
 * public outcome figures have cells above the suppression threshold.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSeedData } from '../../supabase/seed/generate.ts';
import { mentoringOf } from '../../supabase/seed/mentoring.ts';
import { venturesOf } from '../../supabase/seed/ventures.ts';
import { DEMO_PASSWORD } from '../../supabase/seed/model.ts';
import { client, MIGRATIONS_DIR } from './rls-fixture.ts';
import { startTestBackend, type TestBackend } from './support/backend.ts';

const SUPABASE_DIR = fileURLToPath(new URL('../../supabase/', import.meta.url));
const LOGINS = [
	'returnee@example.com',
	'mentor@example.com',
	'in-japan@example.com',
	'sme@example.com',
	'support@example.com',
	'staff@example.com',
];

let backend: TestBackend;

beforeAll(async () => {
	backend = await startTestBackend({
		migrationsDir: MIGRATIONS_DIR,
		seedFile: `${SUPABASE_DIR}seed.sql`,
	});
}, 120_000);

afterAll(async () => {
	await backend?.close();
});

async function count(sql: string): Promise<number> {
	const { rows } = await backend.db.query<{ n: string }>(sql);
	return Number(rows[0]?.n);
}

/** Signs in through GoTrue's password grant, as supabase-js does; returns the access token. */
async function signIn(email: string): Promise<string> {
	const response = await fetch(`${backend.url}/auth/v1/token?grant_type=password`, {
		method: 'POST',
		headers: { apikey: backend.anonKey, 'content-type': 'application/json' },
		body: JSON.stringify({ email, password: DEMO_PASSWORD }),
	});
	const body = (await response.json()) as { access_token?: string; weak_password?: unknown };
	expect(response.status, email).toBe(200);
	expect(body.weak_password).toBeUndefined();
	return body.access_token as string;
}

async function expectWebp(url: string): Promise<void> {
	const response = await fetch(url);
	expect(response.status, url).toBe(200);
	expect(response.headers.get('content-type')).toBe('image/webp');
	const bytes = Buffer.from(await response.arrayBuffer());
	expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
	expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
}

describe('a fresh backend with the demo seed', () => {
	test('ran seed.sql and stored every bucket file', () => {
		const files = ['avatars', 'org-logos', 'documents'].flatMap((bucket) =>
			readdirSync(`${SUPABASE_DIR}buckets/${bucket}`, {
				recursive: true,
				withFileTypes: true,
			}).filter((entry) => entry.isFile())
		);
		expect(backend.backend.migrations.seeded).toBe(true);
		expect(backend.backend.migrations.seededObjects).toBe(files.length);
	});

	test('has the people, organisations and queue the demo needs', async () => {
		expect(
			await count(`select count(*) as n from public.profiles where 'returnee' = any (kinds)`)
		).toBeGreaterThanOrEqual(200);
		expect(
			await count(
				`select count(distinct home_country) as n from public.profiles where 'returnee' = any (kinds)`
			)
		).toBeGreaterThanOrEqual(6);
		expect(
			await count(`select count(*) as n from public.profiles where 'mentor' = any (kinds)`)
		).toBe(30);
		expect(await count('select count(*) as n from public.organisations')).toBe(40);
		expect(
			await count('select count(*) as n from public.organisations where verified')
		).toBeGreaterThan(10);
		expect(
			await count(`select count(*) as n from public.verification_requests where status = 'pending'`)
		).toBeGreaterThanOrEqual(5);
		expect(await count('select count(*) as n from private.staff')).toBeGreaterThanOrEqual(1);
		// Every avatar and logo a row points at exists in Storage.
		expect(
			await count(`select count(*) as n from public.profiles p where p.avatar_path is not null
				and not exists (select 1 from storage.objects o where o.bucket_id = 'avatars' and o.name = p.avatar_path)`)
		).toBe(0);
		expect(
			await count(`select count(*) as n from public.organisations g where g.logo_path is not null
				and not exists (select 1 from storage.objects o where o.bucket_id = 'org-logos' and o.name = g.logo_path)`)
		).toBe(0);
	});

	test('lets every demo login sign in with the demo password', async () => {
		for (const email of LOGINS) expect(await signIn(email)).toMatch(/^ey/);
	});

	test('serves a demo member’s avatar and an organisation’s logo as WebP images', async () => {
		const token = await signIn('returnee@example.com');
		const me = client(backend, { token });
		const { data: user } = await me.auth.getUser(token);
		const { data: profile } = await me
			.rpc('get_profile', { p_id: user.user?.id as string })
			.single();
		expect(profile?.avatar_path).toBeTruthy();
		await expectWebp(
			me.storage.from('avatars').getPublicUrl(profile?.avatar_path as string).data.publicUrl
		);
		const { data: org } = await client(backend, 'anon')
			.from('organisations')
			.select('logo_path')
			.not('logo_path', 'is', null)
			.limit(1)
			.single();
		await expectWebp(
			me.storage.from('org-logos').getPublicUrl(org?.logo_path as string).data.publicUrl
		);
	});

	test('shows anonymous visitors public profiles in the directory', async () => {
		const { data, error } = await client(backend, 'anon').rpc('directory_search', {});
		expect(error).toBeNull();
		expect(data?.length).toBeGreaterThan(0);
		expect(Number(data?.[0]?.total_count)).toBeGreaterThan(50);
	});

	test('gives staff a queue whose evidence they open through signed URLs', async () => {
		const staff = client(backend, { token: await signIn('staff@example.com') });
		const { data: queue } = await staff
			.from('verification_requests')
			.select('id, evidence_paths')
			.eq('status', 'pending');
		expect(queue?.length).toBeGreaterThanOrEqual(5);
		const path = queue?.find((r) => r.evidence_paths.length > 0)?.evidence_paths[0] as string;
		const { data: signed, error } = await staff.storage.from('documents').createSignedUrl(path, 60);
		expect(error).toBeNull();
		await expectWebp(signed?.signedUrl as string);
		// The evidence is not public.
		const unsigned = await fetch(staff.storage.from('documents').getPublicUrl(path).data.publicUrl);
		expect(unsigned.status).toBeGreaterThanOrEqual(400);
	});

	test('has buckets configured as config.toml says, so `supabase db reset` changes nothing', async () => {
		const config = readFileSync(`${SUPABASE_DIR}config.toml`, 'utf8');
		const { rows } = await backend.db.query<{
			id: string;
			public: boolean;
			file_size_limit: string;
			allowed_mime_types: string[];
		}>('select id, public, file_size_limit, allowed_mime_types from storage.buckets order by id');
		// The tables of config.toml: a header line `[name]`, then its keys.
		const tables = new Map(
			config.split(/^(?=\[)/m).map((part) => [/^\[([^\]]+)\]/.exec(part)?.[1] ?? '', part] as const)
		);
		for (const bucket of rows) {
			const table = tables.get(`storage.buckets.${bucket.id}`);
			expect(table, bucket.id).toBeDefined();
			const value = (key: string) => new RegExp(`^${key} = (.*)$`, 'm').exec(table ?? '')?.[1];
			expect(value('public')).toBe(String(bucket.public));
			const mib = Number(/^"(\d+)MiB"$/.exec(value('file_size_limit') ?? '')?.[1]);
			expect(mib * 1024 * 1024).toBe(Number(bucket.file_size_limit));
			expect(JSON.parse(value('allowed_mime_types') ?? '[]')).toEqual(bucket.allowed_mime_types);
		}
	});

	test('has mentorships in every state, as the generator made them, with the counters the triggers keep', async () => {
		const expected = new Map<string, number>();
		for (const m of mentoringOf(buildSeedData()).mentorships)
			expected.set(m.status, (expected.get(m.status) ?? 0) + 1);
		const { rows } = await backend.db.query<{ status: string; n: number }>(
			'select status::text as status, count(*)::integer as n from public.mentorships group by status'
		);
		expect(new Map(rows.map((r) => [r.status, r.n]))).toEqual(expected);
		expect(expected.size).toBe(7);
		expect(await count('select count(*) as n from public.mentor_profiles')).toBe(30);
		// Every counter is what the mentorships say, and every card what its profile says.
		expect(
			await count(`select count(*) as n from public.mentor_profiles mp
				join private.mentor_cards c on c.user_id = mp.user_id
				cross join lateral (
					select count(*) filter (where m.status = 'active') as active,
						count(*) filter (where m.status = 'requested') as waiting,
						count(*) filter (where m.status = 'expired' and m.responded_at is null) as expired
					from public.mentorships m where m.mentor_id = mp.user_id) as s
				where (mp.active_count, mp.waiting_count, mp.expired_count) is distinct from (s.active, s.waiting, s.expired)
					or (c.active_count, c.waiting_count, c.reply_days, c.available)
						is distinct from (mp.active_count, mp.waiting_count, mp.reply_days,
							not mp.paused and mp.active_count < mp.capacity)`)
		).toBe(0);
		expect(
			await count(
				`select count(*) as n from public.mentor_profiles where paused and paused_reason in ('self', 'unanswered_requests')`
			)
		).toBe(2);
		// Open requests are not due yet, and each score is the sum of its reasons, as matching builds them.
		expect(
			await count(`select count(*) as n from public.mentorships
				where status in ('requested', 'info_requested') and expires_at <= now() + interval '3 days'`)
		).toBe(0);
		expect(
			await count(`select count(*) as n from public.mentorships m
				where jsonb_array_length(m.match_reasons) = 0 or m.match_score is distinct from (
					select greatest(0, least(100, coalesce(sum((r ->> 'points')::integer) filter (where r ->> 'code' <> 'waiting'), 0))
						+ coalesce(sum((r ->> 'points')::integer) filter (where r ->> 'code' = 'waiting'), 0))
					from jsonb_array_elements(m.match_reasons) as r)`)
		).toBe(0);
	});

	test('shows the mentor login the requests waiting for their answer', async () => {
		const mentor = client(backend, { token: await signIn('mentor@example.com') });
		const { data, error } = await mentor.rpc('my_mentorships');
		expect(error).toBeNull();
		const waiting = (data ?? []).filter((m) => m.role === 'mentor' && m.status === 'requested');
		expect(waiting.length).toBeGreaterThanOrEqual(2);
		for (const m of waiting) {
			expect(Date.parse(m.expires_at as string)).toBeGreaterThan(Date.now());
			expect(m.unread).toBeGreaterThan(0);
			expect(m.match_score).toBeGreaterThan(0);
		}
	});

	test('offers the returnee login matches, besides the mentorship she has', async () => {
		const mentee = client(backend, { token: await signIn('returnee@example.com') });
		const { data: mine } = await mentee.rpc('my_mentorships');
		const active = (mine ?? []).filter((m) => m.role === 'mentee' && m.status === 'active');
		expect(active).toHaveLength(1);
		const { data: matches, error } = await mentee.rpc('match_mentors', { p_topic: 'marketing' });
		expect(error).toBeNull();
		expect(matches?.length).toBeGreaterThan(3);
		for (const m of matches ?? []) {
			expect(m.reasons).toContainEqual(expect.objectContaining({ code: 'shared_languages' }));
			expect(m.mentor_id).not.toBe(active[0]?.other_id);
		}
	});

	test('shows feedback aggregates to mentors with 3 responses or more, and only to them', async () => {
		for (const email of ['mentor@example.com', 'support@example.com']) {
			const mentor = client(backend, { token: await signIn(email) });
			const { data, error } = await mentor.rpc('mentor_feedback_summary').single();
			expect(error).toBeNull();
			expect(data?.responses, email).toBeGreaterThanOrEqual(3);
			expect(Number(data?.useful_avg)).toBeGreaterThanOrEqual(1);
		}
		const sme = client(backend, { token: await signIn('sme@example.com') });
		const { data } = await sme.rpc('mentor_feedback_summary').single();
		expect(data?.responses).toBeLessThan(3);
		expect(data?.useful_avg).toBeNull();
	});

	test('gives staff an open report about fees in the moderation queue', async () => {
		const staff = client(backend, { token: await signIn('staff@example.com') });
		const { data, error } = await staff.rpc('moderation_queue');
		expect(error).toBeNull();
		expect(data).toHaveLength(1);
		expect(data?.[0]?.reason).toBe('scam_or_fees');
		expect(data?.[0]?.message_body).toMatch(/yen/);
		expect(data?.[0]?.mentorship_status).toBe('declined');
	});

	test('has joint-venture pipelines at every stage, as the generator made them', async () => {
		const { ventures, interests } = venturesOf(buildSeedData());
		const expected = new Map<string, number>();
		for (const i of interests) expected.set(i.stage, (expected.get(i.stage) ?? 0) + 1);
		const { rows } = await backend.db.query<{ stage: string; n: number }>(
			'select stage::text as stage, count(*)::integer as n from public.venture_interests group by stage'
		);
		expect(new Map(rows.map((r) => [r.stage, r.n]))).toEqual(expected);
		expect(expected.size).toBe(9);
		expect(await count('select count(*) as n from public.ventures')).toBe(ventures.length);
		// The triggers derived every region; the story's dates were kept.
		expect(
			await count(`select count(*) as n from public.ventures
				where (prefecture is null) <> (region is null) or search_document = ''::tsvector or updated_at < created_at`)
		).toBe(0);
		expect(await count('select count(*) as n from public.venture_milestones')).toBe(
			interests.reduce((n, i) => n + i.milestones.length, 0)
		);
		expect(
			await count(`select count(*) as n from public.venture_messages m
				join public.venture_interests i on i.id = m.interest_id
				where i.mutual_at is null or m.created_at < i.mutual_at or m.created_at > coalesce(i.closed_at, now())`)
		).toBe(0);
		// Only the pipeline meant to stall has (stall_days = 21).
		expect(
			await count(`select count(*) as n from public.venture_interests
				where stage < 'jv_registered' and stage_changed_at <= now() - interval '21 days'`)
		).toBe(1);
	});

	test('shows a member teasers that name no company and no person', async () => {
		const member = client(backend, { token: await signIn('in-japan@example.com') });
		const { data, error } = await member.rpc('venture_teasers', { p_limit: 50 });
		expect(error).toBeNull();
		const { ventures } = venturesOf(buildSeedData());
		const open = ventures.filter((v) => v.status === 'open');
		expect(data).toHaveLength(open.length);
		expect(Number(data?.[0]?.total_count)).toBe(open.length);
		const { rows: orgs } = await backend.db.query<{ name: string }>(
			`select o.name from public.organisations o where o.kind = 'japanese_sme'`
		);
		for (const teaser of data ?? []) {
			expect(Object.keys(teaser)).not.toContain('organisation_id');
			const text = `${teaser.title} ${teaser.summary}`.toLowerCase();
			for (const org of orgs) expect(text).not.toContain(org.name.split(' ')[0]?.toLowerCase());
		}
		// The table itself stays closed to them.
		const { data: rows } = await member.from('ventures').select('id');
		expect(rows).toEqual([]);
	});

	test('shows the sme login its pipeline at several stages, names revealed only once mutual', async () => {
		const sme = client(backend, { token: await signIn('sme@example.com') });
		const { data, error } = await sme.rpc('my_pipeline');
		expect(error).toBeNull();
		const owned = (data ?? []).filter((r) => r.role === 'owner');
		expect(new Set(owned.map((r) => r.stage)).size).toBeGreaterThanOrEqual(7);
		expect(owned.filter((r) => r.stalled)).toHaveLength(1);
		for (const r of owned) {
			if (!['interest', 'closed'].includes(r.stage)) {
				expect(r.revealed).toBe(true);
				expect(r.counterpart_name).not.toBeNull();
			}
			if (r.stage === 'interest' && r.initiated_by === 'returnee') {
				expect(r.revealed).toBe(false);
				expect(r.counterpart_name).toBeNull();
			}
		}
		expect(owned.some((r) => r.facilitator_name !== null)).toBe(true);
		expect((data ?? []).some((r) => r.role === 'counterpart')).toBe(true);
	});

	test('gives the returnee login a mutual interest with names revealed, and opportunities for her', async () => {
		const mai = client(backend, { token: await signIn('returnee@example.com') });
		const { data: mine, error } = await mai.rpc('my_pipeline');
		expect(error).toBeNull();
		const mutual = (mine ?? []).filter((r) => r.role === 'counterpart' && r.stage === 'mutual');
		expect(mutual).toHaveLength(1);
		expect(mutual[0]?.revealed).toBe(true);
		expect(mutual[0]?.owner_organisation_name).toMatch(/Mikawa/);
		expect(mutual[0]?.last_message_at).not.toBeNull();
		const { data: forMe, error: matchError } = await mai.rpc('ventures_for_me', {});
		expect(matchError).toBeNull();
		expect(forMe?.length).toBeGreaterThanOrEqual(2);
		for (const v of forMe ?? []) expect(v.score).toBeGreaterThan(0);
	});

	test('publishes outcome figures with cells of 5 or more, the rest suppressed', async () => {
		const { data, error } = await client(backend, 'anon').rpc('venture_outcomes');
		expect(error).toBeNull();
		expect(data?.length).toBeGreaterThanOrEqual(3);
		const cells = (data ?? []).flatMap((r) => [r.introductions, r.meetings, r.agreements]);
		expect(cells.filter((n) => n !== null).length).toBeGreaterThanOrEqual(5);
		for (const n of cells) if (n !== null) expect(n).toBeGreaterThanOrEqual(5);
		expect(cells).toContain(null);
	});
});
