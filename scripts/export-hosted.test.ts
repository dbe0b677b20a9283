import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { backupName } from './backup.ts';
import { bucketsFromConfig, parseSize } from './export-hosted.ts';

describe('parseSize', () => {
	test('reads config.toml sizes as the Supabase CLI does', () => {
		expect(parseSize('2MiB')).toBe(2 * 1024 * 1024);
		expect(parseSize('50MB')).toBe(50_000_000);
		expect(parseSize('512')).toBe(512);
		expect(parseSize(1024)).toBe(1024);
		expect(() => parseSize('two megabytes')).toThrow(/unreadable size/);
	});
});

describe('bucketsFromConfig', () => {
	test('takes every [storage.buckets.*] table of the project’s config.toml with its settings', () => {
		const toml = readFileSync(new URL('../supabase/config.toml', import.meta.url), 'utf8');
		expect(bucketsFromConfig(toml)).toEqual([
			{
				id: 'avatars',
				public: true,
				fileSizeLimit: 2 * 1024 * 1024,
				allowedMimeTypes: ['image/png', 'image/jpeg', 'image/webp'],
			},
			{
				id: 'org-logos',
				public: true,
				fileSizeLimit: 2 * 1024 * 1024,
				allowedMimeTypes: ['image/png', 'image/jpeg', 'image/webp'],
			},
			{
				id: 'documents',
				public: false,
				fileSizeLimit: 10 * 1024 * 1024,
				allowedMimeTypes: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'],
			},
		]);
	});

	test('quoted names, comments and other tables', () => {
		const toml = `[storage]\nfile_size_limit = "50MiB"\n[storage.buckets."my bucket"] # note\npublic = false # private\n[auth]\npublic = true\n`;
		expect(bucketsFromConfig(toml)).toEqual([
			{ id: 'my bucket', public: false, fileSizeLimit: null, allowedMimeTypes: null },
		]);
	});
});

describe('backupName', () => {
	test('is sortable and names the UTC second', () => {
		expect(backupName(new Date('2026-11-21T10:15:00.123Z'))).toBe('okaeri-backup-20261121-101500');
	});
});
