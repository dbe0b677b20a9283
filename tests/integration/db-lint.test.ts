/**
 * The database linter (supabase/lint/lint.ts, `npm run db:lint`) over every migration: no failing finding — and,
 * so that a clean run means something, every rule fires on an offending object built for it in a scratch schema
 * (exposed like public), inside a transaction that is rolled back.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Queryable } from '../../supabase/embedded/contracts.ts';
import {
	type Allowed,
	exposedSchemasFromConfig,
	failures,
	type Finding,
	formatFindings,
	lintDatabase,
	RULE_NAMES,
} from '../../supabase/lint/lint.ts';
import { startMembersBackend } from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

const CONFIG = readFileSync(new URL('../../supabase/config.toml', import.meta.url), 'utf8');
const EXPOSED = exposedSchemasFromConfig(CONFIG);

let backend: TestBackend;

beforeAll(async () => {
	backend = await startMembersBackend();
}, 60_000);

afterAll(async () => backend?.close());

// Offending objects, one or more per rule, and their well-behaved twins (which must not be reported).
const SCRATCH = `
	create schema lint_scratch;
	grant usage on schema lint_scratch to anon, authenticated;

	-- rls_disabled_in_public; policy_exists_rls_disabled
	create table lint_scratch.no_rls (id int primary key);
	create table lint_scratch.rls_off (id int primary key);
	create policy rls_off_select_members on lint_scratch.rls_off for select to authenticated using (true);

	-- rls_enabled_no_policy
	create table lint_scratch.no_policy (id int primary key);
	alter table lint_scratch.no_policy enable row level security;

	-- auth_rls_initplan, rls_references_user_metadata, rls_policy_always_true, multiple_permissive_policies,
	-- duplicate_index
	create table lint_scratch.owned (id int primary key, owner uuid not null, team text);
	alter table lint_scratch.owned enable row level security;
	create index owned_owner_idx on lint_scratch.owned (owner);
	create index owned_owner_again_idx on lint_scratch.owned (owner);
	create policy owned_select_owner on lint_scratch.owned for select to authenticated
		using (owner = auth.uid());
	create policy owned_select_team on lint_scratch.owned for select to authenticated
		using (team = current_setting('request.jwt.claims', true));
	create policy owned_update_owner on lint_scratch.owned for update to authenticated
		using ((select auth.uid()) = owner) with check ((select auth.uid()) = owner);
	create policy owned_delete_metadata on lint_scratch.owned for delete to authenticated
		using (team = (select auth.jwt() -> 'user_metadata' ->> 'team'));
	create policy owned_insert_anyone on lint_scratch.owned for insert to authenticated with check (true);

	-- unindexed_foreign_keys (and an indexed twin)
	create table lint_scratch.child (id int primary key, owned_id int references lint_scratch.owned (id));
	create table lint_scratch.indexed_child (id int primary key, owned_id int references lint_scratch.owned (id));
	create index indexed_child_owned_id_idx on lint_scratch.indexed_child (owned_id);
	alter table lint_scratch.child enable row level security;
	alter table lint_scratch.indexed_child enable row level security;

	-- function_search_path_mutable; anon_/authenticated_security_definer_function_executable (through PUBLIC)
	create function lint_scratch.definer_no_path() returns int language sql security definer as 'select 1';
	create function lint_scratch.invoker_no_path() returns int language sql as 'select 1';
	create function lint_scratch.definer_pinned() returns int language sql security definer set search_path = ''
		as 'select 1';
	revoke execute on function lint_scratch.definer_pinned() from public;
	grant execute on function lint_scratch.definer_pinned() to authenticated;

	-- security_definer_view (and an invoker twin), auth_users_exposed, materialized_view_in_api
	create view lint_scratch.owned_view as select id, owner from lint_scratch.owned;
	create view lint_scratch.owned_invoker_view with (security_invoker = true) as select id from lint_scratch.owned;
	grant select on lint_scratch.owned_view, lint_scratch.owned_invoker_view to authenticated;
	create view lint_scratch.users_view as select id, email from auth.users;
	create materialized view lint_scratch.counts as select count(*) as n from lint_scratch.owned;
	grant select on lint_scratch.counts to anon;
	grant select (email) on auth.users to authenticated;

	-- extension_in_public
	alter extension pg_trgm set schema lint_scratch;
`;

class RollBack extends Error {}

/** Lints with `sql` applied inside a transaction that is then rolled back, so nothing stays behind. */
async function lintScratch(
	sql: string,
	exposed: readonly string[],
	allowed?: readonly Allowed[]
): Promise<Finding[]> {
	let findings: Finding[] = [];
	try {
		await backend.db.transaction(async (tx: Queryable) => {
			await tx.exec(sql);
			findings = await lintDatabase(tx, {
				exposedSchemas: exposed,
				...(allowed === undefined ? {} : { allowed }),
			});
			throw new RollBack();
		});
	} catch (error) {
		if (!(error instanceof RollBack)) throw error;
	}
	return findings;
}

function found(findings: Finding[], rule: string): string[] {
	return findings
		.filter((f) => f.rule === rule)
		.map((f) => (f.detail === null ? f.object : `${f.object} — ${f.detail}`))
		.sort();
}

describe('database lint', () => {
	test('the exposed schemas come from supabase/config.toml', () => {
		expect(EXPOSED).toEqual(['public', 'graphql_public']);
		expect(exposedSchemasFromConfig('[db]\nport = 1\n')).toEqual(['public', 'graphql_public']);
		expect(exposedSchemasFromConfig('[api]\nschemas = ["public", "api"]\n[db]\n')).toEqual([
			'public',
			'api',
		]);
	});

	test('the migrations have no failing finding', async () => {
		const findings = await lintDatabase(backend.db, { exposedSchemas: EXPOSED });
		expect(failures(findings), formatFindings(findings)).toEqual([]);
		// The allow-list is used, and only for what it names.
		expect(findings.filter((f) => f.allowed !== null).map((f) => `${f.rule} ${f.object}`)).toEqual(
			Array.from({ length: 4 }, () => 'multiple_permissive_policies storage.objects')
		);
		// Every security-definer RPC the API roles may call was granted to them by name (listed for review).
		const grants = findings.filter((f) => f.rule.endsWith('_security_definer_function_executable'));
		expect(grants.length).toBeGreaterThan(0);
		for (const grant of grants) expect(grant.detail).toMatch(/^granted to (anon|authenticated)$/);
	});

	test('every rule fires on an object made to break it', async () => {
		const findings = await lintScratch(SCRATCH, [...EXPOSED, 'lint_scratch']);
		const fired = new Set(findings.map((f) => f.rule));
		expect(RULE_NAMES.filter((rule) => !fired.has(rule))).toEqual([]);

		expect(found(findings, 'rls_disabled_in_public')).toEqual([
			'lint_scratch.no_rls',
			'lint_scratch.rls_off',
		]);
		expect(found(findings, 'policy_exists_rls_disabled')).toEqual([
			'lint_scratch.rls_off — policies: rls_off_select_members',
		]);
		expect(found(findings, 'rls_enabled_no_policy')).toEqual([
			'lint_scratch.child',
			'lint_scratch.indexed_child',
			'lint_scratch.no_policy',
		]);
		expect(found(findings, 'auth_rls_initplan')).toEqual([
			'lint_scratch.owned policy owned_select_owner — bare auth.uid()',
			'lint_scratch.owned policy owned_select_team — bare current_setting()',
		]);
		expect(found(findings, 'rls_references_user_metadata')).toEqual([
			'lint_scratch.owned policy owned_delete_metadata',
		]);
		expect(found(findings, 'rls_policy_always_true')).toEqual([
			'lint_scratch.owned policy owned_insert_anyone',
		]);
		expect(found(findings, 'multiple_permissive_policies')).toContain(
			'lint_scratch.owned — SELECT for authenticated: owned_select_owner, owned_select_team'
		);
		expect(found(findings, 'duplicate_index')).toEqual([
			'lint_scratch.owned — owned_owner_again_idx, owned_owner_idx',
		]);
		expect(found(findings, 'unindexed_foreign_keys')).toEqual([
			'lint_scratch.child — child_owned_id_fkey (owned_id)',
		]);
		expect(found(findings, 'function_search_path_mutable')).toEqual([
			'lint_scratch.definer_no_path() — security definer',
			'lint_scratch.invoker_no_path() — security invoker',
		]);
		const definerCalls = findings.filter((f) =>
			f.rule.endsWith('_security_definer_function_executable')
		);
		expect(
			definerCalls
				.filter((f) => f.object.startsWith('lint_scratch.'))
				.map((f) => `${f.level} ${f.rule} ${f.object} — ${f.detail}`)
				.sort()
		).toEqual([
			'ERROR anon_security_definer_function_executable lint_scratch.definer_no_path() — through PUBLIC (never granted)',
			'ERROR authenticated_security_definer_function_executable lint_scratch.definer_no_path() — through PUBLIC (never granted)',
			'WARN authenticated_security_definer_function_executable lint_scratch.definer_pinned() — granted to authenticated',
		]);
		expect(found(findings, 'security_definer_view')).toEqual([
			'lint_scratch.owned_view — reads: lint_scratch.owned (RLS)',
		]);
		expect(found(findings, 'auth_users_exposed')).toEqual([
			'auth.users — granted: authenticated SELECT',
			'lint_scratch.users_view — view reading auth.users',
		]);
		expect(found(findings, 'materialized_view_in_api')).toEqual(['lint_scratch.counts']);
		expect(found(findings, 'extension_in_public')).toEqual(['pg_trgm — in lint_scratch']);

		// Each finding carries a level and a one-line fix, and the run fails.
		for (const f of findings) {
			expect(f.fix.length).toBeGreaterThan(10);
			expect(f.fix).not.toContain('\n');
		}
		expect(failures(findings).length).toBeGreaterThan(0);
	});

	test('a table without RLS in public itself fails with the default schemas; nothing stays behind', async () => {
		const findings = await lintScratch(
			'create table public.lint_scratch_no_rls (id int primary key);',
			EXPOSED
		);
		expect(failures(findings).map((f) => `${f.rule} ${f.object}`)).toEqual([
			'rls_disabled_in_public public.lint_scratch_no_rls',
		]);
		const left = await backend.db.query(
			`select 1 from pg_namespace where nspname = 'lint_scratch'
			union all select 1 from pg_class where relname = 'lint_scratch_no_rls'`
		);
		expect(left.rows).toEqual([]);
	});

	test('the allow-list turns a finding into a reviewed exception that does not fail', async () => {
		const allowed = await lintScratch(
			'create table public.lint_scratch_no_rls (id int primary key);',
			EXPOSED,
			[{ rule: 'rls_disabled_in_public', object: 'public.lint_scratch_no_rls', reason: 'a test' }]
		);
		// An explicit list replaces the project's: storage.objects' per-bucket policies fail again.
		expect(failures(allowed).map((f) => `${f.rule} ${f.object}`)).toEqual(
			Array.from({ length: 4 }, () => 'multiple_permissive_policies storage.objects')
		);
		expect(allowed.find((f) => f.object === 'public.lint_scratch_no_rls')?.allowed).toBe('a test');
		expect(formatFindings(allowed)).toContain('ERROR (allowed)');
	});
});
