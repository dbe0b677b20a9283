/**
 * The invitation form's fields in page order. No zod here: islands import this with the page and load
 * their schema only when it is needed (ADR 015).
 */

/** The invitation form's fields, in page order. */
export const INVITE_FIELDS = ['email', 'role'] as const;
