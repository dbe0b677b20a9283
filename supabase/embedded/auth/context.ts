import type { EmbeddedConfig } from '../config.ts';
import type { Database } from '../contracts.ts';
import { clientIp } from './request.ts';
import type { ClientDetails } from './sessions.ts';
import { RateLimiter } from './rate-limit.ts';

/** Everything an auth handler needs. */
export interface AuthContext {
	db: Database;
	config: EmbeddedConfig;
	/** Per-IP limiters, absent when rate limits are off. */
	limits:
		| {
				signIn: RateLimiter;
				signUp: RateLimiter;
				refresh: RateLimiter;
				otp: RateLimiter;
				verify: RateLimiter;
				/** Project-wide limit on emails sent (GoTrue's RATE_LIMIT_EMAIL_SENT). */
				emails: RateLimiter;
		  }
		| undefined;
}

// GoTrue's limiters allow bursts of 30 requests.
const BURST = 30;

/** Builds the handler context from the configuration. */
export function createAuthContext(db: Database, config: EmbeddedConfig): AuthContext {
	const limits = config.rateLimits;
	return {
		db,
		config,
		limits:
			limits === false
				? undefined
				: {
						signIn: new RateLimiter(limits.signIn, BURST),
						signUp: new RateLimiter(limits.signUp, BURST),
						refresh: new RateLimiter(limits.refresh, BURST),
						otp: new RateLimiter(limits.otp, BURST),
						verify: new RateLimiter(360, BURST),
						emails: new RateLimiter(limits.recover, limits.recover),
					},
	};
}

/** The client details recorded on sessions. */
export function clientDetails(request: Request): ClientDetails {
	return { ip: clientIp(request), userAgent: request.headers.get('user-agent') ?? '' };
}
