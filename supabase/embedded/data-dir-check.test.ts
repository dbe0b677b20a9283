import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkDataDir, DataDirError, describeDataDirError } from './data-dir-check.ts';

const root = mkdtempSync(join(tmpdir(), 'data-dir-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('checkDataDir', () => {
	test('creates a missing directory and leaves no probe behind', () => {
		const dir = join(root, 'new', 'data');
		checkDataDir(dir, 64 * 1024);
		expect(readdirSync(dir)).toEqual([]);
	});

	test('a file where the directory should be: one line naming it', () => {
		const file = join(root, 'a-file');
		writeFileSync(file, '');
		expect(() => checkDataDir(file)).toThrow(DataDirError);
		expect(() => checkDataDir(file)).toThrow(`data directory ${file} is not a directory`);
	});
});

describe('describeDataDirError', () => {
	test.each([
		['EROFS', 'is on a read-only file system'],
		['EACCES', 'is not writable by this user'],
		['EPERM', 'is not writable by this user'],
		['ENOSPC', 'has no space left (the disk is full'],
		['EDQUOT', 'has no space left (disk quota exceeded'],
		['EFBIG', "has no room for the backend's files"],
		['EIO', 'cannot be written (EIO)'],
	])('%s: says what is wrong and what to do, in one line', (code, says) => {
		const message = describeDataDirError('/srv/okaeri', code);
		expect(message).toContain(`data directory /srv/okaeri ${says}`);
		expect(message).toContain('set DATA_DIR to another directory');
		expect(message).not.toContain('\n');
	});
});
