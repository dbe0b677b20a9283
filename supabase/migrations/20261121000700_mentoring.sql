-- =====================================================================================================================
-- Section: mentoring
--
-- Mentor profiles, explainable matching, mentorships with a lifecycle that respects people's time, one private
-- thread per mentorship, private feedback, reports and blocks. The contract with the site is
-- /tmp/mentoring-contract.md; why it works this way: docs/decisions/010-mentoring.md.
--
-- Lifecycle (every transition goes through an RPC below; API roles write none of these tables directly):
--
--   request_mentorship ──► requested ──accept──► active ──both complete──► completed
--                            │   ▲  │                │
--                   ask_info │   │  └─decline──► declined
--                            ▼   │ mentee replies    └──cancel (either side)──► cancelled
--                       info_requested
--   requested / info_requested ──expires_at passes──► expired   (expire_mentorship_requests, run by a job)
--
-- A request that expires unanswered pauses its mentor (paused_reason = 'unanswered_requests') until they unpause;
-- a question the mentee left unanswered expires without blaming the mentor. Time is read from now() or passed in
-- (p_now), so tests move it by passing p_now or by changing timestamps as the service role, never by sleeping.
--
-- Errors the RPCs raise for the site to translate: SQLSTATE P0001 with message 'mentoring.<code>' (see the RPC
-- section). Constraints repeat every length rule, so a write that slips past an RPC still fails (23514).
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------------------------------

create type public.mentoring_topic as enum (
	'financing',
	'registration_licences',
	'marketing',
	'operations_quality',
	'japanese_business_practice',
	'exporting_to_japan',
	'hiring',
	'agriculture',
	'construction',
	'care',
	'food',
	'manufacturing',
	'it',
	'tourism',
	'returning_home',   -- resettling, using skills at home
	'going_to_japan'    -- for people in Japan or preparing: rights, fees, life and work
);
comment on type public.mentoring_topic is 'What a mentor can help with and what a mentee asks about.';

create type public.mentoring_format as enum ('chat', 'video_call', 'in_person');
comment on type public.mentoring_format is 'How a mentor is willing to meet.';

create type public.mentorship_status as enum (
	'requested', 'info_requested', 'active', 'declined', 'completed', 'cancelled', 'expired'
);
comment on type public.mentorship_status is
	'Where a mentorship stands. Open: requested (waiting for the mentor), info_requested (waiting for the mentee), active. Closed: declined, completed, cancelled, expired.';

create type public.decline_reason as enum ('no_capacity', 'outside_expertise', 'language', 'other');
comment on type public.decline_reason is 'Why a mentor declined a request (optional).';

create type public.report_reason as enum ('spam', 'harassment', 'scam_or_fees', 'inappropriate', 'other');
comment on type public.report_reason is 'Why someone reported a person, a mentorship or a message.';

create type public.report_status as enum ('open', 'actioned', 'dismissed');
comment on type public.report_status is 'Where a report stands in the moderation queue.';

create type public.mentorship_outcome as enum (
	'started_business', 'grew_business', 'found_partner', 'found_funding', 'found_job', 'went_to_japan',
	'no_change_yet', 'other'
);
comment on type public.mentorship_outcome is 'What came of a mentorship for the person giving feedback.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

create table private.mentoring_settings (
	id boolean primary key default true check (id),
	request_expiry_days integer not null default 14 check (request_expiry_days between 1 and 90),
	max_pending_per_mentor integer not null default 5 check (max_pending_per_mentor between 1 and 50),
	max_open_requests_per_mentee integer not null default 3 check (max_open_requests_per_mentee between 1 and 20),
	decline_cooldown_days integer not null default 90 check (decline_cooldown_days between 0 and 365)
);
comment on table private.mentoring_settings is
	'The one row of mentoring settings. Changed by the service role through public.set_mentoring_settings(); read by the RPCs and shown by public.matching_weights().';
comment on column private.mentoring_settings.request_expiry_days is 'Days a request waits for an answer (or a question for the mentee''s reply) before it expires.';
comment on column private.mentoring_settings.max_pending_per_mentor is 'Fairness cap: a mentor with this many requests waiting for their answer gets no new ones and leaves the matches until they answer.';
comment on column private.mentoring_settings.max_open_requests_per_mentee is 'Requests one mentee may have waiting at a time (requested or info_requested).';
comment on column private.mentoring_settings.decline_cooldown_days is 'Days a mentor who declined a mentee is left out of that mentee''s matches.';

create table public.mentor_profiles (
	user_id uuid primary key references public.profiles (id) on delete cascade,
	about text,
	topics public.mentoring_topic[] not null,
	sectors public.sector[] not null default '{}',
	languages text[] not null,
	countries public.country_code[] not null default '{}',
	formats public.mentoring_format[] not null default '{chat}',
	capacity smallint not null default 2,
	paused boolean not null default false,
	paused_reason text,
	active_count smallint not null default 0,
	waiting_count smallint not null default 0,
	expired_count integer not null default 0,
	reply_days smallint,
	last_active_at timestamptz not null default now(),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.mentor_profiles is
	'A member''s offer to mentor. Written by its owner; readable by the owner, staff, and signed-in members who may see the owner''s profile. Counters and last_active_at are kept by the system.';
comment on column public.mentor_profiles.user_id is 'The mentor (their profile).';
comment on column public.mentor_profiles.about is 'What the mentor offers, in their words; plain text, at most 1,000 characters.';
comment on column public.mentor_profiles.topics is 'Topics they can help with (1–8).';
comment on column public.mentor_profiles.sectors is 'Business sectors they know (0–6).';
comment on column public.mentor_profiles.languages is 'ISO 639-1 codes of the languages they mentor in (1–6). A mentee must share one.';
comment on column public.mentor_profiles.countries is 'Countries they can advise on (0–10).';
comment on column public.mentor_profiles.formats is 'How they meet: chat, video call, in person (at least one).';
comment on column public.mentor_profiles.capacity is 'How many active mentees they take at a time (1–10).';
comment on column public.mentor_profiles.paused is 'Not taking requests. The owner switches it; the system sets it when a request expires unanswered.';
comment on column public.mentor_profiles.paused_reason is 'self (the owner paused) or unanswered_requests (a request expired); null when not paused. Only the system writes it.';
comment on column public.mentor_profiles.active_count is 'Maintained by trigger: active mentorships.';
comment on column public.mentor_profiles.waiting_count is 'Maintained by trigger: requests waiting for this mentor''s answer (status requested).';
comment on column public.mentor_profiles.expired_count is 'Maintained by trigger: requests this mentor let expire without any answer.';
comment on column public.mentor_profiles.reply_days is 'Maintained by trigger: "usually replies within N days", the median days to a first answer over the last 20 answered requests, at least 1; null before any.';
comment on column public.mentor_profiles.last_active_at is 'When the mentor last did something in mentoring (edited this profile, answered, wrote, read a thread). Kept by the RPCs.';

create table private.mentor_cards (
	user_id uuid primary key references public.mentor_profiles (user_id) on delete cascade,
	available boolean not null,
	topics public.mentoring_topic[] not null,
	sectors public.sector[] not null,
	languages text[] not null,
	countries public.country_code[] not null,
	capacity integer not null,
	active_count integer not null,
	waiting_count integer not null,
	expired_count integer not null,
	reply_days integer,
	profile_visibility public.visibility_level not null,
	returnee boolean not null,
	home_country public.country_code,
	country_visibility public.visibility_level not null,
	japan_field public.ssw_field,
	field_visibility public.visibility_level not null,
	jlpt_level public.jlpt_level,
	japanese_visibility public.visibility_level not null,
	business_stage public.business_stage not null,
	business_sector public.sector,
	business_visibility public.visibility_level not null
);
comment on table private.mentor_cards is
	'What matching reads, one row per mentor profile: the offer, its load, and the profile fields matching scores on with their visibility, so match_mentors scans one narrow table instead of joining 100,000 profiles. Kept by triggers on mentor_profiles and profiles; no API role reads it.';
comment on column private.mentor_cards.available is 'Not paused, a place free, and a named profile.';
comment on column private.mentor_cards.returnee is 'The profile''s kinds include returnee (for senpai).';

create table public.mentorships (
	id uuid primary key default gen_random_uuid(),
	mentee_id uuid references public.profiles (id) on delete set null,
	mentor_id uuid references public.profiles (id) on delete set null,
	status public.mentorship_status not null default 'requested',
	topic public.mentoring_topic not null,
	goal text not null,
	match_score smallint,
	match_reasons jsonb not null default '[]'::jsonb,
	decline_reason public.decline_reason,
	decline_note text,
	requested_at timestamptz not null default now(),
	responded_at timestamptz,
	expires_at timestamptz,
	accepted_at timestamptz,
	mentee_completed_at timestamptz,
	mentor_completed_at timestamptz,
	ended_at timestamptz,
	cancelled_by uuid references public.profiles (id) on delete set null,
	updated_at timestamptz not null default now()
);
comment on table public.mentorships is
	'A mentee''s request to a mentor and the mentorship it becomes. Readable by its two members (and by staff once a report names it or one of its messages); changed only through the mentoring RPCs.';
comment on column public.mentorships.mentee_id is 'Who asked; null once that account is deleted (the mentorship stays for the mentor).';
comment on column public.mentorships.mentor_id is 'Who was asked; null once that account is deleted (the mentorship stays for the mentee).';
comment on column public.mentorships.status is 'Where it stands; see the lifecycle in the migration banner.';
comment on column public.mentorships.topic is 'What the mentee asks about.';
comment on column public.mentorships.goal is 'The mentee''s goal in one line (1–200 characters).';
comment on column public.mentorships.match_score is 'Match score (0–100) when the request was made.';
comment on column public.mentorships.match_reasons is 'The reasons behind the score when the request was made, as match_mentors() returned them; shown to both sides. Cleared when either account is deleted.';
comment on column public.mentorships.decline_reason is 'Why the mentor declined, when they said.';
comment on column public.mentorships.decline_note is 'A note from the mentor with the decline (at most 500 characters).';
comment on column public.mentorships.requested_at is 'When the mentee asked.';
comment on column public.mentorships.responded_at is 'The mentor''s first answer (accept, decline or a question); feeds reply_days.';
comment on column public.mentorships.expires_at is 'When an open request expires: the mentor''s answer is due (requested) or the mentee''s reply (info_requested). Null once active or closed.';
comment on column public.mentorships.accepted_at is 'When the mentor accepted.';
comment on column public.mentorships.mentee_completed_at is 'When the mentee confirmed completion.';
comment on column public.mentorships.mentor_completed_at is 'When the mentor confirmed completion.';
comment on column public.mentorships.ended_at is 'When it closed (declined, completed, cancelled or expired).';
comment on column public.mentorships.cancelled_by is 'Who cancelled; null when the system did (a deleted account) or that account is gone.';

create table public.mentorship_messages (
	id bigint generated always as identity primary key,
	mentorship_id uuid not null references public.mentorships (id) on delete cascade,
	sender_id uuid references public.profiles (id) on delete set null,
	body text not null,
	created_at timestamptz not null default now()
);
comment on table public.mentorship_messages is
	'The thread of a mentorship. Readable by its two members, and by staff only once a report names the mentorship or the message. Written only through request_mentorship, respond_mentorship (a question) and send_mentorship_message.';
comment on column public.mentorship_messages.sender_id is 'Who wrote it; null once that account is deleted (shown as "a former member").';
comment on column public.mentorship_messages.body is 'Plain text as typed (1–4,000 characters); HTML is kept verbatim and always shown as text.';

create table public.mentorship_reads (
	mentorship_id uuid not null references public.mentorships (id) on delete cascade,
	user_id uuid not null references public.profiles (id) on delete cascade,
	last_read_at timestamptz not null default now(),
	primary key (mentorship_id, user_id)
);
comment on table public.mentorship_reads is
	'How far each member has read a thread (for unread counts). Each person reads only their own rows; written by mark_mentorship_read().';
comment on column public.mentorship_reads.last_read_at is 'Messages after this are unread.';

create table public.mentorship_feedback (
	mentorship_id uuid not null references public.mentorships (id) on delete cascade,
	author_role text not null,
	author_id uuid references public.profiles (id) on delete set null,
	useful smallint not null,
	goals_met text not null,
	outcome public.mentorship_outcome not null,
	comment text,
	created_at timestamptz not null default now(),
	primary key (mentorship_id, author_role)
);
comment on table public.mentorship_feedback is
	'Private feedback after a completed mentorship, once per side. Only its author and staff read a row; mentors see aggregates of their mentees'' feedback (mentor_feedback_summary), and only from 3 responses.';
comment on column public.mentorship_feedback.author_role is 'mentee or mentor: which side gave it.';
comment on column public.mentorship_feedback.author_id is 'Who gave it; null once that account is deleted (the figures stay in aggregates, the comment goes).';
comment on column public.mentorship_feedback.useful is 'How useful it was, 1 (not at all) to 5 (very).';
comment on column public.mentorship_feedback.goals_met is 'yes, partly or no.';
comment on column public.mentorship_feedback.outcome is 'What came of it.';
comment on column public.mentorship_feedback.comment is 'Private comment (at most 1,000 characters): only the author and staff ever read it.';

create table public.reports (
	id uuid primary key default gen_random_uuid(),
	reporter_id uuid references public.profiles (id) on delete set null,
	reported_user_id uuid references public.profiles (id) on delete set null,
	mentorship_id uuid references public.mentorships (id) on delete set null,
	message_id bigint references public.mentorship_messages (id) on delete set null,
	reason public.report_reason not null,
	details text,
	status public.report_status not null default 'open',
	handled_by uuid references public.profiles (id) on delete set null,
	handled_at timestamptz,
	resolution_note text,
	created_at timestamptz not null default now()
);
comment on table public.reports is
	'Reports of a person, a mentorship or a message, for staff to handle in the moderation queue. The reporter reads their own; staff read all. A report naming a mentorship lets staff read its thread; one naming a message lets them read that message.';
comment on column public.reports.reporter_id is 'Who reported; null once that account is deleted.';
comment on column public.reports.reported_user_id is 'The person reported (for a message: its sender; for a mentorship: the other side).';
comment on column public.reports.mentorship_id is 'The mentorship reported: staff may read its whole thread.';
comment on column public.reports.message_id is 'The message reported: staff may read that message.';
comment on column public.reports.details is 'What happened, in the reporter''s words (at most 1,000 characters).';
comment on column public.reports.status is 'open until staff decide: actioned or dismissed.';
comment on column public.reports.handled_by is 'Staff member who decided.';
comment on column public.reports.resolution_note is 'Staff''s note on the decision (at most 500 characters).';

create table public.blocks (
	blocker_id uuid not null references public.profiles (id) on delete cascade,
	blocked_id uuid not null references public.profiles (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (blocker_id, blocked_id)
);
comment on table public.blocks is
	'Who blocked whom. A block ends open mentorships between the two, hides each from the other''s matches and refuses requests and messages between them. The blocker reads and removes their own; made by block_member().';

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

insert into private.mentoring_settings (id) values (true);

-- ISO 639-1 codes, the same list profiles.languages is checked against.
create function private.is_language_list(value text[])
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
	select array_position(value, null) is null
		and value <@ '{aa,ab,ae,af,ak,am,an,ar,as,av,ay,az,ba,be,bg,bi,bm,bn,bo,br,bs,ca,ce,ch,co,cr,cs,cu,cv,cy,da,de,dv,dz,ee,el,en,eo,es,et,eu,fa,ff,fi,fj,fo,fr,fy,ga,gd,gl,gn,gu,gv,ha,he,hi,ho,hr,ht,hu,hy,hz,ia,id,ie,ig,ii,ik,io,is,it,iu,ja,jv,ka,kg,ki,kj,kk,kl,km,kn,ko,kr,ks,ku,kv,kw,ky,la,lb,lg,li,ln,lo,lt,lu,lv,mg,mh,mi,mk,ml,mn,mr,ms,mt,my,na,nb,nd,ne,ng,nl,nn,no,nr,nv,ny,oc,oj,om,or,os,pa,pi,pl,ps,pt,qu,rm,rn,ro,ru,rw,sa,sc,sd,se,sg,si,sk,sl,sm,sn,so,sq,sr,ss,st,su,sv,sw,ta,te,tg,th,ti,tk,tl,tn,to,tr,ts,tt,tw,ty,ug,uk,ur,uz,ve,vi,vo,wa,wo,xh,yi,yo,za,zh,zu}'::text[];
$$;
comment on function private.is_language_list(text[]) is 'True when every element is an ISO 639-1 code (and none is null).';
revoke execute on function private.is_language_list(text[]) from public, anon, authenticated;
grant execute on function private.is_language_list(text[]) to authenticated, service_role;

-- Plain text: multi-line text may hold tabs and line breaks, single-line text no control character at all.
alter table public.mentor_profiles
	add constraint mentor_profiles_about_check
		check (char_length(about) between 1 and 1000 and about !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint mentor_profiles_topics_check
		check (cardinality(topics) between 1 and 8 and array_position(topics, null) is null),
	add constraint mentor_profiles_sectors_check
		check (cardinality(sectors) <= 6 and array_position(sectors, null) is null),
	add constraint mentor_profiles_languages_check
		check (cardinality(languages) between 1 and 6 and private.is_language_list(languages)),
	add constraint mentor_profiles_countries_check
		check (cardinality(countries) <= 10 and array_position(countries, null) is null),
	add constraint mentor_profiles_formats_check
		check (cardinality(formats) between 1 and 3 and array_position(formats, null) is null),
	add constraint mentor_profiles_capacity_check check (capacity between 1 and 10),
	add constraint mentor_profiles_paused_reason_check check (
		(paused and paused_reason in ('self', 'unanswered_requests')) or (not paused and paused_reason is null)),
	add constraint mentor_profiles_counts_check
		check (active_count >= 0 and waiting_count >= 0 and expired_count >= 0 and reply_days >= 1);

alter table public.mentorships
	add constraint mentorships_members_check check (mentee_id <> mentor_id),
	add constraint mentorships_goal_check
		check (char_length(goal) between 1 and 200 and goal !~ '[[:cntrl:]]'),
	add constraint mentorships_match_score_check check (match_score between 0 and 100),
	add constraint mentorships_match_reasons_check check (jsonb_typeof(match_reasons) = 'array'),
	add constraint mentorships_decline_check check (
		status = 'declined' or (decline_reason is null and decline_note is null)),
	add constraint mentorships_decline_note_check
		check (char_length(decline_note) between 1 and 500 and decline_note !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint mentorships_expires_check
		check ((status in ('requested', 'info_requested')) = (expires_at is not null)),
	add constraint mentorships_ended_check
		check ((status in ('declined', 'completed', 'cancelled', 'expired')) = (ended_at is not null)),
	add constraint mentorships_completed_check check (
		status <> 'completed' or (mentee_completed_at is not null and mentor_completed_at is not null));

alter table public.mentorship_messages
	add constraint mentorship_messages_body_check check (
		char_length(body) between 1 and 4000 and btrim(body, E' \t\r\n') <> ''
		and body !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]');

alter table public.mentorship_feedback
	add constraint mentorship_feedback_author_role_check check (author_role in ('mentee', 'mentor')),
	add constraint mentorship_feedback_useful_check check (useful between 1 and 5),
	add constraint mentorship_feedback_goals_met_check check (goals_met in ('yes', 'partly', 'no')),
	add constraint mentorship_feedback_comment_check
		check (char_length(comment) between 1 and 1000 and comment !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]');

alter table public.reports
	add constraint reports_details_check
		check (char_length(details) between 1 and 1000 and details !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint reports_resolution_note_check check (
		char_length(resolution_note) between 1 and 500 and resolution_note !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
	add constraint reports_handled_check check ((status = 'open') = (handled_at is null));

alter table public.blocks
	add constraint blocks_not_self_check check (blocker_id <> blocked_id);

-- One open mentorship (request or active) per mentee and mentor.
create unique index mentorships_open_pair_key on public.mentorships (mentee_id, mentor_id)
	where status in ('requested', 'info_requested', 'active');
create index mentorships_mentee_id_idx on public.mentorships (mentee_id, status);
create index mentorships_mentor_id_idx on public.mentorships (mentor_id, status);
create index mentorships_cancelled_by_idx on public.mentorships (cancelled_by);
-- The expiry job reads due requests in order.
create index mentorships_expires_at_idx on public.mentorships (expires_at)
	where status in ('requested', 'info_requested');
-- reply_days: a mentor's latest answered requests.
create index mentorships_mentor_responded_idx on public.mentorships (mentor_id, responded_at desc)
	where responded_at is not null;
create index mentorship_messages_thread_idx on public.mentorship_messages (mentorship_id, created_at);
create index mentorship_messages_sender_id_idx on public.mentorship_messages (sender_id);
create index mentorship_reads_user_id_idx on public.mentorship_reads (user_id);
create index mentorship_feedback_author_id_idx on public.mentorship_feedback (author_id);
create index reports_reporter_id_idx on public.reports (reporter_id);
create index reports_reported_user_id_idx on public.reports (reported_user_id);
create index reports_mentorship_id_idx on public.reports (mentorship_id);
create index reports_message_id_idx on public.reports (message_id);
create index reports_handled_by_idx on public.reports (handled_by);
create index reports_queue_idx on public.reports (created_at) where status = 'open';
create index blocks_blocked_id_idx on public.blocks (blocked_id);
-- Matching's hard constraint: a shared language (selective for mentees who speak no widely shared language; for
-- the rest most cards qualify and matching scans the 5,000 narrow rows).
create index mentor_cards_languages_idx on private.mentor_cards using gin (languages);

-- ---------------------------------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------------------------------

revoke all on private.mentoring_settings, private.mentor_cards from public, anon, authenticated;
grant all on private.mentoring_settings, private.mentor_cards to service_role;

-- Mentor profiles: the owner writes their offer and the pause switch, never the counters or paused_reason.
revoke all on public.mentor_profiles from public, anon, authenticated;
grant all on public.mentor_profiles to service_role;
grant select, delete on public.mentor_profiles to authenticated;
grant insert (user_id, about, topics, sectors, languages, countries, formats, capacity, paused)
	on public.mentor_profiles to authenticated;
grant update (about, topics, sectors, languages, countries, formats, capacity, paused)
	on public.mentor_profiles to authenticated;

-- Everything else is read through RLS and written by the RPCs (blocks: the blocker may also delete).
revoke all on public.mentorships, public.mentorship_messages, public.mentorship_reads, public.mentorship_feedback,
	public.reports, public.blocks from public, anon, authenticated;
grant all on public.mentorships, public.mentorship_messages, public.mentorship_reads, public.mentorship_feedback,
	public.reports, public.blocks to service_role;
grant select on public.mentorships, public.mentorship_messages, public.mentorship_reads, public.mentorship_feedback,
	public.reports, public.blocks to authenticated;
grant delete on public.blocks to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------------------------

alter table private.mentoring_settings enable row level security;
alter table private.mentor_cards enable row level security;
alter table public.mentor_profiles enable row level security;
alter table public.mentorships enable row level security;
alter table public.mentorship_messages enable row level security;
alter table public.mentorship_reads enable row level security;
alter table public.mentorship_feedback enable row level security;
alter table public.reports enable row level security;
alter table public.blocks enable row level security;

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- Tidies a mentor profile (trims, arrays de-duplicated and sorted) and keeps the system's columns the system's:
-- for API roles, paused_reason follows the pause switch ('self'; a system pause keeps its reason until the owner
-- unpauses), and editing counts as being active. Security invoker, so current_user is the caller's role.
create function private.mentor_profiles_prepare()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.about := nullif(btrim(new.about), '');
	new.topics := array(select distinct x from unnest(new.topics) as x order by x);
	new.sectors := array(select distinct x from unnest(new.sectors) as x order by x);
	new.languages := array(select distinct x from unnest(new.languages) as x order by x);
	new.countries := array(select distinct x from unnest(new.countries) as x order by x);
	new.formats := array(select distinct x from unnest(new.formats) as x order by x);
	if private.is_privileged_role() then
		if tg_op = 'UPDATE' and (new.about, new.topics, new.sectors, new.languages, new.countries, new.formats,
			new.capacity, new.paused) is distinct from (old.about, old.topics, old.sectors, old.languages,
			old.countries, old.formats, old.capacity, old.paused) then
			new.updated_at := now();
		end if;
		return new;
	end if;
	if tg_op = 'INSERT' then
		new.paused_reason := case when new.paused then 'self' end;
		new.created_at := now();
	elsif not new.paused then
		new.paused_reason := null;
	elsif not old.paused then
		new.paused_reason := 'self';
	end if;
	new.last_active_at := now();
	new.updated_at := now();
	return new;
end;
$$;
revoke execute on function private.mentor_profiles_prepare() from public, anon, authenticated;

create trigger mentor_profiles_prepare
	before insert or update on public.mentor_profiles
	for each row execute function private.mentor_profiles_prepare();

-- Rebuilds mentor p_user_id's card from their mentor profile and profile (or removes it).
create function private.refresh_mentor_card(p_user_id uuid)
returns void
language sql
set search_path = ''
as $$
	delete from private.mentor_cards c
	where c.user_id = p_user_id and not exists (select 1 from public.mentor_profiles mp where mp.user_id = p_user_id);
	insert into private.mentor_cards (user_id, available, topics, sectors, languages, countries, capacity, active_count,
		waiting_count, expired_count, reply_days, profile_visibility, returnee, home_country, country_visibility,
		japan_field, field_visibility, jlpt_level, japanese_visibility, business_stage, business_sector,
		business_visibility)
	select mp.user_id, not mp.paused and mp.active_count < mp.capacity and p.display_name <> '',
		mp.topics, mp.sectors, mp.languages, mp.countries, mp.capacity, mp.active_count, mp.waiting_count,
		mp.expired_count, mp.reply_days, p.profile_visibility, 'returnee' = any (p.kinds), p.home_country,
		p.country_visibility, p.japan_field, p.field_visibility, p.jlpt_level, p.japanese_visibility,
		p.business_stage, p.business_sector, p.business_visibility
	from public.mentor_profiles mp
	join public.profiles p on p.id = mp.user_id
	where mp.user_id = p_user_id
	on conflict (user_id) do update set
		available = excluded.available, topics = excluded.topics, sectors = excluded.sectors,
		languages = excluded.languages, countries = excluded.countries, capacity = excluded.capacity,
		active_count = excluded.active_count, waiting_count = excluded.waiting_count,
		expired_count = excluded.expired_count, reply_days = excluded.reply_days,
		profile_visibility = excluded.profile_visibility, returnee = excluded.returnee,
		home_country = excluded.home_country, country_visibility = excluded.country_visibility,
		japan_field = excluded.japan_field, field_visibility = excluded.field_visibility,
		jlpt_level = excluded.jlpt_level, japanese_visibility = excluded.japanese_visibility,
		business_stage = excluded.business_stage, business_sector = excluded.business_sector,
		business_visibility = excluded.business_visibility;
$$;
revoke execute on function private.refresh_mentor_card(uuid) from public, anon, authenticated;

-- Keeps the card in step with the mentor profile. Security definer: the card is private.
create function private.mentor_profiles_refresh_card()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.refresh_mentor_card(new.user_id);
	return null;
end;
$$;
revoke execute on function private.mentor_profiles_refresh_card() from public, anon, authenticated;

create trigger mentor_profiles_refresh_card
	after insert or update of topics, sectors, languages, countries, capacity, paused, active_count, waiting_count,
		expired_count, reply_days on public.mentor_profiles
	for each row execute function private.mentor_profiles_refresh_card();

-- Keeps a mentor's card in step with the profile fields matching scores on. Security definer: the card is private.
create function private.profiles_refresh_mentor_card()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if exists (select 1 from private.mentor_cards c where c.user_id = new.id) then
		perform private.refresh_mentor_card(new.id);
	end if;
	return null;
end;
$$;
revoke execute on function private.profiles_refresh_mentor_card() from public, anon, authenticated;

create trigger profiles_refresh_mentor_card
	after update of display_name, profile_visibility, kinds, home_country, country_visibility, japan_field,
		field_visibility, jlpt_level, japanese_visibility, business_stage, business_sector, business_visibility
	on public.profiles
	for each row execute function private.profiles_refresh_mentor_card();

-- A mentor who withdraws their offer (deletes the profile, also with their account) declines what still waits for
-- them, so no mentee waits for an answer that cannot come.
create function private.mentor_profiles_close_requests()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update public.mentorships m
	set status = 'declined', decline_reason = 'no_capacity', expires_at = null, ended_at = now()
	where m.mentor_id = old.user_id and m.status in ('requested', 'info_requested');
	return old;
end;
$$;
revoke execute on function private.mentor_profiles_close_requests() from public, anon, authenticated;

create trigger mentor_profiles_close_requests
	after delete on public.mentor_profiles
	for each row execute function private.mentor_profiles_close_requests();

-- Recounts a mentor's load and reply time from their mentorships (called by the trigger below).
create function private.refresh_mentor_stats(p_mentor uuid)
returns void
language sql
set search_path = ''
as $$
	update public.mentor_profiles mp
	set active_count = s.active, waiting_count = s.waiting, expired_count = s.expired, reply_days = s.reply_days
	from (
		select
			count(*) filter (where m.status = 'active') as active,
			count(*) filter (where m.status = 'requested') as waiting,
			count(*) filter (where m.status = 'expired' and m.responded_at is null) as expired,
			(
				select case when d.median is not null then greatest(1, ceil(d.median))::smallint end
				from (
					select percentile_cont(0.5) within group (
						order by extract(epoch from r.responded_at - r.requested_at) / 86400) as median
					from (
						select a.responded_at, a.requested_at from public.mentorships a
						where a.mentor_id = p_mentor and a.responded_at is not null
						order by a.responded_at desc
						limit 20
					) as r
				) as d
			) as reply_days
		from public.mentorships m
		where m.mentor_id = p_mentor
	) as s
	where mp.user_id = p_mentor
		and (mp.active_count, mp.waiting_count, mp.expired_count, mp.reply_days)
			is distinct from (s.active::smallint, s.waiting::smallint, s.expired::integer, s.reply_days);
$$;
revoke execute on function private.refresh_mentor_stats(uuid) from public, anon, authenticated;

-- Keeps every mentor's counters and reply time true, whatever changed the mentorship (an RPC, the expiry job, the
-- service role, an account deletion). Security definer: mentor_profiles is the mentor's, not the caller's.
create function private.mentorships_refresh_stats()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_op <> 'INSERT' and old.mentor_id is not null then
		perform private.refresh_mentor_stats(old.mentor_id);
	end if;
	if tg_op <> 'DELETE' and new.mentor_id is not null
		and (tg_op = 'INSERT' or new.mentor_id is distinct from old.mentor_id) then
		perform private.refresh_mentor_stats(new.mentor_id);
	end if;
	return null;
end;
$$;
revoke execute on function private.mentorships_refresh_stats() from public, anon, authenticated;

create trigger mentorships_refresh_stats
	after insert or delete or update of mentee_id, mentor_id, status, requested_at, responded_at on public.mentorships
	for each row execute function private.mentorships_refresh_stats();

-- Stamps updated_at. When either account is deleted (FK set null) an open mentorship is cancelled (nobody is left
-- to answer) and the match reasons, which describe both people, are cleared.
create function private.mentorships_prepare()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.updated_at := now();
	if (old.mentee_id is not null and new.mentee_id is null) or (old.mentor_id is not null and new.mentor_id is null) then
		new.match_reasons := '[]'::jsonb;
		if new.status in ('requested', 'info_requested', 'active') then
			new.status := 'cancelled';
			new.expires_at := null;
			new.ended_at := now();
		end if;
	end if;
	return new;
end;
$$;
revoke execute on function private.mentorships_prepare() from public, anon, authenticated;

create trigger mentorships_prepare
	before update on public.mentorships
	for each row execute function private.mentorships_prepare();

-- When the author's account is deleted the figures stay (the mentor's aggregates) and the private comment goes.
create function private.mentorship_feedback_forget_author()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if old.author_id is not null and new.author_id is null then
		new.comment := null;
	end if;
	return new;
end;
$$;
revoke execute on function private.mentorship_feedback_forget_author() from public, anon, authenticated;

create trigger mentorship_feedback_forget_author
	before update of author_id on public.mentorship_feedback
	for each row execute function private.mentorship_feedback_forget_author();

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- Whether the caller (tier p_level, from private.viewer_level()) may see member p_id's profile at all: signed in
-- (not an anonymous sign-in) and the profile is listed for that tier. Gates reading mentor profiles.
create function private.can_see_member(p_id uuid, p_level public.visibility_level)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select (select auth.uid()) is not null
		and not private.is_anonymous_session()
		and exists (
			select 1 from public.profiles p
			where p.id = p_id and p.display_name <> '' and p.profile_visibility <= p_level
		);
$$;
revoke execute on function private.can_see_member(uuid, public.visibility_level) from public, anon, authenticated;
grant execute on function private.can_see_member(uuid, public.visibility_level) to authenticated;

-- The mentor_profiles policy asks for the caller's tier once per statement.
grant execute on function private.viewer_level() to authenticated;

-- Whether the caller is the mentee or the mentor of mentorship p_id.
create function private.is_mentorship_member(p_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.mentorships m
		where m.id = p_id and (select auth.uid()) in (m.mentee_id, m.mentor_id)
	);
$$;
revoke execute on function private.is_mentorship_member(uuid) from public, anon, authenticated;
grant execute on function private.is_mentorship_member(uuid) to authenticated;

-- Whether a report names mentorship p_id or one of its messages (staff may then read the mentorship).
create function private.is_reported_mentorship(p_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (select 1 from public.reports r where r.mentorship_id = p_id)
		or exists (
			select 1 from public.reports r
			join public.mentorship_messages msg on msg.id = r.message_id
			where msg.mentorship_id = p_id
		);
$$;
revoke execute on function private.is_reported_mentorship(uuid) from public, anon, authenticated;
grant execute on function private.is_reported_mentorship(uuid) to authenticated;

-- Whether a report names message p_message_id or its mentorship p_mentorship_id (staff may then read the message).
create function private.is_reported_message(p_mentorship_id uuid, p_message_id bigint)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.reports r
		where r.mentorship_id = p_mentorship_id or r.message_id = p_message_id
	);
$$;
revoke execute on function private.is_reported_message(uuid, bigint) from public, anon, authenticated;
grant execute on function private.is_reported_message(uuid, bigint) to authenticated;

-- Whether either of two people blocked the other.
create function private.is_blocked(p_a uuid, p_b uuid)
returns boolean
language sql
stable
set search_path = ''
as $$
	select exists (
		select 1 from public.blocks b
		where (b.blocker_id = p_a and b.blocked_id = p_b) or (b.blocker_id = p_b and b.blocked_id = p_a)
	);
$$;
revoke execute on function private.is_blocked(uuid, uuid) from public, anon, authenticated;

-- The signed-in caller who may take part in mentoring: a real account (not an anonymous sign-in) with a named
-- profile. Raises mentoring.not_allowed otherwise (mentoring.profile_required when the profile has no name yet).
create function private.mentoring_caller()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
begin
	if v_uid is null or private.is_anonymous_session() then
		raise exception 'mentoring.not_allowed' using errcode = 'P0001';
	end if;
	if not exists (select 1 from public.profiles p where p.id = v_uid and p.display_name <> '') then
		raise exception 'mentoring.profile_required' using errcode = 'P0001';
	end if;
	return v_uid;
end;
$$;
revoke execute on function private.mentoring_caller() from public, anon, authenticated;
grant execute on function private.mentoring_caller() to authenticated;

-- Validates plain text an RPC received: raises mentoring.<p_empty_code> when blank and p_required,
-- mentoring.<p_long_code> when longer than p_max, mentoring.invalid_text when it holds control characters
-- (p_multiline allows tabs and line breaks). Returns the text as typed, or null when blank and optional.
create function private.mentoring_text(
	p_value text, p_max integer, p_required boolean, p_multiline boolean, p_empty_code text, p_long_code text
)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
	if p_value is null or btrim(p_value, E' \t\r\n') = '' then
		if p_required then
			raise exception 'mentoring.%', p_empty_code using errcode = 'P0001';
		end if;
		return null;
	end if;
	if char_length(p_value) > p_max then
		raise exception 'mentoring.%', p_long_code using errcode = 'P0001';
	end if;
	if (p_multiline and p_value ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]') or (not p_multiline and p_value ~ '[[:cntrl:]]') then
		raise exception 'mentoring.invalid_text' using errcode = 'P0001';
	end if;
	return p_value;
end;
$$;
revoke execute on function private.mentoring_text(text, integer, boolean, boolean, text, text) from public, anon, authenticated;

-- Marks a mentor as active now (no-op for people without a mentor profile).
create function private.touch_mentor(p_user_id uuid)
returns void
language sql
set search_path = ''
as $$
	update public.mentor_profiles mp set last_active_at = now() where mp.user_id = p_user_id;
$$;
revoke execute on function private.touch_mentor(uuid) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------------------------------

-- SELECT(mentor_profiles): the owner, staff, and signed-in members who may see the owner's profile.
create policy mentor_profiles_select_visible on public.mentor_profiles
	for select to authenticated
	using (user_id = (select auth.uid()) or (select private.is_staff()) or private.can_see_member(user_id, (select private.viewer_level())));

-- INSERT(mentor_profiles): the owner, for themselves, not as an anonymous sign-in.
create policy mentor_profiles_insert_owner on public.mentor_profiles
	for insert to authenticated
	with check (user_id = (select auth.uid()) and not (select private.is_anonymous_session()));

-- UPDATE(mentor_profiles): the owner.
create policy mentor_profiles_update_owner on public.mentor_profiles
	for update to authenticated
	using (user_id = (select auth.uid()))
	with check (user_id = (select auth.uid()));

-- DELETE(mentor_profiles): the owner (their waiting requests are declined).
create policy mentor_profiles_delete_owner on public.mentor_profiles
	for delete to authenticated
	using (user_id = (select auth.uid()));

-- SELECT(mentorships): its two members; staff once a report names it or one of its messages.
create policy mentorships_select_member_or_staff on public.mentorships
	for select to authenticated
	using ((select auth.uid()) in (mentee_id, mentor_id) or ((select private.is_staff()) and private.is_reported_mentorship(id)));

-- INSERT/UPDATE/DELETE(mentorships): none; the RPCs below.

-- SELECT(mentorship_messages): the mentorship's two members; staff once a report names the message or its mentorship.
create policy mentorship_messages_select_member_or_staff on public.mentorship_messages
	for select to authenticated
	using (private.is_mentorship_member(mentorship_id) or ((select private.is_staff()) and private.is_reported_message(mentorship_id, id)));

-- INSERT/UPDATE/DELETE(mentorship_messages): none; request_mentorship, respond_mentorship, send_mentorship_message.

-- SELECT(mentorship_reads): one's own read marks.
create policy mentorship_reads_select_own on public.mentorship_reads
	for select to authenticated
	using (user_id = (select auth.uid()));

-- INSERT/UPDATE/DELETE(mentorship_reads): none; mark_mentorship_read.

-- SELECT(mentorship_feedback): its author and staff; never the other side.
create policy mentorship_feedback_select_author_or_staff on public.mentorship_feedback
	for select to authenticated
	using (author_id = (select auth.uid()) or (select private.is_staff()));

-- INSERT/UPDATE/DELETE(mentorship_feedback): none; submit_mentorship_feedback.

-- SELECT(reports): the reporter; staff.
create policy reports_select_reporter_or_staff on public.reports
	for select to authenticated
	using (reporter_id = (select auth.uid()) or (select private.is_staff()));

-- INSERT/UPDATE/DELETE(reports): none; report and decide_report.

-- SELECT(blocks): the blocker.
create policy blocks_select_blocker on public.blocks
	for select to authenticated
	using (blocker_id = (select auth.uid()));

-- DELETE(blocks): the blocker (unblocking; unblock_member does the same).
create policy blocks_delete_blocker on public.blocks
	for delete to authenticated
	using (blocker_id = (select auth.uid()));

-- INSERT/UPDATE(blocks): none; block_member (it also ends open mentorships).

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions: matching
-- ---------------------------------------------------------------------------------------------------------------------

-- How matching scores a mentor for a mentee. The one place these numbers live: private.mentor_matches() reads them
-- from here, the public "how matching works" page renders them, and a test keeps page and SQL in agreement.
--
-- Hard constraints (a mentor who fails one is not shown):
--   - a shared language: the mentee's profile languages ∩ the mentor's mentoring languages;
--   - not paused; a place free (active mentees < capacity);
--   - fewer than max_waiting_requests requests already waiting for the mentor's answer (fairness cap);
--   - not blocked either way, not the mentee themselves, no open request or mentorship already between the two,
--     and the mentor did not decline this mentee in the last decline_cooldown_days days;
--   - the mentor's profile is listed for the mentee (visibility).
-- Points (kind 'points'), each with a reason {"code", …params, "points"} shown to both sides:
--   topic 25               the mentor covers the topic asked about                       (topic)
--   shared_sector 15       a sector the mentor knows is the mentee's business sector or Japan field   (sector)
--   same_field 10          both worked in the same SSW field in Japan                   (field)
--   shared_languages 10    they share a language besides Japanese; 5 (shared_japanese_only) when only
--                          Japanese                                                      (languages, jlpt)
--   same_country 10        same home country                                            (country)
--   advises_country 5      the mentor advises on the mentee's home country              (country)
--   founded_business 10    the mentor runs a business (started or growing)              (stage, sector)
--   places_free 5          × free places / capacity, rounded                            (free, capacity)
--   replies_quickly 10     usually replies within quick_reply_days (2) days; 5 (replies_within_week) within
--                          week_reply_days (7)                                           (days)
--   new_mentor 5           no answered request yet and none let expire (a fair start)
--   senpai 15              the mentee is in Japan or preparing to go, and the mentor is a returnee from the same
--                          home country and SSW field                                   (country, field)
-- Penalty (kind 'penalty'): waiting 4 points off per request waiting for the mentor's answer (reason "waiting",
--   count, negative points).
-- Score = max(0, min(100, sum of points) − penalty). Ties are broken by a hash of mentee and mentor ids: stable for
-- one mentee, different for the next, so equal mentors take turns at the top.
-- Privacy: a mentor's fields count only when the mentee may see them; a mentee's fields (country, field, business
-- sector, JLPT, whether they are in Japan or preparing) count only when every signed-in member may see them, because
-- the reasons are shown to the mentor too. Languages always count: they are the hard constraint.
-- Limits and days (kinds 'limit', 'days') come live from private.mentoring_settings.
create function public.matching_weights()
returns table (code text, kind text, value integer)
language sql
stable
security definer
set search_path = ''
as $$
	select t.code, t.kind, t.value
	from (
	select w.n, w.code, w.kind, w.value
	from (values
		(1, 'topic', 'points', 25),
		(2, 'shared_sector', 'points', 15),
		(3, 'same_field', 'points', 10),
		(4, 'shared_languages', 'points', 10),
		(5, 'shared_japanese_only', 'points', 5),
		(6, 'same_country', 'points', 10),
		(7, 'advises_country', 'points', 5),
		(8, 'founded_business', 'points', 10),
		(9, 'places_free', 'points', 5),
		(10, 'replies_quickly', 'points', 10),
		(11, 'replies_within_week', 'points', 5),
		(12, 'new_mentor', 'points', 5),
		(13, 'senpai', 'points', 15),
		(14, 'waiting', 'penalty', 4),
		(15, 'quick_reply_days', 'days', 2),
		(16, 'week_reply_days', 'days', 7)
	) as w (n, code, kind, value)
	union all
	select s.n, s.code, s.kind, s.value
	from private.mentoring_settings m
	cross join lateral (values
		(17, 'max_waiting_requests', 'limit', m.max_pending_per_mentor),
		(18, 'max_open_requests_per_mentee', 'limit', m.max_open_requests_per_mentee),
		(19, 'request_expiry_days', 'days', m.request_expiry_days),
		(20, 'decline_cooldown_days', 'days', m.decline_cooldown_days)
	) as s (n, code, kind, value)
	) as t
	order by t.n;
$$;
comment on function public.matching_weights() is
	'The numbers behind mentor matching: points per reason, the waiting penalty, and the live limits and days. Never null: code, kind, value.';
revoke execute on function public.matching_weights() from public, anon, authenticated;
grant execute on function public.matching_weights() to anon, authenticated, service_role;

-- Mentors for mentee p_mentee as a viewer of tier p_level sees them, scored and explained (see matching_weights()),
-- best first; p_only restricts it to one mentor (the score a request stores). Scans private.mentor_cards (one narrow
-- row per mentor, no join), sorts on the score, and builds the reasons and reads the profiles only for the rows of
-- the page. PL/pgSQL so its plan is cached per session. Called by match_mentors and request_mentorship, which run as
-- the owner.
create function private.mentor_matches(
	p_mentee uuid,
	p_level public.visibility_level,
	p_topic public.mentoring_topic,
	p_only uuid,
	p_limit integer,
	p_offset integer
)
returns table (
	mentor_id uuid,
	display_name text,
	avatar_path text,
	headline text,
	home_country text,
	verified boolean,
	topics public.mentoring_topic[],
	sectors public.sector[],
	languages text[],
	formats public.mentoring_format[],
	capacity integer,
	active_count integer,
	places_free integer,
	reply_days integer,
	last_active_at timestamptz,
	score integer,
	reasons jsonb,
	senpai boolean
)
language plpgsql
stable
set search_path = ''
as $$
declare
	w record;         -- the numbers of matching_weights(), by code
	me record;        -- the mentee's values every signed-in member may see (the reasons are shown to the mentor too)
	v_excluded uuid[]; -- blocked either way, already asked, or declined the mentee recently
begin
	select
		max(x.value) filter (where x.code = 'topic') as topic,
		max(x.value) filter (where x.code = 'shared_sector') as shared_sector,
		max(x.value) filter (where x.code = 'same_field') as same_field,
		max(x.value) filter (where x.code = 'shared_languages') as shared_languages,
		max(x.value) filter (where x.code = 'shared_japanese_only') as shared_japanese_only,
		max(x.value) filter (where x.code = 'same_country') as same_country,
		max(x.value) filter (where x.code = 'advises_country') as advises_country,
		max(x.value) filter (where x.code = 'founded_business') as founded_business,
		max(x.value) filter (where x.code = 'places_free') as places_free,
		max(x.value) filter (where x.code = 'replies_quickly') as replies_quickly,
		max(x.value) filter (where x.code = 'replies_within_week') as replies_within_week,
		max(x.value) filter (where x.code = 'new_mentor') as new_mentor,
		max(x.value) filter (where x.code = 'senpai') as senpai,
		max(x.value) filter (where x.code = 'waiting') as waiting,
		max(x.value) filter (where x.code = 'quick_reply_days') as quick_reply_days,
		max(x.value) filter (where x.code = 'week_reply_days') as week_reply_days,
		max(x.value) filter (where x.code = 'max_waiting_requests') as max_waiting_requests,
		max(x.value) filter (where x.code = 'decline_cooldown_days') as decline_cooldown_days
	into w
	from public.matching_weights() as x;

	select
		p.languages,
		array_remove(p.languages, 'ja') as other_languages,
		case when p.profile_visibility <= 'members' and p.country_visibility <= 'members' then p.home_country end as country,
		case when p.profile_visibility <= 'members' and p.field_visibility <= 'members' then p.japan_field end as field,
		case when p.profile_visibility <= 'members' and p.japanese_visibility <= 'members' then p.jlpt_level end as jlpt,
		array_remove(array[
			case when p.profile_visibility <= 'members' and p.business_visibility <= 'members' then p.business_sector end,
			case when p.profile_visibility <= 'members' and p.field_visibility <= 'members' then p.japan_field::text::public.sector end
		], null) as sectors,
		p.profile_visibility <= 'members' and p.kinds && '{in_japan,preparing}'::public.member_kind[] as kohai
	into me
	from public.profiles p
	where p.id = p_mentee;
	if not found then
		return;
	end if;

	v_excluded := array(
		select b.blocked_id from public.blocks b where b.blocker_id = p_mentee
		union all
		select b.blocker_id from public.blocks b where b.blocked_id = p_mentee
		union all
		select m.mentor_id from public.mentorships m
		where m.mentee_id = p_mentee and m.mentor_id is not null
			and (m.status in ('requested', 'info_requested', 'active')
				or (p_only is null and m.status = 'declined'
					and m.ended_at > now() - make_interval(days => w.decline_cooldown_days)))
	);

	return query
	with visible as (
		select
			c.user_id, c.topics, c.sectors, c.languages, c.countries, c.capacity, c.active_count, c.waiting_count,
			c.expired_count, c.reply_days, c.returnee,
			case when c.country_visibility <= p_level then c.home_country end as country,
			case when c.field_visibility <= p_level then c.japan_field end as field,
			case when c.japanese_visibility <= p_level then c.jlpt_level end as jlpt,
			case when c.business_visibility <= p_level then c.business_stage end as stage,
			case when c.business_visibility <= p_level then c.business_sector end as business_sector
		from private.mentor_cards c
		where c.available
			and c.waiting_count < w.max_waiting_requests
			and c.profile_visibility <= p_level
			and c.languages && me.languages
			and c.user_id <> p_mentee
			and c.user_id <> all (v_excluded)
			and (p_only is null or c.user_id = p_only)
	),
	points as (
		select
			v.*,
			case when v.topics @> array[p_topic] then w.topic else 0 end as topic_points,
			case when v.sectors && me.sectors or v.business_sector = any (me.sectors) then w.shared_sector else 0 end as sector_points,
			case when v.field = me.field then w.same_field else 0 end as field_points,
			case when v.languages && me.other_languages then w.shared_languages else w.shared_japanese_only end as language_points,
			case when v.country = me.country then w.same_country else 0 end as country_points,
			case when me.country = any (v.countries) then w.advises_country else 0 end as advises_points,
			case when v.stage in ('started', 'growing') then w.founded_business else 0 end as business_points,
			(2 * w.places_free * (v.capacity - v.active_count) + v.capacity) / (2 * v.capacity) as places_points,
			case
				when v.reply_days <= w.quick_reply_days then w.replies_quickly
				when v.reply_days <= w.week_reply_days then w.replies_within_week
				else 0
			end as reply_points,
			case when v.reply_days is null and v.expired_count = 0 then w.new_mentor else 0 end as new_points,
			case when me.kohai and v.returnee and v.country = me.country and v.field = me.field then w.senpai else 0 end as senpai_points,
			w.waiting * v.waiting_count as waiting_points
		from visible v
	),
	page as (
		select
			pt.*,
			greatest(0, least(100,
				pt.topic_points + pt.sector_points + pt.field_points + pt.language_points + pt.country_points
				+ pt.advises_points + pt.business_points + pt.places_points + pt.reply_points + pt.new_points
				+ pt.senpai_points) - pt.waiting_points) as total,
			pg_catalog.hashtext(p_mentee::text || pt.user_id::text) as tiebreak
		from points pt
		order by total desc, tiebreak, pt.user_id
		limit p_limit offset p_offset
	)
	select
		pg.user_id,
		p.display_name,
		p.avatar_path,
		case when p.headline_visibility <= p_level then p.headline end,
		pg.country::text,
		p.verified,
		pg.topics,
		pg.sectors,
		pg.languages,
		mp.formats,
		pg.capacity,
		pg.active_count,
		pg.capacity - pg.active_count,
		pg.reply_days,
		mp.last_active_at,
		pg.total,
		to_jsonb(array_remove(array[
			case when pg.topic_points > 0 then jsonb_build_object('code', 'topic', 'topic', p_topic, 'points', pg.topic_points) end,
			case when pg.senpai_points > 0 then jsonb_build_object('code', 'senpai', 'country', pg.country, 'field', pg.field, 'points', pg.senpai_points) end,
			case when pg.sector_points > 0 then jsonb_build_object('code', 'shared_sector', 'sector', coalesce(
				(select s from unnest(pg.sectors) as s where s = any (me.sectors) order by s limit 1), pg.business_sector),
				'points', pg.sector_points) end,
			case when pg.field_points > 0 then jsonb_build_object('code', 'same_field', 'field', pg.field, 'points', pg.field_points) end,
			jsonb_build_object('code', 'shared_languages',
				'languages', to_jsonb(array(select l from unnest(pg.languages) as l where l = any (me.languages) order by l)),
				'jlpt', case when 'ja' = any (pg.languages) and 'ja' = any (me.languages) and pg.jlpt is not null
					and me.jlpt is not null then least(pg.jlpt, me.jlpt) end,
				'points', pg.language_points),
			case when pg.country_points > 0 then jsonb_build_object('code', 'same_country', 'country', pg.country, 'points', pg.country_points) end,
			case when pg.advises_points > 0 then jsonb_build_object('code', 'advises_country', 'country', me.country, 'points', pg.advises_points) end,
			case when pg.business_points > 0 then jsonb_build_object('code', 'founded_business', 'stage', pg.stage, 'sector', pg.business_sector, 'points', pg.business_points) end,
			case when pg.places_points > 0 then jsonb_build_object('code', 'places_free', 'free', pg.capacity - pg.active_count, 'capacity', pg.capacity, 'points', pg.places_points) end,
			case when pg.reply_points > 0 then jsonb_build_object('code', 'replies_quickly', 'days', pg.reply_days, 'points', pg.reply_points) end,
			case when pg.new_points > 0 then jsonb_build_object('code', 'new_mentor', 'points', pg.new_points) end,
			case when pg.waiting_points > 0 then jsonb_build_object('code', 'waiting', 'count', pg.waiting_count, 'points', -pg.waiting_points) end
		], null)),
		pg.senpai_points > 0
	from page pg
	join public.profiles p on p.id = pg.user_id
	join public.mentor_profiles mp on mp.user_id = pg.user_id
	order by pg.total desc, pg.tiebreak, pg.user_id;
end;
$$;
revoke execute on function private.mentor_matches(uuid, public.visibility_level, public.mentoring_topic, uuid, integer, integer) from public, anon, authenticated;

-- Mentors for the caller as mentee, best first, each with a score (0–100) and the reasons for it. Only mentors who
-- pass every hard constraint appear; see public.matching_weights() for the rules and numbers.
--   p_topic   what the mentee wants help with (without it no mentor gets topic points)
--   p_limit   1–50 (default 10); p_offset 0–1000
--   p_mentor_id  only this mentor (the request page): no row when they are not a match for the caller now
create function public.match_mentors(
	p_topic public.mentoring_topic default null,
	p_limit integer default 10,
	p_offset integer default 0,
	p_mentor_id uuid default null
)
returns table (
	mentor_id uuid,
	display_name text,
	avatar_path text,
	headline text,
	home_country text,
	verified boolean,
	topics public.mentoring_topic[],
	sectors public.sector[],
	languages text[],
	formats public.mentoring_format[],
	capacity integer,
	active_count integer,
	places_free integer,
	reply_days integer,
	last_active_at timestamptz,
	score integer,
	reasons jsonb,
	senpai boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
begin
	return query
	select * from private.mentor_matches(
		v_uid, private.viewer_level(), p_topic, p_mentor_id,
		least(greatest(coalesce(p_limit, 10), 1), 50), least(greatest(coalesce(p_offset, 0), 0), 1000));
end;
$$;
comment on function public.match_mentors(public.mentoring_topic, integer, integer, uuid) is
	'Mentors for the caller as mentee, best first, with a score (0–100) and its reasons, from values the caller may see. Never null: mentor_id, display_name, verified, topics, sectors, languages, formats, capacity, active_count, places_free, last_active_at, score, reasons, senpai.';
revoke execute on function public.match_mentors(public.mentoring_topic, integer, integer, uuid) from public, anon, authenticated;
grant execute on function public.match_mentors(public.mentoring_topic, integer, integer, uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions: lifecycle
--
-- Every function validates its input and raises SQLSTATE P0001 with a message code the site translates:
--   mentoring.not_allowed          not signed in as a member, or not the caller's mentorship / not open to them
--   mentoring.profile_required     the caller's profile has no name yet
--   mentoring.not_found            no such mentorship, mentor, message, member or report (or not visible)
--   mentoring.self_request         asking oneself
--   mentoring.mentor_paused        the mentor is paused
--   mentoring.mentor_full          no place free, or too many requests already waiting for the mentor
--   mentoring.duplicate_request    an open request or mentorship with that mentor already exists
--   mentoring.too_many_requests    the mentee already has max_open_requests_per_mentee requests waiting
--   mentoring.no_shared_language   mentee and mentor share no language
--   mentoring.blocked              one of the two blocked the other
--   mentoring.topic_required       no topic
--   mentoring.goal_invalid         goal empty, over 200 characters or not one line
--   mentoring.message_empty        message empty
--   mentoring.message_too_long     message (or question) over 4,000 characters
--   mentoring.question_required    ask_info without a question
--   mentoring.note_too_long        decline note over 500 characters
--   mentoring.invalid_text         control characters in text
--   mentoring.invalid_action       respond_mentorship with an action other than accept, decline, ask_info
--   mentoring.invalid_transition   the mentorship is open but not in a state that allows this
--   mentoring.closed               the mentorship is closed (declined, completed, cancelled, expired)
-- ---------------------------------------------------------------------------------------------------------------------

-- Asks mentor p_mentor_id for mentoring on p_topic with a one-line goal and a first message. Stores the match score
-- and reasons as the mentee saw them, and when the request expires. Returns the new mentorship's id.
create function public.request_mentorship(
	p_mentor_id uuid,
	p_topic public.mentoring_topic,
	p_goal text,
	p_message text
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
	v_level public.visibility_level := private.viewer_level();
	v_settings private.mentoring_settings;
	v_mentor public.mentor_profiles;
	v_goal text;
	v_message text;
	v_match record;
	v_id uuid;
begin
	if p_mentor_id is null then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
	if p_mentor_id = v_uid then
		raise exception 'mentoring.self_request' using errcode = 'P0001';
	end if;
	if p_topic is null then
		raise exception 'mentoring.topic_required' using errcode = 'P0001';
	end if;
	v_goal := btrim(private.mentoring_text(p_goal, 200, true, false, 'goal_invalid', 'goal_invalid'));
	v_message := private.mentoring_text(p_message, 4000, true, true, 'message_empty', 'message_too_long');

	select * into v_settings from private.mentoring_settings;
	-- Locks the mentor's row: two requests at once cannot both take the last place.
	select * into v_mentor from public.mentor_profiles mp where mp.user_id = p_mentor_id for update;
	if not found or not exists (
		select 1 from public.profiles p
		where p.id = p_mentor_id and p.display_name <> '' and p.profile_visibility <= v_level
	) then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
	if private.is_blocked(v_uid, p_mentor_id) then
		raise exception 'mentoring.blocked' using errcode = 'P0001';
	end if;
	if exists (
		select 1 from public.mentorships m
		where m.mentee_id = v_uid and m.mentor_id = p_mentor_id and m.status in ('requested', 'info_requested', 'active')
	) then
		raise exception 'mentoring.duplicate_request' using errcode = 'P0001';
	end if;
	if v_mentor.paused then
		raise exception 'mentoring.mentor_paused' using errcode = 'P0001';
	end if;
	if v_mentor.active_count >= v_mentor.capacity or v_mentor.waiting_count >= v_settings.max_pending_per_mentor then
		raise exception 'mentoring.mentor_full' using errcode = 'P0001';
	end if;
	if (select count(*) from public.mentorships m
		where m.mentee_id = v_uid and m.status in ('requested', 'info_requested')) >= v_settings.max_open_requests_per_mentee then
		raise exception 'mentoring.too_many_requests' using errcode = 'P0001';
	end if;
	if not exists (
		select 1 from public.profiles p where p.id = v_uid and p.languages && v_mentor.languages
	) then
		raise exception 'mentoring.no_shared_language' using errcode = 'P0001';
	end if;

	select * into v_match from private.mentor_matches(v_uid, v_level, p_topic, p_mentor_id, 1, 0);
	insert into public.mentorships (mentee_id, mentor_id, status, topic, goal, match_score, match_reasons, expires_at)
	values (v_uid, p_mentor_id, 'requested', p_topic, v_goal, v_match.score, coalesce(v_match.reasons, '[]'::jsonb),
		now() + make_interval(days => v_settings.request_expiry_days))
	returning id into v_id;
	insert into public.mentorship_messages (mentorship_id, sender_id, body) values (v_id, v_uid, v_message);
	return v_id;
exception
	when unique_violation then
		raise exception 'mentoring.duplicate_request' using errcode = 'P0001';
end;
$$;
comment on function public.request_mentorship(uuid, public.mentoring_topic, text, text) is
	'Asks a mentor for mentoring (goal: one line, 1–200 characters; message: 1–4,000). Returns the mentorship id.';
revoke execute on function public.request_mentorship(uuid, public.mentoring_topic, text, text) from public, anon, authenticated;
grant execute on function public.request_mentorship(uuid, public.mentoring_topic, text, text) to authenticated;

-- Loads mentorship p_id for update and checks the caller belongs to it (p_role: 'mentor', 'mentee' or null for
-- either side) and that it is open. Returns the row.
create function private.open_mentorship_for(p_id uuid, p_uid uuid, p_role text)
returns public.mentorships
language plpgsql
set search_path = ''
as $$
declare
	v_row public.mentorships;
begin
	select * into v_row from public.mentorships m where m.id = p_id for update;
	if not found then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
	if (p_role = 'mentor' and v_row.mentor_id is distinct from p_uid)
		or (p_role = 'mentee' and v_row.mentee_id is distinct from p_uid)
		or (p_role is null and p_uid is distinct from v_row.mentee_id and p_uid is distinct from v_row.mentor_id) then
		raise exception 'mentoring.not_allowed' using errcode = 'P0001';
	end if;
	if v_row.status in ('declined', 'completed', 'cancelled', 'expired') then
		raise exception 'mentoring.closed' using errcode = 'P0001';
	end if;
	return v_row;
end;
$$;
revoke execute on function private.open_mentorship_for(uuid, uuid, text) from public, anon, authenticated;

-- The mentor answers a request: 'accept' (→ active; refused when full), 'decline' (optionally with a reason and a
-- note of at most 500 characters) or 'ask_info' (p_note is the question, posted in the thread; → info_requested,
-- and the mentee has request_expiry_days to reply). Returns the new status.
create function public.respond_mentorship(
	p_id uuid,
	p_action text,
	p_reason public.decline_reason default null,
	p_note text default null
)
returns public.mentorship_status
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
	v_row public.mentorships;
	v_mentor public.mentor_profiles;
	v_note text;
	v_days integer := (select s.request_expiry_days from private.mentoring_settings s);
begin
	v_row := private.open_mentorship_for(p_id, v_uid, 'mentor');
	if p_action is null or p_action not in ('accept', 'decline', 'ask_info') then
		raise exception 'mentoring.invalid_action' using errcode = 'P0001';
	end if;
	if v_row.status = 'active' or (p_action = 'ask_info' and v_row.status <> 'requested') then
		raise exception 'mentoring.invalid_transition' using errcode = 'P0001';
	end if;

	if p_action = 'accept' then
		select * into v_mentor from public.mentor_profiles mp where mp.user_id = v_uid for update;
		if not found or v_mentor.active_count >= v_mentor.capacity then
			raise exception 'mentoring.mentor_full' using errcode = 'P0001';
		end if;
		update public.mentorships m
		set status = 'active', accepted_at = now(), expires_at = null, responded_at = coalesce(m.responded_at, now())
		where m.id = p_id;
	elsif p_action = 'decline' then
		v_note := private.mentoring_text(p_note, 500, false, true, 'note_too_long', 'note_too_long');
		update public.mentorships m
		set status = 'declined', decline_reason = p_reason, decline_note = v_note, expires_at = null, ended_at = now(),
			responded_at = coalesce(m.responded_at, now())
		where m.id = p_id;
	else
		v_note := private.mentoring_text(p_note, 4000, true, true, 'question_required', 'message_too_long');
		insert into public.mentorship_messages (mentorship_id, sender_id, body) values (p_id, v_uid, v_note);
		update public.mentorships m
		set status = 'info_requested', expires_at = now() + make_interval(days => v_days),
			responded_at = coalesce(m.responded_at, now())
		where m.id = p_id;
	end if;
	perform private.touch_mentor(v_uid);
	return (select m.status from public.mentorships m where m.id = p_id);
end;
$$;
comment on function public.respond_mentorship(uuid, text, public.decline_reason, text) is
	'The mentor answers a request: accept, decline (reason and note optional) or ask_info (p_note is the question). Returns the new status.';
revoke execute on function public.respond_mentorship(uuid, text, public.decline_reason, text) from public, anon, authenticated;
grant execute on function public.respond_mentorship(uuid, text, public.decline_reason, text) to authenticated;

-- Posts a message in the thread of mentorship p_id (1–4,000 characters, plain text kept as typed). Open
-- mentorships only: the mentee may write while the request waits (their reply to a question sends it back to the
-- mentor with a new expiry); the mentor writes once they have answered (ask_info, or active). Returns the message id.
create function public.send_mentorship_message(p_id uuid, p_body text)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
	v_row public.mentorships;
	v_body text;
	v_message_id bigint;
	v_days integer := (select s.request_expiry_days from private.mentoring_settings s);
begin
	v_row := private.open_mentorship_for(p_id, v_uid, null);
	if private.is_blocked(v_row.mentee_id, v_row.mentor_id) then
		raise exception 'mentoring.blocked' using errcode = 'P0001';
	end if;
	if v_uid = v_row.mentor_id and v_row.status = 'requested' then
		-- The mentor answers a waiting request with accept, decline or a question (respond_mentorship).
		raise exception 'mentoring.invalid_transition' using errcode = 'P0001';
	end if;
	v_body := private.mentoring_text(p_body, 4000, true, true, 'message_empty', 'message_too_long');
	insert into public.mentorship_messages (mentorship_id, sender_id, body)
	values (p_id, v_uid, v_body)
	returning id into v_message_id;
	if v_uid = v_row.mentee_id and v_row.status = 'info_requested' then
		update public.mentorships m
		set status = 'requested', expires_at = now() + make_interval(days => v_days)
		where m.id = p_id;
	else
		update public.mentorships m set updated_at = now() where m.id = p_id;
	end if;
	insert into public.mentorship_reads (mentorship_id, user_id, last_read_at)
	values (p_id, v_uid, now())
	on conflict (mentorship_id, user_id) do update set last_read_at = excluded.last_read_at;
	perform private.touch_mentor(v_uid);
	return v_message_id;
end;
$$;
comment on function public.send_mentorship_message(uuid, text) is
	'Posts a plain-text message (1–4,000 characters) in an open mentorship''s thread; returns its id.';
revoke execute on function public.send_mentorship_message(uuid, text) from public, anon, authenticated;
grant execute on function public.send_mentorship_message(uuid, text) to authenticated;

-- Either side ends an open request or mentorship (→ cancelled).
create function public.cancel_mentorship(p_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
begin
	perform private.open_mentorship_for(p_id, v_uid, null);
	update public.mentorships m
	set status = 'cancelled', cancelled_by = v_uid, expires_at = null, ended_at = now()
	where m.id = p_id;
	perform private.touch_mentor(v_uid);
end;
$$;
comment on function public.cancel_mentorship(uuid) is 'Either side cancels an open request or an active mentorship.';
revoke execute on function public.cancel_mentorship(uuid) from public, anon, authenticated;
grant execute on function public.cancel_mentorship(uuid) to authenticated;

-- Either side confirms an active mentorship is complete; once both have, it is completed. Confirming twice is
-- harmless. Returns the status after the call.
create function public.complete_mentorship(p_id uuid)
returns public.mentorship_status
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
	v_row public.mentorships;
begin
	v_row := private.open_mentorship_for(p_id, v_uid, null);
	if v_row.status <> 'active' then
		raise exception 'mentoring.invalid_transition' using errcode = 'P0001';
	end if;
	if v_uid = v_row.mentee_id then
		v_row.mentee_completed_at := coalesce(v_row.mentee_completed_at, now());
	else
		v_row.mentor_completed_at := coalesce(v_row.mentor_completed_at, now());
	end if;
	update public.mentorships m
	set mentee_completed_at = v_row.mentee_completed_at,
		mentor_completed_at = v_row.mentor_completed_at,
		status = case when v_row.mentee_completed_at is not null and v_row.mentor_completed_at is not null
			then 'completed'::public.mentorship_status else m.status end,
		ended_at = case when v_row.mentee_completed_at is not null and v_row.mentor_completed_at is not null
			then now() end
	where m.id = p_id;
	perform private.touch_mentor(v_uid);
	return (select m.status from public.mentorships m where m.id = p_id);
end;
$$;
comment on function public.complete_mentorship(uuid) is
	'Either side confirms completion of an active mentorship; completed once both have. Returns the status.';
revoke execute on function public.complete_mentorship(uuid) from public, anon, authenticated;
grant execute on function public.complete_mentorship(uuid) to authenticated;

-- Marks the thread of mentorship p_id read up to now for the caller (any status).
create function public.mark_mentorship_read(p_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
begin
	if not exists (select 1 from public.mentorships m where m.id = p_id) then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
	if not private.is_mentorship_member(p_id) then
		raise exception 'mentoring.not_allowed' using errcode = 'P0001';
	end if;
	insert into public.mentorship_reads (mentorship_id, user_id, last_read_at)
	values (p_id, v_uid, now())
	on conflict (mentorship_id, user_id) do update set last_read_at = excluded.last_read_at;
	perform private.touch_mentor(v_uid);
end;
$$;
comment on function public.mark_mentorship_read(uuid) is 'Marks a mentorship''s thread read up to now for the caller.';
revoke execute on function public.mark_mentorship_read(uuid) from public, anon, authenticated;
grant execute on function public.mark_mentorship_read(uuid) to authenticated;

-- The caller's mentorships, as mentee and as mentor, most recently changed first, with the other person (null
-- when that account is deleted), unread messages and where completion and feedback stand.
create function public.my_mentorships()
returns table (
	id uuid,
	role text,
	other_id uuid,
	other_name text,
	other_avatar_path text,
	status public.mentorship_status,
	topic public.mentoring_topic,
	goal text,
	match_score integer,
	match_reasons jsonb,
	requested_at timestamptz,
	expires_at timestamptz,
	updated_at timestamptz,
	unread integer,
	i_confirmed_completion boolean,
	other_confirmed_completion boolean,
	feedback_given boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
begin
	return query
	select
		m.id,
		x.role,
		x.other_id,
		o.display_name,
		o.avatar_path,
		m.status,
		m.topic,
		m.goal,
		m.match_score::integer,
		m.match_reasons,
		m.requested_at,
		m.expires_at,
		m.updated_at,
		(
			select count(*)::integer from public.mentorship_messages msg
			where msg.mentorship_id = m.id and msg.sender_id is distinct from v_uid
				and msg.created_at > coalesce(
					(select r.last_read_at from public.mentorship_reads r where r.mentorship_id = m.id and r.user_id = v_uid),
					'-infinity')
		),
		case when x.role = 'mentee' then m.mentee_completed_at else m.mentor_completed_at end is not null,
		case when x.role = 'mentee' then m.mentor_completed_at else m.mentee_completed_at end is not null,
		exists (select 1 from public.mentorship_feedback f where f.mentorship_id = m.id and f.author_role = x.role)
	from public.mentorships m
	cross join lateral (
		select
			case when m.mentee_id = v_uid then 'mentee' else 'mentor' end as role,
			case when m.mentee_id = v_uid then m.mentor_id else m.mentee_id end as other_id
	) as x
	left join public.profiles o on o.id = x.other_id
	where m.mentee_id = v_uid or m.mentor_id = v_uid
	order by m.updated_at desc, m.id;
end;
$$;
comment on function public.my_mentorships() is
	'The caller''s mentorships (as mentee and as mentor) with the other person, unread count and completion state. Never null: id, role, status, topic, goal, match_reasons, requested_at, updated_at, unread, i_confirmed_completion, other_confirmed_completion, feedback_given.';
revoke execute on function public.my_mentorships() from public, anon, authenticated;
grant execute on function public.my_mentorships() to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions: outcomes
-- ---------------------------------------------------------------------------------------------------------------------

-- Private feedback on a completed mentorship, once per side: useful 1–5, goals met (yes, partly, no), the outcome,
-- and an optional comment (at most 1,000 characters) that only the author and staff ever read.
-- Errors: mentoring.not_completed, mentoring.feedback_given, mentoring.feedback_invalid, mentoring.comment_too_long.
create function public.submit_mentorship_feedback(
	p_id uuid,
	p_useful integer,
	p_goals_met text,
	p_outcome public.mentorship_outcome,
	p_comment text default null
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
	v_row public.mentorships;
	v_role text;
	v_comment text;
begin
	select * into v_row from public.mentorships m where m.id = p_id;
	if not found then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
	if v_uid is distinct from v_row.mentee_id and v_uid is distinct from v_row.mentor_id then
		raise exception 'mentoring.not_allowed' using errcode = 'P0001';
	end if;
	if v_row.status <> 'completed' then
		raise exception 'mentoring.not_completed' using errcode = 'P0001';
	end if;
	if p_useful is null or p_useful not between 1 and 5 or p_goals_met is null
		or p_goals_met not in ('yes', 'partly', 'no') or p_outcome is null then
		raise exception 'mentoring.feedback_invalid' using errcode = 'P0001';
	end if;
	v_comment := private.mentoring_text(p_comment, 1000, false, true, 'comment_too_long', 'comment_too_long');
	v_role := case when v_uid = v_row.mentee_id then 'mentee' else 'mentor' end;
	insert into public.mentorship_feedback (mentorship_id, author_role, author_id, useful, goals_met, outcome, comment)
	values (p_id, v_role, v_uid, p_useful, p_goals_met, p_outcome, v_comment);
exception
	when unique_violation then
		raise exception 'mentoring.feedback_given' using errcode = 'P0001';
end;
$$;
comment on function public.submit_mentorship_feedback(uuid, integer, text, public.mentorship_outcome, text) is
	'Private feedback on a completed mentorship, once per side.';
revoke execute on function public.submit_mentorship_feedback(uuid, integer, text, public.mentorship_outcome, text) from public, anon, authenticated;
grant execute on function public.submit_mentorship_feedback(uuid, integer, text, public.mentorship_outcome, text) to authenticated;

-- What the calling mentor's mentees said, as aggregates only: the number of responses, and the figures only from 3
-- responses on (null below), so no single answer can be read off.
create function public.mentor_feedback_summary()
returns table (
	responses integer,
	useful_avg numeric,
	goals_met_yes integer,
	goals_met_partly integer,
	goals_met_no integer,
	outcomes jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
begin
	return query
	with f as (
		select fb.useful, fb.goals_met, fb.outcome
		from public.mentorship_feedback fb
		join public.mentorships m on m.id = fb.mentorship_id
		where m.mentor_id = v_uid and fb.author_role = 'mentee'
	),
	agg as (
		select
			count(*)::integer as responses,
			round(avg(f.useful), 1) as useful_avg,
			(count(*) filter (where f.goals_met = 'yes'))::integer as yes,
			(count(*) filter (where f.goals_met = 'partly'))::integer as partly,
			(count(*) filter (where f.goals_met = 'no'))::integer as no,
			(select jsonb_object_agg(o.outcome, o.n) from (
				select f2.outcome, count(*) as n from f as f2 group by f2.outcome) as o) as outcomes
		from f
	)
	select
		a.responses,
		case when a.responses >= 3 then a.useful_avg end,
		case when a.responses >= 3 then a.yes end,
		case when a.responses >= 3 then a.partly end,
		case when a.responses >= 3 then a.no end,
		case when a.responses >= 3 then a.outcomes end
	from agg a;
end;
$$;
comment on function public.mentor_feedback_summary() is
	'Aggregates of the calling mentor''s mentees'' feedback; figures are null below 3 responses. Never null: responses.';
revoke execute on function public.mentor_feedback_summary() from public, anon, authenticated;
grant execute on function public.mentor_feedback_summary() to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions: safety
-- ---------------------------------------------------------------------------------------------------------------------

-- Reports a person, a mentorship the caller belongs to, or a message in one (from the other side). The person
-- reported is filled in from the mentorship or message. Returns the report id (the open report already made by the
-- caller about the same thing, if any). Errors: mentoring.report_target_required, mentoring.not_found,
-- mentoring.not_allowed (not the caller's mentorship, or their own message or self), mentoring.details_too_long,
-- mentoring.invalid_text.
create function public.report(
	p_reason public.report_reason,
	p_details text,
	p_reported_user_id uuid default null,
	p_mentorship_id uuid default null,
	p_message_id bigint default null
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
	v_details text;
	v_reported uuid := p_reported_user_id;
	v_row public.mentorships;
	v_message public.mentorship_messages;
	v_id uuid;
begin
	if p_reason is null then
		raise exception 'mentoring.report_reason_required' using errcode = 'P0001';
	end if;
	if num_nonnulls(p_reported_user_id, p_mentorship_id, p_message_id) = 0 then
		raise exception 'mentoring.report_target_required' using errcode = 'P0001';
	end if;
	v_details := private.mentoring_text(p_details, 1000, false, true, 'details_too_long', 'details_too_long');
	if p_message_id is not null then
		select * into v_message from public.mentorship_messages msg where msg.id = p_message_id;
		if not found then
			raise exception 'mentoring.not_found' using errcode = 'P0001';
		end if;
		if not private.is_mentorship_member(v_message.mentorship_id)
			or v_message.sender_id is not distinct from v_uid
			or (p_mentorship_id is not null and p_mentorship_id <> v_message.mentorship_id) then
			raise exception 'mentoring.not_allowed' using errcode = 'P0001';
		end if;
		v_reported := coalesce(v_reported, v_message.sender_id);
	end if;
	if p_mentorship_id is not null then
		select * into v_row from public.mentorships m where m.id = p_mentorship_id;
		if not found then
			raise exception 'mentoring.not_found' using errcode = 'P0001';
		end if;
		if v_uid is distinct from v_row.mentee_id and v_uid is distinct from v_row.mentor_id then
			raise exception 'mentoring.not_allowed' using errcode = 'P0001';
		end if;
		v_reported := coalesce(v_reported,
			case when v_uid = v_row.mentee_id then v_row.mentor_id else v_row.mentee_id end);
	end if;
	if v_reported = v_uid then
		raise exception 'mentoring.not_allowed' using errcode = 'P0001';
	end if;
	if p_reported_user_id is not null and not exists (select 1 from public.profiles p where p.id = p_reported_user_id) then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
	select r.id into v_id from public.reports r
	where r.reporter_id = v_uid and r.status = 'open'
		and r.reported_user_id is not distinct from v_reported
		and r.mentorship_id is not distinct from p_mentorship_id
		and r.message_id is not distinct from p_message_id;
	if found then
		return v_id;
	end if;
	insert into public.reports (reporter_id, reported_user_id, mentorship_id, message_id, reason, details)
	values (v_uid, v_reported, p_mentorship_id, p_message_id, p_reason, v_details)
	returning id into v_id;
	return v_id;
end;
$$;
comment on function public.report(public.report_reason, text, uuid, uuid, bigint) is
	'Reports a person, a mentorship of the caller''s or a message in one, for staff. Returns the report id.';
revoke execute on function public.report(public.report_reason, text, uuid, uuid, bigint) from public, anon, authenticated;
grant execute on function public.report(public.report_reason, text, uuid, uuid, bigint) to authenticated;

-- Blocks a member: ends open mentorships between the two (cancelled by the caller), hides each from the other's
-- matches and refuses requests and messages between them. Blocking twice is harmless.
-- Errors: mentoring.not_found, mentoring.not_allowed (oneself).
create function public.block_member(p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
begin
	if p_user_id is null or not exists (select 1 from public.profiles p where p.id = p_user_id) then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
	if p_user_id = v_uid then
		raise exception 'mentoring.not_allowed' using errcode = 'P0001';
	end if;
	insert into public.blocks (blocker_id, blocked_id) values (v_uid, p_user_id) on conflict do nothing;
	update public.mentorships m
	set status = 'cancelled', cancelled_by = v_uid, expires_at = null, ended_at = now()
	where m.status in ('requested', 'info_requested', 'active')
		and ((m.mentee_id = v_uid and m.mentor_id = p_user_id) or (m.mentee_id = p_user_id and m.mentor_id = v_uid));
end;
$$;
comment on function public.block_member(uuid) is
	'Blocks a member: ends open mentorships between the two and keeps them apart in matching, requests and messages.';
revoke execute on function public.block_member(uuid) from public, anon, authenticated;
grant execute on function public.block_member(uuid) to authenticated;

-- Lifts the caller's block of a member (mentorships it ended stay ended). Security invoker: the blocker may delete
-- their own blocks anyway.
create function public.unblock_member(p_user_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
declare
	v_uid uuid := private.mentoring_caller();
begin
	delete from public.blocks b where b.blocker_id = v_uid and b.blocked_id = p_user_id;
end;
$$;
comment on function public.unblock_member(uuid) is 'Lifts the caller''s block of a member.';
revoke execute on function public.unblock_member(uuid) from public, anon, authenticated;
grant execute on function public.unblock_member(uuid) to authenticated;

-- Staff decide an open report: 'actioned' or 'dismissed', with an optional note (at most 500 characters); the
-- decision is written to the audit log. Errors: mentoring.not_allowed (not staff), mentoring.not_found,
-- mentoring.invalid_status, mentoring.already_decided, mentoring.note_too_long.
create function public.decide_report(p_id uuid, p_status public.report_status, p_note text default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
	v_report public.reports;
	v_note text;
begin
	if v_uid is null or not private.is_staff() then
		raise exception 'mentoring.not_allowed' using errcode = 'P0001';
	end if;
	if p_status is null or p_status = 'open' then
		raise exception 'mentoring.invalid_status' using errcode = 'P0001';
	end if;
	v_note := private.mentoring_text(p_note, 500, false, true, 'note_too_long', 'note_too_long');
	select * into v_report from public.reports r where r.id = p_id for update;
	if not found then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
	if v_report.status <> 'open' then
		raise exception 'mentoring.already_decided' using errcode = 'P0001';
	end if;
	update public.reports r
	set status = p_status, handled_by = v_uid, handled_at = now(), resolution_note = v_note
	where r.id = p_id;
	perform private.audit('report.' || p_status::text, v_report.reported_user_id, null, null,
		jsonb_build_object('report_id', p_id, 'reason', v_report.reason, 'note', v_note));
end;
$$;
comment on function public.decide_report(uuid, public.report_status, text) is
	'Staff only: closes an open report as actioned or dismissed, with an optional note; audited.';
revoke execute on function public.decide_report(uuid, public.report_status, text) from public, anon, authenticated;
grant execute on function public.decide_report(uuid, public.report_status, text) to authenticated;

-- Staff only: open reports, oldest first, with what staff need to decide: who reported whom, the mentorship's state,
-- the reported message, and how many reports name the same person.
create function public.moderation_queue()
returns table (
	id uuid,
	created_at timestamptz,
	reason public.report_reason,
	details text,
	reporter_id uuid,
	reporter_name text,
	reported_user_id uuid,
	reported_name text,
	reports_about_reported integer,
	mentorship_id uuid,
	mentorship_status public.mentorship_status,
	message_id bigint,
	message_body text,
	message_sender_id uuid,
	message_created_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
	if (select auth.uid()) is null or not private.is_staff() then
		raise exception 'mentoring.not_allowed' using errcode = 'P0001';
	end if;
	return query
	select
		r.id,
		r.created_at,
		r.reason,
		r.details,
		r.reporter_id,
		rp.display_name,
		r.reported_user_id,
		dp.display_name,
		(select count(*)::integer from public.reports x where x.reported_user_id = r.reported_user_id),
		coalesce(r.mentorship_id, msg.mentorship_id),
		m.status,
		r.message_id,
		msg.body,
		msg.sender_id,
		msg.created_at
	from public.reports r
	left join public.profiles rp on rp.id = r.reporter_id
	left join public.profiles dp on dp.id = r.reported_user_id
	left join public.mentorship_messages msg on msg.id = r.message_id
	left join public.mentorships m on m.id = coalesce(r.mentorship_id, msg.mentorship_id)
	where r.status = 'open'
	order by r.created_at, r.id;
end;
$$;
comment on function public.moderation_queue() is
	'Staff only: open reports, oldest first, with context. Never null: id, created_at, reason, reports_about_reported.';
revoke execute on function public.moderation_queue() from public, anon, authenticated;
grant execute on function public.moderation_queue() to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions: jobs and settings (service role)
-- ---------------------------------------------------------------------------------------------------------------------

-- Expires every open request whose expires_at is at or before p_now: 'unanswered' (it waited for the mentor, who is
-- paused with paused_reason 'unanswered_requests' until they unpause) or 'no_reply_to_question' (it waited for
-- the mentee's reply to the mentor's question; the mentor is not blamed). Returns what expired so the caller can tell
-- each mentee and offer them their next matches. Service role only (a scheduled job).
create function public.expire_mentorship_requests(p_now timestamptz default now())
returns table (mentorship_id uuid, mentee_id uuid, mentor_id uuid, reason text)
language plpgsql
set search_path = ''
as $$
declare
	v_row record;
begin
	for v_row in
		select m.id, m.mentee_id, m.mentor_id, m.status
		from public.mentorships m
		where m.status in ('requested', 'info_requested') and m.expires_at <= p_now
		order by m.expires_at, m.id
		for update skip locked
	loop
		update public.mentorships m
		set status = 'expired', expires_at = null, ended_at = p_now
		where m.id = v_row.id;
		if v_row.status = 'requested' then
			update public.mentor_profiles mp
			set paused = true, paused_reason = 'unanswered_requests'
			where mp.user_id = v_row.mentor_id and not mp.paused;
		end if;
		mentorship_id := v_row.id;
		mentee_id := v_row.mentee_id;
		mentor_id := v_row.mentor_id;
		reason := case when v_row.status = 'requested' then 'unanswered' else 'no_reply_to_question' end;
		return next;
	end loop;
end;
$$;
comment on function public.expire_mentorship_requests(timestamptz) is
	'Service role only: expires open requests due at p_now, pausing mentors who let one go unanswered. Never null: mentorship_id, reason.';
revoke execute on function public.expire_mentorship_requests(timestamptz) from public, anon, authenticated;
grant execute on function public.expire_mentorship_requests(timestamptz) to service_role;

-- Changes the mentoring settings (null leaves a value as it is). Service role only.
create function public.set_mentoring_settings(
	p_request_expiry_days integer default null,
	p_max_pending_per_mentor integer default null,
	p_max_open_requests_per_mentee integer default null,
	p_decline_cooldown_days integer default null
)
returns void
language sql
set search_path = ''
as $$
	update private.mentoring_settings s
	set request_expiry_days = coalesce(p_request_expiry_days, s.request_expiry_days),
		max_pending_per_mentor = coalesce(p_max_pending_per_mentor, s.max_pending_per_mentor),
		max_open_requests_per_mentee = coalesce(p_max_open_requests_per_mentee, s.max_open_requests_per_mentee),
		decline_cooldown_days = coalesce(p_decline_cooldown_days, s.decline_cooldown_days);
$$;
comment on function public.set_mentoring_settings(integer, integer, integer, integer) is
	'Service role only: changes request expiry days, the waiting-requests cap per mentor, open requests per mentee and the decline cool-down.';
revoke execute on function public.set_mentoring_settings(integer, integer, integer, integer) from public, anon, authenticated;
grant execute on function public.set_mentoring_settings(integer, integer, integer, integer) to service_role;
