import type { SupabaseClient } from '@supabase/supabase-js';

/** The folders and buckets that hold a person's own files (`<bucket>/<user id>/…`). */
const PERSONAL_BUCKETS = ['avatars', 'documents'] as const;

/** Every object under a folder of a bucket, however deep (Storage lists one level at a time). */
export async function listAllObjects(
	admin: SupabaseClient,
	bucket: string,
	folder: string
): Promise<string[]> {
	const paths: string[] = [];
	const pending = [folder];
	while (pending.length > 0) {
		const prefix = pending.shift() as string;
		for (let offset = 0; ; offset += 1000) {
			const { data, error } = await admin.storage
				.from(bucket)
				.list(prefix, { limit: 1000, offset });
			if (error)
				throw new Error(`listing ${bucket}/${prefix} failed: ${error.message}`, { cause: error });
			for (const entry of data) {
				const path = `${prefix}/${entry.name}`;
				// A folder has no id in Storage's listing.
				if (entry.id === null) pending.push(path);
				else paths.push(path);
			}
			if (data.length < 1000) break;
		}
	}
	return paths;
}

async function removeAll(admin: SupabaseClient, bucket: string, paths: string[]): Promise<void> {
	for (let i = 0; i < paths.length; i += 100) {
		const { error } = await admin.storage.from(bucket).remove(paths.slice(i, i + 100));
		if (error)
			throw new Error(`deleting from ${bucket} failed: ${error.message}`, { cause: error });
	}
}

/**
 * The organisations whose only member is this person: the database deletes them with the account
 * (supabase/migrations/…_account.sql), so their logos go too.
 */
async function soleMemberOrganisations(admin: SupabaseClient, userId: string): Promise<string[]> {
	const { data: mine, error } = await admin
		.from('organisation_members')
		.select('organisation_id')
		.eq('user_id', userId);
	if (error) throw new Error(`reading memberships failed: ${error.message}`, { cause: error });
	const ids = (mine ?? []).map((row: { organisation_id: string }) => row.organisation_id);
	if (ids.length === 0) return [];
	const { data: members, error: membersError } = await admin
		.from('organisation_members')
		.select('organisation_id, user_id')
		.in('organisation_id', ids);
	if (membersError) {
		throw new Error(`reading members failed: ${membersError.message}`, { cause: membersError });
	}
	const others = new Set(
		(members ?? [])
			.filter((row: { user_id: string }) => row.user_id !== userId)
			.map((row: { organisation_id: string }) => row.organisation_id)
	);
	return ids.filter((id) => !others.has(id));
}

/**
 * Deletes an account with the service-role client, as the database's design asks: first the
 * person's files (their avatar and documents folders, and the logos of organisations only they
 * belong to), then the account itself. Foreign keys then remove their profile, memberships and
 * requests, and anonymise what others keep (organisations they created, invitations they sent,
 * decisions and audit entries). The caller must have checked who is asking.
 * @throws {Error} when any step fails; the account then still exists and can be deleted again
 */
export async function deleteAccount(admin: SupabaseClient, userId: string): Promise<void> {
	for (const bucket of PERSONAL_BUCKETS) {
		await removeAll(admin, bucket, await listAllObjects(admin, bucket, userId));
	}
	for (const organisationId of await soleMemberOrganisations(admin, userId)) {
		await removeAll(admin, 'org-logos', await listAllObjects(admin, 'org-logos', organisationId));
	}
	const { error } = await admin.auth.admin.deleteUser(userId);
	if (error) throw new Error(`deleting the user failed: ${error.message}`, { cause: error });
}
