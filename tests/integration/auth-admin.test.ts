import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startTestBackend, type TestBackend, uniqueEmail } from './support/backend.ts';

// bcrypt (cost 10) and starting PGlite take seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const PASSWORD = 'a-long-enough-secret';
let server: TestBackend;

beforeAll(async () => {
	server = await startTestBackend({ overrides: { mailerAutoconfirm: false } });
});
afterAll(async () => server?.close());

describe('admin users', () => {
	test('createUser, getUserById, updateUserById, deleteUser', async () => {
		const admin = server.service().auth.admin;
		const email = uniqueEmail();
		const created = await admin.createUser({
			email,
			password: PASSWORD,
			email_confirm: true,
			user_metadata: { name: 'Bo' },
			app_metadata: { plan: 'pro' },
		});
		expect(created.error).toBeNull();
		const user = created.data.user;
		expect(user).toMatchObject({
			email,
			role: 'authenticated',
			email_confirmed_at: expect.any(String),
			app_metadata: { provider: 'email', providers: ['email'], plan: 'pro' },
			user_metadata: { name: 'Bo', email_verified: true },
		});
		expect(user).not.toHaveProperty('last_sign_in_at');
		const fetched = await admin.getUserById(user?.id ?? '');
		expect(fetched.data.user?.id).toBe(user?.id);
		const updated = await admin.updateUserById(user?.id ?? '', {
			user_metadata: { name: null, city: 'Hanoi' },
			ban_duration: '24h',
		});
		expect(updated.error).toBeNull();
		expect(updated.data.user?.user_metadata).toEqual({ city: 'Hanoi', email_verified: true });
		expect(updated.data.user?.banned_until).toEqual(expect.any(String));
		const banned = await server.anon().auth.signInWithPassword({ email, password: PASSWORD });
		expect(banned.error).toMatchObject({
			status: 400,
			code: 'user_banned',
			message: 'User is banned',
		});
		await admin.updateUserById(user?.id ?? '', { ban_duration: 'none' });
		expect(
			(await server.anon().auth.signInWithPassword({ email, password: PASSWORD })).error
		).toBeNull();
		const deleted = await admin.deleteUser(user?.id ?? '');
		expect(deleted.error).toBeNull();
		expect(deleted.data.user?.id).toBe(user?.id);
		const gone = await admin.getUserById(user?.id ?? '');
		expect(gone.error).toMatchObject({
			status: 404,
			code: 'user_not_found',
			message: 'User not found',
		});
	});

	test('creating a duplicate email is refused; a custom id is kept', async () => {
		const admin = server.service().auth.admin;
		const email = uniqueEmail();
		const id = crypto.randomUUID();
		expect((await admin.createUser({ email, password: PASSWORD, id } as never)).data.user?.id).toBe(
			id
		);
		const duplicate = await admin.createUser({ email, password: PASSWORD });
		expect(duplicate.error).toMatchObject({
			status: 422,
			code: 'email_exists',
			message: 'A user with this email address has already been registered',
		});
	});

	test('soft delete obfuscates the user and ends sessions', async () => {
		const admin = server.service().auth.admin;
		const email = uniqueEmail();
		const { data } = await admin.createUser({ email, password: PASSWORD, email_confirm: true });
		const client = server.anon();
		await client.auth.signInWithPassword({ email, password: PASSWORD });
		expect((await admin.deleteUser(data.user?.id ?? '', true)).error).toBeNull();
		const after = await admin.getUserById(data.user?.id ?? '');
		expect(after.data.user?.deleted_at).toEqual(expect.any(String));
		expect(after.data.user?.email).not.toBe(email);
		expect((await client.auth.getUser()).error).not.toBeNull();
	});

	test('listUsers pages with X-Total-Count and Link', async () => {
		const admin = server.service().auth.admin;
		for (let index = 0; index < 3; index += 1)
			await admin.createUser({ email: uniqueEmail('list'), password: PASSWORD });
		const all = await admin.listUsers();
		const total = all.data.users.length;
		expect(total).toBeGreaterThanOrEqual(3);
		const page = await admin.listUsers({ page: 1, perPage: 2 });
		expect(page.error).toBeNull();
		expect(page.data.users).toHaveLength(2);
		expect(page.data).toMatchObject({
			aud: 'authenticated',
			total,
			nextPage: 2,
			lastPage: Math.ceil(total / 2),
		});
		const response = await fetch(`${server.url}/auth/v1/admin/users?page=1&per_page=2`, {
			headers: {
				apikey: server.config.serviceRoleKey,
				authorization: `Bearer ${server.config.serviceRoleKey}`,
			},
		});
		expect(response.headers.get('x-total-count')).toBe(String(total));
		expect(response.headers.get('link')).toBe(
			`</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=${Math.ceil(total / 2)}&per_page=2>; rel="last"`
		);
	});

	test('generateLink returns the link, code and hashed token; the link verifies', async () => {
		const admin = server.service().auth.admin;
		const email = uniqueEmail();
		await admin.createUser({ email, password: PASSWORD, email_confirm: true });
		const { data, error } = await admin.generateLink({ type: 'magiclink', email });
		expect(error).toBeNull();
		expect(data.properties).toMatchObject({
			action_link: expect.stringContaining('/auth/v1/verify?token='),
			email_otp: expect.stringMatching(/^\d{6}$/),
			hashed_token: expect.stringMatching(/^[0-9a-f]{56}$/),
			verification_type: 'magiclink',
			redirect_to: 'http://localhost:4321',
		});
		expect(data.user?.email).toBe(email);
		const verified = await server
			.anon()
			.auth.verifyOtp({ token_hash: data.properties?.hashed_token ?? '', type: 'magiclink' });
		expect(verified.error).toBeNull();
		const recovery = await admin.generateLink({ type: 'recovery', email: uniqueEmail() });
		expect(recovery.error).toMatchObject({ status: 404, code: 'user_not_found' });
	});

	test('inviteUserByEmail sends an invitation that signs the user in', async () => {
		const email = uniqueEmail();
		const { data, error } = await server
			.service()
			.auth.admin.inviteUserByEmail(email, { data: { invited: true } });
		expect(error).toBeNull();
		expect(data.user).toMatchObject({
			email,
			invited_at: expect.any(String),
			user_metadata: { invited: true },
		});
		const [mail] = await server.mailbox(email);
		expect(mail?.kind).toBe('invite');
		const verified = await server
			.anon()
			.auth.verifyOtp({ email, token: mail?.otp ?? '', type: 'invite' });
		expect(verified.error).toBeNull();
	});

	test('the anon key and user tokens are refused', async () => {
		const asAnon = await server.anon().auth.admin.listUsers();
		expect(asAnon.error).toMatchObject({
			status: 403,
			code: 'not_admin',
			message: 'User not allowed',
		});
		const email = uniqueEmail();
		await server
			.service()
			.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
		const client = server.anon();
		await client.auth.signInWithPassword({ email, password: PASSWORD });
		const token = (await client.auth.getSession()).data.session?.access_token ?? '';
		const response = await fetch(`${server.url}/auth/v1/admin/users`, {
			headers: {
				apikey: server.config.anonKey,
				authorization: `Bearer ${token}`,
				'X-Supabase-Api-Version': '2024-01-01',
			},
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });
		const none = await fetch(`${server.url}/auth/v1/admin/users`, {
			headers: { apikey: server.config.anonKey, 'X-Supabase-Api-Version': '2024-01-01' },
		});
		expect(none.status).toBe(403);
	});

	test('the opaque secret key works as service_role', async () => {
		const response = await fetch(`${server.url}/auth/v1/admin/users?per_page=1`, {
			headers: { apikey: server.config.secretKey },
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ aud: 'authenticated', users: expect.any(Array) });
	});
});
