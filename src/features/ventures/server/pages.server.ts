import { actions, isActionError } from 'astro:actions';
import { redirectOnSuccess, requireUser } from '~/features/auth/server/require.server.ts';
import type { PageContext, Unavailable } from '~/features/organisations/server/pages.server.ts';
import { isMessageKey, type MessageKey } from '~/i18n/translate.ts';
import { parseTeaserFilters, type TeaserFilters } from '../filters.ts';
import { MAX_PAGE } from '../options.ts';
import { isId } from '../paths.ts';
import type {
	CandidateRow,
	InterestRow,
	MatchedTeaserRow,
	MilestoneRow,
	OutcomeRow,
	OwnVentureRow,
	PipelineRole,
	PipelineRow,
	TeaserRow,
	VentureMessageRow,
	VentureRow,
} from '../types.ts';
import {
	LoadError,
	loadCandidates,
	loadForMe,
	loadInterest,
	loadMemberships,
	loadBlockedMe,
	loadMessages,
	loadMilestones,
	loadMyBlocks,
	loadMyVentures,
	loadOutcomes,
	loadOwnProfile,
	loadOwnVenture,
	loadPipeline,
	loadSupportOrganisations,
	loadTeasers,
	loadVenture,
	type Membership,
	type OwnProfile,
	type SupportOrganisation,
} from './queries.server.ts';

/**
 * Runs a page's loader. A LoadError (the database did not answer) becomes the "try again later"
 * page with status 503, never a stack trace.
 */
async function guarded<T>(context: PageContext, load: () => Promise<T>): Promise<T | Unavailable> {
	try {
		return await load();
	} catch (error) {
		if (!(error instanceof LoadError)) throw error;
		console.error('[ventures]', error, error.cause);
		context.response.status = 503;
		return { unavailable: true };
	}
}

type AnyAction = Parameters<PageContext['getActionResult']>[0];

/** The first successful action's redirect among `list`, if any (post/redirect/get). */
function doneRedirect(context: PageContext, list: readonly AnyAction[]): Response | undefined {
	for (const action of list) {
		const done = redirectOnSuccess(context, context.getActionResult(action));
		if (done) return done;
	}
	return undefined;
}

/** A post about something the caller may not see or change: what to tell them (status 403). */
export interface Denied {
	denied: MessageKey;
}

/**
 * What a page answers when the thing at its address is not the caller's to see: 404 after a
 * plain visit; after a post to one of its actions (an edited form, another organisation's id), a
 * translated refusal with status 403 — and nothing changed.
 */
function notFoundOrDenied(
	context: PageContext,
	list: readonly AnyAction[]
): Promise<Response> | Denied {
	const error = list.map((a) => context.getActionResult(a)?.error).find(Boolean);
	if (!error) return context.rewrite('/404');
	context.response.status = 403;
	const key = isActionError(error) && isMessageKey(error.message) ? error.message : null;
	return { denied: key ?? 'ventures.error.not_owner' };
}

/** A page number from a query parameter, 1 to MAX_PAGE; anything else is page 1. */
function pageParam(context: PageContext): { page: number; bad: boolean } {
	const raw = context.url.searchParams.get('page');
	if (raw === null || raw === '') return { page: 1, bad: false };
	const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
	return n >= 1 && n <= MAX_PAGE ? { page: n, bad: false } : { page: 1, bad: true };
}

/** Whether a profile says its member is a returnee (matches and own-business posts are for them). */
export function isReturnee(profile: OwnProfile | null): boolean {
	return profile?.kinds.includes('returnee') ?? false;
}

/** The browse page. */
export interface BrowsePageData {
	filters: TeaserFilters;
	ignored: string[];
	teasers: TeaserRow[];
	total: number;
	returnee: boolean;
}

/** Loads one page of anonymous teasers for the filters in the address. */
export async function browsePageData(
	context: PageContext
): Promise<BrowsePageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const { filters, ignored } = parseTeaserFilters(context.url.searchParams);
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const [{ teasers, total }, profile] = await Promise.all([
			loadTeasers(db, filters),
			loadOwnProfile(db, user.sub),
		]);
		return { filters, ignored, teasers, total, returnee: isReturnee(profile) };
	});
}

/** The "for you" page. */
export interface ForYouPageData {
	page: number;
	badPage: boolean;
	matches: MatchedTeaserRow[];
	/** How many opportunities match in all. */
	total: number;
	returnee: boolean;
}

/** Loads one page of the opportunities matched to the caller. */
export async function forYouPageData(
	context: PageContext
): Promise<ForYouPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const { page, bad } = pageParam(context);
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const profile = await loadOwnProfile(db, user.sub);
		const returnee = isReturnee(profile);
		const { rows, total } = returnee ? await loadForMe(db, page) : { rows: [], total: 0 };
		return { page, badPage: bad, matches: rows, total, returnee };
	});
}

/** The caller's own opportunities. */
export interface MinePageData {
	ventures: OwnVentureRow[];
	memberships: Membership[];
}

/** Loads the opportunities the caller posted, and their organisations. */
export async function minePageData(
	context: PageContext
): Promise<MinePageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const memberships = await loadMemberships(db, user.sub);
		const ventures = await loadMyVentures(
			db,
			user.sub,
			memberships.map((m) => m.organisation.id)
		);
		return { ventures, memberships };
	});
}

/** The opportunity form, new or editing. */
export interface FormPageData {
	/** The organisations the caller can post for: Japanese SMEs they belong to. */
	organisations: Membership['organisation'][];
	returnee: boolean;
	/** The opportunity being edited; a new one when null. */
	venture: OwnVentureRow | null;
	/** Its organisation's name, when editing one posted for an organisation. */
	organisationName: string | null;
}

/** Loads what the form for a new opportunity needs. */
export async function createPageData(
	context: PageContext
): Promise<FormPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, [actions.ventures.create]);
	if (done) return done;
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const [memberships, profile] = await Promise.all([
			loadMemberships(db, user.sub),
			loadOwnProfile(db, user.sub),
		]);
		return {
			organisations: smeOrganisations(memberships),
			returnee: isReturnee(profile),
			venture: null,
			organisationName: null,
		};
	});
}

function smeOrganisations(memberships: readonly Membership[]): Membership['organisation'][] {
	return memberships.map((m) => m.organisation).filter((o) => o.kind === 'japanese_sme');
}

/** Loads an opportunity to edit: its owners only (404 for anyone else; 403 after a post). */
export async function editPageData(
	context: PageContext
): Promise<FormPageData | Denied | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, [actions.ventures.update]);
	if (done) return done;
	const { id } = context.params;
	if (!isId(id)) return context.rewrite('/404');
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const view = await loadVenture(db, id);
		const venture = view?.is_owner ? await loadOwnVenture(db, id) : null;
		if (!venture) return notFoundOrDenied(context, [actions.ventures.update]);
		return {
			organisations: [],
			returnee: venture.side === 'returnee',
			venture,
			organisationName: view?.organisation_name ?? null,
		};
	});
}

/** One opportunity's page. */
export interface VenturePageData {
	venture: VentureRow;
	/** For its owners: every pipeline about it. */
	pipelines: PipelineRow[];
	/** The verified organisations the caller could act for when showing interest. */
	organisations: Membership['organisation'][];
}

const VENTURE_ACTIONS = [actions.ventures.setStatus, actions.ventures.expressInterest] as const;

/** Loads an opportunity as the caller may see it; 404 when they may not. */
export async function venturePageData(
	context: PageContext
): Promise<VenturePageData | Denied | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, VENTURE_ACTIONS);
	if (done) return done;
	const { id } = context.params;
	if (!isId(id)) return context.rewrite('/404');
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const venture = await loadVenture(db, id);
		if (!venture) return notFoundOrDenied(context, VENTURE_ACTIONS);
		const [pipeline, memberships] = await Promise.all([
			venture.is_owner ? loadPipeline(db) : Promise.resolve([]),
			venture.is_owner ? Promise.resolve([]) : loadMemberships(db, user.sub),
		]);
		return {
			venture,
			pipelines: pipeline.filter((row) => row.venture_id === id && row.role === 'owner'),
			organisations: memberships.map((m) => m.organisation).filter((o) => o.verified),
		};
	});
}

/** The candidates page of an opportunity. */
export interface CandidatesPageData {
	venture: VentureRow;
	page: number;
	badPage: boolean;
	candidates: CandidateRow[];
	/** How many candidates there are in all (people already in a pipeline are not). */
	total: number;
}

/** Loads one page of candidates for an opportunity's owners; 404 for anyone else. */
export async function candidatesPageData(
	context: PageContext
): Promise<CandidatesPageData | Denied | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, [actions.ventures.inviteCandidate]);
	if (done) return done;
	const { id } = context.params;
	if (!isId(id)) return context.rewrite('/404');
	const { page, bad } = pageParam(context);
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const venture = await loadVenture(db, id);
		if (!venture?.is_owner) return notFoundOrDenied(context, [actions.ventures.inviteCandidate]);
		const { rows, total } = await loadCandidates(db, id, page);
		return { venture, page, badPage: bad, candidates: rows, total };
	});
}

/** The pipeline board. */
export interface BoardPageData {
	rows: PipelineRow[];
	/** Only this opportunity's pipelines, when the address names one of them. */
	venture: string | null;
	now: Date;
}

/** Loads the caller's pipelines for the board. */
export async function boardPageData(
	context: PageContext
): Promise<BoardPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const raw = context.url.searchParams.get('venture');
	return guarded(context, async () => {
		const rows = await loadPipeline(context.locals.supabase);
		const venture = isId(raw) && rows.some((row) => row.venture_id === raw) ? raw : null;
		return { rows, venture, now: new Date() };
	});
}

/** One pipeline's page. */
export interface InterestPageData {
	userId: string;
	interest: InterestRow;
	venture: VentureRow | null;
	/**
	 * The caller's row of `my_pipeline()`: their role, whether it waits for their answer, who the
	 * other side is (once revealed), the facilitator; null for staff, who are no party.
	 */
	mine: PipelineRow | null;
	milestones: MilestoneRow[];
	messages: VentureMessageRow[];
	/** Verified support organisations to invite, when the caller may invite one. */
	supportOrganisations: SupportOrganisation[];
	/** Someone on another side blocked the caller: they cannot write here (never says who). */
	blockedMe: boolean;
	/** People in this conversation the caller has blocked, among those the caller can see in it. */
	blockedHere: string[];
}

const INTEREST_ACTIONS = [
	actions.ventures.respond,
	actions.ventures.advance,
	actions.ventures.close,
	actions.ventures.inviteFacilitator,
	actions.ventures.sendMessage,
] as const;

/** Whether the caller may invite a facilitator: a side (not the facilitator) of a mutual, open pipeline. */
export function canInviteFacilitator(interest: InterestRow, role: PipelineRole | null): boolean {
	return (
		interest.mutual_at !== null &&
		interest.stage !== 'closed' &&
		interest.stage !== 'jv_registered' &&
		(role === 'owner' || role === 'counterpart')
	);
}

/** Loads a pipeline for its parties; 404 for anyone else (403 after a post). */
export async function interestPageData(
	context: PageContext
): Promise<InterestPageData | Denied | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, INTEREST_ACTIONS);
	if (done) return done;
	const { id } = context.params;
	if (!isId(id)) return context.rewrite('/404');
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const interest = await loadInterest(db, id);
		if (!interest) return notFoundOrDenied(context, INTEREST_ACTIONS);
		const [venture, pipeline, milestones] = await Promise.all([
			loadVenture(db, interest.venture_id),
			loadPipeline(db),
			loadMilestones(db, id),
		]);
		const mine = pipeline.find((row) => row.interest_id === id) ?? null;
		const role = (mine?.role ?? null) as PipelineRole | null;
		const [messages, supportOrganisations, blockedMe] = await Promise.all([
			interest.mutual_at ? loadMessages(db, id) : Promise.resolve([]),
			canInviteFacilitator(interest, role) ? loadSupportOrganisations(db) : Promise.resolve([]),
			interest.mutual_at && role ? loadBlockedMe(db, id) : Promise.resolve(false),
		]);
		// Only once mutual: before, a block would tell who the anonymous side is.
		const visible = interest.mutual_at
			? [
					...messages.map((m) => m.sender_id),
					mine?.owner_user_id ?? null,
					mine?.counterpart_id ?? null,
				].filter((p): p is string => p !== null && p !== user.sub)
			: [];
		const blockedHere = await loadMyBlocks(db, user.sub, visible);
		return {
			userId: user.sub,
			interest,
			venture,
			mine,
			milestones,
			messages,
			supportOrganisations,
			blockedMe,
			blockedHere,
		};
	});
}

/** The public outcomes page. */
export interface OutcomesPageData {
	rows: OutcomeRow[];
}

/** Loads the public, aggregated outcomes (no sign-in: the figures are suppressed below 5). */
export async function outcomesPageData(
	context: PageContext
): Promise<OutcomesPageData | Unavailable> {
	return guarded(context, async () => ({ rows: await loadOutcomes(context.locals.supabase) }));
}
