import { z } from 'astro/zod';
import { EmailSchema } from '~/features/auth/schemas/fields.ts';
import type { MessageKey } from '~/i18n/translate.ts';
import { ORGANISATION_ROLES } from '../options.ts';

const message = (key: MessageKey) => ({ error: key });

/** An organisation's id, as the members forms post it; anything else is "not found". */
const OrganisationIdSchema = z.uuid(message('organisations.error.notFound'));

/** A role to give: owner or member. */
const RoleSchema = z.enum(ORGANISATION_ROLES, message('organisations.error.choose'));

/** The invitation form: who to invite, by email, and as what. */
export const InviteSchema = z.object({
	organisation_id: OrganisationIdSchema,
	email: EmailSchema,
	role: RoleSchema,
});

/** Withdrawing an invitation that has not been accepted yet. */
export const WithdrawInvitationSchema = z.object({
	organisation_id: OrganisationIdSchema,
	invitation_id: z.uuid(message('organisations.error.notFound')),
});

/** Removing someone from an organisation (owners only; the database keeps one owner at least). */
export const RemoveMemberSchema = z.object({
	organisation_id: OrganisationIdSchema,
	user_id: z.uuid(message('organisations.error.notFound')),
});

/** Making a member an owner, or an owner a member. */
export const ChangeRoleSchema = z.object({
	organisation_id: OrganisationIdSchema,
	user_id: z.uuid(message('organisations.error.notFound')),
	role: RoleSchema,
});

/** Leaving an organisation. */
export const LeaveSchema = z.object({
	organisation_id: OrganisationIdSchema,
});

/** An invitation link's token: 64 hexadecimal digits. */
export const InvitationTokenSchema = z.object({
	token: z.string().regex(/^[0-9a-f]{64}$/, message('organisations.error.invitationNotFound')),
});

export { INVITE_FIELDS } from './members.fields.ts';
