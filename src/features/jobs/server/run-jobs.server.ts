import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIContext } from 'astro';
import { runAuditJobs } from '~/features/audit/server/jobs.server.ts';
import { runMentoringJobs } from '~/features/mentoring/server/jobs.server.ts';
import { runVentureJobs } from '~/features/ventures/server/jobs.server.ts';
import { siteOrigin } from '~/lib/site-origin.server.ts';

/** The environment variable holding the secret a scheduler sends to POST /jobs/run. */
export const JOBS_SECRET_ENV = 'JOBS_SECRET';

/**
 * Runs every scheduled job once, as of `now`: what the in-process loops do, for platforms where
 * the site has no long-lived process (serverless) and a scheduler calls POST /jobs/run instead.
 * Each job claims its rows in the database, so a call that overlaps a loop does nothing twice.
 * A failing job does not stop the others; its error is reported by name.
 */
export async function runScheduledJobs(now: Date, origin: string) {
	const jobs = {
		mentoring: () => runMentoringJobs(now, { origin }),
		ventures: () => runVentureJobs(now, { origin }),
		audit: () => runAuditJobs(),
	};
	const results: Record<string, unknown> = {};
	let ok = true;
	for (const [name, run] of Object.entries(jobs)) {
		try {
			results[name] = await run();
		} catch (error) {
			ok = false;
			console.error(`[jobs] ${name} failed:`, error);
			results[name] = { error: 'failed' };
		}
	}
	return { ok, results };
}

/**
 * Whether `authorization` is `Bearer <secret>` for the configured secret, compared in constant
 * time. False when no secret is configured, so the route is closed unless someone opens it.
 */
export function isJobsRequestAuthorized(
	authorization: string | null,
	secret: string | undefined = process.env[JOBS_SECRET_ENV]
): boolean {
	if (!secret || secret.length < 32 || !authorization?.startsWith('Bearer ')) return false;
	// Hash both sides so the comparison takes the same time whatever their lengths.
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(authorization.slice('Bearer '.length)), digest(secret));
}

/**
 * POST /jobs/run: runs the scheduled jobs for a scheduler (a platform cron, pg_cron with pg_net,
 * or a CI schedule) that sends `Authorization: Bearer $JOBS_SECRET` and a JSON content type
 * (Astro's origin check refuses a POST with neither a content type nor the site's Origin). 404
 * without a valid secret, so the route does not announce itself; 200 with what each job did, or
 * 503 if a job failed.
 */
export async function jobsRoute(context: APIContext): Promise<Response> {
	if (!isJobsRequestAuthorized(context.request.headers.get('authorization'))) {
		return new Response('Not found', { status: 404 });
	}
	const outcome = await runScheduledJobs(new Date(), siteOrigin());
	return Response.json(outcome, {
		status: outcome.ok ? 200 : 503,
		headers: { 'cache-control': 'no-store' },
	});
}
