import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { clientFor, startTestBackend, type TestBackend } from './support/backend.ts';
import { errorFields } from './support/storage.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

let backend: TestBackend;
let service: ReturnType<typeof clientFor>;

beforeAll(async () => {
	backend = await startTestBackend();
	service = clientFor(backend, 'service');
	await service.storage.createBucket('v2');
	const files = service.storage.from('v2');
	await files.upload('testpath/file.jpg', 'jpg');
	await files.upload('testpath/sub/deep.txt', 'deep');
	for (const suffix of ['zz', 'bb', 'xx', 'ww', 'cc', 'aa', 'yy', 'oo']) {
		await files.upload(`paged/file-${suffix}`, suffix);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
});
afterAll(async () => backend?.close());

describe('listV2', () => {
	test('without a delimiter lists every object under the prefix by full name', async () => {
		const { data, error } = await service.storage.from('v2').listV2({ prefix: 'testpath' });
		expect(error).toBeNull();
		expect(data).toEqual({
			hasNext: false,
			folders: [],
			objects: [
				expect.objectContaining({
					name: 'testpath/file.jpg',
					id: expect.any(String),
					metadata: expect.any(Object),
				}),
				expect.objectContaining({ name: 'testpath/sub/deep.txt' }),
			],
		});
	});

	test('with a delimiter folds one level into folders', async () => {
		const top = await service.storage.from('v2').listV2({ with_delimiter: true });
		expect(top.data).toEqual({
			hasNext: false,
			folders: [
				{ id: null, key: 'paged', name: 'paged/' },
				{ id: null, key: 'testpath', name: 'testpath/' },
			],
			objects: [],
		});
		const inner = await service.storage
			.from('v2')
			.listV2({ prefix: 'testpath/', with_delimiter: true });
		expect(inner.data?.folders).toEqual([{ id: null, key: 'sub', name: 'testpath/sub/' }]);
		expect(inner.data?.objects).toEqual([
			expect.objectContaining({ key: 'file.jpg', name: 'testpath/file.jpg' }),
		]);
	});

	test.each([
		[undefined, ['aa', 'bb', 'cc', 'oo', 'ww', 'xx', 'yy', 'zz']],
		[{ column: 'name', order: 'desc' }, ['zz', 'yy', 'xx', 'ww', 'oo', 'cc', 'bb', 'aa']],
		[{ column: 'created_at', order: 'asc' }, ['zz', 'bb', 'xx', 'ww', 'cc', 'aa', 'yy', 'oo']],
		[{ column: 'created_at', order: 'desc' }, ['oo', 'yy', 'aa', 'cc', 'ww', 'xx', 'bb', 'zz']],
	] as const)('pages of 2 with sortBy %j', async (sortBy, expected) => {
		for (const delimiter of [true, false]) {
			let cursor: string | undefined;
			const seen: string[] = [];
			let pages = 0;
			for (;;) {
				const { data, error } = await service.storage.from('v2').listV2({
					prefix: 'paged/',
					with_delimiter: delimiter,
					limit: 2,
					...(cursor ? { cursor } : {}),
					...(sortBy ? { sortBy } : {}),
				});
				expect(error).toBeNull();
				expect(data?.objects).toHaveLength(2);
				seen.push(...(data?.objects.map((object) => object.name.replace('paged/file-', '')) ?? []));
				pages++;
				if (!data?.hasNext) break;
				cursor = data.nextCursor;
			}
			expect(pages).toBe(4);
			expect(seen).toEqual(expected);
		}
	});

	test('a malformed cursor is an invalid parameter', async () => {
		const { error } = await service.storage.from('v2').listV2({ cursor: 'bm90IGEgY3Vyc29y' });
		expect(errorFields(error)).toEqual({
			name: 'StorageApiError',
			message: 'Invalid Parameter continuation token',
			status: 400,
			statusCode: '400',
			code: 'InvalidParameter',
		});
	});

	test('RLS applies: anon sees nothing without a SELECT policy', async () => {
		const anon = clientFor(backend, 'anon');
		expect(await anon.storage.from('v2').listV2({ with_delimiter: true })).toEqual({
			data: { hasNext: false, folders: [], objects: [] },
			error: null,
		});
	});
});
