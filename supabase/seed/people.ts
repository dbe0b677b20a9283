/**
 * People of the demo: returnees (some of them founders who mentor), people working in Japan now or preparing
 * to go, and the portal's staff; their accounts (auth.users and email identities, as GoTrue stores them, all
 * with the demo password), profiles with a Japan track record that fits the programme they were on, and
 * portraits. Organisations add their own people (see organisations.ts) through `makePerson`.
 */
import bcrypt from 'bcryptjs';
import { drawPortrait, SKIN_RANGE, type PortraitTraits } from './images.ts';
import {
	DEMO_PASSWORD,
	SEED,
	emailLocalPart,
	timestampBetween,
	uuid,
	type DemoLogin,
	type SeedData,
	type SeedModule,
	type SeedPerson,
} from './model.ts';
import { Random } from './random.ts';
import { insert, jsonb, type SqlValue } from './sql.ts';
import {
	drawFieldWork,
	drawHomeCountry,
	drawLanguages,
	drawName,
	drawPrefectures,
	FIELD_WORDS,
	FIELD_WORK,
	homeCountry,
	LESSONS,
	PREFECTURES,
	type FieldWork,
	type HomeCountry,
} from './vocabulary.ts';

/** How many of each the people module makes (organisations add SME and support-organisation people). */
export const PEOPLE_COUNTS = { returnees: 206, founderMentors: 18, inJapan: 15, preparing: 10 };

/** Everyone joined the portal between these dates. */
const JOINED_FROM = '2026-01-12';
const JOINED_TO = '2026-11-14';

/** Visibility of each profile field when the member changed nothing (the migration's defaults). */
export const DEFAULT_VISIBILITY: Record<string, string> = {
	profile_visibility: 'members',
	headline_visibility: 'public',
	bio_visibility: 'members',
	country_visibility: 'public',
	region_visibility: 'members',
	languages_visibility: 'public',
	email_visibility: 'private',
	phone_visibility: 'private',
	whatsapp_visibility: 'private',
	programmes_visibility: 'public',
	field_visibility: 'public',
	prefectures_visibility: 'members',
	employer_visibility: 'members',
	years_visibility: 'members',
	japanese_visibility: 'public',
	skills_visibility: 'public',
	business_visibility: 'members',
	looking_for_visibility: 'public',
};

/** Every column a seeded profile sets, in the order seed.sql writes them. */
const PROFILE_COLUMNS = [
	'headline',
	'bio',
	'locale',
	'kinds',
	'home_country',
	'region',
	'languages',
	'contact_email',
	'contact_phone',
	'contact_whatsapp',
	'programmes',
	'japan_field',
	'japan_job',
	'prefectures',
	'employer_type',
	'japan_start_year',
	'japan_end_year',
	'jlpt_level',
	'jft_basic',
	'skills_tests',
	'business_stage',
	'business_name',
	'business_sector',
	'business_needs',
	'looking_for',
	'verified',
	'verified_at',
	...Object.keys(DEFAULT_VISIBILITY),
] as const;

/** What `makePerson` needs; the rest of the profile starts empty with the default visibility. */
export interface PersonInput {
	name: string;
	email?: string;
	kinds: string[];
	country: string;
	gender: 'female' | 'male';
	older?: boolean;
	headscarf?: boolean;
	/** Probability of having an avatar (default 0.8). */
	avatar?: number;
	profile?: Record<string, SqlValue>;
	createdAt?: string;
	staff?: boolean;
	demoLogin?: DemoLogin;
}

const usedEmails = new WeakMap<SeedData, Set<string>>();

const usedNames = new WeakMap<SeedData, Set<string>>();

/**
 * A name nobody in `data` has yet, from `draw` (tried up to 50 times; then the last one drawn), so the demo never
 * shows two people of the same name.
 */
export function uniqueName<T extends { full: string }>(data: SeedData, draw: () => T): T {
	const used = usedNames.get(data) ?? new Set<string>();
	usedNames.set(data, used);
	let name = draw();
	for (let tries = 1; used.has(name.full) && tries < 50; tries++) name = draw();
	used.add(name.full);
	return name;
}

/** Adds a person to `data`: an id, a unique email from their name, a join date, a portrait, a profile. */
export function makePerson(data: SeedData, random: Random, input: PersonInput): SeedPerson {
	const id = uuid(random);
	const used = usedEmails.get(data) ?? new Set<string>();
	usedEmails.set(data, used);
	let email = input.email;
	if (email === undefined) {
		const base = emailLocalPart(input.name);
		email = `${base}@example.com`;
		for (let n = 2; used.has(email); n++) email = `${base}.${n}@example.com`;
	}
	used.add(email);
	const range = SKIN_RANGE[input.country] ?? [1, 4];
	const portrait: PortraitTraits | undefined = random.chance(input.avatar ?? 0.8)
		? {
				skin: random.int(range[0], range[1]),
				gender: input.gender,
				older: input.older ?? false,
				headscarf: input.headscarf ?? false,
			}
		: undefined;
	const country = input.country === 'JP' ? undefined : homeCountry(input.country);
	const person: SeedPerson = {
		id,
		email,
		createdAt: input.createdAt ?? timestampBetween(random, JOINED_FROM, JOINED_TO),
		displayName: input.name,
		profile: {
			locale: country?.locale ?? (input.country === 'JP' ? 'ja' : 'en'),
			kinds: input.kinds,
			home_country: input.country,
			business_stage: 'none',
			jft_basic: false,
			verified: false,
			verified_at: null,
			...DEFAULT_VISIBILITY,
			...input.profile,
		},
		portrait,
		staff: input.staff ?? false,
		...(input.demoLogin === undefined ? {} : { demoLogin: input.demoLogin }),
	};
	data.people.push(person);
	if (portrait !== undefined) {
		const traits = portrait;
		// Each portrait draws from its own stream, so drawing never shifts the data generated after it.
		const seed = random.int(0, 2 ** 31 - 1);
		data.files.push({
			bucket: 'avatars',
			path: `${id}/avatar.webp`,
			draw: () => drawPortraitFor(seed, traits),
		});
	}
	return person;
}

function drawPortraitFor(seed: number, traits: PortraitTraits) {
	return drawPortrait(new Random(seed), traits, 256);
}

/** Marks a person verified by staff at `at`. */
export function markVerified(person: SeedPerson, at: string): void {
	person.profile['verified'] = true;
	person.profile['verified_at'] = at;
}

type Path = 'titp_1y' | 'titp_3y' | 'titp_5y' | 'titp_ssw' | 'ssw' | 'ssw_2' | 'engineer' | 'other';

const PATHS: readonly (readonly [Path, number])[] = [
	['titp_3y', 38],
	['titp_1y', 4],
	['titp_5y', 10],
	['titp_ssw', 18],
	['ssw', 14],
	['ssw_2', 5],
	['engineer', 8],
	['other', 3],
];

const ENGINEER_JOBS = [
	'CAD design',
	'production engineering',
	'software development',
	'interpreting and translation',
	'quality assurance',
];

/** A Japan track record as the programme rules allow it. */
interface TrackRecord {
	path: Path;
	programmes: string[];
	field: FieldWork | undefined;
	job: string | null;
	start: number;
	end: number;
	skillsTests: string[];
	jlpt: string | null;
	jft: boolean;
	employer: string;
	prefectures: number[];
}

function jlptFor(random: Random, path: Path): string | null {
	switch (path) {
		case 'engineer':
			return random.weighted([
				['n2', 55],
				['n1', 45],
			]);
		case 'ssw_2':
			return random.weighted([
				['n3', 50],
				['n2', 40],
				['n1', 10],
			]);
		case 'ssw':
		case 'titp_ssw':
			return random.weighted([
				[null, 10],
				['n4', 38],
				['n3', 37],
				['n2', 13],
				['n1', 2],
			]);
		case 'titp_5y':
			return random.weighted([
				[null, 10],
				['n4', 30],
				['n3', 42],
				['n2', 18],
			]);
		case 'other':
			return random.pick(['n3', 'n2']);
		default:
			return random.weighted([
				[null, 20],
				['n5', 15],
				['n4', 35],
				['n3', 25],
				['n2', 5],
			]);
	}
}

/**
 * Draws a track record of someone who has come home: programmes in the
 * order of the rules (TITP (ii) after (i), SSW from April 2019, SSW (ii) from 2022 and not in nursing care,
 * TITP (iii) from 2017), the skills tests each step requires, and a JLPT level that fits.
 * Everyone has come home by 2026.
 */
export function drawTrackRecord(random: Random): TrackRecord {
	const last = 2026;
	const path = random.weighted(PATHS);
	const onSsw = path === 'ssw' || path === 'ssw_2' || path === 'titp_ssw';
	let field: FieldWork | undefined = drawFieldWork(random);
	// Fields opened to SSW in 2024 have no SSW returnees yet; nursing care has no SSW (ii).
	while ((onSsw && field.sswFrom > 2024) || (path === 'ssw_2' && !field.ssw2))
		field = drawFieldWork(random);
	let programmes: string[];
	let start: number;
	let end: number;
	let tests: string[];
	switch (path) {
		case 'titp_1y':
			programmes = ['titp_1'];
			start = random.int(2010, 2024);
			end = start + 1;
			tests = ['trade_skills_basic'];
			break;
		case 'titp_3y':
			programmes = ['titp_1', 'titp_2'];
			start = random.int(2009, 2022);
			end = start + 3;
			tests = random.chance(0.75)
				? ['trade_skills_basic', 'trade_skills_grade_3']
				: ['trade_skills_basic'];
			break;
		case 'titp_5y':
			programmes = ['titp_1', 'titp_2', 'titp_3'];
			start = random.int(2015, 2021);
			end = start + 5;
			tests = ['trade_skills_basic', 'trade_skills_grade_3', 'trade_skills_grade_2'];
			break;
		case 'titp_ssw': {
			programmes = ['titp_1', 'titp_2', 'ssw_1'];
			start = random.int(2016, 2021);
			const ssw = start + 3;
			end = Math.min(last, ssw + random.int(1, 5));
			// Completing TITP (ii) in good standing exempts from the SSW (i) skills and language tests.
			tests = ['trade_skills_basic', 'trade_skills_grade_3'];
			break;
		}
		case 'ssw':
			programmes = ['ssw_1'];
			start = random.int(2019, 2024);
			end = Math.min(last, start + random.int(1, 5));
			tests = field.field === 'nursing_care' ? ['care_japanese', 'ssw_1_skills'] : ['ssw_1_skills'];
			break;
		case 'ssw_2': {
			const viaTitp = random.chance(0.4);
			programmes = viaTitp ? ['titp_1', 'titp_2', 'ssw_1', 'ssw_2'] : ['ssw_1', 'ssw_2'];
			const ssw1 = random.int(2019, 2021);
			start = viaTitp ? ssw1 - 3 : ssw1;
			end = Math.min(last, Math.max(2023, ssw1 + random.int(3, 4)) + random.int(1, 2));
			tests = viaTitp
				? ['ssw_2_skills', 'trade_skills_basic', 'trade_skills_grade_3']
				: ['ssw_1_skills', 'ssw_2_skills'];
			break;
		}
		case 'engineer':
			programmes = ['engineer_specialist'];
			field = random.chance(0.35) ? FIELD_WORK[0] : undefined;
			start = random.int(2010, 2021);
			end = Math.min(last, start + random.int(3, 8));
			tests = [];
			break;
		default:
			// Other routes: EPA care-worker candidates, mostly.
			programmes = ['other'];
			field = FIELD_WORK.find((f) => f.field === 'nursing_care');
			start = random.int(2012, 2020);
			end = start + random.int(3, 4);
			tests = ['care_japanese'];
	}
	const jlpt = jlptFor(random, path);
	const jft = path === 'ssw' ? jlpt === null || random.chance(0.3) : random.chance(0.05);
	const employer =
		path === 'engineer'
			? random.weighted([
					['small_business', 30],
					['medium_business', 40],
					['large_business', 30],
				] as const)
			: random.weighted((field as FieldWork).employers);
	const movedEmployer = path.startsWith('ssw') || path === 'titp_ssw' ? 0.4 : 0.1;
	return {
		path,
		programmes,
		field,
		job:
			path === 'engineer'
				? random.pick(ENGINEER_JOBS)
				: random.chance(0.9)
					? random.pick((field as FieldWork).jobs)
					: null,
		start,
		end,
		skillsTests: tests,
		jlpt,
		jft,
		employer,
		prefectures:
			field === undefined
				? [random.pick([13, 14, 23, 27, 40])]
				: drawPrefectures(random, field, random.chance(movedEmployer) ? 2 : 1),
	};
}

const BUSINESS_NAMES: Record<string, readonly string[]> = {
	agriculture: ['{family} Greenhouse Farm', '{region} Fresh Vegetables', '{family} Organic Farm'],
	construction: [
		'{family} Construction',
		'{region} Formwork & Scaffolding',
		'Kaizen Build {family}',
	],
	industrial_products_manufacturing: [
		'{family} Precision Works',
		'{family} Welding Workshop',
		'{region} Metal Parts',
	],
	food_beverage_manufacturing: ['{family} Foods', '{region} Bakery', 'Umami Kitchen {family}'],
	food_service: ['{family} Ramen House', 'Sakura Café {region}', '{family} Bento'],
	nursing_care: ['{family} Home Care', '{region} Elderly Care Centre'],
	language_training: ['{family} Japanese Language Centre', '{region} Nihongo School'],
	recruitment: ['{family} Skills Bridge', '{region} Japan Careers'],
	trade: ['{family} Japan Trading', '{region} Import & Export'],
	retail: ['{family} Japanese Goods Shop', 'Kawaii Mart {region}'],
	tourism: ['{region} Japan Tours', '{family} Travel'],
	information_technology: ['{family} Software', '{region} Digital Lab'],
	automobile_repair: ['{family} Auto Service', '{region} Car Care'],
	fishery: ['{family} Seafood', '{region} Aquaculture'],
};
const SIDE_SECTORS = [
	'language_training',
	'recruitment',
	'trade',
	'retail',
	'food_service',
	'tourism',
	'information_technology',
];

const NEEDS: Record<string, readonly string[]> = {
	idea: [
		'A mentor who has started a {sector} business at home, and advice on registering a company.',
		'A co-founder who knows sales; I know the work from Japan.',
		'Seed funding for the first equipment and a small workshop.',
	],
	started: [
		'Working capital for bigger orders, and a Japanese partner who can send used machines.',
		'Two staff who already know 5S and kaizen; I train them in the rest.',
		'A Japanese company to buy from us or to work with as a partner.',
		'A loan for a second workshop; we have orders we cannot take.',
	],
	growing: [
		'A joint-venture partner in Japan to reach customers there.',
		'Experienced supervisors, and a lender who understands seasonal cash flow.',
		'Certification to export to Japan, and a partner who has done it.',
	],
};

const SECTOR_WORDS: Record<string, string> = {
	agriculture: 'farming',
	construction: 'construction',
	industrial_products_manufacturing: 'manufacturing',
	food_beverage_manufacturing: 'food',
	food_service: 'restaurant',
	nursing_care: 'care',
	language_training: 'language school',
	recruitment: 'recruitment',
	trade: 'trading',
	retail: 'shop',
	tourism: 'tourism',
	information_technology: 'software',
	automobile_repair: 'car repair',
	fishery: 'seafood',
};

const PROGRAMME_WORDS: Record<Path, string> = {
	titp_1y: 'a technical intern',
	titp_3y: 'a technical intern',
	titp_5y: 'a technical intern for five years',
	titp_ssw: 'a technical intern and then a Specified Skilled Worker',
	ssw: 'a Specified Skilled Worker',
	ssw_2: 'a Specified Skilled Worker (ii)',
	engineer: 'an engineer',
	other: 'a care-worker candidate',
};

function fieldWords(record: TrackRecord): string {
	return record.job ?? FIELD_WORDS[record.field?.field ?? ''] ?? 'engineering';
}

/** Two things a person brought home from their field. */
function lessons(random: Random, record: TrackRecord): string[] {
	const field = record.field?.field ?? '';
	const fitting = LESSONS.filter((l) => l.fields === 'all' || l.fields.includes(field));
	return random.sample(fitting, 2).map((l) => l.lesson);
}

function prefectureWords(record: TrackRecord): string {
	return record.prefectures.map((p) => PREFECTURES[p]).join(' and ');
}

/** Sectors of a returnee's own business: their field's, or one returnees often choose. */
function businessSector(random: Random, record: TrackRecord): string {
	const own = record.field?.field;
	return own !== undefined && BUSINESS_NAMES[own] !== undefined && random.chance(0.55)
		? own
		: random.pick(SIDE_SECTORS);
}

function fillIn(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** Safe defaults mostly kept; some people open a field up or close one. */
function visibilityChanges(random: Random, person: { public: boolean }): Record<string, string> {
	const changes: Record<string, string> = {};
	if (person.public) changes['profile_visibility'] = 'public';
	else if (random.chance(0.05)) changes['profile_visibility'] = 'private';
	if (random.chance(0.65)) return changes;
	const options: [string, string][] = [
		['bio_visibility', 'public'],
		['region_visibility', 'public'],
		['prefectures_visibility', 'public'],
		['years_visibility', 'public'],
		['business_visibility', 'public'],
		['business_visibility', 'verified_orgs'],
		['languages_visibility', 'members'],
		['japanese_visibility', 'members'],
		['looking_for_visibility', 'members'],
		['programmes_visibility', 'members'],
		['headline_visibility', 'members'],
		['employer_visibility', 'private'],
	];
	for (const [column, level] of random.sample(options, random.int(1, 3))) changes[column] = level;
	return changes;
}

function contact(random: Random, country: HomeCountry, email: string): Record<string, SqlValue> {
	const out: Record<string, SqlValue> = {};
	if (random.chance(0.4)) {
		out['contact_email'] = email;
		out['email_visibility'] = random.pick(['members', 'verified_orgs']);
	}
	if (random.chance(0.25)) {
		// 555 after the country code: a range no mobile network uses, so no real number is printed.
		const number = `+${country.callingCode}555${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
		out['contact_whatsapp'] = number;
		out['whatsapp_visibility'] = random.pick(['members', 'verified_orgs', 'verified_orgs']);
		if (random.chance(0.5)) {
			out['contact_phone'] = number;
			out['phone_visibility'] = 'verified_orgs';
		}
	}
	return out;
}

/** The track-record columns of a profile. */
function trackColumns(record: TrackRecord, returned: boolean): Record<string, SqlValue> {
	return {
		programmes: record.programmes,
		japan_field: record.field?.field ?? null,
		japan_job: record.job,
		prefectures: record.prefectures,
		employer_type: record.employer,
		japan_start_year: record.start,
		japan_end_year: returned ? record.end : null,
		jlpt_level: record.jlpt,
		jft_basic: record.jft,
		skills_tests: record.skillsTests,
	};
}

interface ReturneeOptions {
	mentor?: boolean;
	demoLogin?: DemoLogin;
	country?: string;
	gender?: 'female' | 'male';
	email?: string;
	public?: boolean;
	stage?: string;
}

/** A returnee with a track record, maybe a business, and what they look for. */
export function makeReturnee(
	data: SeedData,
	random: Random,
	options: ReturneeOptions = {}
): SeedPerson {
	const country =
		options.country === undefined ? drawHomeCountry(random) : homeCountry(options.country);
	const gender = options.gender ?? (random.chance(0.5) ? 'female' : 'male');
	const name = uniqueName(data, () => drawName(random, country, gender));
	const record = drawTrackRecord(random);
	const region = random.chance(0.95) ? random.pick(country.regions) : null;
	const stage =
		options.stage ??
		(options.mentor
			? random.weighted([
					['started', 40],
					['growing', 60],
				])
			: random.weighted([
					['none', 45],
					['idea', 22],
					['started', 22],
					['growing', 11],
				]));
	const years = record.end - record.start;
	const sector = stage === 'none' ? null : businessSector(random, record);
	const values = {
		family: name.family,
		region: region ?? country.regions[0] ?? '',
		sector: sector === null ? '' : (SECTOR_WORDS[sector] ?? 'small'),
	};
	const businessName =
		sector === null || stage === 'idea'
			? null
			: fillIn(random.pick(BUSINESS_NAMES[sector] ?? ['{family} Trading']), values);
	const lookingFor = new Set<string>();
	if (stage === 'none')
		for (const l of random.some(['employment', 'mentor', 'co_founder'], 0.45)) lookingFor.add(l);
	if (stage === 'idea')
		for (const l of random.some(['mentor', 'co_founder', 'funding'], 0.55)) lookingFor.add(l);
	if (stage === 'started')
		for (const l of random.some(['funding', 'jv_partner', 'staff', 'mentor'], 0.45))
			lookingFor.add(l);
	if (stage === 'growing')
		for (const l of random.some(['jv_partner', 'staff', 'funding'], 0.5)) lookingFor.add(l);
	if (options.mentor) lookingFor.add('to_mentor');
	else if (years >= 5 && random.chance(0.15)) lookingFor.add('to_mentor');

	const where = prefectureWords(record);
	const headline = options.mentor
		? `Founder of ${businessName ?? 'a small business'} · I mentor returnees starting out`
		: random.weighted([
				[
					businessName === null
						? `${capitalise(fieldWords(record))} · ${years} ${years === 1 ? 'year' : 'years'} in ${where}`
						: `${businessName} · ${years} ${years === 1 ? 'year' : 'years'} in Japan`,
					45,
				],
				[`Former ${PROGRAMME_WORDS[record.path]} in ${where}`, 30],
				[
					record.jlpt === null
						? `Back in ${region ?? country.regions[0]} after ${years} years in Japan`
						: `${capitalise(fieldWords(record))} · JLPT ${record.jlpt.toUpperCase()}`,
					25,
				],
			]);
	const learned = lessons(random, record);
	const bio = [
		`I worked in ${where} from ${record.start} to ${record.end} as ${PROGRAMME_WORDS[record.path]} in ${fieldWords(record)}.`,
		`What I brought home: ${learned[0]}, and ${learned[1]}.`,
		stage === 'none'
			? random.pick([
					`Now I work in ${region ?? 'my home town'} and want to use my Japanese again.`,
					'I am looking for work where my experience in Japan counts.',
					'I help my family and prepare to start something of my own.',
				])
			: stage === 'idea'
				? `I plan a ${values.sector} business in ${region ?? 'my home town'}.`
				: `In ${record.end + random.int(0, 1)} I started ${businessName ?? 'a small business'}${stage === 'growing' ? `, which now employs ${random.int(6, 40)} people` : ''}.`,
		...(options.mentor
			? [
					'I am glad to mentor people who want to start a business after Japan: ask me about the first year.',
				]
			: []),
	].join(' ');
	const email = options.email;
	const person = makePerson(data, random, {
		name: name.full,
		...(email === undefined ? {} : { email }),
		kinds: options.mentor ? ['returnee', 'mentor'] : ['returnee'],
		country: country.code,
		gender,
		older: record.start < 2013,
		headscarf: country.code === 'ID' && gender === 'female' && random.chance(0.6),
		...(options.demoLogin === undefined ? {} : { demoLogin: options.demoLogin }),
		profile: {},
	});
	Object.assign(person.profile, {
		headline,
		bio,
		region,
		languages: [...drawLanguages(random, country), 'ja'],
		...trackColumns(record, true),
		business_stage: stage,
		business_name: businessName,
		business_sector: sector,
		business_needs: stage === 'none' ? null : fillIn(random.pick(NEEDS[stage] ?? []), values),
		looking_for: [...lookingFor].sort(),
		...contact(random, country, person.email),
		...visibilityChanges(random, {
			public: options.public ?? random.chance(options.mentor ? 0.75 : 0.45),
		}),
	});
	return person;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A track record of someone in Japan now: the programme steps and tests they have reached by 2026 (TITP (ii) from
 * the second year, the grade 3 test at the end of the third; SSW (i) after TITP (ii) or a skills test).
 */
function drawCurrentRecord(random: Random): TrackRecord {
	let field = drawFieldWork(random);
	while (field.sswFrom > 2024) field = drawFieldWork(random);
	const path = random.weighted([
		['titp', 45],
		['titp_ssw', 20],
		['ssw', 25],
		['engineer', 10],
	] as const);
	let programmes: string[];
	let tests: string[];
	let start: number;
	switch (path) {
		case 'titp': {
			start = random.int(2022, 2025);
			const years = 2026 - start;
			programmes =
				years >= 3
					? ['titp_1', 'titp_2', 'titp_3']
					: years >= 1
						? ['titp_1', 'titp_2']
						: ['titp_1'];
			tests = years >= 3 ? ['trade_skills_basic', 'trade_skills_grade_3'] : ['trade_skills_basic'];
			break;
		}
		case 'titp_ssw':
			start = random.int(2018, 2022);
			programmes = ['titp_1', 'titp_2', 'ssw_1'];
			tests = ['trade_skills_basic', 'trade_skills_grade_3'];
			break;
		case 'ssw':
			start = random.int(2021, 2025);
			programmes = ['ssw_1'];
			tests = field.field === 'nursing_care' ? ['care_japanese', 'ssw_1_skills'] : ['ssw_1_skills'];
			break;
		default:
			start = random.int(2019, 2025);
			programmes = ['engineer_specialist'];
			tests = [];
	}
	const engineer = path === 'engineer';
	return {
		path: engineer
			? 'engineer'
			: path === 'ssw'
				? 'ssw'
				: path === 'titp_ssw'
					? 'titp_ssw'
					: 'titp_3y',
		programmes,
		field: engineer ? undefined : field,
		job: engineer ? random.pick(ENGINEER_JOBS) : random.pick(field.jobs),
		start,
		end: 2026,
		skillsTests: tests,
		jlpt: engineer
			? random.pick(['n2', 'n1'])
			: random.weighted([
					[null, 25],
					['n4', 45],
					['n3', 25],
					['n2', 5],
				] as const),
		jft: path === 'ssw' && random.chance(0.5),
		employer: engineer ? 'medium_business' : random.weighted(field.employers),
		prefectures: engineer ? [random.pick([13, 14, 23, 27])] : drawPrefectures(random, field),
	};
}

/** Someone working in Japan now, planning their return. */
function makeInJapan(data: SeedData, random: Random, options: ReturneeOptions = {}): SeedPerson {
	const country =
		options.country === undefined ? drawHomeCountry(random) : homeCountry(options.country);
	const gender = options.gender ?? (random.chance(0.5) ? 'female' : 'male');
	const name = uniqueName(data, () => drawName(random, country, gender));
	const record = drawCurrentRecord(random);
	const where = prefectureWords(record);
	const goingHome = Math.max(2027, record.start + random.int(3, 5));
	const person = makePerson(data, random, {
		name: name.full,
		...(options.email === undefined ? {} : { email: options.email }),
		kinds: ['in_japan'],
		country: country.code,
		gender,
		headscarf: country.code === 'ID' && gender === 'female' && random.chance(0.6),
		...(options.demoLogin === undefined ? {} : { demoLogin: options.demoLogin }),
	});
	Object.assign(person.profile, {
		headline: `${capitalise(fieldWords(record))} in ${where}, going home in ${goingHome}`,
		bio: `I came to ${where} in ${record.start} as ${PROGRAMME_WORDS[record.path]} and go home in ${goingHome}. I want to plan my return early: what work, what business, which people at home already did it.`,
		region: random.pick(country.regions),
		languages: [...drawLanguages(random, country), 'ja'],
		...trackColumns(record, false),
		looking_for: random.chance(0.5) ? ['employment', 'mentor'] : ['mentor'],
		...visibilityChanges(random, { public: options.public ?? random.chance(0.3) }),
	});
	return person;
}

/** Someone preparing to go: language level so far and what they plan. */
function makePreparing(data: SeedData, random: Random): SeedPerson {
	const country = drawHomeCountry(random);
	const gender = random.chance(0.5) ? 'female' : 'male';
	const name = uniqueName(data, () => drawName(random, country, gender));
	const field = drawFieldWork(random);
	const jlpt = random.weighted([
		[null, 30],
		['n5', 35],
		['n4', 35],
	] as const);
	const jft = random.chance(0.4);
	const person = makePerson(data, random, {
		name: name.full,
		kinds: ['preparing'],
		country: country.code,
		gender,
		headscarf: country.code === 'ID' && gender === 'female' && random.chance(0.6),
		avatar: 0.6,
	});
	const region = random.pick(country.regions);
	const words = FIELD_WORDS[field.field] ?? 'Japan';
	Object.assign(person.profile, {
		headline: `Preparing for SSW in ${words}${jft ? ' · JFT-Basic passed' : ''}`,
		bio: `I study Japanese in ${region} and want to work in ${words}. I would like to hear from people who came back: which employer, which agency, what to bring.`,
		region,
		languages: drawLanguages(random, country),
		jlpt_level: jlpt,
		jft_basic: jft,
		looking_for: ['mentor', 'employment'],
		...visibilityChanges(random, { public: false }),
	});
	return person;
}

/** The portal's staff: they work the verification queue. */
function makeStaff(data: SeedData, random: Random): void {
	const staff: [string, 'female' | 'male', string, string, DemoLogin | undefined][] = [
		['Aiko Mori', 'female', 'JP', 'staff@example.com', 'staff'],
		['Phạm Minh Châu', 'female', 'VN', 'chau.staff@example.com', undefined],
	];
	for (const [name, gender, country, email, demoLogin] of staff) {
		const person = makePerson(data, random, {
			name: uniqueName(data, () => ({ full: name })).full,
			email,
			kinds: ['support_org_member'],
			country,
			gender,
			avatar: 1,
			staff: true,
			createdAt: timestampBetween(random, '2026-01-05', '2026-01-10'),
			...(demoLogin === undefined ? {} : { demoLogin }),
		});
		Object.assign(person.profile, {
			headline: 'Okaeri staff · verification and moderation',
			bio: 'I check verification requests: training certificates, residence cards, corporate numbers. Ask me if you are not sure what to upload.',
			languages: country === 'JP' ? ['en', 'ja'] : ['en', 'ja', 'vi'],
		});
	}
}

export const peopleModule: SeedModule = {
	name: 'people',
	build(data, random) {
		makeStaff(data, random);
		// The demo logins come first, so they stay the same when counts change.
		makeReturnee(data, random, {
			demoLogin: 'returnee',
			email: 'returnee@example.com',
			country: 'VN',
			gender: 'female',
			public: true,
			stage: 'started',
		});
		makeReturnee(data, random, {
			mentor: true,
			demoLogin: 'mentor',
			email: 'mentor@example.com',
			country: 'ID',
			gender: 'male',
			public: true,
		});
		makeInJapan(data, random, {
			demoLogin: 'in_japan',
			email: 'in-japan@example.com',
			country: 'PH',
			gender: 'female',
			public: true,
		});
		for (let i = 1; i < PEOPLE_COUNTS.founderMentors; i++)
			makeReturnee(data, random, { mentor: true });
		for (let i = 1; i < PEOPLE_COUNTS.returnees; i++) makeReturnee(data, random);
		for (let i = 1; i < PEOPLE_COUNTS.inJapan; i++) makeInJapan(data, random);
		for (let i = 0; i < PEOPLE_COUNTS.preparing; i++) makePreparing(data, random);
	},
	sql(data) {
		return [
			'-- Accounts, as GoTrue stores them: auth.users (email confirmed, the demo password) and the email identity.',
			insert('auth.users', data.people.map(userRow)),
			insert('auth.identities', data.people.map(identityRow)),
			'-- Profiles: the auth.users trigger created one per account; this fills them in.',
			insert(
				'public.profiles',
				data.people.map(profileRow),
				`on conflict (id) do update set\n\t${['display_name', 'avatar_path', 'created_at', ...PROFILE_COLUMNS].map((c) => `${c} = excluded.${c}`).join(',\n\t')}`
			),
			'-- Staff: granted by the service role only (public.grant_staff); here directly, with the audit entry.',
			insert(
				'private.staff',
				data.people
					.filter((p) => p.staff)
					.map((p) => ({ user_id: p.id, granted_at: p.createdAt, note: 'Demo staff account' }))
			),
			insert(
				'public.audit_log',
				data.people
					.filter((p) => p.staff)
					.map((p) => ({
						created_at: p.createdAt,
						actor_id: null,
						action: 'staff.granted',
						subject_user_id: p.id,
						details: jsonb({}),
					}))
			),
		].join('\n');
	},
};

let passwordHash: string | undefined;

/**
 * The demo password hashed as GoTrue stores passwords (`$2a$10$…`, cost 10): one hash for every account, its
 * salt drawn from the seed so that seed.sql is the same on every run.
 */
export function demoPasswordHash(): string {
	if (passwordHash === undefined) {
		const random = new Random(SEED);
		const salt = bcrypt.encodeBase64(
			Array.from({ length: 16 }, () => random.int(0, 255)),
			16
		);
		passwordHash = bcrypt.hashSync(DEMO_PASSWORD, `$2a$10$${salt}`);
	}
	return passwordHash;
}

function userRow(person: SeedPerson): Record<string, SqlValue> {
	return {
		instance_id: '00000000-0000-0000-0000-000000000000',
		id: person.id,
		aud: 'authenticated',
		role: 'authenticated',
		email: person.email,
		encrypted_password: demoPasswordHash(),
		email_confirmed_at: person.createdAt,
		raw_app_meta_data: jsonb({ provider: 'email', providers: ['email'] }),
		raw_user_meta_data: jsonb({ display_name: person.displayName }),
		created_at: person.createdAt,
		updated_at: person.createdAt,
		// GoTrue reads these as strings: empty, never null.
		confirmation_token: '',
		recovery_token: '',
		email_change_token_new: '',
		email_change: '',
	};
}

function identityRow(person: SeedPerson): Record<string, SqlValue> {
	return {
		provider_id: person.id,
		user_id: person.id,
		identity_data: jsonb({
			sub: person.id,
			email: person.email,
			email_verified: true,
			phone_verified: false,
		}),
		provider: 'email',
		last_sign_in_at: null,
		created_at: person.createdAt,
		updated_at: person.createdAt,
	};
}

function profileRow(person: SeedPerson): Record<string, SqlValue> {
	const row: Record<string, SqlValue> = {
		id: person.id,
		display_name: person.displayName,
		avatar_path: person.portrait === undefined ? null : `${person.id}/avatar.webp`,
		created_at: person.createdAt,
	};
	for (const column of PROFILE_COLUMNS) row[column] = person.profile[column] ?? null;
	return row;
}
