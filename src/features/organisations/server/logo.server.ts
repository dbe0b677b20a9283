import { randomUUID } from 'node:crypto';
import { ActionError } from 'astro:actions';
import {
	ImageRejected,
	reencodeImage,
	type ImageRecipe,
} from '~/features/profiles/server/image.server.ts';
import { ORGANISATION_LIMITS as L } from '../options.ts';
import type { Db } from '~/lib/supabase/db.server.ts';

/** The public bucket organisation logos live in, one folder per organisation id. */
export const LOGO_BUCKET = 'org-logos';

/** What the site stores for a logo: the whole picture within 256 × 256 pixels, as WebP. */
export const LOGO_RECIPE: ImageRecipe = {
	fit: 'contain',
	size: L.logoSize,
	maxPixels: L.logoMaxPixels,
	messages: {
		type: 'organisations.error.logoType',
		dimensions: 'organisations.error.logoDimensions',
		unreadable: 'organisations.error.logoUnreadable',
	},
};

/**
 * Makes the logo the site stores from an upload, with the avatars' pipeline: checked by content,
 * scaled to fit LOGO_RECIPE's box, re-encoded as WebP, nothing but the pixels kept (no metadata,
 * no trailing bytes). Run before anything is saved, so a bad image changes nothing.
 * @throws {ActionError} whose message is the key to show next to the logo field
 */
export async function prepareLogo(file: File): Promise<Uint8Array> {
	// The form's schema checked this; the server does not trust the browser.
	if (file.size > L.logoMaxBytes) {
		throw new ActionError({
			code: 'CONTENT_TOO_LARGE',
			message: 'organisations.error.logoTooLarge',
		});
	}
	try {
		return await reencodeImage(new Uint8Array(await file.arrayBuffer()), LOGO_RECIPE);
	} catch (error) {
		if (error instanceof ImageRejected) {
			throw new ActionError({ code: 'UNPROCESSABLE_CONTENT', message: error.key });
		}
		console.error('[organisations] could not process a logo:', error);
		throw new ActionError({ code: 'BAD_REQUEST', message: 'organisations.error.logoUploadFailed' });
	}
}

/**
 * Uploads a prepared logo (see prepareLogo) into the organisation's folder under a new name, so
 * caches never show the old one. Storage's policies let only the organisation's owners write
 * there. Returns the object path, or throws the storage error.
 */
export async function uploadLogo(
	db: Db,
	organisationId: string,
	logo: Uint8Array
): Promise<string> {
	const path = `${organisationId}/logo-${randomUUID()}.webp`;
	const { error } = await db.storage
		.from(LOGO_BUCKET)
		.upload(path, logo, { contentType: 'image/webp', upsert: false, cacheControl: '31536000' });
	if (error) throw error;
	return path;
}

/** Removes logo files, logging rather than failing: a leftover file is harmless. */
export async function removeLogos(db: Db, paths: readonly (string | null | undefined)[]) {
	const existing = paths.filter((path): path is string => Boolean(path));
	if (existing.length === 0) return;
	const { error } = await db.storage.from(LOGO_BUCKET).remove(existing);
	if (error) console.error('[organisations] could not remove old logo files:', error);
}

/** The public URL of a logo, or null when the organisation has none. */
export function logoUrl(db: Db, path: string | null | undefined): string | null {
	if (!path) return null;
	return db.storage.from(LOGO_BUCKET).getPublicUrl(path).data.publicUrl;
}
