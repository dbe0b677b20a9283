import { describe, expect, test } from 'vitest';
import { bucketSeeds, sniffContentType } from './seed-objects.ts';

describe('bucketSeeds', () => {
	test('reads objects_path of every [storage.buckets.<name>] table, resolved against the supabase directory', () => {
		const config = `
[storage]
enabled = true

[storage.buckets.avatars]
public = true
allowed_mime_types = ["image/png"]
objects_path = "./buckets/avatars" # demo portraits

[storage.buckets."org-logos"]
objects_path = "buckets/org logos"

[storage.buckets.empty]
public = false

[auth]
objects_path = "./not-a-bucket"
`;
		expect(bucketSeeds(config, '/repo/supabase')).toEqual([
			{ bucket: 'avatars', objectsPath: '/repo/supabase/buckets/avatars' },
			{ bucket: 'org-logos', objectsPath: '/repo/supabase/buckets/org logos' },
		]);
	});

	test('finds nothing in a config without bucket tables', () => {
		expect(bucketSeeds('[storage]\nenabled = true\n', '/repo/supabase')).toEqual([]);
	});
});

describe('sniffContentType', () => {
	test('knows images and PDFs by their first bytes, whatever the name says', () => {
		const webp = new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);
		expect(sniffContentType(webp, 'a.png')).toBe('image/webp');
		expect(sniffContentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10]), 'x')).toBe(
			'image/png'
		);
		expect(sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'x')).toBe('image/jpeg');
		expect(sniffContentType(Buffer.from('%PDF-1.7'), 'x.pdf')).toBe('application/pdf');
		expect(sniffContentType(Buffer.from('hello'), 'x.bin')).toBe('application/octet-stream');
	});
});
