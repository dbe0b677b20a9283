import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '~/lib/supabase/database.types.ts';
import { getPublicEnv } from '~/lib/supabase/env.server.ts';
import type { ProfileRow } from '../form-values.ts';

/** A profile as one viewer may see it: every field they may not see is null (`get_profile`). */
export type VisibleProfile = Database['public']['Functions']['get_profile']['Returns'][number];

/** A profile could not be loaded because the backend failed (not because it is hidden). */
export class ProfileLoadError extends Error {
	override name = 'ProfileLoadError';
}

/**
 * The profile `id` as the client's user may see it, or null when it is hidden from them or does
 * not exist. The database decides, field by field (`public.get_profile`); pages show what comes
 * back and never filter it themselves.
 * @throws {ProfileLoadError} when the backend fails
 */
export async function getVisibleProfile(
	supabase: SupabaseClient,
	id: string
): Promise<VisibleProfile | null> {
	const { data, error } = await supabase.rpc('get_profile', { p_id: id });
	if (error) throw new ProfileLoadError(error.message, { cause: error });
	const rows = (data ?? []) as VisibleProfile[];
	return rows[0] ?? null;
}

/**
 * A client with no session: the public's view. The owner's "see it as the public does" preview
 * asks the database with it, so the preview is what the database gives anyone signed out.
 */
export function anonymousClient(): SupabaseClient {
	const { url, anonKey } = getPublicEnv();
	return createClient(url, anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
	});
}

/**
 * The signed-in person's own profile row (everything, with visibility settings), or null when it
 * does not exist. Row-level security lets only the owner (and staff) read it.
 * @throws {ProfileLoadError} when the backend fails
 */
export async function getOwnProfile(
	supabase: SupabaseClient,
	userId: string
): Promise<ProfileRow | null> {
	const { data, error } = await supabase
		.from('profiles')
		.select('*')
		.eq('id', userId)
		.maybeSingle();
	if (error) throw new ProfileLoadError(error.message, { cause: error });
	return (data as ProfileRow | null) ?? null;
}

/** Whether a person still has to say who they are: no name or no kind yet (see onboarding). */
export function needsOnboarding(
	profile: Pick<ProfileRow, 'display_name' | 'kinds'> | null
): boolean {
	return !profile || profile.display_name.trim() === '' || profile.kinds.length === 0;
}
