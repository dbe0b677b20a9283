/**
 * The start-up check of the data directory: before anything else opens it, the backend creates it when
 * missing, writes a few megabytes there, syncs them to the disk and deletes them again. A directory that is
 * read-only, not ours to write, or on a full disk then stops the start with one clear line instead of PGlite's
 * stack traces (or a hang) halfway through opening the cluster.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes written by the probe: about what the first checkpoint of a small cluster needs. */
export const PROBE_BYTES = 4 * 1024 * 1024;
const CHUNK = 256 * 1024;

/** The data directory cannot be used; `message` is one line naming the directory and what to do. */
export class DataDirError extends Error {
	readonly code: string;
	constructor(message: string, code: string) {
		super(message);
		this.name = 'DataDirError';
		this.code = code;
	}
}

function errnoCode(error: unknown): string {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : 'UNKNOWN';
}

function who(): string {
	const uid = process.getuid?.();
	return uid === undefined ? 'this user' : `this user (uid ${uid})`;
}

/** The one-line explanation of `code` for `dir`. */
export function describeDataDirError(dir: string, code: string, detail = ''): string {
	const fix = 'fix it or set DATA_DIR to another directory';
	switch (code) {
		case 'EROFS':
			return `data directory ${dir} is on a read-only file system: ${fix}`;
		case 'EACCES':
		case 'EPERM':
			return `data directory ${dir} is not writable by ${who()}: ${fix}`;
		case 'ENOSPC':
		case 'EDQUOT':
			return `data directory ${dir} has no space left (${code === 'EDQUOT' ? 'disk quota exceeded' : 'the disk is full'}; the backend needs at least ${PROBE_BYTES / 1024 / 1024} MB free to start): ${fix}`;
		case 'EFBIG':
			return `data directory ${dir} has no room for the backend's files (a file size limit, ulimit -f, stops writes of ${PROBE_BYTES / 1024 / 1024} MB): ${fix}`;
		case 'ENOTDIR':
		case 'EEXIST':
			return `data directory ${dir} is not a directory: ${fix}`;
		default:
			return `data directory ${dir} cannot be written (${detail || code}): ${fix}`;
	}
}

function probe(dir: string, bytes: number): void {
	const file = join(dir, `.write-probe-${process.pid}`);
	let fd: number | undefined;
	try {
		fd = openSync(file, 'w', 0o600);
		const chunk = Buffer.alloc(Math.min(CHUNK, Math.max(bytes, 1)), 0x5a);
		for (let written = 0; written < bytes; written += chunk.length) writeSync(fd, chunk);
		// Without the sync a full disk may only show once the kernel flushes, after the check passed.
		fsyncSync(fd);
	} finally {
		if (fd !== undefined) closeSync(fd);
		rmSync(file, { force: true });
	}
}

/**
 * Makes sure `dataDir` exists and can take writes: creates it when missing, writes `PROBE_BYTES` there and
 * syncs them (and a small probe in `pgdata/` when the cluster exists), then removes the probe files.
 * @throws {DataDirError} with a one-line message naming the directory and the problem
 */
export function checkDataDir(dataDir: string, bytes = PROBE_BYTES): void {
	let current = dataDir;
	try {
		mkdirSync(dataDir, { recursive: true });
		if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
		probe(dataDir, bytes);
		const pgdata = join(dataDir, 'pgdata');
		let hasCluster = false;
		try {
			hasCluster = statSync(pgdata).isDirectory();
		} catch {
			// No cluster yet: PGlite creates it.
		}
		current = pgdata;
		if (hasCluster) probe(pgdata, 8192);
	} catch (error) {
		const code = errnoCode(error);
		throw new DataDirError(
			describeDataDirError(current, code, error instanceof Error ? error.message : ''),
			code
		);
	}
}
