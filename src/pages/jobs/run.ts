import type { APIRoute } from 'astro';
import { jobsRoute } from '~/features/jobs/server/run-jobs.server.ts';

export const prerender = false;

/** Runs the scheduled jobs for an external scheduler (see jobsRoute). */
export const POST: APIRoute = (context) => jobsRoute(context);
