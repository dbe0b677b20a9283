import { z } from 'astro/zod';
import { NewPasswordSchema } from './fields.ts';

/** The reset-password form: the new password for the signed-in (or just recovered) account. */
export const ResetPasswordSchema = z.object({
	password: NewPasswordSchema,
});

/** The reset-password form's values as the form holds them. */
export type ResetPasswordInput = z.input<typeof ResetPasswordSchema>;
