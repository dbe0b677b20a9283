/**
 * A small seeded pseudo-random generator (mulberry32) for demo and benchmark data: the same seed gives the same
 * sequence on every machine and Node version, so generated data is reproducible to the byte.
 */
export class Random {
	#state: number;

	/** Starts the sequence at `seed` (any 32-bit integer). */
	constructor(seed: number) {
		this.#state = seed | 0;
	}

	/** The next number in [0, 1). */
	next(): number {
		this.#state = (this.#state + 0x6d2b79f5) | 0;
		let t = Math.imul(this.#state ^ (this.#state >>> 15), 1 | this.#state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** True with probability `p`. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** One item, each equally likely. */
	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new RangeError('pick from an empty list');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** One item, in proportion to its weight. */
	weighted<T>(items: readonly (readonly [T, number])[]): T {
		const total = items.reduce((sum, [, weight]) => sum + weight, 0);
		let r = this.next() * total;
		for (const [item, weight] of items) if ((r -= weight) < 0) return item;
		return (items.at(-1) as readonly [T, number])[0];
	}

	/** Each item kept with probability `p`, in the original order. */
	some<T>(items: readonly T[], p: number): T[] {
		return items.filter(() => this.next() < p);
	}

	/** `count` different items (all of them when there are fewer), in random order. */
	sample<T>(items: readonly T[], count: number): T[] {
		const pool = [...items];
		const out: T[] = [];
		while (out.length < count && pool.length > 0) {
			out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
		}
		return out;
	}
}
