import { randomUUID } from 'node:crypto';
import type { Db } from '~/lib/supabase/db.server.ts';
import { EXTENSIONS, sniffFile } from '~/lib/file-type.ts';
import { VERIFICATION_LIMITS } from '../options.ts';

/** The private bucket evidence lives in, under the requester's user-id folder. */
export const EVIDENCE_BUCKET = 'documents';

/**
 * Uploads evidence files into the requester's own folder, each stored with the type its content
 * has. Returns their paths; when one fails, removes those already stored and throws its error.
 */
export async function uploadEvidence(
	db: Db,
	userId: string,
	files: readonly File[]
): Promise<string[]> {
	const paths: string[] = [];
	try {
		for (const file of files) {
			const type = await sniffFile(file);
			if (!type) throw new Error('not a file type the site accepts');
			const path = `${userId}/verification/${randomUUID()}.${EXTENSIONS[type]}`;
			// Bytes, not the File: supabase-js would send a File with the type its name suggests.
			const bytes = new Uint8Array(await file.arrayBuffer());
			const { error } = await db.storage
				.from(EVIDENCE_BUCKET)
				.upload(path, bytes, { contentType: type, upsert: false });
			if (error) throw error;
			paths.push(path);
		}
	} catch (error) {
		await removeEvidence(db, paths);
		throw error;
	}
	return paths;
}

/** Removes evidence files, logging rather than failing. */
export async function removeEvidence(db: Db, paths: readonly string[]): Promise<void> {
	if (paths.length === 0) return;
	const { error } = await db.storage.from(EVIDENCE_BUCKET).remove([...paths]);
	if (error) console.error('[verification] could not remove evidence files:', error);
}

/** A link to one piece of evidence that works for a few minutes, for staff. */
export interface EvidenceLink {
	path: string;
	/** The file's name as stored, e.g. `3f2c….pdf`. */
	name: string;
	url: string | null;
}

/**
 * Short-lived signed links to a request's evidence. Storage's policies let staff (and the owner)
 * sign them; a file that cannot be signed gets no link.
 */
export async function signEvidence(db: Db, paths: readonly string[]): Promise<EvidenceLink[]> {
	if (paths.length === 0) return [];
	const { data, error } = await db.storage
		.from(EVIDENCE_BUCKET)
		.createSignedUrls([...paths], VERIFICATION_LIMITS.signedUrlMinutes * 60);
	if (error) console.error('[verification] could not sign evidence links:', error);
	const urls = new Map(
		(data ?? []).map((entry) => [entry.path, entry.error ? null : entry.signedUrl])
	);
	return paths.map((path) => ({
		path,
		name: path.split('/').pop() ?? path,
		url: urls.get(path) ?? null,
	}));
}
