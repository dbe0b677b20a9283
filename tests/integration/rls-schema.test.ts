/**
 * Guards over the whole members schema (public and private), so a new table or function cannot skip the rules:
 * RLS everywhere, an index on every foreign key, a fixed search_path on every function, no EXECUTE for PUBLIC and
 * only the intended functions for anon, policies that name their table and operation, are scoped to a role and
 * call auth.uid() once per statement, and grants that keep anon off every table but organisations.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMembersBackend } from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

let backend: TestBackend;

async function rows<T>(sql: string): Promise<T[]> {
	return (await backend.db.query<T>(sql)).rows;
}

beforeAll(async () => {
	backend = await startMembersBackend();
}, 60_000);

afterAll(async () => backend?.close());

describe('members schema guards', () => {
	test('row-level security is enabled on every table', async () => {
		expect(
			await rows(`select format('%I.%I', n.nspname, c.relname) as name
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname in ('public', 'private') and c.relkind in ('r', 'p') and not c.relrowsecurity`)
		).toEqual([]);
	});

	test('every table in public says what it is for', async () => {
		expect(
			await rows(`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind = 'r' and obj_description(c.oid, 'pg_class') is null`)
		).toEqual([]);
	});

	test('every foreign key has an index that starts with its columns', async () => {
		const unindexed = await rows<{ name: string }>(`
			select k.conname as name
			from pg_constraint k join pg_namespace n on n.oid = k.connamespace
			where k.contype = 'f' and n.nspname in ('public', 'private')
				and not exists (
					select 1 from pg_index i
					where i.indrelid = k.conrelid and i.indpred is null
						and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey
						and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] <@ k.conkey
				)`);
		expect(unindexed).toEqual([]);
	});

	test('every function pins its search_path', async () => {
		expect(
			await rows(`select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname in ('public', 'private')
					and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`)
		).toEqual([]);
	});

	test('no function is executable by PUBLIC; anon runs only the public directory functions', async () => {
		expect(
			await rows(`select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname in ('public', 'private')
					and exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
						where a.grantee = 0 and a.privilege_type = 'EXECUTE')`)
		).toEqual([]);
		const anon = await rows<{ name: string }>(`
			select n.nspname || '.' || p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')
			order by 1`);
		expect(anon.map((r) => r.name)).toEqual([
			'private.prefix_tsquery',
			'private.search_text',
			'public.directory_search',
			'public.get_profile',
			'public.organisation_search',
		]);
	});

	test('security-definer functions are the ones that must read past RLS, and only those', async () => {
		const definers = await rows<{ name: string }>(`
			select n.nspname || '.' || p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where n.nspname in ('public', 'private') and p.prosecdef order by 1`);
		expect(definers.map((r) => r.name)).toEqual([
			'private.audit',
			'private.caller_email',
			'private.forget_deleted_user',
			'private.handle_new_user',
			'private.has_org_role',
			'private.is_evidence',
			'private.is_staff',
			'private.organisation_members_keep_owner',
			'private.organisations_add_creator',
			'private.owner_count',
			'private.viewer_level',
			'public.accept_invitation',
			'public.decide_verification',
			'public.decline_invitation',
			'public.directory_search',
			'public.export_my_data',
			'public.get_invitation',
			'public.get_profile',
			'public.grant_staff',
			'public.my_invitations',
			'public.organisation_roster',
			'public.revoke_staff',
			'public.revoke_verification',
		]);
	});

	test('policies: <table>_<operation>_<who>, scoped to a role, auth.uid() evaluated once', async () => {
		const policies = await rows<{
			tablename: string;
			policyname: string;
			cmd: string;
			roles: string[];
			qual: string | null;
			with_check: string | null;
		}>(`select tablename, policyname, cmd, roles::text[] as roles, qual, with_check from pg_policies
			where schemaname in ('public', 'private')
				or (schemaname = 'storage' and policyname ~ '^objects_')`);
		expect(policies.length).toBeGreaterThan(20);
		for (const policy of policies) {
			const operation = policy.cmd.toLowerCase();
			expect(policy.policyname, policy.policyname).toMatch(
				new RegExp(`^${policy.tablename}_${operation}_[a-z_]+$`)
			);
			expect(policy.roles, policy.policyname).not.toContain('public');
			for (const expression of [policy.qual, policy.with_check]) {
				const bare = (expression ?? '').replaceAll('SELECT auth.uid()', '');
				expect(bare, `${policy.policyname}: ${expression}`).not.toContain('auth.uid()');
			}
		}
	});

	test('anon can read organisations and no other table', async () => {
		const readable = await rows<{ name: string }>(`
			select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname in ('public', 'private') and c.relkind = 'r'
				and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('anon', c.oid, 'insert')
					or has_table_privilege('anon', c.oid, 'update') or has_table_privilege('anon', c.oid, 'delete'))`);
		expect(readable.map((r) => r.name)).toEqual(['organisations']);
		expect(
			await rows(`select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'private' and c.relkind = 'r'
					and has_table_privilege('authenticated', c.oid, 'select')`)
		).toEqual([]);
	});
});
