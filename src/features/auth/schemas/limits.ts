/**
 * The limits of the auth forms and the values of their messages' placeholders. No zod here: islands
 * import this with the page and load their schema only when it is needed (ADR 015).
 */

/** Shortest password accepted for a new account or a new password. */
export const PASSWORD_MIN_LENGTH = 8;

/** Longest password in UTF-8 bytes: bcrypt, which stores passwords, ignores anything after 72. */
export const PASSWORD_MAX_BYTES = 72;

/** Longest email address a mail system delivers to (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;

/** Values for the placeholders in validation messages, e.g. `{min}`. */
export const VALIDATION_VARS = { min: PASSWORD_MIN_LENGTH } as const;
