-- =====================================================================================================================
-- Section: venture moderation (issue 7)
--
-- Reports and blocks for joint-venture conversations, as mentoring has them (…000700_mentoring.sql):
--   - public.reports can name a pipeline (venture_interest_id: the conversation) or one of its messages
--     (venture_message_id). report_venture() lets a party of the pipeline report either; nobody else can. A report
--     never stores a person the reporter may not see yet (ADR 013): a conversation report names the other side's
--     person only once revealed to the reporter; before that it stores the pipeline alone, and moderation_queue()
--     tells staff who is on the other side.
--   - Staff read a venture message only while a report names it or its conversation — the rule mentoring's
--     messages follow, in RLS. The queue shows venture reports; decide_report() decides them as any other.
--   - Blocks stay person to person (public.blocks, block_member()). A person blocked by a party of a pipeline on
--     another side cannot post in that pipeline's conversation: a trigger on venture_messages refuses it
--     (ventures.blocked), whoever inserts. venture_blocked_me() tells the blocked person, once mutual, without
--     saying who. Why: docs/decisions/013-ventures-staged-disclosure.md (addendum).
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.reports
	add column venture_interest_id uuid references public.venture_interests (id) on delete set null,
	add column venture_message_id bigint references public.venture_messages (id) on delete set null;
comment on column public.reports.venture_interest_id is
	'The joint-venture pipeline (conversation) reported: staff may read its messages.';
comment on column public.reports.venture_message_id is
	'The joint-venture message reported: staff may read that message.';
comment on column public.reports.reported_user_id is
	'The person reported (for a message: its sender; for a mentorship: the other side; for a venture conversation: the other side''s person once revealed to the reporter, else null).';

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

-- One context per report: a mentorship (and its message) or a venture pipeline (and its message), never both.
alter table public.reports
	add constraint reports_one_context_check check (
		(mentorship_id is null and message_id is null) or (venture_interest_id is null and venture_message_id is null));

create index reports_venture_interest_id_idx on public.reports (venture_interest_id);
create index reports_venture_message_id_idx on public.reports (venture_message_id);

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- Everyone who takes part in pipeline p_interest_id, with their side: 'owner' (the returnee who posted the
-- opportunity, or the members of its organisation), 'counterpart' (the counterpart and the members of the
-- organisation they act for), 'facilitator' (the facilitator organisation's members). A person may appear twice.
create function private.venture_parties(p_interest_id uuid)
returns table (user_id uuid, side text)
language sql
stable
security definer
set search_path = ''
as $$
	select v.owner_id, 'owner' from public.venture_interests i
	join public.ventures v on v.id = i.venture_id
	where i.id = p_interest_id and v.side = 'returnee' and v.owner_id is not null
	union
	select m.user_id, 'owner' from public.venture_interests i
	join public.ventures v on v.id = i.venture_id
	join public.organisation_members m on m.organisation_id = v.organisation_id
	where i.id = p_interest_id and v.side = 'sme'
	union
	select i.counterpart_id, 'counterpart' from public.venture_interests i
	where i.id = p_interest_id and i.counterpart_id is not null
	union
	select m.user_id, 'counterpart' from public.venture_interests i
	join public.organisation_members m on m.organisation_id = i.counterpart_organisation_id
	where i.id = p_interest_id
	union
	select m.user_id, 'facilitator' from public.venture_interests i
	join public.organisation_members m on m.organisation_id = i.facilitator_organisation_id
	where i.id = p_interest_id;
$$;
revoke execute on function private.venture_parties(uuid) from public, anon, authenticated;

-- The other side's named person of pipeline p_interest_id as p_user_id sees it: the counterpart for the owners'
-- side, the poster of the opportunity for the counterpart's side; null for the facilitator or an outsider. Says
-- nothing about disclosure: callers decide whether the person may be shown.
create function private.venture_other_person(p_interest_id uuid, p_user_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
	select case
		when exists (select 1 from private.venture_parties(p_interest_id) p
			where p.user_id = p_user_id and p.side = 'owner') then i.counterpart_id
		when exists (select 1 from private.venture_parties(p_interest_id) p
			where p.user_id = p_user_id and p.side = 'counterpart') then v.owner_id
	end
	from public.venture_interests i
	join public.ventures v on v.id = i.venture_id
	where i.id = p_interest_id;
$$;
revoke execute on function private.venture_other_person(uuid, uuid) from public, anon, authenticated;

-- Whether a report names venture message p_message_id or its conversation p_interest_id (staff may then read the
-- message): private.is_reported_message for ventures.
create function private.is_reported_venture_message(p_interest_id uuid, p_message_id bigint)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.reports r
		where r.venture_interest_id = p_interest_id or r.venture_message_id = p_message_id
	);
$$;
revoke execute on function private.is_reported_venture_message(uuid, bigint) from public, anon, authenticated;
grant execute on function private.is_reported_venture_message(uuid, bigint) to authenticated;

-- Whether person p_user_id, writing in pipeline p_interest_id, is blocked by a party on another side than theirs.
create function private.is_blocked_in_venture(p_interest_id uuid, p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
	with parties as (select p.user_id, p.side from private.venture_parties(p_interest_id) p)
	select exists (
		select 1 from parties p
		join public.blocks b on b.blocker_id = p.user_id and b.blocked_id = p_user_id
		where p.side not in (select s.side from parties s where s.user_id = p_user_id)
	);
$$;
revoke execute on function private.is_blocked_in_venture(uuid, uuid) from public, anon, authenticated;
-- The trigger below runs as whoever inserts: send_venture_message (its owner) or the service role.
grant execute on function private.is_blocked_in_venture(uuid, uuid) to service_role;

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- BEFORE INSERT(venture_messages): a person blocked by a party on another side may not write in the conversation,
-- whoever inserts (send_venture_message, the service role). Runs before the rate limit (…001100).
create function private.venture_messages_blocked()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if new.sender_id is not null and private.is_blocked_in_venture(new.interest_id, new.sender_id) then
		raise exception using errcode = 'P0001', message = 'ventures.blocked';
	end if;
	return new;
end;
$$;
revoke execute on function private.venture_messages_blocked() from public, anon, authenticated;

create trigger venture_messages_01_blocked
	before insert on public.venture_messages
	for each row
	execute function private.venture_messages_blocked();

-- ---------------------------------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------------------------------

-- SELECT(venture_messages): the pipeline's parties; staff once a report names the message or its conversation.
drop policy venture_messages_select_party on public.venture_messages;
create policy venture_messages_select_party_or_staff on public.venture_messages
	for select to authenticated
	using (private.is_venture_party(interest_id) or ((select private.is_staff()) and private.is_reported_venture_message(interest_id, id)));

comment on table public.venture_messages is
	'The conversation of a pipeline, open once mutual. Readable by its parties, and by staff only once a report names the message or its conversation; written by send_venture_message (refused for a person a party on another side blocked).';

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- report(): unchanged but for finding the caller's earlier open report, which must be a mentoring report (a venture
-- report about the same person is another report).
create or replace function public.report(
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
		and r.message_id is not distinct from p_message_id
		and r.venture_interest_id is null and r.venture_message_id is null;
	if found then
		return v_id;
	end if;
	insert into public.reports (reporter_id, reported_user_id, mentorship_id, message_id, reason, details)
	values (v_uid, v_reported, p_mentorship_id, p_message_id, p_reason, v_details)
	returning id into v_id;
	return v_id;
end;
$$;

-- A party of a joint-venture pipeline reports its conversation (p_interest_id) or one message in it written by
-- someone else (p_message_id; p_interest_id may be given too and must be its pipeline). The person reported is the
-- message's sender, or for a conversation the other side's person once revealed to the caller (mutual, or a
-- candidate the owners invited themselves), else nobody: the report then names only the pipeline. Returns the
-- report id (the caller's open report about the same thing, if any). Errors (mentoring.<code>, as report()):
-- report_reason_required, report_target_required, not_found (no such pipeline or message, or the caller is no party:
-- the same answer), not_allowed (one's own message), details_too_long, invalid_text.
create function public.report_venture(
	p_reason public.report_reason,
	p_details text,
	p_interest_id uuid default null,
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
	v_interest public.venture_interests;
	v_venture public.ventures;
	v_message public.venture_messages;
	v_role text;
	v_reported uuid;
	v_id uuid;
begin
	if p_reason is null then
		raise exception 'mentoring.report_reason_required' using errcode = 'P0001';
	end if;
	if num_nonnulls(p_interest_id, p_message_id) = 0 then
		raise exception 'mentoring.report_target_required' using errcode = 'P0001';
	end if;
	v_details := private.mentoring_text(p_details, 1000, false, true, 'details_too_long', 'details_too_long');
	if p_message_id is not null then
		select * into v_message from public.venture_messages msg where msg.id = p_message_id;
		if not found or (p_interest_id is not null and p_interest_id <> v_message.interest_id) then
			raise exception 'mentoring.not_found' using errcode = 'P0001';
		end if;
	end if;
	select * into v_interest from public.venture_interests i
	where i.id = coalesce(p_interest_id, v_message.interest_id);
	v_role := private.venture_party_role(v_interest.id);
	if v_interest.id is null or v_role is null then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
	if p_message_id is not null then
		if v_message.sender_id is not distinct from v_uid then
			raise exception 'mentoring.not_allowed' using errcode = 'P0001';
		end if;
		v_reported := v_message.sender_id;
	else
		select * into v_venture from public.ventures v where v.id = v_interest.venture_id;
		if v_interest.mutual_at is not null
			or (v_role = 'owner' and v_interest.initiated_by = v_venture.side) then
			v_reported := private.venture_other_person(v_interest.id, v_uid);
		end if;
		if v_reported = v_uid then
			v_reported := null;
		end if;
	end if;
	select r.id into v_id from public.reports r
	where r.reporter_id = v_uid and r.status = 'open'
		and r.venture_interest_id is not distinct from p_interest_id
		and r.venture_message_id is not distinct from p_message_id;
	if found then
		return v_id;
	end if;
	insert into public.reports (reporter_id, reported_user_id, venture_interest_id, venture_message_id, reason, details)
	values (v_uid, v_reported, p_interest_id, p_message_id, p_reason, v_details)
	returning id into v_id;
	return v_id;
end;
$$;
comment on function public.report_venture(public.report_reason, text, uuid, bigint) is
	'A party reports a joint-venture conversation or a message in it, for staff; never names a person not yet revealed to the reporter. Returns the report id.';
revoke execute on function public.report_venture(public.report_reason, text, uuid, bigint) from public, anon, authenticated;
grant execute on function public.report_venture(public.report_reason, text, uuid, bigint) to authenticated;

-- Whether a party of pipeline p_interest_id on another side has blocked the caller, so they cannot write in its
-- conversation. Always false before mutual (the answer would tell who the anonymous side is) and for anyone who is no
-- party. Never says who.
create function public.venture_blocked_me(p_interest_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	v_uid uuid := private.ventures_caller();
begin
	return coalesce((
		select i.mutual_at is not null and private.venture_party_role(i.id) is not null
			and private.is_blocked_in_venture(i.id, v_uid)
		from public.venture_interests i where i.id = p_interest_id), false);
end;
$$;
comment on function public.venture_blocked_me(uuid) is
	'Whether someone on another side of the caller''s mutual pipeline blocked them (they cannot write there). Never says who.';
revoke execute on function public.venture_blocked_me(uuid) from public, anon, authenticated;
grant execute on function public.venture_blocked_me(uuid) to authenticated;

-- Staff only: open reports, oldest first, with what staff need to decide: who reported whom, the mentorship's or
-- the pipeline's state, the reported message, and how many reports name the same person. For a venture conversation
-- report that names nobody (the other side was still anonymous to the reporter), the other side's person is filled
-- in here, for staff.
drop function public.moderation_queue();
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
	message_created_at timestamptz,
	venture_interest_id uuid,
	venture_title text,
	venture_stage public.pipeline_stage,
	venture_message_id bigint
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
	with q as (
		select r.*,
			coalesce(r.venture_interest_id, vmsg.interest_id) as v_interest_id,
			coalesce(r.reported_user_id, case when r.venture_interest_id is not null and r.venture_message_id is null
				then private.venture_other_person(r.venture_interest_id, r.reporter_id) end) as v_reported
		from public.reports r
		left join public.venture_messages vmsg on vmsg.id = r.venture_message_id
		where r.status = 'open'
	)
	select
		r.id,
		r.created_at,
		r.reason,
		r.details,
		r.reporter_id,
		rp.display_name,
		r.v_reported,
		dp.display_name,
		(select count(*)::integer from public.reports x where x.reported_user_id = r.v_reported),
		coalesce(r.mentorship_id, msg.mentorship_id),
		m.status,
		r.message_id,
		coalesce(msg.body, vmsg.body),
		coalesce(msg.sender_id, vmsg.sender_id),
		coalesce(msg.created_at, vmsg.created_at),
		r.v_interest_id,
		v.title,
		vi.stage,
		r.venture_message_id
	from q r
	left join public.profiles rp on rp.id = r.reporter_id
	left join public.profiles dp on dp.id = r.v_reported
	left join public.mentorship_messages msg on msg.id = r.message_id
	left join public.mentorships m on m.id = coalesce(r.mentorship_id, msg.mentorship_id)
	left join public.venture_messages vmsg on vmsg.id = r.venture_message_id
	left join public.venture_interests vi on vi.id = r.v_interest_id
	left join public.ventures v on v.id = vi.venture_id
	order by r.created_at, r.id;
end;
$$;
comment on function public.moderation_queue() is
	'Staff only: open reports (mentoring and joint ventures), oldest first, with context. Never null: id, created_at, reason, reports_about_reported.';
revoke execute on function public.moderation_queue() from public, anon, authenticated;
grant execute on function public.moderation_queue() to authenticated;
