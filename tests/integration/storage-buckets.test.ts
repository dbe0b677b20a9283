import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { clientFor, startTestBackend, type TestBackend } from './support/backend.ts';
import { errorFields } from './support/storage.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const USER_A = '11111111-1111-4111-8111-111111111111';

let backend: TestBackend;
let service: ReturnType<typeof clientFor>;
let anon: ReturnType<typeof clientFor>;

beforeAll(async () => {
	backend = await startTestBackend();
	service = clientFor(backend, 'service');
	anon = clientFor(backend, 'anon');
	await backend.db.exec(`
		create policy "members create buckets" on storage.buckets for insert to authenticated
			with check (name like 'team-%');
		create policy "members see their buckets" on storage.buckets for select to authenticated
			using (owner_id = auth.uid()::text);
	`);
});
afterAll(async () => backend?.close());

const apiError = (statusCode: string, code: string, message: string, status = 400) => ({
	name: 'StorageApiError',
	message,
	status,
	statusCode,
	code,
});

describe('creating buckets', () => {
	test('creates a bucket and returns its name', async () => {
		const result = await service.storage.createBucket('photos', {
			public: true,
			fileSizeLimit: '1mb',
			allowedMimeTypes: ['image/*', 'application/pdf'],
		});
		expect(result).toEqual({ data: { name: 'photos' }, error: null });
	});

	test('getBucket returns Storage bucket JSON with the selected fields in schema order', async () => {
		const { data, error } = await service.storage.getBucket('photos');
		expect(error).toBeNull();
		expect(data).toEqual({
			id: 'photos',
			name: 'photos',
			owner: '',
			public: true,
			file_size_limit: 1_000_000,
			allowed_mime_types: ['image/*', 'application/pdf'],
			created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		});
		expect(Object.keys(data ?? {})).toEqual([
			'id',
			'name',
			'owner',
			'public',
			'file_size_limit',
			'allowed_mime_types',
			'created_at',
			'updated_at',
		]);
	});

	test('a duplicate bucket is a 409 BucketAlreadyExists', async () => {
		const { data, error } = await service.storage.createBucket('photos');
		expect(data).toBeNull();
		expect(errorFields(error)).toEqual(
			apiError('409', 'BucketAlreadyExists', 'The resource already exists')
		);
	});

	test.each([['bad/name'], [' leading-space'], ['x'.repeat(101)]])(
		'rejects the bucket name %j',
		async (name) => {
			const { error } = await service.storage.createBucket(name);
			expect(errorFields(error)).toEqual(
				apiError('400', 'InvalidBucketName', 'Bucket name invalid')
			);
		}
	);

	test('rejects a malformed file size limit with the schema error', async () => {
		const { error } = await service.storage.createBucket('sized', {
			public: false,
			fileSizeLimit: '1zb',
		});
		expect(errorFields(error)).toMatchObject({
			statusCode: '400',
			code: 'InvalidRequest',
			status: 400,
		});
		expect(error?.message).toContain('body/file_size_limit must match a schema in anyOf');
	});

	test('rejects a limit above the global limit with 413', async () => {
		const { error } = await service.storage.createBucket('huge', {
			public: false,
			fileSizeLimit: '1gb',
		});
		expect(errorFields(error)).toEqual(
			apiError('413', 'EntityTooLarge', 'The object exceeded the maximum allowed size')
		);
	});

	test('rejects a malformed allowed MIME type with 415', async () => {
		const { error } = await service.storage.createBucket('typed', {
			public: false,
			allowedMimeTypes: ['images'],
		});
		expect(errorFields(error)).toEqual(
			apiError('415', 'InvalidMimeType', 'mime type images is not supported')
		);
	});

	test('refuses analytics buckets, naming the feature', async () => {
		const { error } = await service.storage.createBucket('lake', {
			public: false,
			type: 'ANALYTICS',
		});
		expect(errorFields(error)).toMatchObject({ statusCode: '409', code: 'FeatureNotEnabled' });
	});
});

describe('reading buckets', () => {
	test('listBuckets includes the type; search, sort, limit and offset apply', async () => {
		await service.storage.createBucket('archive');
		await service.storage.createBucket('avatars', { public: true });
		const all = await service.storage.listBuckets({ sortColumn: 'name', sortOrder: 'asc' });
		expect(all.error).toBeNull();
		expect(all.data?.map((bucket) => bucket.name)).toEqual(['archive', 'avatars', 'photos']);
		expect(all.data?.[0]).toEqual({
			id: 'archive',
			name: 'archive',
			owner: '',
			public: false,
			type: 'STANDARD',
			file_size_limit: null,
			allowed_mime_types: null,
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		const searched = await service.storage.listBuckets({ search: 'AV' });
		expect(searched.data?.map((bucket) => bucket.name)).toEqual(['avatars']);
		const page = await service.storage.listBuckets({
			sortColumn: 'name',
			sortOrder: 'desc',
			limit: 1,
			offset: 1,
		});
		expect(page.data?.map((bucket) => bucket.name)).toEqual(['avatars']);
	});

	test('a missing bucket is "Bucket not found"', async () => {
		const { data, error } = await service.storage.getBucket('nope');
		expect(data).toBeNull();
		expect(errorFields(error)).toEqual(apiError('404', 'NoSuchBucket', 'Bucket not found'));
	});

	test('anon sees no bucket without a policy', async () => {
		expect(await anon.storage.listBuckets()).toEqual({ data: [], error: null });
		const { error } = await anon.storage.getBucket('photos');
		expect(errorFields(error)).toEqual(apiError('404', 'NoSuchBucket', 'Bucket not found'));
	});
});

describe('bucket RLS', () => {
	test('anon cannot create a bucket without an insert policy', async () => {
		const { error } = await anon.storage.createBucket('anon-bucket');
		expect(errorFields(error)).toEqual(
			apiError('403', 'AccessDenied', 'new row violates row-level security policy')
		);
	});

	test('a user creates a bucket that policies allow, owned by them, and only sees their own', async () => {
		const user = clientFor(backend, { token: backend.userToken(USER_A) });
		expect(await user.storage.createBucket('team-alpha')).toEqual({
			data: { name: 'team-alpha' },
			error: null,
		});
		const denied = await user.storage.createBucket('personal');
		expect(errorFields(denied.error)).toEqual(
			apiError('403', 'AccessDenied', 'new row violates row-level security policy')
		);
		const { data } = await user.storage.listBuckets();
		expect(data?.map((bucket) => [bucket.name, bucket.owner])).toEqual([['team-alpha', USER_A]]);
		const owned = await service.storage.getBucket('team-alpha');
		expect(owned.data?.owner).toBe(USER_A);
	});

	test('update and delete under RLS do not touch invisible buckets', async () => {
		const update = await anon.storage.updateBucket('archive', { public: true });
		expect(errorFields(update.error)).toEqual(apiError('404', 'NoSuchBucket', 'Bucket not found'));
		const removal = await anon.storage.deleteBucket('archive');
		expect(errorFields(removal.error)).toEqual(apiError('404', 'NoSuchBucket', 'Bucket not found'));
		expect((await service.storage.getBucket('archive')).data?.public).toBe(false);
	});

	test('emptying a bucket is for the service role only (HTTP 403)', async () => {
		const { error } = await anon.storage.emptyBucket('archive');
		expect(errorFields(error)).toEqual(
			apiError('403', 'AccessDenied', 'Access denied: Invalid role', 403)
		);
	});
});

describe('updating, emptying and deleting', () => {
	test('updateBucket changes public, size limit and MIME types', async () => {
		const result = await service.storage.updateBucket('archive', {
			public: true,
			fileSizeLimit: '20mb',
			allowedMimeTypes: ['image/jpeg'],
		});
		expect(result).toEqual({ data: { message: 'Successfully updated' }, error: null });
		const { data } = await service.storage.getBucket('archive');
		expect(data).toMatchObject({
			public: true,
			file_size_limit: 20_000_000,
			allowed_mime_types: ['image/jpeg'],
		});
		await service.storage.updateBucket('archive', {
			public: false,
			fileSizeLimit: null,
			allowedMimeTypes: null,
		});
		expect((await service.storage.getBucket('archive')).data).toMatchObject({
			public: false,
			file_size_limit: null,
			allowed_mime_types: null,
		});
	});

	test('updating a missing bucket is "Bucket not found"', async () => {
		const { error } = await service.storage.updateBucket('nope', { public: true });
		expect(errorFields(error)).toEqual(apiError('404', 'NoSuchBucket', 'Bucket not found'));
	});

	test('a non-empty bucket cannot be deleted; emptying it allows deletion', async () => {
		const files = service.storage.from('archive');
		expect((await files.upload('a/one.txt', 'one')).error).toBeNull();
		expect((await files.upload('two.txt', 'two')).error).toBeNull();
		const refused = await service.storage.deleteBucket('archive');
		expect(errorFields(refused.error)).toEqual(
			apiError('409', 'ResourceNotEmpty', 'The bucket you tried to delete is not empty')
		);
		expect(await service.storage.emptyBucket('archive')).toEqual({
			data: { message: 'Empty bucket has been queued. Completion may take up to an hour.' },
			error: null,
		});
		expect((await files.list()).data).toEqual([]);
		expect(await service.storage.deleteBucket('archive')).toEqual({
			data: { message: 'Successfully deleted' },
			error: null,
		});
		const { error } = await service.storage.getBucket('archive');
		expect(error?.message).toBe('Bucket not found');
	});

	test('deleting or emptying a missing bucket is "Bucket not found"', async () => {
		expect(errorFields((await service.storage.deleteBucket('nope')).error)).toEqual(
			apiError('404', 'NoSuchBucket', 'Bucket not found')
		);
		expect(errorFields((await service.storage.emptyBucket('nope')).error)).toEqual(
			apiError('404', 'NoSuchBucket', 'Bucket not found')
		);
	});
});
