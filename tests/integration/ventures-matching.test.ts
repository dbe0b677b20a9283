/**
 * Venture matching both ways — candidates for an opportunity (venture_candidates) and opportunities for a returnee
 * (ventures_for_me): the hard constraints (country, sector compatibility, Japanese level), exact scores and reasons,
 * values hidden from the caller's tier never used or shown, the weights the public page renders, and the public
 * outcome figures with small-cell suppression.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	createOrganisation,
	createPerson,
	createReturnee,
	ok,
	postVenture,
	ventureFields,
} from './ventures-fixture.ts';
import { client, type Client, type Member, startMembersBackend } from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

let backend: TestBackend;
let service: Client;
/** Owner of a verified SME (tier verified_orgs). */
let sme: Member;
let org: string;
/** The food-manufacturing opportunity: VN and PH, N3 or better, working in Japanese and Vietnamese. */
let food: string;

type Candidate = { profile_id: string; score: number; reasons: unknown };

async function candidates(member: Member, venture: string): Promise<Candidate[]> {
	return ok(
		await member.client.rpc('venture_candidates', { p_venture_id: venture, p_limit: 50 })
	) as Candidate[];
}

function byId(rows: Candidate[], id: string): Candidate | undefined {
	return rows.find((r) => r.profile_id === id);
}

async function verify(member: Member): Promise<void> {
	ok(
		await service
			.from('profiles')
			.update({ verified: true, verified_at: new Date().toISOString() })
			.eq('id', member.id)
	);
}

beforeAll(async () => {
	backend = await startMembersBackend();
	service = client(backend, 'service');
	sme = await createPerson(backend, 'Sme Owner', { kinds: ['sme_member'] });
	org = await createOrganisation(backend, { name: 'Matching Shokuhin' }, [sme]);
	food = await postVenture(
		sme,
		ventureFields({
			organisation_id: org,
			sector: 'food_beverage_manufacturing',
			target_countries: ['VN', 'PH'],
			min_jlpt: 'n3',
			languages: ['ja', 'vi'],
			title: 'Partner for a food factory',
		})
	);
}, 60_000);

afterAll(async () => backend?.close());

describe('candidates for an opportunity', () => {
	test('the best fit: exact score and every reason, from values the SME may see', async () => {
		const best = await createReturnee(backend, 'Best Fit', {
			japan_field: 'food_beverage_manufacturing',
			business_sector: 'food_service',
			business_stage: 'growing',
			jlpt_level: 'n2',
			languages: ['ja', 'vi'],
			looking_for: ['jv_partner'],
			business_visibility: 'verified_orgs',
		});
		await verify(best);
		const row = byId(await candidates(sme, food), best.id);
		expect(row?.score).toBe(85);
		expect(row?.reasons).toEqual([
			{ code: 'country', country: 'VN', points: 10 },
			{ code: 'related_sector', sector: 'food_service', points: 10 },
			{ code: 'same_field', field: 'food_beverage_manufacturing', points: 20 },
			{ code: 'runs_business', stage: 'growing', points: 10 },
			{ code: 'japanese_advanced', jlpt: 'n2', points: 10 },
			{ code: 'shared_language', languages: ['ja', 'vi'], points: 10 },
			{ code: 'looking_for_partner', points: 10 },
			{ code: 'verified', points: 5 },
		]);
	});

	test('hard constraints: country, sector compatibility, Japanese level, returnees only', async () => {
		const related = await createReturnee(backend, 'Related Field', {
			japan_field: 'agriculture',
			home_country: 'PH',
		});
		const byBusiness = await createReturnee(backend, 'By Business', {
			japan_field: 'construction',
			business_sector: 'food_beverage_manufacturing',
		});
		const kenya = await createReturnee(backend, 'Kenya Returnee', {
			home_country: 'KE',
			japan_field: 'food_beverage_manufacturing',
		});
		const builder = await createReturnee(backend, 'Only Builder', { japan_field: 'construction' });
		const beginner = await createReturnee(backend, 'Beginner', {
			japan_field: 'food_beverage_manufacturing',
			jlpt_level: 'n4',
		});
		const noJlpt = await createReturnee(backend, 'No Jlpt', {
			japan_field: 'food_beverage_manufacturing',
			jlpt_level: null,
		});
		const inJapan = await createReturnee(backend, 'Still In Japan', {
			kinds: ['in_japan'],
			japan_field: 'food_beverage_manufacturing',
		});
		const unlisted = await createReturnee(backend, 'Unlisted', {
			japan_field: 'food_beverage_manufacturing',
			profile_visibility: 'private',
		});
		const rows = await candidates(sme, food);
		const ids = rows.map((r) => r.profile_id);
		expect(ids).toEqual(expect.arrayContaining([related.id, byBusiness.id]));
		for (const out of [kenya, builder, beginner, noJlpt, inJapan, unlisted, sme]) {
			expect(ids, out.email).not.toContain(out.id);
		}
		expect(byId(rows, related.id)?.reasons).toContainEqual({
			code: 'related_field',
			field: 'agriculture',
			points: 10,
		});
		expect(byId(rows, byBusiness.id)?.reasons).toContainEqual({
			code: 'same_sector',
			sector: 'food_beverage_manufacturing',
			points: 25,
		});
		// Best first; total_count counts them all.
		const scores = rows.map((r) => r.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		const first = ok(
			await sme.client.rpc('venture_candidates', { p_venture_id: food, p_limit: 1 })
		);
		expect(first).toHaveLength(1);
		expect(Number(first[0]?.total_count)).toBe(rows.length);
	});

	test('hidden values fail their hard constraint and never appear in reasons', async () => {
		// Country hidden from everyone but the owner: not a candidate, whatever else fits.
		const hiddenCountry = await createReturnee(backend, 'Hidden Country', {
			japan_field: 'food_beverage_manufacturing',
			country_visibility: 'private',
		});
		// Field hidden: a candidate through the visible business sector only; the hidden business of another never shows.
		const hiddenField = await createReturnee(backend, 'Hidden Field', {
			japan_field: 'food_beverage_manufacturing',
			field_visibility: 'private',
			business_sector: 'fishery',
			business_stage: 'started',
		});
		const hiddenBusiness = await createReturnee(backend, 'Hidden Business', {
			japan_field: 'food_beverage_manufacturing',
			business_sector: 'food_service',
			business_stage: 'growing',
			business_name: 'Secret Pho House',
			business_visibility: 'private',
			languages: ['vi', 'ja'],
			languages_visibility: 'private',
			looking_for: ['jv_partner'],
			looking_for_visibility: 'private',
			headline: 'Secret headline',
			headline_visibility: 'private',
		});
		// Japanese level hidden: fails the N3 requirement.
		const hiddenJapanese = await createReturnee(backend, 'Hidden Japanese', {
			japan_field: 'food_beverage_manufacturing',
			japanese_visibility: 'private',
		});
		const rows = await candidates(sme, food);
		const ids = rows.map((r) => r.profile_id);
		expect(ids).not.toContain(hiddenCountry.id);
		expect(ids).not.toContain(hiddenJapanese.id);
		const viaBusiness = byId(rows, hiddenField.id);
		expect(viaBusiness?.reasons).toContainEqual({
			code: 'related_sector',
			sector: 'fishery',
			points: 10,
		});
		expect(JSON.stringify(viaBusiness)).not.toContain('same_field');
		const secret = byId(rows, hiddenBusiness.id) as Candidate & { headline: string | null };
		expect(secret).toBeDefined();
		expect(secret.headline).toBeNull();
		const codes = (secret.reasons as { code: string }[]).map((r) => r.code);
		expect(codes).toEqual(['country', 'same_field', 'japanese_advanced']);
		for (const hidden of [
			'food_service',
			'growing',
			'Secret',
			'jv_partner',
			'looking_for_partner',
			'"vi"',
		]) {
			expect(JSON.stringify(secret), hidden).not.toContain(hidden);
		}
	});

	test('values only verified organisations see count for the SME, not for a returnee owner', async () => {
		const tiered = await createReturnee(backend, 'Tiered Field', {
			japan_field: 'automobile_repair',
			field_visibility: 'verified_orgs',
		});
		const smeVenture = await postVenture(
			sme,
			ventureFields({ organisation_id: org, sector: 'automobile_repair', min_jlpt: null })
		);
		expect((await candidates(sme, smeVenture)).map((r) => r.profile_id)).toContain(tiered.id);
		const owner = await createReturnee(backend, 'Garage Owner', { japan_field: 'construction' });
		const ownVenture = await postVenture(
			owner,
			ventureFields({
				side: 'returnee',
				sector: 'automobile_repair',
				min_jlpt: null,
				title: 'Garage seeks partner',
			})
		);
		const theirs = (await candidates(owner, ownVenture)).map((r) => r.profile_id);
		expect(theirs).not.toContain(tiered.id);
		expect(theirs).not.toContain(owner.id);
	});

	test('the score an interest stores is what every owner may see, with no name', async () => {
		const quiet = await createReturnee(backend, 'Quiet Applicant', {
			japan_field: 'food_beverage_manufacturing',
			jlpt_level: 'n1',
			japanese_visibility: 'private',
		});
		// Their own (hidden) N1 meets the requirement…
		const interest = ok(
			await quiet.client.rpc('express_interest', { p_venture_id: food, p_message: 'Interested' })
		);
		// …but the stored score cannot use it: the SME's tier does not see it (so the profile is no candidate).
		const stored = ok(
			await sme.client
				.from('venture_interests')
				.select('match_score, match_reasons')
				.eq('id', interest)
				.single()
		);
		expect(stored.match_score).toBeNull();
		expect(stored.match_reasons).toEqual([]);
		const visible = await createReturnee(backend, 'Open Applicant', {
			japan_field: 'food_service',
		});
		const second = ok(
			await visible.client.rpc('express_interest', {
				p_venture_id: food,
				p_message: 'Interested too',
			})
		);
		const row = ok(
			await sme.client
				.from('venture_interests')
				.select('match_score, match_reasons')
				.eq('id', second)
				.single()
		);
		expect(row.match_score).toBe(40);
		expect(JSON.stringify(row)).not.toContain('Open Applicant');
		// Once in a pipeline, no longer a candidate.
		expect((await candidates(sme, food)).map((r) => r.profile_id)).not.toContain(visible.id);
	});
});

describe('opportunities for a returnee', () => {
	test('hard constraints and order; teasers only, with the returnee’s own reasons', async () => {
		const poster = await createPerson(backend, 'Poster', { kinds: ['sme_member'] });
		const posterOrg = await createOrganisation(backend, { name: 'Poster Foods' }, [poster]);
		const me = await createReturnee(backend, 'Me Returnee', {
			home_country: 'ID',
			japan_field: 'agriculture',
			business_sector: 'food_service',
			business_stage: 'idea',
			jlpt_level: 'n3',
			languages: ['id', 'ja'],
		});
		const post = (overrides: Record<string, unknown>) =>
			postVenture(
				poster,
				ventureFields({
					organisation_id: posterOrg,
					target_countries: ['ID'],
					min_jlpt: null,
					languages: ['en'],
					...overrides,
				})
			);
		const sameSector = await post({ sector: 'food_service', languages: ['id'] });
		const sameField = await post({ sector: 'agriculture' });
		const related = await post({ sector: 'fishery' });
		const otherCountry = await post({ sector: 'food_service', target_countries: ['VN'] });
		const otherSector = await post({ sector: 'construction' });
		const tooHard = await post({ sector: 'food_service', min_jlpt: 'n1' });
		const draft = await post({ sector: 'food_service', status: 'draft' });
		const already = await post({ sector: 'agriculture', title: 'Already interested here' });
		ok(await me.client.rpc('express_interest', { p_venture_id: already, p_message: 'Hello' }));
		const returneeOwner = await createReturnee(backend, 'Other Returnee Owner', {
			home_country: 'ID',
		});
		const returneeSide = await postVenture(
			returneeOwner,
			ventureFields({
				side: 'returnee',
				min_jlpt: null,
				sector: 'food_service',
				target_countries: ['ID'],
			})
		);

		const rows = ok(await me.client.rpc('ventures_for_me', { p_limit: 50 }));
		expect(rows.map((r) => r.id)).toEqual([sameSector, sameField, related]);
		for (const out of [otherCountry, otherSector, tooHard, draft, already, returneeSide]) {
			expect(rows.map((r) => r.id)).not.toContain(out);
		}
		expect(rows.map((r) => r.score)).toEqual([60, 45, 35]);
		expect(rows[0]?.reasons).toEqual([
			{ code: 'country', country: 'ID', points: 10 },
			{ code: 'same_sector', sector: 'food_service', points: 25 },
			{ code: 'related_field', field: 'agriculture', points: 10 },
			{ code: 'japanese_intermediate', jlpt: 'n3', points: 5 },
			{ code: 'shared_language', languages: ['id'], points: 10 },
		]);
		expect(rows[1]?.reasons).toContainEqual({
			code: 'same_field',
			field: 'agriculture',
			points: 20,
		});
		expect(Number(rows[0]?.total_count)).toBe(3);
		expect(JSON.stringify(rows)).not.toContain(posterOrg);
		expect(JSON.stringify(rows)).not.toContain('Poster Foods');
	});
});

describe('weights and outcomes', () => {
	test('the weights: points add up to 100, families cover each sector once, anyone may read them', async () => {
		const weights = ok(await client(backend, 'anon').rpc('venture_matching_weights'));
		const best = new Map<string, number>();
		for (const w of weights.filter((x) => x.kind === 'points')) best.set(w.code, w.value ?? 0);
		const max =
			(best.get('country') ?? 0) +
			(best.get('same_sector') ?? 0) +
			(best.get('same_field') ?? 0) +
			(best.get('runs_business') ?? 0) +
			(best.get('japanese_advanced') ?? 0) +
			(best.get('shared_language') ?? 0) +
			(best.get('looking_for_partner') ?? 0) +
			(best.get('verified') ?? 0);
		expect(max).toBe(100);
		const sectors = weights.filter((w) => w.kind === 'family').flatMap((w) => w.sectors ?? []);
		expect(new Set(sectors).size).toBe(sectors.length);
		expect(weights.find((w) => w.code === 'stall_days')?.value).toBe(21);
	});

	test('outcomes: no count under 5, fully suppressed cells left out, no totals; anyone may read them', async () => {
		await backend.db.exec(`delete from public.venture_interests`);
		// Pipelines (as the superuser) for: VN × manufacturing 7 introduced / 5 met / 2 agreed; KE × agriculture
		// 5 introduced; PH × food 3 introduced (suppressed); ID × agriculture 4 agreed (suppressed).
		const cells: [string, string, string, number][] = [
			['VN', 'industrial_products_manufacturing', 'introduced', 2],
			['VN', 'industrial_products_manufacturing', 'first_meeting', 3],
			['VN', 'industrial_products_manufacturing', 'mou', 1],
			['VN', 'industrial_products_manufacturing', 'jv_registered', 1],
			['KE', 'agriculture', 'introduced', 5],
			['PH', 'food_service', 'introduced', 3],
			['ID', 'agriculture', 'jv_registered', 4],
			['VN', 'construction', 'mutual', 9],
		];
		for (const [country, sector, stage, count] of cells) {
			const venture = await postVenture(
				sme,
				ventureFields({ organisation_id: org, sector, target_countries: [country], min_jlpt: null })
			);
			// The counterparts do not matter to the figures: rows without one.
			await backend.db.query(
				`insert into public.venture_interests (venture_id, initiated_by, stage, furthest_stage, corridor_country,
					mutual_at, introduced_at)
				select $1, 'returnee', $2, $2, $3, now(),
					case when $2::public.pipeline_stage >= 'introduced' then now() end
				from generate_series(1, $4)`,
				[venture, stage, country, count]
			);
		}
		// A closed pipeline keeps what it reached.
		await backend.db.exec(
			`update public.venture_interests set stage = 'closed', close_reason = 'terms', closed_at = now()
			where corridor_country = 'KE'`
		);
		const rows = ok(await client(backend, 'anon').rpc('venture_outcomes'));
		expect(rows).toEqual([
			{
				corridor_country: 'KE',
				sector: 'agriculture',
				introductions: 5,
				meetings: null,
				agreements: null,
			},
			{
				corridor_country: 'VN',
				sector: 'industrial_products_manufacturing',
				introductions: 7,
				meetings: 5,
				agreements: null,
			},
		]);
		for (const row of rows) {
			expect(row.corridor_country).not.toBeNull();
			expect(row.sector).not.toBeNull();
			for (const value of [row.introductions, row.meetings, row.agreements]) {
				if (value !== null) expect(value).toBeGreaterThanOrEqual(5);
			}
		}
	});
});
