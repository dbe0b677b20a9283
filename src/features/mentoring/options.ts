import { Constants, type Enums } from '~/lib/supabase/database.types.ts';

/**
 * The values of the mentoring enumerations, in the order forms list them: the database's own types
 * (`supabase/migrations/20261121000700_mentoring.sql`, through the generated `Constants`), so a
 * value a form offers is always one the database accepts. Labels live in the message catalogs
 * (`mentoring.<list>.<value>`), so the slugs never reach people.
 */

const ENUMS = Constants.public.Enums;

/** What a mentor helps with (`mentoring_topic`): business topics first, then sectors and life stages. */
export const TOPICS = ENUMS.mentoring_topic;
export type Topic = Enums<'mentoring_topic'>;

/** How a mentor meets mentees (`mentoring_format`). */
export const FORMATS = ENUMS.mentoring_format;
export type Format = Enums<'mentoring_format'>;

/** Where a mentorship stands (`mentorship_status`). */
export const STATUSES = ENUMS.mentorship_status;
export type MentorshipStatus = Enums<'mentorship_status'>;

/** Statuses in which the two people can still write and act. */
export const OPEN_STATUSES: readonly MentorshipStatus[] = ['requested', 'info_requested', 'active'];

/** Why a mentor declines (`decline_reason`). */
export const DECLINE_REASONS = ENUMS.decline_reason;
export type DeclineReason = Enums<'decline_reason'>;

/** What a mentor can answer to a request. */
export const RESPONSES = ['accept', 'decline', 'ask_info'] as const;
export type MentorResponse = (typeof RESPONSES)[number];

/** What came of a mentorship, as each side reports it (`mentorship_outcome`). */
export const OUTCOMES = ENUMS.mentorship_outcome;
export type Outcome = Enums<'mentorship_outcome'>;

/** Whether the goals were met (`mentorship_feedback.goals_met`). */
export const GOALS_MET = ['yes', 'partly', 'no'] as const;
export type GoalsMet = (typeof GOALS_MET)[number];

/** Usefulness, 1 (not at all) to 5 (very). */
export const USEFUL_SCORES = ['1', '2', '3', '4', '5'] as const;

/** How often unread messages are emailed (`notification_preferences.email_messages`). */
export const MESSAGE_EMAILS = ['daily', 'off'] as const;
export type MessageEmails = (typeof MESSAGE_EMAILS)[number];

/** What an unsubscribe link turns off (`unsubscribe(p_kind)`). */
export const UNSUBSCRIBE_KINDS = [
	'requests',
	'answers',
	'messages',
	'expiry',
	'ventures',
	'all',
] as const;
export type UnsubscribeKind = (typeof UNSUBSCRIBE_KINDS)[number];

/**
 * Limits of the mentoring forms, in characters (code points, as PostgreSQL counts them) or
 * items. The same limits are check constraints in the database.
 */
export const MENTORING_LIMITS = {
	aboutMax: 1000,
	topicsMax: 8,
	sectorsMax: 6,
	languagesMax: 6,
	countriesMax: 10,
	capacityMin: 1,
	capacityMax: 10,
	goalMax: 200,
	messageMax: 4000,
	noteMax: 500,
	commentMax: 1000,
} as const;

/** Values for the placeholders in the mentoring forms' messages, e.g. `{goalMax}`. */
export const MENTORING_VALIDATION_VARS = MENTORING_LIMITS;

/** Mentors shown per page of the find page. */
export const MATCHES_PER_PAGE = 10;

/** Feedback answers a mentor needs before they see any figure (never single answers). */
export const FEEDBACK_MIN_RESPONSES = 3;
