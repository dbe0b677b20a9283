import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { signJwt } from '../../supabase/embedded/jwt.ts';
import { clientFor, startTestBackend, type TestBackend } from './support/backend.ts';
import { errorFields } from './support/storage.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const USER_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

let backend: TestBackend;
let service: ReturnType<typeof clientFor>;
let anon: ReturnType<typeof clientFor>;

const apiError = (statusCode: string, code: string, message: string) => ({
	name: 'StorageApiError',
	message,
	status: 400,
	statusCode,
	code,
});

beforeAll(async () => {
	backend = await startTestBackend();
	service = clientFor(backend, 'service');
	anon = clientFor(backend, 'anon');
	await service.storage.createBucket('private');
	await service.storage.createBucket('other');
	await service.storage.createBucket('limited', {
		public: false,
		fileSizeLimit: 10,
		allowedMimeTypes: ['text/plain'],
	});
	await service.storage
		.from('private')
		.upload('folder/report.txt', 'the report', { contentType: 'text/plain' });
	await service.storage
		.from('private')
		.upload('folder/second.txt', 'second', { contentType: 'text/plain' });
});
afterAll(async () => backend?.close());

function tokenOf(signedUrl: string): string {
	return new URL(signedUrl).searchParams.get('token') ?? '';
}

describe('signed download URLs', () => {
	test('createSignedUrl returns a URL under /object/sign that works without any key', async () => {
		const before = Math.floor(Date.now() / 1000);
		const { data, error } = await service.storage
			.from('private')
			.createSignedUrl('folder/report.txt', 120);
		expect(error).toBeNull();
		expect(data?.signedUrl).toMatch(
			new RegExp(
				`^${backend.url}/storage/v1/object/sign/private/folder/report\\.txt\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`
			)
		);
		const claims = JSON.parse(
			Buffer.from(tokenOf(data?.signedUrl ?? '').split('.')[1] ?? '', 'base64url').toString()
		);
		expect(claims).toEqual({
			url: 'private/folder/report.txt',
			scope: 'download',
			iat: expect.any(Number),
			exp: expect.any(Number),
		});
		expect(claims.exp - claims.iat).toBe(120);
		expect(claims.iat).toBeGreaterThanOrEqual(before);

		const response = await fetch(data?.signedUrl ?? '');
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('the report');
		expect(response.headers.get('expires')).toBe(new Date(claims.exp * 1000).toUTCString());
		expect(response.headers.get('cache-control')).toBeNull();
		const head = await fetch(data?.signedUrl ?? '', { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-length')).toBe('10');
		expect(await head.text()).toBe('');
	});

	test('download option sets Content-Disposition', async () => {
		const named = await service.storage
			.from('private')
			.createSignedUrl('folder/report.txt', 60, { download: 'r.txt' });
		expect(named.data?.signedUrl).toContain('&download=r.txt');
		expect((await fetch(named.data?.signedUrl ?? '')).headers.get('content-disposition')).toBe(
			"attachment; filename=r.txt; filename*=UTF-8''r.txt"
		);
		const plain = await service.storage
			.from('private')
			.createSignedUrl('folder/report.txt', 60, { download: true });
		expect((await fetch(plain.data?.signedUrl ?? '')).headers.get('content-disposition')).toBe(
			'attachment;'
		);
	});

	test('createSignedUrls: one entry per path, an error for missing ones', async () => {
		const { data, error } = await service.storage
			.from('private')
			.createSignedUrls(['folder/report.txt', 'folder/missing.txt', 'folder/second.txt'], 60);
		expect(error).toBeNull();
		expect(data).toEqual([
			{
				error: null,
				path: 'folder/report.txt',
				signedURL: expect.stringMatching(/^\/object\/sign\/private\/folder\/report\.txt\?token=/),
				signedUrl: expect.stringMatching(
					new RegExp(`^${backend.url}/storage/v1/object/sign/private/folder/report`)
				),
			},
			{
				error: 'Either the object does not exist or you do not have access to it',
				path: 'folder/missing.txt',
				signedURL: null,
				signedUrl: null,
			},
			{
				error: null,
				path: 'folder/second.txt',
				signedURL: expect.any(String),
				signedUrl: expect.any(String),
			},
		]);
		expect(await (await fetch(data?.[2]?.signedUrl ?? '')).text()).toBe('second');
	});

	test('signing a missing object is "Object not found"; expiresIn must be at least 1', async () => {
		const missing = await service.storage.from('private').createSignedUrl('folder/none.txt', 60);
		expect(errorFields(missing.error)).toEqual(apiError('404', 'NoSuchKey', 'Object not found'));
		const zero = await service.storage.from('private').createSignedUrl('folder/report.txt', 0);
		expect(errorFields(zero.error)).toEqual(
			apiError('400', 'InvalidRequest', 'body/expiresIn must be >= 1')
		);
	});

	test('a token only opens the object it was made for', async () => {
		const { data } = await service.storage.from('private').createSignedUrl('folder/report.txt', 60);
		const token = tokenOf(data?.signedUrl ?? '');
		const response = await fetch(
			`${backend.url}/storage/v1/object/sign/private/folder/second.txt?token=${token}`
		);
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			statusCode: '400',
			code: 'InvalidSignature',
			error: 'InvalidSignature',
			message: 'Invalid signature',
		});
	});

	test('tampered, foreign, expired and missing tokens are refused', async () => {
		const url = `${backend.url}/storage/v1/object/sign/private/folder/report.txt`;
		const { data } = await service.storage.from('private').createSignedUrl('folder/report.txt', 60);
		const token = tokenOf(data?.signedUrl ?? '');
		const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
		expect(await (await fetch(`${url}?token=${tampered}`)).json()).toEqual({
			statusCode: '400',
			code: 'InvalidJWT',
			error: 'InvalidJWT',
			message: 'signature verification failed',
		});
		const foreign = signJwt(
			{ url: 'private/folder/report.txt', scope: 'download', exp: 4102444800 },
			'another-secret-another-secret-12345'
		);
		expect(await (await fetch(`${url}?token=${foreign}`)).json()).toMatchObject({
			code: 'InvalidJWT',
			message: 'signature verification failed',
		});
		const expired = signJwt(
			{ url: 'private/folder/report.txt', scope: 'download', iat: 1, exp: 2 },
			backend.jwtSecret
		);
		expect(await (await fetch(`${url}?token=${expired}`)).json()).toEqual({
			statusCode: '400',
			code: 'InvalidJWT',
			error: 'InvalidJWT',
			message: '"exp" claim timestamp check failed',
		});
		expect(await (await fetch(`${url}?token=not-a-jwt`)).json()).toMatchObject({
			code: 'InvalidJWT',
			message: 'Invalid Compact JWS',
		});
		expect(await (await fetch(url)).json()).toMatchObject({
			statusCode: '400',
			message: "querystring must have required property 'token'",
		});
	});

	test('an upload token cannot be used to download', async () => {
		const { data } = await service.storage
			.from('private')
			.createSignedUploadUrl('folder/upload-only.txt');
		const response = await fetch(
			`${backend.url}/storage/v1/object/sign/private/folder/upload-only.txt?token=${data?.token}`
		);
		expect(await response.json()).toMatchObject({
			code: 'InvalidSignature',
			message: 'Token is not scoped for download',
		});
	});

	test('an image transformation is refused with an error naming the feature', async () => {
		const { error } = await service.storage
			.from('private')
			.createSignedUrl('folder/report.txt', 60, { transform: { width: 100 } });
		expect(errorFields(error)).toMatchObject({ code: 'FeatureNotEnabled' });
		expect(error?.message).toContain('Image transformation');
	});
});

describe('signed upload URLs', () => {
	test('createSignedUploadUrl then uploadToSignedUrl, without any key, owned by the signer', async () => {
		const user = clientFor(backend, { token: backend.userToken(USER_A) });
		await backend.db.exec(`
			create policy "users sign uploads into other" on storage.objects for insert to authenticated
				with check (bucket_id = 'other');
		`);
		const { data, error } = await user.storage
			.from('other')
			.createSignedUploadUrl('inbox/file.txt');
		expect(error).toBeNull();
		expect(data).toEqual({
			signedUrl: expect.stringMatching(
				new RegExp(`^${backend.url}/storage/v1/object/upload/sign/other/inbox/file\\.txt\\?token=`)
			),
			path: 'inbox/file.txt',
			token: expect.any(String),
		});
		const claims = JSON.parse(
			Buffer.from((data?.token ?? '').split('.')[1] ?? '', 'base64url').toString()
		);
		expect(claims).toMatchObject({
			owner: USER_A,
			url: 'other/inbox/file.txt',
			upsert: false,
			scope: 'upload',
		});
		expect(claims.exp - claims.iat).toBe(7200);

		const keyless = clientFor(backend, 'anon');
		const upload = await keyless.storage
			.from('other')
			.uploadToSignedUrl('inbox/file.txt', data?.token ?? '', 'signed body');
		expect(upload).toEqual({
			data: { path: 'inbox/file.txt', fullPath: 'other/inbox/file.txt' },
			error: null,
		});
		expect(
			await (await service.storage.from('other').download('inbox/file.txt')).data?.text()
		).toBe('signed body');
		const row = await backend.db.query('select owner_id from storage.objects where name = $1', [
			'inbox/file.txt',
		]);
		expect(row.rows).toEqual([{ owner_id: USER_A }]);

		const again = await keyless.storage
			.from('other')
			.uploadToSignedUrl('inbox/file.txt', data?.token ?? '', 'x');
		expect(errorFields(again.error)).toEqual(
			apiError('409', 'KeyAlreadyExists', 'The resource already exists')
		);
	});

	test('without upsert an existing key fails at signing; with upsert the token overwrites', async () => {
		const refused = await service.storage
			.from('private')
			.createSignedUploadUrl('folder/report.txt');
		expect(errorFields(refused.error)).toEqual(
			apiError('409', 'KeyAlreadyExists', 'The resource already exists')
		);
		const { data } = await service.storage
			.from('private')
			.createSignedUploadUrl('folder/report.txt', { upsert: true });
		const upload = await anon.storage
			.from('private')
			.uploadToSignedUrl(
				'folder/report.txt',
				data?.token ?? '',
				new Blob(['replaced'], { type: 'text/plain' })
			);
		expect(upload.error).toBeNull();
		expect(
			await (await service.storage.from('private').download('folder/report.txt')).data?.text()
		).toBe('replaced');
	});

	test('a signed upload still obeys the bucket limits', async () => {
		const { data } = await service.storage.from('limited').createSignedUploadUrl('big.txt');
		const big = await anon.storage
			.from('limited')
			.uploadToSignedUrl('big.txt', data?.token ?? '', 'more than ten bytes', {
				contentType: 'text/plain',
			});
		expect(errorFields(big.error)).toEqual(
			apiError('413', 'EntityTooLarge', 'The object exceeded the maximum allowed size')
		);
		const typed = await anon.storage
			.from('limited')
			.uploadToSignedUrl('big.txt', data?.token ?? '', 'tiny', {
				contentType: 'image/png',
			});
		expect(errorFields(typed.error)).toEqual(
			apiError('415', 'InvalidMimeType', 'mime type image/png is not supported')
		);
	});

	test('an upload token only works for its path, and a download token never uploads', async () => {
		const { data } = await service.storage.from('private').createSignedUploadUrl('folder/new.txt');
		const elsewhere = await anon.storage
			.from('private')
			.uploadToSignedUrl('folder/elsewhere.txt', data?.token ?? '', 'x');
		expect(errorFields(elsewhere.error)).toEqual(
			apiError('400', 'InvalidSignature', 'Invalid signature')
		);
		const signed = await service.storage.from('private').createSignedUrl('folder/second.txt', 60);
		const replay = await anon.storage
			.from('private')
			.uploadToSignedUrl('folder/second.txt', tokenOf(signed.data?.signedUrl ?? ''), 'overwrite');
		expect(errorFields(replay.error)).toEqual(
			apiError('400', 'InvalidSignature', 'Token is not scoped for upload')
		);
	});
});

describe('move and copy', () => {
	test('move renames, keeps the id, and the old name is gone', async () => {
		const files = service.storage.from('private');
		const uploaded = await files.upload('move/a.txt', 'moving');
		const { data, error } = await files.move('move/a.txt', 'move/b.txt');
		expect(error).toBeNull();
		expect(data).toEqual({
			message: 'Successfully moved',
			Id: uploaded.data?.id,
			Key: 'move/b.txt',
		});
		expect((await files.download('move/a.txt')).error?.message).toBe('Object not found');
		expect(await (await files.download('move/b.txt')).data?.text()).toBe('moving');
	});

	test('move across buckets', async () => {
		await service.storage.from('private').upload('move/cross.txt', 'cross');
		const { error } = await service.storage
			.from('private')
			.move('move/cross.txt', 'arrived/cross.txt', { destinationBucket: 'other' });
		expect(error).toBeNull();
		expect(
			await (await service.storage.from('other').download('arrived/cross.txt')).data?.text()
		).toBe('cross');
	});

	test('move failures: missing source, empty destination, taken destination', async () => {
		const files = service.storage.from('private');
		expect(errorFields((await files.move('move/none.txt', 'move/x.txt')).error)).toEqual(
			apiError('404', 'NoSuchKey', 'Object not found')
		);
		expect(errorFields((await files.move('move/b.txt', '')).error)).toEqual(
			apiError('400', 'InvalidKey', 'Invalid key: ')
		);
		await files.upload('move/taken.txt', 'taken');
		expect(errorFields((await files.move('move/b.txt', 'move/taken.txt')).error)).toEqual(
			apiError('409', 'ResourceAlreadyExists', 'The resource already exists')
		);
	});

	test('copy duplicates the bytes and metadata and returns the destination path', async () => {
		const files = service.storage.from('private');
		await files.upload('copy/src.txt', 'copied', {
			contentType: 'text/plain',
			metadata: { tag: 'x' },
		});
		expect(await files.copy('copy/src.txt', 'copy/dst.txt')).toEqual({
			data: { path: 'private/copy/dst.txt' },
			error: null,
		});
		expect(await (await files.download('copy/dst.txt')).data?.text()).toBe('copied');
		expect(await (await files.download('copy/src.txt')).data?.text()).toBe('copied');
		expect((await files.info('copy/dst.txt')).data).toMatchObject({
			contentType: 'text/plain',
			metadata: { tag: 'x' },
		});
		const across = await files.copy('copy/src.txt', 'copy/dst.txt', { destinationBucket: 'other' });
		expect(across.data).toEqual({ path: 'other/copy/dst.txt' });
	});

	test('copy onto an existing name is a 409; a missing source is "Object not found"', async () => {
		const files = service.storage.from('private');
		expect(errorFields((await files.copy('copy/src.txt', 'copy/dst.txt')).error)).toEqual(
			apiError('409', 'KeyAlreadyExists', 'The resource already exists')
		);
		expect(errorFields((await files.copy('copy/none.txt', 'copy/y.txt')).error)).toEqual(
			apiError('404', 'NoSuchKey', 'Object not found')
		);
	});
});
