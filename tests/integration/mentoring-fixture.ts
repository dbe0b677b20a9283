/**
 * Shared setup for the mentoring tests (rls-mentoring, mentoring-lifecycle, mentoring-matching): members with
 * profiles and mentor profiles, the error-code assertion the site relies on, and a snapshot of every mentoring
 * table to prove that a refused call changed nothing.
 */
import { expect } from 'vitest';
import type { Database } from '../../src/lib/supabase/database.types.ts';
import { createMember, type Member, type Result } from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

export type ProfileUpdate = Database['public']['Tables']['profiles']['Update'];
/** A mentor offer without its owner; every field optional (makeMentor fills the required ones). */
export type MentorProfileInsert = Partial<
	Omit<Database['public']['Tables']['mentor_profiles']['Insert'], 'user_id'>
>;
export type Topic = Database['public']['Enums']['mentoring_topic'];

/** A member's profile as most tests want it: named, listed for members, speaking `languages`. */
export async function setProfile(member: Member, values: ProfileUpdate): Promise<void> {
	const { error } = await member.client.from('profiles').update(values).eq('id', member.id);
	if (error !== null) throw new Error(`profile update: ${error.message}`);
}

/** Creates a member with a profile (`values` on top of a plain listed one). */
export async function createPerson(
	backend: TestBackend,
	name: string,
	values: ProfileUpdate = {}
): Promise<Member> {
	const member = await createMember(backend, name.toLowerCase().replaceAll(/\W/g, ''), {
		display_name: name,
	});
	await setProfile(member, { languages: ['en'], ...values });
	return member;
}

/** Makes `member` a mentor (defaults: financing, English, chat, capacity 2). */
export async function makeMentor(member: Member, values: MentorProfileInsert = {}): Promise<void> {
	const { error } = await member.client.from('mentor_profiles').insert({
		user_id: member.id,
		topics: ['financing'],
		languages: ['en'],
		formats: ['chat'],
		capacity: 2,
		...values,
	});
	if (error !== null) throw new Error(`mentor profile: ${error.message}`);
}

/** The call was refused with the mentoring error `code` (SQLSTATE P0001, message 'mentoring.<code>'). */
export function expectCode(result: Result, code: string): void {
	expect(result.error, `expected ${code}, got data ${JSON.stringify(result.data)}`).not.toBeNull();
	expect({ code: result.error?.code, message: result.error?.message }).toEqual({
		code: 'P0001',
		message: `mentoring.${code}`,
	});
}

/** The call succeeded; returns its data (typed as present: a call that returns nothing is not read). */
export function ok<T>(result: { data: T; error: Result['error'] }): NonNullable<T> {
	expect(result.error, JSON.stringify(result.error)).toBeNull();
	return result.data as NonNullable<T>;
}

const TABLES = [
	'mentor_profiles',
	'mentorships',
	'mentorship_messages',
	'mentorship_reads',
	'mentorship_feedback',
	'reports',
	'blocks',
	'notification_preferences',
];

/** Every row of every mentoring table, as text (superuser), to compare before and after a refused call. */
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

/** Runs `call`, expects mentoring error `code`, and checks that no mentoring table changed. */
export async function refused(
	backend: TestBackend,
	code: string,
	call: () => PromiseLike<Result>
): Promise<void> {
	const before = await snapshot(backend);
	expectCode(await call(), code);
	expect(await snapshot(backend)).toBe(before);
}
