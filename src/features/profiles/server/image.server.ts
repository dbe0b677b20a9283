import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AVATAR_MAX_PIXELS, AVATAR_SIZE } from '../schemas/avatar.schema.ts';
import { readImageHeader, type AvatarSourceType } from '../image-header.ts';

/** Why an image was refused, as the message key to show. */
export class ImageRejected extends Error {
	override name = 'ImageRejected';
	constructor(
		readonly key:
			| 'profiles.error.avatarType'
			| 'profiles.error.avatarUnreadable'
			| 'profiles.error.avatarDimensions'
	) {
		super(key);
	}
}

/** Raw RGBA pixels, as the codecs give and take them (the shape of the browser's ImageData). */
interface Pixels {
	data: Uint8ClampedArray;
	width: number;
	height: number;
	colorSpace?: string;
}

// The codecs are Squoosh's (libwebp, mozjpeg, the Rust png crate and its resizer) compiled to
// WebAssembly: no native dependency, so the site still deploys anywhere Node runs. They build
// their results with `new ImageData()`, which Node lacks; a plain class of the same shape serves.
(globalThis as { ImageData?: unknown }).ImageData ??= class ImageData implements Pixels {
	colorSpace = 'srgb';
	constructor(
		public data: Uint8ClampedArray,
		public width: number,
		public height: number
	) {}
};

interface Codecs {
	decode: Record<AvatarSourceType, (bytes: ArrayBuffer) => Promise<Pixels>>;
	resize: (image: Pixels, size: { width: number; height: number }) => Promise<Pixels>;
	encodeWebp: (image: Pixels, options: { quality: number }) => Promise<ArrayBuffer>;
}

let codecs: Promise<Codecs> | undefined;

/** Loads the codecs once, giving each its compiled WebAssembly module (found next to its code). */
function loadCodecs(): Promise<Codecs> {
	codecs ??= (async () => {
		const require = createRequire(import.meta.url);
		const wasm = async (file: string) => WebAssembly.compile(await readFile(require.resolve(file)));
		const [jpeg, png, webpDecode, webpEncode, resize] = await Promise.all([
			import('@jsquash/jpeg/decode.js'),
			import('@jsquash/png/decode.js'),
			import('@jsquash/webp/decode.js'),
			import('@jsquash/webp/encode.js'),
			import('@jsquash/resize'),
		]);
		await Promise.all([
			jpeg.init(await wasm('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm')),
			png.init(await wasm('@jsquash/png/codec/pkg/squoosh_png_bg.wasm')),
			webpDecode.init(await wasm('@jsquash/webp/codec/dec/webp_dec.wasm')),
			webpEncode.init(await wasm('@jsquash/webp/codec/enc/webp_enc_simd.wasm')),
			resize.initResize(await wasm('@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm')),
		]);
		return {
			decode: {
				'image/jpeg': (bytes) => jpeg.default(bytes),
				'image/png': (bytes) => png.default(bytes),
				'image/webp': (bytes) => webpDecode.default(bytes),
			},
			resize: (image, size) => resize.default(image as ImageData, { ...size, method: 'lanczos3' }),
			encodeWebp: (image, options) => webpEncode.default(image as ImageData, options),
		};
	})();
	codecs.catch(() => (codecs = undefined));
	return codecs;
}

/**
 * Makes the avatar the site stores from uploaded bytes: checks by content that they are a PNG,
 * JPEG or WebP image of a sane size, decodes it, turns it upright (phone photos carry their
 * rotation in EXIF), crops the centre square, scales it to AVATAR_SIZE and encodes it as WebP.
 * Nothing of the upload survives but its pixels: no metadata (location!), no trailing bytes.
 * @throws {ImageRejected} with the message to show when the bytes are not a usable image
 */
export async function makeAvatar(bytes: Uint8Array): Promise<Uint8Array> {
	const header = readImageHeader(bytes);
	if (!header) throw new ImageRejected('profiles.error.avatarType');
	if (header.width * header.height > AVATAR_MAX_PIXELS) {
		throw new ImageRejected('profiles.error.avatarDimensions');
	}
	const { decode, resize, encodeWebp } = await loadCodecs();
	let image: Pixels;
	try {
		image = await decode[header.type](copyBuffer(bytes));
	} catch {
		throw new ImageRejected('profiles.error.avatarUnreadable');
	}
	if (image.width !== header.width || image.height !== header.height) {
		throw new ImageRejected('profiles.error.avatarUnreadable');
	}
	const square = centreSquare(image);
	const side = Math.min(square.width, AVATAR_SIZE);
	const scaled =
		side === square.width ? square : await resize(square, { width: side, height: side });
	const upright = orient(scaled, header.orientation);
	return new Uint8Array(await encodeWebp(upright, { quality: 82 }));
}

function copyBuffer(bytes: Uint8Array): ArrayBuffer {
	return bytes.slice().buffer;
}

/** The largest square in the middle of an image. */
export function centreSquare(image: Pixels): Pixels {
	const side = Math.min(image.width, image.height);
	if (image.width === side && image.height === side) return image;
	const left = Math.floor((image.width - side) / 2);
	const top = Math.floor((image.height - side) / 2);
	const data = new Uint8ClampedArray(side * side * 4);
	for (let row = 0; row < side; row++) {
		const from = ((top + row) * image.width + left) * 4;
		data.set(image.data.subarray(from, from + side * 4), row * side * 4);
	}
	return new ImageData(data, side, side);
}

/**
 * Applies an EXIF orientation (1–8) to a square image, so it shows upright without EXIF. For a
 * square the crop does not depend on orientation, so it can be applied last, to few pixels.
 */
export function orient(image: Pixels, orientation: number): Pixels {
	if (orientation <= 1 || orientation > 8 || image.width !== image.height) return image;
	const n = image.width;
	const last = n - 1;
	// Where the pixel shown at (x, y) is stored in the source.
	const source: (x: number, y: number) => number = {
		2: (x: number, y: number) => y * n + (last - x),
		3: (x: number, y: number) => (last - y) * n + (last - x),
		4: (x: number, y: number) => (last - y) * n + x,
		5: (x: number, y: number) => x * n + y,
		6: (x: number, y: number) => (last - x) * n + y,
		7: (x: number, y: number) => (last - x) * n + (last - y),
		8: (x: number, y: number) => x * n + (last - y),
	}[orientation] as (x: number, y: number) => number;
	const out = new Uint8ClampedArray(image.data.length);
	for (let y = 0; y < n; y++) {
		for (let x = 0; x < n; x++) {
			const from = source(x, y) * 4;
			out.set(image.data.subarray(from, from + 4), (y * n + x) * 4);
		}
	}
	return new ImageData(out, n, n);
}
