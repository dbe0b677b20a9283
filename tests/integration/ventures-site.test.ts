/**
 * The site's side of joint ventures against the real backend with every migration: the scheduled job reminds
 * both sides of a stalled pipeline in their own language, exactly once per stall and only people who want these
 * emails; interest and answers are emailed to the right side; and the database's refusals become the site's
 * translated messages. Time is moved by passing `now`, never by sleeping.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeVentureError } from '../../src/features/ventures/server/errors.server.ts';
import { runVentureJobs } from '../../src/features/ventures/server/jobs.server.ts';
import { notifyAnswer, notifyInterest } from '../../src/features/ventures/server/notify.server.ts';
import { isMessageKey } from '../../src/i18n/translate.ts';
import { client, startMembersBackend, type Member } from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';
import {
	createOrganisation,
	createPerson,
	createReturnee,
	postVenture,
	setProfile,
	ventureFields,
} from './ventures-fixture.ts';

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

describe('emails and the stall reminders', () => {
	let sato: Member;
	let hoa: Member;
	let interestId: string;

	beforeAll(async () => {
		sato = await createPerson(backend, 'Sato', { kinds: ['sme_member'] });
		await setProfile(sato, { locale: 'ja' });
		hoa = await createReturnee(backend, 'Hoa');
		await setProfile(hoa, { locale: 'vi' });
		const organisation = await createOrganisation(backend, { name: 'Takumi Seimitsu' }, [sato]);
		const venture = await postVenture(sato, ventureFields({ organisation_id: organisation }));
		const { data, error } = await hoa.client.rpc('express_interest', {
			p_venture_id: venture,
			p_message: 'I machined parts in Aichi for three years.',
		});
		if (error !== null) throw new Error(error.message);
		interestId = data;
	}, 60_000);

	test('interest is emailed to the member who posted, in their language, with the pipeline link', async () => {
		expect(await notifyInterest(ORIGIN, interestId)).toBe(true);
		const [email] = await backend.mailbox(sato.email);
		expect(email?.kind).toBe('venture_interest');
		expect(email?.action_link).toBe(`${ORIGIN}/ja/ventures/pipeline/${interestId}`);
		expect(email?.subject).toContain('Partner for precision parts in Vietnam');
		expect(email?.text).toMatch(
			new RegExp(`${ORIGIN}/ja/unsubscribe/[0-9a-f-]{36}\\?kind=ventures`)
		);
		// The email names nobody: the teaser's title only.
		expect(email?.text).not.toContain('Hoa');
	});

	test('the answer goes to the side that started', async () => {
		const { error } = await sato.client.rpc('respond_interest', {
			p_interest_id: interestId,
			p_accept: true,
		});
		expect(error).toBeNull();
		expect(await notifyAnswer(ORIGIN, interestId, true)).toBe(true);
		const [email] = await backend.mailbox(hoa.email);
		expect(email?.kind).toBe('venture_answer');
		expect(email?.action_link).toBe(`${ORIGIN}/vi/ventures/pipeline/${interestId}`);
	});

	test('a stalled pipeline reminds both sides once, each in their language', async () => {
		expect(await runVentureJobs(new Date(Date.now() + DAY), { origin: ORIGIN })).toEqual({
			due: 0,
			sent: 0,
		});
		const later = new Date(Date.now() + 22 * DAY);
		expect(await runVentureJobs(later, { origin: ORIGIN })).toEqual({ due: 2, sent: 2 });
		const [toSato] = await backend.mailbox(sato.email);
		const [toHoa] = await backend.mailbox(hoa.email);
		expect(toSato?.kind).toBe('venture_reminder');
		expect(toSato?.action_link).toBe(`${ORIGIN}/ja/ventures/pipeline/${interestId}`);
		expect(toHoa?.kind).toBe('venture_reminder');
		expect(toHoa?.action_link).toBe(`${ORIGIN}/vi/ventures/pipeline/${interestId}`);
		// Stamped: a second run (another site instance) sends nothing again.
		expect(await runVentureJobs(later, { origin: ORIGIN })).toEqual({ due: 0, sent: 0 });
	});

	test('who turned joint-venture emails off is not reminded again', async () => {
		const { data } = await hoa.client
			.from('notification_preferences')
			.select('unsubscribe_token')
			.eq('user_id', hoa.id)
			.single();
		const { error } = await client(backend, 'anon').rpc('unsubscribe', {
			p_token: data?.unsubscribe_token ?? '',
			p_kind: 'ventures',
		});
		expect(error).toBeNull();
		const muchLater = new Date(Date.now() + 50 * DAY);
		expect(await runVentureJobs(muchLater, { origin: ORIGIN })).toEqual({ due: 1, sent: 1 });
		const reminders = (await backend.mailbox(hoa.email)).filter(
			(m) => m.kind === 'venture_reminder'
		);
		expect(reminders).toHaveLength(1);
	});
});

test('every refusal the database raises has a translated message', async () => {
	const kato = await createPerson(backend, 'Kato', { kinds: ['sme_member'] });
	const organisation = await createOrganisation(backend, { name: 'Kato Tekko', verified: false }, [
		kato,
	]);
	const cases: [Record<string, unknown>, string][] = [
		[ventureFields({ organisation_id: organisation }), 'ventures.error.not_verified'],
		[
			ventureFields({
				organisation_id: organisation,
				status: 'draft',
				title: 'Kato Tekko seeks a partner',
			}),
			'ventures.error.identifying.title',
		],
		[
			ventureFields({ side: 'returnee', min_jlpt: 'n2', status: 'draft' }),
			'ventures.error.jlptForReturnee',
		],
	];
	for (const [fields, key] of cases) {
		const { error } = await kato.client.rpc('save_venture', { p_fields: fields as never });
		expect(error, key).not.toBeNull();
		const described = describeVentureError(error, 'ventures.error.saveFailed');
		expect(described.key).toBe(key);
		expect(isMessageKey(described.key)).toBe(true);
	}
});
