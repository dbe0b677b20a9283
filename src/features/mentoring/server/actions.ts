import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'astro/zod';
import { localePath } from '~/i18n/locales.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import { MENTORING_PATHS } from '../paths.ts';
import { MentorProfileSchema } from '../schemas/mentor-profile.schema.ts';
import {
	FeedbackSchema,
	MentorshipActionSchema,
	MessageSchema,
	RequestSchema,
	RespondSchema,
} from '../schemas/mentorship.schema.ts';
import { PreferencesSchema } from '../schemas/preferences.schema.ts';
import { mentoringActionError } from './errors.server.ts';
import { notifyAnswer, notifyNewRequest } from './notify.server.ts';
import { siteOrigin } from '~/lib/site-origin.server.ts';
import { recordMessageLimit } from '~/features/audit/server/record.server.ts';

/** Where a successful mentoring action sends the browser next (post/redirect/get). */
export interface MentoringActionResult {
	redirectTo: string;
}

/** The visitor's client and id, or "sign in again" when their session has gone. */
function signedIn(context: ActionAPIContext): { db: SupabaseClient; userId: string } {
	const userId = context.locals.user?.sub;
	if (!userId) {
		throw new ActionError({ code: 'UNAUTHORIZED', message: 'mentoring.error.signIn' });
	}
	return { db: context.locals.supabase, userId };
}

function to(
	context: ActionAPIContext,
	path: string,
	notice: string,
	hash = ''
): MentoringActionResult {
	return { redirectTo: `${localePath(context.locals.locale, path)}?notice=${notice}${hash}` };
}

/** Runs an RPC and turns its failure into a translated ActionError. */
async function call<T>(
	db: SupabaseClient,
	fn: string,
	args: Record<string, unknown>,
	generic: MessageKey
): Promise<T> {
	const { data, error } = await db.rpc(fn, args);
	if (error) throw mentoringActionError(error, generic);
	return data as T;
}

/** The mentoring actions, wired in `src/actions/index.ts` as `actions.mentoring.*`. */
export const mentoring = {
	saveMentorProfile: defineAction({
		accept: 'form',
		input: MentorProfileSchema,
		handler: async (input, context): Promise<MentoringActionResult> => {
			const { db, userId } = signedIn(context);
			const current = await db
				.from('mentor_profiles')
				.select('user_id')
				.eq('user_id', userId)
				.maybeSingle();
			if (current.error) throw mentoringActionError(current.error, 'mentoring.error.saveFailed');
			// The database keeps paused_reason: "self" for this switch, or the system's reason until
			// the mentor unpauses.
			const saved = current.data
				? await db.from('mentor_profiles').update(input).eq('user_id', userId)
				: await db.from('mentor_profiles').insert({ ...input, user_id: userId });
			if (saved.error) throw mentoringActionError(saved.error, 'mentoring.error.saveFailed');
			await addMentorKind(db, userId);
			return to(context, MENTORING_PATHS.mentorProfile, current.data ? 'saved' : 'created');
		},
	}),

	resume: defineAction({
		accept: 'form',
		input: z.object({}),
		handler: async (_input, context): Promise<MentoringActionResult> => {
			const { db, userId } = signedIn(context);
			const { data, error } = await db
				.from('mentor_profiles')
				.update({ paused: false })
				.eq('user_id', userId)
				.select('user_id');
			if (error) throw mentoringActionError(error, 'mentoring.error.saveFailed');
			if (!data || data.length === 0) {
				throw new ActionError({ code: 'NOT_FOUND', message: 'mentoring.error.noMentorProfile' });
			}
			return to(context, MENTORING_PATHS.home, 'resumed');
		},
	}),

	request: defineAction({
		accept: 'form',
		input: RequestSchema,
		handler: async (input, context): Promise<MentoringActionResult> => {
			const { db, userId } = signedIn(context);
			if (input.mentor_id === userId) {
				throw new ActionError({ code: 'BAD_REQUEST', message: 'mentoring.error.self_request' });
			}
			const id = await call<string>(
				db,
				'request_mentorship',
				{
					p_mentor_id: input.mentor_id,
					p_topic: input.topic,
					p_goal: input.goal,
					p_message: input.message,
				},
				'mentoring.error.requestFailed'
			);
			await notifyNewRequest(siteOrigin(), id);
			return to(context, MENTORING_PATHS.show(id), 'requested');
		},
	}),

	respond: defineAction({
		accept: 'form',
		input: RespondSchema,
		handler: async (input, context): Promise<MentoringActionResult> => {
			const { db } = signedIn(context);
			await call(
				db,
				'respond_mentorship',
				{
					p_id: input.mentorship_id,
					p_action: input.response,
					p_reason: input.response === 'decline' ? input.reason : null,
					p_note:
						input.response === 'decline'
							? input.note
							: input.response === 'ask_info'
								? input.question
								: null,
				},
				'mentoring.error.actionFailed'
			);
			await notifyAnswer(siteOrigin(), input.mentorship_id, input.response);
			const notice = { accept: 'accepted', decline: 'declined', ask_info: 'asked' }[input.response];
			return to(context, MENTORING_PATHS.show(input.mentorship_id), notice);
		},
	}),

	cancel: defineAction({
		accept: 'form',
		input: MentorshipActionSchema,
		handler: async ({ mentorship_id }, context): Promise<MentoringActionResult> => {
			const { db } = signedIn(context);
			await call(db, 'cancel_mentorship', { p_id: mentorship_id }, 'mentoring.error.actionFailed');
			return to(context, MENTORING_PATHS.show(mentorship_id), 'cancelled');
		},
	}),

	complete: defineAction({
		accept: 'form',
		input: MentorshipActionSchema,
		handler: async ({ mentorship_id }, context): Promise<MentoringActionResult> => {
			const { db } = signedIn(context);
			await call(
				db,
				'complete_mentorship',
				{ p_id: mentorship_id },
				'mentoring.error.actionFailed'
			);
			return to(context, MENTORING_PATHS.show(mentorship_id), 'completion', '#status');
		},
	}),

	sendMessage: defineAction({
		accept: 'form',
		input: MessageSchema,
		handler: async ({ mentorship_id, body }, context): Promise<MentoringActionResult> => {
			const { db, userId } = signedIn(context);
			await call(
				db,
				'send_mentorship_message',
				{ p_id: mentorship_id, p_body: body },
				'mentoring.error.messageFailed'
			).catch(async (error: unknown) => {
				await recordMessageLimit(error, userId);
				throw error;
			});
			return to(context, MENTORING_PATHS.show(mentorship_id), 'sent', '#thread');
		},
	}),

	feedback: defineAction({
		accept: 'form',
		input: FeedbackSchema,
		handler: async (input, context): Promise<MentoringActionResult> => {
			const { db } = signedIn(context);
			await call(
				db,
				'submit_mentorship_feedback',
				{
					p_id: input.mentorship_id,
					p_useful: input.useful,
					p_goals_met: input.goals_met,
					p_outcome: input.outcome,
					p_comment: input.comment,
				},
				'mentoring.error.feedbackFailed'
			);
			return to(context, MENTORING_PATHS.show(input.mentorship_id), 'feedback');
		},
	}),

	savePreferences: defineAction({
		accept: 'form',
		input: PreferencesSchema,
		handler: async (input, context): Promise<MentoringActionResult> => {
			const { db, userId } = signedIn(context);
			const { data, error } = await db
				.from('notification_preferences')
				.update(input)
				.eq('user_id', userId)
				.select('user_id');
			if (error) throw mentoringActionError(error, 'mentoring.error.saveFailed');
			if (!data || data.length === 0) {
				throw new ActionError({ code: 'FORBIDDEN', message: 'mentoring.error.not_allowed' });
			}
			return to(context, MENTORING_PATHS.notifications, 'saved');
		},
	}),
};

/** Offering mentoring makes the member a mentor in the directory too. */
async function addMentorKind(db: SupabaseClient, userId: string): Promise<void> {
	const { data, error } = await db.from('profiles').select('kinds').eq('id', userId).maybeSingle();
	const kinds = (data as { kinds?: string[] } | null)?.kinds;
	if (error || !kinds || kinds.includes('mentor')) {
		if (error) console.error('[mentoring] could not read the member kinds:', error);
		return;
	}
	const saved = await db
		.from('profiles')
		.update({ kinds: [...kinds, 'mentor'] })
		.eq('id', userId);
	if (saved.error) console.error('[mentoring] could not add the mentor kind:', saved.error);
}
