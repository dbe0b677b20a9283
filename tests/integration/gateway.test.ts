import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startTestBackend, type TestBackend } from './support/backend.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

let server: TestBackend;

beforeAll(async () => {
	server = await startTestBackend();
});
afterAll(async () => server?.close());

describe('gateway', () => {
	test('answers CORS preflights and exposes the headers clients read', async () => {
		const preflight = await fetch(`${server.url}/rest/v1/profiles`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://localhost:4321',
				'access-control-request-method': 'PATCH',
				'access-control-request-headers':
					'apikey, authorization, content-type, prefer, x-client-info',
			},
		});
		expect(preflight.status).toBe(200);
		expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
		expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
		expect(preflight.headers.get('access-control-allow-headers')).toBe(
			'apikey, authorization, content-type, prefer, x-client-info'
		);
		const response = await fetch(`${server.url}/auth/v1/settings`, {
			headers: { apikey: server.config.anonKey, origin: 'http://localhost:4321' },
		});
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		expect(response.headers.get('access-control-expose-headers')).toContain('Content-Range');
	});

	test('refuses /rest/v1 and /auth/v1 without a known apikey', async () => {
		const missing = await fetch(`${server.url}/rest/v1/anything`);
		expect(missing.status).toBe(401);
		expect(await missing.json()).toEqual({
			message: 'No API key found in request',
			hint: 'No `apikey` request header or url param was found.',
		});
		const wrong = await fetch(`${server.url}/auth/v1/settings`, { headers: { apikey: 'wrong' } });
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toMatchObject({ message: 'Invalid API key' });
		const inQuery = await fetch(`${server.url}/auth/v1/settings?apikey=${server.config.anonKey}`);
		expect(inQuery.status).toBe(200);
	});

	test('browser-opened routes need no apikey', async () => {
		const verify = await fetch(
			`${server.url}/auth/v1/verify?token=abc&type=signup&redirect_to=http://localhost:4321/x`,
			{ redirect: 'manual' }
		);
		expect(verify.status).toBe(303);
		expect(verify.headers.get('location')).toContain('error_code=otp_expired');
		const jwks = await fetch(`${server.url}/auth/v1/.well-known/jwks.json`);
		expect(jwks.status).toBe(200);
		const publicObject = await fetch(`${server.url}/storage/v1/object/public/no-bucket/a.png`);
		expect(publicObject.status).not.toBe(401);
	});

	test('opaque sb_publishable_ and sb_secret_ keys map to anon and service_role', async () => {
		const publishable = createClient(server.url, server.config.publishableKey, {
			auth: { persistSession: false },
		});
		const asAnon = await publishable.auth.admin.listUsers();
		expect(asAnon.error).toMatchObject({ code: 'not_admin' });
		const secret = createClient(server.url, server.config.secretKey, {
			auth: { persistSession: false },
		});
		const asService = await secret.auth.admin.listUsers();
		expect(asService.error).toBeNull();
	});

	test('unknown paths get the gateway 404; malformed requests do not crash it', async () => {
		const unknown = await fetch(`${server.url}/graphql/v1`, {
			headers: { apikey: server.config.anonKey },
		});
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toEqual({ message: 'no Route matched with those values' });
		const raw = await new Promise<string>((resolve, reject) => {
			import('node:net').then(({ connect }) => {
				const socket = connect(server.config.port, '127.0.0.1', () =>
					socket.write('GARBAGE\r\n\r\n')
				);
				let data = '';
				socket.on('data', (chunk) => (data += chunk.toString()));
				socket.on('end', () => resolve(data));
				socket.on('error', reject);
			}, reject);
		});
		expect(raw).toMatch(/^HTTP\/1\.1 400/);
		const healthy = await fetch(`${server.url}/auth/v1/health`, {
			headers: { apikey: server.config.anonKey },
		});
		expect(healthy.status).toBe(200);
	});

	test('the mailbox is for the service_role key only', async () => {
		const anon = await fetch(`${server.url}/mailbox/v1/messages`, {
			headers: { apikey: server.config.anonKey },
		});
		expect(anon.status).toBe(403);
		const service = await fetch(`${server.url}/mailbox/v1/messages`, {
			headers: { apikey: server.config.serviceRoleKey },
		});
		expect(service.status).toBe(200);
		expect(Array.isArray(await service.json())).toBe(true);
	});

	test('DDL after startup reaches the REST schema cache (NOTIFY pgrst)', async () => {
		await server.backend.db.exec(
			`create table public.late_table (id int primary key); grant select on public.late_table to anon;
			 insert into public.late_table values (1);`
		);
		const client = server.anon();
		let result = await client.from('late_table').select('id');
		for (let attempt = 0; attempt < 50 && result.error !== null; attempt += 1) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			result = await client.from('late_table').select('id');
		}
		expect(result).toMatchObject({ data: [{ id: 1 }], error: null, status: 200 });
	});
});
