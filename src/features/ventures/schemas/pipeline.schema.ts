import { z } from 'astro/zod';
import { textSchema } from '~/features/profiles/schemas/fields.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import { CLOSE_REASONS, MILESTONE_STEPS, VENTURE_LIMITS as L } from '../options.ts';
import { IdSchema, PostedForSchema, choice, optional } from './venture.schema.ts';

const message = (key: MessageKey) => ({ error: key });

/** Required text of several lines, at most `max` characters; HTML is kept as typed and shown as text. */
function requiredText(max: number, tooLong: MessageKey, required: MessageKey) {
	return z.preprocess(
		(value) => value ?? '',
		textSchema(max, tooLong).refine((value) => value !== null, message(required))
	);
}

/**
 * Interest in an opportunity: a note to its owners (who the member is and what they bring) and
 * whom they act for — themselves, or one of their organisations.
 */
export const InterestSchema = z.object({
	venture_id: IdSchema,
	acting_for: PostedForSchema,
	message: requiredText(
		L.interestMessageMax,
		'ventures.error.interestTooLong',
		'ventures.error.interestRequired'
	),
});

/** An owner invites a candidate to talk about their opportunity, with a first note. */
export const InviteCandidateSchema = z.object({
	venture_id: IdSchema,
	profile_id: IdSchema,
	message: requiredText(
		L.interestMessageMax,
		'ventures.error.interestTooLong',
		'ventures.error.inviteRequired'
	),
});

/** The other side's answer to an interest: accept (both are introduced) or decline with a reason. */
export const RespondSchema = z
	.object({
		interest_id: IdSchema,
		response: choice(['accept', 'decline'] as const, 'ventures.error.choose'),
		reason: optional(
			z.preprocess(
				(v) => (v === '' ? null : v),
				z.enum(CLOSE_REASONS, message('ventures.error.choose')).nullable()
			)
		),
		note: optional(textSchema(L.noteMax, 'ventures.error.noteTooLong')),
	})
	.superRefine((value, context) => {
		if (value.response === 'decline' && !value.reason) {
			context.addIssue({
				code: 'custom',
				path: ['reason'],
				message: 'ventures.error.reasonRequired',
			});
		}
	});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The first day a milestone may be dated. */
export const EARLIEST_MILESTONE = '2000-01-01';

/**
 * A calendar day as a date input posts it (`YYYY-MM-DD`): a real day, from 2000 on, and not after
 * tomorrow in UTC (a member a day ahead of UTC may log today).
 * @param now the present moment, for tests
 */
export function milestoneDateSchema(now: () => Date = () => new Date()) {
	return z.preprocess(
		(value) => (value === null || value === undefined ? '' : value),
		z
			.string(message('form.error.invalid'))
			.trim()
			.refine((value) => value !== '', { ...message('ventures.error.dateRequired'), abort: true })
			.refine((value) => isCalendarDay(value), {
				...message('ventures.error.dateInvalid'),
				abort: true,
			})
			.refine((value) => value >= EARLIEST_MILESTONE, message('ventures.error.dateInvalid'))
			.refine((value) => {
				const tomorrow = new Date(now().getTime() + 86_400_000).toISOString().slice(0, 10);
				return value <= tomorrow;
			}, message('ventures.error.dateFuture'))
	);
}

/** Whether `YYYY-MM-DD` names a day that exists (no 31 February). */
export function isCalendarDay(value: string): boolean {
	const match = DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** Logs the next step of a pipeline: which step (only the next one is offered), when, and a note. */
export const MilestoneSchema = z.object({
	interest_id: IdSchema,
	stage: choice(MILESTONE_STEPS, 'ventures.error.choose'),
	happened_on: milestoneDateSchema(),
	note: optional(textSchema(L.noteMax, 'ventures.error.noteTooLong')),
});

/** Closes a pipeline at any open stage, with a reason. */
export const CloseSchema = z.object({
	interest_id: IdSchema,
	reason: choice(CLOSE_REASONS, 'ventures.error.reasonRequired'),
	note: optional(textSchema(L.noteMax, 'ventures.error.noteTooLong')),
});

/** Invites a verified support organisation to facilitate. */
export const FacilitatorSchema = z.object({
	interest_id: IdSchema,
	organisation_id: z.preprocess(
		(value) => (value === '' || value === null ? undefined : value),
		z.uuid({
			error: (issue) =>
				issue.input === undefined
					? 'ventures.error.facilitatorRequired'
					: 'ventures.error.not_facilitator_org',
		})
	),
});

/** A message in a pipeline's conversation: plain text, line ends kept, 1–4000 characters. */
export const MessageSchema = z.object({
	interest_id: IdSchema,
	body: requiredText(
		L.messageMax,
		'ventures.error.messageTooLong',
		'ventures.error.messageRequired'
	),
});

export {
	INTEREST_FIELDS,
	DECLINE_FIELDS,
	MILESTONE_FIELDS,
	CLOSE_FIELDS,
	type InterestField,
	type MilestoneField,
	type CloseField,
} from './pipeline.fields.ts';
