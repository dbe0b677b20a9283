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

	test('no function is executable by PUBLIC; anon runs only the public directory functions, the matching weights, unsubscribe and the venture outcomes', async () => {
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
			'public.matching_weights',
			'public.organisation_search',
			'public.unsubscribe',
			'public.venture_matching_weights',
			'public.venture_outcomes',
		]);
	});

	test('security-definer functions are the ones that must read past RLS, and only those', async () => {
		const definers = await rows<{ name: string }>(`
			select n.nspname || '.' || p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where n.nspname in ('public', 'private') and p.prosecdef order by 1`);
		expect(definers.map((r) => r.name)).toEqual([
			'private.audit',
			'private.audit_member_role_change',
			'private.audit_staff_change',
			'private.audit_verification_decision',
			'private.audit_verified_change',
			'private.caller_email',
			'private.can_see_member',
			'private.consume_rate_limit',
			'private.export_account_data',
			'private.export_data_before_ventures',
			'private.forget_deleted_user',
			'private.handle_new_user',
			'private.has_org_role',
			'private.is_blocked_in_venture',
			'private.is_evidence',
			'private.is_mentorship_member',
			'private.is_reported_mentorship',
			'private.is_reported_message',
			'private.is_reported_venture_message',
			'private.is_staff',
			'private.is_venture_party',
			'private.limit_messages',
			'private.mentor_profiles_close_requests',
			'private.mentor_profiles_refresh_card',
			'private.mentorships_refresh_stats',
			'private.notification_recipient_before_ventures',
			'private.organisation_members_keep_owner',
			'private.organisations_add_creator',
			'private.organisations_pause_ventures',
			'private.owner_count',
			'private.profiles_add_notification_preferences',
			'private.profiles_refresh_mentor_card',
			'private.profiles_refresh_returnee_card',
			'private.rate_limit_hit',
			'private.unsubscribe_before_ventures',
			'private.venture_other_person',
			'private.venture_parties',
			'private.venture_party_role',
			'private.ventures_close_interests',
			'private.viewer_level',
			'public.accept_invitation',
			'public.advance_pipeline',
			'public.block_member',
			'public.cancel_mentorship',
			'public.close_pipeline',
			'public.complete_mentorship',
			'public.consume_rate_limit',
			'public.decide_report',
			'public.decide_verification',
			'public.decline_invitation',
			'public.directory_search',
			'public.export_my_data',
			'public.express_interest',
			'public.get_invitation',
			'public.get_mentor_profile',
			'public.get_profile',
			'public.get_venture',
			'public.grant_staff',
			'public.invite_candidate',
			'public.invite_facilitator',
			'public.mark_mentorship_read',
			'public.match_mentors',
			'public.matching_weights',
			'public.mentor_feedback_summary',
			'public.message_digests_due',
			'public.moderation_queue',
			'public.my_invitations',
			'public.my_mentorships',
			'public.my_pipeline',
			'public.notification_recipient',
			'public.organisation_roster',
			'public.purge_audit_log',
			'public.purge_rate_limits',
			'public.record_security_event',
			'public.report',
			'public.report_venture',
			'public.request_mentorship',
			'public.respond_interest',
			'public.respond_mentorship',
			'public.revoke_staff',
			'public.revoke_verification',
			'public.save_venture',
			'public.send_mentorship_message',
			'public.send_venture_message',
			'public.set_message_rate_limit',
			'public.stalled_pipelines_due',
			'public.submit_mentorship_feedback',
			'public.unsubscribe',
			'public.venture_blocked_me',
			'public.venture_candidates',
			'public.venture_matching_weights',
			'public.venture_outcomes',
			'public.venture_teasers',
			'public.ventures_for_me',
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
