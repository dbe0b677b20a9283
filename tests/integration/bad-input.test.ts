/**
 * Bad input, end to end through supabase-js (raw fetch only where supabase-js cannot send the input): every case
 * gets the status and error body Supabase gives, writes nothing (the table, user or bucket is checked
 * afterwards), and the server keeps serving (a follow-up request succeeds).
 *
 * Cases the other suites already cover, not repeated here:
 * - REST: invalid JSON and mismatched keys on insert → 400 PGRST102 (rest-write "rejects bodies that are not
 *   usable JSON"); wrong types, NOT NULL, FK and unique violations on insert → 22P02 / 23502 / 23503 / 23505
 *   (rest-write "maps constraint violations to PostgREST statuses"); unknown body columns on insert → PGRST204
 *   (rest-write "rejects unknown columns with PGRST204"); bad filter values (22P02), bad filter and select syntax
 *   (PGRST100) and unknown columns (42703) on reads (rest-read "reports bad values and bad syntax", "reports
 *   unknown columns …"); UPDATE / DELETE without filters → 400 21000 (rest-write "safe updates"); expired
 *   (PGRST303) and wrong-secret (PGRST301) JWTs on reads (auth-sessions "REST refuses expired and forged tokens").
 * - Auth: malformed JSON and wrong types → 400 bad_json, bodies over 1 MiB → 413 (auth-signup-signin); expired,
 *   forged and malformed JWTs on GET /user → 403 bad_jwt (auth-sessions "bad access tokens"); user tokens on the
 *   admin API (auth-admin).
 * - Storage: malformed JSON → 400, JSON bodies over 1 MiB → 413, wrong types → schema errors, expired / forged /
 *   garbage JWTs → AccessDenied (storage-robustness "bad input"); `../`, `%2f..%2f`, absolute, NUL and
 *   backslash object names on upload, download and info → 400 InvalidKey, nothing written outside the bucket
 *   (storage-objects "object names"); oversize uploads → 413 EntityTooLarge with nothing stored, and wrong-type
 *   uploads → 415 InvalidMimeType (storage-objects "limits", storage-early-reject, storage-signed-urls "a signed
 *   upload still obeys the bucket limits"); bad signed-URL tokens (storage-signed-urls); malformed bucket
 *   settings (storage-buckets "creating buckets").
 * Here: the same kinds of input on the routes and methods those files leave out — updates, deletes, calls,
 * bulk writes, moves and copies, uploads — and the "writes nothing" check for each.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { signJwt } from '../../supabase/embedded/jwt.ts';
import { clientFor, startTestBackend, type TestBackend, uniqueEmail } from './support/backend.ts';
import { errorFields } from './support/storage.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const SQL = `
create table public.things (
  id int primary key,
  slug text unique not null,
  n int not null default 0,
  tags text[]
);
insert into public.things (id, slug, n, tags) values (1, 'one', 1, '{a}'), (2, 'two', 2, null);
create function public.bump(thing int) returns int language sql volatile as
  $$ update public.things set n = n + 1 where id = thing returning n $$;
`;

const WRONG_SECRET = 'not-the-secret-not-the-secret-not-the-secret';

let backend: TestBackend;
let anon: SupabaseClient;
let service: SupabaseClient;

beforeAll(async () => {
	backend = await startTestBackend({ sql: SQL, overrides: { mailerAutoconfirm: true } });
	anon = backend.anon();
	service = backend.service();
	await service.storage.createBucket('box', {
		public: false,
		fileSizeLimit: '1kb',
		allowedMimeTypes: ['text/plain'],
	});
	await service.storage.from('box').upload('kept.txt', 'kept', { contentType: 'text/plain' });
});
afterAll(async () => backend?.close());

/** Every row of public.things, read as the superuser. */
async function things(): Promise<unknown[]> {
	return (await backend.db.query('select id, slug, n, tags from public.things order by id')).rows;
}

const ORIGINAL = [
	{ id: 1, slug: 'one', n: 1, tags: ['a'] },
	{ id: 2, slug: 'two', n: 2, tags: null },
];

/** A follow-up request that must succeed: the server kept serving. */
async function stillServing(): Promise<void> {
	const { data, error } = await anon.from('things').select('id').order('id');
	expect(error).toBeNull();
	expect(data).toEqual([{ id: 1 }, { id: 2 }]);
}

/** A raw REST request with the anon key (for bodies and headers supabase-js cannot send). */
function rest(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
	return fetch(`${backend.url}/rest/v1${path}`, {
		...init,
		headers: { apikey: backend.anonKey, 'content-type': 'application/json', ...init.headers },
	}).then(async (response) => ({ status: response.status, body: await response.json() }));
}

/** A supabase-js client sending `token` as its bearer. */
function withBearer(token: string): SupabaseClient {
	return createClient(backend.url, backend.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		global: { headers: { Authorization: `Bearer ${token}` } },
	});
}

describe('REST: malformed JSON', () => {
	test('an update with an unparsable body is 400 PGRST102 and changes nothing', async () => {
		expect(await rest('/things?id=eq.1', { method: 'PATCH', body: '{"n": ' })).toEqual({
			status: 400,
			body: { code: 'PGRST102', details: null, hint: null, message: 'Empty or invalid json' },
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});

	test('a call with an unparsable body is 400 PGRST102 and the function does not run', async () => {
		expect(await rest('/rpc/bump', { method: 'POST', body: '{"thing": 1' })).toEqual({
			status: 400,
			body: { code: 'PGRST102', details: null, hint: null, message: 'Empty or invalid json' },
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});

	test('an array of non-objects is 400 PGRST102 and inserts nothing', async () => {
		expect(await rest('/things', { method: 'POST', body: '[{"id": 3, "slug": "x"}, 4]' })).toEqual({
			status: 400,
			body: {
				code: 'PGRST102',
				details: null,
				hint: null,
				message: 'All object keys must match',
			},
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});
});

describe('REST: wrong types', () => {
	test('one bad row fails the whole bulk insert: 400 22P02, no row written', async () => {
		const res = await anon.from('things').insert([
			{ id: 3, slug: 'three', n: 3 },
			{ id: 4, slug: 'four', n: 'many' },
		]);
		expect(res).toMatchObject({ status: 400, data: null });
		expect(res.error).toEqual({
			code: '22P02',
			details: null,
			hint: null,
			message: 'invalid input syntax for type integer: "many"',
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});

	test('an update with a wrong type, an out-of-range number or a malformed array changes nothing', async () => {
		const wrong = await anon.from('things').update({ n: 'many' }).eq('id', 1);
		expect(wrong.status).toBe(400);
		expect(wrong.error).toEqual({
			code: '22P02',
			details: null,
			hint: null,
			message: 'invalid input syntax for type integer: "many"',
		});
		const range = await anon.from('things').update({ n: 99_999_999_999 }).eq('id', 1);
		expect(range.status).toBe(400);
		expect(range.error).toEqual({
			code: '22003',
			details: null,
			hint: null,
			message: 'value "99999999999" is out of range for type integer',
		});
		const array = await anon.from('things').update({ tags: 'not-an-array' }).eq('id', 1);
		expect(array.status).toBe(400);
		expect(array.error).toEqual({
			code: '22P02',
			details: 'Array value must start with "{" or dimension information.',
			hint: null,
			message: 'malformed array literal: "not-an-array"',
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});

	test('a call with a wrong argument type is 400 22P02 and the function does not run', async () => {
		const res = await anon.rpc('bump', { thing: 'first' });
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: '22P02',
			details: null,
			hint: null,
			message: 'invalid input syntax for type integer: "first"',
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});
});

describe('REST: unknown columns', () => {
	test('an update or upsert naming an unknown column is 400 PGRST204 and writes nothing', async () => {
		const unknown = {
			code: 'PGRST204',
			details: null,
			hint: null,
			message: "Could not find the 'nope' column of 'things' in the schema cache",
		};
		const update = await anon.from('things').update({ n: 5, nope: 1 }).eq('id', 1);
		expect(update.status).toBe(400);
		expect(update.error).toEqual(unknown);
		const upsert = await anon.from('things').upsert({ id: 1, slug: 'one', n: 9, nope: 1 });
		expect(upsert.status).toBe(400);
		expect(upsert.error).toEqual(unknown);
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});

	test('an insert returning an unknown column is 400 42703 and the insert is rolled back', async () => {
		const res = await anon.from('things').insert({ id: 3, slug: 'three' }).select('id, nope');
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: '42703',
			details: null,
			hint: null,
			message: 'column things.nope does not exist',
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});
});

describe('REST: bad filter syntax on writes', () => {
	// PostgREST's `details` here is Parsec's "unexpected … expecting …" line, whose wording is not pinned.
	test('an unknown operator on delete or update is 400 PGRST100 and touches no row', async () => {
		const parseError = {
			code: 'PGRST100',
			hint: null,
			message: '"failed to parse filter (nope.1)" (line 1, column 1)',
		};
		const del = await anon.from('things').delete().filter('id', 'nope', '1');
		expect(del.status).toBe(400);
		expect(del.error).toMatchObject(parseError);
		const upd = await anon.from('things').update({ n: 0 }).filter('id', 'nope', '1');
		expect(upd.status).toBe(400);
		expect(upd.error).toMatchObject(parseError);
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});

	test('an unbalanced or=() on delete is 400 PGRST100 and deletes nothing', async () => {
		const res = await anon.from('things').delete().or('id.eq.1,and(id.eq.2');
		expect(res.status).toBe(400);
		expect(res.error).toMatchObject({
			code: 'PGRST100',
			hint: null,
			message: '"failed to parse logic tree ((id.eq.1,and(id.eq.2))" (line 1, column 24)',
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});

	test('a filter value of the wrong type on delete is 400 22P02 and deletes nothing', async () => {
		const res = await anon.from('things').delete().eq('id', 'one');
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: '22P02',
			details: null,
			hint: null,
			message: 'invalid input syntax for type integer: "one"',
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});
});

describe('REST: huge bodies', () => {
	test('a body over the gateway limit is 413 and inserts nothing', async () => {
		const res = await anon.from('things').insert({ id: 3, slug: 'x'.repeat(17 * 1024 * 1024) });
		expect(res.status).toBe(413);
		expect(res.error).toEqual({ message: 'Request size limit exceeded' });
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});
});

describe('REST: batches that hit one row twice', () => {
	// PostgREST maps SQLSTATE 21000 (other than pg-safeupdate's) to 500; kept for fidelity, see ADR 006.
	test('an upsert naming one key twice is PostgREST’s 500 21000 and writes nothing', async () => {
		const res = await anon.from('things').upsert([
			{ id: 1, slug: 'one', n: 10 },
			{ id: 1, slug: 'one', n: 11 },
		]);
		expect(res.status).toBe(500);
		expect(res.error).toEqual({
			code: '21000',
			details: null,
			hint: 'Ensure that no rows proposed for insertion within the same command have duplicate constrained values.',
			message: 'ON CONFLICT DO UPDATE command cannot affect row a second time',
		});
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});
});

describe('REST: bad JWTs on writes', () => {
	const now = () => Math.floor(Date.now() / 1000);

	test('expired, wrong-secret, unsigned and truncated tokens are 401 and write nothing', async () => {
		const claims = { sub: crypto.randomUUID(), role: 'authenticated', aud: 'authenticated' };
		const expired = signJwt({ ...claims, exp: now() - 60 }, backend.jwtSecret);
		const wrongSecret = signJwt({ ...claims, role: 'service_role', exp: now() + 60 }, WRONG_SECRET);
		const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
		const payload = Buffer.from(JSON.stringify({ ...claims, role: 'service_role' })).toString(
			'base64url'
		);
		const unsigned = `${header}.${payload}.`;
		const truncated = `${header}.${payload}`;
		const cases: [string, string, string][] = [
			[expired, 'PGRST303', 'JWT expired'],
			[wrongSecret, 'PGRST301', 'JWT cryptographic operation failed'],
			[unsigned, 'PGRST301', 'Wrong or unsupported encoding algorithm'],
			[truncated, 'PGRST301', 'Expected 3 parts in JWT; got 2'],
		];
		for (const [token, code, message] of cases) {
			const client = withBearer(token);
			const insert = await client.from('things').insert({ id: 3, slug: 'three' });
			expect(insert.status).toBe(401);
			expect(insert.error).toEqual({ code, details: null, hint: null, message });
			const update = await client.from('things').update({ n: 0 }).eq('id', 1);
			expect(update.status).toBe(401);
			const call = await client.rpc('bump', { thing: 1 });
			expect(call.status).toBe(401);
		}
		expect(await things()).toEqual(ORIGINAL);
		await stillServing();
	});
});

describe('auth: bad JWTs on writes', () => {
	test('updating a user with an expired or wrong-secret token is 403 bad_jwt and changes nothing', async () => {
		const email = uniqueEmail('bad-input');
		const { data } = await anon.auth.signUp({ email, password: 'a-long-enough-secret' });
		const accessToken = data.session?.access_token ?? '';
		const userId = data.user?.id ?? '';
		const claims = JSON.parse(
			Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()
		) as Record<string, unknown>;
		const expired = signJwt(
			{ ...claims, exp: Math.floor(Date.now() / 1000) - 10 },
			backend.jwtSecret
		);
		const forged = signJwt(claims, WRONG_SECRET);
		const update = (token: string) =>
			fetch(`${backend.url}/auth/v1/user`, {
				method: 'PUT',
				headers: {
					apikey: backend.anonKey,
					authorization: `Bearer ${token}`,
					'content-type': 'application/json',
					'X-Supabase-Api-Version': '2024-01-01',
				},
				body: JSON.stringify({ data: { hacked: true }, password: 'another-long-secret' }),
			}).then(async (response) => ({ status: response.status, body: await response.json() }));
		expect(await update(expired)).toEqual({
			status: 403,
			body: {
				code: 'bad_jwt',
				message:
					'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
			},
		});
		expect(await update(forged)).toEqual({
			status: 403,
			body: {
				code: 'bad_jwt',
				message:
					'invalid JWT: unable to parse or verify signature, token signature is invalid: signature is invalid',
			},
		});
		const { data: after } = await service.auth.admin.getUserById(userId);
		expect(after.user?.user_metadata).not.toHaveProperty('hacked');
		const signIn = await backend
			.anon()
			.auth.signInWithPassword({ email, password: 'a-long-enough-secret' });
		expect(signIn.error).toBeNull();
	});
});

describe('storage: bad JWTs on writes', () => {
	test('uploads with an expired or wrong-secret token are AccessDenied and store nothing', async () => {
		const expired = backend.userToken(crypto.randomUUID(), { exp: 1 });
		const forged = signJwt(
			{ sub: crypto.randomUUID(), role: 'service_role', exp: 4102444800 },
			WRONG_SECRET
		);
		for (const [token, message] of [
			[expired, '"exp" claim timestamp check failed'],
			[forged, 'signature verification failed'],
		] as const) {
			const files = clientFor(backend, { token }).storage.from('box');
			expect(errorFields((await files.upload('intruder.txt', 'x')).error)).toEqual({
				name: 'StorageApiError',
				message,
				status: 400,
				statusCode: '403',
				code: 'AccessDenied',
			});
			expect(errorFields((await files.remove(['kept.txt'])).error)).toMatchObject({
				statusCode: '403',
				message,
			});
		}
		const box = service.storage.from('box');
		expect((await box.exists('intruder.txt')).data).toBe(false);
		expect(await (await box.download('kept.txt')).data?.text()).toBe('kept');
	});
});

// supabase-js builds object URLs with fetch, which resolves `..` before sending, so uploads with such names are
// tested with raw requests in storage-objects; moves and copies carry the destination in a JSON body.
describe('storage: traversal and absolute names as move and copy destinations', () => {
	test.each([
		['../escape.txt', 'Invalid key: ../escape.txt contains dot path segment'],
		['a/../../escape.txt', 'Invalid key: a/../../escape.txt contains dot path segment'],
		['/etc/passwd', 'Invalid key: /etc/passwd must be a relative path'],
	])('destination %s is 400 InvalidKey; the source stays', async (destination, message) => {
		const box = service.storage.from('box');
		const invalid = {
			name: 'StorageApiError',
			message,
			status: 400,
			statusCode: '400',
			code: 'InvalidKey',
		};
		expect(errorFields((await box.move('kept.txt', destination)).error)).toEqual(invalid);
		expect(errorFields((await box.copy('kept.txt', destination)).error)).toEqual(invalid);
		const rows = await backend.db.query<{ name: string }>(
			"select name from storage.objects where bucket_id = 'box' order by name"
		);
		expect(rows.rows).toEqual([{ name: 'kept.txt' }]);
		expect(await (await box.download('kept.txt')).data?.text()).toBe('kept');
	});
});

describe('storage: refused uploads write nothing', () => {
	// The statuses and bodies are asserted in storage-objects "limits"; here: no row, no object, still serving.
	test('oversize and wrong-type uploads leave no object behind', async () => {
		const box = service.storage.from('box');
		expect(
			(await box.upload('big.txt', 'x'.repeat(2000), { contentType: 'text/plain' })).error
		).toMatchObject({ statusCode: '413' });
		expect(
			(await box.upload('page.html', '<p>hi</p>', { contentType: 'text/html' })).error
		).toMatchObject({ statusCode: '415' });
		expect((await box.exists('big.txt')).data).toBe(false);
		expect((await box.exists('page.html')).data).toBe(false);
		expect((await box.list()).data?.map((entry) => entry.name)).toEqual(['kept.txt']);
		expect((await box.upload('after.txt', 'fine', { contentType: 'text/plain' })).error).toBeNull();
		await box.remove(['after.txt']);
	});
});
