import { z } from 'astro/zod';
import { safeNextPath } from '~/features/auth/paths.ts';
import { CheckboxSchema, textSchema } from '~/features/profiles/schemas/fields.ts';
import { optional } from '~/features/mentoring/schemas/mentorship.schema.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import { MODERATION_LIMITS as L, REPORT_DECISIONS, REPORT_REASONS } from '../options.ts';

const message = (key: MessageKey) => ({ error: key });
const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

/** An optional id from a hidden field: a UUID, or left out. */
const OptionalUuid = z.preprocess(
	blankToUndefined,
	z.uuid(message('moderation.error.notFound')).optional()
);

/** An optional message id from a hidden field: a positive integer, or left out. */
const OptionalMessageId = z.preprocess(
	(value) =>
		typeof value === 'string' && /^\d{1,18}$/.test(value) ? Number(value) : blankToUndefined(value),
	z
		.int(message('moderation.error.notFound'))
		.positive(message('moderation.error.notFound'))
		.optional()
);

/** Where to go back to after a report or a block: a path on this site, or left out. */
const ReturnToSchema = z.preprocess(
	(value) => safeNextPath(value) ?? undefined,
	z.string().optional()
);

/**
 * What a report is about: a person, a mentorship, one message in it, or several of these; or a
 * joint-venture conversation or one message in it (never both a mentorship and a venture).
 */
export const ReportSchema = z
	.object({
		reason: z.preprocess(
			blankToUndefined,
			z.enum(REPORT_REASONS, {
				error: (issue) =>
					issue.input === undefined ? 'moderation.error.reasonRequired' : 'moderation.error.choose',
			})
		),
		details: optional(textSchema(L.detailsMax, 'moderation.error.detailsTooLong')),
		reported_user_id: OptionalUuid,
		mentorship_id: OptionalUuid,
		message_id: OptionalMessageId,
		venture_interest_id: OptionalUuid,
		venture_message_id: OptionalMessageId,
		block: CheckboxSchema,
		return_to: ReturnToSchema,
	})
	.superRefine((value, context) => {
		const venture =
			value.venture_interest_id !== undefined || value.venture_message_id !== undefined;
		if (
			!value.reported_user_id &&
			!value.mentorship_id &&
			value.message_id === undefined &&
			!venture
		) {
			context.addIssue({
				code: 'custom',
				path: ['reason'],
				message: 'moderation.error.nothingToReport',
			});
		}
		if (
			(value.message_id !== undefined && !value.mentorship_id) ||
			(venture && (value.mentorship_id !== undefined || value.message_id !== undefined))
		) {
			context.addIssue({ code: 'custom', path: ['reason'], message: 'moderation.error.notFound' });
		}
	});

/** Blocking one member, from the page the member was on. */
export const BlockSchema = z.object({
	user_id: z.uuid(message('moderation.error.notFound')),
	return_to: ReturnToSchema,
});

/** Unblocking one member. */
export const UnblockSchema = z.object({
	user_id: z.uuid(message('moderation.error.notFound')),
});

/** Staff decide an open report: action taken (with a note) or dismissed. */
export const DecideSchema = z
	.object({
		report_id: z.uuid(message('moderation.error.notFound')),
		status: z.preprocess(
			blankToUndefined,
			z.enum(REPORT_DECISIONS, {
				error: (issue) =>
					issue.input === undefined
						? 'moderation.error.decisionRequired'
						: 'moderation.error.choose',
			})
		),
		note: optional(textSchema(L.noteMax, 'moderation.error.noteTooLong')),
	})
	.superRefine((value, context) => {
		if (value.status === 'actioned' && !value.note) {
			context.addIssue({
				code: 'custom',
				path: ['note'],
				message: 'moderation.error.noteRequired',
			});
		}
	});

export { REPORT_FIELDS, DECIDE_FIELDS, type ReportField } from './report.fields.ts';
