import { describe, expect, test } from 'vitest';
import { ORGANISATION_LIMITS } from '../options.ts';
import {
	ChangeRoleSchema,
	InvitationTokenSchema,
	InviteSchema,
	RemoveMemberSchema,
} from './members.schema.ts';
import { verificationClearingColumns } from '../../../../tests/fixtures/migrations.ts';
import {
	CreateOrganisationSchema,
	UpdateOrganisationSchema,
	VERIFIED_ORGANISATION_FIELDS,
} from './organisation.schema.ts';

/** The message keys of a failed parse, by field. */
async function messages(
	schema: { safeParseAsync: (v: unknown) => Promise<unknown> },
	input: unknown
) {
	const result = (await schema.safeParseAsync(input)) as {
		success: boolean;
		error?: { issues: { path: PropertyKey[]; message: string }[] };
	};
	const byField: Record<string, string[]> = {};
	for (const issue of result.error?.issues ?? []) {
		(byField[String(issue.path[0])] ??= []).push(issue.message);
	}
	return byField;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const ID = '5b1f0c1e-9a43-4c1b-8f5e-2f6f1d1f7a10';

/** A Japanese SME as an Astro Action receives the form: empty fields are null. */
const SME = {
	name: '  Sato   Precision  Ltd ',
	kind: 'japanese_sme',
	corporate_number: '7000012050002',
	country: 'JP',
	prefecture: '23',
	region: null,
	sector: 'industrial_products_manufacturing',
	size: 'small',
	website: 'sato-precision.example.jp',
	description: 'We machine parts.\r\nWe work with returnees in Vietnam.',
	logo: new File([], ''),
};

describe('CreateOrganisationSchema', () => {
	test('accepts a Japanese SME and tidies what people type', async () => {
		const result = await CreateOrganisationSchema.parseAsync(SME);
		expect(result).toEqual({
			name: 'Sato Precision Ltd',
			kind: 'japanese_sme',
			corporate_number: '7000012050002',
			country: 'JP',
			prefecture: 23,
			region: null,
			sector: 'industrial_products_manufacturing',
			size: 'small',
			website: 'https://sato-precision.example.jp',
			description: 'We machine parts.\nWe work with returnees in Vietnam.',
			logo: undefined,
		});
	});

	test('accepts a corporate number typed with full-width digits, spaces and hyphens', async () => {
		const result = await CreateOrganisationSchema.parseAsync({
			...SME,
			corporate_number: '７０００-０１２０ ５０００２',
		});
		expect(result.corporate_number).toBe('7000012050002');
	});

	test('checks the corporate number: length, then check digit', async () => {
		expect(
			await messages(CreateOrganisationSchema, { ...SME, corporate_number: '700001205000' })
		).toEqual({
			corporate_number: ['organisations.error.corporateNumberLength'],
		});
		expect(
			await messages(CreateOrganisationSchema, { ...SME, corporate_number: '8000012050002' })
		).toEqual({
			corporate_number: ['organisations.error.corporateNumberCheckDigit'],
		});
	});

	test('keeps corporate numbers and prefectures to organisations in Japan', async () => {
		expect(
			await messages(CreateOrganisationSchema, {
				...SME,
				kind: 'ngo',
				country: 'VN',
			})
		).toEqual({
			corporate_number: ['organisations.error.corporateNumberJapanOnly'],
			prefecture: ['organisations.error.prefectureJapanOnly'],
		});
		expect(
			await messages(CreateOrganisationSchema, {
				...SME,
				country: 'VN',
				corporate_number: null,
				prefecture: null,
			})
		).toEqual({ country: ['organisations.error.smeInJapan'] });
	});

	test('asks for the name, kind and country once each when they are empty', async () => {
		expect(
			await messages(CreateOrganisationSchema, { ...SME, name: null, kind: null, country: null })
		).toEqual({
			name: ['organisations.error.nameRequired'],
			kind: ['organisations.error.kindRequired'],
			country: ['organisations.error.countryRequired'],
		});
	});

	test('refuses over-long text with the limit in the message', async () => {
		const long = (n: number) => 'あ'.repeat(n + 1);
		expect(
			await messages(CreateOrganisationSchema, {
				...SME,
				name: long(ORGANISATION_LIMITS.nameMax),
				region: long(ORGANISATION_LIMITS.regionMax),
				description: long(ORGANISATION_LIMITS.descriptionMax),
				website: `https://example.com/${'a'.repeat(ORGANISATION_LIMITS.websiteMax)}`,
			})
		).toEqual({
			name: ['organisations.error.nameTooLong'],
			region: ['organisations.error.regionTooLong'],
			description: ['organisations.error.descriptionTooLong'],
			website: ['organisations.error.websiteTooLong'],
		});
		expect(await messages(CreateOrganisationSchema, { ...SME, name: 'A' })).toEqual({
			name: ['organisations.error.nameTooShort'],
		});
	});

	test('keeps HTML as text: it is shown escaped, never run', async () => {
		const result = await CreateOrganisationSchema.parseAsync({
			...SME,
			name: '<script>alert(1)</script>',
			description: '<img src=x onerror=alert(1)>',
		});
		expect(result.name).toBe('<script>alert(1)</script>');
		expect(result.description).toBe('<img src=x onerror=alert(1)>');
	});

	test('refuses unknown choices and control characters', async () => {
		expect(
			await messages(CreateOrganisationSchema, {
				...SME,
				kind: 'bank',
				sector: 'mining',
				size: 'huge',
				prefecture: '48',
				name: 'Sato\u0000Ltd',
			})
		).toEqual({
			name: ['profiles.error.invalidCharacters'],
			kind: ['organisations.error.choose'],
			sector: ['organisations.error.choose'],
			size: ['organisations.error.choose'],
			prefecture: ['organisations.error.choose'],
		});
		expect(await messages(CreateOrganisationSchema, { ...SME, country: 'XX' })).toEqual({
			country: ['organisations.error.choose'],
		});
	});

	test('accepts only http(s) websites', async () => {
		for (const website of [
			'javascript:alert(1)',
			'ftp://example.com',
			'https://localhost',
			'http://a b.com',
		]) {
			expect(await messages(CreateOrganisationSchema, { ...SME, website }), website).toEqual({
				website: ['organisations.error.websiteInvalid'],
			});
		}
		const ok = await CreateOrganisationSchema.parseAsync({
			...SME,
			website: 'http://example.org/about',
		});
		expect(ok.website).toBe('http://example.org/about');
	});

	test('accepts a logo by its content and refuses anything else, whatever its name', async () => {
		const logo = new File([PNG], 'logo.bin', { type: 'application/octet-stream' });
		expect((await CreateOrganisationSchema.parseAsync({ ...SME, logo })).logo).toBe(logo);
		for (const fake of [
			new File(['<html><script>alert(1)</script></html>'], 'logo.png', { type: 'image/png' }),
			new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.png', { type: 'image/png' }),
		]) {
			expect(await messages(CreateOrganisationSchema, { ...SME, logo: fake })).toEqual({
				logo: ['organisations.error.logoType'],
			});
		}
	});

	test('refuses a logo over 2 MB before reading it', async () => {
		const big = new File([PNG, new Uint8Array(ORGANISATION_LIMITS.logoMaxBytes)], 'big.png');
		expect(await messages(CreateOrganisationSchema, { ...SME, logo: big })).toEqual({
			logo: ['organisations.error.logoTooLarge'],
		});
	});
});

describe('UpdateOrganisationSchema', () => {
	test('needs the organisation id and reads the remove-logo checkbox', async () => {
		const result = await UpdateOrganisationSchema.parseAsync({ ...SME, id: ID, remove_logo: 'on' });
		expect(result.id).toBe(ID);
		expect(result.remove_logo).toBe(true);
		expect(
			(await UpdateOrganisationSchema.parseAsync({ ...SME, id: ID, remove_logo: null })).remove_logo
		).toBe(false);
		expect(
			await messages(UpdateOrganisationSchema, { ...SME, id: '1 or 1=1', remove_logo: null })
		).toEqual({
			id: ['organisations.error.notFound'],
		});
	});
});

describe('members schemas', () => {
	test('an invitation needs a valid email and a known role', async () => {
		expect(
			await InviteSchema.parseAsync({
				organisation_id: ID,
				email: ' Ana@Example.com ',
				role: 'owner',
			})
		).toEqual({ organisation_id: ID, email: 'ana@example.com', role: 'owner' });
		expect(
			await messages(InviteSchema, { organisation_id: ID, email: 'ana@', role: 'admin' })
		).toEqual({
			email: ['form.error.emailInvalid'],
			role: ['organisations.error.choose'],
		});
	});

	test('ids must be UUIDs, so nothing else reaches the database', async () => {
		expect(await messages(RemoveMemberSchema, { organisation_id: ID, user_id: 'me' })).toEqual({
			user_id: ['organisations.error.notFound'],
		});
		expect(
			await messages(ChangeRoleSchema, { organisation_id: ID, user_id: ID, role: 'superuser' })
		).toEqual({ role: ['organisations.error.choose'] });
	});

	test('an invitation token is 64 hexadecimal digits', async () => {
		expect(InvitationTokenSchema.safeParse({ token: 'a'.repeat(64) }).success).toBe(true);
		expect(await messages(InvitationTokenSchema, { token: "' or 1=1 --" })).toEqual({
			token: ['organisations.error.invitationNotFound'],
		});
	});
});

describe('VERIFIED_ORGANISATION_FIELDS', () => {
	test('are what the database clears verification for when it changes', () => {
		const columns = verificationClearingColumns('private.organisations_protect');
		expect(columns.length).toBeGreaterThan(0);
		expect([...VERIFIED_ORGANISATION_FIELDS].sort()).toEqual([...columns].sort());
	});
});
