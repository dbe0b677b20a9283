import { ActionError } from 'astro:actions';
import type { SupabaseClient } from '@supabase/supabase-js';
import { AVATAR_MAX_BYTES } from '../schemas/avatar.schema.ts';
import { dataActionError } from './errors.server.ts';
import { ImageRejected, makeAvatar } from './image.server.ts';

/** The public bucket avatars live in, each under its owner's user-id folder. */
export const AVATAR_BUCKET = 'avatars';

/** A fresh object name per upload, so browsers and caches never show an old photo. */
function newAvatarPath(userId: string): string {
	const stamp = Date.now().toString(36);
	const random = crypto.randomUUID().slice(0, 8);
	return `${userId}/avatar-${stamp}-${random}.webp`;
}

/**
 * Replaces the person's avatar with an uploaded image: checks and re-encodes it on the server
 * (`makeAvatar`), stores it in their folder with their own client (storage policies decide), points
 * their profile at it and deletes the old one. Nothing is stored when any step fails: a stored
 * file whose profile update failed is deleted again.
 * @throws {ActionError} whose message is the key to show
 */
export async function replaceAvatar(
	supabase: SupabaseClient,
	userId: string,
	file: File
): Promise<void> {
	// The schema checked this in the browser; the server does not trust the browser.
	if (file.size > AVATAR_MAX_BYTES) {
		throw new ActionError({ code: 'CONTENT_TOO_LARGE', message: 'profiles.error.avatarTooLarge' });
	}
	let avatar: Uint8Array;
	try {
		avatar = await makeAvatar(new Uint8Array(await file.arrayBuffer()));
	} catch (error) {
		if (error instanceof ImageRejected) {
			throw new ActionError({ code: 'UNPROCESSABLE_CONTENT', message: error.key });
		}
		throw dataActionError(error, 'avatar', 'profiles.error.avatarUnreadable');
	}

	const { data: before, error: readError } = await supabase
		.from('profiles')
		.select('avatar_path')
		.eq('id', userId)
		.maybeSingle();
	if (readError) throw dataActionError(readError, 'avatar');

	const path = newAvatarPath(userId);
	const storage = supabase.storage.from(AVATAR_BUCKET);
	const { error: uploadError } = await storage.upload(path, avatar, {
		contentType: 'image/webp',
		cacheControl: '31536000',
		upsert: false,
	});
	if (uploadError) throw dataActionError(uploadError, 'avatar');

	const { error: updateError } = await supabase
		.from('profiles')
		.update({ avatar_path: path })
		.eq('id', userId);
	if (updateError) {
		await storage.remove([path]);
		throw dataActionError(updateError, 'avatar');
	}
	const old = before?.avatar_path;
	if (old && old !== path) await removeQuietly(supabase, old);
}

/** Removes the person's avatar: the profile forgets it, then the file goes. */
export async function removeAvatar(supabase: SupabaseClient, userId: string): Promise<void> {
	const { data: before, error: readError } = await supabase
		.from('profiles')
		.select('avatar_path')
		.eq('id', userId)
		.maybeSingle();
	if (readError) throw dataActionError(readError, 'avatar');
	const { error } = await supabase.from('profiles').update({ avatar_path: null }).eq('id', userId);
	if (error) throw dataActionError(error, 'avatar');
	if (before?.avatar_path) await removeQuietly(supabase, before.avatar_path);
}

/** Deletes an avatar file the profile no longer uses; a failure only leaves an unused file. */
async function removeQuietly(supabase: SupabaseClient, path: string): Promise<void> {
	const { error } = await supabase.storage.from(AVATAR_BUCKET).remove([path]);
	if (error) console.error('[avatar] could not delete the previous avatar:', error);
}

/**
 * The public URL of an avatar, for `<img src>`; the avatars bucket is public to read. The site
 * always stores avatars at AVATAR_SIZE pixels square, so no resizing happens on the way.
 */
export function avatarUrl(
	supabase: SupabaseClient,
	path: string | null | undefined
): string | null {
	if (!path) return null;
	return supabase.storage.from(AVATAR_BUCKET).getPublicUrl(path).data.publicUrl;
}
