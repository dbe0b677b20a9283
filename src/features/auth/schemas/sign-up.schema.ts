import { z } from 'astro/zod';
import { EmailSchema, NewPasswordSchema } from './fields.ts';

/** The sign-up form: an email address and a new password. */
export const SignUpSchema = z.object({
	email: EmailSchema,
	password: NewPasswordSchema,
});

/** The sign-up form's values as the form holds them. */
export type SignUpInput = z.input<typeof SignUpSchema>;
