-- =====================================================================================================================
-- Section: storage buckets
--
-- avatars and org-logos: public to read (by URL; nobody can list them), written by their owner under a folder named
-- by their user id / organisation id, images only (PNG, JPEG, WebP), at most 2 MB.
-- documents: private evidence for verification (PDF or image, at most 10 MB), under the owner's user-id folder;
-- readable by the owner and, for files that are evidence of a verification request, by staff (signed URLs).
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables (rows)
-- ---------------------------------------------------------------------------------------------------------------------

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
	('avatars', 'avatars', true, 2097152, array['image/png', 'image/jpeg', 'image/webp']),
	('org-logos', 'org-logos', true, 2097152, array['image/png', 'image/jpeg', 'image/webp']),
	('documents', 'documents', false, 10485760, array['application/pdf', 'image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do update set
	public = excluded.public,
	file_size_limit = excluded.file_size_limit,
	allowed_mime_types = excluded.allowed_mime_types;

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- True when `p_folder` (the first path segment of an org-logos object) is the id of an organisation the caller owns.
create function private.owns_organisation_folder(p_folder text)
returns boolean
language sql
stable
set search_path = ''
as $$
	select case
		when p_folder ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
			then private.has_org_role(p_folder::uuid, 'owner')
		else false
	end;
$$;
revoke execute on function private.owns_organisation_folder(text) from public, anon, authenticated;
grant execute on function private.owns_organisation_folder(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------------------------
-- Policies (storage.objects)
-- ---------------------------------------------------------------------------------------------------------------------

-- avatars: reading goes through the public URL (a public bucket needs no SELECT policy, and none lets anyone list
-- the bucket); the owner reads, writes and deletes in their own folder.

-- SELECT(objects, avatars): the owner, in their folder (needed for upsert, update and delete).
create policy objects_select_avatars_owner on storage.objects
	for select to authenticated
	using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- INSERT(objects, avatars): the owner, in their folder.
create policy objects_insert_avatars_owner on storage.objects
	for insert to authenticated
	with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- UPDATE(objects, avatars): the owner, in their folder.
create policy objects_update_avatars_owner on storage.objects
	for update to authenticated
	using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text)
	with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- DELETE(objects, avatars): the owner, in their folder.
create policy objects_delete_avatars_owner on storage.objects
	for delete to authenticated
	using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- org-logos: the organisation's owners, in the folder named by the organisation id.

-- SELECT(objects, org-logos): owners of the organisation.
create policy objects_select_org_logos_owner on storage.objects
	for select to authenticated
	using (bucket_id = 'org-logos' and private.owns_organisation_folder((storage.foldername(name))[1]));

-- INSERT(objects, org-logos): owners of the organisation.
create policy objects_insert_org_logos_owner on storage.objects
	for insert to authenticated
	with check (bucket_id = 'org-logos' and private.owns_organisation_folder((storage.foldername(name))[1]));

-- UPDATE(objects, org-logos): owners of the organisation.
create policy objects_update_org_logos_owner on storage.objects
	for update to authenticated
	using (bucket_id = 'org-logos' and private.owns_organisation_folder((storage.foldername(name))[1]))
	with check (bucket_id = 'org-logos' and private.owns_organisation_folder((storage.foldername(name))[1]));

-- DELETE(objects, org-logos): owners of the organisation.
create policy objects_delete_org_logos_owner on storage.objects
	for delete to authenticated
	using (bucket_id = 'org-logos' and private.owns_organisation_folder((storage.foldername(name))[1]));

-- documents: private to the owner's folder; staff read files that are evidence of a verification request.

-- SELECT(objects, documents): the owner, in their folder; staff, for evidence.
create policy objects_select_documents_owner_or_staff on storage.objects
	for select to authenticated
	using (
		bucket_id = 'documents'
		and (
			(storage.foldername(name))[1] = (select auth.uid())::text
			or ((select private.is_staff()) and private.is_evidence(name))
		)
	);

-- INSERT(objects, documents): the owner, in their folder.
create policy objects_insert_documents_owner on storage.objects
	for insert to authenticated
	with check (bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- UPDATE(objects, documents): the owner, in their folder.
create policy objects_update_documents_owner on storage.objects
	for update to authenticated
	using (bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text)
	with check (bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- DELETE(objects, documents): the owner, in their folder.
create policy objects_delete_documents_owner on storage.objects
	for delete to authenticated
	using (bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text);
