import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CATALOGS } from '~/i18n/translate.ts';
import { LOCALES } from '~/i18n/locales.ts';
import { LABEL_PREFIXES } from '../labels.ts';
import {
	BUSINESS_STAGES,
	COUNTRY_CODES,
	EMPLOYER_TYPES,
	LANGUAGE_CODES,
	LOOKING_FOR,
	MEMBER_KINDS,
	PROGRAMMES,
	SECTORS,
	SKILLS_TESTS,
	SSW_FIELDS,
	VISIBILITY_LEVELS,
} from '../options.ts';
import { PROFILE_LIMITS } from './fields.ts';
import { verificationClearingColumns } from '../../../../tests/fixtures/migrations.ts';
import { PROFILE_FIELDS, ProfileSchema, VERIFIED_PROFILE_FIELDS } from './profile.schema.ts';

/** A complete, valid profile form as a browser posts it (all strings). */
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		display_name: '  Nguyễn   Thị Lan ',
		kinds: ['returnee', 'mentor'],
		headline: 'Welder, 5 years in Aichi',
		headline_visibility: 'public',
		bio: 'Line one\r\nLine two',
		bio_visibility: 'members',
		home_country: 'VN',
		country_visibility: 'public',
		region: 'Hải Phòng',
		region_visibility: 'members',
		languages: ['vi', 'ja', 'vi'],
		languages_visibility: 'public',
		programmes: ['titp_2', 'ssw_1'],
		programmes_visibility: 'public',
		japan_field: 'industrial_products_manufacturing',
		japan_job: 'Welding',
		field_visibility: 'public',
		prefectures: ['23', '13', '23'],
		prefectures_visibility: 'members',
		employer_type: 'small_business',
		employer_visibility: 'members',
		japan_start_year: '2016',
		japan_end_year: '2021',
		years_visibility: 'members',
		jlpt_level: 'n3',
		jft_basic: 'on',
		japanese_visibility: 'public',
		skills_tests: ['trade_skills_grade_3'],
		skills_visibility: 'public',
		business_stage: 'started',
		business_name: 'Lan Metalworks',
		business_sector: 'construction',
		business_needs: 'A partner in Japan',
		business_visibility: 'members',
		looking_for: ['jv_partner'],
		looking_for_visibility: 'public',
		contact_email: ' Lan@Example.com ',
		email_visibility: 'members',
		contact_phone: '+84 (912) 345-678',
		phone_visibility: 'private',
		contact_whatsapp: '',
		whatsapp_visibility: 'private',
		profile_visibility: 'members',
		...overrides,
	};
}

/** The message keys of a failed parse, by field. */
function messages(input: Record<string, unknown>) {
	const result = ProfileSchema.safeParse(input);
	const byField: Record<string, string[]> = {};
	for (const issue of result.error?.issues ?? []) {
		(byField[String(issue.path[0])] ??= []).push(issue.message);
	}
	return byField;
}

describe('ProfileSchema', () => {
	test('accepts a complete profile and tidies it into the row update', () => {
		const profile = ProfileSchema.parse(form());
		expect(profile).toMatchObject({
			display_name: 'Nguyễn Thị Lan',
			bio: 'Line one\nLine two',
			languages: ['vi', 'ja'],
			prefectures: [13, 23],
			japan_start_year: 2016,
			japan_end_year: 2021,
			jft_basic: true,
			contact_email: 'lan@example.com',
			contact_phone: '+84912345678',
			contact_whatsapp: null,
		});
		expect(Object.keys(profile).sort()).toEqual([...PROFILE_FIELDS].sort());
	});

	test('reads a form as Astro gives it: empty inputs as null, unticked boxes missing', () => {
		const profile = ProfileSchema.parse(
			form({ headline: null, region: null, japan_start_year: null, jft_basic: undefined })
		);
		expect(profile).toMatchObject({
			headline: null,
			region: null,
			japan_start_year: null,
			jft_basic: false,
		});
	});

	test('keeps HTML as the text people typed: it is shown as text, never run', () => {
		const profile = ProfileSchema.parse(form({ headline: '<script>alert(1)</script>' }));
		expect(profile.headline).toBe('<script>alert(1)</script>');
	});

	test('refuses over-long text, counting characters as the database does', () => {
		const long = (n: number) => 'a'.repeat(n);
		expect(
			messages(
				form({
					display_name: long(PROFILE_LIMITS.displayNameMax + 1),
					headline: long(PROFILE_LIMITS.headlineMax + 1),
					bio: long(PROFILE_LIMITS.bioMax + 1),
					business_needs: long(PROFILE_LIMITS.businessNeedsMax + 1),
				})
			)
		).toEqual({
			display_name: ['profiles.error.displayNameTooLong'],
			headline: ['profiles.error.headlineTooLong'],
			bio: ['profiles.error.bioTooLong'],
			business_needs: ['profiles.error.businessNeedsTooLong'],
		});
		// 80 emoji are 160 UTF-16 units but 80 characters: allowed.
		expect(messages(form({ display_name: '🙂'.repeat(80) }))).toEqual({});
	});

	test('asks for a name', () => {
		expect(messages(form({ display_name: '   ' }))).toEqual({
			display_name: ['profiles.error.displayNameRequired'],
		});
		expect(messages(form({ display_name: null }))).toEqual({
			display_name: ['profiles.error.displayNameRequired'],
		});
	});

	test('refuses values that are not in the lists, as someone posting directly might send', () => {
		expect(
			messages(
				form({
					home_country: 'XX',
					languages: ['vi', 'klingon'],
					programmes: ['titp_9'],
					japan_field: 'space_travel',
					prefectures: ['48'],
					jlpt_level: 'n0',
					business_stage: 'unicorn',
					kinds: ['admin'],
				})
			)
		).toEqual({
			home_country: ['profiles.error.choose'],
			languages: ['profiles.error.choose'],
			programmes: ['profiles.error.choose'],
			japan_field: ['profiles.error.choose'],
			prefectures: ['profiles.error.choose'],
			jlpt_level: ['profiles.error.choose'],
			business_stage: ['profiles.error.choose'],
			kinds: ['profiles.error.choose'],
		});
	});

	test('wants an audience for every field, and never the public for contact details', () => {
		expect(messages(form({ bio_visibility: null }))).toEqual({
			bio_visibility: ['profiles.error.visibilityRequired'],
		});
		expect(messages(form({ bio_visibility: 'friends' }))).toEqual({
			bio_visibility: ['profiles.error.choose'],
		});
		expect(messages(form({ email_visibility: 'public', phone_visibility: 'public' }))).toEqual({
			email_visibility: ['profiles.error.choose'],
			phone_visibility: ['profiles.error.choose'],
		});
	});

	test('checks years one by one and together', () => {
		expect(messages(form({ japan_start_year: '20x6' }))).toEqual({
			japan_start_year: ['profiles.error.yearInvalid'],
		});
		expect(messages(form({ japan_start_year: '1900' }))).toEqual({
			japan_start_year: ['profiles.error.yearRange'],
		});
		expect(messages(form({ japan_start_year: '2021', japan_end_year: '2016' }))).toEqual({
			japan_end_year: ['profiles.error.endBeforeStart'],
		});
	});

	test('checks contact details', () => {
		expect(messages(form({ contact_email: 'lan@', contact_phone: '0912 345 678' }))).toEqual({
			contact_email: ['form.error.emailInvalid'],
			contact_phone: ['profiles.error.phoneInvalid'],
		});
	});

	test('refuses control characters, which the database would refuse', () => {
		expect(messages(form({ headline: 'a\u0000b', bio: 'tab\tand\u0007bell' }))).toEqual({
			headline: ['profiles.error.invalidCharacters'],
			bio: ['profiles.error.invalidCharacters'],
		});
	});

	test('takes at most the database limit of languages', () => {
		const many = LANGUAGE_CODES.slice(0, PROFILE_LIMITS.languagesMax + 1);
		expect(messages(form({ languages: many }))).toEqual({
			languages: ['profiles.error.tooManyLanguages'],
		});
	});

	test('drops fields that are not the person’s to set', () => {
		const profile = ProfileSchema.parse(form({ verified: 'true', id: 'someone-else' }));
		expect(profile).not.toHaveProperty('verified');
		expect(profile).not.toHaveProperty('id');
	});
});

/** The body of the first `check (…)` or domain list in the migrations after `marker`. */
function sqlList(marker: string): string[] {
	const dir = new URL('../../../../supabase/migrations/', import.meta.url);
	const sql = readdirSync(dir)
		.filter((name) => name.endsWith('.sql'))
		.map((name) => readFileSync(new URL(name, dir), 'utf8'))
		.join('\n');
	const at = sql.indexOf(marker);
	const list = sql.slice(at).match(/'\{([^}]*)\}'::text\[\]/);
	return list?.[1]?.split(',') ?? [];
}

describe('the lists the form offers', () => {
	test('are the lists the database accepts', () => {
		expect(COUNTRY_CODES).toEqual(sqlList('create domain public.country_code'));
		expect(LANGUAGE_CODES).toEqual(sqlList('add constraint profiles_languages_check'));
	});

	test('have a label in every locale', () => {
		const lists = {
			member_kind: MEMBER_KINDS,
			japan_programme: PROGRAMMES,
			ssw_field: SSW_FIELDS,
			employer_type: EMPLOYER_TYPES,
			skills_test: SKILLS_TESTS,
			business_stage: BUSINESS_STAGES,
			looking_for: LOOKING_FOR,
			visibility_level: VISIBILITY_LEVELS,
		} as const;
		for (const locale of LOCALES) {
			for (const [list, values] of Object.entries(lists)) {
				for (const value of values) {
					const key = `${LABEL_PREFIXES[list as keyof typeof lists]}${value}`;
					expect(CATALOGS[locale][key], `${locale} ${key}`).toBeTypeOf('string');
				}
			}
			for (const sector of SECTORS.filter((s) => !(SSW_FIELDS as readonly string[]).includes(s))) {
				expect(CATALOGS[locale][`profiles.sector.${sector}`], sector).toBeTypeOf('string');
			}
		}
	});
});

describe('VERIFIED_PROFILE_FIELDS', () => {
	test('are the facts whose change clears verification in the database', () => {
		const columns = verificationClearingColumns('private.profiles_protect');
		expect(columns.length).toBeGreaterThan(0);
		expect([...VERIFIED_PROFILE_FIELDS].sort()).toEqual([...columns].sort());
	});
});
