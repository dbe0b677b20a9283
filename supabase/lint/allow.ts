/**
 * Deliberate exceptions to the database linter (./lint.ts): a finding of `rule` on exactly `object` is reported
 * as allowed and never fails the build. Keep this list short; every entry says why the rule does not apply.
 */
import type { Allowed } from './lint.ts';

export const ALLOWED: readonly Allowed[] = [
	{
		rule: 'multiple_permissive_policies',
		object: 'storage.objects',
		// supabase/migrations/…000500_storage_buckets.sql: one policy per bucket and operation.
		reason:
			'one policy per bucket (Supabase storage convention), each led by its bucket_id test; PostgreSQL ORs permissive policies into one expression, so a merged policy would plan the same',
	},
];
