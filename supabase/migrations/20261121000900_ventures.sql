-- =====================================================================================================================
-- Section: ventures (joint ventures between Japanese SMEs and returnees)
--
-- Opportunities posted by members of verified Japanese SMEs (side sme) or by returnees about their own business
-- (side returnee); staged disclosure; matching both ways with a score and its reasons; a pipeline from interest to a
-- registered joint venture with milestones, messages and an optional facilitator; reminders when a step stalls; and
-- public outcome figures with small-cell suppression. The contract with the site is /tmp/ventures-contract.md; why
-- it works this way: docs/decisions/013-ventures-staged-disclosure.md.
--
-- Staged disclosure (the heart of it):
--   - `ventures` is readable only by its owners (members of its organisation, or the returnee who posted it) and
--     staff. Everyone else reads teasers through security-definer functions (venture_teasers, get_venture,
--     ventures_for_me) that return only teaser columns: never the organisation, the poster, the exact prefecture or
--     a logo; the region is withheld while fewer than 5 verified SMEs of the sector are in it; text search reads
--     only teaser text; teaser text that names the organisation (or the returnee) is refused on save.
--   - Identities are revealed to the parties of an interest once it is mutual (mutual_at set): get_venture and
--     my_pipeline then name both sides. Before that the counterpart is anonymous too: the identity columns of
--     venture_interests (counterpart_id, counterpart_organisation_id, corridor_country) are granted to no API role,
--     so they cannot be read, filtered, ordered or embedded through; milestones, messages and facilitators exist
--     only from mutual on.
--
-- Pipeline (every transition goes through an RPC; API roles write none of these tables):
--
--   express_interest / invite_candidate ──► interest ──respond_interest(accept)──► mutual ──► introduced ──►
--   first_meeting ──► visit ──► letter_of_intent ──► mou ──► jv_registered          (advance_pipeline, one step)
--   any stage before jv_registered ──close_pipeline / respond_interest(decline)──► closed (with a reason)
--
-- Errors: SQLSTATE P0001 with message 'ventures.<code>' (listed above the lifecycle RPCs); the field at fault, where
-- there is one, is in the error's detail. Constraints repeat every length rule (23514). Time is read from now() or
-- passed in (p_now); tests move it by passing p_now or by changing timestamps as the service role.
--
-- Account: export_my_data() gains a "ventures" section. Deleting an account: ventures the person posted for an
-- organisation stay with the organisation (owner_id null); a returnee's own ventures stay closed for the other
-- parties (owner_id null); interests they made stay with counterpart_id null (closed when nobody is left on that
-- side; match reasons cleared); messages and milestones stay with sender / author null.
--
-- Notifications: joint-venture emails have their own switch (notification_preferences.email_ventures), kind
-- 'ventures' in notification_recipient() and unsubscribe() (which wrap the 0800 functions).
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------------------------------

create type public.partnership_type as enum (
	'joint_venture', 'distributor_agent', 'overseas_branch', 'supplier', 'franchise', 'investment'
);
comment on type public.partnership_type is 'What kind of partnership an opportunity seeks.';

create type public.venture_side as enum ('sme', 'returnee');
comment on type public.venture_side is
	'Who posted an opportunity: sme (for a verified Japanese SME organisation) or returnee (about their own business).';

create type public.venture_status as enum ('draft', 'open', 'paused', 'closed');
comment on type public.venture_status is
	'draft (only its owners see it), open (teaser listed), paused (hidden, pipelines go on), closed (final).';

create type public.capital_range as enum ('none', 'under_10k', '10k_50k', '50k_250k', '250k_1m', 'over_1m');
comment on type public.capital_range is 'Capital involved, in US dollar equivalents.';

create type public.venture_timeline as enum ('within_3_months', 'within_6_months', 'within_12_months', 'exploring');
comment on type public.venture_timeline is 'When the poster wants to start.';

create type public.japan_region as enum (
	'hokkaido', 'tohoku', 'kanto', 'chubu', 'kansai', 'chugoku', 'shikoku', 'kyushu_okinawa'
);
comment on type public.japan_region is 'The eight regions of Japan: what a teaser shows instead of the prefecture.';

-- Ordered: a stage compares greater than every stage before it; closed is last.
create type public.pipeline_stage as enum (
	'interest', 'mutual', 'introduced', 'first_meeting', 'visit', 'letter_of_intent', 'mou', 'jv_registered', 'closed'
);
comment on type public.pipeline_stage is
	'Where an interest stands, in order: interest, mutual, introduced, first_meeting, visit, letter_of_intent, mou, jv_registered; or closed.';

create type public.close_reason as enum ('not_a_fit', 'no_response', 'terms', 'funding', 'timing', 'other');
comment on type public.close_reason is 'Why a pipeline was closed (or an interest declined).';

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

create table private.venture_settings (
	id boolean primary key default true check (id),
	stall_days integer not null default 21 check (stall_days between 1 and 365)
);
comment on table private.venture_settings is
	'The one row of venture settings. Changed by the service role through public.set_venture_settings(); shown by public.venture_matching_weights().';
comment on column private.venture_settings.stall_days is
	'Days without a stage change after which an open pipeline counts as stalled (my_pipeline) and is reminded, once per such period (stalled_pipelines_due).';

create table public.ventures (
	id uuid primary key default gen_random_uuid(),
	side public.venture_side not null,
	organisation_id uuid references public.organisations (id) on delete cascade,
	owner_id uuid references public.profiles (id) on delete set null,
	title text not null,
	summary text not null,
	partnership_type public.partnership_type not null,
	sector public.sector not null,
	target_countries public.country_code[] not null,
	offers text,
	needs text,
	required_skills text[] not null default '{}',
	min_jlpt public.jlpt_level,
	capital public.capital_range,
	network text,
	timeline public.venture_timeline not null default 'exploring',
	languages text[] not null,
	prefecture smallint,
	region public.japan_region,
	status public.venture_status not null default 'draft',
	search_document tsvector not null default ''::tsvector,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	published_at timestamptz,
	closed_at timestamptz
);
comment on table public.ventures is
	'Partnership opportunities. Readable only by its owners (members of its organisation, or the returnee who posted it) and staff; everyone else sees anonymous teasers through venture_teasers(), get_venture() and ventures_for_me(). Written through save_venture().';
comment on column public.ventures.side is 'sme: posted for a verified Japanese SME organisation; returnee: posted by a returnee about their own business.';
comment on column public.ventures.organisation_id is 'The Japanese SME (side sme only; it must be verified for the opportunity to open). Identity: never in a teaser.';
comment on column public.ventures.owner_id is 'Who posted it (side sme: the member who posted; side returnee: the returnee, who owns it). Null once that account is deleted. Identity: never in a teaser.';
comment on column public.ventures.title is 'One line (5–120 characters). Teaser text: must not name the organisation.';
comment on column public.ventures.summary is 'What is sought (20–2,000 characters). Teaser text: must not name the organisation.';
comment on column public.ventures.partnership_type is 'Joint venture, distributor or agent, overseas branch, supplier, franchise or investment.';
comment on column public.ventures.sector is 'The sector of the opportunity (matching compares it with the returnee''s business sector and Japan field).';
comment on column public.ventures.target_countries is 'Countries where the partner should be (1–10). Hard constraint: a candidate''s home country is one of them.';
comment on column public.ventures.offers is 'What the poster brings (at most 2,000 characters). Teaser text.';
comment on column public.ventures.needs is 'What it needs from a partner (at most 2,000 characters). Teaser text.';
comment on column public.ventures.required_skills is 'Skills sought, as short tags (at most 10, each 1–40 characters).';
comment on column public.ventures.min_jlpt is 'Lowest JLPT level a partner needs (side sme; null: none). Hard constraint.';
comment on column public.ventures.capital is 'Capital involved (US dollar equivalents); null when not said.';
comment on column public.ventures.network is 'The network sought from a partner (at most 500 characters). Teaser text.';
comment on column public.ventures.timeline is 'When the poster wants to start.';
comment on column public.ventures.languages is 'ISO 639-1 codes of the working languages (1–6).';
comment on column public.ventures.prefecture is 'Exact place in Japan (JIS X 0401 code 1–47). Identity: shown only to owners, staff and mutual parties.';
comment on column public.ventures.region is 'Maintained by trigger: the region of the prefecture (what teasers show, when enough verified SMEs of the sector are there).';
comment on column public.ventures.status is 'draft, open, paused or closed; open only for a verified organisation. Paused automatically when the organisation loses its verification.';
comment on column public.ventures.search_document is 'Maintained by trigger: text search document of the teaser text only (title, summary, offers, needs, network, skills).';
comment on column public.ventures.published_at is 'When it first opened.';
comment on column public.ventures.closed_at is 'When it closed.';

create table public.venture_interests (
	id uuid primary key default gen_random_uuid(),
	venture_id uuid not null references public.ventures (id) on delete cascade,
	counterpart_id uuid references public.profiles (id) on delete set null,
	counterpart_organisation_id uuid references public.organisations (id) on delete set null,
	initiated_by public.venture_side not null,
	stage public.pipeline_stage not null default 'interest',
	furthest_stage public.pipeline_stage not null default 'interest',
	message text,
	match_score smallint,
	match_reasons jsonb not null default '[]'::jsonb,
	corridor_country public.country_code,
	mutual_at timestamptz,
	introduced_at timestamptz,
	close_reason public.close_reason,
	close_note text,
	closed_at timestamptz,
	facilitator_organisation_id uuid references public.organisations (id) on delete set null,
	stage_changed_at timestamptz not null default now(),
	reminded_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.venture_interests is
	'The pipeline: one per opportunity and counterpart. Readable by its parties (the opportunity''s owners, the counterpart and the members of the organisation they act for, the facilitator organisation''s members) and staff, except the identity columns, which no API role reads (my_pipeline and get_venture reveal them once mutual). Written through the RPCs.';
comment on column public.venture_interests.counterpart_id is 'The other side: the returnee (for an SME''s opportunity) or the member who showed interest (for a returnee''s). Null once that account is deleted. Identity: not readable through the API.';
comment on column public.venture_interests.counterpart_organisation_id is 'The organisation the counterpart acts for, if any (required for interest in a returnee''s opportunity; its members are parties too). Identity: not readable through the API.';
comment on column public.venture_interests.initiated_by is 'Which side started it: the counterpart''s side (express_interest) or the opportunity''s side (invite_candidate). The other side answers.';
comment on column public.venture_interests.stage is 'Where it stands (see the pipeline in the migration banner).';
comment on column public.venture_interests.furthest_stage is 'The furthest stage reached, kept when it closes (outcome figures count it).';
comment on column public.venture_interests.message is 'The note sent with the interest or invitation (1–1,000 characters).';
comment on column public.venture_interests.match_score is 'Match score (0–100) when it started, from values every owner may see.';
comment on column public.venture_interests.match_reasons is 'The reasons behind match_score (codes and params); no name. Cleared when the counterpart''s account is deleted.';
comment on column public.venture_interests.corridor_country is 'Corridor for the outcome figures: the returnee''s home country. Not readable through the API.';
comment on column public.venture_interests.mutual_at is 'When the other side accepted: from then on both identities are revealed to the parties.';
comment on column public.venture_interests.introduced_at is 'When it reached introduced.';
comment on column public.venture_interests.close_reason is 'Why it closed.';
comment on column public.venture_interests.close_note is 'A note with the closing (at most 500 characters).';
comment on column public.venture_interests.closed_at is 'When it closed.';
comment on column public.venture_interests.facilitator_organisation_id is 'A verified support organisation (NGO, diaspora association, lender, incubator, recruiter) invited by either side once mutual; its members become parties.';
comment on column public.venture_interests.stage_changed_at is 'Last stage change (stall reminders count from it).';
comment on column public.venture_interests.reminded_at is 'When the last stall reminder was handed out (stalled_pipelines_due).';

create table public.venture_milestones (
	id bigint generated always as identity primary key,
	interest_id uuid not null references public.venture_interests (id) on delete cascade,
	stage public.pipeline_stage not null,
	note text,
	happened_on date not null default current_date,
	created_by uuid references public.profiles (id) on delete set null,
	created_at timestamptz not null default now()
);
comment on table public.venture_milestones is
	'The log of a pipeline from mutual on (each stage reached, and the closing). Readable by its parties; written by respond_interest, advance_pipeline and close_pipeline.';
comment on column public.venture_milestones.stage is 'The stage reached (mutual … jv_registered, or closed).';
comment on column public.venture_milestones.note is 'What happened (at most 500 characters).';
comment on column public.venture_milestones.happened_on is 'The day it happened.';
comment on column public.venture_milestones.created_by is 'Who logged it; null once that account is deleted.';

create table public.venture_messages (
	id bigint generated always as identity primary key,
	interest_id uuid not null references public.venture_interests (id) on delete cascade,
	sender_id uuid references public.profiles (id) on delete set null,
	body text not null,
	created_at timestamptz not null default now()
);
comment on table public.venture_messages is
	'The conversation of a pipeline, open once mutual. Readable by its parties only (not staff); written by send_venture_message.';
comment on column public.venture_messages.sender_id is 'Who wrote it; null once that account is deleted.';
comment on column public.venture_messages.body is 'Plain text as typed (1–4,000 characters); always shown as text.';

create table private.returnee_cards (
	id uuid primary key references public.profiles (id) on delete cascade,
	profile_visibility public.visibility_level not null,
	home_country public.country_code,
	country_visibility public.visibility_level not null,
	japan_field public.ssw_field,
	field_visibility public.visibility_level not null,
	business_sector public.sector,
	business_stage public.business_stage not null,
	business_visibility public.visibility_level not null,
	jlpt_level public.jlpt_level,
	japanese_visibility public.visibility_level not null,
	languages text[] not null,
	languages_visibility public.visibility_level not null,
	looking_for_partner boolean not null,
	looking_for_visibility public.visibility_level not null,
	verified boolean not null
);
comment on table private.returnee_cards is
	'What candidate matching reads, one row per named returnee profile: the fields venture_candidates scores on with their visibility, so it scans one narrow table instead of 100,000 wide profiles. Kept by a trigger on profiles; no API role reads it.';
comment on column private.returnee_cards.looking_for_partner is 'The profile''s looking_for includes jv_partner.';

-- Joint-venture emails (stall reminders, new interest, answers) have their own switch next to the mentoring ones.
alter table public.notification_preferences add column email_ventures boolean not null default true;
comment on column public.notification_preferences.email_ventures is
	'Email me about joint ventures: stall reminders, interest in my opportunities, answers to my interest.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

insert into private.venture_settings (id) values (true);

-- Skill tags: at most 10, each 1–40 characters on one line, none null.
create function private.is_tag_list(value text[])
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
	select cardinality(value) <= 10
		and array_position(value, null) is null
		and not exists (
			select 1 from unnest(value) as t where char_length(t) not between 1 and 40 or t ~ '[[:cntrl:]]'
		);
$$;
comment on function private.is_tag_list(text[]) is 'True for at most 10 tags of 1–40 characters without control characters.';
revoke execute on function private.is_tag_list(text[]) from public, anon, authenticated;
grant execute on function private.is_tag_list(text[]) to authenticated, service_role;

-- The region of a prefecture (JIS X 0401 codes run region by region).
create function private.prefecture_region(p_prefecture smallint)
returns public.japan_region
language sql
immutable
parallel safe
set search_path = ''
as $$
	select case
		when p_prefecture = 1 then 'hokkaido'::public.japan_region
		when p_prefecture between 2 and 7 then 'tohoku'
		when p_prefecture between 8 and 14 then 'kanto'
		when p_prefecture between 15 and 23 then 'chubu'
		when p_prefecture between 24 and 30 then 'kansai'
		when p_prefecture between 31 and 35 then 'chugoku'
		when p_prefecture between 36 and 39 then 'shikoku'
		when p_prefecture between 40 and 47 then 'kyushu_okinawa'
	end;
$$;
comment on function private.prefecture_region(smallint) is 'The region of Japan a prefecture (1–47) is in.';
revoke execute on function private.prefecture_region(smallint) from public, anon, authenticated;
grant execute on function private.prefecture_region(smallint) to authenticated, service_role;

-- Single-line text has no control characters; multi-line text may hold tabs and line breaks.
alter table public.ventures
	add constraint ventures_side_check check (
		(side = 'sme') = (organisation_id is not null)
		and (side = 'sme' or min_jlpt is null)
		and (side = 'sme' or owner_id is not null or status = 'closed')),
	add constraint ventures_title_check
		check (char_length(title) between 5 and 120 and title !~ '[[:cntrl:]]'),
	add constraint ventures_summary_check
		check (char_length(summary) between 20 and 2000 and summary !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint ventures_target_countries_check
		check (cardinality(target_countries) between 1 and 10 and array_position(target_countries, null) is null),
	add constraint ventures_offers_check
		check (char_length(offers) between 1 and 2000 and offers !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint ventures_needs_check
		check (char_length(needs) between 1 and 2000 and needs !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint ventures_required_skills_check check (private.is_tag_list(required_skills)),
	add constraint ventures_network_check
		check (char_length(network) between 1 and 500 and network !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint ventures_languages_check
		check (cardinality(languages) between 1 and 6 and private.is_language_list(languages)),
	add constraint ventures_prefecture_check check (prefecture between 1 and 47),
	add constraint ventures_region_check check (region is not distinct from private.prefecture_region(prefecture)),
	add constraint ventures_published_check check (status not in ('open', 'paused') or published_at is not null),
	add constraint ventures_closed_check check ((status = 'closed') = (closed_at is not null));

alter table public.venture_interests
	add constraint venture_interests_message_check
		check (char_length(message) between 1 and 1000 and message !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint venture_interests_match_score_check check (match_score between 0 and 100),
	add constraint venture_interests_match_reasons_check check (jsonb_typeof(match_reasons) = 'array'),
	add constraint venture_interests_stage_check check (
		furthest_stage <> 'closed' and (stage = 'closed' or stage = furthest_stage)),
	add constraint venture_interests_mutual_check check ((furthest_stage >= 'mutual') = (mutual_at is not null)),
	add constraint venture_interests_introduced_check
		check ((furthest_stage >= 'introduced') = (introduced_at is not null)),
	add constraint venture_interests_closed_check check (
		(stage = 'closed') = (closed_at is not null)
		and (stage = 'closed') = (close_reason is not null)
		and (stage = 'closed' or close_note is null)),
	add constraint venture_interests_close_note_check
		check (char_length(close_note) between 1 and 500 and close_note !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint venture_interests_facilitator_check check (facilitator_organisation_id is null or mutual_at is not null);

alter table public.venture_milestones
	add constraint venture_milestones_stage_check check (stage <> 'interest'),
	add constraint venture_milestones_note_check
		check (char_length(note) between 1 and 500 and note !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]');

alter table public.venture_messages
	add constraint venture_messages_body_check check (
		char_length(body) between 1 and 4000 and btrim(body, E' \t\r\n') <> ''
		and body !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]');

-- Foreign keys and the owners' lists.
create index ventures_organisation_id_idx on public.ventures (organisation_id, created_at desc);
create index ventures_owner_id_idx on public.ventures (owner_id, created_at desc);
-- Teasers and ventures_for_me read open opportunities only: newest first, by sector, by target country, by words.
create index ventures_open_published_idx on public.ventures (published_at desc, id) where status = 'open';
create index ventures_open_sector_idx on public.ventures (sector, published_at desc) where status = 'open';
create index ventures_open_target_countries_idx on public.ventures using gin (target_countries) where status = 'open';
create index ventures_search_document_idx on public.ventures using gin (search_document) where status = 'open';

-- One interest per opportunity and person, and per opportunity and organisation acting.
create unique index venture_interests_venture_counterpart_key on public.venture_interests (venture_id, counterpart_id);
create unique index venture_interests_venture_organisation_key
	on public.venture_interests (venture_id, counterpart_organisation_id) where counterpart_organisation_id is not null;
create index venture_interests_counterpart_id_idx on public.venture_interests (counterpart_id);
create index venture_interests_counterpart_organisation_id_idx on public.venture_interests (counterpart_organisation_id);
create index venture_interests_facilitator_organisation_id_idx on public.venture_interests (facilitator_organisation_id);
-- The reminder job reads open pipelines by their last stage change.
create index venture_interests_stalled_idx on public.venture_interests (stage_changed_at)
	where stage not in ('jv_registered', 'closed');
create index venture_milestones_interest_id_idx on public.venture_milestones (interest_id, id);
create index venture_milestones_created_by_idx on public.venture_milestones (created_by);
create index venture_messages_interest_id_idx on public.venture_messages (interest_id, id);
create index venture_messages_sender_id_idx on public.venture_messages (sender_id);

-- Candidates for an opportunity: returnees by Japan field or business sector, then home country and visibility (a
-- BitmapOr of both in private.venture_candidate_matches; see bench/ventures.ts).
create index returnee_cards_field_idx on private.returnee_cards (japan_field, home_country, field_visibility);
create index returnee_cards_business_idx on private.returnee_cards (business_sector, home_country, business_visibility);

-- ---------------------------------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------------------------------

grant update (email_ventures) on public.notification_preferences to authenticated;

revoke all on private.venture_settings, private.returnee_cards from public, anon, authenticated;
grant all on private.venture_settings, private.returnee_cards to service_role;

-- Ventures: owners and staff read (RLS); owners delete drafts; every other write is save_venture().
revoke all on public.ventures from public, anon, authenticated;
grant all on public.ventures to service_role;
grant select, delete on public.ventures to authenticated;

-- Interests: the parties read every column but the identity ones (counterpart_id, counterpart_organisation_id,
-- corridor_country), which no API role can select, filter, order or embed on.
revoke all on public.venture_interests from public, anon, authenticated;
grant all on public.venture_interests to service_role;
grant select (id, venture_id, initiated_by, stage, furthest_stage, message, match_score, match_reasons, mutual_at,
	introduced_at, close_reason, close_note, closed_at, facilitator_organisation_id, stage_changed_at, reminded_at,
	created_at, updated_at)
	on public.venture_interests to authenticated;

revoke all on public.venture_milestones, public.venture_messages from public, anon, authenticated;
grant all on public.venture_milestones, public.venture_messages to service_role;
grant select on public.venture_milestones, public.venture_messages to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------------------------

alter table private.venture_settings enable row level security;
alter table private.returnee_cards enable row level security;
alter table public.ventures enable row level security;
alter table public.venture_interests enable row level security;
alter table public.venture_milestones enable row level security;
alter table public.venture_messages enable row level security;

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- Tidies an opportunity (trims, arrays de-duplicated, empty → null), derives the region and the search document
-- (teaser text only), stamps updated_at, published_at and closed_at. A returnee's opportunity whose owner deleted
-- their account closes.
create function private.ventures_prepare()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.title := btrim(regexp_replace(new.title, '[[:space:]]+', ' ', 'g'));
	new.summary := btrim(new.summary);
	new.offers := nullif(btrim(new.offers), '');
	new.needs := nullif(btrim(new.needs), '');
	new.network := nullif(btrim(new.network), '');
	new.target_countries := array(select distinct c from unnest(new.target_countries) as c order by c);
	new.languages := array(select distinct l from unnest(new.languages) as l order by l);
	new.required_skills := array(
		select s from (
			select distinct on (lower(btrim(t))) btrim(t) as s, n
			from unnest(new.required_skills) with ordinality as x (t, n)
			where btrim(t) <> ''
			order by lower(btrim(t)), n
		) as d order by d.n);
	new.region := private.prefecture_region(new.prefecture);
	if tg_op = 'UPDATE' and old.owner_id is not null and new.owner_id is null and new.side = 'returnee'
		and new.status <> 'closed' then
		new.status := 'closed';
	end if;
	if new.status in ('open', 'paused') and new.published_at is null then
		new.published_at := now();
	end if;
	if new.status = 'closed' and new.closed_at is null then
		new.closed_at := now();
	end if;
	new.search_document :=
		setweight(to_tsvector('pg_catalog.simple', private.search_text(new.title)), 'A')
		|| setweight(to_tsvector('pg_catalog.simple', private.search_text(array_to_string(new.required_skills, ' '))), 'B')
		|| setweight(to_tsvector('pg_catalog.simple', private.search_text(new.summary)), 'C')
		|| setweight(to_tsvector('pg_catalog.simple', private.search_text(
			concat_ws(' ', new.offers, new.needs, new.network))), 'D');
	new.updated_at := now();
	return new;
end;
$$;
revoke execute on function private.ventures_prepare() from public, anon, authenticated;

create trigger ventures_prepare
	before insert or update on public.ventures
	for each row execute function private.ventures_prepare();

-- When an opportunity closes, interests still waiting for an answer close with it (nobody will answer them); when a
-- returnee's opportunity lost its owner (account deleted), every open pipeline on it closes. Security definer: the
-- interests are not the caller's to write.
create function private.ventures_close_interests()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update public.venture_interests i
	set stage = 'closed', close_reason = 'other', closed_at = now(), stage_changed_at = now()
	where i.venture_id = new.id
		and (i.stage = 'interest' or (new.side = 'returnee' and new.owner_id is null and i.stage < 'jv_registered'));
	return null;
end;
$$;
revoke execute on function private.ventures_close_interests() from public, anon, authenticated;

create trigger ventures_close_interests
	after update on public.ventures
	for each row when (new.status = 'closed' and old.status <> 'closed')
	execute function private.ventures_close_interests();

-- Stamps updated_at. When the counterpart's account is deleted (FK set null) the match reasons, which describe
-- them, are cleared, and an open pipeline with nobody left on that side closes.
create function private.venture_interests_prepare()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.updated_at := now();
	if old.counterpart_id is not null and new.counterpart_id is null then
		new.match_reasons := '[]'::jsonb;
	end if;
	if new.counterpart_id is null and new.counterpart_organisation_id is null
		and new.stage < 'jv_registered' then
		new.stage := 'closed';
		new.close_reason := 'other';
		new.close_note := null;
		new.closed_at := now();
		new.stage_changed_at := now();
	end if;
	return new;
end;
$$;
revoke execute on function private.venture_interests_prepare() from public, anon, authenticated;

create trigger venture_interests_prepare
	before update on public.venture_interests
	for each row execute function private.venture_interests_prepare();

-- Rebuilds the returnee card of profile p_id from the profile (or removes it when the profile is unnamed or no
-- returnee).
create function private.refresh_returnee_card(p_id uuid)
returns void
language sql
set search_path = ''
as $$
	delete from private.returnee_cards c
	where c.id = p_id and not exists (
		select 1 from public.profiles p where p.id = p_id and p.display_name <> '' and 'returnee' = any (p.kinds));
	insert into private.returnee_cards (id, profile_visibility, home_country, country_visibility, japan_field,
		field_visibility, business_sector, business_stage, business_visibility, jlpt_level, japanese_visibility,
		languages, languages_visibility, looking_for_partner, looking_for_visibility, verified)
	select p.id, p.profile_visibility, p.home_country, p.country_visibility, p.japan_field, p.field_visibility,
		p.business_sector, p.business_stage, p.business_visibility, p.jlpt_level, p.japanese_visibility, p.languages,
		p.languages_visibility, 'jv_partner' = any (p.looking_for), p.looking_for_visibility, p.verified
	from public.profiles p
	where p.id = p_id and p.display_name <> '' and 'returnee' = any (p.kinds)
	on conflict (id) do update set
		profile_visibility = excluded.profile_visibility, home_country = excluded.home_country,
		country_visibility = excluded.country_visibility, japan_field = excluded.japan_field,
		field_visibility = excluded.field_visibility, business_sector = excluded.business_sector,
		business_stage = excluded.business_stage, business_visibility = excluded.business_visibility,
		jlpt_level = excluded.jlpt_level, japanese_visibility = excluded.japanese_visibility,
		languages = excluded.languages, languages_visibility = excluded.languages_visibility,
		looking_for_partner = excluded.looking_for_partner, looking_for_visibility = excluded.looking_for_visibility,
		verified = excluded.verified;
$$;
revoke execute on function private.refresh_returnee_card(uuid) from public, anon, authenticated;

-- Keeps the card in step with the profile fields matching reads. Security definer: the card is private.
create function private.profiles_refresh_returnee_card()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.refresh_returnee_card(new.id);
	return null;
end;
$$;
revoke execute on function private.profiles_refresh_returnee_card() from public, anon, authenticated;

create trigger profiles_refresh_returnee_card
	after insert or update of display_name, kinds, profile_visibility, home_country, country_visibility, japan_field,
		field_visibility, business_sector, business_stage, business_visibility, jlpt_level, japanese_visibility,
		languages, languages_visibility, looking_for, looking_for_visibility, verified
	on public.profiles
	for each row execute function private.profiles_refresh_returnee_card();

insert into private.returnee_cards (id, profile_visibility, home_country, country_visibility, japan_field,
	field_visibility, business_sector, business_stage, business_visibility, jlpt_level, japanese_visibility, languages,
	languages_visibility, looking_for_partner, looking_for_visibility, verified)
select p.id, p.profile_visibility, p.home_country, p.country_visibility, p.japan_field, p.field_visibility,
	p.business_sector, p.business_stage, p.business_visibility, p.jlpt_level, p.japanese_visibility, p.languages,
	p.languages_visibility, 'jv_partner' = any (p.looking_for), p.looking_for_visibility, p.verified
from public.profiles p
where p.display_name <> '' and 'returnee' = any (p.kinds);

-- An organisation that loses its verification has its open opportunities paused (teasers list verified SMEs only);
-- its owners reopen them once verified again. Security definer: the opportunities are not the caller's to write.
create function private.organisations_pause_ventures()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update public.ventures v set status = 'paused' where v.organisation_id = new.id and v.status = 'open';
	return null;
end;
$$;
revoke execute on function private.organisations_pause_ventures() from public, anon, authenticated;

create trigger organisations_pause_ventures
	after update on public.organisations
	for each row when (old.verified and not new.verified)
	execute function private.organisations_pause_ventures();

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- Whether the caller owns an opportunity: a member of its organisation (side sme) or its returnee (side returnee).
create function private.is_venture_owner(p_side public.venture_side, p_owner_id uuid, p_organisation_id uuid)
returns boolean
language sql
stable
set search_path = ''
as $$
	select case p_side
		when 'sme' then p_organisation_id is not null and private.has_org_role(p_organisation_id)
		else p_owner_id is not null and p_owner_id = (select auth.uid())
	end;
$$;
revoke execute on function private.is_venture_owner(public.venture_side, uuid, uuid) from public, anon, authenticated;
grant execute on function private.is_venture_owner(public.venture_side, uuid, uuid) to authenticated;

-- The caller's role in interest p_interest_id: 'owner' (owns the opportunity), 'counterpart' (the counterpart or a
-- member of the organisation they act for), 'facilitator' (a member of the facilitator organisation), or null.
create function private.venture_party_role(p_interest_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
	select case
		when private.is_venture_owner(v.side, v.owner_id, v.organisation_id) then 'owner'
		when i.counterpart_id = (select auth.uid())
			or (i.counterpart_organisation_id is not null and private.has_org_role(i.counterpart_organisation_id))
			then 'counterpart'
		when i.facilitator_organisation_id is not null and private.has_org_role(i.facilitator_organisation_id)
			then 'facilitator'
	end
	from public.venture_interests i
	join public.ventures v on v.id = i.venture_id
	where i.id = p_interest_id;
$$;
revoke execute on function private.venture_party_role(uuid) from public, anon, authenticated;

-- Whether the caller is a party to interest p_interest_id (policies of interests, milestones and messages).
create function private.is_venture_party(p_interest_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select private.venture_party_role(p_interest_id) is not null;
$$;
revoke execute on function private.is_venture_party(uuid) from public, anon, authenticated;
grant execute on function private.is_venture_party(uuid) to authenticated;

-- The signed-in caller who may take part: a real account (not an anonymous sign-in) with a named profile. Raises
-- ventures.not_allowed otherwise (ventures.profile_required when the profile has no name yet).
create function private.ventures_caller()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
begin
	if v_uid is null or private.is_anonymous_session() then
		raise exception using errcode = 'P0001', message = 'ventures.not_allowed';
	end if;
	if not exists (select 1 from public.profiles p where p.id = v_uid and p.display_name <> '') then
		raise exception using errcode = 'P0001', message = 'ventures.profile_required';
	end if;
	return v_uid;
end;
$$;
revoke execute on function private.ventures_caller() from public, anon, authenticated;

-- Validates text an RPC received for field p_field: ventures.invalid (detail: the field) when blank and required,
-- shorter than p_min or holding control characters (p_multiline allows tabs and line breaks); ventures.too_long
-- (detail: the field) when longer than p_max. Returns the text as typed, or null when blank and optional.
create function private.ventures_text(
	p_value text, p_field text, p_min integer, p_max integer, p_required boolean, p_multiline boolean
)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
	if p_value is null or btrim(p_value, E' \t\r\n') = '' then
		if p_required then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = p_field;
		end if;
		return null;
	end if;
	if char_length(p_value) > p_max then
		raise exception using errcode = 'P0001', message = 'ventures.too_long', detail = p_field;
	end if;
	if char_length(btrim(p_value)) < p_min
		or (p_multiline and p_value ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]')
		or (not p_multiline and p_value ~ '[[:cntrl:]]') then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = p_field;
	end if;
	return p_value;
end;
$$;
revoke execute on function private.ventures_text(text, text, integer, integer, boolean, boolean) from public, anon, authenticated;

-- The name, corporate number, web host (organisation p_organisation_id) or name and business name (person p_user_id)
-- that teaser text must not contain, normalised like private.search_text; only needles of 4 characters or more.
create function private.identity_needles(p_organisation_id uuid, p_user_id uuid)
returns text[]
language sql
stable
set search_path = ''
as $$
	select coalesce(array_agg(n) filter (where char_length(n) >= 4), '{}')
	from (
		select o.search_name as n from public.organisations o where o.id = p_organisation_id
		union all
		select o.corporate_number from public.organisations o where o.id = p_organisation_id
		union all
		select private.search_text(regexp_replace(substring(o.website from '^https?://([^/:]+)'), '^www\.', ''))
		from public.organisations o where o.id = p_organisation_id
		union all
		select private.search_text(p.display_name) from public.profiles p where p.id = p_user_id
		union all
		select private.search_text(p.business_name) from public.profiles p where p.id = p_user_id
	) as x;
$$;
revoke execute on function private.identity_needles(uuid, uuid) from public, anon, authenticated;

-- Raises ventures.identifying_text (detail: p_field) when p_value contains one of p_needles.
create function private.check_not_identifying(p_value text, p_field text, p_needles text[])
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
	if p_value is not null and exists (
		select 1 from unnest(p_needles) as n where strpos(private.search_text(p_value), n) > 0
	) then
		raise exception using errcode = 'P0001', message = 'ventures.identifying_text', detail = p_field;
	end if;
end;
$$;
revoke execute on function private.check_not_identifying(text, text, text[]) from public, anon, authenticated;

-- The region a teaser shows: for an SME's opportunity only while at least 5 verified Japanese SMEs of the
-- opportunity's sector are in that region (the public organisation directory lists sector and prefecture, so a
-- rarer pair would point at the company); a returnee's region is shown as it is.
create function private.teaser_region(p_side public.venture_side, p_sector public.sector, p_region public.japan_region)
returns public.japan_region
language sql
stable
set search_path = ''
as $$
	select case
		when p_region is null then null
		when p_side = 'returnee' then p_region
		when (
			select count(*) from (
				select 1 from public.organisations o
				where o.kind = 'japanese_sme' and o.verified and o.sector = p_sector
					and private.prefecture_region(o.prefecture) = p_region
				limit 5
			) as k
		) >= 5 then p_region
	end;
$$;
revoke execute on function private.teaser_region(public.venture_side, public.sector, public.japan_region) from public, anon, authenticated;

-- The SSW fields among p_sectors (the first 19 sectors share their slugs).
create function private.sectors_as_fields(p_sectors public.sector[])
returns public.ssw_field[]
language sql
immutable
set search_path = ''
as $$
	select coalesce(array_agg(s::text::public.ssw_field order by s), '{}')
	from unnest(p_sectors) as s
	where s::text = any (enum_range(null::public.ssw_field)::text[]);
$$;
revoke execute on function private.sectors_as_fields(public.sector[]) from public, anon, authenticated;

-- The reasons of a match as shown to both sides: one entry {"code", …params, "points"} per reason with points.
create function private.venture_reasons(
	p_country text, p_country_points integer,
	p_business_sector public.sector, p_business_code text, p_business_points integer,
	p_field public.ssw_field, p_field_code text, p_field_points integer,
	p_stage public.business_stage, p_stage_points integer,
	p_jlpt public.jlpt_level, p_jlpt_code text, p_jlpt_points integer,
	p_languages text[], p_language_points integer,
	p_looking_points integer,
	p_verified_points integer
)
returns jsonb
language sql
stable
set search_path = ''
as $$
	select to_jsonb(array_remove(array[
		case when p_country_points > 0 then jsonb_build_object('code', 'country', 'country', p_country, 'points', p_country_points) end,
		case when p_business_points > 0 then jsonb_build_object('code', p_business_code, 'sector', p_business_sector, 'points', p_business_points) end,
		case when p_field_points > 0 then jsonb_build_object('code', p_field_code, 'field', p_field, 'points', p_field_points) end,
		case when p_stage_points > 0 then jsonb_build_object('code', 'runs_business', 'stage', p_stage, 'points', p_stage_points) end,
		case when p_jlpt_points > 0 then jsonb_build_object('code', p_jlpt_code, 'jlpt', p_jlpt, 'points', p_jlpt_points) end,
		case when p_language_points > 0 then jsonb_build_object('code', 'shared_language', 'languages', to_jsonb(p_languages), 'points', p_language_points) end,
		case when p_looking_points > 0 then jsonb_build_object('code', 'looking_for_partner', 'points', p_looking_points) end,
		case when p_verified_points > 0 then jsonb_build_object('code', 'verified', 'points', p_verified_points) end
	], null));
$$;
revoke execute on function private.venture_reasons(text, integer, public.sector, text, integer, public.ssw_field, text, integer, public.business_stage, integer, public.jlpt_level, text, integer, text[], integer, integer, integer) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------------------------------

-- SELECT(ventures): its owners and staff. Nobody else reads this table (teasers come from the RPCs).
create policy ventures_select_owner_or_staff on public.ventures
	for select to authenticated
	using (private.is_venture_owner(side, owner_id, organisation_id) or (select private.is_staff()));

-- DELETE(ventures): its owners, while a draft (a draft never had interests).
create policy ventures_delete_owner on public.ventures
	for delete to authenticated
	using (status = 'draft' and private.is_venture_owner(side, owner_id, organisation_id));

-- INSERT/UPDATE(ventures): none; save_venture.

-- SELECT(venture_interests): its parties and staff (identity columns are granted to nobody).
create policy venture_interests_select_party_or_staff on public.venture_interests
	for select to authenticated
	using (private.is_venture_party(id) or (select private.is_staff()));

-- INSERT/UPDATE/DELETE(venture_interests): none; the pipeline RPCs.

-- SELECT(venture_milestones): the pipeline's parties.
create policy venture_milestones_select_party on public.venture_milestones
	for select to authenticated
	using (private.is_venture_party(interest_id));

-- INSERT/UPDATE/DELETE(venture_milestones): none; respond_interest, advance_pipeline, close_pipeline.

-- SELECT(venture_messages): the pipeline's parties.
create policy venture_messages_select_party on public.venture_messages
	for select to authenticated
	using (private.is_venture_party(interest_id));

-- INSERT/UPDATE/DELETE(venture_messages): none; send_venture_message.

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions: matching
-- ---------------------------------------------------------------------------------------------------------------------

-- How matching scores a returnee against an opportunity, both ways (venture_candidates, ventures_for_me). The one
-- place these numbers live; the "how matching works" page renders them.
--
-- Hard constraints (a pair that fails one is not shown):
--   - country: the returnee's home country is one of the opportunity's target countries;
--   - sector: the returnee's business sector or Japan field is the opportunity's sector or in its family (below);
--   - Japanese: the returnee's JLPT level is at least the opportunity's min_jlpt (when it has one);
--   - candidates are named profiles whose kinds include returnee, listed for the viewer, not already in a pipeline
--     with the opportunity and not its owners; opportunities are open, posted for SMEs, not the caller's own and
--     not already in a pipeline with the caller.
-- Points (kind 'points'; sum of the maxima = 100), each with a reason {"code", …params, "points"}:
--   country 10                 home country is a target country                                  (country)
--   same_sector 25             business sector = the opportunity's sector; related_sector 10      (sector)
--   same_field 20              Japan field = the opportunity's sector; related_field 10           (field)
--   runs_business 10           the returnee's business is started or growing                      (stage)
--   japanese_advanced 10       JLPT N2 or N1; japanese_intermediate 5 for N3                      (jlpt)
--   shared_language 10         speaks one of the opportunity's working languages                  (languages)
--   looking_for_partner 10     looks for a joint-venture partner
--   verified 5                 Japan track record verified by staff
-- Sector families (kind 'family', sectors): a sector is compatible with itself and with the other sectors of its
-- family; sectors in no family (information technology, trade, retail, education, language training, recruitment,
-- finance, professional services, other) are compatible only with themselves.
-- Privacy: values count only when the viewer may see them (venture_candidates masks each field at the caller's
-- tier; stored match reasons use the lowest tier any owner has); a hidden value fails its hard constraint.
create function public.venture_matching_weights()
returns table (code text, kind text, value integer, sectors public.sector[])
language sql
stable
security definer
set search_path = ''
as $$
	select t.code, t.kind, t.value, t.sectors
	from (
		select w.n, w.code, w.kind, w.value, null::public.sector[] as sectors
		from (values
			(1, 'country', 'points', 10),
			(2, 'same_sector', 'points', 25),
			(3, 'related_sector', 'points', 10),
			(4, 'same_field', 'points', 20),
			(5, 'related_field', 'points', 10),
			(6, 'runs_business', 'points', 10),
			(7, 'japanese_advanced', 'points', 10),
			(8, 'japanese_intermediate', 'points', 5),
			(9, 'shared_language', 'points', 10),
			(10, 'looking_for_partner', 'points', 10),
			(11, 'verified', 'points', 5),
			(12, 'region_threshold', 'limit', 5),
			(13, 'outcome_threshold', 'limit', 5)
		) as w (n, code, kind, value)
		union all
		select 14, 'stall_days', 'days', s.stall_days, null from private.venture_settings s
		union all
		select f.n, f.code, 'family', null, f.sectors::public.sector[]
		from (values
			(20, 'agrifood', '{agriculture,fishery,food_beverage_manufacturing,food_service}'),
			(21, 'manufacturing', '{industrial_products_manufacturing,automobile_repair,shipbuilding_marine,aviation}'),
			(22, 'transport', '{automobile_transportation,railway,logistics_warehousing}'),
			(23, 'hospitality', '{accommodation,tourism}'),
			(24, 'building', '{construction,forestry,wood_industry}'),
			(25, 'facilities', '{building_cleaning,linen_supply,resource_recycling}')
		) as f (n, code, sectors)
	) as t
	order by t.n;
$$;
comment on function public.venture_matching_weights() is
	'The numbers behind venture matching: points per reason (kind points), thresholds (limit), stall days (days) and the sector families (kind family, sectors). Never null: code, kind.';
revoke execute on function public.venture_matching_weights() from public, anon, authenticated;
grant execute on function public.venture_matching_weights() to anon, authenticated, service_role;

-- Sectors related to p_sector (same family in venture_matching_weights(), p_sector itself excluded).
create function private.related_sectors(p_sector public.sector)
returns public.sector[]
language sql
stable
set search_path = ''
as $$
	select coalesce(array_agg(s order by s), '{}')
	from public.venture_matching_weights() w
	cross join lateral unnest(w.sectors) as s
	where w.kind = 'family' and p_sector = any (w.sectors) and s <> p_sector;
$$;
revoke execute on function private.related_sectors(public.sector) from public, anon, authenticated;

-- Returnee candidates for opportunity p_venture_id as a viewer of tier p_level sees them, scored and explained,
-- best first; p_only restricts it to one profile (the score an interest stores). Hard constraints and points read
-- only values visible at p_level (a reason is shown only with points, so a hidden value never appears); the scan
-- reads private.returnee_cards from its (Japan field | business sector, home country, visibility) indexes; reasons
-- and profile columns are built only for the page. Called by the RPCs below, which run as the owner.
create function private.venture_candidate_matches(
	p_venture_id uuid,
	p_level public.visibility_level,
	p_only uuid,
	p_limit integer,
	p_offset integer
)
returns table (
	profile_id uuid,
	display_name text,
	avatar_path text,
	headline text,
	home_country text,
	verified boolean,
	score integer,
	reasons jsonb,
	total_count bigint
)
language plpgsql
stable
set search_path = ''
-- Planned for each call's values (arrays of sectors and countries): a generic plan would scan every profile.
set plan_cache_mode = force_custom_plan
as $$
declare
	w record;
	v public.ventures;
	v_related public.sector[];
	v_same_field public.ssw_field;
	v_fields public.ssw_field[];
	v_related_fields public.ssw_field[];
	v_sectors public.sector[];
	v_excluded uuid[];
	v_seed integer := pg_catalog.uuid_hash(p_venture_id);
begin
	select
		max(x.value) filter (where x.code = 'country') as country,
		max(x.value) filter (where x.code = 'same_sector') as same_sector,
		max(x.value) filter (where x.code = 'related_sector') as related_sector,
		max(x.value) filter (where x.code = 'same_field') as same_field,
		max(x.value) filter (where x.code = 'related_field') as related_field,
		max(x.value) filter (where x.code = 'runs_business') as runs_business,
		max(x.value) filter (where x.code = 'japanese_advanced') as japanese_advanced,
		max(x.value) filter (where x.code = 'japanese_intermediate') as japanese_intermediate,
		max(x.value) filter (where x.code = 'shared_language') as shared_language,
		max(x.value) filter (where x.code = 'looking_for_partner') as looking_for_partner,
		max(x.value) filter (where x.code = 'verified') as verified
	into w
	from public.venture_matching_weights() as x
	where x.kind = 'points';

	select * into v from public.ventures vv where vv.id = p_venture_id;
	if not found then
		return;
	end if;
	v_related := private.related_sectors(v.sector);
	v_sectors := array[v.sector] || v_related;
	v_fields := private.sectors_as_fields(v_sectors);
	v_same_field := (private.sectors_as_fields(array[v.sector]))[1];
	v_related_fields := private.sectors_as_fields(v_related);
	v_excluded := array(
		select i.counterpart_id from public.venture_interests i
		where i.venture_id = v.id and i.counterpart_id is not null
		union all
		select m.user_id from public.organisation_members m where m.organisation_id = v.organisation_id
		union all
		select v.owner_id where v.owner_id is not null
	);

	return query
	with scored as (
		-- Points from the card's raw values, each counted only when visible at p_level (narrow rows for the sort).
		-- Cards exist for named returnee profiles only.
		select
			p.id,
			w.country as country_points,
			case when p.business_visibility > p_level then 0
				when p.business_sector = v.sector then w.same_sector
				when p.business_sector = any (v_related) then w.related_sector else 0 end as business_points,
			case when p.field_visibility > p_level then 0
				when p.japan_field = v_same_field then w.same_field
				when p.japan_field = any (v_related_fields) then w.related_field else 0 end as field_points,
			case when p.business_visibility <= p_level and p.business_stage in ('started', 'growing')
				then w.runs_business else 0 end as stage_points,
			case when p.japanese_visibility > p_level then 0
				when p.jlpt_level >= 'n2' then w.japanese_advanced
				when p.jlpt_level = 'n3' then w.japanese_intermediate else 0 end as jlpt_points,
			case when p.languages_visibility <= p_level and p.languages && v.languages
				then w.shared_language else 0 end as language_points,
			case when p.looking_for_visibility <= p_level and p.looking_for_partner
				then w.looking_for_partner else 0 end as looking_points,
			case when p.verified then w.verified else 0 end as verified_points
		from private.returnee_cards p
		where (
				(p.japan_field = any (v_fields) and p.home_country = any (v.target_countries)
					and p.field_visibility <= p_level)
				or (p.business_sector = any (v_sectors) and p.home_country = any (v.target_countries)
					and p.business_visibility <= p_level)
			)
			and p.country_visibility <= p_level
			and p.profile_visibility <= p_level
			and (v.min_jlpt is null or (p.jlpt_level >= v.min_jlpt and p.japanese_visibility <= p_level))
			and p.id <> all (v_excluded)
			and (p_only is null or p.id = p_only)
	),
	page as (
		-- Ties are broken by a hash of the profile id mixed with the opportunity's: stable for one opportunity,
		-- different for the next, so equal candidates take turns at the top.
		select
			s.*,
			least(100, s.country_points + s.business_points + s.field_points + s.stage_points + s.jlpt_points
				+ s.language_points + s.looking_points + s.verified_points) as total,
			count(*) over () as matches
		from scored s
		order by total desc, pg_catalog.uuid_hash(s.id) # v_seed, s.id
		limit p_limit offset p_offset
	)
	select
		pg.id,
		p.display_name,
		p.avatar_path,
		case when p.headline_visibility <= p_level then p.headline end,
		p.home_country::text,
		p.verified,
		pg.total,
		private.venture_reasons(
			p.home_country::text, pg.country_points,
			p.business_sector, case when p.business_sector = v.sector then 'same_sector' else 'related_sector' end,
			pg.business_points,
			p.japan_field, case when p.japan_field = v_same_field then 'same_field' else 'related_field' end,
			pg.field_points,
			p.business_stage, pg.stage_points,
			p.jlpt_level, case when p.jlpt_level >= 'n2' then 'japanese_advanced' else 'japanese_intermediate' end,
			pg.jlpt_points,
			array(select l from unnest(p.languages) as l where l = any (v.languages) order by l), pg.language_points,
			pg.looking_points,
			pg.verified_points),
		pg.matches
	from page pg
	join public.profiles p on p.id = pg.id
	order by pg.total desc, pg_catalog.uuid_hash(pg.id) # v_seed, pg.id;
end;
$$;
revoke execute on function private.venture_candidate_matches(uuid, public.visibility_level, uuid, integer, integer) from public, anon, authenticated;

-- Open SME opportunities for returnee p_uid (their own values: they see all of them), scored and explained, best
-- first; p_only restricts it to one opportunity. Teaser columns only. Called by the RPCs below.
create function private.venture_opportunity_matches(
	p_uid uuid,
	p_only uuid,
	p_limit integer,
	p_offset integer
)
returns table (
	id uuid,
	side public.venture_side,
	title text,
	summary text,
	partnership_type public.partnership_type,
	sector public.sector,
	target_countries text[],
	region public.japan_region,
	required_skills text[],
	min_jlpt public.jlpt_level,
	capital public.capital_range,
	timeline public.venture_timeline,
	languages text[],
	published_at timestamptz,
	score integer,
	reasons jsonb,
	total_count bigint
)
language plpgsql
stable
set search_path = ''
as $$
declare
	w record;
	me record;
	v_business_related public.sector[];
	v_field_sector public.sector;
	v_field_related public.sector[];
	v_sectors public.sector[];
	v_excluded uuid[];
	v_orgs uuid[];
begin
	select
		max(x.value) filter (where x.code = 'country') as country,
		max(x.value) filter (where x.code = 'same_sector') as same_sector,
		max(x.value) filter (where x.code = 'related_sector') as related_sector,
		max(x.value) filter (where x.code = 'same_field') as same_field,
		max(x.value) filter (where x.code = 'related_field') as related_field,
		max(x.value) filter (where x.code = 'runs_business') as runs_business,
		max(x.value) filter (where x.code = 'japanese_advanced') as japanese_advanced,
		max(x.value) filter (where x.code = 'japanese_intermediate') as japanese_intermediate,
		max(x.value) filter (where x.code = 'shared_language') as shared_language,
		max(x.value) filter (where x.code = 'looking_for_partner') as looking_for_partner,
		max(x.value) filter (where x.code = 'verified') as verified
	into w
	from public.venture_matching_weights() as x
	where x.kind = 'points';

	select p.home_country, p.business_sector, p.business_stage, p.japan_field, p.jlpt_level, p.languages,
		p.looking_for, p.verified
	into me
	from public.profiles p where p.id = p_uid;
	if not found or me.home_country is null then
		return;
	end if;
	v_business_related := case when me.business_sector is not null then private.related_sectors(me.business_sector) else '{}' end;
	v_field_sector := me.japan_field::text::public.sector;
	v_field_related := case when v_field_sector is not null then private.related_sectors(v_field_sector) else '{}' end;
	v_sectors := array_remove(array[me.business_sector, v_field_sector], null) || v_business_related || v_field_related;
	if cardinality(v_sectors) = 0 then
		return;
	end if;
	v_orgs := array(select m.organisation_id from public.organisation_members m where m.user_id = p_uid);
	v_excluded := array(
		select i.venture_id from public.venture_interests i where i.counterpart_id = p_uid
		union all
		select i.venture_id from public.venture_interests i where i.counterpart_organisation_id = any (v_orgs));

	return query
	with points as (
		select
			v.id as venture_id, v.sector as venture_sector, v.languages as venture_languages, v.published_at as published,
			w.country as country_points,
			case when v.sector = me.business_sector then w.same_sector
				when v.sector = any (v_business_related) then w.related_sector else 0 end as business_points,
			case when v.sector = v_field_sector then w.same_field
				when v.sector = any (v_field_related) then w.related_field else 0 end as field_points,
			case when me.business_stage in ('started', 'growing') then w.runs_business else 0 end as stage_points,
			case when me.jlpt_level >= 'n2' then w.japanese_advanced
				when me.jlpt_level = 'n3' then w.japanese_intermediate else 0 end as jlpt_points,
			case when v.languages && me.languages then w.shared_language else 0 end as language_points,
			case when me.looking_for @> '{jv_partner}' then w.looking_for_partner else 0 end as looking_points,
			case when me.verified then w.verified else 0 end as verified_points
		from public.ventures v
		where v.status = 'open'
			and v.side = 'sme'
			and v.target_countries @> array[me.home_country]
			and v.sector = any (v_sectors)
			and (v.min_jlpt is null or me.jlpt_level >= v.min_jlpt)
			and v.organisation_id <> all (v_orgs)
			and v.id <> all (v_excluded)
			and (p_only is null or v.id = p_only)
	),
	page as (
		select
			pt.*,
			least(100, pt.country_points + pt.business_points + pt.field_points + pt.stage_points + pt.jlpt_points
				+ pt.language_points + pt.looking_points + pt.verified_points) as total,
			count(*) over () as matches
		from points pt
		order by total desc, pt.published desc, pt.venture_id
		limit p_limit offset p_offset
	)
	select
		v.id, v.side, v.title, v.summary, v.partnership_type, v.sector, v.target_countries::text[],
		private.teaser_region(v.side, v.sector, v.region), v.required_skills, v.min_jlpt, v.capital, v.timeline,
		v.languages, v.published_at,
		pg.total,
		private.venture_reasons(
			me.home_country::text, pg.country_points,
			me.business_sector, case when pg.venture_sector = me.business_sector then 'same_sector' else 'related_sector' end, pg.business_points,
			me.japan_field, case when pg.venture_sector = v_field_sector then 'same_field' else 'related_field' end, pg.field_points,
			me.business_stage, pg.stage_points,
			me.jlpt_level, case when me.jlpt_level >= 'n2' then 'japanese_advanced' else 'japanese_intermediate' end, pg.jlpt_points,
			array(select l from unnest(me.languages) as l where l = any (pg.venture_languages) order by l), pg.language_points,
			pg.looking_points,
			pg.verified_points),
		pg.matches
	from page pg
	join public.ventures v on v.id = pg.venture_id
	order by pg.total desc, pg.published desc, pg.venture_id;
end;
$$;
revoke execute on function private.venture_opportunity_matches(uuid, uuid, integer, integer) from public, anon, authenticated;

-- Candidates (returnees) for an opportunity the caller owns, best first, each with a score (0–100) and its
-- reasons, from values the caller may see (profile fields masked at the caller's tier). See
-- venture_matching_weights() for the rules. p_limit 1–50 (default 20), p_offset 0–1000.
-- Errors: ventures.not_found (no such opportunity), ventures.not_owner (another organisation's or person's).
create function public.venture_candidates(
	p_venture_id uuid,
	p_limit integer default 20,
	p_offset integer default 0
)
returns table (
	profile_id uuid,
	display_name text,
	avatar_path text,
	headline text,
	home_country text,
	verified boolean,
	score integer,
	reasons jsonb,
	total_count bigint
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v public.ventures;
begin
	select * into v from public.ventures vv where vv.id = p_venture_id;
	if not found then
		raise exception using errcode = 'P0001', message = 'ventures.not_found';
	end if;
	if not private.is_venture_owner(v.side, v.owner_id, v.organisation_id) then
		raise exception using errcode = 'P0001', message = 'ventures.not_owner';
	end if;
	return query
	select * from private.venture_candidate_matches(
		p_venture_id, private.viewer_level(), null,
		least(greatest(coalesce(p_limit, 20), 1), 50), least(greatest(coalesce(p_offset, 0), 0), 1000));
end;
$$;
comment on function public.venture_candidates(uuid, integer, integer) is
	'Returnee candidates for an opportunity the caller owns, best first, with a score (0–100) and its reasons, from values the caller may see; total_count counts every candidate. Never null: profile_id, display_name, verified, score, reasons, total_count.';
revoke execute on function public.venture_candidates(uuid, integer, integer) from public, anon, authenticated;
grant execute on function public.venture_candidates(uuid, integer, integer) to authenticated;

-- Open SME opportunities for the caller as a returnee, best first, as teasers with a score (0–100) and its reasons
-- (from the caller's own profile). p_limit 1–50 (default 20), p_offset 0–1000.
create function public.ventures_for_me(p_limit integer default 20, p_offset integer default 0)
returns table (
	id uuid,
	side public.venture_side,
	title text,
	summary text,
	partnership_type public.partnership_type,
	sector public.sector,
	target_countries text[],
	region public.japan_region,
	required_skills text[],
	min_jlpt public.jlpt_level,
	capital public.capital_range,
	timeline public.venture_timeline,
	languages text[],
	published_at timestamptz,
	score integer,
	reasons jsonb,
	total_count bigint
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
begin
	return query
	select * from private.venture_opportunity_matches(
		v_uid, null, least(greatest(coalesce(p_limit, 20), 1), 50), least(greatest(coalesce(p_offset, 0), 0), 1000));
end;
$$;
comment on function public.ventures_for_me(integer, integer) is
	'Open SME opportunities for the caller (a returnee), best first: teaser columns with a score (0–100) and its reasons; total_count counts every match. Never null: id, side, title, summary, partnership_type, sector, target_countries, required_skills, timeline, languages, published_at, score, reasons, total_count.';
revoke execute on function public.ventures_for_me(integer, integer) from public, anon, authenticated;
grant execute on function public.ventures_for_me(integer, integer) to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions: opportunities and teasers
-- ---------------------------------------------------------------------------------------------------------------------

-- Every RPC below validates its input and raises SQLSTATE P0001 with a message code the site translates (detail:
-- the field at fault, for invalid, too_long, identifying_text and requirements):
--   ventures.not_allowed         not signed in as a member (or an anonymous sign-in)
--   ventures.profile_required    the caller's profile has no name yet
--   ventures.not_found           no such opportunity / interest / profile, or not visible to the caller
--   ventures.not_owner           acting on an opportunity (or for an organisation) that is not the caller's
--   ventures.not_verified        opening an opportunity, or acting, for an organisation that is not verified
--   ventures.invalid             a missing, malformed or out-of-range value (detail: the field)
--   ventures.too_long            text over its limit (detail: the field)
--   ventures.identifying_text    teaser text (or an interest note) names the organisation or the person
--   ventures.invalid_transition  a status or stage change that is not the next step (or not the caller's to make)
--   ventures.not_mutual          revealing, messaging, advancing or inviting a facilitator before mutual acceptance
--   ventures.closed              the opportunity or pipeline is closed (or paused, for new interest)
--   ventures.duplicate_interest  an interest between this opportunity and this person or organisation exists
--   ventures.own_venture         interest in (or inviting to) one's own opportunity
--   ventures.requirements        a hard constraint is not met (detail: country, sector or japanese)
--   ventures.not_facilitator_org the facilitator is not a verified support organisation

-- Creates (p_id null) or changes an opportunity the caller owns from a JSON object of fields: side and
-- organisation_id (on creation only), title, summary, partnership_type, sector, target_countries, offers, needs,
-- required_skills, min_jlpt, capital, network, timeline, languages, prefecture, status. A key that is present sets
-- the value (null clears an optional one); a key that is absent leaves it. Status: draft → open | closed,
-- open → paused | closed, paused → open | closed; open only for a verified organisation (side sme). Teaser text must
-- not name the organisation (or, on a returnee's opportunity, the returnee). Returns the id.
create function public.save_venture(p_id uuid default null, p_fields jsonb default '{}'::jsonb)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v public.ventures;
	v_old_status public.venture_status;
	v_key text;
	v_value jsonb;
	v_status public.venture_status;
	v_org public.organisations;
	v_needles text[];
begin
	if p_fields is null or jsonb_typeof(p_fields) <> 'object' then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'fields';
	end if;
	for v_key in select k from jsonb_object_keys(p_fields) as k loop
		if v_key not in ('side', 'organisation_id', 'title', 'summary', 'partnership_type', 'sector', 'target_countries',
			'offers', 'needs', 'required_skills', 'min_jlpt', 'capital', 'network', 'timeline', 'languages', 'prefecture',
			'status') then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = v_key;
		end if;
	end loop;

	if p_id is null then
		-- A new opportunity: its side and organisation, then every field below.
		v_value := p_fields -> 'side';
		if v_value is null or jsonb_typeof(v_value) <> 'string'
			or not (v_value #>> '{}' = any (enum_range(null::public.venture_side)::text[])) then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'side';
		end if;
		v.id := gen_random_uuid();
		v.side := (v_value #>> '{}')::public.venture_side;
		v.owner_id := v_uid;
		v.status := 'draft';
		v.timeline := 'exploring';
		v.required_skills := '{}';
		if v.side = 'sme' then
			v_value := p_fields -> 'organisation_id';
			if v_value is null or jsonb_typeof(v_value) <> 'string'
				or v_value #>> '{}' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
				raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'organisation_id';
			end if;
			select * into v_org from public.organisations o where o.id = (v_value #>> '{}')::uuid;
			if not found then
				raise exception using errcode = 'P0001', message = 'ventures.not_found', detail = 'organisation_id';
			end if;
			if not private.has_org_role(v_org.id) then
				raise exception using errcode = 'P0001', message = 'ventures.not_owner', detail = 'organisation_id';
			end if;
			if v_org.kind <> 'japanese_sme' then
				raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'organisation_id';
			end if;
			v.organisation_id := v_org.id;
		elsif p_fields ? 'organisation_id' and jsonb_typeof(p_fields -> 'organisation_id') <> 'null' then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'organisation_id';
		end if;
		v_old_status := 'draft';
	else
		select * into v from public.ventures vv where vv.id = p_id for update;
		if not found then
			raise exception using errcode = 'P0001', message = 'ventures.not_found';
		end if;
		if not private.is_venture_owner(v.side, v.owner_id, v.organisation_id) then
			raise exception using errcode = 'P0001', message = 'ventures.not_owner';
		end if;
		if v.status = 'closed' then
			raise exception using errcode = 'P0001', message = 'ventures.closed';
		end if;
		if (p_fields ? 'side' and p_fields ->> 'side' is distinct from v.side::text)
			or (p_fields ? 'organisation_id' and p_fields ->> 'organisation_id' is distinct from v.organisation_id::text) then
			raise exception using errcode = 'P0001', message = 'ventures.invalid',
				detail = case when p_fields ? 'side' and p_fields ->> 'side' is distinct from v.side::text then 'side' else 'organisation_id' end;
		end if;
		v_old_status := v.status;
		if v.organisation_id is not null then
			select * into v_org from public.organisations o where o.id = v.organisation_id;
		end if;
	end if;

	-- Text.
	if p_fields ? 'title' then
		v.title := private.ventures_text(p_fields ->> 'title', 'title', 5, 120, true, false);
	end if;
	if p_fields ? 'summary' then
		v.summary := private.ventures_text(p_fields ->> 'summary', 'summary', 20, 2000, true, true);
	end if;
	if p_fields ? 'offers' then
		v.offers := private.ventures_text(p_fields ->> 'offers', 'offers', 1, 2000, false, true);
	end if;
	if p_fields ? 'needs' then
		v.needs := private.ventures_text(p_fields ->> 'needs', 'needs', 1, 2000, false, true);
	end if;
	if p_fields ? 'network' then
		v.network := private.ventures_text(p_fields ->> 'network', 'network', 1, 500, false, true);
	end if;

	-- Enums: a string naming one of the type's values (null clears the optional ones).
	if p_fields ? 'partnership_type' then
		if jsonb_typeof(p_fields -> 'partnership_type') <> 'string'
			or not (p_fields ->> 'partnership_type' = any (enum_range(null::public.partnership_type)::text[])) then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'partnership_type';
		end if;
		v.partnership_type := (p_fields ->> 'partnership_type')::public.partnership_type;
	end if;
	if p_fields ? 'sector' then
		if jsonb_typeof(p_fields -> 'sector') <> 'string'
			or not (p_fields ->> 'sector' = any (enum_range(null::public.sector)::text[])) then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'sector';
		end if;
		v.sector := (p_fields ->> 'sector')::public.sector;
	end if;
	if p_fields ? 'timeline' then
		if jsonb_typeof(p_fields -> 'timeline') <> 'string'
			or not (p_fields ->> 'timeline' = any (enum_range(null::public.venture_timeline)::text[])) then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'timeline';
		end if;
		v.timeline := (p_fields ->> 'timeline')::public.venture_timeline;
	end if;
	if p_fields ? 'min_jlpt' then
		if jsonb_typeof(p_fields -> 'min_jlpt') = 'null' then
			v.min_jlpt := null;
		elsif jsonb_typeof(p_fields -> 'min_jlpt') <> 'string'
			or not (p_fields ->> 'min_jlpt' = any (enum_range(null::public.jlpt_level)::text[]))
			or v.side = 'returnee' then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'min_jlpt';
		else
			v.min_jlpt := (p_fields ->> 'min_jlpt')::public.jlpt_level;
		end if;
	end if;
	if p_fields ? 'capital' then
		if jsonb_typeof(p_fields -> 'capital') = 'null' then
			v.capital := null;
		elsif jsonb_typeof(p_fields -> 'capital') <> 'string'
			or not (p_fields ->> 'capital' = any (enum_range(null::public.capital_range)::text[])) then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'capital';
		else
			v.capital := (p_fields ->> 'capital')::public.capital_range;
		end if;
	end if;

	-- Lists.
	if p_fields ? 'target_countries' then
		v_value := p_fields -> 'target_countries';
		if jsonb_typeof(v_value) <> 'array' or jsonb_array_length(v_value) = 0 then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'target_countries';
		end if;
		if jsonb_array_length(v_value) > 10 then
			raise exception using errcode = 'P0001', message = 'ventures.too_long', detail = 'target_countries';
		end if;
		if exists (
			select 1 from jsonb_array_elements(v_value) as e
			where jsonb_typeof(e) <> 'string' or e #>> '{}' !~ '^[A-Z]{2}$'
				or not (e #>> '{}' = any ('{AD,AE,AF,AG,AI,AL,AM,AO,AQ,AR,AS,AT,AU,AW,AX,AZ,BA,BB,BD,BE,BF,BG,BH,BI,BJ,BL,BM,BN,BO,BQ,BR,BS,BT,BV,BW,BY,BZ,CA,CC,CD,CF,CG,CH,CI,CK,CL,CM,CN,CO,CR,CU,CV,CW,CX,CY,CZ,DE,DJ,DK,DM,DO,DZ,EC,EE,EG,EH,ER,ES,ET,FI,FJ,FK,FM,FO,FR,GA,GB,GD,GE,GF,GG,GH,GI,GL,GM,GN,GP,GQ,GR,GS,GT,GU,GW,GY,HK,HM,HN,HR,HT,HU,ID,IE,IL,IM,IN,IO,IQ,IR,IS,IT,JE,JM,JO,JP,KE,KG,KH,KI,KM,KN,KP,KR,KW,KY,KZ,LA,LB,LC,LI,LK,LR,LS,LT,LU,LV,LY,MA,MC,MD,ME,MF,MG,MH,MK,ML,MM,MN,MO,MP,MQ,MR,MS,MT,MU,MV,MW,MX,MY,MZ,NA,NC,NE,NF,NG,NI,NL,NO,NP,NR,NU,NZ,OM,PA,PE,PF,PG,PH,PK,PL,PM,PN,PR,PS,PT,PW,PY,QA,RE,RO,RS,RU,RW,SA,SB,SC,SD,SE,SG,SH,SI,SJ,SK,SL,SM,SN,SO,SR,SS,ST,SV,SX,SY,SZ,TC,TD,TF,TG,TH,TJ,TK,TL,TM,TN,TO,TR,TT,TV,TW,TZ,UA,UG,UM,US,UY,UZ,VA,VC,VE,VG,VI,VN,VU,WF,WS,XK,YE,YT,ZA,ZM,ZW}'::text[]))
		) then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'target_countries';
		end if;
		v.target_countries := array(select e #>> '{}' from jsonb_array_elements(v_value) as e)::public.country_code[];
	end if;
	if p_fields ? 'languages' then
		v_value := p_fields -> 'languages';
		if jsonb_typeof(v_value) <> 'array' or jsonb_array_length(v_value) = 0 then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'languages';
		end if;
		if jsonb_array_length(v_value) > 6 then
			raise exception using errcode = 'P0001', message = 'ventures.too_long', detail = 'languages';
		end if;
		if exists (select 1 from jsonb_array_elements(v_value) as e where jsonb_typeof(e) <> 'string')
			or not private.is_language_list(array(select e #>> '{}' from jsonb_array_elements(v_value) as e)) then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'languages';
		end if;
		v.languages := array(select e #>> '{}' from jsonb_array_elements(v_value) as e);
	end if;
	if p_fields ? 'required_skills' then
		v_value := p_fields -> 'required_skills';
		if jsonb_typeof(v_value) = 'null' then
			v.required_skills := '{}';
		else
			if jsonb_typeof(v_value) <> 'array'
				or exists (select 1 from jsonb_array_elements(v_value) as e where jsonb_typeof(e) <> 'string') then
				raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'required_skills';
			end if;
			if jsonb_array_length(v_value) > 10
				or exists (select 1 from jsonb_array_elements_text(v_value) as t where char_length(btrim(t)) > 40) then
				raise exception using errcode = 'P0001', message = 'ventures.too_long', detail = 'required_skills';
			end if;
			if exists (select 1 from jsonb_array_elements_text(v_value) as t where btrim(t) = '' or t ~ '[[:cntrl:]]') then
				raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'required_skills';
			end if;
			v.required_skills := array(select btrim(t) from jsonb_array_elements_text(v_value) as t);
		end if;
	end if;
	if p_fields ? 'prefecture' then
		v_value := p_fields -> 'prefecture';
		if jsonb_typeof(v_value) = 'null' then
			v.prefecture := null;
		elsif jsonb_typeof(v_value) <> 'number' or (v_value #>> '{}') !~ '^[0-9]{1,2}$'
			or (v_value #>> '{}')::integer not between 1 and 47 then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'prefecture';
		else
			v.prefecture := (v_value #>> '{}')::smallint;
		end if;
	end if;

	-- Required on creation.
	if v.title is null then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'title';
	elsif v.summary is null then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'summary';
	elsif v.partnership_type is null then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'partnership_type';
	elsif v.sector is null then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'sector';
	elsif v.target_countries is null then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'target_countries';
	elsif v.languages is null then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'languages';
	end if;

	-- Teaser text must not name who posted it.
	v_needles := private.identity_needles(v.organisation_id, case when v.side = 'returnee' then v.owner_id end);
	perform private.check_not_identifying(v.title, 'title', v_needles);
	perform private.check_not_identifying(v.summary, 'summary', v_needles);
	perform private.check_not_identifying(v.offers, 'offers', v_needles);
	perform private.check_not_identifying(v.needs, 'needs', v_needles);
	perform private.check_not_identifying(v.network, 'network', v_needles);
	perform private.check_not_identifying(array_to_string(v.required_skills, ' '), 'required_skills', v_needles);

	-- Status: the next step only; opening needs a verified organisation.
	if p_fields ? 'status' then
		if jsonb_typeof(p_fields -> 'status') <> 'string'
			or not (p_fields ->> 'status' = any (enum_range(null::public.venture_status)::text[])) then
			raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'status';
		end if;
		v_status := (p_fields ->> 'status')::public.venture_status;
		if v_status <> v_old_status then
			if not ((v_old_status = 'draft' and v_status in ('open', 'closed'))
				or (v_old_status = 'open' and v_status in ('paused', 'closed'))
				or (v_old_status = 'paused' and v_status in ('open', 'closed'))) then
				raise exception using errcode = 'P0001', message = 'ventures.invalid_transition', detail = 'status';
			end if;
			if v_status = 'open' and v.side = 'sme' and not coalesce(v_org.verified, false) then
				raise exception using errcode = 'P0001', message = 'ventures.not_verified', detail = 'organisation_id';
			end if;
			v.status := v_status;
		end if;
	end if;

	if p_id is null then
		insert into public.ventures (id, side, organisation_id, owner_id, title, summary, partnership_type, sector,
			target_countries, offers, needs, required_skills, min_jlpt, capital, network, timeline, languages,
			prefecture, status)
		values (v.id, v.side, v.organisation_id, v.owner_id, v.title, v.summary, v.partnership_type, v.sector,
			v.target_countries, v.offers, v.needs, v.required_skills, v.min_jlpt, v.capital, v.network, v.timeline,
			v.languages, v.prefecture, v.status);
	else
		update public.ventures vv
		set title = v.title, summary = v.summary, partnership_type = v.partnership_type, sector = v.sector,
			target_countries = v.target_countries, offers = v.offers, needs = v.needs,
			required_skills = v.required_skills, min_jlpt = v.min_jlpt, capital = v.capital, network = v.network,
			timeline = v.timeline, languages = v.languages, prefecture = v.prefecture, status = v.status
		where vv.id = v.id;
	end if;
	return v.id;
end;
$$;
comment on function public.save_venture(uuid, jsonb) is
	'Creates (p_id null) or changes an opportunity the caller owns from a JSON object of fields (absent keys unchanged); status moves one step (draft → open | closed, open ⇄ paused, → closed); open only for a verified organisation. Returns the id.';
revoke execute on function public.save_venture(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.save_venture(uuid, jsonb) to authenticated;

-- Open opportunities as anonymous teasers, newest first (best text match first with p_query), for anyone signed in.
-- Filters and the search read teaser values only; total_count counts every match. Never the organisation, the
-- poster, the prefecture or a logo; the region only where enough verified SMEs of the sector are (teaser_region).
--   p_limit 1–50 (default 20), p_offset 0–10,000
create function public.venture_teasers(
	p_sector public.sector default null,
	p_type public.partnership_type default null,
	p_country public.country_code default null,
	p_side public.venture_side default null,
	p_query text default null,
	p_limit integer default 20,
	p_offset integer default 0
)
returns table (
	id uuid,
	side public.venture_side,
	title text,
	summary text,
	partnership_type public.partnership_type,
	sector public.sector,
	target_countries text[],
	region public.japan_region,
	required_skills text[],
	min_jlpt public.jlpt_level,
	capital public.capital_range,
	timeline public.venture_timeline,
	languages text[],
	published_at timestamptz,
	total_count bigint
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v_tsquery tsquery := private.prefix_tsquery(left(p_query, 200));
	v_limit integer := least(greatest(coalesce(p_limit, 20), 1), 50);
	v_offset integer := least(greatest(coalesce(p_offset, 0), 0), 10000);
begin
	return query
	with matches as (
		select v.id as venture_id, v.published_at as published,
			case when v_tsquery is not null then pg_catalog.ts_rank(v.search_document, v_tsquery) end as rank,
			count(*) over () as total
		from public.ventures v
		where v.status = 'open'
			and (p_sector is null or v.sector = p_sector)
			and (p_type is null or v.partnership_type = p_type)
			and (p_country is null or v.target_countries @> array[p_country])
			and (p_side is null or v.side = p_side)
			and (v_tsquery is null or v.search_document @@ v_tsquery)
		order by rank desc nulls last, published desc, venture_id
		limit v_limit offset v_offset
	)
	select v.id, v.side, v.title, v.summary, v.partnership_type, v.sector, v.target_countries::text[],
		private.teaser_region(v.side, v.sector, v.region), v.required_skills, v.min_jlpt, v.capital, v.timeline,
		v.languages, v.published_at, m.total
	from matches m
	join public.ventures v on v.id = m.venture_id
	order by m.rank desc nulls last, m.published desc, m.venture_id;
end;
$$;
comment on function public.venture_teasers(public.sector, public.partnership_type, public.country_code, public.venture_side, text, integer, integer) is
	'Open opportunities as anonymous teasers (no organisation, poster, prefecture or logo), newest or best match first, for signed-in members; total_count counts every match. Never null: id, side, title, summary, partnership_type, sector, target_countries, required_skills, timeline, languages, published_at, total_count.';
revoke execute on function public.venture_teasers(public.sector, public.partnership_type, public.country_code, public.venture_side, text, integer, integer) from public, anon, authenticated;
grant execute on function public.venture_teasers(public.sector, public.partnership_type, public.country_code, public.venture_side, text, integer, integer) to authenticated;

-- One opportunity for the caller: the teaser (with offers, needs and network) when it is open or the caller is a
-- party to an interest in it; with its identity (organisation, poster, prefecture, exact region) only for its
-- owners, staff and parties of a mutual (or later) interest — revealed says which. No row when missing or hidden
-- (the same answer). my_interest_id / my_stage: the caller's own interest in it, if any.
create function public.get_venture(p_id uuid)
returns table (
	id uuid,
	side public.venture_side,
	status public.venture_status,
	title text,
	summary text,
	partnership_type public.partnership_type,
	sector public.sector,
	target_countries text[],
	region public.japan_region,
	required_skills text[],
	min_jlpt public.jlpt_level,
	capital public.capital_range,
	timeline public.venture_timeline,
	languages text[],
	offers text,
	needs text,
	network text,
	published_at timestamptz,
	is_owner boolean,
	revealed boolean,
	my_interest_id uuid,
	my_stage public.pipeline_stage,
	organisation_id uuid,
	organisation_name text,
	owner_id uuid,
	owner_name text,
	prefecture smallint
)
language plpgsql
stable
security definer
set search_path = ''
rows 1
as $$
declare
	v_uid uuid := private.ventures_caller();
	v public.ventures;
	v_owner boolean;
	v_staff boolean := private.is_staff();
	v_mine public.venture_interests;
	v_party boolean;
	v_revealed boolean;
begin
	select * into v from public.ventures vv where vv.id = p_id;
	if not found then
		return;
	end if;
	v_owner := private.is_venture_owner(v.side, v.owner_id, v.organisation_id);
	-- The caller's own interest (as counterpart, for themselves or an organisation of theirs).
	select * into v_mine from public.venture_interests i
	where i.venture_id = v.id
		and (i.counterpart_id = v_uid
			or (i.counterpart_organisation_id is not null and private.has_org_role(i.counterpart_organisation_id)))
	order by i.created_at
	limit 1;
	-- A party to any interest in it (counterpart or facilitator).
	v_party := v_mine.id is not null or exists (
		select 1 from public.venture_interests i
		where i.venture_id = v.id and i.facilitator_organisation_id is not null
			and private.has_org_role(i.facilitator_organisation_id));
	if not (v.status = 'open' or v_owner or v_staff or v_party) then
		return;
	end if;
	v_revealed := v_owner or v_staff or v_mine.mutual_at is not null or exists (
		select 1 from public.venture_interests i
		where i.venture_id = v.id and i.mutual_at is not null and i.facilitator_organisation_id is not null
			and private.has_org_role(i.facilitator_organisation_id));
	return query
	select v.id, v.side, v.status, v.title, v.summary, v.partnership_type, v.sector, v.target_countries::text[],
		case when v_revealed then v.region else private.teaser_region(v.side, v.sector, v.region) end,
		v.required_skills, v.min_jlpt, v.capital, v.timeline, v.languages, v.offers, v.needs, v.network,
		v.published_at, v_owner, v_revealed, v_mine.id, v_mine.stage,
		case when v_revealed then v.organisation_id end,
		case when v_revealed then (select o.name from public.organisations o where o.id = v.organisation_id) end,
		case when v_revealed then v.owner_id end,
		case when v_revealed then (select p.display_name from public.profiles p where p.id = v.owner_id) end,
		case when v_revealed then v.prefecture end;
end;
$$;
comment on function public.get_venture(uuid) is
	'One opportunity as the caller may see it: the teaser when open or the caller is a party; the organisation, poster and prefecture only for owners, staff and parties of a mutual (or later) interest (revealed). No row when missing or hidden. Never null: id, side, status, title, summary, partnership_type, sector, target_countries, required_skills, timeline, languages, is_owner, revealed.';
revoke execute on function public.get_venture(uuid) from public, anon, authenticated;
grant execute on function public.get_venture(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions: pipeline
-- ---------------------------------------------------------------------------------------------------------------------

-- Shows interest in open opportunity p_venture_id with a note (1–1,000 characters; it must not name the caller or
-- their organisation — identities are revealed on acceptance). On an SME's opportunity the caller's own profile must
-- meet the hard constraints (country, sector, Japanese level); p_organisation_id optionally names an organisation
-- of the caller's (verified) they act for. On a returnee's opportunity the caller acts for a verified organisation
-- of theirs (p_organisation_id required). Returns the interest id (stage interest; the owners answer).
create function public.express_interest(p_venture_id uuid, p_message text, p_organisation_id uuid default null)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v public.ventures;
	me public.profiles;
	v_org public.organisations;
	v_message text;
	v_sectors public.sector[];
	v_score integer;
	v_reasons jsonb := '[]'::jsonb;
	v_corridor public.country_code;
	v_id uuid;
begin
	select * into v from public.ventures vv where vv.id = p_venture_id for update;
	if not found or v.status = 'draft' then
		raise exception using errcode = 'P0001', message = 'ventures.not_found';
	end if;
	-- The organisation acted for is checked first: answering own_venture for someone else's organisation would tell
	-- an outsider which company posted the teaser.
	if p_organisation_id is not null then
		select * into v_org from public.organisations o where o.id = p_organisation_id;
		if not found then
			raise exception using errcode = 'P0001', message = 'ventures.not_found', detail = 'organisation_id';
		end if;
		if not private.has_org_role(p_organisation_id) then
			raise exception using errcode = 'P0001', message = 'ventures.not_owner', detail = 'organisation_id';
		end if;
	end if;
	if private.is_venture_owner(v.side, v.owner_id, v.organisation_id)
		or (p_organisation_id is not null and p_organisation_id = v.organisation_id) then
		raise exception using errcode = 'P0001', message = 'ventures.own_venture';
	end if;
	if v.status <> 'open' then
		raise exception using errcode = 'P0001', message = 'ventures.closed';
	end if;
	if (p_organisation_id is not null and not v_org.verified) or (p_organisation_id is null and v.side = 'returnee') then
		raise exception using errcode = 'P0001', message = 'ventures.not_verified', detail = 'organisation_id';
	end if;
	v_message := private.ventures_text(p_message, 'message', 1, 1000, true, true);
	perform private.check_not_identifying(v_message, 'message', private.identity_needles(p_organisation_id, v_uid));
	if exists (
		select 1 from public.venture_interests i
		where i.venture_id = v.id
			and (i.counterpart_id = v_uid or (p_organisation_id is not null and i.counterpart_organisation_id = p_organisation_id))
	) then
		raise exception using errcode = 'P0001', message = 'ventures.duplicate_interest';
	end if;

	select * into me from public.profiles p where p.id = v_uid;
	if v.side = 'sme' then
		-- Hard constraints on the caller's own values.
		if me.home_country is null or not (me.home_country = any (v.target_countries)) then
			raise exception using errcode = 'P0001', message = 'ventures.requirements', detail = 'country';
		end if;
		v_sectors := array[v.sector] || private.related_sectors(v.sector);
		if not coalesce(me.business_sector = any (v_sectors), false)
			and not coalesce(me.japan_field::text::public.sector = any (v_sectors), false) then
			raise exception using errcode = 'P0001', message = 'ventures.requirements', detail = 'sector';
		end if;
		if v.min_jlpt is not null and (me.jlpt_level is null or me.jlpt_level < v.min_jlpt) then
			raise exception using errcode = 'P0001', message = 'ventures.requirements', detail = 'japanese';
		end if;
		-- The score as every owner may see it (members of a verified organisation: tier verified_orgs).
		select m.score, m.reasons into v_score, v_reasons
		from private.venture_candidate_matches(v.id, 'verified_orgs', v_uid, 1, 0) as m;
		v_corridor := me.home_country;
	else
		select p.home_country into v_corridor from public.profiles p where p.id = v.owner_id;
		if v_corridor is null or not (v_corridor = any (v.target_countries)) then
			v_corridor := v.target_countries[1];
		end if;
	end if;

	insert into public.venture_interests (venture_id, counterpart_id, counterpart_organisation_id, initiated_by, message,
		match_score, match_reasons, corridor_country)
	values (v.id, v_uid, p_organisation_id, case when v.side = 'sme' then 'returnee' else 'sme' end::public.venture_side,
		v_message, v_score, coalesce(v_reasons, '[]'::jsonb), v_corridor)
	returning id into v_id;
	return v_id;
exception
	when unique_violation then
		raise exception using errcode = 'P0001', message = 'ventures.duplicate_interest';
end;
$$;
comment on function public.express_interest(uuid, text, uuid) is
	'Shows interest in an open opportunity with a note (1–1,000 characters, not naming the caller); hard constraints checked on an SME''s opportunity; on a returnee''s, p_organisation_id (a verified organisation of the caller''s) is required. Returns the interest id.';
revoke execute on function public.express_interest(uuid, text, uuid) from public, anon, authenticated;
grant execute on function public.express_interest(uuid, text, uuid) to authenticated;

-- The owners of open opportunity p_venture_id invite candidate p_profile_id (one venture_candidates would list for
-- the caller) with a note (1–1,000 characters, not naming the organisation). The candidate answers with
-- respond_interest; until they accept they see the teaser only. Returns the interest id.
create function public.invite_candidate(p_venture_id uuid, p_profile_id uuid, p_message text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v_level public.visibility_level := private.viewer_level();
	v public.ventures;
	v_message text;
	v_match record;
	v_id uuid;
begin
	select * into v from public.ventures vv where vv.id = p_venture_id for update;
	if not found then
		raise exception using errcode = 'P0001', message = 'ventures.not_found';
	end if;
	if not private.is_venture_owner(v.side, v.owner_id, v.organisation_id) then
		raise exception using errcode = 'P0001', message = 'ventures.not_owner';
	end if;
	if v.status <> 'open' then
		raise exception using errcode = 'P0001', message = 'ventures.closed';
	end if;
	if p_profile_id = v_uid or p_profile_id = v.owner_id
		or exists (select 1 from public.organisation_members m where m.organisation_id = v.organisation_id and m.user_id = p_profile_id) then
		raise exception using errcode = 'P0001', message = 'ventures.own_venture';
	end if;
	if p_profile_id is null or not exists (
		select 1 from public.profiles p
		where p.id = p_profile_id and p.display_name <> '' and p.profile_visibility <= v_level
	) then
		raise exception using errcode = 'P0001', message = 'ventures.not_found';
	end if;
	if exists (select 1 from public.venture_interests i where i.venture_id = v.id and i.counterpart_id = p_profile_id) then
		raise exception using errcode = 'P0001', message = 'ventures.duplicate_interest';
	end if;
	v_message := private.ventures_text(p_message, 'message', 1, 1000, true, true);
	perform private.check_not_identifying(v_message, 'message',
		private.identity_needles(v.organisation_id, case when v.side = 'returnee' then v.owner_id end));
	select * into v_match from private.venture_candidate_matches(v.id, v_level, p_profile_id, 1, 0);
	if v_match.profile_id is null then
		raise exception using errcode = 'P0001', message = 'ventures.requirements';
	end if;
	-- Stored as every owner may see it.
	select * into v_match from private.venture_candidate_matches(
		v.id, case when v.side = 'sme' then 'verified_orgs' else 'members' end::public.visibility_level, p_profile_id, 1, 0);
	insert into public.venture_interests (venture_id, counterpart_id, initiated_by, message, match_score, match_reasons,
		corridor_country)
	values (v.id, p_profile_id, v.side, v_message, v_match.score, coalesce(v_match.reasons, '[]'::jsonb),
		(select p.home_country from public.profiles p where p.id = p_profile_id))
	returning id into v_id;
	return v_id;
exception
	when unique_violation then
		raise exception using errcode = 'P0001', message = 'ventures.duplicate_interest';
end;
$$;
comment on function public.invite_candidate(uuid, uuid, text) is
	'The owners of an open opportunity invite a candidate (who must meet the hard constraints as the caller sees them) with a note (1–1,000 characters). Returns the interest id.';
revoke execute on function public.invite_candidate(uuid, uuid, text) from public, anon, authenticated;
grant execute on function public.invite_candidate(uuid, uuid, text) to authenticated;

-- Loads interest p_interest_id for update; raises ventures.not_found when it does not exist or the caller is no
-- party to it, ventures.closed when it is closed.
create function private.interest_for(p_interest_id uuid)
returns public.venture_interests
language plpgsql
set search_path = ''
as $$
declare
	v_row public.venture_interests;
begin
	select * into v_row from public.venture_interests i where i.id = p_interest_id for update;
	if not found or private.venture_party_role(p_interest_id) is null then
		raise exception using errcode = 'P0001', message = 'ventures.not_found';
	end if;
	if v_row.stage = 'closed' then
		raise exception using errcode = 'P0001', message = 'ventures.closed';
	end if;
	return v_row;
end;
$$;
revoke execute on function private.interest_for(uuid) from public, anon, authenticated;

-- The side that did not start interest p_interest_id answers it: accept (→ mutual: both identities are revealed to
-- the parties and the conversation opens) or decline (→ closed with p_reason, required, and an optional note of at
-- most 500 characters). Returns the new stage.
create function public.respond_interest(
	p_interest_id uuid,
	p_accept boolean,
	p_reason public.close_reason default null,
	p_note text default null
)
returns public.pipeline_stage
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v_interest public.venture_interests := private.interest_for(p_interest_id);
	v_side public.venture_side := (select v.side from public.ventures v where v.id = v_interest.venture_id);
	v_role text := private.venture_party_role(p_interest_id);
	v_note text;
begin
	-- Only a waiting interest, and only the answering side: the owners when the counterpart started it, the
	-- counterpart when the owners did.
	if v_interest.stage <> 'interest'
		or (v_interest.initiated_by = v_side and v_role <> 'counterpart')
		or (v_interest.initiated_by <> v_side and v_role <> 'owner') then
		raise exception using errcode = 'P0001', message = 'ventures.invalid_transition';
	end if;
	if p_accept is null then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'accept';
	end if;
	if p_accept then
		update public.venture_interests i
		set stage = 'mutual', furthest_stage = 'mutual', mutual_at = now(), stage_changed_at = now()
		where i.id = p_interest_id;
		insert into public.venture_milestones (interest_id, stage, created_by) values (p_interest_id, 'mutual', v_uid);
		return 'mutual';
	end if;
	if p_reason is null then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'reason';
	end if;
	v_note := private.ventures_text(p_note, 'note', 1, 500, false, true);
	update public.venture_interests i
	set stage = 'closed', close_reason = p_reason, close_note = v_note, closed_at = now(), stage_changed_at = now()
	where i.id = p_interest_id;
	return 'closed';
end;
$$;
comment on function public.respond_interest(uuid, boolean, public.close_reason, text) is
	'The side that did not start an interest accepts it (→ mutual; identities revealed, conversation open) or declines it with a reason (→ closed). Returns the new stage.';
revoke execute on function public.respond_interest(uuid, boolean, public.close_reason, text) from public, anon, authenticated;
grant execute on function public.respond_interest(uuid, boolean, public.close_reason, text) to authenticated;

-- Any party (owners, counterpart, facilitator) logs that a mutual pipeline reached p_stage, which must be the very
-- next stage (mutual → introduced → first_meeting → visit → letter_of_intent → mou → jv_registered), on day
-- p_happened_on (default today; not in the future, not before the interest) with an optional note (at most 500
-- characters). Returns the milestone id.
create function public.advance_pipeline(
	p_interest_id uuid,
	p_stage public.pipeline_stage,
	p_note text default null,
	p_happened_on date default null
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v_interest public.venture_interests := private.interest_for(p_interest_id);
	v_stages public.pipeline_stage[] := enum_range(null::public.pipeline_stage);
	v_next public.pipeline_stage;
	v_note text;
	v_day date := coalesce(p_happened_on, current_date);
	v_id bigint;
begin
	if v_interest.stage = 'interest' then
		raise exception using errcode = 'P0001', message = 'ventures.not_mutual';
	end if;
	v_next := v_stages[array_position(v_stages, v_interest.stage) + 1];
	if p_stage is null or p_stage is distinct from v_next or v_next = 'closed' then
		raise exception using errcode = 'P0001', message = 'ventures.invalid_transition', detail = 'stage';
	end if;
	if v_day > current_date + 1 or v_day < v_interest.created_at::date - 1 then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'happened_on';
	end if;
	v_note := private.ventures_text(p_note, 'note', 1, 500, false, true);
	update public.venture_interests i
	set stage = p_stage, furthest_stage = p_stage, stage_changed_at = now(),
		introduced_at = case when p_stage = 'introduced' then now() else i.introduced_at end
	where i.id = p_interest_id;
	insert into public.venture_milestones (interest_id, stage, note, happened_on, created_by)
	values (p_interest_id, p_stage, v_note, v_day, v_uid)
	returning id into v_id;
	return v_id;
end;
$$;
comment on function public.advance_pipeline(uuid, public.pipeline_stage, text, date) is
	'A party logs the very next stage of a mutual pipeline (no skipping, no going back) with an optional note (≤ 500) and day. Returns the milestone id.';
revoke execute on function public.advance_pipeline(uuid, public.pipeline_stage, text, date) from public, anon, authenticated;
grant execute on function public.advance_pipeline(uuid, public.pipeline_stage, text, date) to authenticated;

-- The owners or the counterpart close a pipeline from any open stage (interest … mou) with a reason (required) and
-- an optional note (at most 500 characters). A registered joint venture is not closed. Facilitators cannot close.
create function public.close_pipeline(p_interest_id uuid, p_reason public.close_reason, p_note text default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v_interest public.venture_interests := private.interest_for(p_interest_id);
	v_note text;
begin
	if private.venture_party_role(p_interest_id) = 'facilitator' or v_interest.stage = 'jv_registered' then
		raise exception using errcode = 'P0001', message = 'ventures.invalid_transition';
	end if;
	if p_reason is null then
		raise exception using errcode = 'P0001', message = 'ventures.invalid', detail = 'reason';
	end if;
	v_note := private.ventures_text(p_note, 'note', 1, 500, false, true);
	update public.venture_interests i
	set stage = 'closed', close_reason = p_reason, close_note = v_note, closed_at = now(), stage_changed_at = now()
	where i.id = p_interest_id;
	if v_interest.mutual_at is not null then
		insert into public.venture_milestones (interest_id, stage, note, created_by)
		values (p_interest_id, 'closed', v_note, v_uid);
	end if;
end;
$$;
comment on function public.close_pipeline(uuid, public.close_reason, text) is
	'The owners or the counterpart close a pipeline from any open stage with a reason and an optional note (≤ 500).';
revoke execute on function public.close_pipeline(uuid, public.close_reason, text) from public, anon, authenticated;
grant execute on function public.close_pipeline(uuid, public.close_reason, text) to authenticated;

-- The owners or the counterpart of a mutual pipeline invite a verified support organisation (NGO, diaspora
-- association, lender, incubator or recruiter) as facilitator; its members become parties (they see both sides,
-- write and log milestones). Null removes the facilitator; a new one replaces the earlier one.
create function public.invite_facilitator(p_interest_id uuid, p_organisation_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v_interest public.venture_interests := private.interest_for(p_interest_id);
begin
	if private.venture_party_role(p_interest_id) = 'facilitator' then
		raise exception using errcode = 'P0001', message = 'ventures.invalid_transition';
	end if;
	if v_interest.mutual_at is null then
		raise exception using errcode = 'P0001', message = 'ventures.not_mutual';
	end if;
	if p_organisation_id is not null and not exists (
		select 1 from public.organisations o
		where o.id = p_organisation_id and o.verified
			and o.kind in ('ngo', 'diaspora_association', 'lender', 'incubator', 'recruiter')
	) then
		raise exception using errcode = 'P0001', message = 'ventures.not_facilitator_org', detail = 'organisation_id';
	end if;
	update public.venture_interests i set facilitator_organisation_id = p_organisation_id where i.id = p_interest_id;
end;
$$;
comment on function public.invite_facilitator(uuid, uuid) is
	'The owners or the counterpart of a mutual pipeline invite a verified support organisation as facilitator (null removes it).';
revoke execute on function public.invite_facilitator(uuid, uuid) from public, anon, authenticated;
grant execute on function public.invite_facilitator(uuid, uuid) to authenticated;

-- Posts a message (1–4,000 characters, plain text kept as typed) in the conversation of a pipeline, once mutual and
-- while open. Any party. Returns the message id.
create function public.send_venture_message(p_interest_id uuid, p_body text)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v_interest public.venture_interests := private.interest_for(p_interest_id);
	v_body text;
	v_id bigint;
begin
	if v_interest.mutual_at is null then
		raise exception using errcode = 'P0001', message = 'ventures.not_mutual';
	end if;
	v_body := private.ventures_text(p_body, 'body', 1, 4000, true, true);
	insert into public.venture_messages (interest_id, sender_id, body) values (p_interest_id, v_uid, v_body)
	returning id into v_id;
	update public.venture_interests i set updated_at = now() where i.id = p_interest_id;
	return v_id;
end;
$$;
comment on function public.send_venture_message(uuid, text) is
	'Posts a plain-text message (1–4,000 characters) in a mutual, open pipeline; returns its id.';
revoke execute on function public.send_venture_message(uuid, text) from public, anon, authenticated;
grant execute on function public.send_venture_message(uuid, text) to authenticated;

-- The caller's pipelines in every role (owner of the opportunity, counterpart, facilitator), most recently changed
-- first — the SME board. Names appear only once revealed: the owner side (organisation or returnee) and the
-- counterpart (person and organisation) are null before mutual, except the caller's own side and a candidate the
-- owners invited themselves. awaiting_me: an interest waiting for the caller's side to answer. stalled: an open
-- pipeline (interest … mou) without a stage change for stall_days days. last_message_mine: whether the caller's
-- side wrote the last message (the site shows "waiting for your reply" when it is false).
create function public.my_pipeline()
returns table (
	interest_id uuid,
	venture_id uuid,
	role text,
	title text,
	side public.venture_side,
	venture_status public.venture_status,
	stage public.pipeline_stage,
	initiated_by public.venture_side,
	awaiting_me boolean,
	revealed boolean,
	owner_organisation_id uuid,
	owner_organisation_name text,
	owner_user_id uuid,
	owner_name text,
	counterpart_id uuid,
	counterpart_name text,
	counterpart_avatar_path text,
	counterpart_organisation_id uuid,
	counterpart_organisation_name text,
	other_name text,
	facilitator_organisation_id uuid,
	facilitator_name text,
	message text,
	match_score integer,
	match_reasons jsonb,
	close_reason public.close_reason,
	stage_changed_at timestamptz,
	stalled boolean,
	last_message_at timestamptz,
	last_message_mine boolean,
	created_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
	v_days integer := (select s.stall_days from private.venture_settings s);
begin
	return query
	with mine as (
		select i.*, v.side as v_side, v.title as v_title, v.status as v_status, v.organisation_id as v_org,
			v.owner_id as v_owner,
			case
				when private.is_venture_owner(v.side, v.owner_id, v.organisation_id) then 'owner'
				when i.counterpart_id = v_uid
					or (i.counterpart_organisation_id is not null and private.has_org_role(i.counterpart_organisation_id))
					then 'counterpart'
				else 'facilitator'
			end as my_role
		from public.venture_interests i
		join public.ventures v on v.id = i.venture_id
		where i.id in (
			select i2.id from public.venture_interests i2
			join public.ventures v2 on v2.id = i2.venture_id
			where v2.owner_id = v_uid and v2.side = 'returnee'
			union
			select i2.id from public.venture_interests i2
			join public.ventures v2 on v2.id = i2.venture_id
			join public.organisation_members m on m.organisation_id = v2.organisation_id and m.user_id = v_uid
			union
			select i2.id from public.venture_interests i2 where i2.counterpart_id = v_uid
			union
			select i2.id from public.venture_interests i2
			join public.organisation_members m on m.user_id = v_uid
				and m.organisation_id in (i2.counterpart_organisation_id, i2.facilitator_organisation_id)
		)
	),
	shown as (
		select m.*,
			m.mutual_at is not null as is_revealed,
			m.my_role = 'owner' or m.mutual_at is not null as see_owner,
			m.my_role = 'counterpart' or m.mutual_at is not null
				or (m.my_role = 'owner' and m.initiated_by = m.v_side) as see_counterpart
		from mine m
	)
	select
		s.id,
		s.venture_id,
		s.my_role,
		s.v_title,
		s.v_side,
		s.v_status,
		s.stage,
		s.initiated_by,
		s.stage = 'interest' and (
			(s.initiated_by = s.v_side and s.my_role = 'counterpart')
			or (s.initiated_by <> s.v_side and s.my_role = 'owner')),
		s.is_revealed,
		case when s.see_owner then s.v_org end,
		case when s.see_owner then oo.name end,
		case when s.see_owner then s.v_owner end,
		case when s.see_owner then op.display_name end,
		case when s.see_counterpart then s.counterpart_id end,
		case when s.see_counterpart then cp.display_name end,
		case when s.see_counterpart then cp.avatar_path end,
		case when s.see_counterpart then s.counterpart_organisation_id end,
		case when s.see_counterpart then co.name end,
		case s.my_role
			when 'owner' then case when s.see_counterpart then coalesce(co.name, cp.display_name) end
			when 'counterpart' then case when s.see_owner then coalesce(oo.name, op.display_name) end
		end,
		s.facilitator_organisation_id,
		fo.name,
		s.message,
		s.match_score::integer,
		s.match_reasons,
		s.close_reason,
		s.stage_changed_at,
		s.stage < 'jv_registered' and s.stage_changed_at <= now() - make_interval(days => v_days),
		lm.created_at,
		case when lm.created_at is null then null
			when s.my_role = 'owner' then coalesce(
				(s.v_side = 'returnee' and lm.sender_id = s.v_owner)
				or (s.v_side = 'sme' and exists (
					select 1 from public.organisation_members om
					where om.organisation_id = s.v_org and om.user_id = lm.sender_id)), false)
			when s.my_role = 'counterpart' then coalesce(
				lm.sender_id = s.counterpart_id or exists (
					select 1 from public.organisation_members om
					where om.organisation_id = s.counterpart_organisation_id and om.user_id = lm.sender_id), false)
			else exists (
				select 1 from public.organisation_members om
				where om.organisation_id = s.facilitator_organisation_id and om.user_id = lm.sender_id)
		end,
		s.created_at
	from shown s
	left join public.organisations oo on oo.id = s.v_org
	left join public.profiles op on op.id = s.v_owner
	left join public.profiles cp on cp.id = s.counterpart_id
	left join public.organisations co on co.id = s.counterpart_organisation_id
	left join public.organisations fo on fo.id = s.facilitator_organisation_id
	left join lateral (
		select msg.created_at, msg.sender_id from public.venture_messages msg
		where msg.interest_id = s.id order by msg.id desc limit 1
	) as lm on true
	order by greatest(s.stage_changed_at, s.updated_at) desc, s.id;
end;
$$;
comment on function public.my_pipeline() is
	'The caller''s pipelines as owner, counterpart or facilitator (the SME board): names only once revealed (mutual), awaiting_me, stalled (no stage change for stall_days), last message. Never null: interest_id, venture_id, role, title, side, venture_status, stage, initiated_by, awaiting_me, revealed, match_reasons, stage_changed_at, stalled, created_at.';
revoke execute on function public.my_pipeline() from public, anon, authenticated;
grant execute on function public.my_pipeline() to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions: outcomes, jobs and settings
-- ---------------------------------------------------------------------------------------------------------------------

-- Public outcome figures by corridor (the returnee's home country) and sector: introductions (pipelines that reached
-- introduced), meetings (reached first_meeting) and agreements (reached mou or jv_registered), closed ones included.
-- Small-cell suppression: a count under 5 is null, a row with every count suppressed is left out, and no totals are
-- published (neither per country, per sector nor overall), so no suppressed cell can be recovered by subtraction;
-- the three counts of a row are nested (agreements ⊆ meetings ⊆ introductions), not parts of a sum.
create function public.venture_outcomes()
returns table (corridor_country text, sector public.sector, introductions integer, meetings integer, agreements integer)
language sql
stable
security definer
set search_path = ''
as $$
	select c.country::text, c.sector,
		case when c.introductions >= 5 then c.introductions end,
		case when c.meetings >= 5 then c.meetings end,
		case when c.agreements >= 5 then c.agreements end
	from (
		select i.corridor_country as country, v.sector,
			(count(*) filter (where i.furthest_stage >= 'introduced'))::integer as introductions,
			(count(*) filter (where i.furthest_stage >= 'first_meeting'))::integer as meetings,
			(count(*) filter (where i.furthest_stage >= 'mou'))::integer as agreements
		from public.venture_interests i
		join public.ventures v on v.id = i.venture_id
		where i.corridor_country is not null and i.furthest_stage >= 'introduced'
		group by i.corridor_country, v.sector
	) as c
	where c.introductions >= 5 or c.meetings >= 5 or c.agreements >= 5
	order by c.country, c.sector;
$$;
comment on function public.venture_outcomes() is
	'Public outcome figures by corridor country and sector (introductions, meetings, agreements); counts under 5 are null, fully suppressed rows left out, no totals. Never null: corridor_country, sector.';
revoke execute on function public.venture_outcomes() from public, anon, authenticated;
grant execute on function public.venture_outcomes() to anon, authenticated, service_role;

-- The stall reminders a job should send at p_now: one row per person to remind for each open pipeline (interest …
-- mou) whose stage has not changed for stall_days days and that was not reminded in the last stall_days days (nor
-- since this stage began). A waiting interest reminds the side that must answer; a mutual pipeline reminds both
-- sides (the opportunity's poster, or its organisation's owners when the poster is gone; the counterpart, or their
-- organisation's owners), unless they turned joint-venture emails off (email_ventures), with the token for the
-- email's unsubscribe link. Stamps reminded_at = p_now. Service role only.
create function public.stalled_pipelines_due(p_now timestamptz default now())
returns table (
	interest_id uuid,
	venture_id uuid,
	user_id uuid,
	email text,
	locale text,
	display_name text,
	role text,
	title text,
	stage public.pipeline_stage,
	stage_changed_at timestamptz,
	days_stalled integer,
	unsubscribe_token uuid
)
language sql
security definer
set search_path = ''
-- A handful of rows: compiling the plan (PostgreSQL's JIT, when estimates on fresh tables run high) costs seconds.
set jit = off
as $$
	with settings as (
		select make_interval(days => s.stall_days) as period from private.venture_settings s
	),
	due as (
		select i.id
		from public.venture_interests i, settings
		where i.stage < 'jv_registered'
			and i.stage_changed_at <= p_now - settings.period
			and (i.reminded_at is null or i.reminded_at < i.stage_changed_at or i.reminded_at <= p_now - settings.period)
	),
	stamped as (
		update public.venture_interests i
		set reminded_at = p_now
		from due
		where i.id = due.id
		returning i.id, i.venture_id, i.counterpart_id, i.counterpart_organisation_id, i.initiated_by, i.stage,
			i.stage_changed_at
	),
	recipients as (
		-- The opportunity's side: its poster while they still own it, else its organisation's owners.
		select s.*, r.user_id, 'owner' as role, v.title, v.side
		from stamped s
		join public.ventures v on v.id = s.venture_id
		cross join lateral (
			select v.owner_id as user_id
			where v.owner_id is not null
				and (v.side = 'returnee' or exists (
					select 1 from public.organisation_members m where m.organisation_id = v.organisation_id and m.user_id = v.owner_id))
			union all
			select m.user_id from public.organisation_members m
			where m.organisation_id = v.organisation_id and m.role = 'owner'
				and not (v.owner_id is not null and exists (
					select 1 from public.organisation_members m2 where m2.organisation_id = v.organisation_id and m2.user_id = v.owner_id))
		) as r
		where s.stage <> 'interest' or s.initiated_by <> v.side
		union all
		-- The counterpart's side: the person, else their organisation's owners.
		select s.*, r.user_id, 'counterpart', v.title, v.side
		from stamped s
		join public.ventures v on v.id = s.venture_id
		cross join lateral (
			select s.counterpart_id as user_id where s.counterpart_id is not null
			union all
			select m.user_id from public.organisation_members m
			where s.counterpart_id is null and m.organisation_id = s.counterpart_organisation_id and m.role = 'owner'
		) as r
		where s.stage <> 'interest' or s.initiated_by = v.side
	)
	select r.id, r.venture_id, r.user_id, u.email::text, p.locale, p.display_name, r.role, r.title, r.stage,
		r.stage_changed_at, floor(extract(epoch from p_now - r.stage_changed_at) / 86400)::integer,
		np.unsubscribe_token
	from recipients r
	join public.profiles p on p.id = r.user_id
	join auth.users u on u.id = r.user_id
	join public.notification_preferences np on np.user_id = r.user_id
	where u.email is not null and np.email_ventures
	order by r.stage_changed_at, r.id, r.user_id;
$$;
comment on function public.stalled_pipelines_due(timestamptz) is
	'Service role only: the stall reminders due at p_now, one row per person to remind who wants joint-venture emails (stamps reminded_at). Never null: interest_id, venture_id, user_id, email, locale, display_name, role, title, stage, stage_changed_at, days_stalled, unsubscribe_token.';
revoke execute on function public.stalled_pipelines_due(timestamptz) from public, anon, authenticated;
grant execute on function public.stalled_pipelines_due(timestamptz) to service_role;

-- Changes the venture settings (null leaves a value as it is). Service role only.
create function public.set_venture_settings(p_stall_days integer default null)
returns void
language sql
set search_path = ''
as $$
	update private.venture_settings s set stall_days = coalesce(p_stall_days, s.stall_days);
$$;
comment on function public.set_venture_settings(integer) is 'Service role only: changes the days after which a pipeline counts as stalled.';
revoke execute on function public.set_venture_settings(integer) from public, anon, authenticated;
grant execute on function public.set_venture_settings(integer) to service_role;

-- ---------------------------------------------------------------------------------------------------------------------
-- Account: ventures in the export
-- ---------------------------------------------------------------------------------------------------------------------

-- The "ventures" section of the account export for p_uid: opportunities they posted, interests they made (or were
-- invited to) as counterpart, messages they sent and milestones they logged — what they wrote or chose, never the
-- other side's identity.
create function private.export_ventures_data(p_uid uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
	select jsonb_build_object(
		'ventures_posted', coalesce((
			select jsonb_agg(to_jsonb(v) - array['search_document', 'owner_id'] order by v.created_at, v.id)
			from public.ventures v where v.owner_id = p_uid), '[]'::jsonb),
		'interests', coalesce((
			select jsonb_agg(jsonb_build_object(
				'id', i.id, 'venture_id', i.venture_id, 'acting_for_organisation_id', i.counterpart_organisation_id,
				'initiated_by', i.initiated_by, 'stage', i.stage, 'furthest_stage', i.furthest_stage,
				'message', i.message, 'match_score', i.match_score, 'match_reasons', i.match_reasons,
				'mutual_at', i.mutual_at, 'introduced_at', i.introduced_at, 'close_reason', i.close_reason,
				'close_note', i.close_note, 'closed_at', i.closed_at, 'created_at', i.created_at)
				order by i.created_at, i.id)
			from public.venture_interests i where i.counterpart_id = p_uid), '[]'::jsonb),
		'messages_sent', coalesce((
			select jsonb_agg(jsonb_build_object(
				'id', m.id, 'interest_id', m.interest_id, 'body', m.body, 'created_at', m.created_at) order by m.id)
			from public.venture_messages m where m.sender_id = p_uid), '[]'::jsonb),
		'milestones_logged', coalesce((
			select jsonb_agg(jsonb_build_object(
				'id', m.id, 'interest_id', m.interest_id, 'stage', m.stage, 'note', m.note,
				'happened_on', m.happened_on, 'created_at', m.created_at) order by m.id)
			from public.venture_milestones m where m.created_by = p_uid), '[]'::jsonb)
	);
$$;
revoke execute on function private.export_ventures_data(uuid) from public, anon, authenticated;

-- The export so far (0600 + 0800) becomes private.export_data_before_ventures; export_my_data adds "ventures".
alter function public.export_my_data() rename to export_data_before_ventures;
alter function public.export_data_before_ventures() set schema private;
revoke execute on function private.export_data_before_ventures() from public, anon, authenticated;
comment on function private.export_data_before_ventures() is
	'export_my_data() without its "ventures" section (the account, mentoring and everything before).';

create function public.export_my_data()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
begin
	if v_uid is null then
		raise exception 'sign in to export your data' using errcode = '42501';
	end if;
	return private.export_data_before_ventures()
		|| jsonb_build_object('ventures', private.export_ventures_data(v_uid));
end;
$$;
comment on function public.export_my_data() is
	'Everything the portal holds about the caller as one JSON document (files are listed; the app downloads them).';
revoke execute on function public.export_my_data() from public, anon, authenticated;
grant execute on function public.export_my_data() to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Notifications: the joint-venture emails (kind 'ventures')
-- ---------------------------------------------------------------------------------------------------------------------

-- notification_recipient() and unsubscribe() of 0800 become private.*_before_ventures; the public functions add the
-- kind 'ventures' (email_ventures) and hand every other kind to them.
alter function public.notification_recipient(uuid, text) rename to notification_recipient_before_ventures;
alter function public.notification_recipient_before_ventures(uuid, text) set schema private;
revoke execute on function private.notification_recipient_before_ventures(uuid, text) from public, anon, authenticated, service_role;
comment on function private.notification_recipient_before_ventures(uuid, text) is
	'notification_recipient() for the mentoring kinds (requests, answers, messages, expiry).';

alter function public.unsubscribe(uuid, text) rename to unsubscribe_before_ventures;
alter function public.unsubscribe_before_ventures(uuid, text) set schema private;
revoke execute on function private.unsubscribe_before_ventures(uuid, text) from public, anon, authenticated, service_role;
comment on function private.unsubscribe_before_ventures(uuid, text) is
	'unsubscribe() for the mentoring kinds and all (without email_ventures).';

-- Where to send an email of kind p_kind (requests, answers, messages, expiry — or ventures) to member p_user_id: one
-- row when they want it (email, locale, name, unsubscribe token), none when they opted out or are gone. Service
-- role only.
create function public.notification_recipient(p_user_id uuid, p_kind text)
returns table (email text, locale text, display_name text, unsubscribe_token uuid)
language sql
stable
security definer
set search_path = ''
as $$
	select r.email, r.locale, r.display_name, r.unsubscribe_token
	from private.notification_recipient_before_ventures(p_user_id, p_kind) as r
	where p_kind is distinct from 'ventures'
	union all
	select u.email::text, p.locale, p.display_name, np.unsubscribe_token
	from public.notification_preferences np
	join public.profiles p on p.id = np.user_id
	join auth.users u on u.id = np.user_id
	where p_kind = 'ventures' and np.user_id = p_user_id and u.email is not null and np.email_ventures;
$$;
comment on function public.notification_recipient(uuid, text) is
	'Service role only: the address, locale and unsubscribe token for an email of a kind (mentoring kinds or ventures), if the person wants it. Never null: email, locale, display_name, unsubscribe_token.';
revoke execute on function public.notification_recipient(uuid, text) from public, anon, authenticated;
grant execute on function public.notification_recipient(uuid, text) to service_role;

-- One-click unsubscribe from an email link (no sign-in): p_kind is requests, answers, messages, expiry, ventures or
-- all. Errors: mentoring.invalid_kind, mentoring.not_found (unknown token).
create function public.unsubscribe(p_token uuid, p_kind text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	if p_kind = 'ventures' then
		update public.notification_preferences np set email_ventures = false where np.unsubscribe_token = p_token;
		if not found then
			raise exception 'mentoring.not_found' using errcode = 'P0001';
		end if;
		return;
	end if;
	perform private.unsubscribe_before_ventures(p_token, p_kind);
	if p_kind = 'all' then
		update public.notification_preferences np set email_ventures = false where np.unsubscribe_token = p_token;
	end if;
end;
$$;
comment on function public.unsubscribe(uuid, text) is
	'One-click unsubscribe with an email''s token: requests, answers, messages, expiry, ventures or all.';
revoke execute on function public.unsubscribe(uuid, text) from public, anon, authenticated;
grant execute on function public.unsubscribe(uuid, text) to anon, authenticated, service_role;
