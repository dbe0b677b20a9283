import type { Database, Tables } from '~/lib/supabase/database.types.ts';

/**
 * The rows the joint-venture pages read, as the database returns them (generated from
 * `supabase/migrations/20261121000900_ventures.sql`).
 */
type Functions = Database['public']['Functions'];

/** An open opportunity as everyone signed in sees it (`venture_teasers()`): never who posted it. */
export type TeaserRow = Functions['venture_teasers']['Returns'][number];

/** An opportunity matched to the calling returnee (`ventures_for_me()`), with score and reasons. */
export type MatchedTeaserRow = Functions['ventures_for_me']['Returns'][number];

/**
 * One opportunity (`get_venture()`): the teaser for everyone signed in; who posted it and the exact
 * place only for its owners, staff and the parties of a mutual (or later) interest (`revealed`).
 */
export type VentureRow = Functions['get_venture']['Returns'][number];

/** The teaser columns every view of an opportunity has (a teaser, a match, the opportunity itself). */
export type Teaser = Pick<
	VentureRow,
	| 'id'
	| 'side'
	| 'title'
	| 'summary'
	| 'partnership_type'
	| 'sector'
	| 'target_countries'
	| 'region'
	| 'required_skills'
	| 'min_jlpt'
	| 'capital'
	| 'timeline'
	| 'languages'
	| 'published_at'
>;

/** An opportunity as its owners edit it (`ventures`, readable by its owners and staff only). */
export type OwnVentureRow = Omit<Tables<'ventures'>, 'search_document' | 'region'>;

/** One pipeline the caller takes part in (`my_pipeline()`): names only once revealed. */
export type PipelineRow = Functions['my_pipeline']['Returns'][number];

/** The caller's part in a pipeline. */
export type PipelineRole = 'owner' | 'counterpart' | 'facilitator';

/**
 * An interest (a pipeline) as its parties read it: every column but the identity ones
 * (`counterpart_id`, `counterpart_organisation_id`, `corridor_country`), which no API role reads.
 */
export type InterestRow = Pick<
	Tables<'venture_interests'>,
	| 'id'
	| 'venture_id'
	| 'initiated_by'
	| 'stage'
	| 'furthest_stage'
	| 'message'
	| 'match_score'
	| 'match_reasons'
	| 'mutual_at'
	| 'introduced_at'
	| 'close_reason'
	| 'close_note'
	| 'closed_at'
	| 'facilitator_organisation_id'
	| 'stage_changed_at'
	| 'created_at'
>;

/** A step logged in a pipeline (`venture_milestones`). */
export type MilestoneRow = Tables<'venture_milestones'>;

/** A message in a pipeline's conversation (`venture_messages`); `sender_id` null: a deleted account. */
export type VentureMessageRow = Tables<'venture_messages'>;

/** A person matched to an opportunity, for its owners (`venture_candidates()`). */
export type CandidateRow = Functions['venture_candidates']['Returns'][number];

/** One corridor × sector cell of the public outcomes (`venture_outcomes()`): null is fewer than 5. */
export type OutcomeRow = Functions['venture_outcomes']['Returns'][number];

/** One stall reminder the job sends (`stalled_pipelines_due()`). */
export type DueReminderRow = Functions['stalled_pipelines_due']['Returns'][number];
