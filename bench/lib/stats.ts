/** Latency statistics shared by the benchmarks. All figures are in the unit of the samples (milliseconds here). */

/** Count, mean, extremes and the percentiles the benchmarks report. */
export interface Summary {
	count: number;
	mean: number;
	min: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
}

/**
 * The `p`-th percentile (0 < p ≤ 100) of samples sorted ascending, by the nearest-rank method: the smallest
 * sample such that at least p % of the samples are ≤ it. No interpolation, so it is always a measured value.
 */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Summarises unsorted samples (the input is not modified). */
export function summarize(samples: readonly number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	const sum = sorted.reduce((total, value) => total + value, 0);
	return {
		count: sorted.length,
		mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
		min: sorted[0] ?? Number.NaN,
		p50: percentile(sorted, 50),
		p90: percentile(sorted, 90),
		p99: percentile(sorted, 99),
		max: sorted.at(-1) ?? Number.NaN,
	};
}

/** The median of unsorted samples. */
export function median(samples: readonly number[]): number {
	return percentile(
		[...samples].sort((a, b) => a - b),
		50
	);
}

/** Rounds to `digits` decimals, for the JSON figures. */
export function round(value: number, digits = 2): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}
