/**
 * A closed-loop load generator for the benchmarks: `concurrency` workers each send one request, wait for its
 * answer and send the next, until `requests` have completed or `maxSeconds` have passed, whichever comes first.
 * A warm-up (not recorded) runs the same way first. Every request is timed on its own.
 */
import { performance } from 'node:perf_hooks';
import { type Summary, summarize } from './stats.ts';

/** One request. `index` counts requests of this run from 0; `worker` is the worker sending it (0-based). */
export type Operation = (index: number, worker: number) => Promise<void>;

/** Bounds of one run. */
export interface LoadOptions {
	/** Requests to complete (the run stops earlier when `maxSeconds` pass). */
	requests: number;
	/** Requests in flight at once (default 1: sequential). */
	concurrency?: number;
	/** Time bound of the measured part, in seconds. */
	maxSeconds: number;
	/** Unrecorded requests first, bounded the same way (default none). */
	warmup?: { requests: number; maxSeconds: number };
}

/** What one run measured. */
export interface LoadResult {
	/** Requests completed and recorded. */
	requests: number;
	concurrency: number;
	/** Wall-clock time of the measured part. */
	seconds: number;
	/** Completed requests per second of wall-clock time. */
	rps: number;
	/** Latency of each request in milliseconds. */
	latencyMs: Summary;
	/** True when `maxSeconds` ended the run before `requests` completed. */
	timeBound: boolean;
}

/** Sends requests `first`, `first + 1`, … up to `first + requests - 1` or the deadline; returns how many completed. */
async function drive(
	operation: Operation,
	first: number,
	requests: number,
	concurrency: number,
	maxSeconds: number,
	record: number[] | undefined
): Promise<number> {
	const deadline = performance.now() + maxSeconds * 1000;
	let next = 0;
	let done = 0;
	let failed = false;
	const worker = async (id: number): Promise<void> => {
		while (!failed && next < requests && performance.now() < deadline) {
			const index = first + next++;
			const start = performance.now();
			try {
				await operation(index, id);
			} catch (error) {
				failed = true; // the other workers stop after their request in flight
				throw error;
			}
			record?.push(performance.now() - start);
			done++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));
	return done;
}

function result(
	latencies: number[],
	concurrency: number,
	seconds: number,
	requests: number
): LoadResult {
	return {
		requests: latencies.length,
		concurrency,
		seconds,
		rps: latencies.length / seconds,
		latencyMs: summarize(latencies),
		timeBound: latencies.length < requests,
	};
}

async function warmUp(operation: Operation, options: LoadOptions, concurrency: number) {
	if (options.warmup === undefined) return;
	const { requests, maxSeconds } = options.warmup;
	await drive(operation, 0, requests, concurrency, maxSeconds, undefined);
}

/** Runs `operation` under `options`; rejects with the first failing request's error. */
export async function runLoad(operation: Operation, options: LoadOptions): Promise<LoadResult> {
	const concurrency = Math.max(1, options.concurrency ?? 1);
	await warmUp(operation, options, concurrency);
	const latencies: number[] = [];
	const started = performance.now();
	await drive(operation, 0, options.requests, concurrency, options.maxSeconds, latencies);
	return result(latencies, concurrency, (performance.now() - started) / 1000, options.requests);
}

/**
 * Runs several operations under the same `options`, in alternating blocks (A B C A B C …), so that a change in
 * the machine's load during the runs affects each of them alike: for figures that are compared with each
 * other. `requests` and `maxSeconds` apply to each operation, split evenly over `blocks`.
 */
export async function runInterleaved<K extends string>(
	operations: Record<K, Operation>,
	options: LoadOptions & { blocks: number }
): Promise<Record<K, LoadResult>> {
	const concurrency = Math.max(1, options.concurrency ?? 1);
	const keys = Object.keys(operations) as K[];
	const state = new Map(
		keys.map((key) => [key, { latencies: [] as number[], seconds: 0, sent: 0 }])
	);
	for (const key of keys) await warmUp(operations[key], options, concurrency);
	for (let block = 0; block < options.blocks; block++) {
		for (const key of keys) {
			const s = state.get(key) as { latencies: number[]; seconds: number; sent: number };
			const quota = Math.ceil(((block + 1) * options.requests) / options.blocks) - s.sent;
			// What is left of the time bound, shared by the blocks still to come.
			const budget = (options.maxSeconds - s.seconds) / (options.blocks - block);
			if (quota <= 0 || budget <= 0) continue;
			const started = performance.now();
			s.sent += await drive(operations[key], s.sent, quota, concurrency, budget, s.latencies);
			s.seconds += (performance.now() - started) / 1000;
		}
	}
	return Object.fromEntries(
		keys.map((key) => {
			const s = state.get(key) as { latencies: number[]; seconds: number };
			return [key, result(s.latencies, concurrency, s.seconds, options.requests)];
		})
	) as Record<K, LoadResult>;
}
