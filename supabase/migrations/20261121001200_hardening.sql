-- =====================================================================================================================
-- Section: hardening (issue 7)
--
-- The database linter (`npm run db:lint`, supabase/lint/) passes on the earlier migrations; its one exception,
-- storage.objects' per-bucket policies, is allow-listed there with its reason. This migration closes two privacy
-- gaps in mentoring (ADR 010):
--   - mentor_profiles.paused_reason and expired_count (why a mentor is paused, how many requests they let expire)
--     were readable by every member who may see the mentor. Members now read every column but those two; the
--     mentor and staff read the whole row through get_mentor_profile().
--   - mentor_feedback_summary() changed with every response from the third on, so a mentor watching it could
--     work out one mentee's answers by differencing. The figures now cover the earliest responses in whole
--     batches of 3: they change only when 3 new responses have arrived.
-- =====================================================================================================================

-- ---------------------------------------------------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------------------------------------------------

-- Column privileges: a member reads a visible mentor's offer and load, never why they are paused or how many
-- requests they let expire. (Writes stay as 0700 granted them.)
revoke select on public.mentor_profiles from authenticated;
grant select (user_id, about, topics, sectors, languages, countries, formats, capacity, paused, active_count,
	waiting_count, reply_days, last_active_at, created_at, updated_at)
	on public.mentor_profiles to authenticated;

-- ---------------------------------------------------------------------------------------------------------------------
-- Public RPC functions
-- ---------------------------------------------------------------------------------------------------------------------

-- The whole mentor profile, paused_reason and expired_count included, for the mentor themself (no argument, or
-- their own id) and for staff (any id). Anyone else gets no row, the same answer as for a missing profile.
-- Security definer: the two columns are not granted to authenticated.
create function public.get_mentor_profile(p_user_id uuid default null)
returns setof public.mentor_profiles
language sql
stable
security definer
set search_path = ''
as $$
	select mp.*
	from public.mentor_profiles mp
	where mp.user_id = coalesce(p_user_id, (select auth.uid()))
		and (mp.user_id = (select auth.uid()) or (select private.is_staff()));
$$;
comment on function public.get_mentor_profile(uuid) is
	'A mentor profile with its private columns (paused_reason, expired_count), for its owner (no argument: the caller''s) and staff; no row for anyone else.';
revoke execute on function public.get_mentor_profile(uuid) from public, anon, authenticated;
grant execute on function public.get_mentor_profile(uuid) to authenticated;

-- Aggregates of the calling mentor's mentees' feedback. `responses` counts every response; the figures cover the
-- earliest responses in whole batches of 3 (3, 6, 9, …), so one new response never changes them and no single
-- answer can be worked out by comparing two readings. Null below 3 responses.
create or replace function public.mentor_feedback_summary()
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
		select fb.useful, fb.goals_met, fb.outcome,
			row_number() over (order by fb.created_at, fb.mentorship_id) as n,
			count(*) over () as total
		from public.mentorship_feedback fb
		join public.mentorships m on m.id = fb.mentorship_id
		where m.mentor_id = v_uid and fb.author_role = 'mentee'
	),
	published as (
		select f.useful, f.goals_met, f.outcome from f where f.n <= (f.total / 3) * 3
	),
	agg as (
		select
			round(avg(p.useful), 1) as useful_avg,
			(count(*) filter (where p.goals_met = 'yes'))::integer as yes,
			(count(*) filter (where p.goals_met = 'partly'))::integer as partly,
			(count(*) filter (where p.goals_met = 'no'))::integer as no,
			(select jsonb_object_agg(o.outcome, o.n) from (
				select p2.outcome, count(*) as n from published as p2 group by p2.outcome) as o) as outcomes
		from published p
	)
	select
		(select count(*) from f)::integer,
		a.useful_avg,
		case when a.useful_avg is not null then a.yes end,
		case when a.useful_avg is not null then a.partly end,
		case when a.useful_avg is not null then a.no end,
		a.outcomes
	from agg a;
end;
$$;
comment on function public.mentor_feedback_summary() is
	'Aggregates of the calling mentor''s mentees'' feedback: responses counts them all; the figures cover the earliest responses in whole batches of 3 (yes + partly + no is how many), null below 3. Never null: responses.';
