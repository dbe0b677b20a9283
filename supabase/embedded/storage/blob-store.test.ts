import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createBlobStore, resolveBlobPath, type BlobStore } from './blob-store.ts';
import { StorageError } from './errors.ts';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
	for (const part of parts) yield Buffer.from(part);
}

async function text(stream: ReadableStream<Uint8Array> | undefined): Promise<string | undefined> {
	return stream === undefined ? undefined : new Response(stream).text();
}

describe('resolveBlobPath', () => {
	test('places a version under <root>/<bucket>/<name>/<version>', () => {
		expect(resolveBlobPath('/data/storage', 'avatars', 'u/me.png', 'v1')).toBe(
			'/data/storage/avatars/u/me.png/v1'
		);
	});

	test.each([
		['../etc/passwd', 'contains dot path segment'],
		['a/../../b', 'contains dot path segment'],
		['/etc/passwd', 'must be a relative path'],
		['a\0b', 'contains null byte'],
		['a\\..\\b', 'contains a backslash'],
	])('refuses %j', (key, reason) => {
		let error: unknown;
		try {
			resolveBlobPath('/data/storage', 'avatars', key, 'v1');
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(StorageError);
		expect((error as StorageError).toJSON()).toMatchObject({
			code: 'InvalidKey',
			message: `Invalid key: ${key} ${reason}`,
		});
	});

	test('refuses a bucket that would leave the root', () => {
		expect(() => resolveBlobPath('/data/storage', '..', 'x', 'v1')).toThrow(StorageError);
	});
});

describe.each(['disk', 'memory'] as const)('%s store', (kind) => {
	let dataDir: string;
	let store: BlobStore;

	beforeEach(async () => {
		dataDir = await mkdtemp(path.join(tmpdir(), 'blob-store-'));
		store = createBlobStore(kind === 'disk' ? dataDir : undefined);
	});
	afterEach(async () => rm(dataDir, { recursive: true, force: true }));

	test('writes, reads, ranges, sizes, copies and removes', async () => {
		expect(await store.write('b', 'dir/file.txt', 'v1', chunks('hello ', 'world'))).toBe(11);
		expect(await text(await store.read('b', 'dir/file.txt', 'v1'))).toBe('hello world');
		expect(await text(await store.read('b', 'dir/file.txt', 'v1', { start: 6, end: 10 }))).toBe(
			'world'
		);
		expect(await store.size('b', 'dir/file.txt', 'v1')).toBe(11);
		await store.copy(
			{ bucket: 'b', key: 'dir/file.txt', version: 'v1' },
			{ bucket: 'c', key: 'copy.txt', version: 'v2' }
		);
		expect(await text(await store.read('c', 'copy.txt', 'v2'))).toBe('hello world');
		await store.remove('b', 'dir/file.txt', 'v1');
		expect(await store.read('b', 'dir/file.txt', 'v1')).toBeUndefined();
		expect(await store.size('b', 'dir/file.txt', 'v1')).toBeUndefined();
		await store.remove('b', 'dir/file.txt', 'v1');
	});

	test('a failed write leaves nothing behind', async () => {
		async function* failing(): AsyncGenerator<Uint8Array> {
			yield Buffer.from('partial');
			throw new Error('client went away');
		}
		await expect(store.write('b', 'broken.txt', 'v1', failing())).rejects.toThrow(
			'client went away'
		);
		expect(await store.read('b', 'broken.txt', 'v1')).toBeUndefined();
		if (kind === 'disk') {
			expect(await readdir(path.join(dataDir, '.storage-tmp'))).toEqual([]);
			expect(await readdir(path.join(dataDir, 'storage')).catch(() => [])).toEqual([]);
		}
	});

	test('a reader keeps its bytes while the version is replaced and removed', async () => {
		await store.write('b', 'f', 'v1', chunks('first version'));
		const stream = await store.read('b', 'f', 'v1');
		await store.write('b', 'f', 'v2', chunks('second'));
		await store.remove('b', 'f', 'v1');
		expect(await text(stream)).toBe('first version');
		expect(await text(await store.read('b', 'f', 'v2'))).toBe('second');
	});
});

test('removing the last version removes empty folders up to the bucket', async () => {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'blob-store-'));
	try {
		const store = createBlobStore(dataDir);
		await store.write('b', 'deep/er/file', 'v1', chunks('x'));
		await store.remove('b', 'deep/er/file', 'v1');
		expect(await readdir(path.join(dataDir, 'storage', 'b'))).toEqual([]);
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
});
