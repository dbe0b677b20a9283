import type { Database, Tables } from '~/lib/supabase/database.types.ts';

/**
 * The rows the mentoring pages read, as the database returns them (generated from
 * `supabase/migrations/20261121000700_mentoring.sql` and `…000800_notifications.sql`).
 */
type Functions = Database['public']['Functions'];

/** The caller's own `mentor_profiles` row. */
export type MentorProfileRow = Pick<
	Tables<'mentor_profiles'>,
	| 'user_id'
	| 'about'
	| 'topics'
	| 'sectors'
	| 'languages'
	| 'countries'
	| 'formats'
	| 'capacity'
	| 'paused'
	| 'paused_reason'
	| 'last_active_at'
>;

/** One mentor as `match_mentors()` offers them to the caller. */
export type MentorMatch = Functions['match_mentors']['Returns'][number];

/** One of the caller's mentorships (`my_mentorships()`). */
export type MyMentorship = Functions['my_mentorships']['Returns'][number];

/** A `mentorships` row as its members read it. */
export type MentorshipRow = Omit<Tables<'mentorships'>, 'updated_at'>;

/** A message in a thread. `sender_id` null: a deleted account. */
export type MessageRow = Tables<'mentorship_messages'>;

/** A mentor's feedback totals (`mentor_feedback_summary()`): figures cover whole batches of 3 answers, null below 3. */
export type FeedbackSummary = Functions['mentor_feedback_summary']['Returns'][number];

/** The caller's email settings (`notification_preferences`). */
export type PreferencesRow = Pick<
	Tables<'notification_preferences'>,
	| 'user_id'
	| 'email_requests'
	| 'email_answers'
	| 'email_messages'
	| 'email_expiry'
	| 'email_ventures'
>;

/** One open report in the staff queue (`moderation_queue()`). */
export type QueueRow = Functions['moderation_queue']['Returns'][number];
