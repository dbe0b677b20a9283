/**
 * The fields of the mentorship forms in page order. No zod here: islands import this with the page and
 * load their schema when it is needed (ADR 015).
 */

export const REQUEST_FIELDS = ['topic', 'goal', 'message'] as const;

export const DECLINE_FIELDS = ['reason', 'note'] as const;

export const ASK_FIELDS = ['question'] as const;

export const FEEDBACK_FIELDS = ['useful', 'goals_met', 'outcome', 'comment'] as const;

export type RequestField = (typeof REQUEST_FIELDS)[number];

export type FeedbackField = (typeof FEEDBACK_FIELDS)[number];
