import type { SupabaseClient } from '@supabase/supabase-js';
import { typedDb } from '~/lib/supabase/db.server.ts';
import { LoadError } from '~/features/organisations/server/queries.server.ts';
import type { JlptLevel, MemberKind, SswField } from '~/features/profiles/options.ts';
import { MATCHES_PER_PAGE, type Topic } from '../options.ts';
import type {
	FeedbackSummary,
	MentorMatch,
	MentorProfileRow,
	MentorshipRow,
	MessageRow,
	MyMentorship,
	PreferencesRow,
} from '../types.ts';

export { LoadError };

function check<T>(result: { data: T; error: unknown }, what: string): T {
	if (result.error) throw new LoadError(`could not load ${what}`, { cause: result.error });
	return result.data;
}

/**
 * The caller's own mentor profile, or null when they have not offered mentoring yet. Read through
 * `get_mentor_profile`: `paused_reason` is granted to no member, the owner included.
 */
export async function loadOwnMentorProfile(
	db: SupabaseClient,
	userId: string
): Promise<MentorProfileRow | null> {
	return check(
		await typedDb(db)
			.rpc('get_mentor_profile', { p_user_id: userId })
			.select(
				'user_id, about, topics, sectors, languages, countries, formats, capacity, paused, paused_reason, last_active_at'
			)
			.maybeSingle(),
		'your mentor profile'
	);
}

/** What the mentoring pages need of the caller's own profile. */
export interface OwnProfileBasics {
	display_name: string;
	kinds: MemberKind[];
	languages: string[];
	home_country: string | null;
	japan_field: SswField | null;
	jlpt_level: JlptLevel | null;
}

/** The caller's own profile (the owner reads every field of their row). */
export async function loadOwnProfileBasics(
	db: SupabaseClient,
	userId: string
): Promise<OwnProfileBasics | null> {
	return check(
		await typedDb(db)
			.from('profiles')
			.select('display_name, kinds, languages, home_country, japan_field, jlpt_level')
			.eq('id', userId)
			.maybeSingle(),
		'your profile'
	);
}

/**
 * One page of mentors for the caller as mentee, best first, with their scores and reasons. One
 * row more than a page is asked for, to know whether there is a next page.
 */
export async function matchMentors(
	db: SupabaseClient,
	{ topic, page }: { topic: Topic | null; page: number }
): Promise<{ mentors: MentorMatch[]; hasMore: boolean }> {
	const rows = check(
		await typedDb(db).rpc('match_mentors', {
			...(topic ? { p_topic: topic } : {}),
			p_limit: MATCHES_PER_PAGE + 1,
			p_offset: (page - 1) * MATCHES_PER_PAGE,
		}),
		'your matches'
	);
	const list = rows ?? [];
	return { mentors: list.slice(0, MATCHES_PER_PAGE), hasMore: list.length > MATCHES_PER_PAGE };
}

/**
 * One mentor as the caller's match (score, reasons, places), or null when they are not a match
 * for the caller now: paused, full, blocked, no shared language, already asked, or not a mentor.
 */
export async function findMentorMatch(
	db: SupabaseClient,
	mentorId: string,
	topic: Topic | null
): Promise<MentorMatch | null> {
	const rows = check(
		await typedDb(db).rpc('match_mentors', {
			...(topic ? { p_topic: topic } : {}),
			p_limit: 1,
			p_mentor_id: mentorId,
		}),
		'the mentor'
	);
	return rows?.[0] ?? null;
}

/** The caller's mentorships, as mentee and as mentor, most recently changed first. */
export async function loadMyMentorships(db: SupabaseClient): Promise<MyMentorship[]> {
	return check(await typedDb(db).rpc('my_mentorships'), 'your mentorships') ?? [];
}

const MENTORSHIP_COLUMNS =
	'id, mentee_id, mentor_id, status, topic, goal, match_score, match_reasons, decline_reason, decline_note, requested_at, responded_at, expires_at, accepted_at, mentee_completed_at, mentor_completed_at, ended_at, cancelled_by';

/** One mentorship, or null when there is none the caller may read (row-level security decides). */
export async function loadMentorship(
	db: SupabaseClient,
	id: string
): Promise<MentorshipRow | null> {
	return check(
		await typedDb(db).from('mentorships').select(MENTORSHIP_COLUMNS).eq('id', id).maybeSingle(),
		'the mentorship'
	);
}

/** A mentorship's thread, oldest first (only its two members may read it). */
export async function loadMessages(db: SupabaseClient, id: string): Promise<MessageRow[]> {
	return (
		check(
			await typedDb(db)
				.from('mentorship_messages')
				.select('id, mentorship_id, sender_id, body, created_at')
				.eq('mentorship_id', id)
				.order('created_at', { ascending: true })
				.order('id', { ascending: true })
				.limit(1000),
			'the messages'
		) ?? []
	);
}

/** Marks a thread read for the caller. A failure only leaves the unread count as it was. */
export async function markRead(db: SupabaseClient, id: string): Promise<void> {
	const { error } = await typedDb(db).rpc('mark_mentorship_read', { p_id: id });
	if (error) console.error('[mentoring] could not mark a thread read:', error);
}

/** The calling mentor's feedback totals (figures only from 3 answers on). */
export async function loadFeedbackSummary(db: SupabaseClient): Promise<FeedbackSummary | null> {
	const rows = check(await typedDb(db).rpc('mentor_feedback_summary'), 'your feedback summary');
	return rows?.[0] ?? null;
}

/** The caller's email settings (every profile has a row, made by the database). */
export async function loadPreferences(db: SupabaseClient, userId: string): Promise<PreferencesRow> {
	const row = check(
		await typedDb(db)
			.from('notification_preferences')
			.select(
				'user_id, email_requests, email_answers, email_messages, email_expiry, email_ventures'
			)
			.eq('user_id', userId)
			.maybeSingle(),
		'your email settings'
	);
	if (!row) throw new LoadError('no email settings for this account');
	return row;
}

/** A member the caller has blocked. */
export interface BlockedMember {
	id: string;
	name: string | null;
	blockedAt: string;
}

/** The members the caller has blocked, newest first, with their names where the caller may see them. */
export async function loadBlocks(db: SupabaseClient, userId: string): Promise<BlockedMember[]> {
	const rows = check(
		await typedDb(db)
			.from('blocks')
			.select('blocked_id, created_at')
			.eq('blocker_id', userId)
			.order('created_at', { ascending: false })
			.limit(200),
		'the people you blocked'
	);
	return Promise.all(
		(rows ?? []).map(async (row) => {
			const { data } = await typedDb(db).rpc('get_profile', { p_id: row.blocked_id }).maybeSingle();
			return { id: row.blocked_id, name: data?.display_name ?? null, blockedAt: row.created_at };
		})
	);
}
