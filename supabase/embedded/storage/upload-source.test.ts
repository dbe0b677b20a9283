import { describe, expect, test } from 'vitest';
import { StorageError } from './errors.ts';
import { readUploadSource } from './upload-source.ts';

const limits = { objectName: 'a/b.bin', fileSizeLimit: 16, allowedMimeTypes: [] as string[] };

async function drain(body: AsyncIterable<Uint8Array>): Promise<string> {
	const parts: Buffer[] = [];
	for await (const chunk of body) parts.push(Buffer.from(chunk));
	return Buffer.concat(parts).toString('utf8');
}

async function failure(promise: Promise<unknown>): Promise<Record<string, unknown> | undefined> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof StorageError) return error.toJSON();
		throw error;
	}
	return undefined;
}

/** A request as the HTTP layer builds it: with the Content-Length the client sent. */
function rawRequest(body: string, headers: Record<string, string> = {}): Request {
	return new Request('http://storage.test/object/b/a', {
		method: 'POST',
		body,
		headers: { 'content-length': String(Buffer.byteLength(body)), ...headers },
	});
}

function formRequest(form: FormData): Request {
	return new Request('http://storage.test/object/b/a', { method: 'POST', body: form });
}

describe('raw uploads', () => {
	test('take type, cache control and base64 metadata from the headers', async () => {
		const source = await readUploadSource(
			rawRequest('hello', {
				'content-type': 'text/plain',
				'cache-control': 'max-age=60',
				'x-metadata': Buffer.from(JSON.stringify({ a: 1 })).toString('base64'),
			}),
			limits
		);
		expect(source).toMatchObject({
			mimeType: 'text/plain',
			cacheControl: 'max-age=60',
			userMetadata: { a: 1 },
			declaredContentLength: 5,
		});
		expect(await drain(source.body)).toBe('hello');
	});

	test('default to no-cache, and ignore metadata that is not base64 JSON', async () => {
		const source = await readUploadSource(
			rawRequest('x', { 'content-type': 'image/png', 'x-metadata': '%%%' }),
			limits
		);
		expect(source).toMatchObject({ cacheControl: 'no-cache', userMetadata: undefined });
	});

	test('a declared length over the limit is refused before reading', async () => {
		expect(await failure(readUploadSource(rawRequest('x'.repeat(17)), limits))).toMatchObject({
			statusCode: '413',
			code: 'EntityTooLarge',
		});
	});

	test('an empty body is "No content provided"', async () => {
		expect(await failure(readUploadSource(rawRequest(''), limits))).toMatchObject({
			statusCode: '400',
			message: 'No content provided',
		});
	});

	test('a streamed body over the limit fails while streaming', async () => {
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(8));
				controller.close();
			},
		});
		const request = new Request('http://storage.test/x', {
			method: 'POST',
			body: stream,
			duplex: 'half',
			headers: { 'content-type': 'application/octet-stream' },
		} as RequestInit);
		const source = await readUploadSource(request, limits);
		expect(await failure(drain(source.body))).toMatchObject({ statusCode: '413' });
	});

	test('the MIME type must be allowed', async () => {
		expect(
			await failure(
				readUploadSource(rawRequest('x', { 'content-type': 'text/plain' }), {
					...limits,
					allowedMimeTypes: ['image/*'],
				})
			)
		).toMatchObject({ statusCode: '415', message: 'mime type text/plain is not supported' });
	});
});

describe('multipart uploads', () => {
	test('take the file, its type, cacheControl and metadata fields', async () => {
		const form = new FormData();
		form.append('cacheControl', '120');
		form.append('metadata', JSON.stringify({ owner: 'me' }));
		form.append('', new Blob(['form body'], { type: 'image/png' }));
		const source = await readUploadSource(formRequest(form), limits);
		expect(source).toMatchObject({
			mimeType: 'image/png',
			cacheControl: 'max-age=120',
			userMetadata: { owner: 'me' },
		});
		expect(await drain(source.body)).toBe('form body');
	});

	test('a contentType field overrides the part type; no cacheControl means no-cache', async () => {
		const form = new FormData();
		form.append('contentType', 'text/csv');
		form.append('file', new Blob(['a,b']));
		const source = await readUploadSource(formRequest(form), limits);
		expect(source).toMatchObject({ mimeType: 'text/csv', cacheControl: 'no-cache' });
	});

	test('a form without a file is "No content provided"', async () => {
		const form = new FormData();
		form.append('cacheControl', '1');
		expect(await failure(readUploadSource(formRequest(form), limits))).toMatchObject({
			message: 'No content provided',
		});
	});

	test('a file over the limit fails while streaming; folder placeholders must be empty', async () => {
		const form = new FormData();
		form.append('', new Blob(['x'.repeat(17)]));
		const source = await readUploadSource(formRequest(form), limits);
		expect(await failure(drain(source.body))).toMatchObject({ statusCode: '413' });
		const placeholder = new FormData();
		placeholder.append('', new Blob(['x']));
		const folder = await readUploadSource(formRequest(placeholder), {
			...limits,
			objectName: 'f/.emptyFolderPlaceholder',
		});
		expect(await failure(drain(folder.body))).toMatchObject({ statusCode: '413' });
	});

	test('metadata over 1 MB is refused', async () => {
		const form = new FormData();
		form.append('metadata', JSON.stringify({ big: 'x'.repeat(1024 * 1024) }));
		form.append('', new Blob(['x']));
		expect(await failure(readUploadSource(formRequest(form), limits))).toMatchObject({
			statusCode: '413',
			message: 'The user_metadata exceeded the maximum allowed size',
		});
	});
});

test('a malformed Content-Type is refused', async () => {
	expect(
		await failure(readUploadSource(rawRequest('x', { 'content-type': 'nonsense' }), limits))
	).toEqual({
		statusCode: '415',
		code: 'InvalidMimeType',
		error: 'invalid_mime_type',
		message: 'Invalid Content-Type header',
	});
});
