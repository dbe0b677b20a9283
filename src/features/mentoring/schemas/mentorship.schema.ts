import { z } from 'astro/zod';
import { lineSchema, optionSchema, textSchema } from '~/features/profiles/schemas/fields.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import {
	DECLINE_REASONS,
	GOALS_MET,
	MENTORING_LIMITS as L,
	OUTCOMES,
	RESPONSES,
	TOPICS,
	USEFUL_SCORES,
} from '../options.ts';

const message = (key: MessageKey) => ({ error: key });

/**
 * A field that a form may leave out (e.g. the decline reason when asking a question): absent is
 * the same as empty, in the browser as on the server.
 */
export function optional<T extends z.ZodType>(schema: T) {
	return z.preprocess((value) => value ?? null, schema);
}

/** A mentorship's id as forms post it; anything else is "not found". */
export const MentorshipIdSchema = z.uuid(message('mentoring.error.not_found'));

/** A member's id as forms post it; anything else is "not found". */
export const MemberIdSchema = z.uuid(message('mentoring.error.not_found'));

/** A choice that must be made from a list. */
function choice<const T extends readonly [string, ...string[]]>(values: T, required: MessageKey) {
	return z.preprocess(
		(value) => (value === '' ? undefined : value),
		z.enum(values, {
			error: (issue) => (issue.input === undefined ? required : 'mentoring.error.choose'),
		})
	);
}

/**
 * A message in a thread: plain text, line ends kept, 1–4000 characters. HTML is not refused: it
 * is stored as typed and always shown as text.
 */
export const MessageBodySchema = z.preprocess(
	(value) => value ?? '',
	textSchema(L.messageMax, 'mentoring.error.message_too_long').refine(
		(value) => value !== null,
		message('mentoring.error.messageRequired')
	)
);

/** The request form: the topic, a one-line goal, and a first message to the mentor. */
export const RequestSchema = z.object({
	mentor_id: MemberIdSchema,
	topic: choice(TOPICS, 'mentoring.error.topicRequired'),
	goal: lineSchema(L.goalMax, 'mentoring.error.goalTooLong', 'mentoring.error.goalRequired'),
	message: MessageBodySchema,
});

/**
 * A mentor's answer: accept, decline (optionally saying why, in `reason` and `note`) or ask a
 * question first (`question`, required: it becomes a message in the thread).
 */
export const RespondSchema = z
	.object({
		mentorship_id: MentorshipIdSchema,
		response: choice(RESPONSES, 'mentoring.error.choose'),
		reason: optional(optionSchema(DECLINE_REASONS)),
		note: optional(textSchema(L.noteMax, 'mentoring.error.noteTooLong')),
		question: optional(textSchema(L.noteMax, 'mentoring.error.questionTooLong')),
	})
	.superRefine((value, context) => {
		if (value.response === 'ask_info' && !value.question) {
			context.addIssue({
				code: 'custom',
				path: ['question'],
				message: 'mentoring.error.questionRequired',
			});
		}
	});

/** Acting on a mentorship with nothing more to say: cancel, confirm completion. */
export const MentorshipActionSchema = z.object({ mentorship_id: MentorshipIdSchema });

/** A message in a mentorship's thread. */
export const MessageSchema = z.object({
	mentorship_id: MentorshipIdSchema,
	body: MessageBodySchema,
});

/** Private feedback after completion: only the author and staff ever read it. */
export const FeedbackSchema = z.object({
	mentorship_id: MentorshipIdSchema,
	useful: z.preprocess(
		(value) => (value === '' ? undefined : value),
		z
			.enum(USEFUL_SCORES, {
				error: (issue) =>
					issue.input === undefined ? 'mentoring.error.usefulRequired' : 'mentoring.error.choose',
			})
			.transform(Number)
	),
	goals_met: choice(GOALS_MET, 'mentoring.error.goalsMetRequired'),
	outcome: choice(OUTCOMES, 'mentoring.error.outcomeRequired'),
	comment: optional(textSchema(L.commentMax, 'mentoring.error.commentTooLong')),
});

export {
	REQUEST_FIELDS,
	DECLINE_FIELDS,
	ASK_FIELDS,
	FEEDBACK_FIELDS,
	type RequestField,
	type FeedbackField,
} from './mentorship.fields.ts';
