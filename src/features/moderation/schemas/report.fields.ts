/**
 * The moderation forms' fields in page order. No zod here: islands import this with the page and load
 * their schema only when it is needed (ADR 015).
 */

export const REPORT_FIELDS = ['reason', 'details', 'block'] as const;

export const DECIDE_FIELDS = ['status', 'note'] as const;

export type ReportField = (typeof REPORT_FIELDS)[number];
