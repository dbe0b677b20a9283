import { ActionError } from 'astro:actions';
import { describe, expect, test } from 'vitest';
import { readFormState } from './form-state.server.ts';

const post = (body: string) =>
	new Request('http://site.test/sign-in?_action=auth.signIn', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body,
	});

/** An input error as `Astro.getActionResult()` gives it back. */
const inputError = (fields: Record<string, string[]>) => ({
	type: 'AstroActionInputError',
	issues: Object.entries(fields).map(([field, [message]]) => ({ path: [field], message })),
	fields,
});

describe('readFormState', () => {
	test('is empty when nothing went wrong', async () => {
		expect(await readFormState(post('email=a'), undefined, ['email'])).toEqual({
			values: {},
			errors: {},
			hasErrors: false,
		});
	});

	test('keeps the fields asked for, and leaves the body readable for others', async () => {
		const request = post('email=Ana%40example.com&password=secret&next=%2Fja');
		const error = inputError({ email: ['form.error.emailInvalid'] });
		const state = await readFormState(request, error, ['email', 'next']);
		expect(state.values).toEqual({ email: 'Ana@example.com', next: '/ja' });
		expect(state.values).not.toHaveProperty('password');
		expect((await request.formData()).get('password')).toBe('secret');
	});

	test('turns input errors into message keys per field, unknown ones generic', async () => {
		const error = inputError({
			email: ['form.error.emailRequired'],
			password: ['Invalid input: expected string'],
		});
		const state = await readFormState(post(''), error, ['email']);
		expect(state.errors).toEqual({
			email: ['form.error.emailRequired'],
			password: ['form.error.invalid'],
		});
		expect(state.hasErrors).toBe(true);
	});

	test('puts a server error on its field when it is about one, else on the form', async () => {
		const weak = new ActionError({ code: 'BAD_REQUEST', message: 'auth.error.weakPassword' });
		expect((await readFormState(post(''), weak, [])).errors).toEqual({
			password: ['auth.error.weakPassword'],
		});
		const wrong = new ActionError({
			code: 'BAD_REQUEST',
			message: 'auth.error.invalidCredentials',
		});
		expect(await readFormState(post(''), wrong, [])).toMatchObject({
			errors: {},
			formError: 'auth.error.invalidCredentials',
			hasErrors: true,
		});
		const astros = new ActionError({ code: 'UNSUPPORTED_MEDIA_TYPE' });
		expect((await readFormState(post(''), astros, [])).formError).toBe('auth.error.generic');
	});
});
