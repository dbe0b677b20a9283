import { ActionError, defineAction } from 'astro:actions';
import { failure, signedInDb } from '~/features/organisations/server/actions.ts';
import type { Db } from '~/lib/supabase/db.server.ts';
import { localePath } from '~/i18n/locales.ts';
import { VERIFICATION_PATHS } from '../paths.ts';
import { DecisionSchema } from '../schemas/decision.schema.ts';
import {
	OrganisationVerificationSchema,
	PersonVerificationSchema,
	WithdrawRequestSchema,
} from '../schemas/request.schema.ts';
import { removeEvidence, uploadEvidence } from './evidence.server.ts';

/** What a successful verification action tells the page: where to send the browser next. */
export interface VerificationActionResult {
	redirectTo: string;
}

/** The verification forms' actions, wired in `src/actions/index.ts` as `actions.verification.*`. */
export const verification = {
	requestPerson: defineAction({
		accept: 'form',
		input: PersonVerificationSchema,
		handler: async (input, context): Promise<VerificationActionResult> => {
			const db = signedInDb(context);
			const userId = context.locals.user?.sub ?? '';
			await createRequest(db, userId, { subject_user_id: userId }, input);
			const page = localePath(context.locals.locale, VERIFICATION_PATHS.person);
			return { redirectTo: `${page}?notice=requested` };
		},
	}),

	requestOrganisation: defineAction({
		accept: 'form',
		input: OrganisationVerificationSchema,
		handler: async (input, context): Promise<VerificationActionResult> => {
			const db = signedInDb(context);
			const userId = context.locals.user?.sub ?? '';
			const { data: organisation, error } = await db
				.from('organisations')
				.select('id, kind, country, corporate_number')
				.eq('id', input.organisation_id)
				.maybeSingle();
			if (error) throw failure(error, 'verification.error.requestFailed');
			if (!organisation) {
				throw new ActionError({ code: 'NOT_FOUND', message: 'organisations.error.notFound' });
			}
			if (organisation.country !== 'JP' && input.corporate_number) {
				throw new ActionError({
					code: 'BAD_REQUEST',
					message: 'organisations.error.corporateNumberJapanOnly',
				});
			}
			if (organisation.kind === 'japanese_sme' && !input.corporate_number) {
				throw new ActionError({
					code: 'BAD_REQUEST',
					message: 'verification.error.corporateNumberRequired',
				});
			}
			if (input.corporate_number !== organisation.corporate_number) {
				// Owners may change it (row-level security); for anyone else no row changes.
				const saved = await db
					.from('organisations')
					.update({ corporate_number: input.corporate_number })
					.eq('id', organisation.id)
					.select('id');
				if (saved.error) throw failure(saved.error, 'verification.error.requestFailed');
				if (!saved.data || saved.data.length === 0) {
					throw new ActionError({ code: 'FORBIDDEN', message: 'organisations.error.notOwner' });
				}
			}
			await createRequest(db, userId, { subject_organisation_id: organisation.id }, input);
			const page = localePath(
				context.locals.locale,
				VERIFICATION_PATHS.organisation(organisation.id)
			);
			return { redirectTo: `${page}?notice=requested` };
		},
	}),

	withdraw: defineAction({
		accept: 'form',
		input: WithdrawRequestSchema,
		handler: async ({ request_id }, context): Promise<VerificationActionResult> => {
			const db = signedInDb(context);
			const { data, error } = await db
				.from('verification_requests')
				.delete()
				.eq('id', request_id)
				.select('evidence_paths, subject_organisation_id');
			if (error) throw failure(error, 'verification.error.requestFailed');
			const removed = data?.[0];
			if (!removed)
				throw new ActionError({ code: 'NOT_FOUND', message: 'verification.error.notFound' });
			await removeEvidence(db, removed.evidence_paths);
			const path = removed.subject_organisation_id
				? VERIFICATION_PATHS.organisation(removed.subject_organisation_id)
				: VERIFICATION_PATHS.person;
			return { redirectTo: `${localePath(context.locals.locale, path)}?notice=withdrawn` };
		},
	}),

	decide: defineAction({
		accept: 'form',
		input: DecisionSchema,
		handler: async (input, context): Promise<VerificationActionResult> => {
			const db = signedInDb(context);
			const { data, error } = await db.rpc('decide_verification', {
				p_request_id: input.request_id,
				p_decision: input.decision,
				...(input.reason ? { p_reason: input.reason } : {}),
			});
			if (error) throw decisionFailure(error);
			const queue = localePath(context.locals.locale, VERIFICATION_PATHS.queue);
			const notice = data?.status === 'approved' ? 'approved' : 'rejected';
			return { redirectTo: `${queue}?notice=${notice}` };
		},
	}),
};

/**
 * Uploads the evidence, then records the request; when recording fails, the files go again, so
 * nothing is left behind.
 */
async function createRequest(
	db: Db,
	userId: string,
	subject: { subject_user_id: string } | { subject_organisation_id: string },
	input: { message: string | null; evidence: File[] }
): Promise<void> {
	let paths: string[];
	try {
		paths = await uploadEvidence(db, userId, input.evidence);
	} catch (error) {
		throw failure(error, 'verification.error.uploadFailed');
	}
	const { error } = await db
		.from('verification_requests')
		.insert({ ...subject, message: input.message, evidence_paths: paths });
	if (error) {
		await removeEvidence(db, paths);
		if (error.code === '23505') {
			throw new ActionError({ code: 'CONFLICT', message: 'verification.error.alreadyPending' });
		}
		if (error.code === '42501') {
			throw new ActionError({ code: 'FORBIDDEN', message: 'organisations.error.notOwner' });
		}
		throw failure(error, 'verification.error.requestFailed');
	}
}

/** Why staff could not decide: not staff, their own request, already decided, or gone. */
function decisionFailure(error: { code?: string; message?: string }): ActionError {
	switch (error.code) {
		case '42501':
			return new ActionError({
				code: 'FORBIDDEN',
				message: /own/.test(error.message ?? '')
					? 'verification.error.ownRequest'
					: 'verification.error.notStaff',
			});
		case '23514':
			return new ActionError({ code: 'CONFLICT', message: 'verification.error.alreadyDecided' });
		case 'P0002':
			return new ActionError({ code: 'NOT_FOUND', message: 'verification.error.notFound' });
		default:
			return failure(error, 'verification.error.decisionFailed');
	}
}
