import { Constants } from '~/lib/supabase/database.types.ts';

/** Where a verification request stands (`verification_status`). */
export const VERIFICATION_STATUSES = Constants.public.Enums.verification_status;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** Limits of the verification forms; the message and reason limits are check constraints too. */
export const VERIFICATION_LIMITS = {
	messageMax: 2000,
	reasonMax: 1000,
	/** Files of evidence per request. */
	filesMax: 3,
	/**
	 * Most bytes of evidence per request, all files together: the `documents` bucket's limit per
	 * file (10 MiB), and what fits in one post (astro.config.mjs `actionBodySizeLimit`, 11 MiB).
	 */
	totalMaxBytes: 10 * 1024 * 1024,
	/** The same, in whole megabytes, for messages. */
	totalMaxMb: 10,
	/** Minutes a signed link to evidence works for staff. */
	signedUrlMinutes: 5,
} as const;

/** Values for the placeholders in the verification forms' messages. */
export const VERIFICATION_VALIDATION_VARS = VERIFICATION_LIMITS;
