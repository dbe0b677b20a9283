import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractClusterImage } from './pglite-image.ts';

/** One ustar entry: a 512-byte header, then the content padded to 512 bytes. */
function entry(name: string, content: string | undefined, mode = 0o600): Buffer {
	const header = Buffer.alloc(512);
	const body = Buffer.from(content ?? '');
	header.write(name, 0, 100, 'utf8');
	header.write(`${mode.toString(8).padStart(7, '0')}\0`, 100, 8, 'ascii');
	header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii');
	header.write(content === undefined ? '5' : '0', 156, 1, 'ascii');
	header.write('ustar\0', 257, 6, 'ascii');
	header.write('00', 263, 2, 'ascii');
	return Buffer.concat([header, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

function tar(...entries: Buffer[]): Uint8Array {
	return new Uint8Array(Buffer.concat([...entries, Buffer.alloc(1024)]));
}

const made: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'pglite-image-test-'));
	made.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('extractClusterImage', () => {
	it('unpacks directories and files with their modes, including files of many directories', async () => {
		const target = join(tempDir(), 'pgdata');
		const files = Array.from({ length: 40 }, (_, index) =>
			entry(`/base/${index % 4}/${1000 + index}`, `page ${index}`)
		);
		await extractClusterImage(
			tar(
				entry('/PG_VERSION', '17\n'),
				entry('/global', undefined, 0o700),
				entry('/global/pg_control', 'control', 0o640),
				...files
			),
			target
		);
		expect(readFileSync(join(target, 'PG_VERSION'), 'utf8')).toBe('17\n');
		expect(readFileSync(join(target, 'global/pg_control'), 'utf8')).toBe('control');
		expect(statSync(join(target, 'global/pg_control')).mode & 0o777).toBe(0o640);
		expect(readdirSync(join(target, 'base')).sort()).toEqual(['0', '1', '2', '3']);
		expect(readFileSync(join(target, 'base/3/1039'), 'utf8')).toBe('page 39');
	});

	it('refuses an entry that would land outside the target, before writing anything', async () => {
		const parent = tempDir();
		const target = join(parent, 'pgdata');
		await expect(
			extractClusterImage(tar(entry('/PG_VERSION', '17\n'), entry('../escaped', 'x')), target)
		).rejects.toThrow('cluster image entry escapes the data directory: ../escaped');
		expect(readdirSync(parent)).toEqual([]);
	});
});
