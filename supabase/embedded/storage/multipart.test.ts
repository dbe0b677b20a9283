import { describe, expect, test } from 'vitest';
import { multipartBoundary, readMultipartUpload } from './multipart.ts';

async function* chunked(text: string | Buffer, size: number): AsyncGenerator<Uint8Array> {
	const bytes = Buffer.from(text);
	for (let offset = 0; offset < bytes.length; offset += size)
		yield bytes.subarray(offset, offset + size);
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<string> {
	const parts: Buffer[] = [];
	for await (const chunk of body) parts.push(Buffer.from(chunk));
	return Buffer.concat(parts).toString('utf8');
}

const boundary = '----formdata-undici-0123456789';
const form = [
	`--${boundary}`,
	'Content-Disposition: form-data; name="cacheControl"',
	'',
	'3600',
	`--${boundary}`,
	'Content-Disposition: form-data; name="metadata"',
	'',
	'{"a":1}',
	`--${boundary}`,
	'Content-Disposition: form-data; name=""; filename="blob"',
	'Content-Type: image/png',
	'',
	`file body with\r\n--${boundary.slice(0, 10)} lookalike lines`,
	`--${boundary}--`,
	'',
].join('\r\n');

describe('multipart uploads', () => {
	test('finds the boundary', () => {
		expect(multipartBoundary(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
		expect(multipartBoundary('multipart/form-data; boundary="quoted value"')).toBe('quoted value');
		expect(multipartBoundary('multipart/form-data')).toBeUndefined();
	});

	test.each([1, 3, 7, 64, 4096])(
		'reads fields then streams the file, in chunks of %d bytes',
		async (size) => {
			const upload = await readMultipartUpload(chunked(form, size), boundary);
			expect(Object.fromEntries(upload.fields)).toEqual({
				cacheControl: '3600',
				metadata: '{"a":1}',
			});
			expect(upload.file).toMatchObject({
				fieldName: '',
				filename: 'blob',
				contentType: 'image/png',
			});
			expect(await collect(upload.file?.body ?? chunked('', 1))).toBe(
				`file body with\r\n--${boundary.slice(0, 10)} lookalike lines`
			);
		}
	);

	test('a form without a file has no file', async () => {
		const noFile = [
			`--${boundary}`,
			'Content-Disposition: form-data; name="x"',
			'',
			'y',
			`--${boundary}--`,
			'',
		].join('\r\n');
		const upload = await readMultipartUpload(chunked(noFile, 5), boundary);
		expect(upload.file).toBeUndefined();
		expect(upload.fields.get('x')).toBe('y');
	});

	test('a truncated body fails while the file is read', async () => {
		const truncated = form.slice(0, form.indexOf('lookalike'));
		const upload = await readMultipartUpload(chunked(truncated, 16), boundary);
		await expect(collect(upload.file?.body ?? chunked('', 1))).rejects.toThrow(
			'Unexpected end of form'
		);
	});

	test('binary file content survives byte for byte', async () => {
		const bytes = Buffer.from(Array.from({ length: 3000 }, (_, index) => (index * 31) % 256));
		const body = Buffer.concat([
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="b.bin"\r\n\r\n`
			),
			bytes,
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		const upload = await readMultipartUpload(chunked(body, 100), boundary);
		const parts: Buffer[] = [];
		for await (const chunk of upload.file?.body ?? chunked('', 1)) parts.push(Buffer.from(chunk));
		expect(Buffer.concat(parts)).toEqual(bytes);
		expect(upload.file?.contentType).toBe('application/octet-stream');
	});
});
