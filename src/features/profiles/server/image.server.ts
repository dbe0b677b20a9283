import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AVATAR_MAX_PIXELS, AVATAR_SIZE } from '../schemas/avatar.schema.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import { readImageHeader, type AvatarSourceType } from '../image-header.ts';

/** The ways an upload can fail to be an image the site stores. */
export type ImageProblem = 'type' | 'dimensions' | 'unreadable';

/** Why an image was refused, as the message key to show. */
export class ImageRejected extends Error {
	override name = 'ImageRejected';
	constructor(
		readonly problem: ImageProblem,
		readonly key: MessageKey
	) {
		super(key);
	}
}

/** How an upload becomes the image the site stores. */
export interface ImageRecipe {
	/**
	 * `square`: the centre square, scaled to `size` × `size` (avatars). `contain`: the whole
	 * picture, scaled to fit within `size` × `size` (logos keep their shape).
	 */
	fit: 'square' | 'contain';
	/** The longest side stored, in pixels; smaller images are never enlarged. */
	size: number;
	/** Most pixels an upload may have: beyond that, decoding it would take too much memory. */
	maxPixels: number;
	/** The message to show for each way an upload is refused. */
	messages: Record<ImageProblem, MessageKey>;
}

/** What the site stores for an avatar: a square WebP of AVATAR_SIZE pixels. */
export const AVATAR_RECIPE: ImageRecipe = {
	fit: 'square',
	size: AVATAR_SIZE,
	maxPixels: AVATAR_MAX_PIXELS,
	messages: {
		type: 'profiles.error.avatarType',
		dimensions: 'profiles.error.avatarDimensions',
		unreadable: 'profiles.error.avatarUnreadable',
	},
};

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
 * Makes the image the site stores from uploaded bytes, following a recipe: checks by content that
 * they are a PNG, JPEG or WebP image of a sane size, decodes it, crops (for `square`) and scales it
 * down, turns it upright (phone photos carry their rotation in EXIF) and encodes it as WebP.
 * Nothing of the upload survives but its pixels: no metadata (location!), no trailing bytes.
 * @throws {ImageRejected} with the recipe's message when the bytes are not a usable image
 */
export async function reencodeImage(bytes: Uint8Array, recipe: ImageRecipe): Promise<Uint8Array> {
	const reject = (problem: ImageProblem) => new ImageRejected(problem, recipe.messages[problem]);
	const header = readImageHeader(bytes);
	if (!header) throw reject('type');
	if (header.width * header.height > recipe.maxPixels) throw reject('dimensions');
	const { decode, resize, encodeWebp } = await loadCodecs();
	let image: Pixels;
	try {
		image = await decode[header.type](copyBuffer(bytes));
	} catch {
		throw reject('unreadable');
	}
	if (image.width !== header.width || image.height !== header.height) throw reject('unreadable');
	const framed = recipe.fit === 'square' ? centreSquare(image) : image;
	const target = fitWithin(framed, recipe.size);
	const scaled =
		target.width === framed.width && target.height === framed.height
			? framed
			: await resize(framed, target);
	const upright = orient(scaled, header.orientation);
	return new Uint8Array(await encodeWebp(upright, { quality: 82 }));
}

/**
 * Makes the avatar the site stores: the centre square at AVATAR_SIZE, as WebP (see reencodeImage).
 * @throws {ImageRejected} with the message to show when the bytes are not a usable image
 */
export function makeAvatar(bytes: Uint8Array): Promise<Uint8Array> {
	return reencodeImage(bytes, AVATAR_RECIPE);
}

/** The size of an image scaled down (never up) so that neither side is longer than `size`. */
export function fitWithin(
	image: { width: number; height: number },
	size: number
): { width: number; height: number } {
	const scale = Math.min(1, size / Math.max(image.width, image.height));
	if (scale === 1) return { width: image.width, height: image.height };
	return {
		width: Math.max(1, Math.round(image.width * scale)),
		height: Math.max(1, Math.round(image.height * scale)),
	};
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
 * Applies an EXIF orientation (1–8; 1 is upright) to an image, so it shows upright without EXIF.
 * Orientations 5–8 turn it a quarter, swapping width and height. Cropping and scaling do not
 * depend on orientation (a square stays a square, a fit within a square box stays within it), so
 * this is applied last, to few pixels.
 */
export function orient(image: Pixels, orientation: number): Pixels {
	if (orientation <= 1 || orientation > 8) return image;
	const { width: w, height: h } = image;
	const turned = orientation >= 5;
	const outWidth = turned ? h : w;
	const outHeight = turned ? w : h;
	// Where the pixel shown at (x, y) is stored in the source, as [column, row].
	const source: (x: number, y: number) => [number, number] = {
		2: (x: number, y: number): [number, number] => [w - 1 - x, y],
		3: (x: number, y: number): [number, number] => [w - 1 - x, h - 1 - y],
		4: (x: number, y: number): [number, number] => [x, h - 1 - y],
		5: (x: number, y: number): [number, number] => [y, x],
		6: (x: number, y: number): [number, number] => [y, h - 1 - x],
		7: (x: number, y: number): [number, number] => [w - 1 - y, h - 1 - x],
		8: (x: number, y: number): [number, number] => [w - 1 - y, x],
	}[orientation] as (x: number, y: number) => [number, number];
	const out = new Uint8ClampedArray(image.data.length);
	for (let y = 0; y < outHeight; y++) {
		for (let x = 0; x < outWidth; x++) {
			const [column, row] = source(x, y);
			const from = (row * w + column) * 4;
			out.set(image.data.subarray(from, from + 4), (y * outWidth + x) * 4);
		}
	}
	return new ImageData(out, outWidth, outHeight);
}
