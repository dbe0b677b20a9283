import { describe, expect, test } from 'vitest';
import { HTML_AS_PNG, makePng } from '../../../../tests/fixtures/images.ts';
import { readImageHeader } from '../image-header.ts';
import { AVATAR_SIZE } from '../schemas/avatar.schema.ts';
import {
	ImageRejected,
	centreSquare,
	fitWithin,
	makeAvatar,
	orient,
	reencodeImage,
	type ImageRecipe,
} from './image.server.ts';

const rejection = async (bytes: Uint8Array) => {
	try {
		await makeAvatar(bytes);
	} catch (error) {
		return error instanceof ImageRejected ? error.key : error;
	}
	return 'accepted';
};

describe('makeAvatar', () => {
	test('turns a photo into a square WebP at display size', async () => {
		const avatar = await makeAvatar(new Uint8Array(makePng(600, 400)));
		expect(readImageHeader(avatar)).toMatchObject({
			type: 'image/webp',
			width: AVATAR_SIZE,
			height: AVATAR_SIZE,
		});
	});

	test('does not enlarge a small image', async () => {
		const avatar = await makeAvatar(new Uint8Array(makePng(90, 120)));
		expect(readImageHeader(avatar)).toMatchObject({ width: 90, height: 90 });
	});

	test('refuses what is not an image, whatever its name', async () => {
		expect(await rejection(new Uint8Array(HTML_AS_PNG))).toBe('profiles.error.avatarType');
	});

	test('refuses an image that claims too many pixels, before decoding it', async () => {
		const png = new Uint8Array(makePng(8, 8));
		// Rewrite the header to claim 20000 × 20000 pixels.
		const view = new DataView(png.buffer, png.byteOffset);
		view.setUint32(16, 20_000);
		view.setUint32(20, 20_000);
		expect(await rejection(png)).toBe('profiles.error.avatarDimensions');
	});

	test('refuses an image whose header is right but whose data is not', async () => {
		const png = new Uint8Array(makePng(64, 64));
		png.fill(7, 40);
		expect(await rejection(png)).toBe('profiles.error.avatarUnreadable');
		// …and the decoder still works afterwards.
		expect(readImageHeader(await makeAvatar(new Uint8Array(makePng(32, 32))))?.width).toBe(32);
	});
});

/** A tiny image whose pixels are numbered 0, 1, 2 … (in the red channel). */
function numbered(width: number, height: number) {
	const data = new Uint8ClampedArray(width * height * 4);
	for (let i = 0; i < width * height; i++) data[i * 4] = i;
	return { data, width, height };
}
const reds = (image: { data: Uint8ClampedArray }) =>
	Array.from(image.data.filter((_, i) => i % 4 === 0));

describe('reencodeImage', () => {
	const recipe: ImageRecipe = {
		fit: 'contain',
		size: 100,
		maxPixels: 1_000_000,
		messages: {
			type: 'organisations.error.logoType',
			dimensions: 'organisations.error.logoDimensions',
			unreadable: 'organisations.error.logoUnreadable',
		},
	};

	test('fits the whole picture within the box, keeping its shape, as WebP', async () => {
		const wide = await reencodeImage(new Uint8Array(makePng(400, 100)), recipe);
		expect(readImageHeader(wide)).toMatchObject({ type: 'image/webp', width: 100, height: 25 });
		const tall = await reencodeImage(new Uint8Array(makePng(30, 60)), recipe);
		expect(readImageHeader(tall)).toMatchObject({ width: 30, height: 60 });
	});

	test('drops whatever follows the image data', async () => {
		const png = Buffer.concat([makePng(20, 20), Buffer.from('GPS 35.6895 139.6917 secret')]);
		const stored = Buffer.from(await reencodeImage(new Uint8Array(png), recipe));
		expect(stored.includes('secret')).toBe(false);
	});

	test('refuses with the recipe’s messages', async () => {
		const refused = async (bytes: Uint8Array) =>
			reencodeImage(bytes, recipe).then(
				() => 'accepted',
				(error: unknown) => (error instanceof ImageRejected ? [error.problem, error.key] : error)
			);
		expect(await refused(new Uint8Array(HTML_AS_PNG))).toEqual([
			'type',
			'organisations.error.logoType',
		]);
		expect(await refused(new Uint8Array(makePng(1001, 1000)))).toEqual([
			'dimensions',
			'organisations.error.logoDimensions',
		]);
	});
});

describe('fitWithin', () => {
	test('scales the longest side down to the box, never up', () => {
		expect(fitWithin({ width: 1024, height: 512 }, 256)).toEqual({ width: 256, height: 128 });
		expect(fitWithin({ width: 300, height: 900 }, 256)).toEqual({ width: 85, height: 256 });
		expect(fitWithin({ width: 40, height: 10 }, 256)).toEqual({ width: 40, height: 10 });
		expect(fitWithin({ width: 5000, height: 1 }, 256)).toEqual({ width: 256, height: 1 });
	});
});

describe('centreSquare and orient', () => {
	test('crop the middle square', () => {
		expect(reds(centreSquare(numbered(4, 2)))).toEqual([1, 2, 5, 6]);
		expect(reds(centreSquare(numbered(1, 3)))).toEqual([1]);
	});

	test('turn an image upright from its EXIF orientation', () => {
		const image = numbered(2, 2); // 0 1 / 2 3
		expect(reds(orient(image, 1))).toEqual([0, 1, 2, 3]);
		expect(reds(orient(image, 2))).toEqual([1, 0, 3, 2]);
		expect(reds(orient(image, 3))).toEqual([3, 2, 1, 0]);
		expect(reds(orient(image, 6))).toEqual([2, 0, 3, 1]);
		expect(reds(orient(image, 8))).toEqual([1, 3, 0, 2]);
	});

	test('turn a rectangle a quarter, swapping its sides', () => {
		const image = numbered(3, 2); // 0 1 2 / 3 4 5
		const turned = orient(image, 6);
		expect([turned.width, turned.height]).toEqual([2, 3]);
		expect(reds(turned)).toEqual([3, 0, 4, 1, 5, 2]);
		expect(reds(orient(image, 8))).toEqual([2, 5, 1, 4, 0, 3]);
		expect(reds(orient(image, 5))).toEqual([0, 3, 1, 4, 2, 5]);
		expect(reds(orient(image, 3))).toEqual([5, 4, 3, 2, 1, 0]);
	});
});
