-- =====================================================================================================================
-- Section: verification
--
-- A person (their Japan track record) or an organisation owner (their organisation) asks staff to verify, with
-- evidence files in the private `documents` bucket. Staff work the queue and decide through decide_verification(),
-- which sets the verified flag and writes the audit trail. Nobody can verify themselves: the flags are writable
-- only by these functions, and staff cannot decide requests about themselves or their own organisations.
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------------------------------

create type public.verification_status as enum ('pending', 'approved', 'rejected');
comment on type public.verification_status is 'Where a verification request stands.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

create table public.verification_requests (
	id uuid primary key default gen_random_uuid(),
	subject_user_id uuid references public.profiles (id) on delete cascade,
	subject_organisation_id uuid references public.organisations (id) on delete cascade,
	requested_by uuid references public.profiles (id) on delete set null,
	status public.verification_status not null default 'pending',
	message text,
	evidence_paths text[] not null default '{}',
	decided_by uuid references public.profiles (id) on delete set null,
	decision_reason text,
	decided_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.verification_requests is
	'Requests to verify a person or an organisation. Visible to the requester, the person concerned, the organisation''s owners and staff; decided only through decide_verification().';
comment on column public.verification_requests.subject_user_id is 'The person to verify (their own request).';
comment on column public.verification_requests.subject_organisation_id is 'The organisation to verify (requested by one of its owners).';
comment on column public.verification_requests.requested_by is 'Who asked; null once that account is deleted (its message and evidence are then cleared).';
comment on column public.verification_requests.message is 'What the requester tells staff; plain text.';
comment on column public.verification_requests.evidence_paths is 'Object paths in the documents bucket, in the requester''s own folder (<user id>/…). Staff read them through signed URLs.';
comment on column public.verification_requests.decided_by is 'Staff member who decided; null once that account is deleted.';
comment on column public.verification_requests.decision_reason is 'Why; required for a rejection and shown to the requester.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.verification_requests
	add constraint verification_requests_subject_check
		check (num_nonnulls(subject_user_id, subject_organisation_id) = 1),
	add constraint verification_requests_message_check
		check (char_length(message) between 1 and 2000 and message !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint verification_requests_evidence_paths_check
		check (cardinality(evidence_paths) <= 10 and array_position(evidence_paths, null) is null),
	add constraint verification_requests_decision_reason_check
		check (char_length(decision_reason) between 1 and 1000 and decision_reason !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint verification_requests_decision_check check (
		(status = 'pending') = (decided_at is null)
		and (status <> 'rejected' or decision_reason is not null));

-- One open request per subject.
create unique index verification_requests_pending_user_key
	on public.verification_requests (subject_user_id) where status = 'pending';
create unique index verification_requests_pending_organisation_key
	on public.verification_requests (subject_organisation_id) where status = 'pending';
create index verification_requests_subject_user_id_idx on public.verification_requests (subject_user_id);
create index verification_requests_subject_organisation_id_idx on public.verification_requests (subject_organisation_id);
create index verification_requests_requested_by_idx on public.verification_requests (requested_by);
create index verification_requests_decided_by_idx on public.verification_requests (decided_by);
create index verification_requests_queue_idx on public.verification_requests (status, created_at);
-- Storage policies look evidence up by path.
create index verification_requests_evidence_paths_idx on public.verification_requests using gin (evidence_paths);

alter table public.audit_log
	add constraint audit_log_verification_request_id_fkey
		foreign key (verification_request_id) references public.verification_requests (id) on delete set null;

-- ---------------------------------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------------------------------

revoke all on public.verification_requests from public, anon, authenticated;
grant all on public.verification_requests to service_role;
grant select, delete on public.verification_requests to authenticated;
grant insert (subject_user_id, subject_organisation_id, message, evidence_paths)
	on public.verification_requests to authenticated;
grant update (message, evidence_paths) on public.verification_requests to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.verification_requests enable row level security;

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- Tidies input; when the requester's account is deleted (FK set null) their message and evidence go too.
create function private.verification_requests_prepare()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.message := nullif(btrim(new.message), '');
	new.evidence_paths := array(select distinct e from unnest(new.evidence_paths) as e where e <> '' order by e);
	if tg_op = 'UPDATE' and old.requested_by is not null and new.requested_by is null then
		new.message := null;
		new.evidence_paths := '{}';
	end if;
	new.updated_at := now();
	return new;
end;
$$;
revoke execute on function private.verification_requests_prepare() from public, anon, authenticated;

-- For API roles: the requester is the caller, a new request is pending with no decision, and evidence must be files
-- in the requester's own documents folder. Security invoker.
create function private.verification_requests_protect()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
	v_requester uuid;
	v_path text;
begin
	if private.is_privileged_role() then
		return new;
	end if;
	if tg_op = 'INSERT' then
		new.requested_by := (select auth.uid());
		new.status := 'pending';
		new.decided_by := null;
		new.decision_reason := null;
		new.decided_at := null;
		new.created_at := now();
	end if;
	v_requester := coalesce(new.requested_by, (select auth.uid()));
	foreach v_path in array new.evidence_paths loop
		if char_length(v_path) > 300 or v_path not like v_requester::text || '/_%' or v_path like '%..%' then
			raise exception 'evidence must be files in your own documents folder' using errcode = '42501';
		end if;
	end loop;
	return new;
end;
$$;
revoke execute on function private.verification_requests_protect() from public, anon, authenticated;

create trigger verification_requests_10_prepare
	before insert or update on public.verification_requests
	for each row execute function private.verification_requests_prepare();

create trigger verification_requests_20_protect
	before insert or update on public.verification_requests
	for each row execute function private.verification_requests_protect();

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- True when `p_path` (in the documents bucket) is evidence of some verification request. Staff may read those.
create function private.is_evidence(p_path text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.verification_requests v where v.evidence_paths @> array[p_path]
	);
$$;
revoke execute on function private.is_evidence(text) from public, anon, authenticated;
grant execute on function private.is_evidence(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------------------------------

-- SELECT(verification_requests): the requester, the person concerned, the organisation's owners, staff.
create policy verification_requests_select_involved_or_staff on public.verification_requests
	for select to authenticated
	using (
		requested_by = (select auth.uid())
		or subject_user_id = (select auth.uid())
		or (subject_organisation_id is not null and private.has_org_role(subject_organisation_id, 'owner'))
		or (select private.is_staff())
	);

-- INSERT(verification_requests): a person about themselves; an owner about their organisation.
create policy verification_requests_insert_self_or_owner on public.verification_requests
	for insert to authenticated
	with check (
		not (select private.is_anonymous_session())
		and (
			(subject_user_id = (select auth.uid()) and subject_organisation_id is null)
			or (subject_user_id is null and private.has_org_role(subject_organisation_id, 'owner'))
		)
	);

-- UPDATE(verification_requests): the requester, while pending (message and evidence only).
create policy verification_requests_update_requester on public.verification_requests
	for update to authenticated
	using (requested_by = (select auth.uid()) and status = 'pending')
	with check (requested_by = (select auth.uid()) and status = 'pending');

-- DELETE(verification_requests): the requester withdraws a pending request.
create policy verification_requests_delete_requester on public.verification_requests
	for delete to authenticated
	using (requested_by = (select auth.uid()) and status = 'pending');

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- Staff decide a pending request: 'approved' verifies the person or organisation, 'rejected' needs a reason. Staff
-- cannot decide a request about themselves, made by themselves, or about an organisation they belong to.
create function public.decide_verification(
	p_request_id uuid,
	p_decision public.verification_status,
	p_reason text default null
)
returns public.verification_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
	v_request public.verification_requests;
	v_reason text := nullif(btrim(p_reason), '');
begin
	if v_uid is null or not private.is_staff() then
		raise exception 'only staff decide verification requests' using errcode = '42501';
	end if;
	if p_decision is null or p_decision = 'pending' then
		raise exception 'decision must be approved or rejected' using errcode = '22023';
	end if;
	if p_decision = 'rejected' and v_reason is null then
		raise exception 'a rejection needs a reason' using errcode = '22023';
	end if;
	select * into v_request from public.verification_requests v where v.id = p_request_id for update;
	if not found then
		raise exception 'verification request not found' using errcode = 'P0002';
	end if;
	if v_request.status <> 'pending' then
		raise exception 'verification request already decided' using errcode = '23514';
	end if;
	if v_request.subject_user_id = v_uid or v_request.requested_by = v_uid
		or (v_request.subject_organisation_id is not null and private.has_org_role(v_request.subject_organisation_id))
	then
		raise exception 'staff cannot decide their own verification' using errcode = '42501';
	end if;

	update public.verification_requests v
	set status = p_decision, decided_by = v_uid, decided_at = now(), decision_reason = v_reason
	where v.id = p_request_id
	returning * into v_request;

	if p_decision = 'approved' then
		if v_request.subject_user_id is not null then
			update public.profiles p set verified = true, verified_at = now() where p.id = v_request.subject_user_id;
		else
			update public.organisations o set verified = true, verified_at = now()
			where o.id = v_request.subject_organisation_id;
		end if;
	end if;
	perform private.audit(
		'verification.' || p_decision::text,
		v_request.subject_user_id,
		v_request.subject_organisation_id,
		v_request.id,
		jsonb_strip_nulls(jsonb_build_object('reason', v_reason)));
	return v_request;
end;
$$;
comment on function public.decide_verification(uuid, public.verification_status, text) is
	'Staff only: approves (verifies the subject) or rejects (with a reason) a pending verification request.';
revoke execute on function public.decide_verification(uuid, public.verification_status, text) from public, anon, authenticated;
grant execute on function public.decide_verification(uuid, public.verification_status, text) to authenticated;

-- Staff withdraw a verification (e.g. evidence turned out false). Exactly one of p_user_id / p_organisation_id.
create function public.revoke_verification(
	p_reason text,
	p_user_id uuid default null,
	p_organisation_id uuid default null
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_reason text := nullif(btrim(p_reason), '');
begin
	if (select auth.uid()) is null or not private.is_staff() then
		raise exception 'only staff revoke verification' using errcode = '42501';
	end if;
	if num_nonnulls(p_user_id, p_organisation_id) <> 1 then
		raise exception 'give exactly one of a person or an organisation' using errcode = '22023';
	end if;
	if v_reason is null or char_length(v_reason) > 1000 then
		raise exception 'revoking needs a reason of at most 1000 characters' using errcode = '22023';
	end if;
	if p_user_id is not null then
		update public.profiles p set verified = false, verified_at = null where p.id = p_user_id and p.verified;
	else
		update public.organisations o set verified = false, verified_at = null
		where o.id = p_organisation_id and o.verified;
	end if;
	if not found then
		raise exception 'not verified' using errcode = 'P0002';
	end if;
	perform private.audit('verification.revoked', p_user_id, p_organisation_id, null,
		jsonb_build_object('reason', v_reason));
end;
$$;
comment on function public.revoke_verification(text, uuid, uuid) is
	'Staff only: removes the verified badge from a person or an organisation, with a reason.';
revoke execute on function public.revoke_verification(text, uuid, uuid) from public, anon, authenticated;
grant execute on function public.revoke_verification(text, uuid, uuid) to authenticated;
