/**
 * Recognises uploaded files by their first bytes ("magic numbers"), never by name or declared type:
 * a web page or SVG renamed `logo.png` is still a web page. Runs in the browser and on the server
 * (it only needs `Blob.slice().arrayBuffer()`), so forms can check early and the server checks again.
 */

/** The file types the site accepts anywhere, as the MIME type stored with the object. */
export type SniffedType = 'image/png' | 'image/jpeg' | 'image/webp' | 'application/pdf';

/** Images the public buckets accept: no SVG (it can carry script), no GIF. */
export const IMAGE_TYPES = [
	'image/png',
	'image/jpeg',
	'image/webp',
] as const satisfies readonly SniffedType[];

/** What evidence for verification may be: a PDF or a photo or scan. */
export const DOCUMENT_TYPES = [
	'application/pdf',
	...IMAGE_TYPES,
] as const satisfies readonly SniffedType[];

/** The file name extension each type is stored with. */
export const EXTENSIONS: Record<SniffedType, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'application/pdf': 'pdf',
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
	signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Identifies a file's type from its first 12 bytes, or returns null when it is none we accept. */
export function sniffBytes(bytes: Uint8Array): SniffedType | null {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
	if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
	return null;
}

/** Identifies an uploaded file's type from its content, or returns null when it is none we accept. */
export async function sniffFile(file: Blob): Promise<SniffedType | null> {
	const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
	return sniffBytes(head);
}

/** Whether a form's file value is a chosen file (browsers send an empty, nameless one otherwise). */
export function isChosenFile(value: unknown): value is File {
	return (
		typeof File !== 'undefined' && value instanceof File && (value.size > 0 || value.name !== '')
	);
}

/**
 * A form's file input as one file or undefined, whatever shape it arrives in: a `FileList` in the
 * browser (react-hook-form), a `File` on the server (Astro Actions), an empty file when none was chosen.
 */
export function firstChosenFile(value: unknown): File | undefined {
	if (typeof FileList !== 'undefined' && value instanceof FileList) value = value[0];
	if (Array.isArray(value)) value = value[0];
	return isChosenFile(value) ? value : undefined;
}

/** Every chosen file of a form's file input (see `firstChosenFile`). */
export function chosenFiles(value: unknown): File[] {
	const list =
		typeof FileList !== 'undefined' && value instanceof FileList
			? [...value]
			: Array.isArray(value)
				? value
				: [value];
	return list.filter(isChosenFile);
}
