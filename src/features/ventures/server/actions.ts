import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import type { SupabaseClient } from '@supabase/supabase-js';
import { localePath } from '~/i18n/locales.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import { recordMessageLimit } from '~/features/audit/server/record.server.ts';
import { VENTURE_PATHS } from '../paths.ts';
import {
	CloseSchema,
	FacilitatorSchema,
	InterestSchema,
	InviteCandidateSchema,
	MessageSchema,
	MilestoneSchema,
	RespondSchema,
} from '../schemas/pipeline.schema.ts';
import {
	CreateVentureSchema,
	UpdateVentureSchema,
	VentureStatusSchema,
	ventureColumns,
} from '../schemas/venture.schema.ts';
import { ventureActionError } from './errors.server.ts';
import { notifyAnswer, notifyInterest } from './notify.server.ts';
import { siteOrigin } from '~/lib/site-origin.server.ts';

/** Where a successful joint-venture action sends the browser next (post/redirect/get). */
export interface VentureActionResult {
	redirectTo: string;
}

/** The visitor's client, or "sign in again" when their session has gone. */
function signedIn(context: ActionAPIContext): SupabaseClient {
	if (!context.locals.user?.sub) {
		throw new ActionError({ code: 'UNAUTHORIZED', message: 'ventures.error.signIn' });
	}
	return context.locals.supabase;
}

function to(
	context: ActionAPIContext,
	path: string,
	notice: string,
	hash = ''
): VentureActionResult {
	return { redirectTo: `${localePath(context.locals.locale, path)}?notice=${notice}${hash}` };
}

/** Runs an RPC with the member's session and turns its failure into a translated ActionError. */
async function call<T>(
	db: SupabaseClient,
	fn: string,
	args: Record<string, unknown>,
	generic: MessageKey
): Promise<T> {
	const { data, error } = await db.rpc(fn, args);
	if (error) throw ventureActionError(error, generic);
	return data as T;
}

/** `own` (the member acts for themselves) is no organisation; anything else is one's id. */
const organisationOf = (actingFor: string) => (actingFor === 'own' ? null : actingFor);

/**
 * The joint-venture actions, wired in `src/actions/index.ts` as `actions.ventures.*`. Every write
 * goes through the database's functions with the member's session: they check who may do what
 * (a verified organisation to open, the owners to act on an opportunity, only the next step).
 */
export const ventures = {
	create: defineAction({
		accept: 'form',
		input: CreateVentureSchema,
		handler: async (input, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			const id = await call<string>(
				db,
				'save_venture',
				{
					p_id: null,
					p_fields: {
						...ventureColumns(input),
						...(input.posted_for === 'own'
							? { side: 'returnee' }
							: { side: 'sme', organisation_id: input.posted_for }),
					},
				},
				'ventures.error.saveFailed'
			);
			return to(context, VENTURE_PATHS.show(id), input.status === 'open' ? 'published' : 'created');
		},
	}),

	update: defineAction({
		accept: 'form',
		input: UpdateVentureSchema,
		handler: async (input, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			await call(
				db,
				'save_venture',
				{ p_id: input.id, p_fields: ventureColumns(input) },
				'ventures.error.saveFailed'
			);
			return to(context, VENTURE_PATHS.show(input.id), 'saved');
		},
	}),

	setStatus: defineAction({
		accept: 'form',
		input: VentureStatusSchema,
		handler: async ({ venture_id, status }, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			await call(
				db,
				'save_venture',
				{ p_id: venture_id, p_fields: { status } },
				'ventures.error.saveFailed'
			);
			const notice = { open: 'published', paused: 'paused', closed: 'closed' }[status];
			return to(context, VENTURE_PATHS.show(venture_id), notice);
		},
	}),

	expressInterest: defineAction({
		accept: 'form',
		input: InterestSchema,
		handler: async (input, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			const id = await call<string>(
				db,
				'express_interest',
				{
					p_venture_id: input.venture_id,
					p_message: input.message,
					p_organisation_id: organisationOf(input.acting_for),
				},
				'ventures.error.interestFailed'
			);
			await notifyInterest(siteOrigin(), id);
			return to(context, VENTURE_PATHS.interest(id), 'interest');
		},
	}),

	inviteCandidate: defineAction({
		accept: 'form',
		input: InviteCandidateSchema,
		handler: async (input, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			const id = await call<string>(
				db,
				'invite_candidate',
				{
					p_venture_id: input.venture_id,
					p_profile_id: input.profile_id,
					p_message: input.message,
				},
				'ventures.error.interestFailed'
			);
			await notifyInterest(siteOrigin(), id);
			return to(context, VENTURE_PATHS.interest(id), 'invited');
		},
	}),

	respond: defineAction({
		accept: 'form',
		input: RespondSchema,
		handler: async (input, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			const accept = input.response === 'accept';
			await call(
				db,
				'respond_interest',
				{
					p_interest_id: input.interest_id,
					p_accept: accept,
					p_reason: accept ? null : input.reason,
					p_note: accept ? null : input.note,
				},
				'ventures.error.actionFailed'
			);
			await notifyAnswer(siteOrigin(), input.interest_id, accept);
			return to(
				context,
				VENTURE_PATHS.interest(input.interest_id),
				accept ? 'accepted' : 'declined'
			);
		},
	}),

	advance: defineAction({
		accept: 'form',
		input: MilestoneSchema,
		handler: async (input, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			await call(
				db,
				'advance_pipeline',
				{
					p_interest_id: input.interest_id,
					p_stage: input.stage,
					p_note: input.note,
					p_happened_on: input.happened_on,
				},
				'ventures.error.actionFailed'
			);
			return to(context, VENTURE_PATHS.interest(input.interest_id), 'milestone', '#progress');
		},
	}),

	close: defineAction({
		accept: 'form',
		input: CloseSchema,
		handler: async (input, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			await call(
				db,
				'close_pipeline',
				{ p_interest_id: input.interest_id, p_reason: input.reason, p_note: input.note },
				'ventures.error.actionFailed'
			);
			return to(context, VENTURE_PATHS.interest(input.interest_id), 'closed');
		},
	}),

	inviteFacilitator: defineAction({
		accept: 'form',
		input: FacilitatorSchema,
		handler: async (input, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			await call(
				db,
				'invite_facilitator',
				{ p_interest_id: input.interest_id, p_organisation_id: input.organisation_id },
				'ventures.error.actionFailed'
			);
			return to(context, VENTURE_PATHS.interest(input.interest_id), 'facilitator');
		},
	}),

	sendMessage: defineAction({
		accept: 'form',
		input: MessageSchema,
		handler: async ({ interest_id, body }, context): Promise<VentureActionResult> => {
			const db = signedIn(context);
			await call(
				db,
				'send_venture_message',
				{ p_interest_id: interest_id, p_body: body },
				'ventures.error.messageFailed'
			).catch(async (error: unknown) => {
				await recordMessageLimit(error, context.locals.user?.sub ?? null);
				throw error;
			});
			return to(context, VENTURE_PATHS.interest(interest_id), 'sent', '#thread');
		},
	}),
};
