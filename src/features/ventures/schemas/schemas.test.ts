import { describe, expect, test } from 'vitest';
import type { z } from 'astro/zod';
import {
	CloseSchema,
	FacilitatorSchema,
	InterestSchema,
	InviteCandidateSchema,
	MessageSchema,
	MilestoneSchema,
	RespondSchema,
	isCalendarDay,
	milestoneDateSchema,
} from './pipeline.schema.ts';
import {
	CreateVentureSchema,
	SkillsSchema,
	UpdateVentureSchema,
	VentureStatusSchema,
	ventureColumns,
} from './venture.schema.ts';

const ID = '2b4f7c1e-0c59-4a3b-9d6e-1f2a3b4c5d6e';
const ORG = '9d8c7b6a-5f4e-4d3c-8b2a-1a2b3c4d5e6f';

/** The message keys of a failed parse, per field (the first path segment). */
function messages(schema: z.ZodType, input: unknown): Record<string, string[]> {
	const result = schema.safeParse(input);
	if (result.success) return {};
	const out: Record<string, string[]> = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? '');
		(out[field] ??= []).push(issue.message);
	}
	return out;
}

/** A complete opportunity form as a browser posts it. */
const FORM = {
	posted_for: ORG,
	title: '  Partner for   a precast plant  ',
	summary: 'We make precast concrete parts\r\nand want a local partner.',
	partnership_type: 'joint_venture',
	sector: 'construction',
	target_countries: ['VN', 'ID', 'VN'],
	offers: '',
	needs: 'Licences and a site.',
	required_skills: 'welding,  quality control、Welding ; formwork',
	min_jlpt: 'n3',
	capital: '',
	network: '',
	timeline: 'exploring',
	languages: ['ja', 'vi'],
	prefecture: '23',
	status: 'open',
};

describe('CreateVentureSchema', () => {
	test('tidies a complete form into the columns save_venture takes', () => {
		const parsed = CreateVentureSchema.parse(FORM);
		expect(parsed.posted_for).toBe(ORG);
		expect(ventureColumns(parsed)).toEqual({
			title: 'Partner for a precast plant',
			summary: 'We make precast concrete parts\nand want a local partner.',
			partnership_type: 'joint_venture',
			sector: 'construction',
			target_countries: ['VN', 'ID'],
			offers: null,
			needs: 'Licences and a site.',
			required_skills: ['welding', 'quality control', 'formwork'],
			min_jlpt: 'n3',
			capital: null,
			network: null,
			timeline: 'exploring',
			languages: ['ja', 'vi'],
			prefecture: 23,
			status: 'open',
		});
	});

	test('says what is missing, in the form’s words', () => {
		expect(messages(CreateVentureSchema, {})).toEqual({
			posted_for: ['ventures.error.postedForRequired'],
			title: ['ventures.error.titleRequired'],
			summary: ['ventures.error.summaryRequired'],
			partnership_type: ['ventures.error.typeRequired'],
			sector: ['ventures.error.sectorRequired'],
			target_countries: ['profiles.error.choose'],
			languages: ['profiles.error.choose'],
			timeline: ['ventures.error.timelineRequired'],
			status: ['ventures.error.statusRequired'],
		});
		expect(messages(CreateVentureSchema, { ...FORM, target_countries: [], languages: [] })).toEqual(
			{
				target_countries: ['ventures.error.countriesRequired'],
				languages: ['ventures.error.languagesRequired'],
			}
		);
	});

	test('counts characters as the database does and refuses what is out of bounds', () => {
		expect(messages(CreateVentureSchema, { ...FORM, title: 'Abc' })).toEqual({
			title: ['ventures.error.titleTooShort'],
		});
		expect(messages(CreateVentureSchema, { ...FORM, title: '合弁'.repeat(60) })).toEqual({});
		expect(messages(CreateVentureSchema, { ...FORM, title: '合弁'.repeat(60) + 'x' })).toEqual({
			title: ['ventures.error.titleTooLong'],
		});
		expect(messages(CreateVentureSchema, { ...FORM, summary: 'Too short' })).toEqual({
			summary: ['ventures.error.summaryTooShort'],
		});
		expect(messages(CreateVentureSchema, { ...FORM, needs: 'n'.repeat(2001) })).toEqual({
			needs: ['ventures.error.needsTooLong'],
		});
		expect(messages(CreateVentureSchema, { ...FORM, network: 'n'.repeat(501) })).toEqual({
			network: ['ventures.error.networkTooLong'],
		});
		expect(
			messages(CreateVentureSchema, {
				...FORM,
				target_countries: ['VN', 'ID', 'PH', 'MM', 'NP', 'KH', 'TH', 'LK', 'MN', 'BD', 'IN'],
			})
		).toEqual({ target_countries: ['ventures.error.tooManyCountries'] });
		expect(
			messages(CreateVentureSchema, {
				...FORM,
				languages: ['ja', 'vi', 'en', 'id', 'th', 'km', 'my'],
			})
		).toEqual({ languages: ['ventures.error.tooManyLanguages'] });
	});

	test('refuses values that are not on the lists, and control characters', () => {
		expect(
			messages(CreateVentureSchema, {
				...FORM,
				partnership_type: 'merger',
				sector: 'mining',
				target_countries: ['XX'],
				min_jlpt: 'n0',
				status: 'closed',
				posted_for: 'someone-else',
				prefecture: '48',
			})
		).toEqual({
			partnership_type: ['ventures.error.choose'],
			sector: ['ventures.error.choose'],
			target_countries: ['profiles.error.choose'],
			min_jlpt: ['profiles.error.choose'],
			status: ['ventures.error.choose'],
			posted_for: ['ventures.error.choose'],
			prefecture: ['profiles.error.choose'],
		});
		expect(messages(CreateVentureSchema, { ...FORM, title: 'Bell\u0007 for a partner' })).toEqual({
			title: ['profiles.error.invalidCharacters'],
		});
	});

	test('markup is text like any other: kept as typed', () => {
		const parsed = CreateVentureSchema.parse({
			...FORM,
			summary: '<script>alert(1)</script> We want a partner in Hanoi.',
		});
		expect(parsed.summary).toBe('<script>alert(1)</script> We want a partner in Hanoi.');
	});

	test('a returnee’s own business asks for no Japanese level', () => {
		expect(messages(CreateVentureSchema, { ...FORM, posted_for: 'own' })).toEqual({
			min_jlpt: ['ventures.error.jlptForReturnee'],
		});
		expect(CreateVentureSchema.parse({ ...FORM, posted_for: 'own', min_jlpt: '' }).min_jlpt).toBe(
			null
		);
	});
});

describe('UpdateVentureSchema and VentureStatusSchema', () => {
	test('an update names its opportunity; whom it is for does not change', () => {
		const { posted_for: _ignored, ...rest } = FORM;
		expect(UpdateVentureSchema.parse({ ...rest, id: ID }).id).toBe(ID);
		expect(messages(UpdateVentureSchema, { ...rest, id: 'not-an-id' })).toEqual({
			id: ['ventures.error.not_found'],
		});
		expect('posted_for' in UpdateVentureSchema.parse({ ...FORM, id: ID })).toBe(false);
	});

	test('the status buttons publish, pause or close; a draft is not a button', () => {
		expect(VentureStatusSchema.parse({ venture_id: ID, status: 'closed' })).toEqual({
			venture_id: ID,
			status: 'closed',
		});
		expect(messages(VentureStatusSchema, { venture_id: ID, status: 'draft' })).toEqual({
			status: ['ventures.error.choose'],
		});
	});
});

describe('SkillsSchema', () => {
	test('splits on commas (ASCII and Japanese) and semicolons, without repeats', () => {
		expect(SkillsSchema.parse('溶接、品質管理，welding; Welding')).toEqual([
			'溶接',
			'品質管理',
			'welding',
		]);
		expect(SkillsSchema.parse('')).toEqual([]);
		expect(SkillsSchema.parse(undefined)).toEqual([]);
	});

	test('at most 10 tags of at most 40 characters', () => {
		const eleven = Array.from({ length: 11 }, (_, i) => `skill ${i}`).join(',');
		expect(messages(SkillsSchema, eleven)).toEqual({ '': ['ventures.error.tooManySkills'] });
		expect(messages(SkillsSchema, 's'.repeat(41))).toEqual({ '': ['ventures.error.skillTooLong'] });
	});
});

describe('the pipeline forms', () => {
	test('interest needs a note, and whom the member acts for', () => {
		expect(
			InterestSchema.parse({ venture_id: ID, acting_for: 'own', message: ' I built formwork. ' })
		).toEqual({ venture_id: ID, acting_for: 'own', message: 'I built formwork.' });
		expect(messages(InterestSchema, { venture_id: ID, acting_for: ORG, message: '' })).toEqual({
			message: ['ventures.error.interestRequired'],
		});
		expect(
			messages(InterestSchema, { venture_id: ID, acting_for: 'own', message: 'm'.repeat(1001) })
		).toEqual({ message: ['ventures.error.interestTooLong'] });
		expect(
			messages(InviteCandidateSchema, { venture_id: ID, profile_id: 'x', message: '' })
		).toEqual({
			profile_id: ['ventures.error.not_found'],
			message: ['ventures.error.inviteRequired'],
		});
	});

	test('declining needs a reason; accepting needs nothing more', () => {
		expect(RespondSchema.parse({ interest_id: ID, response: 'accept' })).toEqual({
			interest_id: ID,
			response: 'accept',
			reason: null,
			note: null,
		});
		expect(messages(RespondSchema, { interest_id: ID, response: 'decline' })).toEqual({
			reason: ['ventures.error.reasonRequired'],
		});
		expect(
			messages(RespondSchema, { interest_id: ID, response: 'decline', reason: 'price' })
		).toEqual({ reason: ['ventures.error.choose'] });
		expect(messages(CloseSchema, { interest_id: ID, note: 'n'.repeat(501) })).toEqual({
			reason: ['ventures.error.reasonRequired'],
			note: ['ventures.error.noteTooLong'],
		});
	});

	test('a milestone is one of the steps after mutual acceptance', () => {
		const today = new Date().toISOString().slice(0, 10);
		expect(
			MilestoneSchema.parse({ interest_id: ID, stage: 'introduced', happened_on: today })
		).toEqual({ interest_id: ID, stage: 'introduced', happened_on: today, note: null });
		for (const stage of ['interest', 'mutual', 'closed', 'launch']) {
			expect(
				messages(MilestoneSchema, { interest_id: ID, stage, happened_on: today }).stage
			).toEqual(['ventures.error.choose']);
		}
	});

	test('a milestone’s day is real, from 2000, and not after tomorrow in UTC', () => {
		const schema = milestoneDateSchema(() => new Date('2026-11-21T23:00:00Z'));
		expect(schema.parse('2026-11-22')).toBe('2026-11-22');
		expect(schema.parse(' 2026-02-28 ')).toBe('2026-02-28');
		expect(messages(schema, '2026-11-23')).toEqual({ '': ['ventures.error.dateFuture'] });
		expect(messages(schema, '2026-02-30')).toEqual({ '': ['ventures.error.dateInvalid'] });
		expect(messages(schema, '21/11/2026')).toEqual({ '': ['ventures.error.dateInvalid'] });
		expect(messages(schema, '1999-12-31')).toEqual({ '': ['ventures.error.dateInvalid'] });
		expect(messages(schema, '')).toEqual({ '': ['ventures.error.dateRequired'] });
		expect(isCalendarDay('2028-02-29')).toBe(true);
		expect(isCalendarDay('2027-02-29')).toBe(false);
	});

	test('a facilitator is an organisation; a message has text', () => {
		expect(messages(FacilitatorSchema, { interest_id: ID, organisation_id: '' })).toEqual({
			organisation_id: ['ventures.error.facilitatorRequired'],
		});
		expect(messages(FacilitatorSchema, { interest_id: ID, organisation_id: 'ngo' })).toEqual({
			organisation_id: ['ventures.error.not_facilitator_org'],
		});
		expect(messages(MessageSchema, { interest_id: ID, body: ' \n ' })).toEqual({
			body: ['ventures.error.messageRequired'],
		});
		expect(messages(MessageSchema, { interest_id: ID, body: 'b'.repeat(4001) })).toEqual({
			body: ['ventures.error.messageTooLong'],
		});
		expect(MessageSchema.parse({ interest_id: ID, body: '<b>Hi</b>' }).body).toBe('<b>Hi</b>');
	});
});
