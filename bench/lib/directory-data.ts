/**
 * The directory benchmarks' data: any number of deterministic profiles with a realistic spread of countries,
 * programmes, fields, JLPT levels, businesses and visibility settings (drawn from the demo seed's vocabulary),
 * loaded in bulk (accounts through auth.users, so the profile trigger runs), plus 500 organisations (a third
 * verified) with 3,000 members. Used by `directory-sql` (SQL only) and `directory` (through the site).
 */
import type { Database } from '../../supabase/embedded/contracts.ts';
import { Random } from '../../supabase/seed/random.ts';
import {
	drawFieldWork,
	drawHomeCountry,
	drawLanguages,
	drawName,
} from '../../supabase/seed/vocabulary.ts';

const BATCH = 5000;

/** The id of generated profile `n`. */
export function profileId(n: number): string {
	return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** The sign-in email of generated profile `n`. */
export function profileEmail(n: number): string {
	return `${profileId(n)}@bench.example`;
}

const LEVELS = [
	['public', 45],
	['members', 40],
	['verified_orgs', 10],
	['private', 5],
] as const;

interface ProfileRow {
	id: string;
	display_name: string;
	[column: string]: string | number | boolean | null | readonly (string | number)[];
}

/** Profile `n` of the sequence that `random` draws (call in order: 0, 1, 2, …). */
function profile(random: Random, n: number): ProfileRow {
	const level = () => random.weighted(LEVELS);
	const country = drawHomeCountry(random);
	const name = drawName(random, country, random.chance(0.5) ? 'female' : 'male');
	const work = drawFieldWork(random);
	const start = 2008 + Math.floor(random.next() * 16);
	const stage = random.weighted([
		['none', 55],
		['idea', 20],
		['started', 17],
		['growing', 8],
	] as const);
	const programmes = random.weighted([
		[['titp_1', 'titp_2'], 40],
		[['titp_1', 'titp_2', 'titp_3'], 10],
		[['titp_1', 'titp_2', 'ssw_1'], 15],
		[['ssw_1'], 20],
		[['ssw_1', 'ssw_2'], 5],
		[['engineer_specialist'], 7],
		[['other'], 3],
	] as const);
	const job = random.pick(work.jobs);
	return {
		id: profileId(n),
		display_name: random.chance(0.01) ? '' : name.full,
		profile_visibility: random.weighted([
			['public', 60],
			['members', 35],
			['private', 5],
		] as const),
		kinds: [
			...(random.chance(0.85) ? ['returnee'] : ['in_japan']),
			...(random.chance(0.1) ? ['mentor'] : []),
		],
		headline: random.chance(0.7) ? `${job} in ${work.field.replaceAll('_', ' ')}` : null,
		home_country: country.code,
		region: random.chance(0.6) ? random.pick(country.regions) : null,
		languages: [...drawLanguages(random, country), ...(random.chance(0.8) ? ['ja'] : [])],
		programmes: [...programmes],
		japan_field: random.chance(0.9) ? work.field : null,
		japan_job: random.chance(0.6) ? job : null,
		prefectures: [1 + Math.floor(random.next() * 47)],
		japan_start_year: start,
		japan_end_year: Math.min(start + 1 + Math.floor(random.next() * 6), 2026),
		jlpt_level: random.chance(0.75)
			? random.weighted([
					['n5', 15],
					['n4', 40],
					['n3', 30],
					['n2', 12],
					['n1', 3],
				] as const)
			: null,
		jft_basic: random.chance(0.3),
		business_stage: stage,
		business_name:
			stage === 'none'
				? null
				: `${name.family} ${random.pick(['Trading', 'Foods', 'Works', 'Care', 'Farm'])}`,
		looking_for: random.some(
			['mentor', 'jv_partner', 'funding', 'staff', 'co_founder', 'to_mentor', 'employment'],
			0.25
		),
		verified: random.chance(0.1),
		created_at: new Date(
			Date.UTC(2024, 0, 1) + Math.floor(random.next() * 3 * 365 * 86400_000)
		).toISOString(),
		headline_visibility: level(),
		country_visibility: level(),
		region_visibility: level(),
		languages_visibility: level(),
		programmes_visibility: level(),
		field_visibility: level(),
		prefectures_visibility: level(),
		years_visibility: level(),
		japanese_visibility: level(),
		business_visibility: level(),
		looking_for_visibility: level(),
	};
}

const PROFILE_COLUMNS: [string, string][] = [
	['id', 'uuid'],
	['display_name', 'text'],
	['profile_visibility', 'public.visibility_level'],
	['kinds', 'public.member_kind[]'],
	['headline', 'text'],
	['home_country', 'text'],
	['region', 'text'],
	['languages', 'text[]'],
	['programmes', 'public.japan_programme[]'],
	['japan_field', 'public.ssw_field'],
	['japan_job', 'text'],
	['prefectures', 'smallint[]'],
	['japan_start_year', 'smallint'],
	['japan_end_year', 'smallint'],
	['jlpt_level', 'public.jlpt_level'],
	['jft_basic', 'boolean'],
	['business_stage', 'public.business_stage'],
	['business_name', 'text'],
	['looking_for', 'public.looking_for[]'],
	['verified', 'boolean'],
	['created_at', 'timestamptz'],
	...[
		'headline',
		'country',
		'region',
		'languages',
		'programmes',
		'field',
		'prefectures',
		'years',
		'japanese',
		'business',
		'looking_for',
	].map((f): [string, string] => [`${f}_visibility`, 'public.visibility_level']),
];

/** How to load the directory data. */
export interface LoadOptions {
	profiles: number;
	/** bcrypt hash every account gets as its password (default: none, no one can sign in). */
	passwordHash?: string;
	/** Called after each batch with how many profiles are loaded. */
	progress?: (loaded: number) => void;
}

/**
 * Loads `profiles` generated profiles (seed 20261121) and 500 organisations (a third verified) with 3,000
 * members, then ANALYZE. Resolves to the id of a member of a verified organisation.
 */
export async function loadDirectoryData(db: Database, options: LoadOptions): Promise<string> {
	const random = new Random(20_261_121);
	const total = options.profiles;
	const sets = PROFILE_COLUMNS.filter(([c]) => c !== 'id')
		.map(([c]) =>
			c === 'verified'
				? `verified = x.verified, verified_at = case when x.verified then now() end`
				: `${c} = x.${c}`
		)
		.join(', ');
	const recordType = PROFILE_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ');
	for (let first = 0; first < total; first += BATCH) {
		const rows: ProfileRow[] = [];
		for (let n = first; n < Math.min(first + BATCH, total); n++) rows.push(profile(random, n));
		await db.transaction(async (tx) => {
			await tx.query(
				`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_user_meta_data, created_at, updated_at)
				select '00000000-0000-0000-0000-000000000000', x.id, 'authenticated', 'authenticated', x.id::text || '@bench.example', $2, now(), '{}'::jsonb, now(), now()
				from jsonb_to_recordset($1::jsonb) as x(id uuid)`,
				[JSON.stringify(rows.map((r) => ({ id: r.id }))), options.passwordHash ?? null]
			);
			await tx.query(
				`update public.profiles p set ${sets}
				from jsonb_to_recordset($1::jsonb) as x(${recordType})
				where p.id = x.id`,
				[JSON.stringify(rows)]
			);
		});
		options.progress?.(Math.min(first + BATCH, total));
	}
	await db.exec(`
		insert into public.organisations (id, kind, name, country, verified, verified_at)
		select ('00000001-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
			(array['japanese_sme', 'ngo', 'diaspora_association', 'lender', 'incubator', 'recruiter'])[1 + n % 6]::public.organisation_kind,
			'Organisation ' || n,
			case when n % 6 = 0 then 'JP' else 'VN' end,
			n % 3 = 0, case when n % 3 = 0 then now() end
		from generate_series(1, 500) as n;
		insert into public.organisation_members (organisation_id, user_id, role)
		select ('00000001-0000-4000-8000-' || lpad(to_hex(1 + n % 500), 12, '0'))::uuid,
			('00000000-0000-4000-8000-' || lpad(to_hex(n * 7 % ${total}), 12, '0'))::uuid,
			case when n <= 500 then 'owner' else 'member' end::public.organisation_role
		from generate_series(1, 3000) as n;
		analyze;
	`);
	const verified = await db.query<{ user_id: string }>(
		`select m.user_id from public.organisation_members m join public.organisations o on o.id = m.organisation_id
		where o.verified order by m.user_id limit 1`
	);
	return verified.rows[0]?.user_id ?? '';
}
