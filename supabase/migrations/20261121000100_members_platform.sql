-- =====================================================================================================================
-- Section: members platform
--
-- What every members feature stands on: the extensions search needs, the `private` schema for internals, shared
-- value types (countries, visibility tiers), the staff role (granted only by the service role), the audit log, and
-- the validators and helpers that policies and check constraints call.
--
-- Conventions for every members migration (docs/database.md):
--   banner → types → tables (+ comment on) → constraints/indexes → grants → enable RLS → triggers → private
--   helper functions → policies → public RPC functions.
--   Policies: one per operation, named <table>_<op>_<who>, `to authenticated` / `to anon` on purpose, and
--   `(select auth.uid())` so it is evaluated once per statement. Helpers live in `private`, set search_path = '',
--   use fully qualified names, and are `security definer` only where they must read what the caller cannot.
--   Default EXECUTE is revoked from public/anon/authenticated and granted deliberately.
-- =====================================================================================================================

create extension if not exists pg_trgm with schema extensions;
create extension if not exists unaccent with schema extensions;

-- Internals: not exposed over the Data API. API roles may call the helpers that policies, checks and
-- security-invoker functions use (each granted one by one); they can read no table here.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------------------------------

-- Who may see a value, from the widest audience to the narrowest. The order matters: a viewer of tier T sees every
-- value whose visibility is <= T (anon = public; signed in = members; member of a verified organisation =
-- verified_orgs; the owner = private).
create type public.visibility_level as enum ('public', 'members', 'verified_orgs', 'private');
comment on type public.visibility_level is
	'Audience of a profile field, widest first: public (anyone), members (signed in), verified_orgs (members of verified organisations), private (only the owner and staff).';

-- ISO 3166-1 alpha-2: the 249 officially assigned codes plus XK (Kosovo, user-assigned but in common use).
create domain public.country_code as text
	check (value = any ('{AD,AE,AF,AG,AI,AL,AM,AO,AQ,AR,AS,AT,AU,AW,AX,AZ,BA,BB,BD,BE,BF,BG,BH,BI,BJ,BL,BM,BN,BO,BQ,BR,BS,BT,BV,BW,BY,BZ,CA,CC,CD,CF,CG,CH,CI,CK,CL,CM,CN,CO,CR,CU,CV,CW,CX,CY,CZ,DE,DJ,DK,DM,DO,DZ,EC,EE,EG,EH,ER,ES,ET,FI,FJ,FK,FM,FO,FR,GA,GB,GD,GE,GF,GG,GH,GI,GL,GM,GN,GP,GQ,GR,GS,GT,GU,GW,GY,HK,HM,HN,HR,HT,HU,ID,IE,IL,IM,IN,IO,IQ,IR,IS,IT,JE,JM,JO,JP,KE,KG,KH,KI,KM,KN,KP,KR,KW,KY,KZ,LA,LB,LC,LI,LK,LR,LS,LT,LU,LV,LY,MA,MC,MD,ME,MF,MG,MH,MK,ML,MM,MN,MO,MP,MQ,MR,MS,MT,MU,MV,MW,MX,MY,MZ,NA,NC,NE,NF,NG,NI,NL,NO,NP,NR,NU,NZ,OM,PA,PE,PF,PG,PH,PK,PL,PM,PN,PR,PS,PT,PW,PY,QA,RE,RO,RS,RU,RW,SA,SB,SC,SD,SE,SG,SH,SI,SJ,SK,SL,SM,SN,SO,SR,SS,ST,SV,SX,SY,SZ,TC,TD,TF,TG,TH,TJ,TK,TL,TM,TN,TO,TR,TT,TV,TW,TZ,UA,UG,UM,US,UY,UZ,VA,VC,VE,VG,VI,VN,VU,WF,WS,XK,YE,YT,ZA,ZM,ZW}'::text[]));
comment on domain public.country_code is 'An ISO 3166-1 alpha-2 country code in upper case (plus XK for Kosovo).';

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

create table private.staff (
	user_id uuid primary key references auth.users (id) on delete cascade,
	granted_at timestamptz not null default now(),
	note text check (char_length(note) <= 200)
);
comment on table private.staff is
	'People who work the verification queue and moderate. Only the service role grants or revokes it (public.grant_staff / public.revoke_staff); no API role can read or write this table.';

create table public.audit_log (
	id bigint generated always as identity primary key,
	created_at timestamptz not null default now(),
	actor_id uuid references auth.users (id) on delete set null,
	action text not null check (action ~ '^[a-z_]+\.[a-z_]+$' and char_length(action) <= 60),
	subject_user_id uuid references auth.users (id) on delete set null,
	subject_organisation_id uuid,
	verification_request_id uuid,
	details jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object')
);
comment on table public.audit_log is
	'Append-only trail of privileged decisions (verification, staff changes). Staff read it; only security-definer functions write it. When a subject deletes their account the row stays with the person removed and its details cleared.';
comment on column public.audit_log.actor_id is 'Who decided (staff); null once that account is deleted or for service-role actions.';
comment on column public.audit_log.action is 'What happened, as <area>.<verb>: verification.approved, verification.rejected, verification.revoked, staff.granted, staff.revoked.';
comment on column public.audit_log.subject_user_id is 'The person the decision was about; null for organisations and once that account is deleted.';
comment on column public.audit_log.subject_organisation_id is 'The organisation the decision was about.';
comment on column public.audit_log.verification_request_id is 'The request decided, while it exists.';
comment on column public.audit_log.details is 'Reason and context; cleared when the subject person deletes their account.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

create index audit_log_actor_id_idx on public.audit_log (actor_id);
create index audit_log_subject_user_id_idx on public.audit_log (subject_user_id);
create index audit_log_subject_organisation_id_idx on public.audit_log (subject_organisation_id);
create index audit_log_verification_request_id_idx on public.audit_log (verification_request_id);
create index audit_log_created_at_idx on public.audit_log (created_at desc);

-- ---------------------------------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------------------------------

revoke all on private.staff from public, anon, authenticated;
grant all on private.staff to service_role;

revoke all on public.audit_log from public, anon, authenticated;
grant select on public.audit_log to authenticated;
grant all on public.audit_log to service_role;

-- ---------------------------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------------------------

alter table private.staff enable row level security;
alter table public.audit_log enable row level security;

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- Keeps updated_at honest on every table that has one.
create function private.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.updated_at := now();
	return new;
end;
$$;
revoke execute on function private.set_updated_at() from public, anon, authenticated;

-- When the person an entry is about deletes their account (FK set null), their reasons go too.
create function private.audit_log_forget_subject()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if old.subject_user_id is not null and new.subject_user_id is null then
		new.details := '{}'::jsonb;
	end if;
	return new;
end;
$$;
revoke execute on function private.audit_log_forget_subject() from public, anon, authenticated;

create trigger audit_log_forget_subject
	before update of subject_user_id on public.audit_log
	for each row execute function private.audit_log_forget_subject();

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- True when the caller is staff. Security definer: private.staff is readable by no API role.
create function private.is_staff()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (select 1 from private.staff s where s.user_id = (select auth.uid()));
$$;
revoke execute on function private.is_staff() from public, anon, authenticated;
grant execute on function private.is_staff() to authenticated, service_role;

-- True for an anonymous sign-in (Supabase's is_anonymous claim): such sessions read as the public and create
-- nothing that others see.
create function private.is_anonymous_session()
returns boolean
language sql
stable
set search_path = ''
as $$
	select coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false);
$$;
revoke execute on function private.is_anonymous_session() from public, anon, authenticated;
grant execute on function private.is_anonymous_session() to authenticated, service_role;

-- True when the caller's API role may change privileged columns: the service role, or code running as the table
-- owner (security-definer functions, cascades from auth.users). Trigger functions that call it must be
-- security invoker so current_user is the caller's role.
create function private.is_privileged_role()
returns boolean
language sql
stable
set search_path = ''
as $$
	select current_user not in ('anon', 'authenticated');
$$;
revoke execute on function private.is_privileged_role() from public, anon, authenticated;
grant execute on function private.is_privileged_role() to authenticated, service_role;

-- Text as search indexes it: accents removed (Nguyễn → nguyen), lower case, spaces collapsed, trimmed.
create function private.search_text(value text)
returns text
language sql
stable
parallel safe
set search_path = ''
as $$
	select btrim(regexp_replace(
		lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(value, ''))),
		'\s+', ' ', 'g'));
$$;
revoke execute on function private.search_text(text) from public, anon, authenticated;
grant execute on function private.search_text(text) to anon, authenticated, service_role;

-- A prefix-matching tsquery (every word, each as a prefix) from free text, or null when it has no words.
-- ASCII punctuation separates words and is dropped, so the result never has tsquery syntax of its own.
create function private.prefix_tsquery(value text)
returns tsquery
language sql
stable
parallel safe
set search_path = ''
as $$
	select to_tsquery('pg_catalog.simple', string_agg(quote_literal(w) || ':*', ' & '))
	from regexp_split_to_table(private.search_text(value), '[[:space:][:punct:]]+') as w
	where w <> '';
$$;
revoke execute on function private.prefix_tsquery(text) from public, anon, authenticated;
grant execute on function private.prefix_tsquery(text) to anon, authenticated, service_role;

-- The Japanese corporate number (法人番号, National Tax Agency): 13 digits whose first digit is a check digit over
-- the 12-digit base number: 9 − (Σ Pn × Qn mod 9), Pn the n-th digit counted from the right of the base, Qn = 1 for
-- odd n and 2 for even n. The TypeScript twin is src/features/organisations/corporate-number.ts.
create function private.is_valid_corporate_number(value text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
	select case
		when value !~ '^[1-9][0-9]{12}$' then false
		else substr(value, 1, 1)::int = 9 - (
			select sum(substr(value, 14 - n, 1)::int * (2 - n % 2)) % 9
			from generate_series(1, 12) as n
		)
	end;
$$;
comment on function private.is_valid_corporate_number(text) is
	'True for a 13-digit Japanese corporate number (法人番号) whose leading check digit matches its 12-digit base.';
revoke execute on function private.is_valid_corporate_number(text) from public, anon, authenticated;
grant execute on function private.is_valid_corporate_number(text) to authenticated, service_role;

-- Writes one audit entry. Called only from security-definer functions.
create function private.audit(
	p_action text,
	p_subject_user_id uuid default null,
	p_subject_organisation_id uuid default null,
	p_verification_request_id uuid default null,
	p_details jsonb default '{}'::jsonb
)
returns void
language sql
security definer
set search_path = ''
as $$
	insert into public.audit_log (actor_id, action, subject_user_id, subject_organisation_id, verification_request_id, details)
	values ((select auth.uid()), p_action, p_subject_user_id, p_subject_organisation_id, p_verification_request_id,
		coalesce(p_details, '{}'::jsonb));
$$;
revoke execute on function private.audit(text, uuid, uuid, uuid, jsonb) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------------------------------

-- private.staff: no policies; only the service role (which bypasses RLS) and security-definer functions touch it.

-- SELECT(audit_log): staff read the whole trail.
create policy audit_log_select_staff on public.audit_log
	for select to authenticated
	using ((select private.is_staff()));

-- INSERT/UPDATE/DELETE(audit_log): none; entries are written by security-definer functions and never changed.

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- Whether the signed-in caller is staff (for showing the review queue; policies decide access anyway).
create function public.is_staff()
returns boolean
language sql
stable
set search_path = ''
as $$
	select private.is_staff();
$$;
comment on function public.is_staff() is 'Whether the signed-in caller is staff.';
revoke execute on function public.is_staff() from public, anon, authenticated;
grant execute on function public.is_staff() to authenticated, service_role;

-- Makes a user staff. Service role only (e.g. an operator's script with the secret key).
create function public.grant_staff(p_user_id uuid, p_note text default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	if not exists (select 1 from auth.users u where u.id = p_user_id) then
		raise exception 'user not found' using errcode = 'P0002';
	end if;
	insert into private.staff (user_id, note) values (p_user_id, p_note)
	on conflict (user_id) do update set note = excluded.note;
	perform private.audit('staff.granted', p_user_id);
end;
$$;
comment on function public.grant_staff(uuid, text) is 'Service role only: makes a user staff.';
revoke execute on function public.grant_staff(uuid, text) from public, anon, authenticated;
grant execute on function public.grant_staff(uuid, text) to service_role;

-- Removes a user from staff. Service role only.
create function public.revoke_staff(p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	delete from private.staff s where s.user_id = p_user_id;
	if found then
		perform private.audit('staff.revoked', p_user_id);
	end if;
end;
$$;
comment on function public.revoke_staff(uuid) is 'Service role only: removes a user from staff.';
revoke execute on function public.revoke_staff(uuid) from public, anon, authenticated;
grant execute on function public.revoke_staff(uuid) to service_role;
