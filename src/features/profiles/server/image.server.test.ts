import { describe, expect, test } from 'vitest';
import { HTML_AS_PNG, makePng } from '../../../../tests/fixtures/images.ts';
import { readImageHeader } from '../image-header.ts';
import { AVATAR_SIZE } from '../schemas/avatar.schema.ts';
import { ImageRejected, centreSquare, makeAvatar, orient } from './image.server.ts';

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
});
