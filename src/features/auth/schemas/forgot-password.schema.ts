import { z } from 'astro/zod';
import { EmailSchema } from './fields.ts';

/** The forgotten-password form: the address to send the reset link to. */
export const ForgotPasswordSchema = z.object({
	email: EmailSchema,
});

/** The forgotten-password form's values as the form holds them. */
export type ForgotPasswordInput = z.input<typeof ForgotPasswordSchema>;
