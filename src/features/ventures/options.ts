import { Constants, type Enums } from '~/lib/supabase/database.types.ts';

/**
 * The values of the joint-venture enumerations, in the order forms list them: the database's own
 * types (`supabase/migrations/20261121000900_ventures.sql`, through the generated `Constants`), so
 * a value a form offers is always one the database accepts. Labels live in the message catalogs
 * (`ventures.<list>.<value>`), so the slugs never reach people.
 */
const ENUMS = Constants.public.Enums;

/** What kind of partnership an opportunity seeks (`partnership_type`). */
export const PARTNERSHIP_TYPES = ENUMS.partnership_type;
export type PartnershipType = Enums<'partnership_type'>;

/** Who posted an opportunity (`venture_side`): a Japanese SME, or a returnee for their own business. */
export const VENTURE_SIDES = ENUMS.venture_side;
export type VentureSide = Enums<'venture_side'>;

/** Where an opportunity stands (`venture_status`). */
export const VENTURE_STATUSES = ENUMS.venture_status;
export type VentureStatus = Enums<'venture_status'>;

/** The statuses the opportunity form offers; closing is final, so it has its own button. */
export const FORM_STATUSES = ['draft', 'open', 'paused'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

/** The capital a partner is expected to bring, in US dollar equivalents (`capital_range`). */
export const CAPITAL_RANGES = ENUMS.capital_range;
export type CapitalRange = Enums<'capital_range'>;

/** When the poster wants to start (`venture_timeline`). */
export const TIMELINES = ENUMS.venture_timeline;
export type Timeline = Enums<'venture_timeline'>;

/** The region of Japan a teaser shows instead of the exact prefecture (`japan_region`). */
export const JAPAN_REGIONS = ENUMS.japan_region;
export type JapanRegion = Enums<'japan_region'>;

/** The steps of a pipeline, in order, and `closed` (`pipeline_stage`). */
export const PIPELINE_STAGES = ENUMS.pipeline_stage;
export type PipelineStage = Enums<'pipeline_stage'>;

/** The steps a pipeline goes through, in order (every stage but `closed`). */
export const STEPS = [
	'interest',
	'mutual',
	'introduced',
	'first_meeting',
	'visit',
	'letter_of_intent',
	'mou',
	'jv_registered',
] as const satisfies readonly PipelineStage[];
export type Step = (typeof STEPS)[number];

/** The steps logged as milestones, after mutual acceptance: `advance_pipeline()` takes these. */
export const MILESTONE_STEPS = [
	'introduced',
	'first_meeting',
	'visit',
	'letter_of_intent',
	'mou',
	'jv_registered',
] as const satisfies readonly Step[];
export type MilestoneStep = (typeof MILESTONE_STEPS)[number];

/** Why a pipeline was closed (`close_reason`). */
export const CLOSE_REASONS = ENUMS.close_reason;
export type CloseReason = Enums<'close_reason'>;

/**
 * The step after `stage`, the only one a member may log next; null when there is none (a joint
 * venture registered, closed, or still waiting for the other side's answer).
 */
export function nextStep(stage: PipelineStage): MilestoneStep | null {
	if (stage === 'interest' || stage === 'closed' || stage === 'jv_registered') return null;
	const next = STEPS[STEPS.indexOf(stage) + 1];
	return (MILESTONE_STEPS as readonly string[]).includes(next ?? '')
		? (next as MilestoneStep)
		: null;
}

/** Whether a pipeline can still move: not closed and no joint venture registered yet. */
export function isOpenStage(stage: PipelineStage): boolean {
	return stage !== 'closed' && stage !== 'jv_registered';
}

/** The stages at which the pipeline page links the NDA and MoU templates. */
export const TEMPLATE_STAGES: readonly PipelineStage[] = ['visit', 'letter_of_intent', 'mou'];

/**
 * Limits of the joint-venture forms, in characters (code points, as PostgreSQL counts them) or
 * items. The same limits are check constraints in the database.
 */
export const VENTURE_LIMITS = {
	titleMin: 5,
	titleMax: 120,
	summaryMin: 20,
	summaryMax: 2000,
	offersMax: 2000,
	needsMax: 2000,
	networkMax: 500,
	skillsMax: 10,
	skillMax: 40,
	countriesMax: 10,
	languagesMax: 6,
	interestMessageMax: 1000,
	noteMax: 500,
	messageMax: 4000,
} as const;

/** Values for the placeholders in the joint-venture forms' messages, e.g. `{titleMax}`. */
export const VENTURE_VALIDATION_VARS = VENTURE_LIMITS;

/** Teasers per page of the browse page. */
export const TEASERS_PER_PAGE = 20;

/** Matches per page of the "for you" and candidates pages. */
export const MATCHES_PER_PAGE = 10;

/** The last page the browse page serves. */
export const MAX_PAGE = 50;

/**
 * The kinds of organisation that can be invited to facilitate a pipeline, once verified: the
 * support bodies of the corridor, as `invite_facilitator()` accepts them (not Japanese SMEs or "other").
 */
export const SUPPORT_ORGANISATION_KINDS = [
	'ngo',
	'diaspora_association',
	'lender',
	'incubator',
	'recruiter',
] as const;
