import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { signJwt } from '../../supabase/embedded/jwt.ts';
import { startTestBackend, type TestBackend, uniqueEmail } from './support/backend.ts';

// bcrypt (cost 10) and starting PGlite take seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const PASSWORD = 'a-long-enough-secret';
let server: TestBackend;

beforeAll(async () => {
	server = await startTestBackend({
		overrides: { mailerAutoconfirm: true, refreshTokenReuseInterval: 1 },
	});
});
afterAll(async () => server?.close());

async function signedIn(email = uniqueEmail()) {
	const client = server.anon();
	const { error } = await client.auth.signUp({ email, password: PASSWORD });
	if (error) throw error;
	return client;
}

async function refreshRaw(refreshToken: string) {
	const response = await fetch(`${server.url}/auth/v1/token?grant_type=refresh_token`, {
		method: 'POST',
		headers: {
			apikey: server.config.anonKey,
			'content-type': 'application/json',
			'X-Supabase-Api-Version': '2024-01-01',
		},
		body: JSON.stringify({ refresh_token: refreshToken }),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('refresh tokens', () => {
	test('refreshing rotates the refresh token and keeps the session', async () => {
		const client = await signedIn();
		const before = (await client.auth.getSession()).data.session;
		const { data, error } = await client.auth.refreshSession();
		expect(error).toBeNull();
		expect(data.session?.refresh_token).not.toBe(before?.refresh_token);
		expect(data.session?.refresh_token).toMatch(/^[A-Za-z0-9]{12}$/);
		const claims = (token: string | undefined) =>
			JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString());
		expect(claims(data.session?.access_token).session_id).toBe(
			claims(before?.access_token).session_id
		);
	});

	test('reusing the parent of the active token returns the active token', async () => {
		const client = await signedIn();
		const first = (await client.auth.getSession()).data.session?.refresh_token ?? '';
		const second = await refreshRaw(first);
		expect(second.status).toBe(200);
		const again = await refreshRaw(first);
		expect(again.status).toBe(200);
		expect(again.body['refresh_token']).toBe(second.body['refresh_token']);
	});

	test('reuse after the reuse interval revokes the whole family', async () => {
		const client = await signedIn();
		const first = (await client.auth.getSession()).data.session?.refresh_token ?? '';
		const second = await refreshRaw(first);
		const third = await refreshRaw(String(second.body['refresh_token']));
		expect(third.status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1300));
		const reused = await refreshRaw(first);
		expect(reused).toEqual({
			status: 400,
			body: { code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' },
		});
		// GoTrue stamps the revoked family now, so their reuse window starts over; past it they are dead too.
		await new Promise((resolve) => setTimeout(resolve, 1300));
		const active = await refreshRaw(String(third.body['refresh_token']));
		expect(active.status).toBe(400);
		expect(active.body['code']).toBe('refresh_token_already_used');
	});

	test('an unknown refresh token and a missing one', async () => {
		const { data, error } = await server
			.anon()
			.auth.refreshSession({ refresh_token: 'nope12345678' });
		expect(data).toEqual({ user: null, session: null });
		expect(error).toMatchObject({
			status: 400,
			code: 'refresh_token_not_found',
			message: 'Invalid Refresh Token: Refresh Token Not Found',
		});
		const missing = await fetch(`${server.url}/auth/v1/token?grant_type=refresh_token`, {
			method: 'POST',
			headers: { apikey: server.config.anonKey, 'content-type': 'application/json' },
			body: '{}',
		});
		expect(missing.status).toBe(400);
		expect(await missing.json()).toEqual({
			error: 'invalid_request',
			error_description: 'refresh_token required',
		});
	});
});

describe('user updates', () => {
	test('data is merged shallowly and null deletes a key', async () => {
		const client = await signedIn();
		await client.auth.updateUser({ data: { a: 1, b: { c: 2 } } });
		const { data, error } = await client.auth.updateUser({ data: { a: null, d: 'x' } });
		expect(error).toBeNull();
		expect(data.user?.user_metadata).toEqual({ b: { c: 2 }, d: 'x', email_verified: true });
	});

	test('a new password works, the same password is refused, other sessions end', async () => {
		const email = uniqueEmail();
		const client = await signedIn(email);
		const other = server.anon();
		await other.auth.signInWithPassword({ email, password: PASSWORD });
		const same = await client.auth.updateUser({ password: PASSWORD });
		expect(same.error).toMatchObject({
			status: 422,
			code: 'same_password',
			message: 'New password should be different from the old password.',
		});
		const weak = await client.auth.updateUser({ password: 'qwerty' });
		expect(weak.error).toMatchObject({ code: 'weak_password' });
		const changed = await client.auth.updateUser({ password: 'another-long-secret' });
		expect(changed.error).toBeNull();
		expect((await client.auth.getUser()).error).toBeNull();
		const otherUser = await other.auth.getUser();
		expect(otherUser.error).toMatchObject({ name: 'AuthSessionMissingError' });
		expect(
			(await server.anon().auth.signInWithPassword({ email, password: 'another-long-secret' }))
				.error
		).toBeNull();
	});

	test('app_metadata cannot be set by the user', async () => {
		const client = await signedIn();
		const response = await fetch(`${server.url}/auth/v1/user`, {
			method: 'PUT',
			headers: {
				apikey: server.config.anonKey,
				authorization: `Bearer ${(await client.auth.getSession()).data.session?.access_token}`,
				'content-type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01',
			},
			body: JSON.stringify({ app_metadata: { admin: true } }),
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({
			code: 'not_admin',
			message: 'Updating app_metadata requires admin privileges',
		});
	});
});

describe('sign-out scopes', () => {
	async function threeSessions() {
		const email = uniqueEmail();
		const a = await signedIn(email);
		const b = server.anon();
		const c = server.anon();
		await b.auth.signInWithPassword({ email, password: PASSWORD });
		await c.auth.signInWithPassword({ email, password: PASSWORD });
		return [a, b, c] as const;
	}
	const alive = async (client: Awaited<ReturnType<typeof signedIn>>) =>
		(await client.auth.getUser()).error === null;

	test('local ends only this session', async () => {
		const [a, b, c] = await threeSessions();
		const token = (await a.auth.getSession()).data.session?.access_token ?? '';
		expect((await a.auth.signOut({ scope: 'local' })).error).toBeNull();
		const stale = await server.anon().auth.getUser(token);
		expect(stale.error).toMatchObject({ name: 'AuthSessionMissingError', status: 400 });
		expect([await alive(b), await alive(c)]).toEqual([true, true]);
	});

	test('others ends every other session', async () => {
		const [a, b, c] = await threeSessions();
		expect((await a.auth.signOut({ scope: 'others' })).error).toBeNull();
		expect([await alive(a), await alive(b), await alive(c)]).toEqual([true, false, false]);
	});

	test('global ends them all, refresh tokens included', async () => {
		const [a, b] = await threeSessions();
		const refresh = (await b.auth.getSession()).data.session?.refresh_token ?? '';
		expect((await a.auth.signOut()).error).toBeNull();
		expect(await alive(b)).toBe(false);
		expect((await refreshRaw(refresh)).body['code']).toBe('refresh_token_not_found');
	});

	test('an unknown scope is refused', async () => {
		const [a] = await threeSessions();
		const response = await fetch(`${server.url}/auth/v1/logout?scope=everyone`, {
			method: 'POST',
			headers: {
				apikey: server.config.anonKey,
				authorization: `Bearer ${(await a.auth.getSession()).data.session?.access_token}`,
				'X-Supabase-Api-Version': '2024-01-01',
			},
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			code: 'validation_failed',
			message: 'Unsupported logout scope "everyone"',
		});
	});
});

describe('bad access tokens', () => {
	const user = (token: string) =>
		fetch(`${server.url}/auth/v1/user`, {
			headers: {
				apikey: server.config.anonKey,
				authorization: `Bearer ${token}`,
				'X-Supabase-Api-Version': '2024-01-01',
			},
		}).then(async (response) => ({ status: response.status, body: await response.json() }));

	test('expired, forged and malformed tokens get bad_jwt; the anon key has no sub', async () => {
		const client = await signedIn();
		const claims = JSON.parse(
			Buffer.from(
				(await client.auth.getSession()).data.session?.access_token.split('.')[1] ?? '',
				'base64url'
			).toString()
		);
		const expired = signJwt(
			{ ...claims, exp: Math.floor(Date.now() / 1000) - 10 },
			server.config.jwtSecret
		);
		expect(await user(expired)).toEqual({
			status: 403,
			body: {
				code: 'bad_jwt',
				message:
					'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
			},
		});
		const forged = signJwt(
			{ ...claims, role: 'service_role' },
			'a-different-secret-of-at-least-32-chars'
		);
		expect(await user(forged)).toEqual({
			status: 403,
			body: {
				code: 'bad_jwt',
				message:
					'invalid JWT: unable to parse or verify signature, token signature is invalid: signature is invalid',
			},
		});
		expect((await user('not.a.jwt')).body.code).toBe('bad_jwt');
		expect(await user(server.config.anonKey)).toEqual({
			status: 403,
			body: { code: 'bad_jwt', message: 'invalid claim: missing sub claim' },
		});
		const { data, error } = await server.anon().auth.getUser(expired);
		expect(data.user).toBeNull();
		expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
	});

	test('a token of a deleted user is refused with user_not_found', async () => {
		const client = await signedIn();
		const session = (await client.auth.getSession()).data.session;
		await server.service().auth.admin.deleteUser(session?.user.id ?? '');
		expect(await user(session?.access_token ?? '')).toEqual({
			status: 403,
			body: { code: 'user_not_found', message: 'User from sub claim in JWT does not exist' },
		});
	});

	test('REST refuses expired and forged tokens with PostgREST errors', async () => {
		const expired = signJwt(
			{ role: 'authenticated', sub: crypto.randomUUID(), exp: 1 },
			server.config.jwtSecret
		);
		const rest = createClient(server.url, server.config.anonKey, {
			auth: { persistSession: false },
			global: { headers: { Authorization: `Bearer ${expired}` } },
		});
		const { error, status } = await rest.from('anything').select();
		expect(status).toBe(401);
		expect(error).toMatchObject({
			code: 'PGRST303',
			message: 'JWT expired',
			details: null,
			hint: null,
		});
		const forged = createClient(server.url, server.config.anonKey, {
			auth: { persistSession: false },
			global: {
				headers: {
					Authorization: `Bearer ${signJwt({ role: 'service_role' }, 'wrong-secret-wrong-secret-wrong-secret')}`,
				},
			},
		});
		const second = await forged.from('anything').select();
		expect(second.status).toBe(401);
		expect(second.error).toMatchObject({
			code: 'PGRST301',
			message: 'JWT cryptographic operation failed',
		});
	});

	test('storage refuses a forged token with Storage error body', async () => {
		const storage = createClient(server.url, server.config.anonKey, {
			auth: { persistSession: false },
			global: {
				headers: {
					Authorization: `Bearer ${signJwt({ role: 'service_role' }, 'wrong-secret-wrong-secret-wrong-secret')}`,
				},
			},
		});
		const { data, error } = await storage.storage.listBuckets();
		expect(data).toBeNull();
		expect(error).toMatchObject({
			status: 400,
			statusCode: '403',
			message: 'signature verification failed',
		});
	});
});
