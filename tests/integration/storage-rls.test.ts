import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { clientFor, startTestBackend, type TestBackend } from './support/backend.ts';
import { errorFields } from './support/storage.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const USER_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const USER_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

let backend: TestBackend;
let service: ReturnType<typeof clientFor>;
let anon: ReturnType<typeof clientFor>;
let userA: ReturnType<typeof clientFor>;
let userB: ReturnType<typeof clientFor>;

const rlsError = {
	name: 'StorageApiError',
	message: 'new row violates row-level security policy',
	status: 400,
	statusCode: '403',
	code: 'AccessDenied',
};
const notFound = {
	name: 'StorageApiError',
	message: 'Object not found',
	status: 400,
	statusCode: '404',
	code: 'NoSuchKey',
};

const png = (label: string) => new Blob([`png:${label}`], { type: 'image/png' });

beforeAll(async () => {
	backend = await startTestBackend();
	service = clientFor(backend, 'service');
	anon = clientFor(backend, 'anon');
	userA = clientFor(backend, { token: backend.userToken(USER_A) });
	userB = clientFor(backend, { token: backend.userToken(USER_B) });
	await service.storage.createBucket('avatars', {
		public: true,
		allowedMimeTypes: ['image/*'],
		fileSizeLimit: '1mb',
	});
	await service.storage.createBucket('documents', { public: false });
	await service.storage.createBucket('dropbox', { public: false });
	// The policies a project would write: public avatars (anyone reads, owners write in their uid folder),
	// private documents (only the owner's folder), a drop box that accepts files but shows nothing.
	await backend.db.exec(`
		create policy "avatars are public" on storage.objects for select
			using (bucket_id = 'avatars');
		create policy "users add their avatar" on storage.objects for insert to authenticated
			with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);
		create policy "users replace their avatar" on storage.objects for update to authenticated
			using (bucket_id = 'avatars' and owner_id = auth.uid()::text)
			with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);
		create policy "users delete their avatar" on storage.objects for delete to authenticated
			using (bucket_id = 'avatars' and owner_id = auth.uid()::text);

		create policy "owners read documents" on storage.objects for select to authenticated
			using (bucket_id = 'documents' and (storage.foldername(name))[1] = auth.uid()::text);
		create policy "owners add documents" on storage.objects for insert to authenticated
			with check (bucket_id = 'documents' and (storage.foldername(name))[1] = auth.uid()::text);
		create policy "owners change documents" on storage.objects for update to authenticated
			using (bucket_id = 'documents' and (storage.foldername(name))[1] = auth.uid()::text)
			with check (bucket_id = 'documents' and (storage.foldername(name))[1] = auth.uid()::text);
		create policy "owners delete documents" on storage.objects for delete to authenticated
			using (bucket_id = 'documents' and (storage.foldername(name))[1] = auth.uid()::text);

		create policy "anyone drops files" on storage.objects for insert to authenticated
			with check (bucket_id = 'dropbox');
		create policy "anyone replaces dropped files" on storage.objects for update to authenticated
			using (bucket_id = 'dropbox');
		create policy "anyone deletes dropped files" on storage.objects for delete to authenticated
			using (bucket_id = 'dropbox');
	`);
});
afterAll(async () => backend?.close());

describe('public avatars bucket', () => {
	test('a user uploads into their own uid folder; the row is owned by them', async () => {
		const { data, error } = await userA.storage
			.from('avatars')
			.upload(`${USER_A}/me.png`, png('a'));
		expect(error).toBeNull();
		expect(data?.fullPath).toBe(`avatars/${USER_A}/me.png`);
		const row = await backend.db.query<{ owner: string; owner_id: string }>(
			'select owner::text, owner_id from storage.objects where bucket_id = $1 and name = $2',
			['avatars', `${USER_A}/me.png`]
		);
		expect(row.rows).toEqual([{ owner: USER_A, owner_id: USER_A }]);
	});

	test("a user cannot upload into someone else's folder; anon cannot upload at all", async () => {
		const other = await userB.storage.from('avatars').upload(`${USER_A}/intruder.png`, png('b'));
		expect(errorFields(other.error)).toEqual(rlsError);
		const anonymous = await anon.storage.from('avatars').upload(`${USER_A}/anon.png`, png('anon'));
		expect(errorFields(anonymous.error)).toEqual(rlsError);
	});

	test('anyone reads avatars, with or without a key', async () => {
		const viaAnon = await anon.storage.from('avatars').download(`${USER_A}/me.png`);
		expect(await viaAnon.data?.text()).toBe('png:a');
		const viaB = await userB.storage.from('avatars').download(`${USER_A}/me.png`);
		expect(await viaB.data?.text()).toBe('png:a');
		const { publicUrl } = anon.storage.from('avatars').getPublicUrl(`${USER_A}/me.png`).data;
		expect(await (await fetch(publicUrl)).text()).toBe('png:a');
		const listed = await anon.storage.from('avatars').list(USER_A);
		expect(listed.data?.map((entry) => entry.name)).toEqual(['me.png']);
	});

	test('the owner upserts (insert + select + update); another user cannot', async () => {
		const own = await userA.storage
			.from('avatars')
			.upload(`${USER_A}/me.png`, png('a2'), { upsert: true });
		expect(own.error).toBeNull();
		expect(
			await (await anon.storage.from('avatars').download(`${USER_A}/me.png`)).data?.text()
		).toBe('png:a2');
		const other = await userB.storage
			.from('avatars')
			.upload(`${USER_A}/me.png`, png('b'), { upsert: true });
		expect(errorFields(other.error)).toEqual(rlsError);
		const update = await userB.storage.from('avatars').update(`${USER_A}/me.png`, png('b'));
		expect(errorFields(update.error)).toEqual(rlsError);
		expect(
			await (await anon.storage.from('avatars').download(`${USER_A}/me.png`)).data?.text()
		).toBe('png:a2');
	});

	test("another user's remove() silently skips the avatar; the owner's removes it", async () => {
		await userA.storage.from('avatars').upload(`${USER_A}/old.png`, png('old'));
		expect(await userB.storage.from('avatars').remove([`${USER_A}/old.png`])).toEqual({
			data: [],
			error: null,
		});
		expect(await anon.storage.from('avatars').remove([`${USER_A}/old.png`])).toEqual({
			data: [],
			error: null,
		});
		expect((await anon.storage.from('avatars').exists(`${USER_A}/old.png`)).data).toBe(true);
		const removed = await userA.storage.from('avatars').remove([`${USER_A}/old.png`]);
		expect(removed.data?.map((row) => [row.name, row.owner])).toEqual([
			[`${USER_A}/old.png`, USER_A],
		]);
	});

	test('the bucket limits still apply to owners', async () => {
		const text = await userA.storage.from('avatars').upload(`${USER_A}/notes.txt`, 'text');
		expect(errorFields(text.error)).toMatchObject({ statusCode: '415', code: 'InvalidMimeType' });
	});
});

describe('private documents bucket', () => {
	beforeAll(async () => {
		const { error } = await userA.storage
			.from('documents')
			.upload(`${USER_A}/passport.pdf`, 'A passport', {
				contentType: 'application/pdf',
			});
		expect(error).toBeNull();
	});

	test('the owner reads, lists and gets info', async () => {
		expect(
			await (await userA.storage.from('documents').download(`${USER_A}/passport.pdf`)).data?.text()
		).toBe('A passport');
		expect((await userA.storage.from('documents').list(USER_A)).data?.map((e) => e.name)).toEqual([
			'passport.pdf',
		]);
		expect(
			(await userA.storage.from('documents').info(`${USER_A}/passport.pdf`)).data?.contentType
		).toBe('application/pdf');
	});

	test('another user and anon see nothing: Object not found, empty lists, exists() false', async () => {
		for (const client of [userB, anon]) {
			const files = client.storage.from('documents');
			expect(errorFields((await files.download(`${USER_A}/passport.pdf`)).error)).toEqual(notFound);
			expect(errorFields((await files.info(`${USER_A}/passport.pdf`)).error)).toEqual(notFound);
			expect((await files.exists(`${USER_A}/passport.pdf`)).data).toBe(false);
			expect(await files.list(USER_A)).toEqual({ data: [], error: null });
			expect(await files.list()).toEqual({ data: [], error: null });
			expect(
				errorFields((await files.createSignedUrl(`${USER_A}/passport.pdf`, 60)).error)
			).toEqual(notFound);
		}
	});

	test('without any key the private object is not served', async () => {
		const response = await fetch(
			`${backend.url}/storage/v1/object/documents/${USER_A}/passport.pdf`
		);
		expect(await response.json()).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
	});

	test('another user can neither replace, move nor remove the document', async () => {
		const files = userB.storage.from('documents');
		expect(
			errorFields((await files.upload(`${USER_A}/passport.pdf`, 'forged', { upsert: true })).error)
		).toEqual(rlsError);
		expect(
			errorFields((await files.move(`${USER_A}/passport.pdf`, `${USER_B}/stolen.pdf`)).error)
		).toEqual(notFound);
		expect(
			errorFields((await files.copy(`${USER_A}/passport.pdf`, `${USER_B}/stolen.pdf`)).error)
		).toEqual(notFound);
		expect(await files.remove([`${USER_A}/passport.pdf`])).toEqual({ data: [], error: null });
		expect(
			await (await userA.storage.from('documents').download(`${USER_A}/passport.pdf`)).data?.text()
		).toBe('A passport');
	});

	test("the owner cannot move or copy a document into someone else's folder", async () => {
		const files = userA.storage.from('documents');
		expect(
			errorFields((await files.move(`${USER_A}/passport.pdf`, `${USER_B}/gift.pdf`)).error)
		).toEqual(rlsError);
		expect(
			errorFields((await files.copy(`${USER_A}/passport.pdf`, `${USER_B}/gift.pdf`)).error)
		).toEqual(rlsError);
	});

	test('the owner moves and copies within their folder', async () => {
		const files = userA.storage.from('documents');
		await files.upload(`${USER_A}/draft.txt`, 'draft');
		expect(await files.move(`${USER_A}/draft.txt`, `${USER_A}/final.txt`)).toEqual({
			data: { message: 'Successfully moved', Id: expect.any(String), Key: `${USER_A}/final.txt` },
			error: null,
		});
		expect((await files.download(`${USER_A}/draft.txt`)).error?.message).toBe('Object not found');
		expect(await (await files.download(`${USER_A}/final.txt`)).data?.text()).toBe('draft');
		expect(await files.copy(`${USER_A}/final.txt`, `${USER_A}/final-copy.txt`)).toEqual({
			data: { path: `documents/${USER_A}/final-copy.txt` },
			error: null,
		});
		expect(await (await files.download(`${USER_A}/final-copy.txt`)).data?.text()).toBe('draft');
	});

	test('a signed URL made by the owner works for anyone, without a key', async () => {
		const { data, error } = await userA.storage
			.from('documents')
			.createSignedUrl(`${USER_A}/passport.pdf`, 60);
		expect(error).toBeNull();
		const response = await fetch(data?.signedUrl ?? '');
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('A passport');
	});

	test('the service role bypasses RLS', async () => {
		expect((await service.storage.from('documents').list(USER_A)).data?.map((e) => e.name)).toEqual(
			['final-copy.txt', 'final.txt', 'passport.pdf']
		);
		expect(
			(await service.storage.from('documents').upload(`${USER_B}/by-admin.txt`, 'admin')).error
		).toBeNull();
	});
});

describe('which policies each operation needs', () => {
	test('a plain upload needs only INSERT; an upsert also needs SELECT (and UPDATE)', async () => {
		const files = userA.storage.from('dropbox');
		expect((await files.upload('drop.txt', 'one')).error).toBeNull();
		expect(errorFields((await files.upload('drop.txt', 'two', { upsert: true })).error)).toEqual(
			rlsError
		);
		expect(errorFields((await files.upload('fresh.txt', 'new', { upsert: true })).error)).toEqual(
			rlsError
		);
	});

	test('remove needs SELECT as well as DELETE: invisible rows are skipped', async () => {
		expect(await userA.storage.from('dropbox').remove(['drop.txt'])).toEqual({
			data: [],
			error: null,
		});
		expect((await service.storage.from('dropbox').exists('drop.txt')).data).toBe(true);
	});

	test('listing needs SELECT, even where uploads are allowed', async () => {
		expect(await userA.storage.from('dropbox').list()).toEqual({ data: [], error: null });
	});

	test('policies see storage.operation() and the JWT claims', async () => {
		await service.storage.createBucket('audited');
		await backend.db.exec(`
			create policy "uploads only, by the claimed user" on storage.objects for insert to authenticated
				with check (
					bucket_id = 'audited'
					and storage.operation() = 'storage.object.upload'
					and auth.jwt() ->> 'sub' = auth.uid()::text
					and auth.role() = 'authenticated'
				);
		`);
		const files = userB.storage.from('audited');
		expect((await files.upload('direct.txt', 'x')).error).toBeNull();
		expect(errorFields((await files.createSignedUploadUrl('signed.txt')).error)).toEqual(rlsError);
	});

	test('the final write runs as the service role, after the caller passed the test', async () => {
		await backend.db.exec(`
			create table public.seen (operation text, sub text, role text);
			grant insert on public.seen to authenticated, service_role;
			create function public.record_seen() returns trigger language plpgsql as $$
			begin
				insert into public.seen values (storage.operation(), auth.uid()::text, auth.role());
				return new;
			end $$;
			create trigger record_seen before insert on storage.objects
				for each row when (new.bucket_id = 'dropbox') execute function public.record_seen();
		`);
		expect((await userB.storage.from('dropbox').upload('traced.txt', 'x')).error).toBeNull();
		const seen = await backend.db.query('select * from public.seen');
		expect(seen.rows).toEqual([
			{ operation: 'storage.object.upload', sub: null, role: 'service_role' },
		]);
	});
});
