/**
 * Shared setup for the ventures tests (rls-ventures, ventures-lifecycle, ventures-matching): people with profiles,
 * organisations (verified or not) with members, opportunities posted through save_venture, the error-code assertion
 * the site relies on, and a snapshot of every ventures table to prove that a refused call changed nothing.
 */
import { expect } from 'vitest';
import type { Database, Json } from '../../src/lib/supabase/database.types.ts';
import { createPerson } from './mentoring-fixture.ts';
import { client, type Client, type Member, type Result } from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

export { createPerson, ok, setProfile } from './mentoring-fixture.ts';

type OrganisationKind = Database['public']['Enums']['organisation_kind'];
type Sector = Database['public']['Enums']['sector'];

/** An organisation made by the service role, with `members` (the first one its owner). */
export async function createOrganisation(
	backend: TestBackend,
	values: {
		name: string;
		kind?: OrganisationKind;
		verified?: boolean;
		sector?: Sector;
		prefecture?: number;
		website?: string;
		corporate_number?: string;
	},
	members: Member[] = []
): Promise<string> {
	const service = client(backend, 'service');
	const kind = values.kind ?? 'japanese_sme';
	const { data, error } = await service
		.from('organisations')
		.insert({
			kind,
			name: values.name,
			country: kind === 'japanese_sme' ? 'JP' : 'VN',
			sector: values.sector ?? null,
			prefecture: kind === 'japanese_sme' ? (values.prefecture ?? null) : null,
			website: values.website ?? null,
			corporate_number: values.corporate_number ?? null,
			verified: values.verified ?? true,
			verified_at: (values.verified ?? true) ? new Date().toISOString() : null,
		})
		.select('id')
		.single();
	if (error !== null) throw new Error(`organisation: ${error.message}`);
	for (const [index, member] of members.entries()) {
		const added = await service.from('organisation_members').insert({
			organisation_id: data.id,
			user_id: member.id,
			role: index === 0 ? 'owner' : 'member',
		});
		if (added.error !== null) throw new Error(`membership: ${added.error.message}`);
	}
	return data.id;
}

/** A complete, valid opportunity (override any field; tests also pass values of the wrong type on purpose). */
export function ventureFields(overrides: Record<string, unknown> = {}): Record<string, Json> {
	return {
		side: 'sme',
		title: 'Partner for precision parts in Vietnam',
		summary:
			'A family-run maker of precision parts seeks a partner to assemble and sell in Vietnam.',
		partnership_type: 'joint_venture',
		sector: 'industrial_products_manufacturing',
		target_countries: ['VN'],
		offers: 'Machines, training in Japan, quality know-how.',
		needs: 'A partner who knows the local market and speaks Japanese.',
		required_skills: ['welding', 'quality control'],
		min_jlpt: 'n3',
		capital: '50k_250k',
		network: 'Buyers in the Hanoi industrial parks.',
		timeline: 'within_6_months',
		languages: ['ja', 'vi'],
		prefecture: 23,
		status: 'open',
		...(overrides as Record<string, Json>),
	};
}

/** Posts an opportunity through save_venture as `member`; returns its id. */
export async function postVenture(member: Member, fields: Record<string, Json>): Promise<string> {
	const { data, error } = await member.client.rpc('save_venture', { p_fields: fields });
	if (error !== null) throw new Error(`save_venture: ${error.message} (${error.details})`);
	return data;
}

/** The call was refused with the ventures error `code` (SQLSTATE P0001, message 'ventures.<code>'). */
export function expectCode(result: Result, code: string, detail?: string): void {
	expect(result.error, `expected ${code}, got data ${JSON.stringify(result.data)}`).not.toBeNull();
	const error = result.error as { code?: string; message: string; details?: string | null };
	expect({ code: error.code, message: error.message }).toEqual({
		code: 'P0001',
		message: `ventures.${code}`,
	});
	if (detail !== undefined) expect(error.details).toBe(detail);
}

const TABLES = ['ventures', 'venture_interests', 'venture_milestones', 'venture_messages'];

/** Every row of every ventures table, as text (superuser), to compare before and after a refused call. */
export async function snapshot(backend: TestBackend): Promise<string> {
	const parts: string[] = [];
	for (const table of TABLES) {
		const { rows } = await backend.db.query<{ row: string }>(
			`select t::text as row from public.${table} t order by 1`
		);
		parts.push(`${table}: ${rows.map((r) => r.row).join('\n')}`);
	}
	return parts.join('\n\n');
}

/** Runs `call`, expects ventures error `code` (and `detail`), and checks that no ventures table changed. */
export async function refused(
	backend: TestBackend,
	code: string,
	call: () => PromiseLike<Result>,
	detail?: string
): Promise<void> {
	const before = await snapshot(backend);
	expectCode(await call(), code, detail);
	expect(await snapshot(backend)).toBe(before);
}

/** A returnee profile that meets the default opportunity's hard constraints (VN, manufacturing, N2). */
export async function createReturnee(
	backend: TestBackend,
	name: string,
	values: Parameters<typeof createPerson>[2] = {}
): Promise<Member> {
	return createPerson(backend, name, {
		kinds: ['returnee'],
		home_country: 'VN',
		japan_field: 'industrial_products_manufacturing',
		jlpt_level: 'n2',
		languages: ['vi', 'ja', 'en'],
		profile_visibility: 'members',
		...values,
	});
}

/** The interest row as the service role sees it. */
export async function interestRow(service: Client, id: string) {
	const { data, error } = await service.from('venture_interests').select('*').eq('id', id).single();
	if (error !== null) throw new Error(error.message);
	return data;
}
