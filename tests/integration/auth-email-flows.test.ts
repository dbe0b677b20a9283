import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startTestBackend, type TestBackend, uniqueEmail } from './support/backend.ts';

// bcrypt (cost 10) and starting PGlite take seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const PASSWORD = 'a-long-enough-secret';
const SITE = 'http://localhost:4321';
let server: TestBackend;

beforeAll(async () => {
	server = await startTestBackend({ overrides: { mailerAutoconfirm: false, siteUrl: SITE } });
});
afterAll(async () => server?.close());

async function confirmedUser(email = uniqueEmail()): Promise<string> {
	const { error } = await server
		.service()
		.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
	if (error) throw error;
	return email;
}

async function lastMail(to: string) {
	const [mail] = await server.mailbox(to);
	if (mail === undefined) throw new Error(`no mail for ${to}`);
	return mail;
}

async function follow(link: string) {
	const response = await fetch(link, { redirect: 'manual' });
	return { status: response.status, location: response.headers.get('location') ?? '' };
}

function fragment(location: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(location.split('#')[1] ?? ''));
}

describe('password recovery', () => {
	test('answers {} for a known and an unknown address alike', async () => {
		const email = await confirmedUser();
		expect(await server.anon().auth.resetPasswordForEmail(email)).toEqual({
			data: {},
			error: null,
		});
		expect(await server.anon().auth.resetPasswordForEmail(uniqueEmail())).toEqual({
			data: {},
			error: null,
		});
		expect((await lastMail(email)).kind).toBe('recovery');
	});

	test('the emailed link redirects with a session in the fragment, then the password can be changed', async () => {
		const email = await confirmedUser();
		await server.anon().auth.resetPasswordForEmail(email, { redirectTo: `${SITE}/reset` });
		const mail = await lastMail(email);
		expect(mail.action_link).toContain('type=recovery&redirect_to=http://localhost:4321/reset');
		const { status, location } = await follow(mail.action_link ?? '');
		expect(status).toBe(303);
		expect(location.startsWith(`${SITE}/reset#`)).toBe(true);
		const values = fragment(location);
		expect(Object.keys(values).sort()).toEqual([
			'access_token',
			'expires_at',
			'expires_in',
			'refresh_token',
			'sb',
			'token_type',
			'type',
		]);
		expect(values).toMatchObject({ token_type: 'bearer', type: 'recovery', sb: '' });
		const client = server.anon();
		const set = await client.auth.setSession({
			access_token: values['access_token'] ?? '',
			refresh_token: values['refresh_token'] ?? '',
		});
		expect(set.error).toBeNull();
		expect((await client.auth.updateUser({ password: 'brand-new-secret' })).error).toBeNull();
		expect(
			(await server.anon().auth.signInWithPassword({ email, password: 'brand-new-secret' })).error
		).toBeNull();
		const usedAgain = await follow(mail.action_link ?? '');
		expect(fragment(usedAgain.location)).toMatchObject({
			error: 'access_denied',
			error_code: 'otp_expired',
			error_description: 'Email link is invalid or has expired',
		});
	});

	test('verifyOtp with the emailed code returns a session; a wrong code is refused', async () => {
		const email = await confirmedUser();
		await server.anon().auth.resetPasswordForEmail(email);
		const mail = await lastMail(email);
		const wrong = await server.anon().auth.verifyOtp({ email, token: '000000', type: 'recovery' });
		expect(wrong.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Token has expired or is invalid',
		});
		const { data, error } = await server
			.anon()
			.auth.verifyOtp({ email, token: mail.otp ?? '', type: 'recovery' });
		expect(error).toBeNull();
		expect(data.session?.user.email).toBe(email);
	});

	test('a redirect_to outside the allow list falls back to the site URL', async () => {
		const email = await confirmedUser();
		await server
			.anon()
			.auth.resetPasswordForEmail(email, { redirectTo: 'https://evil.example/steal' });
		expect((await lastMail(email)).action_link).toMatch(/redirect_to=http:\/\/localhost:4321$/);
	});
});

describe('magic links and one-time codes', () => {
	test('a known user gets a magic link that signs them in', async () => {
		const email = await confirmedUser();
		expect(await server.anon().auth.signInWithOtp({ email })).toEqual({
			data: { user: null, session: null },
			error: null,
		});
		const mail = await lastMail(email);
		expect(mail.kind).toBe('magiclink');
		const { data, error } = await server
			.anon()
			.auth.verifyOtp({ email, token: mail.otp ?? '', type: 'email' });
		expect(error).toBeNull();
		expect(data.user?.email).toBe(email);
	});

	test('an unknown address is signed up and gets the confirmation instead, unless shouldCreateUser is false', async () => {
		const refused = await server
			.anon()
			.auth.signInWithOtp({ email: uniqueEmail(), options: { shouldCreateUser: false } });
		expect(refused.error).toMatchObject({
			status: 422,
			code: 'otp_disabled',
			message: 'Signups not allowed for otp',
		});
		const email = uniqueEmail();
		expect(
			(await server.anon().auth.signInWithOtp({ email, options: { data: { from: 'otp' } } })).error
		).toBeNull();
		const mail = await lastMail(email);
		expect(mail.kind).toBe('signup');
		const { data } = await server.anon().auth.verifyOtp({
			token_hash: new URL(mail.action_link ?? '').searchParams.get('token') ?? '',
			type: 'signup',
		});
		expect(data.user?.user_metadata).toMatchObject({ from: 'otp', email_verified: true });
	});
});

describe('resend', () => {
	test('sends the sign-up confirmation again with a new code', async () => {
		const email = uniqueEmail();
		await server.anon().auth.signUp({ email, password: PASSWORD });
		const first = await lastMail(email);
		expect(await server.anon().auth.resend({ type: 'signup', email })).toEqual({
			data: { user: null, session: null },
			error: null,
		});
		const second = await lastMail(email);
		expect(second.id).toBeGreaterThan(first.id);
		const old = await server
			.anon()
			.auth.verifyOtp({ email, token: first.otp ?? '', type: 'signup' });
		if (first.otp !== second.otp) expect(old.error).toMatchObject({ code: 'otp_expired' });
		expect(
			(await server.anon().auth.verifyOtp({ email, token: second.otp ?? '', type: 'signup' })).error
		).toBeNull();
	});

	test('an unknown type is refused', async () => {
		const response = await fetch(`${server.url}/auth/v1/resend`, {
			method: 'POST',
			headers: {
				apikey: server.config.anonKey,
				'content-type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01',
			},
			body: JSON.stringify({ type: 'recovery', email: uniqueEmail() }),
		});
		expect(await response.json()).toEqual({
			code: 'validation_failed',
			message: 'Missing one of these types: signup, email_change, sms, phone_change',
		});
	});
});

describe('email change', () => {
	test('needs both the current and the new address to confirm', async () => {
		const email = await confirmedUser();
		const client = server.anon();
		await client.auth.signInWithPassword({ email, password: PASSWORD });
		const next = uniqueEmail('next');
		const { data, error } = await client.auth.updateUser({ email: next });
		expect(error).toBeNull();
		expect(data.user).toMatchObject({
			email,
			new_email: next,
			email_change_sent_at: expect.any(String),
		});
		const toOld = await lastMail(email);
		const toNew = await lastMail(next);
		expect([toOld.kind, toNew.kind]).toEqual(['email_change_current', 'email_change_new']);
		const half = await follow(toOld.action_link ?? '');
		expect(fragment(half.location)).toEqual({
			message: 'Confirmation link accepted. Please proceed to confirm link sent to the other email',
			sb: '',
		});
		const done = await follow(toNew.action_link ?? '');
		expect(fragment(done.location)).toMatchObject({ type: 'email_change', token_type: 'bearer' });
		expect(
			(await server.anon().auth.signInWithPassword({ email: next, password: PASSWORD })).error
		).toBeNull();
		expect(
			(await server.anon().auth.signInWithPassword({ email, password: PASSWORD })).error
		).toMatchObject({ code: 'invalid_credentials' });
	});

	test('an address already in use is refused', async () => {
		const email = await confirmedUser();
		const taken = await confirmedUser();
		const client = server.anon();
		await client.auth.signInWithPassword({ email, password: PASSWORD });
		const { error } = await client.auth.updateUser({ email: taken });
		expect(error).toMatchObject({
			status: 422,
			code: 'email_exists',
			message: 'A user with this email address has already been registered',
		});
	});
});

describe('PKCE (the flow @supabase/ssr uses)', () => {
	test('the confirmation link redirects with a code that exchangeCodeForSession turns into a session', async () => {
		const store = new Map<string, string>();
		const pkce = createClient(server.url, server.config.anonKey, {
			auth: {
				flowType: 'pkce',
				autoRefreshToken: false,
				detectSessionInUrl: false,
				storage: {
					getItem: (key) => store.get(key) ?? null,
					setItem: (key, value) => void store.set(key, value),
					removeItem: (key) => void store.delete(key),
				},
			},
		});
		const email = uniqueEmail();
		const signUp = await pkce.auth.signUp({
			email,
			password: PASSWORD,
			options: { emailRedirectTo: `${SITE}/auth/callback` },
		});
		expect(signUp.error).toBeNull();
		const mail = await lastMail(email);
		expect(new URL(mail.action_link ?? '').searchParams.get('token')).toMatch(
			/^pkce_[0-9a-f]{56}$/
		);
		const { status, location } = await follow(mail.action_link ?? '');
		expect(status).toBe(303);
		const code = new URL(location).searchParams.get('code');
		expect(location.startsWith(`${SITE}/auth/callback?code=`)).toBe(true);
		const { data, error } = await pkce.auth.exchangeCodeForSession(code ?? '');
		expect(error).toBeNull();
		expect(data.session?.user.email).toBe(email);
		const again = await fetch(`${server.url}/auth/v1/token?grant_type=pkce`, {
			method: 'POST',
			headers: {
				apikey: server.config.anonKey,
				'content-type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01',
			},
			body: JSON.stringify({ auth_code: code, code_verifier: 'x'.repeat(43) }),
		});
		expect(again.status).toBe(404);
		expect(await again.json()).toEqual({
			code: 'flow_state_not_found',
			message: 'invalid flow state, no valid flow state found',
		});
	});
});
