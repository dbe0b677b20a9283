import { sniffBytes } from '~/lib/file-type.ts';

/** The image types an avatar may be uploaded as: decided by the bytes, never the name. */
export type AvatarSourceType = 'image/png' | 'image/jpeg' | 'image/webp';

/** What an image's header says, read before any pixel is decoded. */
export interface ImageHeader {
	type: AvatarSourceType;
	width: number;
	height: number;
	/** EXIF orientation of a JPEG (1–8; 1 is upright), which phones use instead of rotating pixels. */
	orientation: number;
}

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 0x10000 + u16be(b, i + 2);
const u32le = (b: Uint8Array, i: number) => u16le(b, i) + u16le(b, i + 2) * 0x10000;
const ascii = (b: Uint8Array, i: number, length: number) =>
	String.fromCharCode(...b.subarray(i, i + length));

/**
 * Reads the type and size of a PNG, JPEG or WebP image from its bytes, or returns null when the
 * bytes are no such image (an HTML page, an SVG or a script renamed `.png`) or its header is
 * broken. Knowing the size first lets the server refuse an image that would take too much memory
 * to decode (a small file can claim a huge picture).
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
	const type = sniffBytes(bytes.subarray(0, 12));
	let size: { width: number; height: number; orientation?: number } | null = null;
	if (type === 'image/png') size = pngSize(bytes);
	else if (type === 'image/jpeg') size = jpegSize(bytes);
	else if (type === 'image/webp') size = webpSize(bytes);
	if (!type || type === 'application/pdf' || !size || size.width < 1 || size.height < 1)
		return null;
	return { type, width: size.width, height: size.height, orientation: size.orientation ?? 1 };
}

function pngSize(b: Uint8Array) {
	if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
	return { width: u32be(b, 16), height: u32be(b, 20) };
}

function webpSize(b: Uint8Array) {
	if (b.length < 30) return null;
	const chunk = ascii(b, 12, 4);
	if (chunk === 'VP8 ') {
		// A key frame: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
		if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
		return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
	}
	if (chunk === 'VP8L') {
		if (b[20] !== 0x2f) return null;
		const bits = u32le(b, 21);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
	return null;
}

function jpegSize(b: Uint8Array) {
	let orientation = 1;
	let i = 2;
	while (i + 3 < b.length) {
		if (b[i] !== 0xff) return null;
		const marker = b[i + 1] ?? 0;
		if (marker === 0xff) {
			i += 1; // fill byte
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			i += 2; // markers without a length
			continue;
		}
		const length = u16be(b, i + 2);
		if (length < 2) return null;
		if (marker === 0xe1 && ascii(b, i + 4, 6) === 'Exif\0\0') {
			orientation = exifOrientation(b.subarray(i + 10, i + 2 + length)) ?? orientation;
		}
		// Start of frame (baseline, progressive …), but not DHT (c4), JPG (c8) or DAC (cc).
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			if (i + 9 > b.length) return null;
			return { height: u16be(b, i + 5), width: u16be(b, i + 7), orientation };
		}
		i += 2 + length;
	}
	return null;
}

/** The orientation tag (0x0112) of an EXIF block's first IFD, when it has a valid one. */
function exifOrientation(tiff: Uint8Array): number | null {
	if (tiff.length < 8) return null;
	const order = ascii(tiff, 0, 2);
	if (order !== 'II' && order !== 'MM') return null;
	const u16 = order === 'II' ? u16le : u16be;
	const u32 = order === 'II' ? u32le : u32be;
	const ifd = u32(tiff, 4);
	if (ifd + 2 > tiff.length) return null;
	const count = u16(tiff, ifd);
	for (let n = 0; n < count; n++) {
		const entry = ifd + 2 + n * 12;
		if (entry + 12 > tiff.length) return null;
		if (u16(tiff, entry) === 0x0112) {
			const value = u16(tiff, entry + 8);
			return value >= 1 && value <= 8 ? value : null;
		}
	}
	return null;
}
