/**
 * RLS matrix for ventures: every table × anon, a stranger, the returnees (mutual and still waiting), the SME owner,
 * another SME, the facilitator, staff and the service role × select, insert, update and delete. Then the teaser's
 * promise — it never leaks the company's identity — tried through every channel: REST columns, embedding (from
 * interests, milestones, messages and organisations to ventures and organisations), RPC outputs, ordering and
 * filtering on hidden columns, counts, error messages and storage.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	createOrganisation,
	createPerson,
	createReturnee,
	expectCode,
	ok,
	postVenture,
	snapshot,
	ventureFields,
} from './ventures-fixture.ts';
import {
	client,
	type Client,
	expectError,
	expectNothing,
	makeStaff,
	type Member,
	type Result,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
const COMPANY = 'Takumi Denki';

let backend: TestBackend;
let anon: Client;
let service: Client;
/** Owner of Takumi Denki (verified SME). */
let kenji: Member;
/** Member of another verified SME. */
let oto: Member;
/** Returnee whose interest was accepted (mutual), and one whose interest still waits. */
let linh: Member;
let bao: Member;
/** Member of the facilitator NGO. */
let nadia: Member;
/** Signed in, no part in anything. */
let sam: Member;
let staff: Member;
let takumi: string;
let otherOrg: string;
let ngo: string;
/** Takumi's open opportunity, its draft, and the other SME's open one. */
let open: string;
let draft: string;
let otherOpen: string;
let mutual: string;
let waiting: string;
let logoPath: string;

type Actor =
	'anon' | 'sam' | 'linh' | 'bao' | 'kenji' | 'oto' | 'nadia' | 'staff' | 'service' | 'anonymous';

function as(actor: Actor): Client {
	switch (actor) {
		case 'anon':
			return anon;
		case 'service':
			return service;
		case 'anonymous':
			return client(backend, { token: backend.userToken(sam.id, { is_anonymous: true }) });
		default:
			return { sam, linh, bao, kenji, oto, nadia, staff }[actor].client;
	}
}

type Table = 'ventures' | 'venture_interests' | 'venture_milestones' | 'venture_messages';

/** A PostgREST request builder without the generated column names, for filters on columns that do not exist. */
interface Probe {
	eq(column: string, value: unknown): PromiseLike<Result>;
	order(column: string): PromiseLike<Result>;
}

/** The columns each actor may select (venture_interests: every column but the identity ones). */
const COLUMNS: Record<Table, string> = {
	ventures: 'id',
	venture_interests: 'id, venture_id, stage',
	venture_milestones: 'id, interest_id, stage',
	venture_messages: 'id, interest_id, body',
};

/** Sorted ids of the rows `actor` reads from `table` (null: refused with an error). */
async function ids(actor: Actor, table: Table): Promise<string[] | null> {
	const { data, error } = await as(actor).from(table).select(COLUMNS[table]);
	if (error !== null) return null;
	return (data as unknown as { id: string | number }[]).map((r) => String(r.id)).sort();
}

/** The call changed nothing in any ventures table (refused with an error, or matched no row). */
async function unchanged(call: () => PromiseLike<Result>): Promise<void> {
	const before = await snapshot(backend);
	const result = await call();
	if (result.error === null) expect(result.data ?? [], 'expected no rows').toEqual([]);
	expect(await snapshot(backend)).toBe(before);
}

/** No trace of the company's identity in `value` (name, id, owner, logo, prefecture code). */
function expectNoIdentity(value: unknown): void {
	const text = JSON.stringify(value);
	for (const needle of [COMPANY, takumi, kenji.id, 'Kenji', logoPath]) {
		expect(text, `leaked ${needle}`).not.toContain(needle);
	}
}

let milestoneIds: string[];
let messageIds: string[];

beforeAll(async () => {
	backend = await startMembersBackend();
	anon = client(backend, 'anon');
	service = client(backend, 'service');
	kenji = await createPerson(backend, 'Kenji Takumi', { kinds: ['sme_member'] });
	oto = await createPerson(backend, 'Oto Sasaki', { kinds: ['sme_member'] });
	linh = await createReturnee(backend, 'Linh Pham');
	bao = await createReturnee(backend, 'Bao Do');
	nadia = await createPerson(backend, 'Nadia NGO');
	sam = await createPerson(backend, 'Sam Stranger');
	staff = await createPerson(backend, 'Stan Staff');
	await makeStaff(backend, staff);
	takumi = await createOrganisation(
		backend,
		{ name: COMPANY, sector: 'industrial_products_manufacturing', prefecture: 36 },
		[kenji]
	);
	otherOrg = await createOrganisation(backend, { name: 'Sasaki Foods' }, [oto]);
	ngo = await createOrganisation(backend, { name: 'Bridge NGO', kind: 'ngo' }, [nadia]);
	// The company's logo, in the public bucket, named on the organisation.
	logoPath = `${takumi}/logo.png`;
	const upload = await kenji.client.storage
		.from('org-logos')
		.upload('logo.png'.replace(/^/, `${takumi}/`), PNG, { contentType: 'image/png' });
	expect(upload.error).toBeNull();
	ok(await kenji.client.from('organisations').update({ logo_path: logoPath }).eq('id', takumi));

	open = await postVenture(kenji, ventureFields({ organisation_id: takumi, prefecture: 36 }));
	draft = await postVenture(kenji, ventureFields({ organisation_id: takumi, status: 'draft' }));
	otherOpen = await postVenture(
		oto,
		ventureFields({ organisation_id: otherOrg, title: 'Rice cracker distributor wanted' })
	);
	mutual = ok(
		await linh.client.rpc('express_interest', { p_venture_id: open, p_message: 'I know Hanoi' })
	);
	ok(await kenji.client.rpc('respond_interest', { p_interest_id: mutual, p_accept: true }));
	ok(
		await linh.client.rpc('invite_facilitator', { p_interest_id: mutual, p_organisation_id: ngo })
	);
	ok(await nadia.client.rpc('advance_pipeline', { p_interest_id: mutual, p_stage: 'introduced' }));
	ok(await linh.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Hello' }));
	ok(await kenji.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Welcome' }));
	waiting = ok(
		await bao.client.rpc('express_interest', { p_venture_id: open, p_message: 'I welded in Aichi' })
	);
	milestoneIds = (
		ok(await service.from('venture_milestones').select('id').order('id')) as { id: number }[]
	).map((r) => String(r.id));
	messageIds = (
		ok(await service.from('venture_messages').select('id').order('id')) as { id: number }[]
	).map((r) => String(r.id));
}, 60_000);

afterAll(async () => backend?.close());

describe('select', () => {
	test('ventures: only its owners and staff (not even a mutual party)', async () => {
		const all = [open, draft, otherOpen].sort();
		const expected: Record<Actor, string[] | null> = {
			anon: null,
			anonymous: [],
			sam: [],
			linh: [],
			bao: [],
			kenji: [open, draft].sort(),
			oto: [otherOpen],
			nadia: [],
			staff: all,
			service: all,
		};
		for (const [actor, rows] of Object.entries(expected)) {
			expect(await ids(actor as Actor, 'ventures'), actor).toEqual(rows);
		}
	});

	test('venture_interests: its parties (owners, counterpart, facilitator) and staff', async () => {
		const expected: Record<Actor, string[] | null> = {
			anon: null,
			anonymous: [],
			sam: [],
			linh: [mutual],
			bao: [waiting],
			kenji: [mutual, waiting].sort(),
			oto: [],
			nadia: [mutual],
			staff: [mutual, waiting].sort(),
			service: [mutual, waiting].sort(),
		};
		for (const [actor, rows] of Object.entries(expected)) {
			expect(await ids(actor as Actor, 'venture_interests'), actor).toEqual(rows);
		}
	});

	test('venture_milestones and venture_messages: the parties of the mutual pipeline only', async () => {
		for (const [table, all] of [
			['venture_milestones', milestoneIds],
			['venture_messages', messageIds],
		] as const) {
			const expected: Record<Actor, string[] | null> = {
				anon: null,
				anonymous: [],
				sam: [],
				linh: [...all].sort(),
				bao: [],
				kenji: [...all].sort(),
				oto: [],
				nadia: [...all].sort(),
				staff: [],
				service: [...all].sort(),
			};
			for (const [actor, rows] of Object.entries(expected)) {
				expect(await ids(actor as Actor, table), `${table} ${actor}`).toEqual(rows);
			}
		}
	});
});

describe('insert, update, delete', () => {
	const actors: Actor[] = ['anon', 'sam', 'linh', 'bao', 'kenji', 'oto', 'nadia', 'staff'];

	test('nobody but the service role writes these tables directly', async () => {
		for (const actor of actors) {
			const db = as(actor);
			await unchanged(() =>
				db.from('ventures').insert({
					side: 'sme',
					organisation_id: takumi,
					owner_id: kenji.id,
					title: 'Direct insert title',
					summary: 'A summary long enough for the check constraint.',
					partnership_type: 'supplier',
					sector: 'construction',
					target_countries: ['VN'],
					languages: ['en'],
					status: 'open',
					published_at: new Date().toISOString(),
				})
			);
			await unchanged(() =>
				db.from('ventures').update({ status: 'closed' }).eq('id', open).select('id')
			);
			await unchanged(() =>
				db.from('venture_interests').insert({ venture_id: open, initiated_by: 'returnee' })
			);
			await unchanged(() =>
				db.from('venture_interests').update({ stage: 'mou' }).eq('id', mutual).select('id')
			);
			await unchanged(() => db.from('venture_interests').delete().eq('id', waiting).select('id'));
			await unchanged(() =>
				db.from('venture_milestones').insert({ interest_id: mutual, stage: 'mou' })
			);
			await unchanged(() =>
				db
					.from('venture_milestones')
					.update({ note: 'Changed' })
					.eq('interest_id', mutual)
					.select('id')
			);
			await unchanged(() =>
				db.from('venture_milestones').delete().eq('interest_id', mutual).select('id')
			);
			await unchanged(() =>
				db
					.from('venture_messages')
					.insert({ interest_id: mutual, sender_id: kenji.id, body: 'Forged' })
			);
			await unchanged(() =>
				db
					.from('venture_messages')
					.update({ body: 'Edited' })
					.eq('interest_id', mutual)
					.select('id')
			);
			await unchanged(() =>
				db.from('venture_messages').delete().eq('interest_id', mutual).select('id')
			);
			// Only owners delete, and only drafts.
			if (actor !== 'kenji') {
				await unchanged(() => db.from('ventures').delete().eq('id', draft).select('id'));
			}
			await unchanged(() => db.from('ventures').delete().eq('id', open).select('id'));
		}
	});

	test('the service role writes everything; an owner deletes a draft', async () => {
		const extra = await postVenture(
			kenji,
			ventureFields({ organisation_id: takumi, status: 'draft' })
		);
		expect(ok(await kenji.client.from('ventures').delete().eq('id', extra).select('id'))).toEqual([
			{ id: extra },
		]);
		const note = ok(
			await service
				.from('venture_milestones')
				.update({ note: 'Service edit' })
				.eq('id', Number(milestoneIds[0]))
				.select('note')
		);
		expect(note).toEqual([{ note: 'Service edit' }]);
	});
});

describe('the teaser never leaks the company’s identity', () => {
	test('REST columns: identity columns of interests are readable by nobody, not even the parties', async () => {
		for (const actor of ['kenji', 'linh', 'bao', 'nadia', 'staff'] as const) {
			for (const column of [
				'counterpart_id',
				'counterpart_organisation_id',
				'corridor_country',
				'*',
			]) {
				expectError(await as(actor).from('venture_interests').select(column), '42501');
			}
		}
		// A waiting returnee reads their own interest without anything naming the company.
		const own = ok(
			await bao.client
				.from('venture_interests')
				.select(
					'id, venture_id, stage, message, match_score, match_reasons, facilitator_organisation_id'
				)
		);
		expectNoIdentity(own);
		// The SME reads the waiting interest without anything naming the returnee.
		const board = ok(
			await kenji.client
				.from('venture_interests')
				.select('id, message, match_reasons')
				.eq('id', waiting)
		);
		expect(JSON.stringify(board)).not.toContain(bao.id);
		expect(JSON.stringify(board)).not.toContain('Bao');
	});

	test('embedding from interests, milestones and messages to ventures and organisations', async () => {
		for (const actor of ['linh', 'bao', 'nadia'] as const) {
			const db = as(actor);
			const interests = await db
				.from('venture_interests')
				.select(
					'id, ventures(id, title, organisation_id, owner_id, prefecture, organisations(name, logo_path))'
				);
			if (interests.error === null) {
				for (const row of interests.data as unknown as { ventures: unknown }[]) {
					expect(row.ventures, actor).toBeNull();
				}
			}
			expectNoIdentity(interests.data);
			const milestones = await db
				.from('venture_milestones')
				.select('id, venture_interests(id, ventures(organisation_id, organisations(name)))');
			expectNoIdentity(milestones.data);
			const messages = await db
				.from('venture_messages')
				.select('id, venture_interests(ventures(organisation_id, title))');
			expectNoIdentity(messages.data);
		}
		// Through the identity foreign keys: refused outright.
		for (const select of [
			'id, profiles(display_name)',
			'id, organisations!counterpart_organisation_id(name)',
			'id, organisations!venture_interests_counterpart_organisation_id_fkey(name)',
		]) {
			expectError(await kenji.client.from('venture_interests').select(select), '42501');
			expectError(await linh.client.from('venture_interests').select(select), '42501');
		}
		// From the public organisations table.
		for (const actor of ['anon', 'sam', 'linh', 'bao', 'oto'] as const) {
			const db = as(actor);
			const embedded = await db
				.from('organisations')
				.select('id, name, ventures(id, title)')
				.eq('id', takumi);
			if (embedded.error === null) {
				expect(embedded.data, actor).toEqual([{ id: takumi, name: COMPANY, ventures: [] }]);
			}
			expectNothing(
				await db.from('organisations').select('id, ventures!inner(id)').eq('id', takumi)
			);
			expectNothing(
				await db
					.from('organisations')
					.select('id, ventures!inner(id)')
					.eq('ventures.title', 'Partner for precision parts in Vietnam')
			);
			const reverse = await db
				.from('organisations')
				.select('id, venture_interests!counterpart_organisation_id(id)')
				.eq('id', takumi);
			if (reverse.error === null) {
				expect(reverse.data, actor).toEqual([{ id: takumi, venture_interests: [] }]);
			}
		}
		// From profiles (only one's own row is readable): no way to another's ventures.
		const own = ok(await linh.client.from('profiles').select('id, ventures(id)'));
		expect(own).toEqual([{ id: linh.id, ventures: [] }]);
	});

	test('RPC outputs: teasers, get_venture, ventures_for_me and the waiting side’s board', async () => {
		const teasers = ok(await sam.client.rpc('venture_teasers'));
		expect(teasers.map((t) => t.id).sort()).toEqual([open, otherOpen].sort());
		const teaser = teasers.find((t) => t.id === open);
		expect(Object.keys(teaser ?? {}).sort()).toEqual(
			[
				'id',
				'side',
				'title',
				'summary',
				'partnership_type',
				'sector',
				'target_countries',
				'region',
				'required_skills',
				'min_jlpt',
				'capital',
				'timeline',
				'languages',
				'published_at',
				'total_count',
			].sort()
		);
		expectNoIdentity(teasers);
		// Shikoku has fewer than 5 verified SMEs of the sector: the region is withheld too.
		expect(teaser?.region).toBeNull();
		for (const actor of ['sam', 'bao', 'oto'] as const) {
			const detail = ok(await as(actor).rpc('get_venture', { p_id: open }));
			expect(detail).toHaveLength(1);
			expect(detail[0]).toMatchObject({
				revealed: false,
				organisation_id: null,
				organisation_name: null,
				owner_id: null,
				owner_name: null,
				prefecture: null,
				region: null,
			});
			expectNoIdentity(detail);
		}
		expectNoIdentity(ok(await bao.client.rpc('ventures_for_me')));
		expectNoIdentity(ok(await bao.client.rpc('my_pipeline')));
		expectNoIdentity(ok(await sam.client.rpc('venture_outcomes')));
		// The parties of the mutual pipeline see who it is.
		expect(ok(await linh.client.rpc('get_venture', { p_id: open }))[0]).toMatchObject({
			revealed: true,
			organisation_name: COMPANY,
			prefecture: 36,
			region: 'shikoku',
		});
		expect(ok(await nadia.client.rpc('get_venture', { p_id: open }))[0]?.organisation_name).toBe(
			COMPANY
		);
		// Signed-out visitors and anonymous sign-ins get no teasers at all.
		expectError(await anon.rpc('venture_teasers'));
		expectCode(await as('anonymous').rpc('venture_teasers'), 'not_allowed');
		expectError(await anon.rpc('get_venture', { p_id: open }));
	});

	test('the region shows once 5 verified SMEs of the sector are there', async () => {
		for (let n = 0; n < 5; n++) {
			await createOrganisation(backend, {
				name: `Shikoku Works ${n}`,
				sector: 'industrial_products_manufacturing',
				prefecture: 37 + (n % 3),
			});
		}
		const teaser = ok(await sam.client.rpc('venture_teasers')).find((t) => t.id === open);
		expect(teaser?.region).toBe('shikoku');
		expect(ok(await sam.client.rpc('get_venture', { p_id: open }))[0]?.prefecture).toBeNull();
	});

	test('ordering and filtering on hidden columns', async () => {
		for (const actor of ['kenji', 'linh', 'bao', 'nadia'] as const) {
			const db = as(actor);
			for (const column of ['counterpart_id', 'counterpart_organisation_id', 'corridor_country']) {
				expectError(await db.from('venture_interests').select('id').order(column));
				expectError(await db.from('venture_interests').select('id').eq(column, takumi));
			}
		}
		for (const actor of ['sam', 'linh', 'bao', 'oto'] as const) {
			const db = as(actor);
			expect(ok(await db.from('ventures').select('id').eq('organisation_id', takumi))).toEqual([]);
			// Ordering by the hidden columns orders only the caller's own opportunities (the other SME's).
			expect(
				ok(await db.from('ventures').select('id').order('organisation_id').order('prefecture'))
			).toEqual(actor === 'oto' ? [{ id: otherOpen }] : []);
			// RPC results carry no hidden column to filter or order on (the typed client would not even let us try).
			const teasers = () => db.rpc('venture_teasers') as unknown as Probe;
			expectError(await teasers().eq('organisation_id', takumi));
			expectError(await teasers().order('organisation_id'));
			expectError(await teasers().eq('prefecture', 36));
			// Text search reads teaser text only: the company's name finds nothing.
			expect(ok(await db.rpc('venture_teasers', { p_query: COMPANY }))).toEqual([]);
			expect(
				ok(await db.rpc('venture_teasers', { p_query: 'rice cracker' })).map((t) => t.id)
			).toEqual([otherOpen]);
		}
	});

	test('counts: the same for everyone, and nothing through the tables', async () => {
		const totals = new Set<number>();
		for (const actor of ['sam', 'linh', 'bao', 'kenji', 'oto'] as const) {
			const rows = ok(await as(actor).rpc('venture_teasers', { p_limit: 1 }));
			totals.add(Number(rows[0]?.total_count));
			const { count, error } = await as(actor)
				.from('ventures')
				.select('id', { count: 'exact', head: true })
				.eq('organisation_id', takumi);
			expect(error).toBeNull();
			expect(count, actor).toBe(actor === 'kenji' ? 2 : 0);
		}
		expect([...totals]).toEqual([2]);
		for (const actor of ['sam', 'oto'] as const) {
			const { count } = await as(actor)
				.from('venture_interests')
				.select('id', { count: 'exact', head: true });
			expect(count).toBe(0);
		}
	});

	test('error messages: a draft, another’s interest and a missing id answer alike, naming nobody', async () => {
		const missing = '00000000-0000-4000-8000-00000000beef';
		const pairs: [() => PromiseLike<Result>, () => PromiseLike<Result>][] = [
			[
				() => sam.client.rpc('express_interest', { p_venture_id: draft, p_message: 'Hi' }),
				() => sam.client.rpc('express_interest', { p_venture_id: missing, p_message: 'Hi' }),
			],
			[
				() => sam.client.rpc('respond_interest', { p_interest_id: waiting, p_accept: true }),
				() => sam.client.rpc('respond_interest', { p_interest_id: missing, p_accept: true }),
			],
			[
				() => sam.client.rpc('send_venture_message', { p_interest_id: mutual, p_body: 'Hi' }),
				() => sam.client.rpc('send_venture_message', { p_interest_id: missing, p_body: 'Hi' }),
			],
		];
		for (const [hidden, absent] of pairs) {
			const a = await hidden();
			const b = await absent();
			expectCode(a, 'not_found');
			expect(a.error).toEqual(b.error);
			expectNoIdentity(a.error);
		}
		// Naming a company one does not belong to answers not_owner, whether or not it posted the teaser.
		const probe = await oto.client.rpc('express_interest', {
			p_venture_id: open,
			p_message: 'Hi',
			p_organisation_id: takumi,
		});
		const control = await oto.client.rpc('express_interest', {
			p_venture_id: open,
			p_message: 'Hi',
			p_organisation_id: ngo,
		});
		expectCode(probe, 'not_owner', 'organisation_id');
		expect(probe.error).toEqual(control.error);
		expect(ok(await sam.client.rpc('get_venture', { p_id: draft }))).toEqual([]);
		expect(ok(await sam.client.rpc('get_venture', { p_id: missing }))).toEqual([]);
		// Interest a returnee may not show: the reason names the rule, not the company.
		const far = await createReturnee(backend, 'Far Away', { home_country: 'KE' });
		const refused = await far.client.rpc('express_interest', {
			p_venture_id: open,
			p_message: 'Hi',
		});
		expectCode(refused, 'requirements', 'country');
		expectNoIdentity(refused.error);
	});

	test('storage: teasers carry no logo path; the logo bucket cannot be listed', async () => {
		for (const actor of ['sam', 'bao', 'oto'] as const) {
			const listed = await as(actor).storage.from('org-logos').list(takumi);
			expect(listed.data ?? []).toEqual([]);
			const root = await as(actor).storage.from('org-logos').list();
			expect(JSON.stringify(root.data ?? [])).not.toContain(takumi);
			expectNoIdentity(ok(await as(actor).rpc('venture_teasers')));
			expectNoIdentity(ok(await as(actor).rpc('get_venture', { p_id: open })));
		}
	});
});
