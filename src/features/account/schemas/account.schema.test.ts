import { describe, expect, test } from 'vitest';
import { ChangeEmailSchema, DeleteAccountSchema, confirmsEmail } from './account.schema.ts';

describe('DeleteAccountSchema and confirmsEmail', () => {
	test('want something typed', () => {
		const result = DeleteAccountSchema.safeParse({ confirmation: '  ' });
		expect(result.error?.issues.map((i) => i.message)).toEqual([
			'account.error.confirmationRequired',
		]);
		expect(DeleteAccountSchema.safeParse({ confirmation: null }).success).toBe(false);
	});

	test('match the account’s address, whatever the case and spaces', () => {
		expect(confirmsEmail(' Lan@Example.com ', 'lan@example.com')).toBe(true);
		expect(confirmsEmail('lan@example.org', 'lan@example.com')).toBe(false);
		expect(confirmsEmail('', '')).toBe(false);
		expect(confirmsEmail('x', undefined)).toBe(false);
	});
});

describe('ChangeEmailSchema', () => {
	test('uses the sign-up rules for the new address', () => {
		expect(ChangeEmailSchema.parse({ email: ' New@Example.com' })).toEqual({
			email: 'new@example.com',
		});
		expect(ChangeEmailSchema.safeParse({ email: 'not-an-email' }).error?.issues[0]?.message).toBe(
			'form.error.emailInvalid'
		);
	});
});
