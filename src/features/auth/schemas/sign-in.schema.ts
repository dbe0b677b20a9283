import { z } from 'astro/zod';
import { CurrentPasswordSchema, EmailSchema } from './fields.ts';

/** The sign-in form. */
export const SignInSchema = z.object({
	email: EmailSchema,
	password: CurrentPasswordSchema,
	/** Where to go after signing in; sanitised on the server to a path on this site. */
	next: z.string().max(2000).optional(),
});

/** The sign-in form's values as the form holds them. */
export type SignInInput = z.input<typeof SignInSchema>;
