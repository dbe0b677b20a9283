import type { SupabaseClient } from '@supabase/supabase-js';
import { ActionError } from 'astro:actions';
import { createSupabaseAdminClient } from '~/lib/supabase/admin.server.ts';

/** One limit: at most `max` hits per `windowSeconds` for a key in `bucket`. */
export interface RateLimit {
	bucket: string;
	max: number;
	windowSeconds: number;
}

/**
 * The site's limits on auth. Per email address they protect one account from password guessing;
 * per client address they slow down one machine trying many accounts. Messages are limited in the
 * database (private.limit_messages, 30 per 10 minutes per member).
 */
export const RATE_LIMITS = {
	signInEmail: { bucket: 'sign_in_email', max: 10, windowSeconds: 15 * 60 },
	signInIp: { bucket: 'sign_in_ip', max: 30, windowSeconds: 15 * 60 },
	signUpIp: { bucket: 'sign_up_ip', max: 10, windowSeconds: 60 * 60 },
	resetEmail: { bucket: 'reset_email', max: 5, windowSeconds: 60 * 60 },
	resetIp: { bucket: 'reset_ip', max: 20, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateLimit>;

/** Whether the site enforces its limits: on unless RATE_LIMITS=off (the end-to-end suite). */
export function rateLimitsEnabled(env: Record<string, string | undefined> = process.env): boolean {
	return (env['RATE_LIMITS'] ?? '').trim().toLowerCase() !== 'off';
}

/** The ActionError message of a refusal: `rateLimited:<minutes>` (see rateLimitMinutes). */
const PREFIX = 'rateLimited:';

/** The minutes to wait that a refusal's ActionError message carries, or null for other errors. */
export function rateLimitMinutes(message: string): number | null {
	if (!message.startsWith(PREFIX)) return null;
	const minutes = Number(message.slice(PREFIX.length));
	return Number.isInteger(minutes) && minutes >= 1 ? minutes : null;
}

/** The ActionError for a refused attempt (429), saying how long to wait. */
export function rateLimitedError(retryAfterSeconds: number): ActionError {
	const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
	return new ActionError({ code: 'TOO_MANY_REQUESTS', message: `${PREFIX}${minutes}` });
}

/**
 * Takes one hit on each limit in turn (key: the email address or client address given with it),
 * stopping at the first refusal, and throws a 429 ActionError saying how many minutes to wait.
 * The counters are in the database (consume_rate_limit), so they hold across site instances.
 * Does nothing with RATE_LIMITS=off; when the database cannot be asked, lets the attempt through
 * (the auth call would fail anyway) and logs it.
 * @param ip the client's address, stored truncated with the audit entry of a refusal
 */
export async function enforceRateLimits(
	checks: readonly { limit: RateLimit; key: string }[],
	ip: string,
	admin?: SupabaseClient
): Promise<void> {
	if (!rateLimitsEnabled()) return;
	let client: SupabaseClient;
	try {
		client = admin ?? createSupabaseAdminClient();
	} catch (error) {
		console.error('[rate-limit] no service-role client; limits not checked:', error);
		return;
	}
	for (const { limit, key } of checks) {
		const { data, error } = await client
			.rpc('consume_rate_limit', {
				p_bucket: limit.bucket,
				p_key: key.trim().toLowerCase(),
				p_max_hits: limit.max,
				p_window_seconds: limit.windowSeconds,
				p_ip: ip,
			})
			.single<{ allowed: boolean; retry_after_seconds: number }>();
		if (error || !data) {
			console.error(`[rate-limit] could not check ${limit.bucket}:`, error);
			return;
		}
		if (!data.allowed) throw rateLimitedError(data.retry_after_seconds);
	}
}
