import { describe, expect, test } from 'vitest';
import { chosenFiles, firstChosenFile, sniffBytes, sniffFile } from './file-type.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new TextEncoder().encode(text);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1);
const WEBP = ascii('RIFF\u0010\u0000\u0000\u0000WEBPVP8 ');
const PDF = ascii('%PDF-1.7\n%âãÏÓ');

describe('sniffBytes', () => {
	test('recognises PNG, JPEG, WebP and PDF by their first bytes', () => {
		expect(sniffBytes(PNG)).toBe('image/png');
		expect(sniffBytes(JPEG)).toBe('image/jpeg');
		expect(sniffBytes(WEBP)).toBe('image/webp');
		expect(sniffBytes(PDF)).toBe('application/pdf');
	});

	test('refuses web pages, SVG, scripts and other files, whatever they are called', () => {
		for (const text of [
			'<!doctype html><script>alert(1)</script>',
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
			'<?xml version="1.0"?><svg/>',
			'GIF89a',
			'RIFF\u0010\u0000\u0000\u0000WAVEfmt ',
			'',
		]) {
			expect(sniffBytes(ascii(text)), text).toBeNull();
		}
	});
});

describe('sniffFile', () => {
	test('reads only the content, not the name or declared type', async () => {
		const fake = new File(['<html><body>hi</body></html>'], 'logo.png', { type: 'image/png' });
		expect(await sniffFile(fake)).toBeNull();
		const real = new File([PNG], 'whatever.txt', { type: 'text/plain' });
		expect(await sniffFile(real)).toBe('image/png');
	});
});

describe('firstChosenFile and chosenFiles', () => {
	test('treat the empty file browsers send for an unused input as no file', () => {
		const empty = new File([], '', { type: 'application/octet-stream' });
		expect(firstChosenFile(empty)).toBeUndefined();
		expect(firstChosenFile(null)).toBeUndefined();
		expect(firstChosenFile('logo.png')).toBeUndefined();
		expect(chosenFiles([empty])).toEqual([]);
	});

	test('accept a file, or the files of a list', () => {
		const a = new File([PNG], 'a.png');
		const b = new File([PDF], 'b.pdf');
		expect(firstChosenFile(a)).toBe(a);
		expect(firstChosenFile([a, b])).toBe(a);
		expect(chosenFiles([a, b])).toEqual([a, b]);
		expect(chosenFiles(a)).toEqual([a]);
	});
});
