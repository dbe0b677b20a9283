import { randomUUID } from 'node:crypto';
import { EXTENSIONS, sniffFile } from '~/lib/file-type.ts';
import type { Db } from './db.server.ts';

/** The public bucket organisation logos live in, one folder per organisation id. */
export const LOGO_BUCKET = 'org-logos';

/**
 * Uploads a logo into the organisation's folder under a new name (so caches never show the old one)
 * with the type its content has, not the one the browser declared. Storage's policies let only the
 * organisation's owners write there. Returns the object path, or throws the storage error.
 */
export async function uploadLogo(db: Db, organisationId: string, file: File): Promise<string> {
	const type = await sniffFile(file);
	if (!type) throw new Error('not an image the site accepts');
	const path = `${organisationId}/logo-${randomUUID()}.${EXTENSIONS[type]}`;
	// Bytes, not the File: supabase-js would send a File with the type the browser guessed from its name.
	const bytes = new Uint8Array(await file.arrayBuffer());
	const { error } = await db.storage
		.from(LOGO_BUCKET)
		.upload(path, bytes, { contentType: type, upsert: false, cacheControl: '31536000' });
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
