/**
 * Shared setup for the RLS matrix (tests/integration/rls-*.test.ts): the real backend with the project's migrations,
 * members created through the auth admin API (so the profile trigger runs), typed supabase-js clients acting as
 * them, and helpers that state what "refused" means.
 */
import { fileURLToPath } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect } from 'vitest';
import type { Database } from '../../src/lib/supabase/database.types.ts';
import { startTestBackend, type TestBackend, uniqueEmail } from './support/backend.ts';

/** A supabase-js client typed with the generated schema. */
export type Client = SupabaseClient<Database>;

/** supabase/migrations, applied at start-up like `npm start` does. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../supabase/migrations/', import.meta.url));

/** A password the auth server accepts. */
export const PASSWORD = 'Correct-horse-battery-staple-9';

/** The backend with every migration applied (in-memory PGlite, or PostgreSQL 15 with TEST_POSTGRES=1). */
export function startMembersBackend(): Promise<TestBackend> {
	return startTestBackend({ migrationsDir: MIGRATIONS_DIR });
}

const CLIENT_OPTIONS = {
	auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
};

/** A typed client: anon key, service_role key, or the anon key with an access token. */
export function client(backend: TestBackend, as: 'anon' | 'service' | { token: string }): Client {
	if (as === 'service')
		return createClient<Database>(backend.url, backend.serviceRoleKey, CLIENT_OPTIONS);
	if (as === 'anon') return createClient<Database>(backend.url, backend.anonKey, CLIENT_OPTIONS);
	return createClient<Database>(backend.url, backend.anonKey, {
		...CLIENT_OPTIONS,
		global: { headers: { Authorization: `Bearer ${as.token}` } },
	});
}

/** A member: their auth user id, email and a client acting as them. */
export interface Member {
	id: string;
	email: string;
	client: Client;
}

/**
 * Creates a confirmed account through the auth admin API (the profile trigger runs on it) and a client with an
 * access token for it. `metadata` is the sign-up metadata (e.g. `{ display_name, locale }`).
 */
export async function createMember(
	backend: TestBackend,
	label: string,
	metadata: Record<string, unknown> = {}
): Promise<Member> {
	const email = uniqueEmail(label);
	const { data, error } = await client(backend, 'service').auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: metadata,
	});
	if (error !== null || data.user === null) throw new Error(`createUser: ${error?.message}`);
	const id = data.user.id;
	return { id, email, client: client(backend, { token: backend.userToken(id, { email }) }) };
}

/** Makes `member` staff (through the service-role-only RPC). */
export async function makeStaff(backend: TestBackend, member: Member): Promise<void> {
	const { error } = await client(backend, 'service').rpc('grant_staff', { p_user_id: member.id });
	if (error !== null) throw new Error(`grant_staff: ${error.message}`);
}

/** A PostgREST result as supabase-js returns it. */
export interface Result {
	data: unknown;
	error: { code?: string; message: string } | null;
}

/** The request was refused outright (an error, optionally with this SQLSTATE / PostgREST code). */
export function expectError(result: Result, code?: string): void {
	expect(result.error, `expected an error, got data ${JSON.stringify(result.data)}`).not.toBeNull();
	if (code !== undefined) expect(result.error?.code).toBe(code);
}

/** The request was refused: an error, or no rows at all (RLS hides or skips them). */
export function expectNothing(result: Result): void {
	if (result.error !== null) return;
	expect(result.data ?? [], 'expected no rows').toEqual([]);
}

/** The request succeeded; returns its rows. */
export function expectRows<T>(result: { data: T[] | null; error: Result['error'] }): T[] {
	expect(result.error).toBeNull();
	return result.data ?? [];
}
