import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { getPublicEnv, getServiceRoleKey } from './env.server.ts';
import { supabaseFetch } from './fetch.server.ts';

/**
 * Creates a Supabase client with the service-role key. It bypasses row-level security, so it is for
 * trusted server code only (seeding, webhooks, development tools) and must never reach a browser:
 * islands cannot import `*.server.ts` modules (see eslint.config.js).
 * @throws {SupabaseEnvError} when the Supabase environment is not configured
 */
export function createSupabaseAdminClient(): SupabaseClient {
	const { url } = getPublicEnv();
	return createClient(url, getServiceRoleKey(), {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: { fetch: supabaseFetch },
	});
}
