import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { localePath } from '~/i18n/locales.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import { ORGANISATION_PATHS } from '../paths.ts';
import {
	CreateOrganisationSchema,
	UpdateOrganisationSchema,
	type OrganisationValues,
} from '../schemas/organisation.schema.ts';
import {
	ChangeRoleSchema,
	InvitationTokenSchema,
	InviteSchema,
	LeaveSchema,
	RemoveMemberSchema,
	WithdrawInvitationSchema,
} from '../schemas/members.schema.ts';
import { typedDb, type Db } from '~/lib/supabase/db.server.ts';
import { describeDbError } from './db.server.ts';
import { sendInvitationEmail } from './invitation-email.server.ts';
import { prepareLogo, removeLogos, uploadLogo } from './logo.server.ts';
import type { OrganisationRole } from '../options.ts';

/** What a successful organisation action tells the page: where to send the browser next. */
export interface OrganisationActionResult {
	redirectTo: string;
}

/** The organisation forms' actions, wired in `src/actions/index.ts` as `actions.organisations.*`. */
export const organisations = {
	create: defineAction({
		accept: 'form',
		input: CreateOrganisationSchema,
		handler: async (input, context): Promise<OrganisationActionResult> => {
			const db = signedInDb(context);
			// The logo first: an image the site cannot use stops the form with nothing created.
			const logo = input.logo ? await prepareLogo(input.logo) : null;
			const { data, error } = await db
				.from('organisations')
				.insert(columns(input))
				.select('id')
				.single();
			if (error || !data) throw failure(error, 'organisations.error.saveFailed');

			let notice = 'created';
			if (logo) {
				try {
					const path = await uploadLogo(db, data.id, logo);
					const saved = await db
						.from('organisations')
						.update({ logo_path: path })
						.eq('id', data.id);
					if (saved.error) throw saved.error;
				} catch (uploadError) {
					// The organisation exists; say that the logo did not make it, on its edit page.
					console.error('[organisations] logo upload after create failed:', uploadError);
					notice = 'logo-failed';
				}
			}
			const next =
				notice === 'created' ? ORGANISATION_PATHS.show(data.id) : ORGANISATION_PATHS.edit(data.id);
			return { redirectTo: `${localePath(context.locals.locale, next)}?notice=${notice}` };
		},
	}),

	update: defineAction({
		accept: 'form',
		input: UpdateOrganisationSchema,
		handler: async (input, context): Promise<OrganisationActionResult> => {
			const db = signedInDb(context);
			const current = await db
				.from('organisations')
				.select('id, logo_path, verified')
				.eq('id', input.id)
				.maybeSingle();
			if (current.error) throw failure(current.error, 'organisations.error.saveFailed');
			if (!current.data)
				throw new ActionError({ code: 'NOT_FOUND', message: 'organisations.error.notFound' });

			const logo = input.logo ? await prepareLogo(input.logo) : null;
			// Upload first: storage lets only owners write, so a stranger stops here with nothing stored.
			let newLogo: string | null = null;
			if (logo) {
				try {
					newLogo = await uploadLogo(db, input.id, logo);
				} catch (uploadError) {
					const { key, code } = describeDbError(
						uploadError,
						'organisations.error.logoUploadFailed'
					);
					if (key !== 'organisations.error.notAllowed')
						console.error('[organisations]', uploadError);
					throw new ActionError({
						code,
						message:
							key === 'organisations.error.notAllowed' ? 'organisations.error.notOwner' : key,
					});
				}
			}
			const logoPath = newLogo ?? (input.remove_logo ? null : current.data.logo_path);
			const { data, error } = await db
				.from('organisations')
				.update({ ...columns(input), logo_path: logoPath })
				.eq('id', input.id)
				.select('id, verified');
			if (error || !data || data.length === 0) {
				await removeLogos(db, [newLogo]);
				// Row-level security hides the row from everyone but its owners: no row means not yours.
				if (!error)
					throw new ActionError({ code: 'FORBIDDEN', message: 'organisations.error.notOwner' });
				throw failure(error, 'organisations.error.saveFailed');
			}
			if (logoPath !== current.data.logo_path) await removeLogos(db, [current.data.logo_path]);
			// The database clears verification when a checked fact changes (organisations_protect).
			const cleared = current.data.verified && data[0]?.verified === false;
			const show = localePath(context.locals.locale, ORGANISATION_PATHS.show(input.id));
			return { redirectTo: `${show}?notice=${cleared ? 'saved-unverified' : 'saved'}` };
		},
	}),

	invite: defineAction({
		accept: 'form',
		input: InviteSchema,
		handler: async (input, context): Promise<OrganisationActionResult> => {
			const db = signedInDb(context);
			const { data, error } = await db
				.from('organisation_invitations')
				.insert({ organisation_id: input.organisation_id, email: input.email, role: input.role })
				.select('token, expires_at')
				.single();
			if (error?.code === '23505') {
				throw new ActionError({ code: 'CONFLICT', message: 'organisations.error.alreadyInvited' });
			}
			// Row-level security lets only owners invite.
			if (error?.code === '42501') {
				throw new ActionError({ code: 'FORBIDDEN', message: 'organisations.error.notOwner' });
			}
			if (error || !data) throw failure(error, 'organisations.error.inviteFailed');
			const organisation = await db
				.from('organisations')
				.select('name')
				.eq('id', input.organisation_id)
				.maybeSingle();
			const sent = await sendInvitationEmail(context, {
				to: input.email,
				token: data.token,
				organisationName: organisation.data?.name ?? '',
				expiresAt: data.expires_at,
			});
			return membersRedirect(context, input.organisation_id, sent ? 'invited' : 'invited-no-email');
		},
	}),

	withdrawInvitation: defineAction({
		accept: 'form',
		input: WithdrawInvitationSchema,
		handler: async (input, context): Promise<OrganisationActionResult> => {
			const db = signedInDb(context);
			const { data, error } = await db
				.from('organisation_invitations')
				.delete()
				.eq('id', input.invitation_id)
				.eq('organisation_id', input.organisation_id)
				.select('id');
			if (error) throw failure(error, 'organisations.error.saveFailed');
			if (!data || data.length === 0) {
				throw new ActionError({ code: 'NOT_FOUND', message: 'organisations.error.notFound' });
			}
			return membersRedirect(context, input.organisation_id, 'withdrawn');
		},
	}),

	removeMember: defineAction({
		accept: 'form',
		input: RemoveMemberSchema,
		handler: (input, context) =>
			changeMembership(context, input, 'delete', {
				whenNone: 'FORBIDDEN',
				redirectTo: membersPath(context, input.organisation_id, 'removed'),
			}),
	}),

	changeRole: defineAction({
		accept: 'form',
		input: ChangeRoleSchema,
		handler: (input, context) =>
			changeMembership(
				context,
				input,
				{ role: input.role },
				{
					whenNone: 'FORBIDDEN',
					redirectTo: membersPath(context, input.organisation_id, 'role-changed'),
				}
			),
	}),

	leave: defineAction({
		accept: 'form',
		input: LeaveSchema,
		handler: (input, context) => {
			const mine = localePath(context.locals.locale, ORGANISATION_PATHS.mine);
			return changeMembership(
				context,
				{ organisation_id: input.organisation_id, user_id: context.locals.user?.sub ?? '' },
				'delete',
				{ whenNone: 'NOT_FOUND', redirectTo: `${mine}?notice=left` }
			);
		},
	}),

	acceptInvitation: defineAction({
		accept: 'form',
		input: InvitationTokenSchema,
		handler: async ({ token }, context): Promise<OrganisationActionResult> => {
			const db = signedInDb(context);
			const { data, error } = await db.rpc('accept_invitation', { p_token: token });
			if (error) throw invitationFailure(error);
			const show = localePath(context.locals.locale, ORGANISATION_PATHS.show(data));
			return { redirectTo: `${show}?notice=joined` };
		},
	}),

	declineInvitation: defineAction({
		accept: 'form',
		input: InvitationTokenSchema,
		handler: async ({ token }, context): Promise<OrganisationActionResult> => {
			const db = signedInDb(context);
			const { error } = await db.rpc('decline_invitation', { p_token: token });
			if (error) throw invitationFailure(error);
			const mine = localePath(context.locals.locale, ORGANISATION_PATHS.mine);
			return { redirectTo: `${mine}?notice=declined` };
		},
	}),
};

function membersRedirect(
	context: ActionAPIContext,
	organisationId: string,
	notice: string
): OrganisationActionResult {
	return { redirectTo: membersPath(context, organisationId, notice) };
}

function membersPath(context: ActionAPIContext, organisationId: string, notice: string): string {
	const members = localePath(context.locals.locale, ORGANISATION_PATHS.members(organisationId));
	return `${members}?notice=${notice}`;
}

/**
 * Deletes one membership, or changes its role, by (organisation, person). Row-level security lets
 * owners change anyone's and members delete their own; a row it hides is "not affected", answered
 * with `whenNone` (not allowed, or gone). The database's own refusals (the last owner) are explained.
 */
async function changeMembership(
	context: ActionAPIContext,
	membership: { organisation_id: string; user_id: string },
	change: 'delete' | { role: OrganisationRole },
	{ whenNone, redirectTo }: { whenNone: 'FORBIDDEN' | 'NOT_FOUND'; redirectTo: string }
): Promise<OrganisationActionResult> {
	const db = signedInDb(context);
	const members = db.from('organisation_members');
	const { data, error } = await (change === 'delete' ? members.delete() : members.update(change))
		.eq('organisation_id', membership.organisation_id)
		.eq('user_id', membership.user_id)
		.select('user_id');
	if (error) throw membershipFailure(error);
	if (!data || data.length === 0) {
		throw new ActionError({
			code: whenNone,
			message:
				whenNone === 'FORBIDDEN' ? 'organisations.error.notOwner' : 'organisations.error.notFound',
		});
	}
	return { redirectTo };
}

/** The database keeps an owner in every organisation (23514): say how to step down instead. */
function membershipFailure(error: { code?: string }): ActionError {
	if (error.code === '23514') {
		return new ActionError({ code: 'CONFLICT', message: 'organisations.error.lastOwner' });
	}
	if (error.code === '42501') {
		return new ActionError({ code: 'FORBIDDEN', message: 'organisations.error.notOwner' });
	}
	return failure(error, 'organisations.error.saveFailed');
}

/** An invitation that is unknown, expired, or for another address. */
function invitationFailure(error: { code?: string }): ActionError {
	if (error.code === '42501') {
		return new ActionError({
			code: 'FORBIDDEN',
			message: 'organisations.error.invitationOtherEmail',
		});
	}
	if (error.code === 'P0002') {
		return new ActionError({
			code: 'NOT_FOUND',
			message: 'organisations.error.invitationNotFound',
		});
	}
	return failure(error, 'organisations.error.saveFailed');
}

/** The organisation's columns from the form's values. */
function columns(input: OrganisationValues) {
	return {
		kind: input.kind,
		name: input.name,
		corporate_number: input.corporate_number,
		country: input.country,
		prefecture: input.prefecture,
		region: input.region,
		sector: input.sector as OrganisationRow['sector'],
		size: input.size as OrganisationRow['size'],
		website: input.website,
		description: input.description,
	};
}

type OrganisationRow = import('~/lib/supabase/database.types.ts').Tables<'organisations'>;

/** The visitor's database client, or "sign in" when their session has gone. */
export function signedInDb(context: ActionAPIContext): Db {
	if (!context.locals.user) {
		throw new ActionError({ code: 'UNAUTHORIZED', message: 'organisations.error.signIn' });
	}
	return typedDb(context.locals.supabase);
}

/** An ActionError for a failed database call, logged when it is not the person's doing. */
export function failure(error: unknown, generic: MessageKey): ActionError {
	const { key, code } = describeDbError(error, generic);
	if (key === generic || key === 'organisations.error.unavailable') {
		console.error('[organisations]', error);
	}
	return new ActionError({ code, message: key });
}
