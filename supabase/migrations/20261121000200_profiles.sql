-- =====================================================================================================================
-- Section: profiles
--
-- One profile per account (created by a trigger on auth.users), with the person's Japan track record, business,
-- what they look for, and a visibility setting per field.
--
-- Visibility is enforced here, not in pages: `profiles` is readable only by its owner and staff. Everyone else
-- reads people through public.get_profile() and public.directory_search(), security-definer functions that mask
-- each field by the viewer's tier and filter, rank, order and count only on values that viewer may see.
-- See docs/decisions/007-field-visibility-in-the-database.md and docs/database.md.
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------------------------------

create type public.member_kind as enum (
	'returnee',           -- worked in Japan and went home
	'in_japan',           -- working in Japan now
	'preparing',          -- preparing to go to Japan
	'mentor',             -- offers mentoring
	'sme_member',         -- works for a Japanese SME
	'support_org_member'  -- works for an NGO, association, lender, incubator or recruiter
);
comment on type public.member_kind is 'What a member says they are; a person can be several.';

create type public.japan_programme as enum (
	'titp_1', 'titp_2', 'titp_3',  -- Technical Intern Training (i), (ii), (iii)
	'ssw_1', 'ssw_2',              -- Specified Skilled Worker (i), (ii)
	'esd',                         -- Employment for Skill Development (育成就労, from 2027-04-01)
	'engineer_specialist',         -- Engineer/Specialist in Humanities/International Services (技人国)
	'other'
);
comment on type public.japan_programme is 'Residence programme a person worked under in Japan.';

-- The official SSW fields: 16 (Cabinet decision of 2024-03-29) plus 3 added on 2026-01-23.
create type public.ssw_field as enum (
	'nursing_care',
	'building_cleaning',
	'industrial_products_manufacturing',
	'construction',
	'shipbuilding_marine',
	'automobile_repair',
	'aviation',
	'accommodation',
	'automobile_transportation',
	'railway',
	'agriculture',
	'fishery',
	'food_beverage_manufacturing',
	'food_service',
	'forestry',
	'wood_industry',
	'linen_supply',
	'logistics_warehousing',
	'resource_recycling'
);
comment on type public.ssw_field is 'The 19 official Specified Skilled Worker fields (slugs are stable; labels live in the UI).';

create type public.employer_type as enum (
	'small_business',     -- fewer than 50 people
	'medium_business',    -- 50 to 299 people
	'large_business',     -- 300 people or more
	'farm_or_fishery',
	'care_facility',
	'public_body',
	'other'
);
comment on type public.employer_type is 'Kind of employer a person worked for in Japan.';

-- Ordered from the easiest to the hardest, so `jlpt_level >= 'n3'` means "N3 or better".
create type public.jlpt_level as enum ('n5', 'n4', 'n3', 'n2', 'n1');
comment on type public.jlpt_level is 'Highest Japanese-Language Proficiency Test level passed; ordered n5 < … < n1.';

create type public.skills_test as enum (
	'trade_skills_basic',    -- 技能検定 基礎級 (TITP i)
	'trade_skills_grade_3',  -- 技能検定 3級 (TITP ii)
	'trade_skills_grade_2',  -- 技能検定 2級 (TITP iii)
	'ssw_1_skills',          -- SSW (i) skills test of the field
	'ssw_2_skills',          -- SSW (ii) skills test of the field
	'care_japanese'          -- 介護日本語評価試験
);
comment on type public.skills_test is 'Skills tests a person passed in the Japan labour corridor.';

create type public.business_stage as enum ('none', 'idea', 'started', 'growing');
comment on type public.business_stage is 'Where a person''s own business stands.';

-- Sectors of businesses and organisations: the SSW fields (same slugs) and the sectors returnees start businesses in.
create type public.sector as enum (
	'nursing_care', 'building_cleaning', 'industrial_products_manufacturing', 'construction', 'shipbuilding_marine',
	'automobile_repair', 'aviation', 'accommodation', 'automobile_transportation', 'railway', 'agriculture',
	'fishery', 'food_beverage_manufacturing', 'food_service', 'forestry', 'wood_industry', 'linen_supply',
	'logistics_warehousing', 'resource_recycling',
	'information_technology', 'trade', 'retail', 'education', 'language_training', 'recruitment', 'finance',
	'tourism', 'professional_services', 'other'
);
comment on type public.sector is 'Business sector; the first 19 values are the SSW fields.';

create type public.looking_for as enum (
	'mentor', 'jv_partner', 'funding', 'staff', 'co_founder', 'to_mentor', 'employment'
);
comment on type public.looking_for is 'What a member looks for: a mentor, a joint-venture partner, funding, staff, a co-founder, people to mentor, or a job.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

create table public.profiles (
	id uuid primary key references auth.users (id) on delete cascade,
	display_name text not null default '',
	headline text,
	bio text,
	locale text not null default 'en',
	kinds public.member_kind[] not null default '{}',
	home_country public.country_code,
	region text,
	languages text[] not null default '{}',
	contact_email text,
	contact_phone text,
	contact_whatsapp text,
	programmes public.japan_programme[] not null default '{}',
	japan_field public.ssw_field,
	japan_job text,
	prefectures smallint[] not null default '{}',
	employer_type public.employer_type,
	japan_start_year smallint,
	japan_end_year smallint,
	jlpt_level public.jlpt_level,
	jft_basic boolean not null default false,
	skills_tests public.skills_test[] not null default '{}',
	business_stage public.business_stage not null default 'none',
	business_name text,
	business_sector public.sector,
	business_needs text,
	looking_for public.looking_for[] not null default '{}',
	avatar_path text,
	verified boolean not null default false,
	verified_at timestamptz,
	profile_visibility public.visibility_level not null default 'members',
	headline_visibility public.visibility_level not null default 'public',
	bio_visibility public.visibility_level not null default 'members',
	country_visibility public.visibility_level not null default 'public',
	region_visibility public.visibility_level not null default 'members',
	languages_visibility public.visibility_level not null default 'public',
	email_visibility public.visibility_level not null default 'private',
	phone_visibility public.visibility_level not null default 'private',
	whatsapp_visibility public.visibility_level not null default 'private',
	programmes_visibility public.visibility_level not null default 'public',
	field_visibility public.visibility_level not null default 'public',
	prefectures_visibility public.visibility_level not null default 'members',
	employer_visibility public.visibility_level not null default 'members',
	years_visibility public.visibility_level not null default 'members',
	japanese_visibility public.visibility_level not null default 'public',
	skills_visibility public.visibility_level not null default 'public',
	business_visibility public.visibility_level not null default 'members',
	looking_for_visibility public.visibility_level not null default 'public',
	search_name text not null default '',
	search_public tsvector not null default ''::tsvector,
	search_members tsvector not null default ''::tsvector,
	search_verified tsvector not null default ''::tsvector,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.profiles is
	'A member''s profile, 1:1 with auth.users. Readable only by its owner and staff; everyone else sees it through get_profile() and directory_search(), masked field by field.';
comment on column public.profiles.display_name is 'Name shown to everyone who may see the profile; empty until onboarding (an empty name keeps the profile out of the directory).';
comment on column public.profiles.headline is 'One line about the person.';
comment on column public.profiles.bio is 'Longer description; plain text.';
comment on column public.profiles.locale is 'Preferred UI language: en, ja, vi, id or sw.';
comment on column public.profiles.kinds is 'What the person is: returnee, in Japan now, preparing to go, mentor, SME member, support-organisation member.';
comment on column public.profiles.home_country is 'ISO 3166-1 alpha-2 code of the home country.';
comment on column public.profiles.region is 'Province, state or city at home.';
comment on column public.profiles.languages is 'ISO 639-1 codes of languages spoken.';
comment on column public.profiles.contact_email is 'Contact address for members (may differ from the sign-in email). Never public.';
comment on column public.profiles.contact_phone is 'Phone number in E.164 form (+84…). Never public.';
comment on column public.profiles.contact_whatsapp is 'WhatsApp number in E.164 form. Never public.';
comment on column public.profiles.programmes is 'Programmes worked under in Japan (TITP i–iii, SSW i–ii, ESD, Engineer/Specialist, other).';
comment on column public.profiles.japan_field is 'Field of work in Japan, from the official SSW field list.';
comment on column public.profiles.japan_job is 'Job or trade in Japan in the person''s words (e.g. welding, garment sewing).';
comment on column public.profiles.prefectures is 'Prefectures worked in, as JIS X 0401 codes 1–47 (13 = Tokyo).';
comment on column public.profiles.employer_type is 'Kind of employer in Japan.';
comment on column public.profiles.japan_start_year is 'Year the person started working in Japan.';
comment on column public.profiles.japan_end_year is 'Year the person left Japan (null while there).';
comment on column public.profiles.jlpt_level is 'Highest JLPT level passed.';
comment on column public.profiles.jft_basic is 'Passed the JFT-Basic (Japan Foundation Test for Basic Japanese, CEFR A2).';
comment on column public.profiles.skills_tests is 'Skills tests passed.';
comment on column public.profiles.business_stage is 'Stage of the person''s own business.';
comment on column public.profiles.business_name is 'Name of that business.';
comment on column public.profiles.business_sector is 'Sector of that business.';
comment on column public.profiles.business_needs is 'What the business needs; plain text.';
comment on column public.profiles.looking_for is 'What the person looks for on the portal.';
comment on column public.profiles.avatar_path is 'Object path in the avatars bucket, under the owner''s folder (<user id>/…).';
comment on column public.profiles.verified is 'Staff checked the person''s Japan track record. Set only by public.decide_verification(); cleared when the person changes a checked fact.';
comment on column public.profiles.verified_at is 'When the current verification was granted.';
comment on column public.profiles.profile_visibility is 'Who can find the profile at all (name, avatar, kinds, verified badge). Every other field is shown only to viewers who can also see the profile.';
comment on column public.profiles.headline_visibility is 'Who sees headline.';
comment on column public.profiles.bio_visibility is 'Who sees bio.';
comment on column public.profiles.country_visibility is 'Who sees home_country.';
comment on column public.profiles.region_visibility is 'Who sees region.';
comment on column public.profiles.languages_visibility is 'Who sees languages.';
comment on column public.profiles.email_visibility is 'Who sees contact_email; never public.';
comment on column public.profiles.phone_visibility is 'Who sees contact_phone; never public.';
comment on column public.profiles.whatsapp_visibility is 'Who sees contact_whatsapp; never public.';
comment on column public.profiles.programmes_visibility is 'Who sees programmes.';
comment on column public.profiles.field_visibility is 'Who sees japan_field and japan_job.';
comment on column public.profiles.prefectures_visibility is 'Who sees prefectures.';
comment on column public.profiles.employer_visibility is 'Who sees employer_type.';
comment on column public.profiles.years_visibility is 'Who sees japan_start_year and japan_end_year.';
comment on column public.profiles.japanese_visibility is 'Who sees jlpt_level and jft_basic.';
comment on column public.profiles.skills_visibility is 'Who sees skills_tests.';
comment on column public.profiles.business_visibility is 'Who sees business_stage, business_name, business_sector and business_needs.';
comment on column public.profiles.looking_for_visibility is 'Who sees looking_for.';
comment on column public.profiles.search_name is 'Maintained by trigger: display_name without accents, lower case (trigram name search).';
comment on column public.profiles.search_public is 'Maintained by trigger: text search document of the fields anonymous visitors may see.';
comment on column public.profiles.search_members is 'Maintained by trigger: text search document of the fields signed-in members may see.';
comment on column public.profiles.search_verified is 'Maintained by trigger: text search document of the fields verified organisations may see.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

-- Lengths match the profile form (src/features/profiles/schemas). Single-line text has no control characters.
alter table public.profiles
	add constraint profiles_display_name_check
		check (char_length(display_name) <= 80 and display_name !~ '[[:cntrl:]]'),
	add constraint profiles_headline_check
		check (char_length(headline) between 1 and 120 and headline !~ '[[:cntrl:]]'),
	add constraint profiles_bio_check
		check (char_length(bio) between 1 and 2000 and bio !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint profiles_locale_check check (locale in ('en', 'ja', 'vi', 'id', 'sw')),
	add constraint profiles_kinds_check check (array_position(kinds, null) is null),
	add constraint profiles_region_check
		check (char_length(region) between 1 and 80 and region !~ '[[:cntrl:]]'),
	add constraint profiles_languages_check check (
		cardinality(languages) <= 10
		and languages <@ '{aa,ab,ae,af,ak,am,an,ar,as,av,ay,az,ba,be,bg,bi,bm,bn,bo,br,bs,ca,ce,ch,co,cr,cs,cu,cv,cy,da,de,dv,dz,ee,el,en,eo,es,et,eu,fa,ff,fi,fj,fo,fr,fy,ga,gd,gl,gn,gu,gv,ha,he,hi,ho,hr,ht,hu,hy,hz,ia,id,ie,ig,ii,ik,io,is,it,iu,ja,jv,ka,kg,ki,kj,kk,kl,km,kn,ko,kr,ks,ku,kv,kw,ky,la,lb,lg,li,ln,lo,lt,lu,lv,mg,mh,mi,mk,ml,mn,mr,ms,mt,my,na,nb,nd,ne,ng,nl,nn,no,nr,nv,ny,oc,oj,om,or,os,pa,pi,pl,ps,pt,qu,rm,rn,ro,ru,rw,sa,sc,sd,se,sg,si,sk,sl,sm,sn,so,sq,sr,ss,st,su,sv,sw,ta,te,tg,th,ti,tk,tl,tn,to,tr,ts,tt,tw,ty,ug,uk,ur,uz,ve,vi,vo,wa,wo,xh,yi,yo,za,zh,zu}'::text[]
		and array_position(languages, null) is null),
	add constraint profiles_contact_email_check
		check (char_length(contact_email) <= 254 and contact_email ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+\.[^@[:space:][:cntrl:]]+$'),
	add constraint profiles_contact_phone_check check (contact_phone ~ '^\+[1-9][0-9]{6,14}$'),
	add constraint profiles_contact_whatsapp_check check (contact_whatsapp ~ '^\+[1-9][0-9]{6,14}$'),
	add constraint profiles_programmes_check check (array_position(programmes, null) is null),
	add constraint profiles_japan_job_check
		check (char_length(japan_job) between 1 and 80 and japan_job !~ '[[:cntrl:]]'),
	add constraint profiles_prefectures_check check (
		array_position(prefectures, null) is null and 1 <= all (prefectures) and 47 >= all (prefectures)),
	add constraint profiles_years_check check (
		japan_start_year between 1980 and 2100
		and japan_end_year between 1980 and 2100
		and japan_end_year >= japan_start_year
		and japan_end_year - japan_start_year <= 40),
	add constraint profiles_skills_tests_check check (array_position(skills_tests, null) is null),
	add constraint profiles_business_name_check
		check (char_length(business_name) between 1 and 120 and business_name !~ '[[:cntrl:]]'),
	add constraint profiles_business_needs_check
		check (char_length(business_needs) between 1 and 1000 and business_needs !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint profiles_looking_for_check check (array_position(looking_for, null) is null),
	add constraint profiles_avatar_path_check check (
		char_length(avatar_path) <= 300 and avatar_path like id::text || '/_%' and avatar_path not like '%..%'),
	add constraint profiles_verified_at_check check (verified = (verified_at is not null)),
	-- Contact details are never public, whatever the form sends.
	add constraint profiles_contact_not_public_check check (
		email_visibility <> 'public' and phone_visibility <> 'public' and whatsapp_visibility <> 'public');

-- The directory filters on these; every filter also checks the field's visibility column in the same row, so the
-- btree indexes carry it as a second column. Members see most fields, but anonymous visitors only those set to
-- public: for them a combination of filters is selective only together with the visibilities (e.g. a few hundred
-- of 100,000 people), so the array filters have partial indexes of the public values and the public profiles have
-- their own join-date index. Each partial index names only its own visibility column (the planner does not AND
-- two indexes whose predicates overlap); directory_search writes the public tier's checks as `= 'public'` to use
-- them.
create index profiles_home_country_idx on public.profiles (home_country, country_visibility);
create index profiles_japan_field_idx on public.profiles (japan_field, field_visibility);
create index profiles_jlpt_level_idx on public.profiles (jlpt_level, japanese_visibility);
create index profiles_business_stage_idx on public.profiles (business_stage, business_visibility);
create index profiles_verified_idx on public.profiles (verified) where verified;
create index profiles_programmes_idx on public.profiles using gin (programmes);
create index profiles_programmes_public_idx on public.profiles using gin (programmes)
	where programmes_visibility = 'public';
create index profiles_looking_for_idx on public.profiles using gin (looking_for);
create index profiles_looking_for_public_idx on public.profiles using gin (looking_for)
	where looking_for_visibility = 'public';
create index profiles_languages_idx on public.profiles using gin (languages);
create index profiles_languages_public_idx on public.profiles using gin (languages)
	where languages_visibility = 'public';
create index profiles_kinds_idx on public.profiles using gin (kinds);
create index profiles_created_at_idx on public.profiles (created_at desc, id);
create index profiles_public_created_at_idx on public.profiles (created_at desc, id)
	where profile_visibility = 'public' and display_name <> '';
create index profiles_search_name_sort_idx on public.profiles (search_name, id);
create index profiles_search_name_trgm_idx on public.profiles using gin (search_name extensions.gin_trgm_ops);
create index profiles_search_public_idx on public.profiles using gin (search_public);
create index profiles_search_members_idx on public.profiles using gin (search_members);
create index profiles_search_verified_idx on public.profiles using gin (search_verified);

-- ---------------------------------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------------------------------

-- No table access for anon. Signed-in users write only the columns they own: never id (insert aside), verified,
-- verified_at, timestamps or the search columns.
revoke all on public.profiles from public, anon, authenticated;
grant all on public.profiles to service_role;
grant select on public.profiles to authenticated;
grant insert (
	id, display_name, headline, bio, locale, kinds, home_country, region, languages, contact_email, contact_phone,
	contact_whatsapp, programmes, japan_field, japan_job, prefectures, employer_type, japan_start_year,
	japan_end_year, jlpt_level, jft_basic, skills_tests, business_stage, business_name, business_sector,
	business_needs, looking_for, avatar_path, profile_visibility, headline_visibility, bio_visibility,
	country_visibility, region_visibility, languages_visibility, email_visibility, phone_visibility,
	whatsapp_visibility, programmes_visibility, field_visibility, prefectures_visibility, employer_visibility,
	years_visibility, japanese_visibility, skills_visibility, business_visibility, looking_for_visibility
) on public.profiles to authenticated;
grant update (
	display_name, headline, bio, locale, kinds, home_country, region, languages, contact_email, contact_phone,
	contact_whatsapp, programmes, japan_field, japan_job, prefectures, employer_type, japan_start_year,
	japan_end_year, jlpt_level, jft_basic, skills_tests, business_stage, business_name, business_sector,
	business_needs, looking_for, avatar_path, profile_visibility, headline_visibility, bio_visibility,
	country_visibility, region_visibility, languages_visibility, email_visibility, phone_visibility,
	whatsapp_visibility, programmes_visibility, field_visibility, prefectures_visibility, employer_visibility,
	years_visibility, japanese_visibility, skills_visibility, business_visibility, looking_for_visibility
) on public.profiles to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.profiles enable row level security;

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- Tidies input (trims text, empty → null, arrays de-duplicated and sorted), stamps updated_at and, when a searched
-- field or its visibility changed, rebuilds the search columns: one text search document per viewer tier, made only
-- of the fields that tier may see (empty when the tier cannot see the profile), so a search matches only words its
-- viewer is allowed to read.
create function private.profiles_prepare()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
	v_tier public.visibility_level;
	v_name tsvector;
	v_headline tsvector;
	v_job tsvector;
	v_business tsvector;
	v_region tsvector;
	v_bio tsvector;
	v_document tsvector;
begin
	new.display_name := btrim(regexp_replace(new.display_name, '[[:space:]]+', ' ', 'g'));
	new.headline := nullif(btrim(new.headline), '');
	new.bio := nullif(btrim(new.bio), '');
	new.region := nullif(btrim(new.region), '');
	new.contact_email := nullif(lower(btrim(new.contact_email)), '');
	new.contact_phone := nullif(regexp_replace(new.contact_phone, '[[:space:]().-]', '', 'g'), '');
	new.contact_whatsapp := nullif(regexp_replace(new.contact_whatsapp, '[[:space:]().-]', '', 'g'), '');
	new.japan_job := nullif(btrim(new.japan_job), '');
	new.business_name := nullif(btrim(new.business_name), '');
	new.business_needs := nullif(btrim(new.business_needs), '');
	new.avatar_path := nullif(btrim(new.avatar_path), '');
	new.kinds := array(select distinct k from unnest(new.kinds) as k order by k);
	new.languages := array(select distinct l from unnest(new.languages) as l order by l);
	new.programmes := array(select distinct x from unnest(new.programmes) as x order by x);
	new.prefectures := array(select distinct x from unnest(new.prefectures) as x order by x);
	new.skills_tests := array(select distinct x from unnest(new.skills_tests) as x order by x);
	new.looking_for := array(select distinct x from unnest(new.looking_for) as x order by x);
	new.updated_at := now();

	if tg_op = 'UPDATE'
		and (new.display_name, new.headline, new.bio, new.region, new.japan_job, new.business_name,
			new.business_needs, new.profile_visibility, new.headline_visibility, new.bio_visibility,
			new.region_visibility, new.field_visibility, new.business_visibility)
		is not distinct from
			(old.display_name, old.headline, old.bio, old.region, old.japan_job, old.business_name,
			old.business_needs, old.profile_visibility, old.headline_visibility, old.bio_visibility,
			old.region_visibility, old.field_visibility, old.business_visibility)
	then
		return new;
	end if;

	new.search_name := private.search_text(new.display_name);
	v_name := setweight(to_tsvector('pg_catalog.simple', new.search_name), 'A');
	v_headline := setweight(to_tsvector('pg_catalog.simple', private.search_text(new.headline)), 'B');
	v_job := setweight(to_tsvector('pg_catalog.simple', private.search_text(new.japan_job)), 'C');
	v_region := setweight(to_tsvector('pg_catalog.simple', private.search_text(new.region)), 'C');
	v_business := setweight(to_tsvector('pg_catalog.simple', private.search_text(new.business_name)), 'C')
		|| setweight(to_tsvector('pg_catalog.simple', private.search_text(new.business_needs)), 'D');
	v_bio := setweight(to_tsvector('pg_catalog.simple', private.search_text(new.bio)), 'D');
	foreach v_tier in array array['public', 'members', 'verified_orgs']::public.visibility_level[] loop
		if new.display_name = '' or new.profile_visibility > v_tier then
			v_document := ''::tsvector;
		else
			v_document := v_name;
			if new.headline_visibility <= v_tier then v_document := v_document || v_headline; end if;
			if new.field_visibility <= v_tier then v_document := v_document || v_job; end if;
			if new.region_visibility <= v_tier then v_document := v_document || v_region; end if;
			if new.business_visibility <= v_tier then v_document := v_document || v_business; end if;
			if new.bio_visibility <= v_tier then v_document := v_document || v_bio; end if;
		end if;
		case v_tier
			when 'public' then new.search_public := v_document;
			when 'members' then new.search_members := v_document;
			else new.search_verified := v_document;
		end case;
	end loop;
	return new;
end;
$$;
revoke execute on function private.profiles_prepare() from public, anon, authenticated;

-- Guards what RLS cannot express per column. For API roles: id and created_at never change, verified is set only
-- by staff decisions, and a verified person who changes a fact staff checked loses the badge until checked again.
-- Security invoker, so current_user is the caller's role.
create function private.profiles_protect()
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
		new.created_at := now();
		return new;
	end if;
	if new.id is distinct from old.id then
		raise exception 'a profile''s id cannot change' using errcode = '42501';
	end if;
	if new.verified is distinct from old.verified or new.verified_at is distinct from old.verified_at then
		raise exception 'only a staff decision can change verification' using errcode = '42501';
	end if;
	new.created_at := old.created_at;
	if old.verified and (
		new.display_name is distinct from old.display_name
		or new.programmes is distinct from old.programmes
		or new.japan_field is distinct from old.japan_field
		or new.prefectures is distinct from old.prefectures
		or new.employer_type is distinct from old.employer_type
		or new.japan_start_year is distinct from old.japan_start_year
		or new.japan_end_year is distinct from old.japan_end_year
		or new.jlpt_level is distinct from old.jlpt_level
		or new.jft_basic is distinct from old.jft_basic
		or new.skills_tests is distinct from old.skills_tests
	) then
		new.verified := false;
		new.verified_at := null;
	end if;
	return new;
end;
$$;
revoke execute on function private.profiles_protect() from public, anon, authenticated;

-- Triggers fire in name order: prepare (normalise) before protect (compare with the old row).
create trigger profiles_10_prepare
	before insert or update on public.profiles
	for each row execute function private.profiles_prepare();

create trigger profiles_20_protect
	before insert or update on public.profiles
	for each row execute function private.profiles_protect();

-- Every new account gets its profile, named from the sign-up metadata when it has a name. Anonymous sign-ins get
-- none until they become a real account (then the app inserts it).
create function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
	v_name text := left(btrim(regexp_replace(
		coalesce(v_meta ->> 'display_name', v_meta ->> 'full_name', v_meta ->> 'name', ''),
		'[[:space:][:cntrl:]]+', ' ', 'g')), 80);
	v_locale text := v_meta ->> 'locale';
begin
	if new.is_anonymous then
		return new;
	end if;
	insert into public.profiles (id, display_name, locale)
	values (new.id, v_name, case when v_locale in ('en', 'ja', 'vi', 'id', 'sw') then v_locale else 'en' end)
	on conflict (id) do nothing;
	return new;
end;
$$;
revoke execute on function private.handle_new_user() from public, anon, authenticated;

create trigger profiles_on_auth_user_created
	after insert on auth.users
	for each row execute function private.handle_new_user();

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- The caller's tier: public (anon or anonymous sign-in), members (signed in), private (staff). The organisations
-- migration adds verified_orgs. The service role is not a viewer: the masking functions answer it as public, so a
-- page rendered with the admin client cannot leak.
create function private.viewer_level()
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
		else 'members'
	end;
$$;
revoke execute on function private.viewer_level() from public, anon, authenticated;

-- The SQL directory_search runs for a viewer of tier p_level: a count statement and a page statement over
-- public.profiles p, with parameters $1 tier, $2 country, $3 programme, $4 field, $5 JLPT minimum, $6 business
-- stage, $7 looking for, $8 language, $9 kind, $10 verified, $11 normalised query, $12 its prefix tsquery,
-- $13 total (at most 1,001), $14 limit, $15 offset. Only the clauses of the filters given are included, so every
-- plan can use the indexes of exactly those filters (bench/directory-sql.ts EXPLAINs these statements).
-- Every filter on a field also requires that field's visibility to admit the viewer; text search runs on the
-- stored document of the viewer's tier; ordering uses only the name, the join date and visible-text relevance.
create function private.directory_search_sql(
	p_level public.visibility_level,
	p_has_query boolean,
	p_country boolean,
	p_programme boolean,
	p_field boolean,
	p_jlpt_min boolean,
	p_business_stage boolean,
	p_looking_for boolean,
	p_language boolean,
	p_kind boolean,
	p_verified boolean,
	p_sort text,
	out count_sql text,
	out page_sql text
)
language plpgsql
immutable
set search_path = ''
as $$
declare
	v_document text := case p_level
		when 'public' then 'search_public'
		when 'members' then 'search_members'
		else 'search_verified'
	end;
	-- "Visible to the viewer": visibility <= tier. 'public' is the lowest level, so for the public tier that is
	-- `= 'public'`, written so, which lets the planner use the partial indexes of public values.
	v_admits text := case when p_level = 'public' then ' = ''public''' else ' <= $1' end;
	v_where text := 'p.display_name <> '''' and p.profile_visibility' || v_admits;
	v_columns text;
	v_source text;
begin
	if coalesce(p_sort, 'relevance') not in ('relevance', 'recent', 'name') then
		raise exception 'unknown sort "%"', p_sort using errcode = '22023';
	end if;
	if p_country then
		v_where := v_where || ' and p.home_country = $2 and p.country_visibility' || v_admits;
	end if;
	if p_programme then
		v_where := v_where || ' and p.programmes @> array[$3] and p.programmes_visibility' || v_admits;
	end if;
	if p_field then
		v_where := v_where || ' and p.japan_field = $4 and p.field_visibility' || v_admits;
	end if;
	if p_jlpt_min then
		v_where := v_where || ' and p.jlpt_level >= $5 and p.japanese_visibility' || v_admits;
	end if;
	if p_business_stage then
		v_where := v_where || ' and p.business_stage = $6 and p.business_visibility' || v_admits;
	end if;
	if p_looking_for then
		v_where := v_where || ' and p.looking_for @> array[$7] and p.looking_for_visibility' || v_admits;
	end if;
	if p_language then
		v_where := v_where || ' and p.languages @> array[$8] and p.languages_visibility' || v_admits;
	end if;
	if p_kind then
		v_where := v_where || ' and p.kinds @> array[$9]';
	end if;
	if p_verified then
		v_where := v_where || ' and p.verified = $10';
	end if;
	if p_has_query then
		-- Words (and name parts) by prefix in the tier's document, or a name close to the query (typos).
		v_where := v_where || format(
			' and (p.%I @@ $12 or p.search_name operator(extensions.%%>) $11)', v_document);
	end if;
	v_columns := 'c.id, c.display_name, c.avatar_path, c.kinds, c.verified,
			case when c.headline_visibility <= $1 then c.headline end,
			case when c.country_visibility <= $1 then c.home_country::text end,
			case when c.region_visibility <= $1 then c.region end,
			case when c.languages_visibility <= $1 then c.languages end,
			case when c.programmes_visibility <= $1 then c.programmes end,
			case when c.field_visibility <= $1 then c.japan_field end,
			case when c.japanese_visibility <= $1 then c.jlpt_level end,
			case when c.japanese_visibility <= $1 then c.jft_basic end,
			case when c.business_visibility <= $1 then c.business_stage end,
			case when c.looking_for_visibility <= $1 then c.looking_for end';
	v_source := 'select p.id, p.display_name, p.avatar_path, p.kinds, p.verified, p.headline, p.headline_visibility,
				p.home_country, p.country_visibility, p.region, p.region_visibility, p.languages,
				p.languages_visibility, p.programmes, p.programmes_visibility, p.japan_field, p.field_visibility,
				p.jlpt_level, p.jft_basic, p.japanese_visibility, p.business_stage, p.business_visibility,
				p.looking_for, p.looking_for_visibility, p.search_name, p.created_at';
	if coalesce(p_sort, 'relevance') = 'relevance' and p_has_query then
		-- Ranked by relevance: one pass over at most 1,001 matches (so a very common word or name costs no more
		-- than a rare one), counted, ranked, then masked. count_sql is null: the page carries the total.
		count_sql := null;
		page_sql := format(
			'select %s, least(c.total, 1000), c.total > 1000
			from (
				select m.*, count(*) over () as total
				from (
					%s, greatest(extensions.word_similarity($11, p.search_name),
						pg_catalog.ts_rank(p.%I, coalesce($12, ''''::tsquery))) as rank
					from public.profiles p
					where %s
					limit 1001
				) as m
			) as c
			order by c.rank desc, c.verified desc, c.created_at desc, c.id
			limit $14 offset $15', v_columns, v_source, v_document, v_where);
		return;
	end if;
	-- Ordered by join date or name, which indexes serve: counting stops after 1,001 matches (the directory says
	-- "more than 1,000" rather than scanning them all), and the page reads just its rows in order.
	count_sql := format('select count(*) from (select from public.profiles p where %s limit 1001) as matches', v_where);
	page_sql := format(
		'select %s, least($13::bigint, 1000), $13::bigint > 1000
		from (%s from public.profiles p where %s) as c
		order by %s
		limit $14 offset $15',
		v_columns, v_source, v_where,
		case when p_sort = 'name' then 'c.search_name, c.id' else 'c.created_at desc, c.id' end);
end;
$$;
revoke execute on function private.directory_search_sql(public.visibility_level, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, text) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------------------------------

-- SELECT(profiles): the owner reads their row; staff read every row (verification review).
create policy profiles_select_owner_or_staff on public.profiles
	for select to authenticated
	using (id = (select auth.uid()) or (select private.is_staff()));

-- INSERT(profiles): the owner, for themselves (the auth trigger normally does it), not as an anonymous sign-in.
create policy profiles_insert_owner on public.profiles
	for insert to authenticated
	with check (id = (select auth.uid()) and not (select private.is_anonymous_session()));

-- UPDATE(profiles): the owner.
create policy profiles_update_owner on public.profiles
	for update to authenticated
	using (id = (select auth.uid()))
	with check (id = (select auth.uid()));

-- DELETE(profiles): none; the profile goes with the account (auth.admin.deleteUser cascades).

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- One person as the caller may see them: every field the owner did not allow the caller is null. No row when the
-- profile does not exist, is not listed (empty name) or is hidden from the caller. The owner sees everything.
create function public.get_profile(p_id uuid)
returns table (
	id uuid,
	display_name text,
	avatar_path text,
	kinds public.member_kind[],
	verified boolean,
	verified_at timestamptz,
	headline text,
	bio text,
	home_country text,
	region text,
	languages text[],
	contact_email text,
	contact_phone text,
	contact_whatsapp text,
	programmes public.japan_programme[],
	japan_field public.ssw_field,
	japan_job text,
	prefectures smallint[],
	employer_type public.employer_type,
	japan_start_year smallint,
	japan_end_year smallint,
	jlpt_level public.jlpt_level,
	jft_basic boolean,
	skills_tests public.skills_test[],
	business_stage public.business_stage,
	business_name text,
	business_sector public.sector,
	business_needs text,
	looking_for public.looking_for[],
	member_since timestamptz,
	is_own boolean
)
language sql
stable
security definer
set search_path = ''
rows 1
as $$
	with viewer as (
		select (select auth.uid()) as uid, private.viewer_level() as level
	)
	select
		p.id,
		p.display_name,
		p.avatar_path,
		p.kinds,
		p.verified,
		p.verified_at,
		case when p.headline_visibility <= v.level then p.headline end,
		case when p.bio_visibility <= v.level then p.bio end,
		case when p.country_visibility <= v.level then p.home_country::text end,
		case when p.region_visibility <= v.level then p.region end,
		case when p.languages_visibility <= v.level then p.languages end,
		case when p.email_visibility <= v.level then p.contact_email end,
		case when p.phone_visibility <= v.level then p.contact_phone end,
		case when p.whatsapp_visibility <= v.level then p.contact_whatsapp end,
		case when p.programmes_visibility <= v.level then p.programmes end,
		case when p.field_visibility <= v.level then p.japan_field end,
		case when p.field_visibility <= v.level then p.japan_job end,
		case when p.prefectures_visibility <= v.level then p.prefectures end,
		case when p.employer_visibility <= v.level then p.employer_type end,
		case when p.years_visibility <= v.level then p.japan_start_year end,
		case when p.years_visibility <= v.level then p.japan_end_year end,
		case when p.japanese_visibility <= v.level then p.jlpt_level end,
		case when p.japanese_visibility <= v.level then p.jft_basic end,
		case when p.skills_visibility <= v.level then p.skills_tests end,
		case when p.business_visibility <= v.level then p.business_stage end,
		case when p.business_visibility <= v.level then p.business_name end,
		case when p.business_visibility <= v.level then p.business_sector end,
		case when p.business_visibility <= v.level then p.business_needs end,
		case when p.looking_for_visibility <= v.level then p.looking_for end,
		p.created_at,
		v.is_own
	from public.profiles p
	cross join lateral (
		select p.id = viewer.uid as is_own,
			case when p.id = viewer.uid then 'private'::public.visibility_level else viewer.level end as level
		from viewer
	) v
	where p.id = p_id
		and (v.is_own or (p.display_name <> '' and p.profile_visibility <= v.level));
$$;
comment on function public.get_profile(uuid) is
	'One profile as the caller may see it (hidden fields are null); no row when hidden or missing. Never null: id, display_name, kinds, verified, member_since, is_own.';
revoke execute on function public.get_profile(uuid) from public, anon, authenticated;
grant execute on function public.get_profile(uuid) to anon, authenticated, service_role;

-- The people directory. Filters, full-text and fuzzy name search, ordering and the total count use only values
-- the caller may see (see private.directory_search_sql). The caller's own card appears as their tier sees it.
--   p_query           words from names, headlines, jobs, businesses, regions, bios (prefix and fuzzy name match)
--   p_country         ISO 3166-1 alpha-2 home country
--   p_programme       a programme worked under
--   p_field           SSW field
--   p_jlpt_min        JLPT level or better
--   p_business_stage  stage of own business
--   p_looking_for     one thing looked for
--   p_language        ISO 639-1 language spoken
--   p_kind            member kind
--   p_verified        only verified (true) or only unverified (false) people
--   p_sort            'relevance' (default; newest first without a query), 'recent' or 'name'
--   p_limit, p_offset page (limit 1–50, offset ≤ 1,000)
-- Every row carries total_count, the number of matches for the whole query up to 1,000, and total_capped, true when
-- there are more (the page says "more than 1,000" and asks to narrow the search).
create function public.directory_search(
	p_query text default null,
	p_country text default null,
	p_programme public.japan_programme default null,
	p_field public.ssw_field default null,
	p_jlpt_min public.jlpt_level default null,
	p_business_stage public.business_stage default null,
	p_looking_for public.looking_for default null,
	p_language text default null,
	p_kind public.member_kind default null,
	p_verified boolean default null,
	p_sort text default 'relevance',
	p_limit integer default 20,
	p_offset integer default 0
)
returns table (
	id uuid,
	display_name text,
	avatar_path text,
	kinds public.member_kind[],
	verified boolean,
	headline text,
	home_country text,
	region text,
	languages text[],
	programmes public.japan_programme[],
	japan_field public.ssw_field,
	jlpt_level public.jlpt_level,
	jft_basic boolean,
	business_stage public.business_stage,
	looking_for public.looking_for[],
	total_count bigint,
	total_capped boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_level public.visibility_level := private.viewer_level();
	v_query text := nullif(private.search_text(left(p_query, 200)), '');
	v_tsquery tsquery := private.prefix_tsquery(left(p_query, 200));
	v_sql record;
	v_limit integer := least(greatest(coalesce(p_limit, 20), 1), 50);
	v_offset integer := least(greatest(coalesce(p_offset, 0), 0), 1000);
	v_total bigint;
	v_seqscan text;
begin
	select * into v_sql from private.directory_search_sql(
		v_level, v_query is not null, p_country is not null, p_programme is not null, p_field is not null,
		p_jlpt_min is not null, p_business_stage is not null, p_looking_for is not null, p_language is not null,
		p_kind is not null, p_verified is not null, p_sort);

	-- The planner underestimates what the text conditions cost per row and would rather scan the table for the
	-- first matches; a text search always starts from the text indexes instead.
	if v_query is not null then
		v_seqscan := current_setting('enable_seqscan');
		perform set_config('enable_seqscan', 'off', true);
	end if;
	if v_sql.count_sql is not null then
		execute v_sql.count_sql
			into v_total
			using v_level, p_country, p_programme, p_field, p_jlpt_min, p_business_stage, p_looking_for,
				p_language, p_kind, p_verified, v_query, v_tsquery;
	end if;
	if v_sql.count_sql is null or (v_total > 0 and v_offset < v_total) then
		return query execute v_sql.page_sql
			using v_level, p_country, p_programme, p_field, p_jlpt_min, p_business_stage, p_looking_for,
				p_language, p_kind, p_verified, v_query, v_tsquery, v_total, v_limit, v_offset;
	end if;
	if v_seqscan is not null then
		perform set_config('enable_seqscan', v_seqscan, true);
	end if;
end;
$$;
comment on function public.directory_search(text, text, public.japan_programme, public.ssw_field, public.jlpt_level, public.business_stage, public.looking_for, text, public.member_kind, boolean, text, integer, integer) is
	'Searches people as the caller may see them (hidden fields are null); filters, ranking, order and total_count use only visible values; total_count stops at 1,000 (total_capped). Never null: id, display_name, kinds, verified, total_count, total_capped.';
revoke execute on function public.directory_search(text, text, public.japan_programme, public.ssw_field, public.jlpt_level, public.business_stage, public.looking_for, text, public.member_kind, boolean, text, integer, integer) from public, anon, authenticated;
grant execute on function public.directory_search(text, text, public.japan_programme, public.ssw_field, public.jlpt_level, public.business_stage, public.looking_for, text, public.member_kind, boolean, text, integer, integer) to anon, authenticated, service_role;
