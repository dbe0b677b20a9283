/**
 * The numbers behind mentor matching, as `public.matching_weights()` gives them on a new install:
 * points per reason, the penalty per waiting request, and the days and limits. The public "How
 * matching works" page is prerendered, so it shows this copy;
 * `tests/integration/mentoring-site.test.ts` checks that it equals the database's.
 */
export interface MatchingWeight {
	code: string;
	/** `points` add to the score (capped at 100), `penalty` is taken off, `days` and `limit` are rules. */
	kind: 'points' | 'penalty' | 'days' | 'limit';
	value: number;
}

export const MATCHING_WEIGHTS: readonly MatchingWeight[] = [
	{ code: 'topic', kind: 'points', value: 25 },
	{ code: 'shared_sector', kind: 'points', value: 15 },
	{ code: 'same_field', kind: 'points', value: 10 },
	{ code: 'shared_languages', kind: 'points', value: 10 },
	{ code: 'shared_japanese_only', kind: 'points', value: 5 },
	{ code: 'same_country', kind: 'points', value: 10 },
	{ code: 'advises_country', kind: 'points', value: 5 },
	{ code: 'founded_business', kind: 'points', value: 10 },
	{ code: 'places_free', kind: 'points', value: 5 },
	{ code: 'replies_quickly', kind: 'points', value: 10 },
	{ code: 'replies_within_week', kind: 'points', value: 5 },
	{ code: 'new_mentor', kind: 'points', value: 5 },
	{ code: 'senpai', kind: 'points', value: 15 },
	{ code: 'waiting', kind: 'penalty', value: 4 },
	{ code: 'quick_reply_days', kind: 'days', value: 2 },
	{ code: 'week_reply_days', kind: 'days', value: 7 },
	{ code: 'max_waiting_requests', kind: 'limit', value: 5 },
	{ code: 'max_open_requests_per_mentee', kind: 'limit', value: 3 },
	{ code: 'request_expiry_days', kind: 'days', value: 14 },
	{ code: 'decline_cooldown_days', kind: 'days', value: 90 },
];

/** One number of MATCHING_WEIGHTS by its code (0 when there is none). */
export function matchingValue(code: string): number {
	return MATCHING_WEIGHTS.find((w) => w.code === code)?.value ?? 0;
}

/** Days a request waits for the mentor's answer before it expires (the default setting). */
export const REQUEST_EXPIRY_DAYS = matchingValue('request_expiry_days');
