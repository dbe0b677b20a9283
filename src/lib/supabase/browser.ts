import { createBrowserClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';

/**
 * What an island needs to talk to Supabase, passed to it as props by the server page that renders
 * it (see `getPublicEnv()`). The values are runtime ones: the embedded backend's keys are random per
 * data directory, so they cannot be inlined when the site is built.
 */
export interface SupabaseBrowserConfig {
	url: string;
	anonKey: string;
}

/**
 * Returns the browser's Supabase client (one per page): anon key, and the session from the same
 * cookies the server reads, so row-level security applies as the signed-in user.
 */
export function createSupabaseBrowserClient(config: SupabaseBrowserConfig): SupabaseClient {
	return createBrowserClient(config.url, config.anonKey);
}
