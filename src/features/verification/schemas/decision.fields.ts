/**
 * The verification decision form's fields in page order. No zod here: islands import this with the
 * page and load their schema only when it is needed (ADR 015).
 */

/** The decision form's fields, in page order. */
export const DECISION_FIELDS = ['decision', 'reason'] as const;
