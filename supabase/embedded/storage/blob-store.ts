/**
 * Where object bytes live: files under `<dataDir>/storage/<bucket>/<object name>/<version>` (the layout of
 * Supabase Storage's file backend), or memory when there is no data directory. Every upload gets a new
 * version, so a replacement never touches the bytes a concurrent reader is streaming.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, rmdir, stat, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ERRORS } from './errors.ts';

/** An inclusive byte range. */
export interface ByteRange {
	start: number;
	end: number;
}

/** Stores and serves object bytes by bucket, object name and version. */
export interface BlobStore {
	/** Writes `chunks` as one version, atomically: readers see the whole file or nothing. Resolves to the size. */
	write(
		bucket: string,
		key: string,
		version: string,
		chunks: AsyncIterable<Uint8Array>
	): Promise<number>;
	/** Streams one version (or a range of it); undefined when it does not exist. */
	read(
		bucket: string,
		key: string,
		version: string,
		range?: ByteRange
	): Promise<ReadableStream<Uint8Array> | undefined>;
	/** The size of one version; undefined when it does not exist. */
	size(bucket: string, key: string, version: string): Promise<number | undefined>;
	/** Copies one version to another place. */
	copy(from: BlobAddress, to: BlobAddress): Promise<void>;
	/** Removes one version; missing versions are ignored. */
	remove(bucket: string, key: string, version: string): Promise<void>;
}

/** One stored version of an object. */
export interface BlobAddress {
	bucket: string;
	key: string;
	version: string;
}

/** Creates the store: on disk under `<dataDir>/storage` when `dataDir` is given, otherwise in memory. */
export function createBlobStore(dataDir: string | undefined): BlobStore {
	return dataDir === undefined ? new MemoryBlobStore() : new DiskBlobStore(dataDir);
}

/**
 * Resolves `<root>/<bucket>/<key>/<version>` and proves it stays inside the bucket's directory;
 * NUL bytes, absolute paths and `.`/`..` segments are rejected with Storage's InvalidKey.
 */
export function resolveBlobPath(
	root: string,
	bucket: string,
	key: string,
	version: string
): string {
	for (const part of [bucket, key, version]) {
		if (part.includes('\0')) throw ERRORS.invalidKey(key, 'contains null byte');
		if (part.includes('\\')) throw ERRORS.invalidKey(key, 'contains a backslash');
	}
	if (path.isAbsolute(key)) throw ERRORS.invalidKey(key, 'must be a relative path');
	const segments = [bucket, ...key.split('/'), version].filter((segment) => segment !== '');
	if (segments.some((segment) => segment === '.' || segment === '..')) {
		throw ERRORS.invalidKey(key, 'contains dot path segment');
	}
	const rootPath = path.resolve(root);
	const bucketPath = path.resolve(rootPath, bucket);
	const resolved = path.resolve(rootPath, ...segments);
	if (!isInside(bucketPath, rootPath) || !isInside(resolved, bucketPath)) {
		throw ERRORS.invalidKey(key, 'resolves outside storage directory');
	}
	return resolved;
}

function isInside(child: string, parent: string): boolean {
	return child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

class DiskBlobStore implements BlobStore {
	readonly #root: string;
	readonly #tmp: string;

	constructor(dataDir: string) {
		this.#root = path.resolve(dataDir, 'storage');
		// Beside, not inside, the storage root so no bucket name can collide with it; same filesystem so rename is atomic.
		this.#tmp = path.resolve(dataDir, '.storage-tmp');
	}

	async write(
		bucket: string,
		key: string,
		version: string,
		chunks: AsyncIterable<Uint8Array>
	): Promise<number> {
		const target = resolveBlobPath(this.#root, bucket, key, version);
		await mkdir(this.#tmp, { recursive: true });
		const temp = path.join(this.#tmp, `${randomUUID()}.part`);
		const handle = await open(temp, 'wx');
		let size = 0;
		try {
			for await (const chunk of chunks) {
				await handle.write(chunk);
				size += chunk.byteLength;
			}
			await handle.sync();
		} catch (error) {
			await handle.close().catch(() => undefined);
			await rm(temp, { force: true });
			throw error;
		}
		await handle.close();
		try {
			await mkdir(path.dirname(target), { recursive: true });
			await rename(temp, target);
			await syncDirectory(path.dirname(target));
		} catch (error) {
			await rm(temp, { force: true });
			throw error;
		}
		return size;
	}

	async read(
		bucket: string,
		key: string,
		version: string,
		range?: ByteRange
	): Promise<ReadableStream<Uint8Array> | undefined> {
		const file = resolveBlobPath(this.#root, bucket, key, version);
		// Opening first pins the bytes: a concurrent replacement unlinks the path, not this open file.
		const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
			throw error;
		});
		if (!handle) return undefined;
		const stream = createReadStream('', {
			fd: handle,
			...(range ? { start: range.start, end: range.end } : {}),
		});
		return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
	}

	async size(bucket: string, key: string, version: string): Promise<number | undefined> {
		const file = resolveBlobPath(this.#root, bucket, key, version);
		try {
			const info = await stat(file);
			return info.isFile() ? info.size : undefined;
		} catch {
			return undefined;
		}
	}

	async copy(from: BlobAddress, to: BlobAddress): Promise<void> {
		const source = resolveBlobPath(this.#root, from.bucket, from.key, from.version);
		const target = resolveBlobPath(this.#root, to.bucket, to.key, to.version);
		await mkdir(this.#tmp, { recursive: true });
		const temp = path.join(this.#tmp, `${randomUUID()}.part`);
		try {
			await copyFile(source, temp);
			const handle = await open(temp, 'r+');
			await handle.sync();
			await handle.close();
			await mkdir(path.dirname(target), { recursive: true });
			await rename(temp, target);
			await syncDirectory(path.dirname(target));
		} catch (error) {
			await rm(temp, { force: true });
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw ERRORS.noSuchKey();
			throw error;
		}
	}

	async remove(bucket: string, key: string, version: string): Promise<void> {
		const file = resolveBlobPath(this.#root, bucket, key, version);
		await rm(file, { force: true });
		await this.#removeEmptyParents(path.dirname(file), path.resolve(this.#root, bucket));
	}

	async #removeEmptyParents(directory: string, bucketPath: string): Promise<void> {
		let current = directory;
		while (current.startsWith(bucketPath + path.sep)) {
			try {
				await rmdir(current);
			} catch {
				return;
			}
			current = path.dirname(current);
		}
	}
}

async function syncDirectory(directory: string): Promise<void> {
	const handle = await open(directory, 'r');
	try {
		await handle.sync();
	} catch {
		// Some filesystems cannot fsync a directory; the rename is still atomic there.
	} finally {
		await handle.close();
	}
}

class MemoryBlobStore implements BlobStore {
	readonly #blobs = new Map<string, Uint8Array>();

	async write(
		bucket: string,
		key: string,
		version: string,
		chunks: AsyncIterable<Uint8Array>
	): Promise<number> {
		const address = this.#address(bucket, key, version);
		const parts: Uint8Array[] = [];
		for await (const chunk of chunks) parts.push(chunk);
		const bytes = Buffer.concat(parts);
		this.#blobs.set(address, bytes);
		return bytes.byteLength;
	}

	async read(
		bucket: string,
		key: string,
		version: string,
		range?: ByteRange
	): Promise<ReadableStream<Uint8Array> | undefined> {
		const bytes = this.#blobs.get(this.#address(bucket, key, version));
		if (!bytes) return undefined;
		const slice = range ? bytes.subarray(range.start, range.end + 1) : bytes;
		return new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(slice);
				controller.close();
			},
		});
	}

	async size(bucket: string, key: string, version: string): Promise<number | undefined> {
		return this.#blobs.get(this.#address(bucket, key, version))?.byteLength;
	}

	async copy(from: BlobAddress, to: BlobAddress): Promise<void> {
		const bytes = this.#blobs.get(this.#address(from.bucket, from.key, from.version));
		if (!bytes) throw ERRORS.noSuchKey();
		this.#blobs.set(this.#address(to.bucket, to.key, to.version), bytes);
	}

	async remove(bucket: string, key: string, version: string): Promise<void> {
		this.#blobs.delete(this.#address(bucket, key, version));
	}

	#address(bucket: string, key: string, version: string): string {
		// Same validation as on disk, so both stores accept and refuse the same names.
		resolveBlobPath('/', bucket, key, version);
		return JSON.stringify([bucket, key, version]);
	}
}
