import type { SupabaseClient } from '@supabase/supabase-js';
import { typedDb } from '~/lib/supabase/db.server.ts';
import {
	LoadError,
	loadMyOrganisations,
	type Membership,
} from '~/features/organisations/server/queries.server.ts';
import { teaserArgs, type TeaserFilters } from '../filters.ts';
import { MATCHES_PER_PAGE, SUPPORT_ORGANISATION_KINDS } from '../options.ts';
import type {
	CandidateRow,
	InterestRow,
	MatchedTeaserRow,
	MilestoneRow,
	OutcomeRow,
	OwnVentureRow,
	PipelineRow,
	TeaserRow,
	VentureMessageRow,
	VentureRow,
} from '../types.ts';

export { LoadError, type Membership };

function check<T>(result: { data: T; error: unknown }, what: string): T {
	if (result.error) throw new LoadError(`could not load ${what}`, { cause: result.error });
	return result.data;
}

/** One page of open opportunities as anonymous teasers, and how many match in all. */
export async function loadTeasers(
	db: SupabaseClient,
	filters: TeaserFilters
): Promise<{ teasers: TeaserRow[]; total: number }> {
	const rows =
		check(await typedDb(db).rpc('venture_teasers', teaserArgs(filters)), 'the opportunities') ?? [];
	return { teasers: rows, total: Number(rows[0]?.total_count ?? 0) };
}

/** One page of results with the number of results in all. */
export interface Paged<T> {
	rows: T[];
	total: number;
}

/** One page of the open opportunities matched to the calling returnee, best first, with reasons. */
export async function loadForMe(
	db: SupabaseClient,
	page: number
): Promise<Paged<MatchedTeaserRow>> {
	const rows =
		check(
			await typedDb(db).rpc('ventures_for_me', {
				p_limit: MATCHES_PER_PAGE,
				p_offset: (page - 1) * MATCHES_PER_PAGE,
			}),
			'your matches'
		) ?? [];
	return { rows, total: Number(rows[0]?.total_count ?? 0) };
}

/**
 * One opportunity as the caller may see it (`get_venture()`): the teaser, and who posted it only
 * for its owners and the parties of a mutual interest. Null when there is none the caller may see.
 */
export async function loadVenture(db: SupabaseClient, id: string): Promise<VentureRow | null> {
	const rows = check(await typedDb(db).rpc('get_venture', { p_id: id }), 'the opportunity') ?? [];
	return rows[0] ?? null;
}

const OWN_VENTURE_COLUMNS =
	'id, side, organisation_id, owner_id, title, summary, partnership_type, sector, target_countries, offers, needs, required_skills, min_jlpt, capital, network, timeline, languages, prefecture, status, created_at, updated_at, published_at, closed_at';

/** One opportunity's row for its owners to edit; null for anyone else (row-level security). */
export async function loadOwnVenture(
	db: SupabaseClient,
	id: string
): Promise<OwnVentureRow | null> {
	return check(
		await typedDb(db).from('ventures').select(OWN_VENTURE_COLUMNS).eq('id', id).maybeSingle(),
		'the opportunity'
	);
}

/**
 * The opportunities the caller posted for their own business or for their organisations, newest
 * change first. The filter names them: staff may read every row, but this page is the member's.
 */
export async function loadMyVentures(
	db: SupabaseClient,
	userId: string,
	organisationIds: readonly string[]
): Promise<OwnVentureRow[]> {
	const mine = [`and(side.eq.returnee,owner_id.eq.${userId})`];
	if (organisationIds.length > 0) mine.push(`organisation_id.in.(${organisationIds.join(',')})`);
	return (
		check(
			await typedDb(db)
				.from('ventures')
				.select(OWN_VENTURE_COLUMNS)
				.or(mine.join(','))
				.order('updated_at', { ascending: false })
				.limit(200),
			'your opportunities'
		) ?? []
	);
}

/** The organisations the caller belongs to (their id, name, kind and whether verified). */
export async function loadMemberships(db: SupabaseClient, userId: string): Promise<Membership[]> {
	return loadMyOrganisations(typedDb(db), userId);
}

/** The pipelines the caller takes part in, as owner, counterpart or facilitator. */
export async function loadPipeline(db: SupabaseClient): Promise<PipelineRow[]> {
	return check(await typedDb(db).rpc('my_pipeline'), 'your pipeline') ?? [];
}

const INTEREST_COLUMNS =
	'id, venture_id, initiated_by, stage, furthest_stage, message, match_score, match_reasons, mutual_at, introduced_at, close_reason, close_note, closed_at, facilitator_organisation_id, stage_changed_at, created_at';

/** One interest (a pipeline), or null when the caller is not one of its parties. */
export async function loadInterest(db: SupabaseClient, id: string): Promise<InterestRow | null> {
	return check(
		await typedDb(db).from('venture_interests').select(INTEREST_COLUMNS).eq('id', id).maybeSingle(),
		'the pipeline'
	);
}

/** The steps logged in a pipeline, in the order they were logged. */
export async function loadMilestones(
	db: SupabaseClient,
	interestId: string
): Promise<MilestoneRow[]> {
	return (
		check(
			await typedDb(db)
				.from('venture_milestones')
				.select('id, interest_id, stage, note, happened_on, created_by, created_at')
				.eq('interest_id', interestId)
				.order('id', { ascending: true })
				.limit(100),
			'the milestones'
		) ?? []
	);
}

/** A pipeline's conversation, oldest first (its parties only, once mutual). */
export async function loadMessages(
	db: SupabaseClient,
	interestId: string
): Promise<VentureMessageRow[]> {
	return (
		check(
			await typedDb(db)
				.from('venture_messages')
				.select('id, interest_id, sender_id, body, created_at')
				.eq('interest_id', interestId)
				.order('id', { ascending: true })
				.limit(1000),
			'the messages'
		) ?? []
	);
}

/** Whether someone on another side of a mutual pipeline blocked the caller (never says who). */
export async function loadBlockedMe(db: SupabaseClient, interestId: string): Promise<boolean> {
	return (
		check(
			await typedDb(db).rpc('venture_blocked_me', { p_interest_id: interestId }),
			'the block state'
		) === true
	);
}

/** Which of `people` the caller has blocked (their own blocks, read through row-level security). */
export async function loadMyBlocks(
	db: SupabaseClient,
	userId: string,
	people: readonly string[]
): Promise<string[]> {
	if (people.length === 0) return [];
	const rows =
		check(
			await typedDb(db)
				.from('blocks')
				.select('blocked_id')
				.eq('blocker_id', userId)
				.in('blocked_id', [...new Set(people)]),
			'your blocks'
		) ?? [];
	return rows.map((r) => r.blocked_id);
}

/** One page of candidates for an opportunity, best first, for its owners. */
export async function loadCandidates(
	db: SupabaseClient,
	ventureId: string,
	page: number
): Promise<Paged<CandidateRow>> {
	const rows =
		check(
			await typedDb(db).rpc('venture_candidates', {
				p_venture_id: ventureId,
				p_limit: MATCHES_PER_PAGE,
				p_offset: (page - 1) * MATCHES_PER_PAGE,
			}),
			'the candidates'
		) ?? [];
	return { rows, total: Number(rows[0]?.total_count ?? 0) };
}

/** The public outcomes by corridor and sector; small counts come back suppressed (null). */
export async function loadOutcomes(db: SupabaseClient): Promise<OutcomeRow[]> {
	return check(await typedDb(db).rpc('venture_outcomes'), 'the outcomes') ?? [];
}

/** A verified support organisation that can be invited to facilitate. */
export interface SupportOrganisation {
	id: string;
	name: string;
}

/** The verified support organisations, by name (organisations are public). */
export async function loadSupportOrganisations(db: SupabaseClient): Promise<SupportOrganisation[]> {
	return (
		check(
			await typedDb(db)
				.from('organisations')
				.select('id, name')
				.eq('verified', true)
				.in('kind', [...SUPPORT_ORGANISATION_KINDS])
				.order('name')
				.limit(300),
			'the support organisations'
		) ?? []
	);
}

/** What the joint-venture pages need of the caller's own profile. */
export interface OwnProfile {
	display_name: string;
	kinds: string[];
}

/** The caller's own profile (the owner reads every field of their row). */
export async function loadOwnProfile(
	db: SupabaseClient,
	userId: string
): Promise<OwnProfile | null> {
	return check(
		await typedDb(db).from('profiles').select('display_name, kinds').eq('id', userId).maybeSingle(),
		'your profile'
	);
}
