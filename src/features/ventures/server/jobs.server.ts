import type { SupabaseClient } from '@supabase/supabase-js';
import { sendEmail } from '~/lib/email.server.ts';
import { intervalFromEnv, startRecurringJob } from '~/lib/scheduled-jobs.server.ts';
import { createSupabaseAdminClient } from '~/lib/supabase/admin.server.ts';
import { typedDb } from '~/lib/supabase/db.server.ts';
import type { DueReminderRow } from '../types.ts';
import { renderVentureEmail } from './emails.server.ts';

/** What one run of the joint-venture jobs did. */
export interface VentureJobsResult {
	/** Reminders due in this run (one per party of a stalled pipeline). */
	due: number;
	/** Reminder emails sent. */
	sent: number;
}

/** Options of runVentureJobs. */
export interface VentureJobsOptions {
	/** The site's address, for the links in the emails. */
	origin: string;
	/** The service-role client; a new one by default. */
	admin?: SupabaseClient;
}

/**
 * The time-based part of joint ventures, as of `now`: reminds the parties of each pipeline whose
 * step has stalled, with a link to log the next step or close it. `stalled_pipelines_due()` picks
 * the pipelines and the people to remind (leaving out those who turned joint-venture emails off),
 * and stamps what it hands out, so nobody is reminded twice for the same stall. Throws only when
 * the database cannot be asked.
 */
export async function runVentureJobs(
	now: Date,
	options: VentureJobsOptions
): Promise<VentureJobsResult> {
	const admin = options.admin ?? createSupabaseAdminClient();
	const { data, error } = await typedDb(admin).rpc('stalled_pipelines_due', {
		p_now: now.toISOString(),
	});
	if (error) throw new Error('stalled_pipelines_due failed', { cause: error });
	const rows: DueReminderRow[] = data ?? [];
	let sent = 0;
	for (const row of rows) {
		const email = renderVentureEmail(
			{
				kind: 'reminder',
				title: row.title,
				stage: row.stage,
				days: row.days_stalled,
				interestId: row.interest_id,
			},
			{
				email: row.email,
				locale: row.locale,
				unsubscribeToken: row.unsubscribe_token,
			},
			options.origin
		);
		if (await sendEmail(email)) sent += 1;
	}
	return { due: rows.length, sent };
}

/** The environment variable that sets how often the jobs run, in minutes; 0 turns them off. */
export const VENTURE_JOBS_INTERVAL_ENV = 'VENTURE_JOBS_INTERVAL_MINUTES';

/** Minutes between runs when the variable is not set: reminders are about days, not minutes. */
export const DEFAULT_VENTURE_JOBS_INTERVAL_MINUTES = 60;

/**
 * Starts the joint-venture jobs in this process, once (the first request calls it, so the links in
 * the emails use the address the site is reached at), through the shared scheduler the mentoring
 * jobs' loop was generalised into.
 * @param origin the site's address, e.g. `https://okaeri.example`
 */
export function startVentureJobs(origin: string): void {
	startRecurringJob(
		'okaeri.ventureJobs',
		intervalFromEnv(VENTURE_JOBS_INTERVAL_ENV, DEFAULT_VENTURE_JOBS_INTERVAL_MINUTES),
		() => runVentureJobs(new Date(), { origin })
	);
}
