import { describe, expect, test } from 'vitest';
import { HTML_AS_PNG, SVG_AS_PNG, makePng } from '../../../tests/fixtures/images.ts';
import { readImageHeader } from './image-header.ts';

const bytes = (...parts: (number[] | string)[]) =>
	new Uint8Array(
		parts.flatMap((part) =>
			typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part
		)
	);

/** A JPEG's first segments: SOI, an optional EXIF APP1 with an orientation, and a baseline SOF0. */
function jpegHead(width: number, height: number, orientation?: number): Uint8Array {
	const exif =
		orientation === undefined
			? []
			: [
					0xff,
					0xe1,
					0x00,
					0x22,
					...'Exif\0\0'.split('').map((c) => c.charCodeAt(0)),
					// TIFF header, big-endian, IFD at 8; one entry: 0x0112 SHORT 1 = orientation.
					0x4d,
					0x4d,
					0x00,
					0x2a,
					0x00,
					0x00,
					0x00,
					0x08,
					0x00,
					0x01,
					0x01,
					0x12,
					0x00,
					0x03,
					0x00,
					0x00,
					0x00,
					0x01,
					0x00,
					orientation,
					0x00,
					0x00,
					0x00,
					0x00,
					0x00,
					0x00,
				];
	return bytes(
		[0xff, 0xd8],
		exif,
		[0xff, 0xdb, 0x00, 0x04, 0x00, 0x00], // a quantisation table stand-in
		[0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03],
		new Array(9).fill(0)
	);
}

describe('readImageHeader', () => {
	test('reads a PNG’s size', () => {
		expect(readImageHeader(new Uint8Array(makePng(600, 400)))).toEqual({
			type: 'image/png',
			width: 600,
			height: 400,
			orientation: 1,
		});
	});

	test('reads a JPEG’s size and EXIF orientation', () => {
		expect(readImageHeader(jpegHead(4032, 3024))).toMatchObject({
			type: 'image/jpeg',
			width: 4032,
			height: 3024,
			orientation: 1,
		});
		expect(readImageHeader(jpegHead(4032, 3024, 6))?.orientation).toBe(6);
	});

	test('reads the three kinds of WebP', () => {
		const riff = (chunk: string, body: number[]) =>
			bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body, new Array(16).fill(0));
		// Lossy: frame tag, start code, 14-bit sizes.
		expect(
			readImageHeader(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0x03, 0x58, 0x02]))
		).toMatchObject({
			type: 'image/webp',
			width: 800,
			height: 600,
		});
		// Lossless: signature, then width-1 and height-1 in 14 bits each.
		const bits = (800 - 1) | ((600 - 1) << 14);
		expect(
			readImageHeader(
				riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24])
			)
		).toMatchObject({ width: 800, height: 600 });
		// Extended: 24-bit canvas width-1 and height-1.
		expect(
			readImageHeader(riff('VP8X', [0, 0, 0, 0, 0x1f, 0x03, 0x00, 0x57, 0x02, 0x00]))
		).toMatchObject({ width: 800, height: 600 });
	});

	test('refuses a web page, an SVG or a script renamed as an image', () => {
		expect(readImageHeader(new Uint8Array(HTML_AS_PNG))).toBeNull();
		expect(readImageHeader(new Uint8Array(SVG_AS_PNG))).toBeNull();
		expect(readImageHeader(bytes('#!/bin/sh\nrm -rf /\n'))).toBeNull();
		expect(readImageHeader(bytes('%PDF-1.7\n'))).toBeNull();
	});

	test('refuses a broken header', () => {
		expect(readImageHeader(new Uint8Array(makePng(10, 10)).slice(0, 20))).toBeNull();
		expect(readImageHeader(bytes([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeNull();
		expect(readImageHeader(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBeNull();
		expect(readImageHeader(new Uint8Array(0))).toBeNull();
	});
});
