import type { SupabaseClient } from '@supabase/supabase-js';

/** A file the export lists (from `export_my_data()`), and what the download carries of it. */
export interface ExportFile {
	bucket: string;
	name: string;
	size?: number | null;
	content_type?: string | null;
	created_at?: string | null;
}

/** A file in the download: embedded as base64, or (past the size budget) a link that expires. */
export type ExportedFile = ExportFile &
	(
		| { content_base64: string }
		| { signed_url: string; signed_url_expires_at: string }
		| { unavailable: true }
	);

/** Most bytes of files embedded in one export; beyond this, files are linked instead. */
export const EMBED_BUDGET_BYTES = 25 * 1024 * 1024;

/** How long the links to files past the budget work. */
export const SIGNED_URL_SECONDS = 7 * 24 * 60 * 60;

/** What the export can do with each file: read its bytes, or make a link to it. */
export interface FileSource {
	read(file: ExportFile): Promise<Uint8Array | null>;
	link(file: ExportFile, seconds: number): Promise<string | null>;
}

/**
 * Shapes the download: the database's document with each listed file embedded as base64, so the
 * download is complete on its own and still holds the files after the account is deleted. Files
 * past EMBED_BUDGET_BYTES (in total) get a signed link instead, so a download stays a size people
 * can save on a phone; a file that cannot be read is marked unavailable rather than failing it all.
 */
export async function shapeExport(
	document: Record<string, unknown>,
	source: FileSource,
	now = new Date()
): Promise<Record<string, unknown>> {
	const listed = Array.isArray(document['files']) ? (document['files'] as ExportFile[]) : [];
	const files: ExportedFile[] = [];
	let embedded = 0;
	for (const file of listed) {
		const size = typeof file.size === 'number' ? file.size : 0;
		if (embedded + size <= EMBED_BUDGET_BYTES) {
			const bytes = await source.read(file);
			if (bytes && embedded + bytes.byteLength <= EMBED_BUDGET_BYTES) {
				embedded += bytes.byteLength;
				files.push({ ...file, content_base64: Buffer.from(bytes).toString('base64') });
				continue;
			}
		}
		const url = await source.link(file, SIGNED_URL_SECONDS);
		files.push(
			url
				? {
						...file,
						signed_url: url,
						signed_url_expires_at: new Date(
							now.getTime() + SIGNED_URL_SECONDS * 1000
						).toISOString(),
					}
				: { ...file, unavailable: true }
		);
	}
	return {
		...document,
		files,
		files_note:
			'Files are embedded as base64 (content_base64). Any beyond 25 MB in total are linked instead (signed_url, valid for 7 days).',
	};
}

/** Reads and links files with the person's own client: storage policies decide what they get. */
export function storageSource(supabase: SupabaseClient): FileSource {
	return {
		async read(file) {
			const { data, error } = await supabase.storage.from(file.bucket).download(file.name);
			if (error || !data) return null;
			return new Uint8Array(await data.arrayBuffer());
		},
		async link(file, seconds) {
			const { data, error } = await supabase.storage
				.from(file.bucket)
				.createSignedUrl(file.name, seconds);
			return error || !data ? null : data.signedUrl;
		},
	};
}

/** The file name of a download made on `date`: `okaeri-my-data-2026-11-21.json`. */
export function exportFileName(date: Date): string {
	return `okaeri-my-data-${date.toISOString().slice(0, 10)}.json`;
}

/**
 * Everything the portal holds about the signed-in person, as the JSON document they download:
 * `export_my_data()` (which only ever answers about the caller) plus their files.
 */
export async function buildExport(supabase: SupabaseClient): Promise<Record<string, unknown>> {
	const { data, error } = await supabase.rpc('export_my_data');
	if (error) throw new Error(`export_my_data failed: ${error.message}`, { cause: error });
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		throw new Error('export_my_data returned no document');
	}
	return shapeExport(data as Record<string, unknown>, storageSource(supabase));
}
