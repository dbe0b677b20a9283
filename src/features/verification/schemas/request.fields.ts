/**
 * The verification request forms' fields in page order. No zod here: islands import this with the page
 * and load their schema only when it is needed (ADR 015).
 */

/** The person's request form fields, in page order. */
export const PERSON_VERIFICATION_FIELDS = ['message', 'evidence'] as const;

/** The organisation's request form fields, in page order. */
export const ORGANISATION_VERIFICATION_FIELDS = [
	'corporate_number',
	'message',
	'evidence',
] as const;
