import { Constants, type Enums } from '~/lib/supabase/database.types.ts';

/**
 * The values of the moderation enumerations (`report_reason`, `report_status` in
 * `supabase/migrations/20261121000700_mentoring.sql`, through the generated `Constants`); labels
 * are `moderation.reason.<value>`.
 */

/** Why a member reports someone or something (`report_reason`). */
export const REPORT_REASONS = Constants.public.Enums.report_reason;
export type ReportReason = Enums<'report_reason'>;

/** Where a report stands (`report_status`). */
export const REPORT_STATUSES = Constants.public.Enums.report_status;
export type ReportStatus = Enums<'report_status'>;

/** What staff decide about an open report. */
export const REPORT_DECISIONS = [
	'actioned',
	'dismissed',
] as const satisfies readonly ReportStatus[];

/** Limits of the moderation forms, in characters; the same limits are check constraints. */
export const MODERATION_LIMITS = {
	detailsMax: 1000,
	noteMax: 500,
} as const;

/** Values for the placeholders in the moderation forms' messages. */
export const MODERATION_VALIDATION_VARS = MODERATION_LIMITS;
