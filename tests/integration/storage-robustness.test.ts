import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { signJwt } from '../../supabase/embedded/jwt.ts';
import { clientFor, startTestBackend, type TestBackend } from './support/backend.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

let backend: TestBackend;
let dataDir: string;
let service: ReturnType<typeof clientFor>;

async function storedFiles(prefix: string): Promise<string[]> {
	const root = path.join(dataDir, 'storage');
	const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
		.filter((file) => file.startsWith(prefix))
		.sort();
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'storage-robust-'));
	backend = await startTestBackend({ storage: { dataDir } });
	service = clientFor(backend, 'service');
	await service.storage.createBucket('load');
});
afterAll(async () => {
	await backend?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('bad input', () => {
	const auth = () => ({
		authorization: `Bearer ${backend.serviceRoleKey}`,
		'content-type': 'application/json',
	});

	test('malformed JSON is a 400 and the server keeps serving', async () => {
		const response = await fetch(`${backend.url}/storage/v1/bucket`, {
			method: 'POST',
			headers: auth(),
			body: '{"name":',
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			statusCode: '400',
			code: 'InvalidRequest',
			error: 'FastifyError',
			message: "Body is not valid JSON but content-type is set to 'application/json'",
		});
		expect((await service.storage.getBucket('load')).error).toBeNull();
	});

	test('a JSON body over 1 MiB is refused with 413', async () => {
		const response = await fetch(`${backend.url}/storage/v1/object/list/load`, {
			method: 'POST',
			headers: auth(),
			body: JSON.stringify({ prefix: 'x'.repeat(2 * 1024 * 1024) }),
		});
		expect(response.status).toBe(413);
		expect(await response.json()).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
	});

	test('wrong types are schema errors', async () => {
		const response = await fetch(`${backend.url}/storage/v1/object/list/load`, {
			method: 'POST',
			headers: auth(),
			body: JSON.stringify({ prefix: '', limit: 'ten' }),
		});
		expect(await response.json()).toEqual({
			statusCode: '400',
			code: 'InvalidRequest',
			error: 'FastifyError',
			message: 'body/limit must be integer',
		});
	});

	test('a request without any credentials on an authenticated route is refused', async () => {
		const response = await fetch(`${backend.url}/storage/v1/bucket`);
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({
			statusCode: '403',
			code: 'AccessDenied',
			error: 'Unauthorized',
		});
	});

	test('expired and forged JWTs get the verification message on authenticated routes', async () => {
		const expired = backend.userToken('cccccccc-cccc-4ccc-8ccc-cccccccccccc', { exp: 1 });
		const forged = signJwt(
			{ sub: 'x', role: 'service_role', exp: 4102444800 },
			'not-the-secret-not-the-secret-12345'
		);
		for (const [token, message] of [
			[expired, '"exp" claim timestamp check failed'],
			[forged, 'signature verification failed'],
			['garbage', 'Invalid Compact JWS'],
		] as const) {
			const response = await fetch(`${backend.url}/storage/v1/bucket`, {
				headers: { authorization: `Bearer ${token}` },
			});
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({
				statusCode: '403',
				code: 'AccessDenied',
				error: 'Unauthorized',
				message,
			});
		}
	});

	test('an invalid JWT still reads public buckets where Storage allows it', async () => {
		await service.storage.createBucket('open', { public: true });
		await service.storage.from('open').upload('hello.txt', 'hi');
		const stale = backend.userToken('cccccccc-cccc-4ccc-8ccc-cccccccccccc', { exp: 1 });
		const open = await fetch(`${backend.url}/storage/v1/object/open/hello.txt`, {
			headers: { authorization: `Bearer ${stale}` },
		});
		expect(await open.text()).toBe('hi');
		const closed = await fetch(`${backend.url}/storage/v1/object/load/anything.txt`, {
			headers: { authorization: `Bearer ${stale}` },
		});
		expect(await closed.json()).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
	});

	test('image transformation, which this server does not have, answers with an error naming it', async () => {
		const render = await fetch(`${backend.url}/storage/v1/render/image/public/load/a.png?width=10`);
		expect(await render.json()).toMatchObject({ code: 'FeatureNotEnabled' });
	});

	test('a client that aborts mid-upload leaves no row and no file', async () => {
		const url = new URL(backend.url);
		await new Promise<void>((resolve) => {
			const req = httpRequest({
				host: url.hostname,
				port: url.port,
				method: 'POST',
				path: '/storage/v1/object/load/aborted.bin',
				headers: {
					authorization: `Bearer ${backend.serviceRoleKey}`,
					'content-type': 'application/octet-stream',
					'content-length': String(1024 * 1024),
				},
			});
			req.on('error', () => resolve());
			req.write(Buffer.alloc(64 * 1024));
			setTimeout(() => {
				req.destroy();
				resolve();
			}, 200);
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect((await service.storage.from('load').exists('aborted.bin')).data).toBe(false);
		expect(await storedFiles(path.join('load', 'aborted.bin'))).toEqual([]);
		expect(await readdir(path.join(dataDir, '.storage-tmp'))).toEqual([]);
	});
});

describe('concurrency', () => {
	test('parallel uploads of different objects all land', async () => {
		const files = service.storage.from('load');
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, index) =>
				files.upload(`many/${String(index).padStart(2, '0')}.txt`, `body ${index}`)
			)
		);
		expect(results.every((result) => result.error === null)).toBe(true);
		expect((await files.list('many', { limit: 100 })).data).toHaveLength(20);
	});

	test('parallel plain uploads of one name: exactly one wins, the rest are 409, one file remains', async () => {
		const files = service.storage.from('load');
		const results = await Promise.all(
			Array.from({ length: 8 }, (_, index) => files.upload('race/plain.txt', `writer ${index}`))
		);
		const winners = results.filter((result) => result.error === null);
		expect(winners).toHaveLength(1);
		for (const result of results.filter((r) => r.error !== null)) {
			expect(result.error?.message).toBe('The resource already exists');
		}
		expect(await storedFiles(path.join('load', 'race', 'plain.txt'))).toHaveLength(1);
	});

	test('parallel upserts of one name: all succeed, the object is one of them, one file remains', async () => {
		const files = service.storage.from('load');
		const bodies = Array.from({ length: 8 }, (_, index) => `version ${index}`);
		const results = await Promise.all(
			bodies.map((body) => files.upload('race/upsert.txt', body, { upsert: true }))
		);
		expect(results.every((result) => result.error === null)).toBe(true);
		const final = await (await files.download('race/upsert.txt')).data?.text();
		expect(bodies).toContain(final);
		const { data } = await files.info('race/upsert.txt');
		expect(await storedFiles(path.join('load', 'race', 'upsert.txt'))).toEqual([
			path.join('load', 'race', 'upsert.txt', data?.version ?? ''),
		]);
	});

	test('a large upload streams to disk and back intact', async () => {
		const size = 12 * 1024 * 1024;
		const bytes = Buffer.alloc(size);
		for (let offset = 0; offset < size; offset += 4) bytes.writeUInt32LE(offset, offset);
		const files = service.storage.from('load');
		expect(
			(await files.upload('large.bin', bytes, { contentType: 'application/octet-stream' })).error
		).toBeNull();
		const response = await fetch(`${backend.url}/storage/v1/object/load/large.bin`, {
			headers: { authorization: `Bearer ${backend.serviceRoleKey}` },
		});
		const hash = createHash('md5');
		let received = 0;
		for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
			hash.update(chunk);
			received += chunk.byteLength;
		}
		expect(received).toBe(size);
		const expected = createHash('md5').update(bytes).digest('hex');
		expect(hash.digest('hex')).toBe(expected);
		expect(response.headers.get('etag')).toBe(`"${expected}"`);
	});
});
