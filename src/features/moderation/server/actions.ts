import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import type { SupabaseClient } from '@supabase/supabase-js';
import { mentoringActionError } from '~/features/mentoring/server/errors.server.ts';
import { localePath } from '~/i18n/locales.ts';
import { MODERATION_PATHS } from '../paths.ts';
import {
	BlockSchema,
	DecideSchema,
	ReportSchema,
	UnblockSchema,
} from '../schemas/report.schema.ts';

/** Where a successful moderation action sends the browser next (post/redirect/get). */
export interface ModerationActionResult {
	redirectTo: string;
}

function signedInDb(context: ActionAPIContext): SupabaseClient {
	if (!context.locals.user) {
		throw new ActionError({ code: 'UNAUTHORIZED', message: 'mentoring.error.signIn' });
	}
	return context.locals.supabase;
}

/** `path` with `notice=…` added, keeping its own query. */
function withNotice(path: string, notice: string): string {
	const url = new URL(path, 'http://okaeri.invalid');
	url.searchParams.set('notice', notice);
	return `${url.pathname}${url.search}`;
}

function back(context: ActionAPIContext, returnTo: string | undefined, notice: string) {
	return {
		redirectTo: withNotice(returnTo ?? localePath(context.locals.locale, '/mentoring'), notice),
	};
}

/** The moderation actions, wired in `src/actions/index.ts` as `actions.moderation.*`. */
export const moderation = {
	report: defineAction({
		accept: 'form',
		input: ReportSchema,
		handler: async (input, context): Promise<ModerationActionResult> => {
			const db = signedInDb(context);
			// A venture report names the pipeline or message only: the database fills in the person,
			// and only once the reporter may see them (ADR 013).
			const venture =
				input.venture_interest_id !== undefined || input.venture_message_id !== undefined;
			const { error } = venture
				? await db.rpc('report_venture', {
						p_reason: input.reason,
						p_details: input.details,
						p_interest_id: input.venture_interest_id ?? null,
						p_message_id: input.venture_message_id ?? null,
					})
				: await db.rpc('report', {
						p_reason: input.reason,
						p_details: input.details,
						p_reported_user_id: input.reported_user_id ?? null,
						p_mentorship_id: input.mentorship_id ?? null,
						p_message_id: input.message_id ?? null,
					});
			if (error) throw mentoringActionError(error, 'moderation.error.reportFailed');
			if (input.block && input.reported_user_id) {
				const blocked = await db.rpc('block_member', { p_user_id: input.reported_user_id });
				if (blocked.error)
					throw mentoringActionError(blocked.error, 'moderation.error.blockFailed');
				return back(context, input.return_to, 'reported-blocked');
			}
			return back(context, input.return_to, 'reported');
		},
	}),

	block: defineAction({
		accept: 'form',
		input: BlockSchema,
		handler: async (input, context): Promise<ModerationActionResult> => {
			const db = signedInDb(context);
			if (input.user_id === context.locals.user?.sub) {
				throw new ActionError({ code: 'BAD_REQUEST', message: 'moderation.error.blockSelf' });
			}
			const { error } = await db.rpc('block_member', { p_user_id: input.user_id });
			if (error) throw mentoringActionError(error, 'moderation.error.blockFailed');
			return back(context, input.return_to, 'blocked');
		},
	}),

	unblock: defineAction({
		accept: 'form',
		input: UnblockSchema,
		handler: async (input, context): Promise<ModerationActionResult> => {
			const db = signedInDb(context);
			const { error } = await db.rpc('unblock_member', { p_user_id: input.user_id });
			if (error) throw mentoringActionError(error, 'moderation.error.blockFailed');
			return back(context, undefined, 'unblocked');
		},
	}),

	decide: defineAction({
		accept: 'form',
		input: DecideSchema,
		handler: async (input, context): Promise<ModerationActionResult> => {
			const db = signedInDb(context);
			const { error } = await db.rpc('decide_report', {
				p_id: input.report_id,
				p_status: input.status,
				p_note: input.note,
			});
			if (error) throw mentoringActionError(error, 'moderation.error.decisionFailed');
			const queue = localePath(context.locals.locale, MODERATION_PATHS.queue);
			return { redirectTo: withNotice(queue, input.status) };
		},
	}),
};
