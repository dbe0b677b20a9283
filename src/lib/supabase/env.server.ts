import { z } from 'astro/zod';

/** The Supabase project the site talks to: its API URL and the public (anon) key. */
export interface SupabasePublicEnv {
	url: string;
	anonKey: string;
}

/** Thrown when the Supabase environment variables are missing or malformed. */
export class SupabaseEnvError extends Error {
	override name = 'SupabaseEnvError';
}

const HINT =
	'Set them in the environment that runs the site. For the embedded backend, ' +
	'`npm run status` prints API_URL, ANON_KEY and SERVICE_ROLE_KEY; for hosted Supabase, ' +
	'see Project Settings → API.';

const UrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const KeySchema = z.string({ error: 'is not set' }).trim().min(1, { error: 'is empty' });

const PublicEnvSchema = z.object({ SUPABASE_URL: UrlSchema, SUPABASE_ANON_KEY: KeySchema });
const ServiceEnvSchema = z.object({ SUPABASE_SERVICE_ROLE_KEY: KeySchema });

type Env = Record<string, string | undefined>;

function parse<T extends z.ZodType>(schema: T, env: Env): z.output<T> {
	const result = schema.safeParse(env);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => {
		const name = String(issue.path[0]);
		// A missing variable fails the URL check with a confusing message; say what is wrong plainly.
		return env[name] === undefined ? `${name} is not set` : `${name} ${issue.message}`;
	});
	throw new SupabaseEnvError(`Supabase is not configured: ${problems.join('; ')}. ${HINT}`);
}

/**
 * Reads SUPABASE_URL and SUPABASE_ANON_KEY from `env` and validates them.
 * @throws {SupabaseEnvError} naming each missing or malformed variable
 */
export function parsePublicEnv(env: Env): SupabasePublicEnv {
	const parsed = parse(PublicEnvSchema, env);
	return { url: parsed.SUPABASE_URL.replace(/\/+$/, ''), anonKey: parsed.SUPABASE_ANON_KEY };
}

/**
 * Reads SUPABASE_SERVICE_ROLE_KEY from `env` and validates it.
 * @throws {SupabaseEnvError} when it is missing or empty
 */
export function parseServiceRoleKey(env: Env): string {
	return parse(ServiceEnvSchema, env).SUPABASE_SERVICE_ROLE_KEY;
}

let publicEnv: SupabasePublicEnv | undefined;
let serviceRoleKey: string | undefined;

// Read at run time from process.env, not import.meta.env: the embedded backend's keys are random
// per data directory, so they are unknown when the site is built.

/**
 * The Supabase URL and anon key of the running site, validated on first use.
 * @throws {SupabaseEnvError} when they are missing or malformed
 */
export function getPublicEnv(): SupabasePublicEnv {
	publicEnv ??= parsePublicEnv(process.env);
	return publicEnv;
}

/**
 * The service-role key, validated on first use. It bypasses row-level security: server code only.
 * @throws {SupabaseEnvError} when it is missing or empty
 */
export function getServiceRoleKey(): string {
	serviceRoleKey ??= parseServiceRoleKey(process.env);
	return serviceRoleKey;
}
