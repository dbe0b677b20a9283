import { actions } from 'astro:actions';
import type { SupabaseClient } from '@supabase/supabase-js';
import { redirectOnSuccess, requireUser } from '~/features/auth/server/require.server.ts';
import { MENTORING_PATHS, isId } from '~/features/mentoring/paths.ts';
import { guarded } from '~/features/mentoring/server/pages.server.ts';
import {
	LoadError,
	loadMentorship,
	loadMyMentorships,
} from '~/features/mentoring/server/queries.server.ts';
import { typedDb } from '~/lib/supabase/db.server.ts';
import type { PageContext, Unavailable } from '~/features/organisations/server/pages.server.ts';
import type { QueueRow } from '~/features/mentoring/types.ts';
import { localePath } from '~/i18n/locales.ts';

/** What a report is about, as the reporter may see it. */
export interface ReportPageData {
	person: { id: string; name: string | null } | null;
	mentorship: { id: string; otherName: string | null } | null;
	message: { id: number; body: string; createdAt: string; senderName: string | null } | null;
	/** Where the reporter goes back to afterwards. */
	returnTo: string;
	/** The reporter has blocked this person already. */
	blocked: boolean;
}

/**
 * Loads the report page for `?person=…&mentorship=…&message=…`. Only what the reporter may read
 * is shown (row-level security decides); an address that names nothing they can report is a 404.
 */
export async function reportPageData(
	context: PageContext
): Promise<ReportPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	for (const action of [actions.moderation.report, actions.moderation.block]) {
		const done = redirectOnSuccess(context, context.getActionResult(action));
		if (done) return done;
	}
	const params = context.url.searchParams;
	const personId = params.get('person');
	const mentorshipId = params.get('mentorship');
	const messageParam = params.get('message');
	const messageId = messageParam && /^\d{1,18}$/.test(messageParam) ? Number(messageParam) : null;
	return guarded(context, async () => {
		const db = context.locals.supabase;
		let mentorship: ReportPageData['mentorship'] = null;
		let otherId: string | null = null;
		if (isId(mentorshipId)) {
			const row = await loadMentorship(db, mentorshipId);
			if (row && (row.mentee_id === user.sub || row.mentor_id === user.sub)) {
				const mine = (await loadMyMentorships(db)).find((m) => m.id === row.id);
				otherId = row.mentee_id === user.sub ? row.mentor_id : row.mentee_id;
				mentorship = { id: row.id, otherName: mine?.other_name ?? null };
			}
		}
		let message: ReportPageData['message'] = null;
		if (mentorship && messageId !== null) {
			const { data, error } = await db
				.from('mentorship_messages')
				.select('id, body, created_at, sender_id')
				.eq('id', messageId)
				.eq('mentorship_id', mentorship.id)
				.maybeSingle();
			if (error) throw new LoadError('could not load the message', { cause: error });
			const row = data as {
				id: number;
				body: string;
				created_at: string;
				sender_id: string | null;
			} | null;
			if (row && row.sender_id !== user.sub) {
				message = {
					id: row.id,
					body: row.body,
					createdAt: row.created_at,
					senderName: row.sender_id ? mentorship.otherName : null,
				};
			}
		}
		let person: ReportPageData['person'] = null;
		// Inside a mentorship the only person to report is the other member.
		const wanted = mentorship ? otherId : isId(personId) ? personId : null;
		if (wanted && wanted !== user.sub) {
			const { data } = await db.rpc('get_profile', { p_id: wanted }).maybeSingle();
			const name =
				(data as { display_name?: string } | null)?.display_name ?? mentorship?.otherName ?? null;
			if (name !== null || mentorship) person = { id: wanted, name };
		}
		if (!person && !mentorship) {
			context.response.status = 404;
		}
		let blocked = false;
		if (person) {
			const { data } = await db
				.from('blocks')
				.select('blocked_id')
				.eq('blocker_id', user.sub)
				.eq('blocked_id', person.id)
				.maybeSingle();
			blocked = data !== null;
		}
		const locale = context.locals.locale;
		const returnTo = mentorship
			? localePath(locale, MENTORING_PATHS.show(mentorship.id))
			: localePath(locale, MENTORING_PATHS.find);
		return { person, mentorship, message, returnTo, blocked };
	});
}

/** A message shown as context in the moderation queue. */
export interface ExcerptMessage {
	id: number;
	senderName: string | null;
	body: string;
	createdAt: string;
	/** The message the report is about. */
	reported: boolean;
}

/** One open report in the staff queue, with its context. */
export interface QueueReport extends QueueRow {
	/** The last messages of the mentorship up to the reported one (staff may read reported threads). */
	excerpt: ExcerptMessage[];
}

/** The staff moderation queue. */
export interface ModerationQueueData {
	isStaff: boolean;
	reports: QueueReport[];
}

/** Messages of context around a reported message, at most. */
const EXCERPT_LENGTH = 6;

/**
 * The thread excerpt of a report: the messages up to the reported one (or the latest), with
 * names. Row-level security lets staff read a thread only once a report names it.
 */
async function excerptFor(db: SupabaseClient, report: QueueRow): Promise<ExcerptMessage[]> {
	if (!report.mentorship_id) return [];
	let query = typedDb(db)
		.from('mentorship_messages')
		.select('id, sender_id, body, created_at')
		.eq('mentorship_id', report.mentorship_id)
		.order('created_at', { ascending: false })
		.order('id', { ascending: false })
		.limit(EXCERPT_LENGTH);
	if (report.message_created_at) query = query.lte('created_at', report.message_created_at);
	const { data, error } = await query;
	if (error) throw new LoadError('could not load the reported conversation', { cause: error });
	const names = new Map<string, string | null>([
		[report.reporter_id ?? '', report.reporter_name],
		[report.reported_user_id ?? '', report.reported_name],
	]);
	return (data ?? []).reverse().map((m) => ({
		id: m.id,
		senderName: m.sender_id ? (names.get(m.sender_id) ?? null) : null,
		body: m.body,
		createdAt: m.created_at,
		reported: m.id === report.message_id,
	}));
}

/** Loads the open reports; anyone but staff gets a page that says it is for staff (status 403). */
export async function moderationQueueData(
	context: PageContext
): Promise<ModerationQueueData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = redirectOnSuccess(context, context.getActionResult(actions.moderation.decide));
	if (done) return done;
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		const staff = await db.rpc('is_staff');
		if (staff.error) throw new LoadError('could not check the staff role', { cause: staff.error });
		if (staff.data !== true) {
			context.response.status = 403;
			return { isStaff: false, reports: [] };
		}
		const { data, error } = await db.rpc('moderation_queue');
		if (error) throw new LoadError('could not load the moderation queue', { cause: error });
		const rows = data ?? [];
		const reports = await Promise.all(
			rows.map(async (row) => ({ ...row, excerpt: await excerptFor(db, row) }))
		);
		return { isStaff: true, reports };
	});
}
