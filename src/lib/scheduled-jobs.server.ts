/**
 * Scheduled jobs that run inside the site process (reminders, expiries, digests): how often, read
 * from an environment variable, and a loop that starts once per process and never runs a job twice
 * at once. The jobs themselves claim their rows in the database atomically, so several site
 * instances may run them side by side without doing anything twice.
 */

/**
 * How often a job runs, in milliseconds, from the environment variable `name` in minutes (0–1440,
 * fractions allowed), or null when it is `0` (off). Anything else falls back to the default, with
 * a warning.
 */
export function intervalFromEnv(
	name: string,
	defaultMinutes: number,
	env: Record<string, string | undefined> = process.env
): number | null {
	const raw = env[name]?.trim();
	let minutes = defaultMinutes;
	if (raw !== undefined && raw !== '') {
		const parsed = Number(raw);
		if (Number.isFinite(parsed) && parsed >= 0 && parsed <= 1440) minutes = parsed;
		else console.warn(`[jobs] ${name}=${raw} is not 0–1440 minutes; using ${minutes}`);
	}
	return minutes === 0 ? null : Math.max(1000, Math.round(minutes * 60_000));
}

type Global = typeof globalThis & { [key: symbol]: boolean | undefined };

/**
 * Starts a recurring job in this process, once per `key` (later calls do nothing): a first run a
 * second after, then one every `intervalMs`, skipping a turn while the last run is still going.
 * A failed run is logged and the next one runs as planned. Does nothing when `intervalMs` is null
 * or the service-role key is not configured (the jobs need it).
 * @param key names the job, e.g. `okaeri.ventureJobs`
 */
export function startRecurringJob(
	key: string,
	intervalMs: number | null,
	run: () => Promise<unknown>
): void {
	const global = globalThis as Global;
	const started = Symbol.for(key);
	if (global[started]) return;
	global[started] = true;
	if (intervalMs === null || !process.env.SUPABASE_SERVICE_ROLE_KEY) return;
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await run();
		} catch (error) {
			console.error(`[jobs] ${key} failed:`, error);
		} finally {
			running = false;
		}
	};
	setTimeout(() => void tick(), 1000).unref();
	setInterval(() => void tick(), intervalMs).unref();
}
