import { describe, expect, test } from 'vitest';
import {
	EMBED_BUDGET_BYTES,
	exportFileName,
	shapeExport,
	type ExportFile,
	type FileSource,
} from './export.server.ts';

/** A file source over an in-memory store; links are `signed:<bucket>/<name>`. */
function source(files: Record<string, Uint8Array | null>): FileSource & { linked: string[] } {
	const linked: string[] = [];
	return {
		linked,
		read: async (file: ExportFile) => files[`${file.bucket}/${file.name}`] ?? null,
		link: async (file: ExportFile) => {
			linked.push(`${file.bucket}/${file.name}`);
			return `signed:${file.bucket}/${file.name}`;
		},
	};
}

const document = (files: ExportFile[]) => ({
	format: 'okaeri-export/1',
	profile: { display_name: 'Lan' },
	files,
});

describe('shapeExport', () => {
	test('keeps the database’s document and embeds each file as base64', async () => {
		const avatar = new Uint8Array([1, 2, 3]);
		const shaped = await shapeExport(
			document([{ bucket: 'avatars', name: 'u/avatar.webp', size: 3 }]),
			source({ 'avatars/u/avatar.webp': avatar })
		);
		expect(shaped).toMatchObject({ format: 'okaeri-export/1', profile: { display_name: 'Lan' } });
		expect(shaped['files']).toEqual([
			{ bucket: 'avatars', name: 'u/avatar.webp', size: 3, content_base64: 'AQID' },
		]);
		expect(Buffer.from('AQID', 'base64')).toEqual(Buffer.from(avatar));
	});

	test('links the files past the size budget instead of embedding them', async () => {
		const big = EMBED_BUDGET_BYTES - 10;
		const store = source({
			'documents/u/a.pdf': new Uint8Array(big),
			'documents/u/b.pdf': new Uint8Array(20),
		});
		const shaped = await shapeExport(
			document([
				{ bucket: 'documents', name: 'u/a.pdf', size: big },
				{ bucket: 'documents', name: 'u/b.pdf', size: 20 },
			]),
			store,
			new Date('2026-11-21T00:00:00Z')
		);
		const [a, b] = shaped['files'] as Record<string, unknown>[];
		expect(a).toHaveProperty('content_base64');
		expect(b).toMatchObject({
			signed_url: 'signed:documents/u/b.pdf',
			signed_url_expires_at: '2026-11-28T00:00:00.000Z',
		});
		expect(b).not.toHaveProperty('content_base64');
	});

	test('marks a file it cannot read or link as unavailable, and still exports the rest', async () => {
		const store: FileSource = { read: async () => null, link: async () => null };
		const shaped = await shapeExport(document([{ bucket: 'avatars', name: 'gone.webp' }]), store);
		expect(shaped['files']).toEqual([{ bucket: 'avatars', name: 'gone.webp', unavailable: true }]);
	});

	test('copes with a document without files', async () => {
		const shaped = await shapeExport({ format: 'okaeri-export/1' }, source({}));
		expect(shaped['files']).toEqual([]);
	});
});

describe('exportFileName', () => {
	test('names the download by its date', () => {
		expect(exportFileName(new Date('2026-11-21T23:00:00Z'))).toBe('okaeri-my-data-2026-11-21.json');
	});
});
