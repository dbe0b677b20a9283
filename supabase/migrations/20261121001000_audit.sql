-- =====================================================================================================================
-- Section: audit log of security events
--
-- public.audit_log (members platform) grows from a trail of staff decisions into the log of every security event
-- staff need to see: sign-ins (and failed ones), sign-outs, password changes and reset requests, exports, deletions,
-- staff role and organisation role changes, verification decisions, moderation decisions and rate limiting.
--
-- Where each is written, so that no code path skips it:
--   - in the database, by triggers: staff role granted or revoked (private.staff), a verification decided
--     (verification_requests.status) or a verified flag changed (profiles, organisations), an organisation member's
--     role changed. The RPCs that already write their own entry (grant_staff, decide_verification, …) keep doing
--     so with their reasons; the triggers are deferred to commit and add an entry only when none was written for
--     that subject in the same transaction.
--   - moderation decisions: decide_report() (mentoring migration).
--   - by the site's server code, through record_security_event() (service role only): sign-in, failed sign-in,
--     sign-out, password changed, password reset requested, data exported, account deleted, rate limited.
--
-- What an entry holds: no passwords, tokens, message bodies or email addresses. A failed sign-in names the account
-- when the address belongs to one, and otherwise says only that it did not. The IP address is stored truncated
-- (IPv4 /24, IPv6 /48): enough to see that a burst of failures comes from one network, not enough to point at a
-- household. It is cleared after 30 days and when the person deletes their account; entries go after 400 days.
--
-- Append-only: a trigger refuses every change except the anonymisation account deletion causes (people and
-- organisations set to null, details and IP cleared) and every delete except purge_audit_log()'s retention purge.
-- It holds for the service role too.
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.audit_log add column ip inet;
comment on column public.audit_log.ip is
	'The network the request came from, truncated (IPv4 /24, IPv6 /48); cleared after 30 days and when the subject deletes their account. Only for events the site records.';
comment on table public.audit_log is
	'Append-only log of security events (sign-ins, role and verification changes, exports, deletions, moderation, rate limiting). Staff read it; triggers, security-definer functions and record_security_event() write it; nothing changes it except anonymisation and the retention purge.';
comment on column public.audit_log.action is
	'What happened, as <area>.<verb>: auth.sign_in, auth.sign_in_failed, auth.sign_out, auth.password_changed, auth.password_reset_requested, account.exported, account.deleted, staff.granted, staff.revoked, verification.approved, verification.rejected, verification.revoked, verification.changed, organisation.role_changed, report.actioned, report.dismissed, security.rate_limited.';
comment on column public.audit_log.actor_id is
	'Who did it (the member signing in, the staff member deciding); null for the system, for a failed sign-in and once that account is deleted.';
comment on column public.audit_log.subject_user_id is
	'The person it was about (for a failed sign-in: the account the address belongs to); null once that account is deleted.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.audit_log
	add constraint audit_log_action_known check (action = any ('{auth.sign_in,auth.sign_in_failed,auth.sign_out,auth.password_changed,auth.password_reset_requested,account.exported,account.deleted,staff.granted,staff.revoked,verification.approved,verification.rejected,verification.revoked,verification.changed,organisation.role_changed,report.actioned,report.dismissed,security.rate_limited}'::text[])),
	add constraint audit_log_details_size check (pg_column_size(details) <= 4096);

-- The staff page filters by event, newest first.
create index audit_log_action_id_idx on public.audit_log (action, id desc);

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- When the person an entry is about deletes their account (FK set null), their reasons and network go too.
create or replace function private.audit_log_forget_subject()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if old.subject_user_id is not null and new.subject_user_id is null then
		new.details := '{}'::jsonb;
		new.ip := null;
	end if;
	return new;
end;
$$;
revoke execute on function private.audit_log_forget_subject() from public, anon, authenticated;

-- Append-only, for every role: an update may only anonymise (people, organisation and request set to null,
-- details emptied, IP cleared); a delete only happens inside purge_audit_log(). Runs after
-- audit_log_forget_subject (trigger names sort), so it checks the row as it will be stored.
create function private.audit_log_guard()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'DELETE' then
		if coalesce(current_setting('okaeri.audit_purge', true), '') = 'on' then
			return old;
		end if;
		raise exception 'the audit log is append-only' using errcode = '42501';
	end if;
	if new.id is distinct from old.id
		or new.created_at is distinct from old.created_at
		or new.action is distinct from old.action
		or (new.actor_id is distinct from old.actor_id and new.actor_id is not null)
		or (new.subject_user_id is distinct from old.subject_user_id and new.subject_user_id is not null)
		or (new.subject_organisation_id is distinct from old.subject_organisation_id
			and new.subject_organisation_id is not null)
		or (new.verification_request_id is distinct from old.verification_request_id
			and new.verification_request_id is not null)
		or (new.ip is distinct from old.ip and new.ip is not null)
		or (new.details is distinct from old.details and new.details <> '{}'::jsonb)
	then
		raise exception 'the audit log is append-only' using errcode = '42501';
	end if;
	return new;
end;
$$;
revoke execute on function private.audit_log_guard() from public, anon, authenticated;

create trigger audit_log_guard
	before update or delete on public.audit_log
	for each row execute function private.audit_log_guard();

-- Whether an entry with one of `p_actions` about this person / organisation / request was written in the current
-- transaction (created_at is the transaction's start time). Lets the deferred triggers below leave the entries
-- the RPCs write (with their reasons) alone.
create function private.audited_in_transaction(
	p_actions text[],
	p_subject_user_id uuid,
	p_subject_organisation_id uuid,
	p_verification_request_id uuid default null
)
returns boolean
language sql
stable
set search_path = ''
as $$
	select exists (
		select 1 from public.audit_log a
		where a.created_at = now()
			and a.action = any (p_actions)
			and (
				(p_verification_request_id is not null and a.verification_request_id = p_verification_request_id)
				or (p_subject_user_id is not null and a.subject_user_id = p_subject_user_id)
				or (p_subject_organisation_id is not null and a.subject_organisation_id = p_subject_organisation_id)));
$$;
revoke execute on function private.audited_in_transaction(text[], uuid, uuid, uuid) from public, anon, authenticated;

-- Staff role granted or revoked by any path (grant_staff / revoke_staff write their own entry, and so does the seed).
create function private.audit_staff_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_user uuid;
	v_action text;
	v_since timestamptz := now();
begin
	if tg_op = 'DELETE' then
		v_user := old.user_id;
		v_action := 'staff.revoked';
	else
		v_user := new.user_id;
		v_action := 'staff.granted';
		-- A grant recorded with its own time counts too (the demo seed writes the entry beside the row).
		v_since := least(now(), new.granted_at);
	end if;
	if exists (select 1 from auth.users u where u.id = v_user)
		and not exists (
			select 1 from public.audit_log a
			where a.action = v_action and a.subject_user_id = v_user and a.created_at >= v_since)
	then
		perform private.audit(v_action, v_user);
	end if;
	return null;
end;
$$;
revoke execute on function private.audit_staff_change() from public, anon, authenticated;

create constraint trigger staff_audit
	after insert or delete on private.staff
	deferrable initially deferred
	for each row execute function private.audit_staff_change();

-- A verification request decided by any path (decide_verification writes its own entry, with the reason).
create function private.audit_verification_decision()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_request public.verification_requests;
begin
	select * into v_request from public.verification_requests v where v.id = new.id;
	if found and v_request.status <> 'pending'
		and not private.audited_in_transaction(
			array['verification.approved', 'verification.rejected'], null, null, v_request.id)
	then
		perform private.audit('verification.' || v_request.status::text, v_request.subject_user_id,
			v_request.subject_organisation_id, v_request.id,
			jsonb_strip_nulls(jsonb_build_object('reason', v_request.decision_reason)));
	end if;
	return null;
end;
$$;
revoke execute on function private.audit_verification_decision() from public, anon, authenticated;

create constraint trigger verification_requests_audit
	after update of status on public.verification_requests
	deferrable initially deferred
	for each row
	when (old.status = 'pending' and new.status <> 'pending')
	execute function private.audit_verification_decision();

-- A person's or an organisation's verified flag changed by any path (decide_verification and revoke_verification
-- write their own entries).
create function private.audit_verified_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_user uuid := case when tg_table_name = 'profiles' then new.id end;
	v_organisation uuid := case when tg_table_name = 'organisations' then new.id end;
	v_verified boolean;
begin
	if v_user is not null then
		select p.verified into v_verified from public.profiles p where p.id = v_user;
	else
		select o.verified into v_verified from public.organisations o where o.id = v_organisation;
	end if;
	if v_verified is not null
		and not private.audited_in_transaction(
			array['verification.approved', 'verification.revoked', 'verification.changed'], v_user, v_organisation)
	then
		perform private.audit('verification.changed', v_user, v_organisation, null,
			jsonb_build_object('verified', v_verified));
	end if;
	return null;
end;
$$;
revoke execute on function private.audit_verified_change() from public, anon, authenticated;

create constraint trigger profiles_verified_audit
	after update of verified on public.profiles
	deferrable initially deferred
	for each row
	when (old.verified is distinct from new.verified)
	execute function private.audit_verified_change();

create constraint trigger organisations_verified_audit
	after update of verified on public.organisations
	deferrable initially deferred
	for each row
	when (old.verified is distinct from new.verified)
	execute function private.audit_verified_change();

-- An organisation member's role changed (by an owner, or by succession when the last owner's account goes).
create function private.audit_member_role_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.audit('organisation.role_changed', new.user_id, new.organisation_id, null,
		jsonb_build_object('from', old.role, 'to', new.role));
	return null;
end;
$$;
revoke execute on function private.audit_member_role_change() from public, anon, authenticated;

create trigger organisation_members_90_audit_role
	after update of role on public.organisation_members
	for each row
	when (old.role is distinct from new.role)
	execute function private.audit_member_role_change();

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- An IP address cut to its network (IPv4 /24, IPv6 /48), or null when `p_ip` is not an address.
create function private.truncate_ip(p_ip text)
returns inet
language plpgsql
immutable
set search_path = ''
as $$
declare
	v_ip inet;
begin
	if p_ip is null or char_length(p_ip) > 64 or p_ip !~ '^[0-9A-Fa-f:.]+$' then
		return null;
	end if;
	v_ip := p_ip::inet;
	return network(set_masklen(v_ip, case when family(v_ip) = 4 then 24 else 48 end));
exception when invalid_text_representation then
	return null;
end;
$$;
revoke execute on function private.truncate_ip(text) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- The site's record of an event it saw (service role only). p_email names the account for a failed sign-in or a
-- reset request and is never stored. People who no longer exist are recorded as null. Keys that could carry a
-- secret or a message are dropped from p_details. A security.rate_limited entry is written at most once per bucket,
-- actor, subject and network per p_details.window_seconds (default 600).
create function public.record_security_event(
	p_action text,
	p_actor_id uuid default null,
	p_subject_user_id uuid default null,
	p_email text default null,
	p_ip text default null,
	p_details jsonb default '{}'::jsonb
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_actor uuid;
	v_subject uuid;
	v_ip inet := private.truncate_ip(p_ip);
	v_details jsonb := coalesce(p_details, '{}'::jsonb);
	v_id bigint;
begin
	if p_action is null or not (p_action = any ('{auth.sign_in,auth.sign_in_failed,auth.sign_out,auth.password_changed,auth.password_reset_requested,account.exported,account.deleted,security.rate_limited}'::text[])) then
		raise exception 'not an event the site records: %', p_action using errcode = '22023';
	end if;
	if jsonb_typeof(v_details) <> 'object' then
		raise exception 'details must be an object' using errcode = '22023';
	end if;
	v_details := v_details - array['password', 'token', 'access_token', 'refresh_token', 'email', 'body', 'message'];
	select u.id into v_actor from auth.users u where u.id = p_actor_id;
	select u.id into v_subject from auth.users u where u.id = p_subject_user_id;
	if v_subject is null and p_email is not null then
		select u.id into v_subject from auth.users u where lower(u.email) = lower(btrim(p_email)) limit 1;
		if p_action = 'auth.sign_in_failed' or p_action = 'auth.password_reset_requested' then
			v_details := v_details || jsonb_build_object('known_account', v_subject is not null);
		end if;
	end if;
	if p_action = 'security.rate_limited' and exists (
		select 1 from public.audit_log a
		where a.action = 'security.rate_limited'
			and a.created_at > now() - make_interval(secs => coalesce((v_details ->> 'window_seconds')::int, 600))
			and a.details ->> 'bucket' is not distinct from v_details ->> 'bucket'
			and a.actor_id is not distinct from v_actor
			and a.subject_user_id is not distinct from v_subject
			and a.ip is not distinct from v_ip)
	then
		return null;
	end if;
	insert into public.audit_log (actor_id, action, subject_user_id, details, ip)
	values (v_actor, p_action, v_subject, v_details, v_ip)
	returning id into v_id;
	return v_id;
end;
$$;
comment on function public.record_security_event(text, uuid, uuid, text, text, jsonb) is
	'Service role only: records a security event the site saw (sign-in, failed sign-in, sign-out, password change or reset request, export, deletion, rate limiting). Returns the entry id, or null when a rate-limit entry for the same key was written in this window.';
revoke execute on function public.record_security_event(text, uuid, uuid, text, text, jsonb) from public, anon, authenticated;
grant execute on function public.record_security_event(text, uuid, uuid, text, text, jsonb) to service_role;

-- Retention (service role; the site's scheduled jobs call it): IP addresses go after 30 days, entries after 400.
create function public.purge_audit_log(p_now timestamptz default now())
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_deleted int;
	v_cleared int;
begin
	perform set_config('okaeri.audit_purge', 'on', true);
	delete from public.audit_log a where a.created_at < p_now - interval '400 days';
	get diagnostics v_deleted = row_count;
	perform set_config('okaeri.audit_purge', 'off', true);
	update public.audit_log a set ip = null where a.ip is not null and a.created_at < p_now - interval '30 days';
	get diagnostics v_cleared = row_count;
	return jsonb_build_object('deleted', v_deleted, 'ip_cleared', v_cleared);
end;
$$;
comment on function public.purge_audit_log(timestamptz) is
	'Service role only: deletes audit entries older than 400 days and clears IP addresses older than 30 days. Returns {deleted, ip_cleared}.';
revoke execute on function public.purge_audit_log(timestamptz) from public, anon, authenticated;
grant execute on function public.purge_audit_log(timestamptz) to service_role;

-- The staff page: entries newest first, optionally one kind of event and / or one member (as actor or subject),
-- before entry p_before (keyset paging by id), with the names of the people and organisation. Security invoker:
-- row-level security shows the log to staff only; anyone else gets no rows.
-- Never null: id, created_at, action, details.
create function public.audit_events(
	p_action text default null,
	p_member uuid default null,
	p_before bigint default null,
	p_limit int default 50
)
returns table (
	id bigint,
	created_at timestamptz,
	action text,
	actor_id uuid,
	actor_name text,
	subject_user_id uuid,
	subject_name text,
	subject_organisation_id uuid,
	subject_organisation_name text,
	details jsonb,
	ip text
)
language sql
stable
set search_path = ''
as $$
	select a.id, a.created_at, a.action, a.actor_id, actor.display_name, a.subject_user_id, subject.display_name,
		a.subject_organisation_id, o.name, a.details, host(a.ip) || '/' || masklen(a.ip)
	from public.audit_log a
	left join public.profiles actor on actor.id = a.actor_id
	left join public.profiles subject on subject.id = a.subject_user_id
	left join public.organisations o on o.id = a.subject_organisation_id
	where (p_action is null or a.action = p_action)
		and (p_member is null or a.actor_id = p_member or a.subject_user_id = p_member)
		and (p_before is null or a.id < p_before)
	order by a.id desc
	limit least(greatest(coalesce(p_limit, 50), 1), 100);
$$;
comment on function public.audit_events(text, uuid, bigint, int) is
	'Staff: audit entries newest first, filtered by action and / or member (actor or subject), before an id (keyset paging), 1–100 rows. Others get no rows. Never null: id, created_at, action, details.';
revoke execute on function public.audit_events(text, uuid, bigint, int) from public, anon, authenticated;
grant execute on function public.audit_events(text, uuid, bigint, int) to authenticated;
