/**
 * The pipeline forms' fields in page order. No zod here: islands import this with the page and load
 * their schema only when it is needed (ADR 015).
 */

export const INTEREST_FIELDS = ['acting_for', 'message'] as const;

export const DECLINE_FIELDS = ['reason', 'note'] as const;

export const MILESTONE_FIELDS = ['happened_on', 'note'] as const;

export const CLOSE_FIELDS = ['reason', 'note'] as const;

export type InterestField = (typeof INTEREST_FIELDS)[number];

export type MilestoneField = (typeof MILESTONE_FIELDS)[number];

export type CloseField = (typeof CLOSE_FIELDS)[number];
