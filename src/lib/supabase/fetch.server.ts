import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How long the site waits for one Supabase request (headers and body) before it gives up: a backend that
 * accepts connections but never answers must not hang the page. Generous enough for a 10 MB upload.
 */
export const SUPABASE_FETCH_TIMEOUT_MS = 15_000;

/** What the requests of one site request saw of the backend (see `watchBackend`). */
export interface BackendWatch {
	/** The last Supabase request to end could not connect, or did not answer within the timeout. */
	unavailable: boolean;
}

const watches = new AsyncLocalStorage<BackendWatch>();

/**
 * Runs `fn` (the rendering of one request) so that every Supabase request made in it, by any client,
 * reports into `watch` when the backend cannot be reached.
 */
export function watchBackend<T>(watch: BackendWatch, fn: () => T): T {
	return watches.run(watch, fn);
}

/** Whether `error`, thrown by fetch, means the server could not be reached (not an HTTP error answer). */
function isUnreachable(error: unknown): boolean {
	// undici: TypeError('fetch failed') with the socket error as its cause.
	return error instanceof TypeError && error.message === 'fetch failed';
}

/**
 * A `fetch` for the Supabase clients: bounded by `timeoutMs` (on top of the caller's own signal), and reporting
 * an unreachable backend to the request's `watchBackend`. Errors are rethrown, so the clients turn them into
 * their usual `{ error }` results; a timeout becomes an AbortError, which postgrest-js does not retry (it
 * retries reads after a connection error, over 7 s, which rides out a backend restart, but waiting again on
 * a backend too busy to answer would only add to its queue).
 */
export function createSupabaseFetch(timeoutMs: number): typeof fetch {
	return async (input, init) => {
		const timeout = AbortSignal.timeout(timeoutMs);
		const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
		const watch = watches.getStore();
		try {
			const response = await fetch(input, { ...init, signal });
			// A retry that got through, e.g. once a restarted backend listens again: the page has its data.
			if (watch !== undefined) watch.unavailable = false;
			return response;
		} catch (error) {
			if (init?.signal?.aborted) throw error;
			const timedOut = timeout.aborted;
			if (watch !== undefined && (timedOut || isUnreachable(error))) watch.unavailable = true;
			if (timedOut)
				throw new DOMException(`Supabase did not answer within ${timeoutMs} ms`, 'AbortError');
			throw error;
		}
	};
}

/** The site's `fetch` for Supabase: `createSupabaseFetch(SUPABASE_FETCH_TIMEOUT_MS)`. */
export const supabaseFetch: typeof fetch = createSupabaseFetch(SUPABASE_FETCH_TIMEOUT_MS);
