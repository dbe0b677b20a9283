import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { clientFor, startTestBackend, type TestBackend } from './support/backend.ts';
import { errorFields } from './support/storage.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

let backend: TestBackend;
let service: ReturnType<typeof clientFor>;

beforeAll(async () => {
	backend = await startTestBackend({ storage: { fileSizeLimit: 64 * 1024 * 1024 } });
	service = clientFor(backend, 'service');
	await service.storage.createBucket('tiny', { public: false, fileSizeLimit: '1kb' });
	await service.storage.createBucket('roomy');
	await service.storage.from('roomy').upload('taken.bin', 'x');
});
afterAll(async () => backend?.close());

test('large bodies refused early still get the Storage error, not a network failure', async () => {
	const big = Buffer.alloc(20 * 1024 * 1024);
	for (let round = 0; round < 3; round++) {
		const raw = await service.storage.from('tiny').upload(`raw-${round}.bin`, big);
		expect(errorFields(raw.error)).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
		const form = await service.storage.from('tiny').upload(`form-${round}.bin`, new Blob([big]));
		expect(errorFields(form.error)).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
		const taken = await service.storage.from('roomy').upload('taken.bin', big);
		expect(errorFields(taken.error)).toMatchObject({ statusCode: '409', code: 'KeyAlreadyExists' });
		const missing = await service.storage.from('nope').upload('x.bin', new Blob([big]));
		expect(errorFields(missing.error)).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
	}
	expect(
		(await service.storage.from('roomy').upload('after.bin', 'still serving')).error
	).toBeNull();
});
