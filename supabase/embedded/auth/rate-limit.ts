/** Token buckets keyed by a string (endpoint kind + client IP). */
export class RateLimiter {
	readonly #buckets = new Map<string, { tokens: number; at: number }>();
	readonly #capacity: number;
	readonly #perSecond: number;

	/** `perHour` requests per hour on average, with bursts of up to `burst`. */
	constructor(perHour: number, burst: number) {
		this.#capacity = Math.max(1, Math.min(burst, perHour));
		this.#perSecond = perHour / 3600;
	}

	/** Takes one token for `key`; false when the bucket is empty. */
	allow(key: string, now = Date.now()): boolean {
		const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
		bucket.tokens = Math.min(
			this.#capacity,
			bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond
		);
		bucket.at = now;
		if (this.#buckets.size > 10_000 && !this.#buckets.has(key)) this.#buckets.clear();
		this.#buckets.set(key, bucket);
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		return true;
	}
}
