/**
 * The words demo and benchmark people are made of: names, regions and languages per home country, the jobs of
 * each SSW field and where in Japan they are done. Shared by the demo seed (supabase/seed/) and the directory
 * benchmarks (bench/), so both draw realistic people from one vocabulary.
 */
import type { Random } from './random.ts';

/** How a country writes a full name. */
type NameOrder = 'family-first' | 'given-first';

/** One home country of returnees. */
export interface HomeCountry {
	code: string;
	/** Share of returnees from this country (roughly the corridor's: Vietnam and Indonesia first). */
	weight: number;
	/** ISO 639-1 of the language most people speak at home. */
	language: string;
	/** Other languages some people speak (ISO 639-1), with how likely. */
	otherLanguages: readonly (readonly [string, number])[];
	/** UI locale people from here would pick, when the portal has one. */
	locale: 'en' | 'vi' | 'id' | 'sw';
	nameOrder: NameOrder;
	/** Family names (Myanmar: the last part of a name, as names there have no family name). */
	familyNames: readonly string[];
	/** Given names (Vietnam: middle and given name). */
	givenNames: { female: readonly string[]; male: readonly string[] };
	/** Provinces, states or cities returnees come home to. */
	regions: readonly string[];
	/** International calling code, for demo phone numbers. */
	callingCode: string;
}

export const HOME_COUNTRIES: readonly HomeCountry[] = [
	{
		code: 'VN',
		weight: 45,
		language: 'vi',
		otherLanguages: [['en', 0.25]],
		locale: 'vi',
		nameOrder: 'family-first',
		familyNames: [
			'Nguyễn',
			'Trần',
			'Lê',
			'Phạm',
			'Hoàng',
			'Huỳnh',
			'Vũ',
			'Võ',
			'Đặng',
			'Bùi',
			'Đỗ',
			'Ngô',
			'Dương',
			'Lý',
		],
		givenNames: {
			female: [
				'Thị Lan',
				'Thị Hoa',
				'Thu Trang',
				'Ngọc Anh',
				'Thị Hương',
				'Thị Mai',
				'Phương Thảo',
				'Thị Hằng',
				'Minh Châu',
				'Thị Nhung',
			],
			male: [
				'Văn An',
				'Minh Đức',
				'Quốc Huy',
				'Văn Hùng',
				'Đức Thắng',
				'Văn Nam',
				'Tuấn Anh',
				'Văn Long',
				'Thanh Tùng',
				'Quang Hải',
			],
		},
		regions: [
			'Hà Nội',
			'Nghệ An',
			'Thanh Hóa',
			'Hà Tĩnh',
			'Hải Dương',
			'Thái Bình',
			'Nam Định',
			'Bắc Giang',
			'Phú Thọ',
			'Quảng Bình',
			'Đà Nẵng',
			'Thành phố Hồ Chí Minh',
		],
		callingCode: '84',
	},
	{
		code: 'ID',
		weight: 20,
		language: 'id',
		otherLanguages: [
			['jv', 0.3],
			['en', 0.2],
		],
		locale: 'id',
		nameOrder: 'given-first',
		familyNames: [
			'Saputra',
			'Wijaya',
			'Santoso',
			'Lestari',
			'Pratama',
			'Hidayat',
			'Nugroho',
			'Kurniawan',
			'Setiawan',
			'Rahmawati',
		],
		givenNames: {
			female: ['Siti', 'Dewi', 'Putri', 'Ayu', 'Rina', 'Wulan', 'Indah', 'Nur'],
			male: ['Budi', 'Agus', 'Rizky', 'Eko', 'Dimas', 'Fajar', 'Andi', 'Yusuf'],
		},
		regions: [
			'Jawa Barat',
			'Jawa Tengah',
			'Jawa Timur',
			'DI Yogyakarta',
			'Bali',
			'Nusa Tenggara Barat',
			'Lampung',
			'Sumatera Utara',
		],
		callingCode: '62',
	},
	{
		code: 'PH',
		weight: 10,
		language: 'tl',
		otherLanguages: [['en', 0.9]],
		locale: 'en',
		nameOrder: 'given-first',
		familyNames: [
			'Santos',
			'Reyes',
			'Cruz',
			'Bautista',
			'Garcia',
			'Mendoza',
			'Ramos',
			'Aquino',
			'Villanueva',
			'Dela Cruz',
		],
		givenNames: {
			female: ['Maria', 'Angelica', 'Kristine', 'Joy', 'Rowena', 'Jasmine', 'Liza', 'Camille'],
			male: ['Jose', 'Mark', 'John Paul', 'Rodel', 'Jerome', 'Arnel', 'Christian', 'Ramil'],
		},
		regions: [
			'Cebu',
			'Batangas',
			'Pampanga',
			'Metro Manila',
			'Iloilo',
			'Davao',
			'Laguna',
			'Cavite',
		],
		callingCode: '63',
	},
	{
		code: 'MM',
		weight: 9,
		language: 'my',
		otherLanguages: [['en', 0.2]],
		locale: 'en',
		nameOrder: 'given-first',
		familyNames: ['Aung', 'Win', 'Htun', 'Myint', 'Oo', 'Naing', 'Lwin', 'Thein', 'Zaw', 'Moe'],
		givenNames: {
			female: [
				'Thida',
				'Hnin Wai',
				'Su Myat',
				'Khin Zar',
				'Ei Ei',
				'May Thu',
				'Nandar',
				'Phyu Phyu',
			],
			male: [
				'Kyaw Zin',
				'Min Htet',
				'Zaw Myo',
				'Ye Lin',
				'Thant Zin',
				'Htet',
				'Soe Moe',
				'Kaung Myat',
			],
		},
		regions: ['Yangon', 'Mandalay', 'Bago', 'Ayeyarwady', 'Magway', 'Sagaing'],
		callingCode: '95',
	},
	{
		code: 'NP',
		weight: 6,
		language: 'ne',
		otherLanguages: [
			['en', 0.4],
			['hi', 0.2],
		],
		locale: 'en',
		nameOrder: 'given-first',
		familyNames: ['Shrestha', 'Gurung', 'Tamang', 'Rai', 'Magar', 'Thapa', 'Adhikari', 'Karki'],
		givenNames: {
			female: ['Sita', 'Anita', 'Pooja', 'Sarita', 'Kamala', 'Sabina'],
			male: ['Ram', 'Bikash', 'Suman', 'Rajesh', 'Prakash', 'Dipendra'],
		},
		regions: ['Kathmandu', 'Chitwan', 'Kaski', 'Rupandehi', 'Jhapa', 'Morang'],
		callingCode: '977',
	},
	{
		code: 'KE',
		weight: 3,
		language: 'sw',
		otherLanguages: [['en', 0.95]],
		locale: 'sw',
		nameOrder: 'given-first',
		familyNames: ['Mwangi', 'Otieno', 'Wanjiru', 'Kamau', 'Njoroge', 'Achieng', 'Kiprop', 'Mutua'],
		givenNames: {
			female: ['Grace', 'Faith', 'Mercy', 'Esther', 'Winnie', 'Lucy'],
			male: ['Brian', 'Kevin', 'Dennis', 'Peter', 'Samuel', 'Collins'],
		},
		regions: ['Nairobi', 'Kiambu', 'Nakuru', 'Mombasa', 'Kisumu', 'Machakos', 'Meru'],
		callingCode: '254',
	},
	{
		code: 'LK',
		weight: 4,
		language: 'si',
		otherLanguages: [
			['en', 0.6],
			['ta', 0.15],
		],
		locale: 'en',
		nameOrder: 'given-first',
		familyNames: ['Perera', 'Fernando', 'Silva', 'Jayasinghe', 'Bandara', 'Wickramasinghe'],
		givenNames: {
			female: ['Kumari', 'Chamari', 'Dilani', 'Nadeesha', 'Sanduni'],
			male: ['Nimal', 'Sunil', 'Ruwan', 'Kasun', 'Chaminda'],
		},
		regions: ['Colombo', 'Gampaha', 'Kandy', 'Kurunegala', 'Galle', 'Matara'],
		callingCode: '94',
	},
	{
		code: 'KH',
		weight: 3,
		language: 'km',
		otherLanguages: [['en', 0.3]],
		locale: 'en',
		nameOrder: 'family-first',
		familyNames: ['Sok', 'Chan', 'Kim', 'Vann', 'Heng', 'Chea'],
		givenNames: {
			female: ['Sreymom', 'Sophea', 'Channary', 'Bopha', 'Sokha'],
			male: ['Dara', 'Vuthy', 'Rithy', 'Sovann', 'Piseth'],
		},
		regions: ['Phnom Penh', 'Siem Reap', 'Battambang', 'Kampong Cham', 'Takeo'],
		callingCode: '855',
	},
];

/** The home country with `code`. */
export function homeCountry(code: string): HomeCountry {
	const found = HOME_COUNTRIES.find((c) => c.code === code);
	if (found === undefined) throw new RangeError(`no vocabulary for country ${code}`);
	return found;
}

/** A country drawn in proportion to the corridor's shares. */
export function drawHomeCountry(random: Random): HomeCountry {
	return random.weighted(HOME_COUNTRIES.map((c) => [c, c.weight] as const));
}

/** A person's name as people from `country` write it, with the family name on its own (for business names). */
export function drawName(
	random: Random,
	country: HomeCountry,
	gender: 'female' | 'male'
): { full: string; family: string; given: string } {
	const family = random.pick(country.familyNames);
	const given = random.pick(country.givenNames[gender]);
	const full = country.nameOrder === 'family-first' ? `${family} ${given}` : `${given} ${family}`;
	return { full, family, given };
}

/** The languages a person from `country` speaks besides Japanese, home language first. */
export function drawLanguages(random: Random, country: HomeCountry): string[] {
	return [
		country.language,
		...country.otherLanguages.filter(([, p]) => random.chance(p)).map(([l]) => l),
	];
}

/** Prefecture names by JIS X 0401 code (1 = Hokkaido … 47 = Okinawa). */
export const PREFECTURES: readonly string[] = [
	'',
	'Hokkaido',
	'Aomori',
	'Iwate',
	'Miyagi',
	'Akita',
	'Yamagata',
	'Fukushima',
	'Ibaraki',
	'Tochigi',
	'Gunma',
	'Saitama',
	'Chiba',
	'Tokyo',
	'Kanagawa',
	'Niigata',
	'Toyama',
	'Ishikawa',
	'Fukui',
	'Yamanashi',
	'Nagano',
	'Gifu',
	'Shizuoka',
	'Aichi',
	'Mie',
	'Shiga',
	'Kyoto',
	'Osaka',
	'Hyogo',
	'Nara',
	'Wakayama',
	'Tottori',
	'Shimane',
	'Okayama',
	'Hiroshima',
	'Yamaguchi',
	'Tokushima',
	'Kagawa',
	'Ehime',
	'Kochi',
	'Fukuoka',
	'Saga',
	'Nagasaki',
	'Kumamoto',
	'Oita',
	'Miyazaki',
	'Kagoshima',
	'Okinawa',
];

/** One SSW field as returnees worked in it: their jobs and the prefectures where that work concentrates. */
export interface FieldWork {
	field: string;
	/** Share of returnees who worked in this field. */
	weight: number;
	/** Jobs or trades, in people's own words. */
	jobs: readonly string[];
	/** JIS prefecture codes where the work concentrates (drawn more often than the rest). */
	prefectures: readonly number[];
	/** Employer types of the field, with weights. */
	employers: readonly (readonly [string, number])[];
	/** Whether the field has an SSW (ii) track (nursing care does not: it has the care worker visa). */
	ssw2: boolean;
	/** Opened to SSW in 2024 or later: SSW there starts in 2025 at the earliest. */
	sswFrom: number;
}

const MAKERS = [
	['small_business', 50],
	['medium_business', 35],
	['large_business', 15],
] as const;

export const FIELD_WORK: readonly FieldWork[] = [
	{
		field: 'industrial_products_manufacturing',
		weight: 22,
		jobs: [
			'welding',
			'machining',
			'metal pressing',
			'plastic moulding',
			'painting',
			'electronics assembly',
		],
		prefectures: [23, 22, 21, 11, 10, 9, 34],
		employers: MAKERS,
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'construction',
		weight: 18,
		jobs: [
			'formwork',
			'scaffolding',
			'rebar work',
			'plastering',
			'interior finishing',
			'heavy machinery',
		],
		prefectures: [13, 14, 11, 12, 27, 23, 40],
		employers: [
			['small_business', 75],
			['medium_business', 25],
		],
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'food_beverage_manufacturing',
		weight: 16,
		jobs: [
			'food processing',
			'bread making',
			'seafood processing',
			'ready-meal production',
			'ham and sausage making',
		],
		prefectures: [11, 12, 27, 1, 8, 28, 40],
		employers: MAKERS,
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'agriculture',
		weight: 12,
		jobs: ['greenhouse vegetables', 'dairy farming', 'pig farming', 'fruit growing', 'field crops'],
		prefectures: [8, 43, 1, 12, 10, 20, 46],
		employers: [
			['farm_or_fishery', 80],
			['small_business', 20],
		],
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'nursing_care',
		weight: 10,
		jobs: ['caregiving', 'day-care support', 'home-care assistance'],
		prefectures: [27, 13, 14, 23, 40, 28, 11],
		employers: [['care_facility', 1]],
		ssw2: false,
		sswFrom: 2019,
	},
	{
		field: 'food_service',
		weight: 6,
		jobs: ['restaurant kitchen', 'restaurant service', 'central kitchen'],
		prefectures: [13, 27, 14, 23, 40],
		employers: [
			['small_business', 60],
			['medium_business', 30],
			['large_business', 10],
		],
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'building_cleaning',
		weight: 3,
		jobs: ['building cleaning', 'hospital cleaning'],
		prefectures: [13, 27, 14, 23],
		employers: MAKERS,
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'shipbuilding_marine',
		weight: 4,
		jobs: ['ship welding', 'hull painting', 'ship fitting'],
		prefectures: [34, 38, 42, 33, 37],
		employers: MAKERS,
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'fishery',
		weight: 3,
		jobs: ['oyster farming', 'scallop farming', 'fishing vessel crew'],
		prefectures: [34, 1, 4, 39, 24],
		employers: [['farm_or_fishery', 1]],
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'automobile_repair',
		weight: 2,
		jobs: ['car maintenance', 'bodywork repair'],
		prefectures: [23, 13, 11, 40],
		employers: [
			['small_business', 80],
			['medium_business', 20],
		],
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'accommodation',
		weight: 2,
		jobs: ['hotel front desk', 'hotel housekeeping', 'ryokan service'],
		prefectures: [26, 13, 47, 1, 17],
		employers: [
			['small_business', 50],
			['medium_business', 50],
		],
		ssw2: true,
		sswFrom: 2019,
	},
	{
		field: 'automobile_transportation',
		weight: 1,
		jobs: ['truck driving', 'bus driving'],
		prefectures: [13, 23, 27],
		employers: [['medium_business', 1]],
		ssw2: false,
		sswFrom: 2025,
	},
	{
		field: 'forestry',
		weight: 1,
		jobs: ['logging', 'tree planting'],
		prefectures: [3, 44, 45, 20],
		employers: [['small_business', 1]],
		ssw2: false,
		sswFrom: 2025,
	},
];

/** A field drawn in proportion to how many returnees worked in it. */
export function drawFieldWork(random: Random): FieldWork {
	return random.weighted(FIELD_WORK.map((f) => [f, f.weight] as const));
}

/** One to three prefectures a person worked in: mostly where their field concentrates. */
export function drawPrefectures(random: Random, work: FieldWork, count = 1): number[] {
	const out = new Set<number>();
	while (out.size < count) {
		out.add(random.chance(0.8) ? random.pick(work.prefectures) : random.int(1, 47));
	}
	return [...out].sort((a, b) => a - b);
}

/** Japanese names, written given name first as in English-language profiles. */
export const JAPANESE_NAMES = {
	familyNames: [
		'Tanaka',
		'Suzuki',
		'Sato',
		'Takahashi',
		'Watanabe',
		'Ito',
		'Yamamoto',
		'Nakamura',
		'Kobayashi',
		'Kato',
		'Yoshida',
		'Yamada',
		'Matsumoto',
		'Inoue',
		'Kimura',
		'Hayashi',
		'Shimizu',
		'Ogawa',
	],
	givenNames: {
		female: ['Yuki', 'Haruka', 'Naomi', 'Keiko', 'Emi', 'Mayumi', 'Sachiko', 'Rie'],
		male: ['Hiroshi', 'Takeshi', 'Kenji', 'Satoshi', 'Daisuke', 'Makoto', 'Koji', 'Tomoya'],
	},
} as const;

/** How people name each SSW field in a sentence ("I worked in … as a technical intern in food manufacturing"). */
export const FIELD_WORDS: Record<string, string> = {
	nursing_care: 'nursing care',
	building_cleaning: 'building cleaning',
	industrial_products_manufacturing: 'manufacturing',
	construction: 'construction',
	shipbuilding_marine: 'shipbuilding',
	automobile_repair: 'car maintenance',
	aviation: 'aviation',
	accommodation: 'hotels',
	automobile_transportation: 'driving',
	railway: 'railways',
	agriculture: 'farming',
	fishery: 'fisheries',
	food_beverage_manufacturing: 'food manufacturing',
	food_service: 'restaurants',
	forestry: 'forestry',
	wood_industry: 'wood processing',
	linen_supply: 'linen supply',
	logistics_warehousing: 'logistics',
	resource_recycling: 'recycling',
};

/** What people say they brought home from Japan: for every field, and for some fields only. */
export const LESSONS: { fields: readonly string[] | 'all'; lesson: string }[] = [
	{ fields: 'all', lesson: '5S and kaizen' },
	{ fields: 'all', lesson: 'hou-ren-sou: report, contact, consult' },
	{ fields: 'all', lesson: 'keeping to time, every time' },
	{ fields: 'all', lesson: 'working in Japanese every day' },
	{
		fields: [
			'industrial_products_manufacturing',
			'food_beverage_manufacturing',
			'shipbuilding_marine',
		],
		lesson: 'quality control',
	},
	{
		fields: ['industrial_products_manufacturing', 'food_beverage_manufacturing'],
		lesson: 'how a small factory plans its work',
	},
	{
		fields: [
			'construction',
			'shipbuilding_marine',
			'industrial_products_manufacturing',
			'forestry',
		],
		lesson: 'safety first, every morning',
	},
	{ fields: ['nursing_care'], lesson: 'caring for older people with respect' },
	{ fields: ['nursing_care'], lesson: 'writing care records in Japanese' },
	{ fields: ['agriculture', 'fishery'], lesson: 'keeping a record of every harvest' },
	{ fields: ['agriculture'], lesson: 'growing vegetables under glass all year' },
	{
		fields: ['food_service', 'accommodation', 'building_cleaning', 'automobile_repair'],
		lesson: 'omotenashi: seeing what a customer needs before they ask',
	},
];
