import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');

/**
 * Runs `astro sync` on a scratch copy of the site whose content has one broken page,
 * and returns what Astro printed. The real content folder is never touched.
 */
async function syncWithPage(root: string, file: string, text: string): Promise<string> {
	rmSync(join(root, 'content/knowledge'), { recursive: true, force: true });
	mkdirSync(join(root, 'content/knowledge/en/guides'), { recursive: true });
	writeFileSync(join(root, 'content/knowledge', file), text);
	try {
		const { stdout, stderr } = await run(
			join(repo, 'node_modules/.bin/astro'),
			['sync', '--root', root],
			{
				env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
			}
		);
		return `exit 0\n${stdout}${stderr}`;
	} catch (error) {
		const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
		return `failed\n${stdout}${stderr}`;
	}
}

const page = (frontmatter: string) => `---\n${frontmatter}\n---\n\nBody text.\n`;
const valid = `kind: guide
title: A guide
description: A description that is long enough to pass the schema's minimum.
audiences: [workers]
lastReviewed: 2026-11-21
sources:
  - { title: An official page, publisher: ISA, url: 'https://www.moj.go.jp/isa/', type: official, asOf: '2025' }`;

describe('content errors fail the build', () => {
	let root: string;
	beforeAll(() => {
		root = mkdtempSync(join(tmpdir(), 'okaeri-content-'));
		for (const path of ['src', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
			cpSync(join(repo, path), join(root, path), { recursive: true });
		}
		symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
		mkdirSync(join(root, 'content/data'), { recursive: true });
	});
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	test('a valid page syncs', async () => {
		expect(await syncWithPage(root, 'en/guides/ok.md', page(valid))).toMatch(/^exit 0/);
	}, 60_000);

	test('a missing review date names the file and the field', async () => {
		const output = await syncWithPage(
			root,
			'en/guides/no-date.md',
			page(valid.replace(/lastReviewed: .*\n/, ''))
		);
		expect(output).toMatch(/^failed/);
		expect(output).toContain('no-date');
		expect(output).toContain('lastReviewed');
	}, 60_000);

	test('a page without sources names the file and the field', async () => {
		const output = await syncWithPage(
			root,
			'en/guides/no-sources.md',
			page(valid.replace(/sources:[\s\S]*$/, 'sources: []'))
		);
		expect(output).toMatch(/^failed/);
		expect(output).toContain('no-sources');
		expect(output).toContain('sources');
	}, 60_000);

	test('a malformed source URL names the field', async () => {
		const output = await syncWithPage(
			root,
			'en/guides/bad-url.md',
			page(valid.replace("'https://www.moj.go.jp/isa/'", 'not a url'))
		);
		expect(output).toMatch(/^failed/);
		expect(output).toContain('bad-url');
		expect(output).toMatch(/sources\.0\.url/);
	}, 60_000);
});
