-- =====================================================================================================================
-- Section: notifications (and mentoring in the account export)
--
-- Email preferences per person (new requests, answers, a daily digest of unread messages, expiry notices), each
-- email carrying a one-click unsubscribe token. The site sends the emails through the backend mailbox with the
-- service role: notification_recipient() tells it whether and where to send one, message_digests_due() hands it
-- the digests a scheduled job should send and stamps them.
--
-- Account: export_my_data() gains a "mentoring" section (mentor profile, mentorships, the caller's own messages,
-- feedback, reports made, blocks, preferences). Deleting an account, on top of 0600:
--   removed      mentor profile (its waiting requests are declined), read marks, blocks both ways, preferences
--   anonymised   mentorships stay for the other side with the deleted side null (open ones are cancelled, match
--                reasons cleared), messages stay with sender null, feedback figures stay with author null (the
--                comment goes), reports stay with reporter / reported person / handler null
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

create table public.notification_preferences (
	user_id uuid primary key references public.profiles (id) on delete cascade,
	email_requests boolean not null default true,
	email_answers boolean not null default true,
	email_messages text not null default 'daily',
	email_expiry boolean not null default true,
	unsubscribe_token uuid not null default gen_random_uuid(),
	last_digest_at timestamptz,
	updated_at timestamptz not null default now()
);
comment on table public.notification_preferences is
	'Which mentoring emails a person wants. One row per profile (made by trigger); the owner reads and changes theirs; anyone holding the token can unsubscribe (public.unsubscribe).';
comment on column public.notification_preferences.email_requests is 'Email me when someone asks me for mentoring.';
comment on column public.notification_preferences.email_answers is 'Email me when a mentor answers my request (accepts, declines or asks a question).';
comment on column public.notification_preferences.email_messages is 'off, or daily: one email a day listing unread messages.';
comment on column public.notification_preferences.email_expiry is 'Email me when my request expires (with my next matches).';
comment on column public.notification_preferences.unsubscribe_token is 'Secret in every email''s one-click unsubscribe link. Never changes.';
comment on column public.notification_preferences.last_digest_at is 'When the last message digest was handed out (message_digests_due).';

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.notification_preferences
	add constraint notification_preferences_email_messages_check check (email_messages in ('off', 'daily')),
	add constraint notification_preferences_unsubscribe_token_key unique (unsubscribe_token);

-- Digests look at recent messages only.
create index mentorship_messages_created_at_idx on public.mentorship_messages (created_at);

-- ---------------------------------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------------------------------

revoke all on public.notification_preferences from public, anon, authenticated;
grant all on public.notification_preferences to service_role;
grant select on public.notification_preferences to authenticated;
grant update (email_requests, email_answers, email_messages, email_expiry)
	on public.notification_preferences to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------------------------

alter table public.notification_preferences enable row level security;

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- Every profile gets its preferences (all on, daily digest). Security definer: the profile may be inserted by its
-- owner, who cannot insert preferences.
create function private.profiles_add_notification_preferences()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	insert into public.notification_preferences (user_id) values (new.id) on conflict (user_id) do nothing;
	return null;
end;
$$;
revoke execute on function private.profiles_add_notification_preferences() from public, anon, authenticated;

create trigger profiles_add_notification_preferences
	after insert on public.profiles
	for each row execute function private.profiles_add_notification_preferences();

insert into public.notification_preferences (user_id) select p.id from public.profiles p on conflict do nothing;

create trigger notification_preferences_set_updated_at
	before update on public.notification_preferences
	for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- The "mentoring" section of the account export for p_uid: only what the person wrote, chose or took part in.
create function private.export_mentoring_data(p_uid uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
	select jsonb_build_object(
		'mentor_profile', (
			select to_jsonb(mp) - 'user_id' from public.mentor_profiles mp where mp.user_id = p_uid),
		'mentorships', coalesce((
			select jsonb_agg(jsonb_build_object(
				'id', m.id, 'role', case when m.mentee_id = p_uid then 'mentee' else 'mentor' end,
				'status', m.status, 'topic', m.topic, 'goal', m.goal, 'match_score', m.match_score,
				'match_reasons', m.match_reasons, 'decline_reason', m.decline_reason, 'decline_note', m.decline_note,
				'requested_at', m.requested_at, 'responded_at', m.responded_at, 'accepted_at', m.accepted_at,
				'i_confirmed_completion_at',
					case when m.mentee_id = p_uid then m.mentee_completed_at else m.mentor_completed_at end,
				'ended_at', m.ended_at, 'cancelled_by_me', m.cancelled_by is not distinct from p_uid)
				order by m.requested_at, m.id)
			from public.mentorships m where p_uid in (m.mentee_id, m.mentor_id)), '[]'::jsonb),
		'messages_sent', coalesce((
			select jsonb_agg(jsonb_build_object(
				'id', msg.id, 'mentorship_id', msg.mentorship_id, 'body', msg.body, 'created_at', msg.created_at)
				order by msg.id)
			from public.mentorship_messages msg where msg.sender_id = p_uid), '[]'::jsonb),
		'feedback_given', coalesce((
			select jsonb_agg(to_jsonb(f) - 'author_id' order by f.created_at)
			from public.mentorship_feedback f where f.author_id = p_uid), '[]'::jsonb),
		'reports_made', coalesce((
			select jsonb_agg(jsonb_build_object(
				'id', r.id, 'reason', r.reason, 'details', r.details, 'mentorship_id', r.mentorship_id,
				'message_id', r.message_id, 'status', r.status, 'handled_at', r.handled_at,
				'resolution_note', r.resolution_note, 'created_at', r.created_at)
				order by r.created_at)
			from public.reports r where r.reporter_id = p_uid), '[]'::jsonb),
		'blocks', coalesce((
			select jsonb_agg(jsonb_build_object('blocked_id', b.blocked_id, 'created_at', b.created_at)
				order by b.created_at)
			from public.blocks b where b.blocker_id = p_uid), '[]'::jsonb),
		'notification_preferences', (
			select to_jsonb(np) - array['user_id', 'unsubscribe_token']
			from public.notification_preferences np where np.user_id = p_uid)
	);
$$;
revoke execute on function private.export_mentoring_data(uuid) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------------------------------

-- SELECT(notification_preferences): the owner.
create policy notification_preferences_select_owner on public.notification_preferences
	for select to authenticated
	using (user_id = (select auth.uid()));

-- UPDATE(notification_preferences): the owner (the four switches only; see the grants).
create policy notification_preferences_update_owner on public.notification_preferences
	for update to authenticated
	using (user_id = (select auth.uid()))
	with check (user_id = (select auth.uid()));

-- INSERT/DELETE(notification_preferences): none; the row comes and goes with the profile.

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- One-click unsubscribe from an email link (no sign-in): p_kind is requests, answers, messages, expiry or all.
-- Errors: mentoring.invalid_kind, mentoring.not_found (unknown token).
create function public.unsubscribe(p_token uuid, p_kind text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	if p_kind is null or p_kind not in ('requests', 'answers', 'messages', 'expiry', 'all') then
		raise exception 'mentoring.invalid_kind' using errcode = 'P0001';
	end if;
	update public.notification_preferences np
	set email_requests = case when p_kind in ('requests', 'all') then false else np.email_requests end,
		email_answers = case when p_kind in ('answers', 'all') then false else np.email_answers end,
		email_messages = case when p_kind in ('messages', 'all') then 'off' else np.email_messages end,
		email_expiry = case when p_kind in ('expiry', 'all') then false else np.email_expiry end
	where np.unsubscribe_token = p_token;
	if not found then
		raise exception 'mentoring.not_found' using errcode = 'P0001';
	end if;
end;
$$;
comment on function public.unsubscribe(uuid, text) is
	'One-click unsubscribe with an email''s token: requests, answers, messages, expiry or all.';
revoke execute on function public.unsubscribe(uuid, text) from public, anon, authenticated;
grant execute on function public.unsubscribe(uuid, text) to anon, authenticated, service_role;

-- Where to send a mentoring email of kind p_kind (requests, answers, messages, expiry) to member p_user_id: one
-- row when they want it (email, locale, name, unsubscribe token), none when they opted out or are gone. Service
-- role only.
create function public.notification_recipient(p_user_id uuid, p_kind text)
returns table (email text, locale text, display_name text, unsubscribe_token uuid)
language sql
stable
security definer
set search_path = ''
as $$
	select u.email::text, p.locale, p.display_name, np.unsubscribe_token
	from public.notification_preferences np
	join public.profiles p on p.id = np.user_id
	join auth.users u on u.id = np.user_id
	where np.user_id = p_user_id
		and u.email is not null
		and case p_kind
			when 'requests' then np.email_requests
			when 'answers' then np.email_answers
			when 'messages' then np.email_messages <> 'off'
			when 'expiry' then np.email_expiry
			else false
		end;
$$;
comment on function public.notification_recipient(uuid, text) is
	'Service role only: the address, locale and unsubscribe token for a mentoring email of a kind, if the person wants it. Never null: email, locale, display_name, unsubscribe_token.';
revoke execute on function public.notification_recipient(uuid, text) from public, anon, authenticated;
grant execute on function public.notification_recipient(uuid, text) to service_role;

-- The message digests a daily job should send at p_now: everyone on the daily digest whose last one is at least
-- 20 hours old and who has unread messages from the other side, written in the last 7 days and after their last
-- digest. Stamps last_digest_at = p_now for them. Service role only.
create function public.message_digests_due(p_now timestamptz default now())
returns table (user_id uuid, email text, locale text, unread integer, unsubscribe_token uuid)
language sql
security definer
set search_path = ''
as $$
	with counts as (
		select x.user_id, count(*)::integer as unread
		from public.mentorship_messages msg
		join public.mentorships m on m.id = msg.mentorship_id
		cross join lateral (values (m.mentee_id), (m.mentor_id)) as x (user_id)
		join public.notification_preferences np on np.user_id = x.user_id
		left join public.mentorship_reads r on r.mentorship_id = m.id and r.user_id = x.user_id
		where msg.created_at > p_now - interval '7 days'
			and msg.created_at <= p_now
			and msg.sender_id is distinct from x.user_id
			and np.email_messages = 'daily'
			and (np.last_digest_at is null or np.last_digest_at <= p_now - interval '20 hours')
			and msg.created_at > coalesce(r.last_read_at, '-infinity')
			and msg.created_at > coalesce(np.last_digest_at, '-infinity')
		group by x.user_id
	),
	-- Claims the rows, so that two site instances running the job at once never send the same digest twice: the
	-- second skips rows the first holds, and re-checks the stamp on rows the first has already committed.
	claimed as (
		select np.user_id
		from public.notification_preferences np
		where np.user_id in (select c.user_id from counts c)
			and (np.last_digest_at is null or np.last_digest_at <= p_now - interval '20 hours')
		for update skip locked
	),
	stamped as (
		update public.notification_preferences np
		set last_digest_at = p_now
		from claimed c
		where np.user_id = c.user_id
		returning np.user_id, np.unsubscribe_token
	)
	select s.user_id, u.email::text, p.locale, c.unread, s.unsubscribe_token
	from stamped s
	join counts c on c.user_id = s.user_id
	join public.profiles p on p.id = s.user_id
	join auth.users u on u.id = s.user_id
	where u.email is not null
	order by s.user_id;
$$;
comment on function public.message_digests_due(timestamptz) is
	'Service role only: the daily digests of unread messages due at p_now (and stamps them). Never null: user_id, email, locale, unread, unsubscribe_token.';
revoke execute on function public.message_digests_due(timestamptz) from public, anon, authenticated;
grant execute on function public.message_digests_due(timestamptz) to service_role;

-- The account export, now with mentoring: the 0600 function becomes private.export_account_data and this one
-- adds the "mentoring" section to it.
alter function public.export_my_data() rename to export_account_data;
alter function public.export_account_data() set schema private;
revoke execute on function private.export_account_data() from public, anon, authenticated;
comment on function private.export_account_data() is
	'The account, profile, organisations, verification, staff, audit and files sections of export_my_data().';

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
	return private.export_account_data()
		|| jsonb_build_object('mentoring', private.export_mentoring_data(v_uid));
end;
$$;
comment on function public.export_my_data() is
	'Everything the portal holds about the caller as one JSON document (files are listed; the app downloads them).';
revoke execute on function public.export_my_data() from public, anon, authenticated;
grant execute on function public.export_my_data() to authenticated;
