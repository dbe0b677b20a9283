import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { clientFor, startTestBackend, type TestBackend } from './support/backend.ts';
import { errorFields } from './support/storage.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const GLOBAL_LIMIT = 3 * 1024 * 1024;

let backend: TestBackend;
let dataDir: string;
let service: ReturnType<typeof clientFor>;

const apiError = (statusCode: string, code: string, message: string, status = 400) => ({
	name: 'StorageApiError',
	message,
	status,
	statusCode,
	code,
});

/** Every file under the data directory's storage folder, relative to it. */
async function storedFiles(): Promise<string[]> {
	const root = path.join(dataDir, 'storage');
	const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
		.sort();
}

/** A raw HTTP request, so paths reach the server exactly as written (fetch would normalize `..`). */
function rawRequest(
	method: string,
	rawPath: string,
	headers: Record<string, string>,
	body?: string
): Promise<{ status: number; json: unknown }> {
	const url = new URL(backend.url);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{ host: url.hostname, port: url.port, method, path: rawPath, headers },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'storage-objects-'));
	backend = await startTestBackend({ storage: { dataDir, fileSizeLimit: GLOBAL_LIMIT } });
	service = clientFor(backend, 'service');
	await service.storage.createBucket('files');
	await service.storage.createBucket('public-files', { public: true });
	await service.storage.createBucket('small', { public: false, fileSizeLimit: '1kb' });
	await service.storage.createBucket('images', { public: false, allowedMimeTypes: ['image/*'] });
	await service.storage.createBucket('png-only', {
		public: false,
		allowedMimeTypes: ['image/png'],
	});
});
afterAll(async () => {
	await backend?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('upload', () => {
	test('a Blob goes as multipart: its type is stored, cacheControl becomes max-age', async () => {
		const result = await service.storage
			.from('files')
			.upload('docs/report.pdf', new Blob(['%PDF-1.4 test'], { type: 'application/pdf' }));
		expect(result).toEqual({
			data: { path: 'docs/report.pdf', id: expect.any(String), fullPath: 'files/docs/report.pdf' },
			error: null,
		});
		const info = await service.storage.from('files').info('docs/report.pdf');
		expect(info.data).toEqual({
			id: result.data?.id,
			name: 'docs/report.pdf',
			version: expect.any(String),
			bucketId: 'files',
			size: 13,
			contentType: 'application/pdf',
			cacheControl: 'max-age=3600',
			etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
			metadata: {},
			lastModified: expect.any(String),
			createdAt: expect.any(String),
		});
	});

	test('a Buffer goes raw with contentType and cacheControl headers', async () => {
		const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
		const { error } = await service.storage
			.from('files')
			.upload('raw.png', bytes, { contentType: 'image/png', cacheControl: '60' });
		expect(error).toBeNull();
		const { data } = await service.storage.from('files').download('raw.png');
		expect(data?.type).toBe('image/png');
		expect(Buffer.from(await (data as Blob).arrayBuffer())).toEqual(bytes);
		const info = await service.storage.from('files').info('raw.png');
		expect(info.data).toMatchObject({
			size: 8,
			contentType: 'image/png',
			cacheControl: 'max-age=60',
		});
	});

	test('a string, an ArrayBuffer, a Uint8Array, FormData and a stream all upload', async () => {
		const files = service.storage.from('files');
		expect((await files.upload('kinds/string.txt', 'plain text')).error).toBeNull();
		expect(
			(await files.upload('kinds/array-buffer.bin', new Uint8Array([1, 2, 3]).buffer)).error
		).toBeNull();
		expect((await files.upload('kinds/uint8.bin', new Uint8Array([4, 5, 6]))).error).toBeNull();
		const form = new FormData();
		form.append('', new Blob(['from a form'], { type: 'text/csv' }), 'data.csv');
		expect((await files.upload('kinds/form.csv', form)).error).toBeNull();
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('streamed '));
				controller.enqueue(new TextEncoder().encode('body'));
				controller.close();
			},
		});
		expect((await files.upload('kinds/stream.txt', stream)).error).toBeNull();

		expect(await (await files.download('kinds/string.txt')).data?.text()).toBe('plain text');
		expect((await files.info('kinds/string.txt')).data?.contentType).toBe(
			'text/plain;charset=UTF-8'
		);
		expect(await (await files.download('kinds/form.csv')).data?.text()).toBe('from a form');
		expect((await files.info('kinds/form.csv')).data?.contentType).toBe('text/csv');
		expect(await (await files.download('kinds/stream.txt')).data?.text()).toBe('streamed body');
		expect([
			...new Uint8Array(
				await ((await files.download('kinds/uint8.bin')).data as Blob).arrayBuffer()
			),
		]).toEqual([4, 5, 6]);
	});

	test('user metadata is stored and returned by info()', async () => {
		const files = service.storage.from('files');
		await files.upload('meta/raw.txt', 'x', { metadata: { custom: 'metadata', n: 1 } });
		await files.upload('meta/blob.txt', new Blob(['y']), { metadata: { source: 'blob' } });
		expect((await files.info('meta/raw.txt')).data?.metadata).toEqual({ custom: 'metadata', n: 1 });
		expect((await files.info('meta/blob.txt')).data?.metadata).toEqual({ source: 'blob' });
	});

	test('uploading an existing name without upsert is a 409; with upsert it replaces', async () => {
		const files = service.storage.from('files');
		await files.upload('dup.txt', 'first');
		const again = await files.upload('dup.txt', 'second');
		expect(again.data).toBeNull();
		expect(errorFields(again.error)).toEqual(
			apiError('409', 'KeyAlreadyExists', 'The resource already exists')
		);
		expect(await (await files.download('dup.txt')).data?.text()).toBe('first');
		expect((await files.upload('dup.txt', 'third', { upsert: true })).error).toBeNull();
		expect(await (await files.download('dup.txt')).data?.text()).toBe('third');
	});

	test('update() replaces an object, and creates it when missing', async () => {
		const files = service.storage.from('files');
		await files.upload('update-me.txt', 'old');
		const updated = await files.update('update-me.txt', 'new content');
		expect(updated).toEqual({
			data: { path: 'update-me.txt', id: expect.any(String), fullPath: 'files/update-me.txt' },
			error: null,
		});
		expect(await (await files.download('update-me.txt')).data?.text()).toBe('new content');
		expect((await files.update('created-by-update.txt', 'made')).error).toBeNull();
	});

	test('a replaced object keeps one file on disk, under <bucket>/<name>/<version>', async () => {
		const files = service.storage.from('files');
		await files.upload('versions/one.txt', 'v1');
		await files.upload('versions/one.txt', 'v2', { upsert: true });
		const { data } = await files.info('versions/one.txt');
		const stored = (await storedFiles()).filter((file) =>
			file.startsWith(path.join('files', 'versions'))
		);
		expect(stored).toEqual([path.join('files', 'versions', 'one.txt', data?.version ?? '')]);
	});

	test('uploading to a missing bucket is "Bucket not found"', async () => {
		const { error } = await service.storage.from('nope').upload('a.txt', 'x');
		expect(errorFields(error)).toEqual(apiError('404', 'NoSuchBucket', 'Bucket not found'));
	});

	test('an empty raw body is "No content provided"', async () => {
		const { error } = await service.storage.from('files').upload('empty.txt', '');
		expect(errorFields(error)).toEqual(apiError('400', 'InvalidRequest', 'No content provided'));
	});

	test('folder placeholders must be empty', async () => {
		const files = service.storage.from('files');
		expect((await files.upload('folder/.emptyFolderPlaceholder', new Blob([]))).error).toBeNull();
		const { error } = await files.upload('other/.emptyFolderPlaceholder', new Blob(['not empty']));
		expect(errorFields(error)).toEqual(
			apiError('413', 'EntityTooLarge', 'The object exceeded the maximum allowed size')
		);
	});
});

describe('limits', () => {
	const tooLarge = apiError(
		'413',
		'EntityTooLarge',
		'The object exceeded the maximum allowed size'
	);

	test('within the bucket size limit uploads', async () => {
		expect(
			(await service.storage.from('small').upload('ok.bin', Buffer.alloc(1000))).error
		).toBeNull();
	});

	test('over the bucket limit: raw, multipart and streamed bodies are refused and nothing is stored', async () => {
		const small = service.storage.from('small');
		expect(errorFields((await small.upload('raw.bin', Buffer.alloc(1001))).error)).toEqual(
			tooLarge
		);
		expect(
			errorFields((await small.upload('form.bin', new Blob([Buffer.alloc(5000)]))).error)
		).toEqual(tooLarge);
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(512));
				controller.close();
			},
		});
		expect(errorFields((await small.upload('stream.bin', stream)).error)).toEqual(tooLarge);
		const names = (await small.list()).data?.map((entry) => entry.name);
		expect(names).toEqual(['ok.bin']);
		expect((await storedFiles()).filter((file) => file.startsWith('small'))).toHaveLength(1);
	});

	test('the global limit applies to buckets without their own', async () => {
		const { error } = await service.storage
			.from('files')
			.upload('big.bin', Buffer.alloc(GLOBAL_LIMIT + 1));
		expect(errorFields(error)).toEqual(tooLarge);
	});

	test('allowed MIME types: wildcards match, others are 415', async () => {
		const images = service.storage.from('images');
		expect(
			(await images.upload('a.png', Buffer.from('png'), { contentType: 'image/png' })).error
		).toBeNull();
		expect(
			(await images.upload('b.webp', new Blob(['webp'], { type: 'image/webp' }))).error
		).toBeNull();
		const refused = await images.upload('c.txt', 'text');
		expect(errorFields(refused.error)).toEqual(
			apiError('415', 'InvalidMimeType', 'mime type text/plain;charset=UTF-8 is not supported')
		);
		const jpeg = await service.storage
			.from('png-only')
			.upload('d.jpg', Buffer.from('x'), { contentType: 'image/jpeg' });
		expect(errorFields(jpeg.error)).toEqual(
			apiError('415', 'InvalidMimeType', 'mime type image/jpeg is not supported')
		);
	});

	test('a malformed Content-Type header is refused before anything is read', async () => {
		const { error } = await service.storage
			.from('files')
			.upload('odd.bin', Buffer.from('x'), { contentType: 'thisisnotarealmimetype' });
		expect(errorFields(error)).toEqual(
			apiError('415', 'InvalidMimeType', 'Invalid Content-Type header')
		);
	});
});

describe('object names', () => {
	const auth = () => ({
		authorization: `Bearer ${backend.serviceRoleKey}`,
		'content-type': 'text/plain',
	});

	test.each([
		[
			'/object/files/..%2f..%2fescape.txt',
			'Invalid key: ../../escape.txt contains dot path segment',
		],
		['/object/files//etc/passwd', 'Invalid key: /etc/passwd must be a relative path'],
		[
			'/object/files/a%2f..%2f..%2fescape.txt',
			'Invalid key: a/../../escape.txt contains dot path segment',
		],
		['/object/files/a%2f.%2fb.txt', 'Invalid key: a/./b.txt contains dot path segment'],
		['/object/files/nul%00byte.txt', 'Invalid key: nul\0byte.txt'],
		['/object/files/back%5Cslash.txt', 'Invalid key: back\\slash.txt'],
		['/object/files/caf%C3%A9.txt', 'Invalid key: café.txt'],
	])('upload to %s is InvalidKey', async (rawPath, message) => {
		const response = await rawRequest('POST', `/storage/v1${rawPath}`, auth(), 'payload');
		expect(response).toEqual({
			status: 400,
			json: { statusCode: '400', code: 'InvalidKey', error: 'InvalidKey', message },
		});
	});

	test('traversal attempts write nothing outside the bucket', async () => {
		const files = await storedFiles();
		expect(files.some((file) => file.includes('escape') || file.includes('passwd'))).toBe(false);
		const top = await readdir(dataDir);
		expect(top.sort()).toEqual(
			['.storage-tmp', 'storage'].filter((name) => top.includes(name)).sort()
		);
	});

	test('downloads and info refuse traversal the same way', async () => {
		const response = await rawRequest(
			'GET',
			'/storage/v1/object/files/..%2f..%2fetc%2fpasswd',
			auth()
		);
		expect(response.json).toMatchObject({ code: 'InvalidKey' });
		const info = await rawRequest('GET', '/storage/v1/object/info/files/%2e%2e%2fx', auth());
		expect(info.json).toMatchObject({ code: 'InvalidKey' });
	});

	test('literal dot segments are resolved by the URL parser before routing, so they address nothing outside', async () => {
		const up = await rawRequest('POST', '/storage/v1/object/files/../escape.txt', auth(), 'x');
		expect(up).toEqual({
			status: 404,
			json: {
				statusCode: '404',
				error: 'Not Found',
				message: 'Route POST:/object/escape.txt not found',
				code: 'InvalidRequest',
			},
		});
		const dotted = await rawRequest(
			'POST',
			'/storage/v1/object/files/dots/%2e/%2e%2e/inside.txt',
			auth(),
			'x'
		);
		expect(dotted.json).toMatchObject({ Key: 'files/inside.txt' });
		const files = await storedFiles();
		expect(files.some((file) => file.includes('escape'))).toBe(false);
	});

	test('names with spaces and allowed punctuation round-trip', async () => {
		const files = service.storage.from('files');
		const name = "my folder/it's (1) & more=ok;+,@$!*.txt";
		expect((await files.upload(name, 'punctuated')).error).toBeNull();
		expect(await (await files.download(name)).data?.text()).toBe('punctuated');
	});
});

describe('download, info and exists', () => {
	test('download of a missing object is "Object not found"', async () => {
		const { data, error } = await service.storage.from('files').download('missing.txt');
		expect(data).toBeNull();
		expect(errorFields(error)).toEqual(apiError('404', 'NoSuchKey', 'Object not found'));
	});

	test('exists() is true for an object, false for a missing one', async () => {
		const files = service.storage.from('files');
		await files.upload('exists.txt', 'here');
		expect(await files.exists('exists.txt')).toEqual({ data: true, error: null });
		const missing = await files.exists('not-here.txt');
		expect(missing.data).toBe(false);
		expect(errorFields(missing.error)).toEqual(apiError('404', 'NoSuchKey', 'Object not found'));
	});

	test('info of a missing object is "Object not found"', async () => {
		const { error } = await service.storage.from('files').info('missing.txt');
		expect(errorFields(error)).toEqual(apiError('404', 'NoSuchKey', 'Object not found'));
	});

	test('download headers: content type, length, etag, cache control, robots, ranges', async () => {
		await service.storage
			.from('files')
			.upload('headers.txt', 'hello world', { contentType: 'text/plain', cacheControl: '120' });
		const url = `${backend.url}/storage/v1/object/files/headers.txt`;
		const auth = { authorization: `Bearer ${backend.serviceRoleKey}` };
		const full = await fetch(url, { headers: auth });
		expect(full.status).toBe(200);
		expect(Object.fromEntries(full.headers)).toMatchObject({
			'accept-ranges': 'bytes',
			'cache-control': 'max-age=120',
			'content-length': '11',
			'content-type': 'text/plain',
			'x-robots-tag': 'none',
			etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
			'last-modified': expect.any(String),
		});
		expect(await full.text()).toBe('hello world');

		const ranged = await fetch(url, { headers: { ...auth, range: 'bytes=6-' } });
		expect(ranged.status).toBe(206);
		expect(ranged.headers.get('content-range')).toBe('bytes 6-10/11');
		expect(await ranged.text()).toBe('world');

		const badRange = await fetch(url, { headers: { ...auth, range: 'bytes=50-60' } });
		expect(badRange.status).toBe(416);
		expect(await badRange.json()).toEqual({
			statusCode: '416',
			code: 'InvalidRange',
			error: 'invalid_range',
			message: 'invalid range provided',
		});

		const etag = full.headers.get('etag') ?? '';
		const cached = await fetch(url, { headers: { ...auth, 'if-none-match': etag } });
		expect(cached.status).toBe(304);

		const attachment = await fetch(`${url}?download=report%20final.txt`, { headers: auth });
		expect(attachment.headers.get('content-disposition')).toBe(
			"attachment; filename=report%20final.txt; filename*=UTF-8''report%20final.txt"
		);
		const plain = await fetch(`${url}?download`, { headers: auth });
		expect(plain.headers.get('content-disposition')).toBe('attachment;');
	});

	test('HEAD answers with the headers and no body', async () => {
		await service.storage
			.from('files')
			.upload('head.txt', 'head body', { contentType: 'text/plain' });
		const response = await fetch(`${backend.url}/storage/v1/object/files/head.txt`, {
			method: 'HEAD',
			headers: { authorization: `Bearer ${backend.serviceRoleKey}` },
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-length')).toBe('9');
		expect(response.headers.get('content-type')).toBe('text/plain');
		expect(await response.text()).toBe('');
	});

	test('stored HTML is served as text/plain', async () => {
		await service.storage
			.from('files')
			.upload('page.html', '<script>alert(1)</script>', { contentType: 'text/html' });
		const { data } = await service.storage.from('files').download('page.html');
		expect(data?.type).toBe('text/plain');
	});
});

describe('public and authenticated routes', () => {
	test('public objects are served without any apikey or Authorization; private ones are not', async () => {
		await service.storage
			.from('public-files')
			.upload('logo.svg', '<svg/>', { contentType: 'image/svg+xml' });
		await service.storage.from('files').upload('secret.txt', 'secret');
		const publicUrl = service.storage.from('public-files').getPublicUrl('logo.svg').data.publicUrl;
		expect(publicUrl).toBe(`${backend.url}/storage/v1/object/public/public-files/logo.svg`);
		const ok = await fetch(publicUrl);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toBe('<svg/>');

		const privateUrl = service.storage.from('files').getPublicUrl('secret.txt').data.publicUrl;
		const refused = await fetch(privateUrl);
		expect(refused.status).toBe(400);
		expect(await refused.json()).toEqual({
			statusCode: '404',
			code: 'NoSuchBucket',
			error: 'Bucket not found',
			message: 'Bucket not found',
		});
		const missing = await fetch(`${backend.url}/storage/v1/object/public/public-files/none.svg`);
		expect(await missing.json()).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
	});

	test('without a JWT, /object/{bucket} serves public buckets only, /object/authenticated refuses', async () => {
		const publicObject = await fetch(`${backend.url}/storage/v1/object/public-files/logo.svg`);
		expect(publicObject.status).toBe(200);
		const privateObject = await fetch(`${backend.url}/storage/v1/object/files/secret.txt`);
		expect(await privateObject.json()).toMatchObject({
			statusCode: '404',
			message: 'Bucket not found',
		});
		const authenticated = await fetch(
			`${backend.url}/storage/v1/object/authenticated/files/secret.txt`
		);
		expect(authenticated.status).toBe(400);
		expect(await authenticated.json()).toMatchObject({
			statusCode: '403',
			code: 'AccessDenied',
			error: 'Unauthorized',
		});
		const info = await fetch(`${backend.url}/storage/v1/object/info/public/public-files/logo.svg`);
		expect(await info.json()).toMatchObject({
			name: 'logo.svg',
			bucket_id: 'public-files',
			content_type: 'image/svg+xml',
		});
	});

	test('an unknown route is a 404 naming it', async () => {
		const response = await fetch(`${backend.url}/storage/v1/nothing/here`);
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({
			statusCode: '404',
			error: 'Not Found',
			message: 'Route GET:/nothing/here not found',
			code: 'InvalidRequest',
		});
	});
});

describe('list', () => {
	beforeAll(async () => {
		const tree = service.storage.from('public-files');
		for (const name of [
			'tree/b.txt',
			'tree/A.txt',
			'tree/sub/x.txt',
			'tree/sub/y.txt',
			'tree/c/z.txt',
			'tree/Alpha/q.txt',
		]) {
			await tree.upload(name, name);
		}
	});

	test('returns one level: folders with null fields, files with their row, by name case-insensitively', async () => {
		const { data, error } = await service.storage.from('public-files').list('tree');
		expect(error).toBeNull();
		expect(data?.map((entry) => entry.name)).toEqual(['A.txt', 'Alpha', 'b.txt', 'c', 'sub']);
		expect(data?.[1]).toEqual({
			name: 'Alpha',
			id: null,
			updated_at: null,
			created_at: null,
			last_accessed_at: null,
			metadata: null,
		});
		expect(data?.[0]).toEqual({
			name: 'A.txt',
			id: expect.any(String),
			updated_at: expect.any(String),
			created_at: expect.any(String),
			last_accessed_at: expect.any(String),
			metadata: {
				eTag: expect.any(String),
				size: 10,
				mimetype: 'text/plain;charset=UTF-8',
				cacheControl: 'max-age=3600',
				lastModified: expect.any(String),
				contentLength: 10,
				httpStatusCode: 200,
			},
		});
		expect(Object.keys(data?.[0] ?? {})).toEqual([
			'name',
			'id',
			'updated_at',
			'created_at',
			'last_accessed_at',
			'metadata',
		]);
	});

	test('search, descending order, limit and offset', async () => {
		const tree = service.storage.from('public-files');
		expect((await tree.list('tree/', { search: 'a' })).data?.map((e) => e.name)).toEqual([
			'A.txt',
			'Alpha',
		]);
		expect(
			(await tree.list('tree', { sortBy: { column: 'name', order: 'desc' } })).data?.map(
				(e) => e.name
			)
		).toEqual(['sub', 'c', 'b.txt', 'Alpha', 'A.txt']);
		expect((await tree.list('tree', { limit: 2, offset: 1 })).data?.map((e) => e.name)).toEqual([
			'Alpha',
			'b.txt',
		]);
		expect((await tree.list('tree/sub')).data?.map((e) => e.name)).toEqual(['x.txt', 'y.txt']);
		expect((await tree.list('')).data?.map((e) => e.name)).toEqual(['logo.svg', 'tree']);
	});

	test('sorting by a date puts folders first, then files by that column', async () => {
		const { data } = await service.storage
			.from('public-files')
			.list('tree', { sortBy: { column: 'created_at', order: 'desc' } });
		expect(data?.map((e) => e.name)).toEqual(['sub', 'c', 'Alpha', 'A.txt', 'b.txt']);
	});

	test('list needs a prefix in the body', async () => {
		const response = await fetch(`${backend.url}/storage/v1/object/list/files`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${backend.serviceRoleKey}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({ limit: 10 }),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({
			statusCode: '400',
			code: 'InvalidRequest',
			message: "body must have required property 'prefix'",
		});
	});
});

describe('remove', () => {
	test('returns the removed rows in Storage object shape, skips missing names, removes the files', async () => {
		const files = service.storage.from('files');
		await files.upload('trash/one.txt', '1');
		await files.upload('trash/two.txt', '2');
		const { data, error } = await files.remove([
			'trash/one.txt',
			'trash/two.txt',
			'trash/none.txt',
		]);
		expect(error).toBeNull();
		expect(data?.map((row) => row.name).sort()).toEqual(['trash/one.txt', 'trash/two.txt']);
		expect(Object.keys(data?.[0] ?? {})).toEqual([
			'name',
			'bucket_id',
			'owner',
			'owner_id',
			'version',
			'id',
			'updated_at',
			'created_at',
			'last_accessed_at',
			'metadata',
			'user_metadata',
		]);
		expect(data?.[0]).toMatchObject({ bucket_id: 'files', owner: '', owner_id: '' });
		expect((await storedFiles()).filter((file) => file.includes('trash'))).toEqual([]);
		expect(await files.remove(['trash/one.txt'])).toEqual({ data: [], error: null });
		const gone = await files.download('trash/one.txt');
		expect(gone.error?.message).toBe('Object not found');
	});
});
