import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startTestBackend, type TestBackend, uniqueEmail } from './support/backend.ts';

// bcrypt (cost 10) and starting PGlite take seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const PASSWORD = 'a-long-enough-secret';
let open: TestBackend;
let confirming: TestBackend;

beforeAll(async () => {
	open = await startTestBackend({ overrides: { mailerAutoconfirm: true } });
	confirming = await startTestBackend({ overrides: { mailerAutoconfirm: false } });
});
afterAll(async () => {
	await open?.close();
	await confirming?.close();
});

const isoTime = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

describe('sign-up with autoconfirm', () => {
	test('returns a session and the user in GoTrue shape', async () => {
		const email = uniqueEmail('Signup');
		const { data, error } = await open
			.anon()
			.auth.signUp({ email, password: PASSWORD, options: { data: { name: 'Ana' } } });
		expect(error).toBeNull();
		const user = data.user;
		expect(user).toMatchObject({
			aud: 'authenticated',
			role: 'authenticated',
			email: email.toLowerCase(),
			phone: '',
			email_confirmed_at: isoTime,
			confirmed_at: isoTime,
			last_sign_in_at: isoTime,
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: { name: 'Ana', email_verified: true },
			is_anonymous: false,
			created_at: isoTime,
			updated_at: isoTime,
		});
		expect(user?.identities).toHaveLength(1);
		expect(user?.identities?.[0]).toMatchObject({
			id: user?.id,
			user_id: user?.id,
			provider: 'email',
			email: email.toLowerCase(),
			identity_data: {
				sub: user?.id,
				email: email.toLowerCase(),
				email_verified: false,
				phone_verified: false,
				name: 'Ana',
			},
		});
		const session = data.session;
		expect(session).toMatchObject({
			token_type: 'bearer',
			expires_in: expect.any(Number),
			refresh_token: expect.any(String),
		});
		expect(session?.expires_in).toBeGreaterThan(3500);
		const claims = JSON.parse(
			Buffer.from(session?.access_token.split('.')[1] ?? '', 'base64url').toString()
		);
		expect(Object.keys(claims)).toEqual([
			'iss',
			'sub',
			'aud',
			'exp',
			'iat',
			'email',
			'phone',
			'app_metadata',
			'user_metadata',
			'role',
			'aal',
			'amr',
			'session_id',
			'is_anonymous',
		]);
		expect(claims).toMatchObject({
			iss: `${open.url}/auth/v1`,
			sub: user?.id,
			aud: 'authenticated',
			role: 'authenticated',
			aal: 'aal1',
			amr: [{ method: 'password', timestamp: expect.any(Number) }],
			is_anonymous: false,
		});
		expect(claims.exp - claims.iat).toBe(3600);
	});

	test('refuses an address already registered', async () => {
		const email = uniqueEmail();
		await open.anon().auth.signUp({ email, password: PASSWORD });
		const { data, error } = await open.anon().auth.signUp({ email, password: PASSWORD });
		expect(data).toEqual({ user: null, session: null });
		expect(error).toMatchObject({
			name: 'AuthApiError',
			status: 422,
			code: 'user_already_exists',
			message: 'User already registered',
		});
	});

	test('refuses weak and common passwords with the reasons', async () => {
		const short = await open.anon().auth.signUp({ email: uniqueEmail(), password: 'short' });
		expect(short.error).toMatchObject({
			name: 'AuthWeakPasswordError',
			status: 422,
			code: 'weak_password',
			reasons: ['length'],
			message: 'Password should be at least 8 characters.',
		});
		const common = await open.anon().auth.signUp({ email: uniqueEmail(), password: 'password123' });
		expect(common.error).toMatchObject({
			name: 'AuthWeakPasswordError',
			code: 'weak_password',
			reasons: ['pwned'],
		});
		const empty = await open.anon().auth.signUp({ email: uniqueEmail(), password: '' });
		expect(empty.error).toMatchObject({
			status: 400,
			code: 'validation_failed',
			message: 'Signup requires a valid password',
		});
	});

	test('refuses a malformed email', async () => {
		const { error } = await open.anon().auth.signUp({ email: 'not-an-email', password: PASSWORD });
		expect(error).toMatchObject({
			status: 400,
			code: 'validation_failed',
			message: 'Unable to validate email address: invalid format',
		});
	});

	test('anonymous sign-in is refused while disabled', async () => {
		const { error } = await open.anon().auth.signInAnonymously();
		expect(error).toMatchObject({
			status: 422,
			code: 'anonymous_provider_disabled',
			message: 'Anonymous sign-ins are disabled',
		});
	});
});

describe('sign-up with email confirmation', () => {
	test('returns the bare user without a session and sends a confirmation email', async () => {
		const email = uniqueEmail();
		const { data, error } = await confirming.anon().auth.signUp({ email, password: PASSWORD });
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user).toMatchObject({
			email,
			confirmation_sent_at: isoTime,
			identities: [expect.objectContaining({ provider: 'email' })],
		});
		expect(data.user).not.toHaveProperty('email_confirmed_at');
		const [mail] = await confirming.mailbox(email);
		expect(mail).toMatchObject({
			kind: 'signup',
			subject: 'Confirm your email address',
			otp: expect.stringMatching(/^\d{6}$/),
		});
		expect(mail?.action_link).toMatch(
			new RegExp(
				`^${confirming.url}/auth/v1/verify\\?token=[0-9a-f]{56}&type=signup&redirect_to=http://localhost:4321$`
			)
		);
	});

	test('sign-in before confirming is refused with email_not_confirmed', async () => {
		const email = uniqueEmail();
		await confirming.anon().auth.signUp({ email, password: PASSWORD });
		const { error } = await confirming
			.anon()
			.auth.signInWithPassword({ email, password: PASSWORD });
		expect(error).toMatchObject({
			status: 400,
			code: 'email_not_confirmed',
			message: 'Email not confirmed',
		});
	});

	test('a confirmed address answers with an obfuscated user (no enumeration)', async () => {
		const email = uniqueEmail();
		const admin = confirming.service();
		const created = await admin.auth.admin.createUser({
			email,
			password: PASSWORD,
			email_confirm: true,
		});
		const { data, error } = await confirming.anon().auth.signUp({ email, password: PASSWORD });
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user?.identities).toEqual([]);
		expect(data.user?.id).not.toBe(created.data.user?.id);
	});

	test('verifying the emailed code signs the user in', async () => {
		const email = uniqueEmail();
		const client = confirming.anon();
		await client.auth.signUp({ email, password: PASSWORD });
		const [mail] = await confirming.mailbox(email);
		const { data, error } = await client.auth.verifyOtp({
			email,
			token: mail?.otp ?? '',
			type: 'email',
		});
		expect(error).toBeNull();
		expect(data.session?.user.email_confirmed_at).toEqual(isoTime);
		const claims = JSON.parse(
			Buffer.from(data.session?.access_token.split('.')[1] ?? '', 'base64url').toString()
		);
		expect(claims.amr[0].method).toBe('otp');
		const signIn = await confirming.anon().auth.signInWithPassword({ email, password: PASSWORD });
		expect(signIn.error).toBeNull();
	});
});

describe('password sign-in', () => {
	test('returns a session, and the user is readable with getUser', async () => {
		const email = uniqueEmail();
		await open.anon().auth.signUp({ email, password: PASSWORD });
		const client = open.anon();
		const { data, error } = await client.auth.signInWithPassword({
			email: email.toUpperCase(),
			password: PASSWORD,
		});
		expect(error).toBeNull();
		expect(data.user?.email).toBe(email);
		const me = await client.auth.getUser();
		expect(me.error).toBeNull();
		expect(me.data.user?.id).toBe(data.user?.id);
	});

	test('refuses a wrong password and an unknown email alike', async () => {
		const email = uniqueEmail();
		await open.anon().auth.signUp({ email, password: PASSWORD });
		const wrong = await open
			.anon()
			.auth.signInWithPassword({ email, password: 'not-the-password' });
		const unknown = await open
			.anon()
			.auth.signInWithPassword({ email: uniqueEmail(), password: PASSWORD });
		for (const { data, error } of [wrong, unknown]) {
			expect(data).toEqual({ user: null, session: null });
			expect(error).toMatchObject({
				name: 'AuthApiError',
				status: 400,
				code: 'invalid_credentials',
				message: 'Invalid login credentials',
			});
		}
	});

	test('reports a password that no longer meets the policy as weakPassword', async () => {
		const email = uniqueEmail();
		await open.service().auth.admin.createUser({ email, password: 'sixsix', email_confirm: true });
		const { data, error } = await open
			.anon()
			.auth.signInWithPassword({ email, password: 'sixsix' });
		expect(error).toBeNull();
		expect(data.weakPassword).toEqual({
			message: 'Password should be at least 8 characters.',
			reasons: ['length'],
		});
	});

	test('stores passwords as bcrypt in auth.users', async () => {
		const email = uniqueEmail();
		await open.anon().auth.signUp({ email, password: PASSWORD });
		const row = await open.backend.db.query<{ encrypted_password: string }>(
			'select encrypted_password from auth.users where email = $1',
			[email]
		);
		expect(row.rows[0]?.encrypted_password).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
	});
});

describe('error bodies', () => {
	test('with X-Supabase-Api-Version: the 2024 shape, and the header echoed and exposed', async () => {
		const response = await fetch(`${open.url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: {
				apikey: open.config.anonKey,
				'content-type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01',
			},
			body: JSON.stringify({ email: uniqueEmail(), password: 'x' }),
		});
		expect(response.status).toBe(400);
		expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(response.headers.get('access-control-expose-headers')).toContain(
			'X-Supabase-Api-Version'
		);
		expect(await response.json()).toEqual({
			code: 'invalid_credentials',
			message: 'Invalid login credentials',
		});
	});

	test('without it: the legacy {code, error_code, msg} shape', async () => {
		const response = await fetch(`${open.url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: { apikey: open.config.anonKey, 'content-type': 'application/json' },
			body: JSON.stringify({ email: uniqueEmail(), password: 'x' }),
		});
		expect(response.headers.get('x-sb-error-code')).toBe('invalid_credentials');
		expect(await response.json()).toEqual({
			code: 400,
			error_code: 'invalid_credentials',
			msg: 'Invalid login credentials',
		});
	});

	test('malformed JSON is 400 bad_json and an unknown grant type is refused', async () => {
		const bad = await fetch(`${open.url}/auth/v1/signup`, {
			method: 'POST',
			headers: {
				apikey: open.config.anonKey,
				'content-type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01',
			},
			body: '{"email": ',
		});
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ code: 'bad_json' });
		const wrongType = await fetch(`${open.url}/auth/v1/signup`, {
			method: 'POST',
			headers: {
				apikey: open.config.anonKey,
				'content-type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01',
			},
			body: JSON.stringify({ email: 42, password: PASSWORD }),
		});
		expect(await wrongType.json()).toEqual({
			code: 'bad_json',
			message:
				'Could not parse request body as JSON: json: cannot unmarshal number into Go struct field SignupParams.email of type string',
		});
		const grant = await fetch(`${open.url}/auth/v1/token?grant_type=magic`, {
			method: 'POST',
			headers: {
				apikey: open.config.anonKey,
				'content-type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01',
			},
			body: '{}',
		});
		expect(await grant.json()).toEqual({
			code: 'invalid_credentials',
			message: 'unsupported_grant_type',
		});
	});

	test('a body over 1 MiB is refused with 413', async () => {
		const response = await fetch(`${open.url}/auth/v1/signup`, {
			method: 'POST',
			headers: {
				apikey: open.config.anonKey,
				'content-type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01',
			},
			body: JSON.stringify({
				email: uniqueEmail(),
				password: PASSWORD,
				data: { blob: 'x'.repeat(1_100_000) },
			}),
		});
		expect(response.status).toBe(413);
		expect(await response.json()).toEqual({
			code: 'request_entity_too_large',
			message: 'Request body too large (max 1048576 bytes)',
		});
	});
});

describe('settings and JWKS', () => {
	test('settings describe the instance; JWKS lists no HMAC key', async () => {
		const settings = await fetch(`${open.url}/auth/v1/settings`, {
			headers: { apikey: open.config.anonKey },
		});
		expect(await settings.json()).toMatchObject({
			external: { email: true, phone: false },
			mailer_autoconfirm: true,
			disable_signup: false,
		});
		const jwks = await fetch(`${open.url}/auth/v1/.well-known/jwks.json`);
		expect(jwks.status).toBe(200);
		expect(await jwks.json()).toEqual({ keys: [] });
	});
});

describe('anonymous sign-in when enabled', () => {
	test('creates an anonymous user with a session', async () => {
		const server = await startTestBackend({ overrides: { anonymousSignIns: true } });
		try {
			const { data, error } = await server
				.anon()
				.auth.signInAnonymously({ options: { data: { theme: 'dark' } } });
			expect(error).toBeNull();
			expect(data.user).toMatchObject({
				email: '',
				is_anonymous: true,
				role: 'authenticated',
				app_metadata: {},
				identities: [],
			});
			const claims = JSON.parse(
				Buffer.from(data.session?.access_token.split('.')[1] ?? '', 'base64url').toString()
			);
			expect(claims).toMatchObject({
				is_anonymous: true,
				amr: [{ method: 'anonymous' }],
				user_metadata: { theme: 'dark' },
			});
		} finally {
			await server.close();
		}
	});
});
