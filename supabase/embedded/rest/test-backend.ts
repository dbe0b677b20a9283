/**
 * Test support: an in-memory database with Supabase's API roles and `auth` helpers, and a node:http server that
 * mounts only the REST service under `/rest/v1` behind a minimal gateway (HS256 bearer or apikey → Caller).
 * Used by the REST tests until the backend's own router is there. Set REST_TEST_DATABASE_URL (e.g.
 * `postgres://postgres@127.0.0.1:5432/postgres`) to run them on PostgreSQL instead of PGlite.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import type { BackendConfig, Caller, Database } from '../contracts.ts';
import { openDatabase } from '../db/index.ts';
import { createRestService, type RestService, type RestServiceOptions } from './index.ts';

const BOOTSTRAP = ['00-roles.sql', '01-extensions.sql', '02-public.sql'].map(
	(f) => new URL(`../bootstrap/${f}`, import.meta.url)
);

// Until the auth bootstrap exists: the parts of Supabase's auth schema that policies use.
const AUTH_SQL = `
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;
create table if not exists auth.users (id uuid primary key, email text);
create or replace function auth.jwt() returns jsonb language sql stable as $$
	select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;
create or replace function auth.uid() returns uuid language sql stable as $$
	select nullif(auth.jwt() ->> 'sub', '')::uuid
$$;
create or replace function auth.role() returns text language sql stable as $$
	select auth.jwt() ->> 'role'
$$;
`;

/** The JWT secret of the test gateway. */
export const TEST_JWT_SECRET = 'rest-test-secret-rest-test-secret-0123456789';

/** Signs HS256 JWT claims with `secret`. */
export function signJwt(claims: Record<string, unknown>, secret = TEST_JWT_SECRET): string {
	const encode = (value: unknown): string =>
		Buffer.from(JSON.stringify(value)).toString('base64url');
	const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
	return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function verifyJwt(token: string): Record<string, unknown> | undefined {
	const [header, payload, signature] = token.split('.');
	if (!header || !payload || !signature) return undefined;
	const expected = createHmac('sha256', TEST_JWT_SECRET)
		.update(`${header}.${payload}`)
		.digest('base64url');
	if (expected !== signature) return undefined;
	return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** An in-memory database (db/'s PGlite adapter) with the platform bootstrap's roles and grants and `auth.uid()`. */
export async function createTestDatabase(): Promise<Database> {
	const serverUrl = process.env['REST_TEST_DATABASE_URL'];
	let db: Database;
	let drop: (() => Promise<void>) | null = null;
	if (serverUrl === undefined || serverUrl === '') db = await openDatabase({});
	else {
		const name = `rest_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
		const admin = await openDatabase({ databaseUrl: serverUrl });
		await admin.exec(`create database ${name}`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		db = await openDatabase({ databaseUrl: url.toString() });
		drop = async () => {
			await admin.exec(`drop database if exists ${name} with (force)`);
			await admin.close();
		};
	}
	for (const file of BOOTSTRAP) await db.exec(await readFile(file, 'utf8'));
	const hasAuth = await db.query<{ ok: boolean }>(
		`select to_regprocedure('auth.uid()') is not null as ok`
	);
	if (hasAuth.rows[0]?.ok !== true) await db.exec(AUTH_SQL);
	if (drop === null) return db;
	const dropDb = drop;
	const inner = db;
	return {
		kind: inner.kind,
		query: (sql, params) => inner.query(sql, params),
		exec: (sql) => inner.exec(sql),
		transaction: (fn) => inner.transaction(fn),
		listen: (channel, onNotify) => inner.listen(channel, onNotify),
		close: async () => {
			await inner.close();
			await dropDb();
		},
	};
}

/** A running test server. */
export interface TestRestServer {
	url: string;
	db: Database;
	service: RestService;
	anonKey: string;
	serviceRoleKey: string;
	/** An access token for user `sub` (role authenticated). */
	userToken(sub: string, extra?: Record<string, unknown>): string;
	close(): Promise<void>;
}

function callerFor(req: IncomingMessage, anonKey: string): Caller | null {
	const auth = req.headers.authorization;
	const apikey = typeof req.headers.apikey === 'string' ? req.headers.apikey : undefined;
	const token = auth?.toLowerCase().startsWith('bearer ')
		? auth.slice(7).trim()
		: (apikey ?? anonKey);
	const claims = verifyJwt(token);
	if (claims === undefined) return null;
	return { role: typeof claims['role'] === 'string' ? claims['role'] : 'anon', claims, token };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

/**
 * Starts PGlite, runs `setupSql` (tables, policies, seed), creates the REST service and serves it on an
 * ephemeral port under `/rest/v1`.
 */
export async function startTestRestServer(
	setupSql: string,
	extra: Partial<Omit<RestServiceOptions, 'db' | 'config'>> = {}
): Promise<TestRestServer> {
	const db = await createTestDatabase();
	await db.exec(setupSql);
	const anonKey = signJwt({ role: 'anon', iss: 'supabase' });
	const serviceRoleKey = signJwt({ role: 'service_role', iss: 'supabase' });
	const config: BackendConfig = {
		apiUrl: 'http://127.0.0.1',
		siteUrl: 'http://127.0.0.1',
		jwtSecret: TEST_JWT_SECRET,
		anonKey,
		serviceRoleKey,
		jwtExpiry: 3600,
		mailerAutoconfirm: true,
		rateLimits: false,
	};
	const service = await createRestService({ db, config, ...extra });
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			if (!url.pathname.startsWith('/rest/v1')) {
				res.writeHead(404).end();
				return;
			}
			const caller = callerFor(req, anonKey);
			if (caller === null) {
				res
					.writeHead(401, { 'Content-Type': 'application/json' })
					.end('{"code":"PGRST301","message":"JWT invalid"}');
				return;
			}
			const headers = new Headers();
			for (const [k, v] of Object.entries(req.headers))
				if (typeof v === 'string') headers.set(k, v);
			const method = req.method ?? 'GET';
			const body =
				method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
			const request = new Request(url, {
				method,
				headers,
				...(body === undefined ? {} : { body }),
			});
			const response = await service.handle(request, url.pathname.slice('/rest/v1'.length), caller);
			const out: Record<string, string> = {};
			response.headers.forEach((v, k) => {
				out[k] = v;
			});
			res.writeHead(response.status, out);
			res.end(Buffer.from(await response.arrayBuffer()));
		})().catch((e: unknown) => {
			res.writeHead(500).end(String(e));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		db,
		service,
		anonKey,
		serviceRoleKey,
		userToken: (sub, more = {}) =>
			signJwt({ sub, role: 'authenticated', aud: 'authenticated', ...more }),
		async close() {
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await db.close();
		},
	};
}
