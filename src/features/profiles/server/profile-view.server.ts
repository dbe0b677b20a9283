import type { AstroGlobal } from 'astro';
import { anonymousClient, getVisibleProfile, type VisibleProfile } from './profile.server.ts';

/** What a profile page shows, loaded by its route before anything renders. */
export interface ProfileView {
	/** The profile as the viewer may see it, or null when hidden from them or missing. */
	profile: VisibleProfile | null;
	/** The viewer is the owner. */
	isOwner: boolean;
	/** The owner is looking at it as the public does (`?as=public`). */
	preview: boolean;
	/** The backend failed. */
	unavailable: boolean;
	/** The page's HTTP status: 404 when hidden or missing (the same answer for both), 503 on failure. */
	status: number;
}

/**
 * Loads profile `id` as the visitor may see it; the database decides field by field. The owner
 * may ask for the public's view (`?as=public`): it is loaded with a client that has no session.
 * Call it in the route's frontmatter and set `Astro.response.status` from the result.
 */
export async function loadProfileView(
	context: Pick<AstroGlobal, 'locals' | 'url'>,
	id: string
): Promise<ProfileView> {
	const { supabase, user } = context.locals;
	const isOwner = user?.sub === id;
	const preview = isOwner && context.url.searchParams.get('as') === 'public';
	try {
		const profile = await getVisibleProfile(preview ? anonymousClient() : supabase, id);
		return {
			profile,
			isOwner,
			preview,
			unavailable: false,
			status: profile || preview ? 200 : 404,
		};
	} catch (error) {
		console.error('[profiles] could not load a profile:', error);
		return { profile: null, isOwner, preview, unavailable: true, status: 503 };
	}
}
