import { ActionError } from 'astro:actions';
import { describe, expect, test } from 'vitest';
import { organisationErrorField } from '../errors.ts';
import { readFormState } from './form-state.server.ts';

/** A multipart post as a browser sends the organisation form, logo included. */
function post(fields: Record<string, string>, logo?: Blob) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.append(name, value);
	if (logo) body.append('logo', logo, 'logo.png');
	return new Request('http://site.test/organisations/new?_action=organisations.create', {
		method: 'POST',
		body,
	});
}

const inputError = (fields: Record<string, string[]>) => ({
	type: 'AstroActionInputError',
	issues: Object.entries(fields).map(([field, [message]]) => ({ path: [field], message })),
	fields,
});

const options = {
	fieldOf: organisationErrorField,
	tooLarge: { field: 'logo' as const, key: 'organisations.error.logoTooLarge' as const },
	fallback: 'organisations.error.saveFailed' as const,
};

describe('readFormState', () => {
	test('is empty when nothing went wrong', async () => {
		expect(await readFormState(post({ name: 'A' }), undefined, ['name'], options)).toEqual({
			values: {},
			errors: {},
			hasErrors: false,
		});
	});

	test('keeps the text of the fields asked for, never a file', async () => {
		const request = post({ name: 'Sato', country: 'JP' }, new Blob(['<html>']));
		const state = await readFormState(
			request,
			inputError({ logo: ['organisations.error.logoType'] }),
			['name', 'country', 'logo'],
			options
		);
		expect(state.values).toEqual({ name: 'Sato', country: 'JP' });
		expect(state.errors).toEqual({ logo: ['organisations.error.logoType'] });
	});

	test('puts "too large" on the upload field when the post was refused unread, keeping the rest', async () => {
		const error = new ActionError({
			code: 'CONTENT_TOO_LARGE',
			message: 'Request body exceeds 1 bytes',
		});
		const state = await readFormState(post({ name: 'Sato' }), error, ['name'], options);
		expect(state).toEqual({
			values: { name: 'Sato' },
			errors: { logo: ['organisations.error.logoTooLarge'] },
			hasErrors: true,
		});
	});

	test('shows an action error next to its field, or above the form, never a raw message', async () => {
		const onField = new ActionError({
			code: 'BAD_GATEWAY',
			message: 'organisations.error.logoUploadFailed',
		});
		expect((await readFormState(post({}), onField, [], options)).errors).toEqual({
			logo: ['organisations.error.logoUploadFailed'],
		});
		const general = new ActionError({ code: 'FORBIDDEN', message: 'organisations.error.notOwner' });
		expect((await readFormState(post({}), general, [], options)).formError).toBe(
			'organisations.error.notOwner'
		);
		const unknown = new ActionError({
			code: 'INTERNAL_SERVER_ERROR',
			message: 'relation does not exist',
		});
		expect((await readFormState(post({}), unknown, [], options)).formError).toBe(
			'organisations.error.saveFailed'
		);
	});

	test('reports the same message once, and unknown validation messages as generic', async () => {
		const state = await readFormState(
			post({}),
			inputError({
				country: [
					'organisations.error.smeInJapan',
					'organisations.error.smeInJapan',
					'Invalid input',
				],
			}),
			[],
			options
		);
		expect(state.errors).toEqual({
			country: ['organisations.error.smeInJapan', 'form.error.invalid'],
		});
	});
});
