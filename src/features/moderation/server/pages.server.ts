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
import { VENTURE_PATHS, isId as isVentureId } from '~/features/ventures/paths.ts';
import { loadInterest, loadPipeline } from '~/features/ventures/server/queries.server.ts';
import { typedDb } from '~/lib/supabase/db.server.ts';
import type { PageContext, Unavailable } from '~/features/organisations/server/pages.server.ts';
import type { QueueRow } from '~/features/mentoring/types.ts';
import { localePath } from '~/i18n/locales.ts';

/** What a report is about, as the reporter may see it. */
export interface ReportPageData {
	/** The person who may be blocked from this page; `unnamed`: not shown to the reporter by name. */
	person: { id: string; name: string | null; unnamed?: boolean } | null;
	mentorship: { id: string; otherName: string | null } | null;
	/**
	 * The message reported. `senderName` null: a former member; `senderUnnamed`: someone whose name
	 * the reporter has not been shown (a colleague of the other side, the facilitator).
	 */
	message: {
		id: number;
		body: string;
		createdAt: string;
		senderName: string | null;
		senderUnnamed?: boolean;
	} | null;
	/**
	 * The joint-venture pipeline the report is about: its title and the other side's name once
	 * revealed to the reporter (null: still anonymous, or a former member).
	 */
	venture: { id: string; title: string; otherName: string | null } | null;
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
	const ventureId = params.get('venture');
	const ventureMessageParam = params.get('venture_message');
	if (isVentureId(ventureId) || ventureMessageParam !== null) {
		const ventureMessageId =
			ventureMessageParam && /^\d{1,18}$/.test(ventureMessageParam)
				? Number(ventureMessageParam)
				: null;
		return guarded(context, () =>
			ventureReportData(
				context,
				user.sub,
				isVentureId(ventureId) ? ventureId : null,
				ventureMessageId
			)
		);
	}
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
		return { person, mentorship, message, venture: null, returnTo, blocked };
	});
}

/**
 * The report page for a joint-venture conversation (`interestId`) or a message in it
 * (`messageId`), for a party of the pipeline only. Names only what the reporter has been shown
 * (`my_pipeline`); the person to block is the message's writer, or the other side's person once
 * revealed.
 */
async function ventureReportData(
	context: PageContext,
	userId: string,
	interestId: string | null,
	messageId: number | null
): Promise<ReportPageData> {
	const db = context.locals.supabase;
	const locale = context.locals.locale;
	let row: {
		id: number;
		interest_id: string;
		body: string;
		created_at: string;
		sender_id: string | null;
	} | null = null;
	if (messageId !== null) {
		const { data, error } = await typedDb(db)
			.from('venture_messages')
			.select('id, interest_id, body, created_at, sender_id')
			.eq('id', messageId)
			.maybeSingle();
		if (error) throw new LoadError('could not load the message', { cause: error });
		row = data && (interestId === null || data.interest_id === interestId) ? data : null;
	}
	const pipelineId = row?.interest_id ?? (messageId === null ? interestId : null);
	const interest = pipelineId ? await loadInterest(db, pipelineId) : null;
	const mine = interest
		? ((await loadPipeline(db)).find((p) => p.interest_id === interest.id) ?? null)
		: null;
	if (!interest || !mine || (row && row.sender_id === userId)) {
		context.response.status = 404;
		return {
			person: null,
			mentorship: null,
			message: null,
			venture: null,
			returnTo: localePath(locale, VENTURE_PATHS.pipeline),
			blocked: false,
		};
	}
	// Names the reporter has been shown: the poster and the counterpart, once revealed.
	const names = new Map<string, string>();
	if (mine.owner_user_id && mine.owner_name) names.set(mine.owner_user_id, mine.owner_name);
	if (mine.counterpart_id && mine.counterpart_name)
		names.set(mine.counterpart_id, mine.counterpart_name);
	const venture = { id: interest.id, title: mine.title, otherName: mine.other_name };
	let message: ReportPageData['message'] = null;
	let person: ReportPageData['person'] = null;
	if (row) {
		const name = row.sender_id ? (names.get(row.sender_id) ?? null) : null;
		message = {
			id: row.id,
			body: row.body,
			createdAt: row.created_at,
			senderName: name,
			senderUnnamed: row.sender_id !== null && name === null,
		};
		if (row.sender_id) person = { id: row.sender_id, name, unnamed: name === null };
	} else {
		const other =
			mine.role === 'owner'
				? mine.counterpart_id
				: mine.role === 'counterpart'
					? mine.owner_user_id
					: null;
		if (other && other !== userId) person = { id: other, name: names.get(other) ?? null };
	}
	let blocked = false;
	if (person) {
		const { data } = await db
			.from('blocks')
			.select('blocked_id')
			.eq('blocker_id', userId)
			.eq('blocked_id', person.id)
			.maybeSingle();
		blocked = data !== null;
	}
	const returnTo = localePath(locale, VENTURE_PATHS.interest(interest.id));
	return { person, mentorship: null, message, venture, returnTo, blocked };
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
	if (report.venture_interest_id) return ventureExcerptFor(db, report, report.venture_interest_id);
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

/**
 * The excerpt of a joint-venture report: the messages of the pipeline up to the reported one (or
 * the latest) that staff may read — row-level security shows them the reported message, and the
 * whole conversation only once a report names it. Writers are named from their profiles (staff
 * read every profile): a pipeline has more than two people in it.
 */
async function ventureExcerptFor(
	db: SupabaseClient,
	report: QueueRow,
	interestId: string
): Promise<ExcerptMessage[]> {
	let query = typedDb(db)
		.from('venture_messages')
		.select('id, sender_id, body, created_at')
		.eq('interest_id', interestId)
		.order('id', { ascending: false })
		.limit(EXCERPT_LENGTH);
	if (report.venture_message_id) query = query.lte('id', report.venture_message_id);
	const { data, error } = await query;
	if (error) throw new LoadError('could not load the reported conversation', { cause: error });
	const rows = data ?? [];
	const ids = [...new Set(rows.flatMap((m) => (m.sender_id ? [m.sender_id] : [])))];
	const names = new Map<string, string>();
	if (ids.length > 0) {
		const people = await typedDb(db).from('profiles').select('id, display_name').in('id', ids);
		if (people.error) throw new LoadError('could not load the writers', { cause: people.error });
		for (const p of people.data ?? []) names.set(p.id, p.display_name);
	}
	return rows.reverse().map((m) => ({
		id: m.id,
		senderName: m.sender_id ? (names.get(m.sender_id) ?? null) : null,
		body: m.body,
		createdAt: m.created_at,
		reported: m.id === report.venture_message_id,
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
