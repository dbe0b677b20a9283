-- =====================================================================================================================
-- Section: organisations
--
-- Japanese SMEs, NGOs, diaspora associations, lenders, incubators and recruiters; their members (owner or member);
-- invitations by email. Organisations are public (they want to be found); who belongs to one is visible to its
-- members and staff. Members of a verified organisation form the `verified_orgs` visibility tier of profiles.
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------------------------------

create type public.organisation_kind as enum (
	'japanese_sme', 'ngo', 'diaspora_association', 'lender', 'incubator', 'recruiter', 'other'
);
comment on type public.organisation_kind is 'What an organisation is.';

create type public.organisation_size as enum (
	'micro',   -- 1–9 people
	'small',   -- 10–49
	'medium',  -- 50–299
	'large'    -- 300 or more
);
comment on type public.organisation_size is 'Head-count band: micro 1–9, small 10–49, medium 50–299, large 300+.';

-- Ordered so that greatest(member, owner) = owner.
create type public.organisation_role as enum ('member', 'owner');
comment on type public.organisation_role is 'A person''s role in an organisation: owners manage it, members belong to it.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

create table public.organisations (
	id uuid primary key default gen_random_uuid(),
	kind public.organisation_kind not null,
	name text not null,
	corporate_number text,
	country public.country_code not null,
	prefecture smallint,
	region text,
	sector public.sector,
	size public.organisation_size,
	website text,
	description text,
	logo_path text,
	verified boolean not null default false,
	verified_at timestamptz,
	created_by uuid references auth.users (id) on delete set null,
	search_name text not null default '',
	search_document tsvector not null default ''::tsvector,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.organisations is
	'Organisations in the corridor. Public to read; created by any member (who becomes its owner); edited by its owners.';
comment on column public.organisations.kind is 'Japanese SME, NGO, diaspora association, lender, incubator, recruiter or other.';
comment on column public.organisations.name is 'Name as the organisation uses it.';
comment on column public.organisations.corporate_number is 'Japanese corporate number (法人番号, 13 digits, leading check digit validated). Japanese organisations only.';
comment on column public.organisations.country is 'ISO 3166-1 alpha-2 country; JP for Japanese SMEs.';
comment on column public.organisations.prefecture is 'JIS X 0401 prefecture code 1–47, for organisations in Japan.';
comment on column public.organisations.region is 'Province, state or city, outside Japan.';
comment on column public.organisations.sector is 'Main sector.';
comment on column public.organisations.size is 'Head-count band.';
comment on column public.organisations.website is 'http(s) address.';
comment on column public.organisations.description is 'What the organisation does; plain text.';
comment on column public.organisations.logo_path is 'Object path in the org-logos bucket, under the organisation''s folder (<organisation id>/…).';
comment on column public.organisations.verified is 'Staff checked the organisation. Set only by public.decide_verification(); cleared when its name, kind, country or corporate number changes.';
comment on column public.organisations.verified_at is 'When the current verification was granted.';
comment on column public.organisations.created_by is 'Who created it; null once that account is deleted.';
comment on column public.organisations.search_name is 'Maintained by trigger: name without accents, lower case.';
comment on column public.organisations.search_document is 'Maintained by trigger: text search document of name, region and description.';

create table public.organisation_members (
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	user_id uuid not null references public.profiles (id) on delete cascade,
	role public.organisation_role not null default 'member',
	title text,
	created_at timestamptz not null default now(),
	primary key (organisation_id, user_id)
);
comment on table public.organisation_members is
	'Who belongs to which organisation. Rows are created by the organisation''s creation (owner) and by accepting an invitation; visible to the organisation''s members and staff.';
comment on column public.organisation_members.role is 'owner (manages the organisation, invites, verifies) or member.';
comment on column public.organisation_members.title is 'Job title in the organisation.';

create table public.organisation_invitations (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	email text not null,
	role public.organisation_role not null default 'member',
	token text not null default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
	invited_by uuid references public.profiles (id) on delete set null,
	expires_at timestamptz not null default now() + interval '14 days',
	created_at timestamptz not null default now()
);
comment on table public.organisation_invitations is
	'Invitations to join an organisation, by email. Owners create and withdraw them; the invitee accepts with accept_invitation(token) while signed in with that (confirmed) email. Accepted or declined invitations are deleted.';
comment on column public.organisation_invitations.email is 'Address invited, lower case.';
comment on column public.organisation_invitations.token is 'Secret for the invitation link (244 random bits).';
comment on column public.organisation_invitations.invited_by is 'Owner who invited; null once that account is deleted.';
comment on column public.organisation_invitations.expires_at is 'After this the invitation can no longer be accepted (14 days).';

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.organisations
	add constraint organisations_name_check
		check (char_length(name) between 2 and 120 and name !~ '[[:cntrl:]]'),
	add constraint organisations_corporate_number_check
		check (private.is_valid_corporate_number(corporate_number)),
	add constraint organisations_japanese_check check (
		(kind <> 'japanese_sme' or country = 'JP')
		and (corporate_number is null or country = 'JP')
		and (prefecture is null or country = 'JP')),
	add constraint organisations_prefecture_check check (prefecture between 1 and 47),
	add constraint organisations_region_check
		check (char_length(region) between 1 and 80 and region !~ '[[:cntrl:]]'),
	add constraint organisations_website_check
		check (char_length(website) <= 200 and website ~ '^https?://[^[:space:][:cntrl:]/]+\.[^[:space:][:cntrl:]]+$'),
	add constraint organisations_description_check
		check (char_length(description) between 1 and 2000 and description !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint organisations_logo_path_check check (
		char_length(logo_path) <= 300 and logo_path like id::text || '/_%' and logo_path not like '%..%'),
	add constraint organisations_verified_at_check check (verified = (verified_at is not null));

create index organisations_kind_idx on public.organisations (kind);
create index organisations_sector_idx on public.organisations (sector);
create index organisations_country_prefecture_idx on public.organisations (country, prefecture);
create index organisations_corporate_number_idx on public.organisations (corporate_number);
create index organisations_verified_idx on public.organisations (verified) where verified;
create index organisations_created_by_idx on public.organisations (created_by);
-- The directory's two orders (verified first, then newest; by name) walk these.
create index organisations_listing_idx on public.organisations (verified desc, created_at desc, id);
create index organisations_search_name_sort_idx on public.organisations (search_name, verified desc, created_at desc, id);
create index organisations_search_name_trgm_idx on public.organisations using gin (search_name extensions.gin_trgm_ops);
create index organisations_search_document_idx on public.organisations using gin (search_document);

alter table public.organisation_members
	add constraint organisation_members_title_check
		check (char_length(title) between 1 and 80 and title !~ '[[:cntrl:]]');
-- The primary key covers organisation_id; policies and "my organisations" look up by user.
create index organisation_members_user_id_idx on public.organisation_members (user_id, organisation_id);

alter table public.organisation_invitations
	add constraint organisation_invitations_email_check
		check (char_length(email) <= 254 and email = lower(email) and email ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+\.[^@[:space:][:cntrl:]]+$'),
	add constraint organisation_invitations_token_key unique (token),
	add constraint organisation_invitations_organisation_email_key unique (organisation_id, email);
create index organisation_invitations_email_idx on public.organisation_invitations (email);
create index organisation_invitations_invited_by_idx on public.organisation_invitations (invited_by);

alter table public.audit_log
	add constraint audit_log_subject_organisation_id_fkey
		foreign key (subject_organisation_id) references public.organisations (id) on delete set null;

-- ---------------------------------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------------------------------

revoke all on public.organisations from public, anon, authenticated;
grant all on public.organisations to service_role;
grant select on public.organisations to anon, authenticated;
grant insert (kind, name, corporate_number, country, prefecture, region, sector, size, website, description, logo_path)
	on public.organisations to authenticated;
grant update (kind, name, corporate_number, country, prefecture, region, sector, size, website, description, logo_path)
	on public.organisations to authenticated;
grant delete on public.organisations to authenticated;

revoke all on public.organisation_members from public, anon, authenticated;
grant all on public.organisation_members to service_role;
grant select, delete on public.organisation_members to authenticated;
grant update (role, title) on public.organisation_members to authenticated;

revoke all on public.organisation_invitations from public, anon, authenticated;
grant all on public.organisation_invitations to service_role;
grant select, delete on public.organisation_invitations to authenticated;
grant insert (organisation_id, email, role) on public.organisation_invitations to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.organisations enable row level security;
alter table public.organisation_members enable row level security;
alter table public.organisation_invitations enable row level security;

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- Tidies input and rebuilds the search columns.
create function private.organisations_prepare()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.name := btrim(regexp_replace(new.name, '[[:space:]]+', ' ', 'g'));
	-- As people type it: full-width digits become ASCII; spaces and hyphens go (normalizeCorporateNumber in the UI).
	new.corporate_number := nullif(regexp_replace(
		translate(new.corporate_number, '０１２３４５６７８９‐－ー', '0123456789'), '[[:space:]-]', '', 'g'), '');
	new.region := nullif(btrim(new.region), '');
	new.website := nullif(btrim(new.website), '');
	new.description := nullif(btrim(new.description), '');
	new.logo_path := nullif(btrim(new.logo_path), '');
	new.search_name := private.search_text(new.name);
	new.search_document :=
		setweight(to_tsvector('pg_catalog.simple', new.search_name), 'A')
		|| setweight(to_tsvector('pg_catalog.simple', private.search_text(new.region)), 'C')
		|| setweight(to_tsvector('pg_catalog.simple', private.search_text(new.description)), 'D');
	new.updated_at := now();
	return new;
end;
$$;
revoke execute on function private.organisations_prepare() from public, anon, authenticated;

-- For API roles: id, created_by and created_at are fixed, verified is set only by staff decisions, and changing
-- what staff checked (name, kind, country, corporate number) clears it. Security invoker.
create function private.organisations_protect()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if private.is_privileged_role() then
		return new;
	end if;
	if tg_op = 'INSERT' then
		new.verified := false;
		new.verified_at := null;
		new.created_by := (select auth.uid());
		new.created_at := now();
		return new;
	end if;
	if new.id is distinct from old.id or new.created_by is distinct from old.created_by then
		raise exception 'an organisation''s id and creator cannot change' using errcode = '42501';
	end if;
	if new.verified is distinct from old.verified or new.verified_at is distinct from old.verified_at then
		raise exception 'only a staff decision can change verification' using errcode = '42501';
	end if;
	new.created_at := old.created_at;
	if old.verified and (
		new.name is distinct from old.name
		or new.kind is distinct from old.kind
		or new.country is distinct from old.country
		or new.corporate_number is distinct from old.corporate_number
	) then
		new.verified := false;
		new.verified_at := null;
	end if;
	return new;
end;
$$;
revoke execute on function private.organisations_protect() from public, anon, authenticated;

create trigger organisations_10_prepare
	before insert or update on public.organisations
	for each row execute function private.organisations_prepare();

create trigger organisations_20_protect
	before insert or update on public.organisations
	for each row execute function private.organisations_protect();

-- Whoever creates an organisation becomes its owner.
create function private.organisations_add_creator()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.created_by is not null then
		insert into public.organisation_members (organisation_id, user_id, role)
		values (new.id, new.created_by, 'owner')
		on conflict (organisation_id, user_id) do update set role = 'owner';
	end if;
	return null;
end;
$$;
revoke execute on function private.organisations_add_creator() from public, anon, authenticated;

create trigger organisations_30_add_creator
	after insert on public.organisations
	for each row execute function private.organisations_add_creator();

-- For API roles: a membership's organisation and person are fixed; only owners change roles; an organisation always
-- keeps an owner (transfer ownership or delete the organisation instead). Security invoker.
create function private.organisation_members_protect()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if private.is_privileged_role() then
		return case when tg_op = 'DELETE' then old else new end;
	end if;
	if tg_op = 'UPDATE' then
		if new.organisation_id is distinct from old.organisation_id or new.user_id is distinct from old.user_id then
			raise exception 'a membership''s organisation and person cannot change' using errcode = '42501';
		end if;
		if new.role is distinct from old.role and not private.has_org_role(old.organisation_id, 'owner') then
			raise exception 'only owners change roles' using errcode = '42501';
		end if;
		new.created_at := old.created_at;
	end if;
	if old.role = 'owner'
		and (tg_op = 'DELETE' or new.role <> 'owner')
		and private.owner_count(old.organisation_id) <= 1
	then
		raise exception 'an organisation needs an owner: make someone else owner first, or delete the organisation'
			using errcode = '23514';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end;
$$;
revoke execute on function private.organisation_members_protect() from public, anon, authenticated;

create trigger organisation_members_10_protect
	before update or delete on public.organisation_members
	for each row execute function private.organisation_members_protect();

-- When the last owner goes without the API (their account was deleted), the longest-standing member becomes owner;
-- an organisation with nobody left is deleted.
create function private.organisation_members_keep_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_next uuid;
begin
	if old.role <> 'owner' or private.owner_count(old.organisation_id) > 0 then
		return null;
	end if;
	select m.user_id into v_next
	from public.organisation_members m
	where m.organisation_id = old.organisation_id
	order by m.created_at, m.user_id
	limit 1;
	if v_next is null then
		delete from public.organisations o where o.id = old.organisation_id;
	else
		update public.organisation_members m set role = 'owner'
		where m.organisation_id = old.organisation_id and m.user_id = v_next;
	end if;
	return null;
end;
$$;
revoke execute on function private.organisation_members_keep_owner() from public, anon, authenticated;

create trigger organisation_members_20_keep_owner
	after delete on public.organisation_members
	for each row execute function private.organisation_members_keep_owner();

-- For API roles the inviter is the caller, and token and expiry are the defaults; email is stored lower case.
create function private.organisation_invitations_prepare()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.email := lower(btrim(new.email));
	if not private.is_privileged_role() then
		new.invited_by := (select auth.uid());
		new.token := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
		new.expires_at := now() + interval '14 days';
		new.created_at := now();
	end if;
	return new;
end;
$$;
revoke execute on function private.organisation_invitations_prepare() from public, anon, authenticated;

create trigger organisation_invitations_10_prepare
	before insert on public.organisation_invitations
	for each row execute function private.organisation_invitations_prepare();

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- True when the caller belongs to organisation `p_organisation_id` (with role `p_role` when given).
create function private.has_org_role(p_organisation_id uuid, p_role public.organisation_role default null)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.organisation_members m
		where m.organisation_id = p_organisation_id
			and m.user_id = (select auth.uid())
			and (p_role is null or m.role = p_role)
	);
$$;
revoke execute on function private.has_org_role(uuid, public.organisation_role) from public, anon, authenticated;
grant execute on function private.has_org_role(uuid, public.organisation_role) to authenticated, service_role;

-- Owners an organisation has.
create function private.owner_count(p_organisation_id uuid)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
	select count(*)::integer from public.organisation_members m
	where m.organisation_id = p_organisation_id and m.role = 'owner';
$$;
revoke execute on function private.owner_count(uuid) from public, anon, authenticated;
grant execute on function private.owner_count(uuid) to authenticated, service_role;

-- The caller's tier, now with verified_orgs: a signed-in member of a verified organisation.
create or replace function private.viewer_level()
returns public.visibility_level
language sql
stable
security definer
set search_path = ''
as $$
	select case
		when (select auth.uid()) is null then 'public'::public.visibility_level
		when private.is_anonymous_session() then 'public'
		when private.is_staff() then 'private'
		when exists (
			select 1
			from public.organisation_members m
			join public.organisations o on o.id = m.organisation_id
			where m.user_id = (select auth.uid()) and o.verified
		) then 'verified_orgs'
		else 'members'
	end;
$$;
revoke execute on function private.viewer_level() from public, anon, authenticated;

-- The confirmed email of the caller, lower case; null when not signed in or not confirmed.
create function private.caller_email()
returns text
language sql
stable
security definer
set search_path = ''
as $$
	select lower(u.email) from auth.users u
	where u.id = (select auth.uid()) and u.email_confirmed_at is not null;
$$;
revoke execute on function private.caller_email() from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------------------------------

-- SELECT(organisations): anyone; organisations are public.
create policy organisations_select_all on public.organisations
	for select to anon, authenticated
	using (true);

-- INSERT(organisations): any member (not an anonymous sign-in), as its creator (the trigger sets created_by; they
-- become owner).
create policy organisations_insert_authenticated on public.organisations
	for insert to authenticated
	with check (created_by = (select auth.uid()) and not (select private.is_anonymous_session()));

-- UPDATE(organisations): its owners.
create policy organisations_update_owner on public.organisations
	for update to authenticated
	using (private.has_org_role(id, 'owner'))
	with check (private.has_org_role(id, 'owner'));

-- DELETE(organisations): its owners.
create policy organisations_delete_owner on public.organisations
	for delete to authenticated
	using (private.has_org_role(id, 'owner'));

-- SELECT(organisation_members): your own memberships, the members of your organisations, and staff.
create policy organisation_members_select_member on public.organisation_members
	for select to authenticated
	using (
		user_id = (select auth.uid())
		or private.has_org_role(organisation_id)
		or (select private.is_staff())
	);

-- INSERT(organisation_members): none; memberships come from creating an organisation or accepting an invitation.

-- UPDATE(organisation_members): owners (roles and titles) and the member (their own title).
create policy organisation_members_update_owner_or_self on public.organisation_members
	for update to authenticated
	using (user_id = (select auth.uid()) or private.has_org_role(organisation_id, 'owner'))
	with check (user_id = (select auth.uid()) or private.has_org_role(organisation_id, 'owner'));

-- DELETE(organisation_members): owners remove members; a member leaves.
create policy organisation_members_delete_owner_or_self on public.organisation_members
	for delete to authenticated
	using (user_id = (select auth.uid()) or private.has_org_role(organisation_id, 'owner'));

-- SELECT(organisation_invitations): the organisation's owners.
create policy organisation_invitations_select_owner on public.organisation_invitations
	for select to authenticated
	using (private.has_org_role(organisation_id, 'owner'));

-- INSERT(organisation_invitations): the organisation's owners.
create policy organisation_invitations_insert_owner on public.organisation_invitations
	for insert to authenticated
	with check (private.has_org_role(organisation_id, 'owner'));

-- UPDATE(organisation_invitations): none; withdraw and invite again.

-- DELETE(organisation_invitations): the organisation's owners (withdraw).
create policy organisation_invitations_delete_owner on public.organisation_invitations
	for delete to authenticated
	using (private.has_org_role(organisation_id, 'owner'));

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- The organisation directory (organisations are public, so this runs with the caller's rights). As
-- directory_search does for people, it runs only the clauses of the filters given, counts up to 1,000
-- (total_count, and total_capped when there are more), and reads just the page's rows in an indexed order; a
-- search ranked by relevance ranks the first 1,001 matches.
--   p_query  words from name, region, description (prefix and fuzzy name match)
--   p_sort   'relevance' (default; verified first, then newest, without a query), 'recent' (verified first,
--            then newest) or 'name'
--   p_limit 1–50, p_offset ≤ 1,000.
create function public.organisation_search(
	p_query text default null,
	p_kind public.organisation_kind default null,
	p_sector public.sector default null,
	p_country text default null,
	p_prefecture smallint default null,
	p_verified boolean default null,
	p_sort text default 'relevance',
	p_limit integer default 20,
	p_offset integer default 0
)
returns table (
	id uuid,
	kind public.organisation_kind,
	name text,
	country text,
	prefecture smallint,
	region text,
	sector public.sector,
	size public.organisation_size,
	website text,
	logo_path text,
	verified boolean,
	total_count bigint,
	total_capped boolean
)
language plpgsql
stable
set search_path = ''
as $$
declare
	v_query text := nullif(private.search_text(left(p_query, 200)), '');
	v_tsquery tsquery := private.prefix_tsquery(left(p_query, 200));
	v_like text;
	v_limit integer := least(greatest(coalesce(p_limit, 20), 1), 50);
	v_offset integer := least(greatest(coalesce(p_offset, 0), 0), 1000);
	-- $1 kind, $2 sector, $3 country, $4 prefecture, $5 verified, $6 normalised query, $7 its LIKE pattern,
	-- $8 its prefix tsquery, $9 total (at most 1,001), $10 limit, $11 offset.
	v_where text := 'true';
	v_columns text := 'o.id, o.kind, o.name, o.country::text, o.prefecture, o.region, o.sector, o.size, o.website,
		o.logo_path, o.verified';
	v_total bigint;
	v_seqscan text;
begin
	if coalesce(p_sort, 'relevance') not in ('relevance', 'recent', 'name') then
		raise exception 'unknown sort "%"', p_sort using errcode = '22023';
	end if;
	if p_kind is not null then
		v_where := v_where || ' and o.kind = $1';
	end if;
	if p_sector is not null then
		v_where := v_where || ' and o.sector = $2';
	end if;
	if p_country is not null then
		v_where := v_where || ' and o.country = $3';
	end if;
	if p_prefecture is not null then
		v_where := v_where || ' and o.prefecture = $4';
	end if;
	if p_verified is not null then
		v_where := v_where || ' and o.verified = $5';
	end if;
	if v_query is not null then
		v_like := '%' || replace(replace(replace(v_query, '\', '\\'), '%', '\%'), '_', '\_') || '%';
		v_where := v_where || ' and (o.search_name operator(extensions.%>) $6 or o.search_name like $7
			or o.search_document @@ $8)';
	end if;

	-- As in directory_search: the planner underestimates what the text conditions cost per row and would rather scan
	-- the table for the first matches; a text search always starts from the text indexes instead.
	if v_query is not null then
		v_seqscan := current_setting('enable_seqscan');
		perform set_config('enable_seqscan', 'off', true);
	end if;
	if coalesce(p_sort, 'relevance') = 'relevance' and v_query is not null then
		-- Ranked by relevance: one pass over at most 1,001 matches, counted, then ranked.
		return query execute format(
			'select %s, least(o.total, 1000), o.total > 1000
			from (
				select m.*, count(*) over () as total
				from (
					select o.*, greatest(extensions.word_similarity($6, o.search_name),
						pg_catalog.ts_rank(o.search_document, coalesce($8, ''''::tsquery))) as rank
					from public.organisations o
					where %s
					limit 1001
				) as m
			) as o
			order by o.rank desc, o.verified desc, o.created_at desc, o.id
			limit $10 offset $11', v_columns, v_where)
			using p_kind, p_sector, p_country, p_prefecture, p_verified, v_query, v_like, v_tsquery, null::bigint,
				v_limit, v_offset;
	else
		-- Ordered by name, or verified first then newest, which indexes serve: counting stops after 1,001
		-- matches, and the page reads just its rows in order.
		execute format('select count(*) from (select from public.organisations o where %s limit 1001) as matches',
				v_where)
			into v_total
			using p_kind, p_sector, p_country, p_prefecture, p_verified, v_query, v_like, v_tsquery;
		if v_total > v_offset then
			return query execute format(
				'select %s, least($9, 1000), $9 > 1000
				from public.organisations o
				where %s
				order by %s
				limit $10 offset $11',
				v_columns, v_where,
				case when p_sort = 'name' then 'o.search_name, o.verified desc, o.created_at desc, o.id'
					else 'o.verified desc, o.created_at desc, o.id' end)
				using p_kind, p_sector, p_country, p_prefecture, p_verified, v_query, v_like, v_tsquery, v_total,
					v_limit, v_offset;
		end if;
	end if;
	if v_seqscan is not null then
		perform set_config('enable_seqscan', v_seqscan, true);
	end if;
end;
$$;
comment on function public.organisation_search(text, public.organisation_kind, public.sector, text, smallint, boolean, text, integer, integer) is
	'Searches organisations (public data) with filters, full-text and fuzzy name search; total_count stops at 1,000 (total_capped). Never null: id, kind, name, country, verified, total_count, total_capped.';
revoke execute on function public.organisation_search(text, public.organisation_kind, public.sector, text, smallint, boolean, text, integer, integer) from public, anon, authenticated;
grant execute on function public.organisation_search(text, public.organisation_kind, public.sector, text, smallint, boolean, text, integer, integer) to anon, authenticated, service_role;

-- The people of an organisation for its members and staff: name and avatar (whatever their profile visibility —
-- joining shows you to your colleagues), role, title. No rows for anyone else.
create function public.organisation_roster(p_organisation_id uuid)
returns table (
	user_id uuid,
	display_name text,
	avatar_path text,
	role public.organisation_role,
	title text,
	joined_at timestamptz
)
language sql
stable
security definer
set search_path = ''
as $$
	select m.user_id, p.display_name, p.avatar_path, m.role, m.title, m.created_at
	from public.organisation_members m
	join public.profiles p on p.id = m.user_id
	where m.organisation_id = p_organisation_id
		and (private.has_org_role(p_organisation_id) or private.is_staff())
	order by m.role desc, m.created_at, m.user_id;
$$;
comment on function public.organisation_roster(uuid) is
	'Members of an organisation (name, avatar, role, title) for its own members and staff. Never null: user_id, display_name, role, joined_at.';
revoke execute on function public.organisation_roster(uuid) from public, anon, authenticated;
grant execute on function public.organisation_roster(uuid) to authenticated, service_role;

-- Invitations waiting for the caller's confirmed email address.
create function public.my_invitations()
returns table (
	token text,
	organisation_id uuid,
	organisation_name text,
	organisation_kind public.organisation_kind,
	role public.organisation_role,
	expires_at timestamptz
)
language sql
stable
security definer
set search_path = ''
as $$
	select i.token, o.id, o.name, o.kind, i.role, i.expires_at
	from public.organisation_invitations i
	join public.organisations o on o.id = i.organisation_id
	where i.email = private.caller_email() and i.expires_at > now()
	order by i.created_at desc;
$$;
comment on function public.my_invitations() is 'Open invitations addressed to the caller''s confirmed email. Never null: token, organisation_id, organisation_name, organisation_kind, role, expires_at.';
revoke execute on function public.my_invitations() from public, anon, authenticated;
grant execute on function public.my_invitations() to authenticated, service_role;

-- What an invitation link is for (for the page that asks to accept it). for_me says whether the caller's confirmed
-- email is the one invited. No row for an unknown or expired token.
create function public.get_invitation(p_token text)
returns table (
	organisation_id uuid,
	organisation_name text,
	organisation_kind public.organisation_kind,
	role public.organisation_role,
	expires_at timestamptz,
	for_me boolean
)
language sql
stable
security definer
set search_path = ''
as $$
	select o.id, o.name, o.kind, i.role, i.expires_at, i.email = coalesce(private.caller_email(), '')
	from public.organisation_invitations i
	join public.organisations o on o.id = i.organisation_id
	where i.token = p_token and i.expires_at > now();
$$;
comment on function public.get_invitation(text) is 'The organisation and role an invitation token is for; no row when unknown or expired. Never null: organisation_id, organisation_name, organisation_kind, role, expires_at, for_me.';
revoke execute on function public.get_invitation(text) from public, anon, authenticated;
grant execute on function public.get_invitation(text) to authenticated, service_role;

-- Accepts an invitation: the caller must be signed in with the invited (confirmed) email. Returns the organisation.
create function public.accept_invitation(p_token text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_invitation public.organisation_invitations;
	v_uid uuid := (select auth.uid());
begin
	if v_uid is null then
		raise exception 'sign in to accept an invitation' using errcode = '42501';
	end if;
	select * into v_invitation from public.organisation_invitations i where i.token = p_token for update;
	if not found then
		raise exception 'invitation not found' using errcode = 'P0002';
	end if;
	if v_invitation.expires_at <= now() then
		raise exception 'invitation expired' using errcode = 'P0002';
	end if;
	if private.caller_email() is distinct from v_invitation.email then
		raise exception 'this invitation was sent to another email address' using errcode = '42501';
	end if;
	insert into public.organisation_members (organisation_id, user_id, role)
	values (v_invitation.organisation_id, v_uid, v_invitation.role)
	on conflict (organisation_id, user_id)
		do update set role = greatest(public.organisation_members.role, excluded.role);
	delete from public.organisation_invitations i where i.id = v_invitation.id;
	return v_invitation.organisation_id;
end;
$$;
comment on function public.accept_invitation(text) is
	'Joins the organisation of an invitation addressed to the caller''s confirmed email; returns the organisation id.';
revoke execute on function public.accept_invitation(text) from public, anon, authenticated;
grant execute on function public.accept_invitation(text) to authenticated;

-- Declines (deletes) an invitation addressed to the caller.
create function public.decline_invitation(p_token text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	delete from public.organisation_invitations i
	where i.token = p_token and i.email = private.caller_email();
	if not found then
		raise exception 'invitation not found' using errcode = 'P0002';
	end if;
end;
$$;
comment on function public.decline_invitation(text) is 'Declines an invitation addressed to the caller''s confirmed email.';
revoke execute on function public.decline_invitation(text) from public, anon, authenticated;
grant execute on function public.decline_invitation(text) to authenticated;
