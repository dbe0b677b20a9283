import { existsSync } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';

// initdb inside WASM plus the platform bootstrap take seconds; unpacking a saved image of a cluster in that
// state takes a fraction of it. Images are keyed by the PGlite version and the bootstrap's digest.
// Unpacking still creates a thousand files (about a second where creating a file costs a millisecond), so a
// "spare" copy of the image is kept unpacked beside it: a fresh on-disk start renames it into place.
const PGLITE_VERSION = '0.5.14';
const cacheDir = fileURLToPath(
	new URL('../../../node_modules/.cache/supabase-embedded/', import.meta.url)
);

/** The key of the image of a cluster straight after initdb (no bootstrap), used when no bootstrap image fits. */
export const INITDB_IMAGE_KEY = 'initdb';

function cacheName(key: string): string {
	return `${PGLITE_VERSION}-${key.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64)}`;
}

function imagePath(key: string): string {
	return `${cacheDir}pglite-${cacheName(key)}.tar`;
}

function sparePath(key: string): string {
	return `${cacheDir}spare-${cacheName(key)}`;
}

/** Whether an image is saved under `key`. */
export async function hasClusterImage(key: string): Promise<boolean> {
	try {
		await access(imagePath(key));
		return true;
	} catch {
		return false;
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Deletes what no start would use: images and spares other than those of this PGlite version under the keys
 * in `keep` (each is ~40 MB, and a changed bootstrap or PGlite version leaves the old one behind), and partial
 * files of processes that are gone. Returns the names it deleted.
 */
export async function pruneClusterImages(keep: string[]): Promise<string[]> {
	const wanted = new Set(
		keep
			.flatMap((key) => [imagePath(key), sparePath(key)])
			.map((path) => path.slice(cacheDir.length))
	);
	let names: string[];
	try {
		names = await readdir(cacheDir);
	} catch {
		return [];
	}
	const stale = names.filter((name) => {
		if (isAbandoned(name)) return true;
		return (name.startsWith('pglite-') || name.startsWith('spare-')) && !wanted.has(name);
	});
	for (const name of stale) await rm(join(cacheDir, name), { recursive: true, force: true });
	return stale;
}

/** A partial image or spare left by a process that is gone (killed while writing it). */
function isAbandoned(name: string): boolean {
	const partial = /\.(\d+)\.partial$/.exec(name);
	return partial !== null && !isRunning(Number(partial[1]));
}

/**
 * Moves the spare cluster of `key` (see prepareSpareCluster) to `targetDir`, which must be missing or an empty
 * directory. False when there is no spare or it cannot go there (another file system, a directory with files in
 * it, another start took it first): the caller unpacks the image instead.
 */
export async function claimSpareCluster(key: string, targetDir: string): Promise<boolean> {
	const spare = sparePath(key);
	if (!existsSync(spare)) return false;
	try {
		await mkdir(dirname(resolve(targetDir)), { recursive: true });
		await rename(spare, targetDir);
		return true;
	} catch {
		return false;
	}
}

/**
 * Unpacks the image saved under `key` as the spare cluster, unless there is one already (or no image). Never
 * rejects: a spare only saves time. Resolves to whether a spare is there afterwards.
 */
export async function prepareSpareCluster(key: string): Promise<boolean> {
	const spare = sparePath(key);
	if (existsSync(spare)) return true;
	const partial = `${spare}.${process.pid}.partial`;
	try {
		// A start stopped soon after it served leaves its unfinished spare behind (40 MB each).
		for (const name of await readdir(cacheDir))
			if (isAbandoned(name)) await rm(join(cacheDir, name), { recursive: true, force: true });
		const image = await readClusterImage(key);
		if (image === undefined) return false;
		await rm(partial, { recursive: true, force: true });
		await extractClusterImage(image, partial);
		// Fails if another process put a spare there meanwhile; theirs serves as well.
		await rename(partial, spare);
	} catch {
		await rm(partial, { recursive: true, force: true }).catch(() => undefined);
	}
	return existsSync(spare);
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

// Creating a file costs far more than writing its bytes on some file systems (about 1 ms each on a
// journaling one under a VM), and an image holds about a thousand: a few writes in flight overlap that cost.
const WRITES_IN_FLIGHT = 8;

/**
 * Unpacks a cluster image (ustar, as PGlite's dumpDataDir writes it) into `targetDir` with Node's own file
 * system calls, which is far faster than letting PGlite load it through its WASM file system.
 * Refuses entries that would land outside `targetDir` (before writing anything).
 */
export async function extractClusterImage(image: Uint8Array, targetDir: string): Promise<void> {
	const root = resolve(targetDir);
	const dirs = new Map<string, number>([[root, 0o700]]);
	const files: { target: string; bytes: Uint8Array; mode: number }[] = [];
	let offset = 0;
	while (offset + 512 <= image.length) {
		const header = image.subarray(offset, offset + 512);
		if (header.every((byte) => byte === 0)) break;
		const prefix = headerString(header, 345, 155);
		const name =
			prefix === '' ? headerString(header, 0, 100) : `${prefix}/${headerString(header, 0, 100)}`;
		const size = Number.parseInt(headerString(header, 124, 12).trim() || '0', 8);
		const mode = Number.parseInt(headerString(header, 100, 8).trim() || '600', 8) & 0o777;
		const type = String.fromCharCode(header[156] ?? 0);
		const target = resolve(join(root, name));
		if (target !== root && !target.startsWith(root + sep))
			throw new Error(`cluster image entry escapes the data directory: ${name}`);
		offset += 512;
		if (type === '5') {
			dirs.set(target, mode);
		} else if (type === '0' || type === '\0') {
			if (!dirs.has(dirname(target))) dirs.set(dirname(target), 0o700);
			files.push({ target, bytes: image.subarray(offset, offset + size), mode });
		}
		offset += Math.ceil(size / 512) * 512;
	}
	// Parents sort before their children.
	for (const [dir, mode] of [...dirs].sort(([a], [b]) => (a < b ? -1 : 1)))
		await mkdir(dir, { recursive: true, mode });
	// PG_VERSION is what marks a data directory as holding a cluster (see openPglite), so it goes last: an
	// extraction cut short leaves a directory that the next start extracts into again.
	const marker = join(root, 'PG_VERSION');
	const last = files.filter((file) => file.target === marker);
	const rest = files.filter((file) => file.target !== marker);
	let next = 0;
	const writer = async (): Promise<void> => {
		for (let file = rest[next++]; file !== undefined; file = rest[next++])
			await writeFile(file.target, file.bytes, { mode: file.mode });
	};
	await Promise.all(Array.from({ length: WRITES_IN_FLIGHT }, writer));
	for (const file of last) await writeFile(file.target, file.bytes, { mode: file.mode });
}

/**
 * Saves an image of `pglite` under `key`, for later fresh starts, unless one is saved under `key` already (the
 * key determines the content); failures only cost speed.
 */
export async function saveClusterImage(pglite: PGlite, key: string): Promise<void> {
	try {
		if (await hasClusterImage(key)) return;
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
