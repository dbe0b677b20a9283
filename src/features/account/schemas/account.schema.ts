import { z } from 'astro/zod';
import { EmailSchema } from '~/features/auth/schemas/fields.ts';

/** The change-email form: the new address. */
export const ChangeEmailSchema = z.object({
	email: EmailSchema,
});

/** The change-email form's values as the form holds them. */
export type ChangeEmailInput = z.input<typeof ChangeEmailSchema>;

/** Longest confirmation accepted (an email address is at most 254 characters). */
const CONFIRMATION_MAX = 320;

/**
 * The delete-account form: the person types their email address to confirm. The server compares
 * it with the address the auth server has for the session, not with anything the form sends.
 */
export const DeleteAccountSchema = z.object({
	confirmation: z
		.string({ error: 'account.error.confirmationRequired' })
		.trim()
		.min(1, { error: 'account.error.confirmationRequired', abort: true })
		.max(CONFIRMATION_MAX, { error: 'account.error.confirmationMismatch' }),
});

/** The delete-account form's values as the form holds them. */
export type DeleteAccountInput = z.input<typeof DeleteAccountSchema>;

/** Whether a typed confirmation matches the account's email address (case and spaces aside). */
export function confirmsEmail(confirmation: string, email: string | undefined): boolean {
	const normal = (value: string) => value.trim().toLowerCase();
	return Boolean(email) && normal(confirmation) === normal(email ?? '');
}
