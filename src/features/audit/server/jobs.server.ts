import type { SupabaseClient } from '@supabase/supabase-js';
import { intervalFromEnv, startRecurringJob } from '~/lib/scheduled-jobs.server.ts';
import { createSupabaseAdminClient } from '~/lib/supabase/admin.server.ts';

/** What one retention run did. */
export interface AuditJobsResult {
	/** Audit entries older than 400 days deleted. */
	deleted: number;
	/** Entries older than 30 days whose network was cleared. */
	ipCleared: number;
	/** Rate-limit counters whose window had ended. */
	countersSwept: number;
}

/**
 * Retention: deletes audit entries older than 400 days, clears their networks after 30 days
 * (purge_audit_log) and sweeps ended rate-limit counters (purge_rate_limits). Idempotent, so
 * several site instances may run it side by side. Throws when the database cannot be asked.
 * @param admin the service-role client; a new one by default
 */
export async function runAuditJobs(admin?: SupabaseClient): Promise<AuditJobsResult> {
	const client = admin ?? createSupabaseAdminClient();
	const purge = await client.rpc('purge_audit_log');
	if (purge.error) throw new Error('purge_audit_log failed', { cause: purge.error });
	const swept = await client.rpc('purge_rate_limits');
	if (swept.error) throw new Error('purge_rate_limits failed', { cause: swept.error });
	const counts = purge.data as { deleted: number; ip_cleared: number };
	return {
		deleted: counts.deleted,
		ipCleared: counts.ip_cleared,
		countersSwept: swept.data as number,
	};
}

/** The environment variable that sets how often retention runs, in minutes; 0 turns it off. */
export const AUDIT_JOBS_INTERVAL_ENV = 'AUDIT_JOBS_INTERVAL_MINUTES';

/** Minutes between runs when the variable is not set. */
export const DEFAULT_AUDIT_JOBS_INTERVAL_MINUTES = 60;

/** Starts the retention job in this process, once (the first request calls it). */
export function startAuditJobs(): void {
	startRecurringJob(
		'okaeri.auditJobs',
		intervalFromEnv(AUDIT_JOBS_INTERVAL_ENV, DEFAULT_AUDIT_JOBS_INTERVAL_MINUTES),
		() => runAuditJobs()
	);
}
