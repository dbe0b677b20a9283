-- =====================================================================================================================
-- Section: account
--
-- Export: export_my_data() returns every row about the caller as one JSON document (the app adds the files it lists
-- in storage). Deletion: the app deletes the caller's files through the Storage API (avatars/<uid>/…,
-- documents/<uid>/…, and the logos of organisations they alone own), then the account with the service role
-- (auth.admin.deleteUser). Foreign keys then remove or anonymise everything else:
--   removed      profile, memberships, own verification requests, staff role, invitations to their email
--   anonymised   organisations they created (created_by), invitations they sent (invited_by), requests they made
--                for an organisation (requested_by; message and evidence cleared), decisions they made as staff
--                (decided_by), audit entries (actor or subject; details cleared when they were the subject)
--   handed over  organisations where they were the last owner pass to the longest-standing member, or are deleted
--                when nobody is left
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- Invitations are addressed to an email, not an account: they go when the account with that email does.
create function private.forget_deleted_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if old.email is not null then
		delete from public.organisation_invitations i where i.email = lower(old.email);
	end if;
	return old;
end;
$$;
revoke execute on function private.forget_deleted_user() from public, anon, authenticated;

create trigger account_on_auth_user_deleted
	before delete on auth.users
	for each row execute function private.forget_deleted_user();

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- Everything the portal holds about the caller, as JSON: account, profile (with visibility settings), memberships
-- and the organisations, invitations sent and received, verification requests, staff role, audit entries about them
-- or by them, and the list of their files (the app downloads those).
create function public.export_my_data()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
	v_email text;
begin
	if v_uid is null then
		raise exception 'sign in to export your data' using errcode = '42501';
	end if;
	select lower(u.email) into v_email from auth.users u where u.id = v_uid;
	return jsonb_build_object(
		'format', 'okaeri-export/1',
		'exported_at', now(),
		'account', (
			select jsonb_build_object(
				'id', u.id, 'email', u.email, 'phone', u.phone, 'created_at', u.created_at,
				'email_confirmed_at', u.email_confirmed_at, 'last_sign_in_at', u.last_sign_in_at,
				'user_metadata', u.raw_user_meta_data)
			from auth.users u where u.id = v_uid),
		'profile', (
			select to_jsonb(p) - array['search_name', 'search_public', 'search_members', 'search_verified']
			from public.profiles p where p.id = v_uid),
		'organisation_memberships', coalesce((
			select jsonb_agg(jsonb_build_object(
				'role', m.role, 'title', m.title, 'joined_at', m.created_at,
				'organisation', to_jsonb(o) - array['search_name', 'search_document'])
				order by m.created_at)
			from public.organisation_members m
			join public.organisations o on o.id = m.organisation_id
			where m.user_id = v_uid), '[]'::jsonb),
		'organisations_created', coalesce((
			select jsonb_agg(o.id order by o.created_at)
			from public.organisations o where o.created_by = v_uid), '[]'::jsonb),
		'invitations_sent', coalesce((
			select jsonb_agg(jsonb_build_object(
				'organisation_id', i.organisation_id, 'email', i.email, 'role', i.role,
				'created_at', i.created_at, 'expires_at', i.expires_at)
				order by i.created_at)
			from public.organisation_invitations i where i.invited_by = v_uid), '[]'::jsonb),
		'invitations_received', coalesce((
			select jsonb_agg(jsonb_build_object(
				'organisation_id', i.organisation_id, 'role', i.role,
				'created_at', i.created_at, 'expires_at', i.expires_at)
				order by i.created_at)
			from public.organisation_invitations i where i.email = v_email), '[]'::jsonb),
		'verification_requests', coalesce((
			select jsonb_agg(jsonb_build_object(
				'id', v.id, 'subject_user_id', v.subject_user_id,
				'subject_organisation_id', v.subject_organisation_id, 'status', v.status,
				'message', v.message, 'evidence_paths', v.evidence_paths,
				'decision_reason', v.decision_reason, 'decided_at', v.decided_at,
				'created_at', v.created_at, 'updated_at', v.updated_at)
				order by v.created_at)
			from public.verification_requests v
			where v.requested_by = v_uid or v.subject_user_id = v_uid), '[]'::jsonb),
		'verification_decisions_made', coalesce((
			select jsonb_agg(jsonb_build_object('request_id', v.id, 'status', v.status, 'decided_at', v.decided_at)
				order by v.decided_at)
			from public.verification_requests v where v.decided_by = v_uid), '[]'::jsonb),
		'staff', (
			select jsonb_build_object('granted_at', s.granted_at) from private.staff s where s.user_id = v_uid),
		'audit_log', coalesce((
			select jsonb_agg(jsonb_build_object(
				'created_at', a.created_at, 'action', a.action, 'by_me', a.actor_id = v_uid,
				'about_me', a.subject_user_id = v_uid, 'subject_organisation_id', a.subject_organisation_id,
				'details', case when a.subject_user_id = v_uid or a.actor_id = v_uid then a.details end)
				order by a.created_at)
			from public.audit_log a where a.actor_id = v_uid or a.subject_user_id = v_uid), '[]'::jsonb),
		'files', coalesce((
			select jsonb_agg(jsonb_build_object(
				'bucket', f.bucket_id, 'name', f.name, 'size', f.metadata -> 'size',
				'content_type', f.metadata -> 'mimetype', 'created_at', f.created_at)
				order by f.bucket_id, f.name)
			from storage.objects f
			where f.owner_id = v_uid::text
				or (f.bucket_id in ('avatars', 'documents') and (storage.foldername(f.name))[1] = v_uid::text)), '[]'::jsonb)
	);
end;
$$;
comment on function public.export_my_data() is
	'Everything the portal holds about the caller as one JSON document (files are listed; the app downloads them).';
revoke execute on function public.export_my_data() from public, anon, authenticated;
grant execute on function public.export_my_data() to authenticated;
