-- =====================================================================================================================
-- Section: rate limits
--
-- Counters that hold across every site instance, because they live in the database. The site asks
-- consume_rate_limit() (service role only) before sign-in, sign-up and password-reset emails, per client IP and per
-- email address; messages are limited here, by a trigger on both message tables, so no API call can get round it.
--
-- A counter is a fixed window: the first hit opens a window of `window` length, every hit adds one, and a hit
-- beyond `max_hits` is refused until the window ends. One insert … on conflict … do update … returning per hit,
-- so concurrent hits never over-grant. Keys are stored hashed (sha256 of bucket and key): the table holds no email
-- addresses or IP addresses. Expired windows are reused in place and swept by purge_rate_limits() (the scheduled
-- jobs call it).
--
-- Refusals: the site gets allowed = false and how many seconds are left; a message insert fails with SQLSTATE
-- PT429 (PostgREST answers 429) and message 'mentoring.rate_limited' or 'ventures.rate_limited', the seconds left
-- in the detail. The first refusal of a window goes to the audit log (security.rate_limited).
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------------------------------

create table private.rate_limits (
	bucket text not null check (bucket ~ '^[a-z_]{1,40}$'),
	key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
	window_start timestamptz not null default now(),
	window_length interval not null check (window_length > interval '0'),
	hits int not null default 1 check (hits >= 0),
	primary key (bucket, key_hash)
);
comment on table private.rate_limits is
	'Rate-limit counters: hits in the current fixed window per bucket and hashed key. Written only by private.consume_rate_limit(); no API role can read it.';

create table private.rate_limit_settings (
	id boolean primary key default true check (id),
	message_max_hits int not null default 30 check (message_max_hits between 1 and 100000),
	message_window interval not null default interval '10 minutes'
		check (message_window between interval '1 second' and interval '1 day')
);
comment on table private.rate_limit_settings is
	'How many messages (mentoring and ventures together) a member may send per window. Changed with set_message_rate_limit() (service role).';
insert into private.rate_limit_settings default values;

-- ---------------------------------------------------------------------------------------------------------------------
-- Constraints and indexes
-- ---------------------------------------------------------------------------------------------------------------------

create index rate_limits_window_idx on private.rate_limits (window_start);

-- ---------------------------------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------------------------------

revoke all on private.rate_limits, private.rate_limit_settings from public, anon, authenticated;
grant all on private.rate_limits, private.rate_limit_settings to service_role;

-- ---------------------------------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------------------------------

alter table private.rate_limits enable row level security;
alter table private.rate_limit_settings enable row level security;

-- ---------------------------------------------------------------------------------------------------------------------
-- Private helper functions
-- ---------------------------------------------------------------------------------------------------------------------

-- One hit on (bucket, key): the hits in the window after it and when the window ends. Atomic: one upsert that
-- takes the row lock, restarting the window in place when it has ended.
create function private.rate_limit_hit(p_bucket text, p_key text, p_window interval)
returns table (hits int, window_end timestamptz)
language sql
security definer
set search_path = ''
as $$
	insert into private.rate_limits as r (bucket, key_hash, window_start, window_length, hits)
	values (p_bucket, encode(sha256(convert_to(p_bucket || ':' || coalesce(p_key, ''), 'UTF8')), 'hex'),
		clock_timestamp(), p_window, 1)
	on conflict (bucket, key_hash) do update
	set hits = case when r.window_start + r.window_length <= clock_timestamp() then 1 else r.hits + 1 end,
		window_length = case when r.window_start + r.window_length <= clock_timestamp()
			then excluded.window_length else r.window_length end,
		window_start = case when r.window_start + r.window_length <= clock_timestamp()
			then excluded.window_start else r.window_start end
	returning r.hits, r.window_start + r.window_length;
$$;
revoke execute on function private.rate_limit_hit(text, text, interval) from public, anon, authenticated;

-- Takes one hit for (bucket, key): true while at most `max_hits` were taken in the current window of length
-- `window`, false beyond. Security definer: private.rate_limits is readable by no API role.
create function private.consume_rate_limit(bucket text, key text, max_hits int, "window" interval)
returns boolean
language sql
security definer
set search_path = ''
as $$
	select h.hits <= max_hits from private.rate_limit_hit(bucket, key, "window") as h;
$$;
revoke execute on function private.consume_rate_limit(text, text, int, interval) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------------

-- A member sending a message (through the RPCs, as themselves) takes a hit in the `messages` bucket; beyond the
-- limit the insert fails with PT429 and nothing is written. Inserts without a member session (the seed, the
-- service role, jobs) are not counted. Security definer: the counters are readable by no API role.
create function private.limit_messages()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
	v_settings private.rate_limit_settings;
	v_hit record;
begin
	if v_uid is null or new.sender_id is distinct from v_uid then
		return new;
	end if;
	select * into v_settings from private.rate_limit_settings s where s.id;
	select * into v_hit from private.rate_limit_hit('messages', v_uid::text, v_settings.message_window);
	if v_hit.hits > v_settings.message_max_hits then
		raise exception '%', case when tg_table_name = 'venture_messages' then 'ventures.rate_limited'
			else 'mentoring.rate_limited' end
			using errcode = 'PT429',
				detail = greatest(1, ceil(extract(epoch from v_hit.window_end - clock_timestamp())))::int::text,
				hint = 'Too many messages in a short time; try again later.';
	end if;
	return new;
end;
$$;
revoke execute on function private.limit_messages() from public, anon, authenticated;

create trigger mentorship_messages_05_rate_limit
	before insert on public.mentorship_messages
	for each row execute function private.limit_messages();

create trigger venture_messages_05_rate_limit
	before insert on public.venture_messages
	for each row execute function private.limit_messages();

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- The site's check before an auth call (service role only): one hit for (p_bucket, p_key), refused beyond
-- p_max_hits per p_window_seconds. The first refusal of a window is written to the audit log with the caller's
-- truncated IP and, for an email key, the account it names. Never null: allowed, retry_after_seconds.
create function public.consume_rate_limit(
	p_bucket text,
	p_key text,
	p_max_hits int,
	p_window_seconds int,
	p_ip text default null
)
returns table (allowed boolean, retry_after_seconds int)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_hit record;
begin
	if p_bucket is null or p_bucket !~ '^[a-z_]{1,40}$' or p_key is null or char_length(p_key) > 320
		or p_max_hits is null or p_max_hits < 1 or p_window_seconds is null or p_window_seconds not between 1 and 86400
	then
		raise exception 'bad rate-limit arguments' using errcode = '22023';
	end if;
	select * into v_hit from private.rate_limit_hit(p_bucket, p_key, make_interval(secs => p_window_seconds));
	if v_hit.hits = p_max_hits + 1 then
		perform public.record_security_event('security.rate_limited', null, null,
			case when p_key like '%@%' then p_key end, p_ip,
			jsonb_build_object('bucket', p_bucket, 'max_hits', p_max_hits, 'window_seconds', p_window_seconds));
	end if;
	return query select v_hit.hits <= p_max_hits,
		case when v_hit.hits <= p_max_hits then 0
			else greatest(1, ceil(extract(epoch from v_hit.window_end - clock_timestamp())))::int end;
end;
$$;
comment on function public.consume_rate_limit(text, text, int, int, text) is
	'Service role only: takes one hit for (bucket, key) and says whether it is allowed (at most p_max_hits per p_window_seconds) and, when not, how many seconds are left. Never null: allowed, retry_after_seconds.';
revoke execute on function public.consume_rate_limit(text, text, int, int, text) from public, anon, authenticated;
grant execute on function public.consume_rate_limit(text, text, int, int, text) to service_role;

-- Sweeps counters whose window ended (service role; the scheduled jobs call it). Returns how many went.
create function public.purge_rate_limits()
returns int
language sql
security definer
set search_path = ''
as $$
	with gone as (
		delete from private.rate_limits r where r.window_start + r.window_length < clock_timestamp() returning 1)
	select count(*)::int from gone;
$$;
comment on function public.purge_rate_limits() is 'Service role only: deletes rate-limit counters whose window has ended.';
revoke execute on function public.purge_rate_limits() from public, anon, authenticated;
grant execute on function public.purge_rate_limits() to service_role;

-- How many messages a member may send per window (service role only; e.g. a load test raises it).
create function public.set_message_rate_limit(p_max_hits int, p_window_seconds int default 600)
returns void
language sql
security definer
set search_path = ''
as $$
	update private.rate_limit_settings s
	set message_max_hits = p_max_hits, message_window = make_interval(secs => p_window_seconds)
	where s.id;
$$;
comment on function public.set_message_rate_limit(int, int) is
	'Service role only: sets how many messages (mentoring and ventures together) a member may send per window.';
revoke execute on function public.set_message_rate_limit(int, int) from public, anon, authenticated;
grant execute on function public.set_message_rate_limit(int, int) to service_role;
