import type { APIRoute } from 'astro';
import { exportResponse } from '~/features/account/server/export-route.server.ts';

export const prerender = false;

/** Downloads all of the signed-in person's data as JSON (see exportResponse). */
export const POST: APIRoute = (context) => exportResponse(context);
