import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';

// initdb inside WASM plus the platform bootstrap take seconds; unpacking a saved image of a cluster in that
// state takes a fraction of it. Images are keyed by the PGlite version and the bootstrap's digest.
const PGLITE_VERSION = '0.5.14';
const cacheDir = fileURLToPath(
	new URL('../../../node_modules/.cache/supabase-embedded/', import.meta.url)
);

function imagePath(key: string): string {
	return `${cacheDir}pglite-${PGLITE_VERSION}-${key.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64)}.tar`;
}

/** The saved cluster image (an uncompressed tar of PGDATA) for `key`, or undefined when none has been saved. */
export async function readClusterImage(key: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
	try {
		return new Uint8Array(await readFile(imagePath(key)));
	} catch {
		return undefined;
	}
}

function headerString(block: Uint8Array, start: number, length: number): string {
	const field = block.subarray(start, start + length);
	const end = field.indexOf(0);
	return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('utf8');
}

/**
 * Unpacks a cluster image (ustar, as PGlite's dumpDataDir writes it) into `targetDir` with Node's own file
 * system calls, which is far faster than letting PGlite load it through its WASM file system.
 * Refuses entries that would land outside `targetDir`.
 */
export async function extractClusterImage(image: Uint8Array, targetDir: string): Promise<void> {
	const root = resolve(targetDir);
	await mkdir(root, { recursive: true, mode: 0o700 });
	let offset = 0;
	while (offset + 512 <= image.length) {
		const header = image.subarray(offset, offset + 512);
		if (header.every((byte) => byte === 0)) break;
		const prefix = headerString(header, 345, 155);
		const name =
			prefix === '' ? headerString(header, 0, 100) : `${prefix}/${headerString(header, 0, 100)}`;
		const size = Number.parseInt(headerString(header, 124, 12).trim() || '0', 8);
		const mode = Number.parseInt(headerString(header, 100, 8).trim() || '600', 8);
		const type = String.fromCharCode(header[156] ?? 0);
		const target = resolve(join(root, name));
		if (target !== root && !target.startsWith(root + sep))
			throw new Error(`cluster image entry escapes the data directory: ${name}`);
		offset += 512;
		if (type === '5') {
			await mkdir(target, { recursive: true, mode: mode & 0o777 });
		} else if (type === '0' || type === '\0') {
			await mkdir(dirname(target), { recursive: true, mode: 0o700 });
			await writeFile(target, image.subarray(offset, offset + size), { mode: mode & 0o777 });
		}
		offset += Math.ceil(size / 512) * 512;
	}
}

/** Saves an image of `pglite` under `key`, for later fresh starts; failures only cost speed. */
export async function saveClusterImage(pglite: PGlite, key: string): Promise<void> {
	try {
		// A checkpoint first, so a cluster started from the image has almost no WAL to replay.
		await pglite.exec('checkpoint');
		const image = await pglite.dumpDataDir('none');
		const target = imagePath(key);
		await mkdir(dirname(target), { recursive: true });
		const partial = `${target}.${process.pid}.partial`;
		await writeFile(partial, new Uint8Array(await image.arrayBuffer()));
		await rename(partial, target);
	} catch (error) {
		// Only a cache: the next fresh start is slower, nothing else.
		console.warn(`[embedded] could not cache the PGlite cluster image: ${String(error)}`);
	}
}
