import { actions, isActionError } from 'astro:actions';
import { isMessageKey, type MessageKey } from '~/i18n/translate.ts';
import { redirectOnSuccess, requireUser } from '~/features/auth/server/require.server.ts';
import type { PageContext, Unavailable } from '~/features/organisations/server/pages.server.ts';
import { OPEN_STATUSES, TOPICS, type Topic } from '../options.ts';
import { isId } from '../paths.ts';
import type {
	FeedbackSummary,
	MentorMatch,
	MentorProfileRow,
	MentorshipRow,
	MessageRow,
	MyMentorship,
	PreferencesRow,
} from '../types.ts';
import {
	LoadError,
	findMentorMatch,
	loadBlocks,
	loadFeedbackSummary,
	loadMentorship,
	loadMessages,
	loadMyMentorships,
	loadOwnMentorProfile,
	loadOwnProfileBasics,
	loadPreferences,
	markRead,
	matchMentors,
	type BlockedMember,
	type OwnProfileBasics,
} from './queries.server.ts';

/**
 * Runs a page's loader. A LoadError (the database did not answer) becomes the "try again later"
 * page with status 503, never a stack trace.
 */
export async function guarded<T>(
	context: PageContext,
	load: () => Promise<T>
): Promise<T | Unavailable> {
	try {
		return await load();
	} catch (error) {
		if (!(error instanceof LoadError)) throw error;
		console.error('[mentoring]', error, error.cause);
		context.response.status = 503;
		return { unavailable: true };
	}
}

/** The first successful action's redirect among `list`, if any (post/redirect/get). */
function doneRedirect(
	context: PageContext,
	list: readonly Parameters<PageContext['getActionResult']>[0][]
): Response | undefined {
	for (const action of list) {
		const done = redirectOnSuccess(context, context.getActionResult(action));
		if (done) return done;
	}
	return undefined;
}

/** "My mentoring". */
export interface HomePageData {
	userId: string;
	mentorships: MyMentorship[];
	mentorProfile: MentorProfileRow | null;
	summary: FeedbackSummary | null;
	blocks: BlockedMember[];
}

/** Loads the caller's requests (sent and received), mentor profile, feedback totals and blocks. */
export async function homePageData(
	context: PageContext
): Promise<HomePageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, [actions.mentoring.resume, actions.moderation.unblock]);
	if (done) return done;
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const [mentorships, mentorProfile, blocks] = await Promise.all([
			loadMyMentorships(db),
			loadOwnMentorProfile(db, user.sub),
			loadBlocks(db, user.sub),
		]);
		const summary = mentorProfile ? await loadFeedbackSummary(db) : null;
		return { userId: user.sub, mentorships, mentorProfile, summary, blocks };
	});
}

/** The mentor profile form. */
export interface MentorProfilePageData {
	mentorProfile: MentorProfileRow | null;
	profile: OwnProfileBasics | null;
}

/** Loads the caller's mentor profile, and their member profile to start a new one from. */
export async function mentorProfilePageData(
	context: PageContext
): Promise<MentorProfilePageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, [actions.mentoring.saveMentorProfile]);
	if (done) return done;
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const [mentorProfile, profile] = await Promise.all([
			loadOwnMentorProfile(db, user.sub),
			loadOwnProfileBasics(db, user.sub),
		]);
		return { mentorProfile, profile };
	});
}

/** A topic from a query parameter: a known topic, null for none, or 'invalid'. */
export function topicParam(value: string | null): Topic | null | 'invalid' {
	if (value === null || value === '') return null;
	return (TOPICS as readonly string[]).includes(value) ? (value as Topic) : 'invalid';
}

/** Pages of matches the find page offers at most. */
const PAGE_MAX = 50;

/** The find page. */
export interface FindPageData {
	topic: Topic | null;
	/** The address asked for a topic the site does not know: it was ignored. */
	badFilter: boolean;
	page: number;
	mentors: MentorMatch[];
	hasMore: boolean;
	profile: OwnProfileBasics | null;
	/** The request that expired, when the mentee came from an expiry email or notice. */
	expired: MyMentorship | null;
	/** The caller is in Japan now or preparing to go: senpai are offered first. */
	seeksSenpai: boolean;
}

/** Loads one page of the caller's matches. */
export async function findPageData(
	context: PageContext
): Promise<FindPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const params = context.url.searchParams;
	const rawTopic = topicParam(params.get('topic'));
	const topic = rawTopic === 'invalid' ? null : rawTopic;
	const rawPage = Number(params.get('page') ?? '1');
	const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= PAGE_MAX ? rawPage : 1;
	const expiredId = params.get('expired');
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const [matches, profile, mine] = await Promise.all([
			matchMentors(db, { topic, page }),
			loadOwnProfileBasics(db, user.sub),
			isId(expiredId) ? loadMyMentorships(db) : Promise.resolve([]),
		]);
		const expired =
			mine.find((m) => m.id === expiredId && m.role === 'mentee' && m.status === 'expired') ?? null;
		const kinds = profile?.kinds ?? [];
		return {
			topic,
			badFilter: rawTopic === 'invalid' || String(rawPage) !== String(page),
			page,
			mentors: matches.mentors,
			hasMore: matches.hasMore && page < PAGE_MAX,
			profile,
			expired,
			seeksSenpai: kinds.includes('in_japan') || kinds.includes('preparing'),
		};
	});
}

/** The request page for one mentor. */
export interface RequestPageData {
	mentorId: string;
	/** The mentor as the caller's match, or null when they cannot take the caller's request now. */
	mentor: MentorMatch | null;
	/** The mentor's name when they are not a match (as far as the caller may see it). */
	mentorName: string | null;
	/** An open request the caller already has with this mentor. */
	openRequest: MyMentorship | null;
	isSelf: boolean;
	topic: Topic | null;
}

/** Loads a mentor for the request page, or 404 when the id is not one. */
export async function requestPageData(
	context: PageContext
): Promise<RequestPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, [actions.mentoring.request]);
	if (done) return done;
	const { mentorId } = context.params;
	if (!isId(mentorId)) return context.rewrite('/404');
	const rawTopic = topicParam(context.url.searchParams.get('topic'));
	const topic = rawTopic === 'invalid' ? null : rawTopic;
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const isSelf = mentorId === user.sub;
		const [mentor, mine] = await Promise.all([
			isSelf ? Promise.resolve(null) : findMentorMatch(db, mentorId, topic),
			loadMyMentorships(db),
		]);
		const openRequest =
			mine.find(
				(m) => m.role === 'mentee' && m.other_id === mentorId && OPEN_STATUSES.includes(m.status)
			) ?? null;
		let mentorName: string | null = mentor?.display_name ?? null;
		if (!mentor) {
			const { data } = await db.rpc('get_profile', { p_id: mentorId }).maybeSingle();
			mentorName = (data as { display_name?: string } | null)?.display_name ?? null;
			if (!mentorName && !isSelf) context.response.status = 404;
		}
		return { mentorId, mentor, mentorName, openRequest, isSelf, topic };
	});
}

/** One mentorship as one of its members sees it. */
export interface MentorshipPageData {
	userId: string;
	mentorship: MentorshipRow;
	/** The caller's view of it (the other person, unread count, confirmations, feedback given). */
	mine: MyMentorship | null;
	role: 'mentee' | 'mentor';
	messages: MessageRow[];
}

/** A post about a mentorship the caller may not see: what to tell them (status 403). */
export interface Denied {
	denied: MessageKey;
}

const MENTORSHIP_ACTIONS = [
	actions.mentoring.respond,
	actions.mentoring.cancel,
	actions.mentoring.complete,
	actions.mentoring.sendMessage,
	actions.mentoring.feedback,
] as const;

/**
 * Loads a mentorship, its thread, and marks the thread read; 404 for anyone but its members. A
 * stranger who posted to one of its actions (e.g. an edited form) is told it was refused, and
 * nothing changed.
 */
export async function mentorshipPageData(
	context: PageContext
): Promise<MentorshipPageData | Denied | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, MENTORSHIP_ACTIONS);
	if (done) return done;
	const { id } = context.params;
	if (!isId(id)) return context.rewrite('/404');
	return guarded(context, async () => {
		const db = context.locals.supabase;
		const mentorship = await loadMentorship(db, id);
		// Row-level security shows a mentorship to its two members only (and to staff when it is
		// reported; staff read it in the moderation queue): anyone else gets the same 404.
		if (!mentorship || (mentorship.mentee_id !== user.sub && mentorship.mentor_id !== user.sub)) {
			const error = MENTORSHIP_ACTIONS.map((a) => context.getActionResult(a)?.error).find(Boolean);
			if (!error) return context.rewrite('/404');
			context.response.status = 403;
			const key = isActionError(error) && isMessageKey(error.message) ? error.message : null;
			return { denied: key ?? 'mentoring.error.not_allowed' };
		}
		const [mine, messages] = await Promise.all([loadMyMentorships(db), loadMessages(db, id)]);
		await markRead(db, id);
		return {
			userId: user.sub,
			mentorship,
			mine: mine.find((m) => m.id === id) ?? null,
			role: mentorship.mentee_id === user.sub ? 'mentee' : 'mentor',
			messages,
		};
	});
}

/** The email settings page. */
export interface PreferencesPageData {
	preferences: PreferencesRow;
}

/** Loads the caller's email settings (creating them with the defaults when missing). */
export async function preferencesPageData(
	context: PageContext
): Promise<PreferencesPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = doneRedirect(context, [actions.mentoring.savePreferences]);
	if (done) return done;
	return guarded(context, async () => ({
		preferences: await loadPreferences(context.locals.supabase, user.sub),
	}));
}
