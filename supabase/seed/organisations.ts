/**
 * Organisations of the demo: Japanese SMEs that host interns and SSW workers (with valid corporate numbers),
 * NGOs, diaspora associations, lenders, incubators and recruiters; the people who run them (owners and
 * members: Japanese business people, NGO staff, returnees who work for them) and a few open invitations.
 * Whether each is verified is decided here and carried out by the verification module.
 */
import { corporateNumberCheckDigit } from '../../src/features/organisations/corporate-number.ts';
import { drawLogo } from './images.ts';
import {
	later,
	timestampBetween,
	uuid,
	type SeedData,
	type SeedModule,
	type SeedOrganisation,
	type SeedPerson,
} from './model.ts';
import { makePerson, uniqueName } from './people.ts';
import { Random } from './random.ts';
import { insert, raw, type SqlValue } from './sql.ts';
import { drawName, homeCountry, JAPANESE_NAMES, PREFECTURES } from './vocabulary.ts';

type Kind = 'japanese_sme' | 'ngo' | 'diaspora_association' | 'lender' | 'incubator' | 'recruiter';
type Verification = SeedOrganisation['verification'];

/** One organisation as written here: where it is, what it does, and who runs it. */
interface Definition {
	kind: Kind;
	name: string;
	country: string;
	prefecture?: number;
	region?: string;
	sector: string;
	size: 'micro' | 'small' | 'medium' | 'large';
	/** What it does, in one sentence. */
	does: string;
	/** Nationality of the people who run it (JP for Japanese companies). */
	staffFrom: string;
	verification: Verification;
	/** Its owner also mentors (experienced business people and NGO staff). */
	mentorOwner?: boolean;
	demoOwner?: 'sme' | 'support';
	slug: string;
}

const SMES: Definition[] = [
	[
		'Mikawa Seimitsu Co., Ltd. (三河精密株式会社)',
		23,
		'industrial_products_manufacturing',
		'small',
		'machines precision parts for car makers',
		'verified',
		'mikawa-seimitsu',
	],
	[
		'Tanaka Welding Industries',
		21,
		'industrial_products_manufacturing',
		'micro',
		'welds steel frames for farm machinery',
		'verified',
		'tanaka-welding',
	],
	[
		'Setouchi Shipbuilding (瀬戸内造船)',
		38,
		'shipbuilding_marine',
		'medium',
		'builds and repairs coastal cargo ships',
		'verified',
		'setouchi-zosen',
	],
	[
		'Hokuto Agri Farm',
		1,
		'agriculture',
		'small',
		'grows potatoes and runs a dairy herd of 300 cows',
		'verified',
		'hokuto-agri',
	],
	[
		'Kumamoto Green Tomato',
		43,
		'agriculture',
		'small',
		'grows greenhouse tomatoes all year round',
		'pending',
		'kumamoto-tomato',
	],
	[
		'Sakura Kaigo Service (さくら介護サービス)',
		27,
		'nursing_care',
		'medium',
		'runs two nursing homes and a day-care centre',
		'verified',
		'sakura-kaigo',
	],
	[
		'Kawaguchi Kensetsu (川口建設)',
		11,
		'construction',
		'small',
		'does formwork and concrete for housing projects',
		'verified',
		'kawaguchi-kensetsu',
	],
	[
		'Musashi Foods',
		11,
		'food_beverage_manufacturing',
		'medium',
		'makes ready meals for convenience stores',
		'verified',
		'musashi-foods',
	],
	[
		'Hiroshima Oyster Works',
		34,
		'fishery',
		'micro',
		'farms and shucks oysters in Hiroshima Bay',
		'none',
		'hiroshima-oyster',
	],
	[
		'Enshu Plastics',
		22,
		'industrial_products_manufacturing',
		'small',
		'moulds plastic parts for instruments and motorbikes',
		'verified',
		'enshu-plastics',
	],
	[
		'Shonan Bakery Works',
		14,
		'food_beverage_manufacturing',
		'small',
		'bakes bread for supermarkets in Kanagawa',
		'pending',
		'shonan-bakery',
	],
	[
		'Nagoya Auto Service',
		23,
		'automobile_repair',
		'micro',
		'maintains and repairs cars and light trucks',
		'none',
		'nagoya-auto',
	],
	[
		'Ryokan Hanaoka (旅館花岡)',
		26,
		'accommodation',
		'small',
		'is a traditional inn with 24 rooms',
		'verified',
		'ryokan-hanaoka',
	],
	[
		'Tokyo Building Maintenance',
		13,
		'building_cleaning',
		'medium',
		'cleans offices and hospitals in central Tokyo',
		'rejected',
		'tokyo-building',
	],
	[
		'Ibaraki Lotus Farm',
		8,
		'agriculture',
		'micro',
		'grows lotus root and winter vegetables',
		'none',
		'ibaraki-lotus',
	],
	[
		'Kitakyushu Steel Fabrication',
		40,
		'industrial_products_manufacturing',
		'medium',
		'fabricates steel structures for bridges and plants',
		'verified',
		'kitakyushu-steel',
	],
	[
		'Gunma Ham Kobo',
		10,
		'food_beverage_manufacturing',
		'small',
		'makes ham and sausages by hand',
		'verified',
		'gunma-ham',
	],
	[
		'Naniwa Izakaya Group',
		27,
		'food_service',
		'small',
		'runs five izakaya restaurants in Osaka',
		'pending',
		'naniwa-izakaya',
	],
].map(([name, prefecture, sector, size, does, verification, slug], index) => ({
	kind: 'japanese_sme',
	name: name as string,
	country: 'JP',
	prefecture: prefecture as number,
	sector: sector as string,
	size: size as Definition['size'],
	does: does as string,
	staffFrom: 'JP',
	verification: verification as Verification,
	mentorOwner: [0, 2, 3, 5, 9, 12, 15].includes(index),
	...(index === 0 ? { demoOwner: 'sme' as const } : {}),
	slug: slug as string,
}));

const SUPPORT: Definition[] = [
	{
		kind: 'ngo',
		name: 'Returnee Bridge Vietnam',
		country: 'VN',
		region: 'Hà Nội',
		sector: 'professional_services',
		size: 'small',
		does: 'helps returned interns find work that uses their skills, and start businesses',
		staffFrom: 'VN',
		verification: 'verified',
		mentorOwner: true,
		demoOwner: 'support',
		slug: 'returnee-bridge-vn',
	},
	{
		kind: 'ngo',
		name: 'Lingkar Purna Jepang',
		country: 'ID',
		region: 'Jawa Tengah',
		sector: 'education',
		size: 'small',
		does: 'runs business classes and a savings circle for people back from Japan',
		staffFrom: 'ID',
		verification: 'verified',
		mentorOwner: true,
		slug: 'lingkar-purna',
	},
	{
		kind: 'ngo',
		name: 'Kenya–Japan Skills Network',
		country: 'KE',
		region: 'Nairobi',
		sector: 'education',
		size: 'micro',
		does: 'prepares candidates for SSW tests and welcomes them back',
		staffFrom: 'KE',
		verification: 'verified',
		mentorOwner: true,
		slug: 'kenya-japan-skills',
	},
	{
		kind: 'ngo',
		name: 'Nepal Returnee Livelihood Forum',
		country: 'NP',
		region: 'Kathmandu',
		sector: 'professional_services',
		size: 'micro',
		does: 'connects returnees with jobs and local government support',
		staffFrom: 'NP',
		verification: 'pending',
		slug: 'nepal-returnee-forum',
	},
	{
		kind: 'ngo',
		name: 'Migrant Worker Support Centre Kanto',
		country: 'JP',
		prefecture: 13,
		sector: 'professional_services',
		size: 'small',
		does: 'gives interns and SSW workers advice in their own language, and legal help',
		staffFrom: 'JP',
		verification: 'verified',
		slug: 'mwsc-kanto',
	},
	{
		kind: 'ngo',
		name: 'Mandalay Skills Return',
		country: 'MM',
		region: 'Mandalay',
		sector: 'education',
		size: 'micro',
		does: 'teaches returnees bookkeeping and helps them register small businesses',
		staffFrom: 'MM',
		verification: 'none',
		slug: 'mandalay-skills',
	},
	{
		kind: 'diaspora_association',
		name: 'Vietnamese Community in Aichi',
		country: 'JP',
		prefecture: 23,
		sector: 'other',
		size: 'small',
		does: 'brings together Vietnamese workers and students in Aichi',
		staffFrom: 'VN',
		verification: 'verified',
		slug: 'vn-aichi',
	},
	{
		kind: 'diaspora_association',
		name: 'Persatuan Pekerja Indonesia Osaka',
		country: 'JP',
		prefecture: 27,
		sector: 'other',
		size: 'small',
		does: 'supports Indonesian workers in Kansai, from arrival to going home',
		staffFrom: 'ID',
		verification: 'verified',
		slug: 'ppi-osaka',
	},
	{
		kind: 'diaspora_association',
		name: 'Filipino Community Hiroshima',
		country: 'JP',
		prefecture: 34,
		sector: 'other',
		size: 'micro',
		does: 'runs Sunday Japanese classes and a help line for Filipino workers',
		staffFrom: 'PH',
		verification: 'none',
		slug: 'filipino-hiroshima',
	},
	{
		kind: 'diaspora_association',
		name: 'Sri Lankan Association Gunma',
		country: 'JP',
		prefecture: 10,
		sector: 'other',
		size: 'micro',
		does: 'helps Sri Lankan SSW workers settle in and plan their return',
		staffFrom: 'LK',
		verification: 'none',
		slug: 'lanka-gunma',
	},
	{
		kind: 'diaspora_association',
		name: 'Kenyan Community in Japan',
		country: 'JP',
		prefecture: 13,
		sector: 'other',
		size: 'micro',
		does: 'connects Kenyans living and working in Japan',
		staffFrom: 'KE',
		verification: 'verified',
		slug: 'kenyans-japan',
	},
	{
		kind: 'lender',
		name: 'Mekong Returnee Microfinance',
		country: 'VN',
		region: 'Nghệ An',
		sector: 'finance',
		size: 'medium',
		does: 'lends to returnees who start farms and workshops, from 20 million đồng',
		staffFrom: 'VN',
		verification: 'verified',
		slug: 'mekong-microfinance',
	},
	{
		kind: 'lender',
		name: 'Pamoja Savings and Credit Co-operative',
		country: 'KE',
		region: 'Kiambu',
		sector: 'finance',
		size: 'small',
		does: 'is a SACCO with a loan product for members back from working abroad',
		staffFrom: 'KE',
		verification: 'verified',
		slug: 'pamoja-sacco',
	},
	{
		kind: 'lender',
		name: 'BPR Sejahtera Purna',
		country: 'ID',
		region: 'Jawa Barat',
		sector: 'finance',
		size: 'medium',
		does: 'is a rural bank with start-up loans for former interns',
		staffFrom: 'ID',
		verification: 'pending',
		slug: 'bpr-sejahtera',
	},
	{
		kind: 'lender',
		name: 'Himalayan Returnee Fund',
		country: 'NP',
		region: 'Kaski',
		sector: 'finance',
		size: 'micro',
		does: 'co-invests in small businesses of returned migrant workers',
		staffFrom: 'NP',
		verification: 'none',
		slug: 'himalayan-fund',
	},
	{
		kind: 'incubator',
		name: 'Hanoi Kaizen Startup Lab',
		country: 'VN',
		region: 'Hà Nội',
		sector: 'professional_services',
		size: 'small',
		does: 'runs a six-month programme for returnee founders, with Japanese mentors',
		staffFrom: 'VN',
		verification: 'verified',
		mentorOwner: true,
		slug: 'hanoi-kaizen-lab',
	},
	{
		kind: 'incubator',
		name: 'Cebu Monozukuri Hub',
		country: 'PH',
		region: 'Cebu',
		sector: 'industrial_products_manufacturing',
		size: 'micro',
		does: 'shares machines and workshop space with returnee makers',
		staffFrom: 'PH',
		verification: 'verified',
		slug: 'cebu-monozukuri',
	},
	{
		kind: 'incubator',
		name: 'Yogyakarta Returnee Incubator',
		country: 'ID',
		region: 'DI Yogyakarta',
		sector: 'professional_services',
		size: 'micro',
		does: 'coaches returnees from business idea to first customers',
		staffFrom: 'ID',
		verification: 'none',
		mentorOwner: true,
		slug: 'yogya-incubator',
	},
	{
		kind: 'incubator',
		name: 'Nairobi Japan Business Incubator',
		country: 'KE',
		region: 'Nairobi',
		sector: 'professional_services',
		size: 'micro',
		does: 'matches Kenyan returnees with Japanese companies looking for partners in East Africa',
		staffFrom: 'KE',
		verification: 'none',
		slug: 'nairobi-japan-incubator',
	},
	{
		kind: 'recruiter',
		name: 'Sakura Bridge Human Resources (さくらブリッジ人材)',
		country: 'JP',
		prefecture: 13,
		sector: 'recruitment',
		size: 'small',
		does: 'is a registered support organisation for SSW workers; it charges workers no fees',
		staffFrom: 'JP',
		verification: 'verified',
		slug: 'sakura-bridge',
	},
	{
		kind: 'recruiter',
		name: 'Lanka Japan Careers',
		country: 'LK',
		region: 'Colombo',
		sector: 'recruitment',
		size: 'small',
		does: 'prepares and places caregivers and drivers for SSW in Japan',
		staffFrom: 'LK',
		verification: 'none',
		slug: 'lanka-japan-careers',
	},
	{
		kind: 'recruiter',
		name: 'Mekong Skills Placement',
		country: 'VN',
		region: 'Thành phố Hồ Chí Minh',
		sector: 'recruitment',
		size: 'medium',
		does: 'places engineers and SSW workers with Japanese companies, and hires returnees as trainers',
		staffFrom: 'VN',
		verification: 'verified',
		slug: 'mekong-skills',
	},
];

const SINCE_COUNTRIES = [
	'Vietnam',
	'Indonesia',
	'the Philippines',
	'Myanmar',
	'Nepal',
	'Sri Lanka',
	'Kenya',
];

/** A 13-digit corporate number whose check digit is right; the base starts 9999, which no registry office uses. */
function corporateNumber(random: Random): string {
	const base = `9999${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
	return `${corporateNumberCheckDigit(base)}${base}`;
}

function description(random: Random, def: Definition): string {
	if (def.kind === 'japanese_sme') {
		const since = random.int(2008, 2019);
		const from = random.sample(SINCE_COUNTRIES, random.int(1, 2)).join(' and ');
		return `${def.name.replace(/ \(.*\)$/, '')} ${def.does} in ${PREFECTURES[def.prefecture ?? 13]}. We have trained technical interns from ${from} since ${since}, and we want to keep working with the people who went home: as partners, suppliers or staff in a joint venture.`;
	}
	const place = def.region ?? PREFECTURES[def.prefecture ?? 13];
	return `${def.name} ${def.does}. Based in ${place}.${def.verification === 'verified' ? '' : ' New on Okaeri.'}`;
}

const SME_TITLES = ['President', 'Managing director', 'Head of overseas business'];
const SME_STAFF_TITLES = [
	'Training manager',
	'Factory manager',
	'HR and intern support',
	'Site supervisor',
];
const SUPPORT_TITLES = ['Director', 'Programme officer', 'Coordinator', 'Loan officer'];

/** A person from `country` (JP: a Japanese business person) who runs or works for an organisation. */
function staffPerson(
	data: SeedData,
	random: Random,
	def: Definition,
	options: { mentor: boolean; title: string; email?: string; demoLogin?: 'sme' | 'support' }
): SeedPerson {
	const gender = random.chance(def.kind === 'japanese_sme' ? 0.3 : 0.5) ? 'female' : 'male';
	const sme = def.kind === 'japanese_sme';
	const japanese = def.staffFrom === 'JP';
	const name = uniqueName(data, () =>
		japanese
			? {
					full: `${random.pick(JAPANESE_NAMES.givenNames[gender])} ${random.pick(JAPANESE_NAMES.familyNames)}`,
				}
			: drawName(random, homeCountry(def.staffFrom), gender)
	).full;
	const kinds = [sme ? 'sme_member' : 'support_org_member'];
	if (options.mentor) kinds.push('mentor');
	// People who run diaspora associations live and work in Japan.
	if (!japanese && def.country === 'JP') kinds.push('in_japan');
	const orgName = def.name.replace(/ \(.*\)$/, '');
	const person = makePerson(data, random, {
		name,
		...(options.email === undefined ? {} : { email: options.email }),
		kinds,
		country: def.staffFrom,
		gender,
		older: sme && random.chance(0.6),
		headscarf: def.staffFrom === 'ID' && gender === 'female' && random.chance(0.5),
		...(options.demoLogin === undefined ? {} : { demoLogin: options.demoLogin }),
	});
	const languages = japanese
		? random.chance(0.5)
			? ['en', 'ja']
			: ['ja']
		: [homeCountry(def.staffFrom).language, 'en', ...(random.chance(0.6) ? ['ja'] : [])];
	Object.assign(person.profile, {
		headline: `${options.title}, ${orgName}`,
		bio: sme
			? `${options.title} of ${orgName} in ${PREFECTURES[def.prefecture ?? 13]}. ${options.mentor ? 'I have worked with interns for over ten years and mentor returnees who start a business in our trade.' : 'I look after our interns and SSW staff, and keep in touch after they go home.'}`
			: `I work at ${orgName}, which ${def.does}.${options.mentor ? ' I mentor returnees through their first year back.' : ''}`,
		region: def.region ?? PREFECTURES[def.prefecture ?? 13] ?? null,
		languages,
		looking_for: options.mentor
			? ['to_mentor', ...(sme ? ['jv_partner'] : [])]
			: sme
				? random.some(['jv_partner', 'staff'], 0.6)
				: [],
		profile_visibility: random.chance(0.7) ? 'public' : 'members',
	});
	return person;
}

/** People who already have a profile and now also belong to an organisation take on its kind. */
function join(person: SeedPerson, kind: 'sme_member' | 'support_org_member'): void {
	const kinds = person.profile['kinds'] as string[];
	if (!kinds.includes(kind)) person.profile['kinds'] = [...kinds, kind];
}

function organisation(data: SeedData, random: Random, def: Definition): SeedOrganisation {
	const createdAt = timestampBetween(random, '2026-01-20', '2026-10-30');
	const columns: Record<string, SqlValue> = {
		kind: def.kind,
		name: def.name,
		corporate_number:
			def.kind === 'japanese_sme' || (def.country === 'JP' && def.kind !== 'diaspora_association')
				? corporateNumber(random)
				: null,
		country: def.country,
		prefecture: def.prefecture ?? null,
		region: def.region ?? null,
		sector: def.sector,
		size: def.size,
		website: `https://${def.slug}.example`,
		description: description(random, def),
	};
	const ownerTitle = def.kind === 'japanese_sme' ? random.pick(SME_TITLES) : 'Director';
	const owner = staffPerson(data, random, def, {
		mentor: def.mentorOwner ?? false,
		title: ownerTitle,
		...(def.demoOwner === undefined
			? {}
			: { email: `${def.demoOwner}@example.com`, demoLogin: def.demoOwner }),
	});
	// The organisation is created by its owner, after they joined.
	owner.createdAt =
		owner.createdAt < createdAt ? owner.createdAt : later(random, createdAt, -20, -1);
	const members: SeedOrganisation['members'] = [
		{ userId: owner.id, role: 'owner', title: ownerTitle, joinedAt: createdAt },
	];
	for (let i = random.int(0, def.size === 'micro' ? 1 : 2); i > 0; i--) {
		const title =
			def.kind === 'japanese_sme'
				? random.pick(SME_STAFF_TITLES)
				: random.pick(SUPPORT_TITLES.slice(1));
		const colleague = staffPerson(data, random, def, { mentor: false, title });
		const joinedAt = later(random, createdAt, 1, 20);
		if (colleague.createdAt > joinedAt) colleague.createdAt = later(random, joinedAt, -5, -1);
		members.push({
			userId: colleague.id,
			role: random.chance(0.2) ? 'owner' : 'member',
			title,
			joinedAt,
		});
	}
	return {
		id: uuid(random),
		columns,
		name: def.name,
		kind: def.kind,
		createdAt,
		members,
		verification: def.verification,
		verifiedAt: undefined,
		hasLogo: random.chance(0.8),
	};
}

export const organisationsModule: SeedModule = {
	name: 'organisations',
	build(data, random) {
		const returnees = data.people.filter(
			(p) => (p.profile['kinds'] as string[]).includes('returnee') && p.demoLogin === undefined
		);
		for (const def of [...SMES, ...SUPPORT]) {
			const org = organisation(data, random, def);
			// Returnees who work for a Japanese SME at home, or help a support organisation.
			const joiners =
				def.kind === 'japanese_sme'
					? returnees
							.filter((p) => p.profile['japan_field'] === def.sector)
							.slice(0, random.chance(0.4) ? 1 : 0)
					: random.sample(returnees, random.int(0, 2));
			for (const person of joiners) {
				returnees.splice(returnees.indexOf(person), 1);
				join(person, def.kind === 'japanese_sme' ? 'sme_member' : 'support_org_member');
				org.members.push({
					userId: person.id,
					role: 'member',
					title:
						def.kind === 'japanese_sme'
							? `Country liaison, ${person.profile['home_country'] as string}`
							: def.kind === 'diaspora_association'
								? 'Alumni volunteer'
								: 'Returnee adviser',
					joinedAt: later(
						random,
						person.createdAt > org.createdAt ? person.createdAt : org.createdAt,
						1,
						5
					),
				});
			}
			if (org.hasLogo) {
				const seed = random.int(0, 2 ** 31 - 1);
				data.files.push({
					bucket: 'org-logos',
					path: `${org.id}/logo.webp`,
					draw: () => drawLogo(new Random(seed), 128),
				});
			}
			data.organisations.push(org);
		}
	},
	sql(data) {
		const orgs = data.organisations;
		const owner = (o: SeedOrganisation) =>
			o.members.find((m) => m.role === 'owner')?.userId ?? null;
		const invitations = invitationRows(data);
		return [
			'-- Organisations: created by their first owner (a trigger makes the creator an owner member).',
			insert(
				'public.organisations',
				orgs.map((o) => ({
					id: o.id,
					...o.columns,
					logo_path: o.hasLogo ? `${o.id}/logo.webp` : null,
					verified: o.verifiedAt !== undefined,
					verified_at: o.verifiedAt ?? null,
					created_by: owner(o),
					created_at: o.createdAt,
				}))
			),
			'-- Members, owners included (their titles and join dates).',
			insert(
				'public.organisation_members',
				orgs.flatMap((o) =>
					o.members.map((m) => ({
						organisation_id: o.id,
						user_id: m.userId,
						role: m.role,
						title: m.title,
						created_at: m.joinedAt,
					}))
				),
				'on conflict (organisation_id, user_id) do update set role = excluded.role, title = excluded.title, created_at = excluded.created_at'
			),
			'-- Open invitations (tokens are random, as in the app; they expire two weeks after the seed runs).',
			insert('public.organisation_invitations', invitations),
		].join('\n');
	},
};

/** Invitations still open: one to the demo returnee, two to people without an account yet. */
function invitationRows(data: SeedData): Record<string, SqlValue>[] {
	const sme = data.organisations.find((o) => o.kind === 'japanese_sme');
	const ngo = data.organisations.find((o) => o.kind === 'ngo');
	if (sme === undefined || ngo === undefined) return [];
	const ownerOf = (o: SeedOrganisation) => o.members[0]?.userId ?? null;
	return [
		{
			organisation_id: sme.id,
			email: 'returnee@example.com',
			role: 'member',
			invited_by: ownerOf(sme),
			expires_at: raw("now() + interval '14 days'"),
		},
		{
			organisation_id: sme.id,
			email: 'new.trainer@example.com',
			role: 'member',
			invited_by: ownerOf(sme),
			expires_at: raw("now() + interval '14 days'"),
		},
		{
			organisation_id: ngo.id,
			email: 'volunteer@example.com',
			role: 'member',
			invited_by: ownerOf(ngo),
			expires_at: raw("now() + interval '14 days'"),
		},
	];
}
