import { describe, expect, test } from 'vitest';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from './fields.ts';
import { ForgotPasswordSchema } from './forgot-password.schema.ts';
import { ResetPasswordSchema } from './reset-password.schema.ts';
import { SignInSchema } from './sign-in.schema.ts';
import { SignUpSchema } from './sign-up.schema.ts';

/** The message keys of a failed parse, by field. */
function messages(result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
	const byField: Record<string, string[]> = {};
	for (const issue of result.error?.issues ?? []) {
		(byField[String(issue.path[0])] ??= []).push(issue.message);
	}
	return byField;
}

describe('SignInSchema', () => {
	test('accepts an email and password, trimming and lower-casing the email', () => {
		const result = SignInSchema.parse({ email: '  Ana@Example.COM ', password: 'x' });
		expect(result).toEqual({ email: 'ana@example.com', password: 'x' });
	});
	test('asks for each missing field once, with a catalog key', () => {
		expect(messages(SignInSchema.safeParse({ email: '', password: '' }))).toEqual({
			email: ['form.error.emailRequired'],
			password: ['form.error.passwordRequired'],
		});
		// An empty form field reaches an Astro Action as null.
		expect(messages(SignInSchema.safeParse({ email: null, password: null }))).toEqual({
			email: ['form.error.emailRequired'],
			password: ['form.error.passwordRequired'],
		});
	});
	test('rejects a malformed or overlong email', () => {
		expect(messages(SignInSchema.safeParse({ email: 'ana@', password: 'x' }))).toEqual({
			email: ['form.error.emailInvalid'],
		});
		const long = `${'a'.repeat(EMAIL_MAX_LENGTH)}@example.com`;
		expect(messages(SignInSchema.safeParse({ email: long, password: 'x' })).email).toContain(
			'form.error.emailTooLong'
		);
	});
	test('does not apply the new-password rules to an existing password', () => {
		expect(SignInSchema.safeParse({ email: 'a@example.com', password: 'short' }).success).toBe(
			true
		);
	});
	test('keeps an optional next path', () => {
		expect(SignInSchema.parse({ email: 'a@example.com', password: 'x', next: '/ja' }).next).toBe(
			'/ja'
		);
	});
});

describe('SignUpSchema and ResetPasswordSchema', () => {
	for (const [name, schema, base] of [
		['SignUpSchema', SignUpSchema, { email: 'a@example.com' }],
		['ResetPasswordSchema', ResetPasswordSchema, {}],
	] as const) {
		test(`${name} wants at least ${PASSWORD_MIN_LENGTH} characters`, () => {
			const short = 'a'.repeat(PASSWORD_MIN_LENGTH - 1);
			expect(messages(schema.safeParse({ ...base, password: short }))).toEqual({
				password: ['form.error.passwordTooShort'],
			});
			expect(schema.safeParse({ ...base, password: 'a'.repeat(PASSWORD_MIN_LENGTH) }).success).toBe(
				true
			);
		});
		test(`${name} asks for a password once when it is empty`, () => {
			expect(messages(schema.safeParse({ ...base, password: '' }))).toEqual({
				password: ['form.error.newPasswordRequired'],
			});
		});
		test(`${name} counts the length limit in bytes, as bcrypt does`, () => {
			// 25 Japanese characters are 75 bytes in UTF-8: over the limit though only 25 long.
			expect(messages(schema.safeParse({ ...base, password: 'パ'.repeat(25) }))).toEqual({
				password: ['form.error.passwordTooLong'],
			});
			expect(schema.safeParse({ ...base, password: 'a'.repeat(PASSWORD_MAX_BYTES) }).success).toBe(
				true
			);
		});
	}
});

describe('ForgotPasswordSchema', () => {
	test('needs a valid email only', () => {
		expect(ForgotPasswordSchema.parse({ email: 'A@example.com' })).toEqual({
			email: 'a@example.com',
		});
		expect(messages(ForgotPasswordSchema.safeParse({}))).toEqual({
			email: ['form.error.emailRequired'],
		});
	});
});
