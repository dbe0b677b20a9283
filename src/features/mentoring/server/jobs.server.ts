import type { SupabaseClient } from '@supabase/supabase-js';
import { sendEmail } from '~/lib/email.server.ts';
import { intervalFromEnv, startRecurringJob } from '~/lib/scheduled-jobs.server.ts';
import { createSupabaseAdminClient } from '~/lib/supabase/admin.server.ts';
import { typedDb } from '~/lib/supabase/db.server.ts';
import { renderMentoringEmail } from './emails.server.ts';
import { displayName, notifyMember } from './notify.server.ts';

/** What one run of the mentoring jobs did. */
export interface JobsResult {
	/** Requests that expired in this run. */
	expired: number;
	/** Expiry emails sent to mentees. */
	expiryEmails: number;
	/** Message digests due in this run. */
	digests: number;
	/** Digest emails sent. */
	digestEmails: number;
}

/** Options of runMentoringJobs. */
export interface JobsOptions {
	/** The site's address, for the links in the emails. */
	origin: string;
	/** The service-role client; a new one by default. */
	admin?: SupabaseClient;
}

/**
 * The time-based part of mentoring, as of `now`: expires requests that waited too long (the
 * database pauses mentors who let them expire) and tells each mentee, with a link to their next
 * matches; then sends the message digests that are due. The SQL functions claim their rows
 * atomically, so several site instances may run this at once without sending anything twice.
 * Emails honour each person's settings. Throws only when the database cannot be asked at all.
 */
export async function runMentoringJobs(now: Date, options: JobsOptions): Promise<JobsResult> {
	const admin = options.admin ?? createSupabaseAdminClient();
	const db = typedDb(admin);
	const result: JobsResult = { expired: 0, expiryEmails: 0, digests: 0, digestEmails: 0 };

	const expired = await db.rpc('expire_mentorship_requests', { p_now: now.toISOString() });
	if (expired.error) throw new Error('expire_mentorship_requests failed', { cause: expired.error });
	const expiredRows = expired.data ?? [];
	result.expired = expiredRows.length;
	for (const row of expiredRows) {
		if (!row.mentee_id) continue;
		const { data } = await db
			.from('mentorships')
			.select('topic')
			.eq('id', row.mentorship_id)
			.maybeSingle();
		const sent = await notifyMember(
			admin,
			row.mentee_id,
			{
				kind: 'expiry',
				mentorName: await displayName(admin, row.mentor_id),
				topic: data?.topic ?? null,
				mentorshipId: row.mentorship_id,
				reason: row.reason === 'no_reply_to_question' ? 'no_reply_to_question' : 'unanswered',
			},
			options.origin
		);
		if (sent) result.expiryEmails += 1;
	}

	const digests = await db.rpc('message_digests_due', { p_now: now.toISOString() });
	if (digests.error) throw new Error('message_digests_due failed', { cause: digests.error });
	const digestRows = digests.data ?? [];
	result.digests = digestRows.length;
	for (const row of digestRows) {
		if (!row.email || row.unread <= 0) continue;
		const email = renderMentoringEmail(
			{ kind: 'digest', unread: row.unread },
			{ email: row.email, locale: row.locale, unsubscribeToken: row.unsubscribe_token },
			options.origin
		);
		if (await sendEmail(email)) result.digestEmails += 1;
	}
	return result;
}

/** The environment variable that sets how often the jobs run, in minutes; 0 turns them off. */
export const JOBS_INTERVAL_ENV = 'MENTORING_JOBS_INTERVAL_MINUTES';

/** Minutes between runs when the variable is not set. */
export const DEFAULT_JOBS_INTERVAL_MINUTES = 5;

/**
 * Starts the mentoring jobs in this process, once (the first request calls it, so the links in the
 * emails use the address the site is reached at), through the shared scheduler: every interval,
 * never two runs at once; not at all when the interval is 0 or the service-role key is not set.
 * @param origin the site's address, e.g. `https://okaeri.example`
 */
export function startMentoringJobs(origin: string): void {
	startRecurringJob(
		'okaeri.mentoringJobs',
		intervalFromEnv(JOBS_INTERVAL_ENV, DEFAULT_JOBS_INTERVAL_MINUTES),
		() => runMentoringJobs(new Date(), { origin })
	);
}
