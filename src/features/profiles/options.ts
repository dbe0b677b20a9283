import { Constants, type Enums } from '~/lib/supabase/database.types.ts';

/**
 * The values of the profile's enumerations, in the order forms list them: the database's own types
 * (`supabase/migrations/20261121000200_profiles.sql`, through the generated `Constants`), so a
 * value the form offers is always one the database accepts. Labels live in the message catalogs
 * (`profiles.<list>.<value>`), so the slugs never reach people.
 */
const ENUMS = Constants.public.Enums;

/** What a member says they are (`member_kind`); a person can be several. */
export const MEMBER_KINDS = ENUMS.member_kind;
export type MemberKind = Enums<'member_kind'>;

/** Residence programmes worked under in Japan (`japan_programme`). */
export const PROGRAMMES = ENUMS.japan_programme;
export type Programme = Enums<'japan_programme'>;

/** The official Specified Skilled Worker fields (`ssw_field`). */
export const SSW_FIELDS = ENUMS.ssw_field;
export type SswField = Enums<'ssw_field'>;

/** Kinds of employer in Japan (`employer_type`). */
export const EMPLOYER_TYPES = ENUMS.employer_type;
export type EmployerType = Enums<'employer_type'>;

/** JLPT levels, easiest first (`jlpt_level`). */
export const JLPT_LEVELS = ENUMS.jlpt_level;
export type JlptLevel = Enums<'jlpt_level'>;

/** Skills tests passed in the corridor (`skills_test`). */
export const SKILLS_TESTS = ENUMS.skills_test;
export type SkillsTest = Enums<'skills_test'>;

/** Where a person's own business stands (`business_stage`). */
export const BUSINESS_STAGES = ENUMS.business_stage;
export type BusinessStage = Enums<'business_stage'>;

/** Business sectors (`sector`): the SSW fields first, then the sectors returnees start businesses in. */
export const SECTORS = ENUMS.sector;
export type Sector = Enums<'sector'>;

/** What a member looks for on the portal (`looking_for`). */
export const LOOKING_FOR = ENUMS.looking_for;
export type LookingFor = Enums<'looking_for'>;

/** Who may see a value, widest audience first (`visibility_level`). */
export const VISIBILITY_LEVELS = ENUMS.visibility_level;
export type Visibility = Enums<'visibility_level'>;

/** The audiences contact details may have: never the public (the database refuses it too). */
export const CONTACT_VISIBILITY_LEVELS = [
	'members',
	'verified_orgs',
	'private',
] as const satisfies readonly Visibility[];
export type ContactVisibility = (typeof CONTACT_VISIBILITY_LEVELS)[number];

/**
 * Prefectures grouped by region, north to south, for a checkbox list people can scan. Each code
 * appears once; the labels are `profiles.region.<name>`.
 */
export const PREFECTURE_REGIONS = [
	{ region: 'hokkaido', codes: [1] },
	{ region: 'tohoku', codes: [2, 3, 4, 5, 6, 7] },
	{ region: 'kanto', codes: [8, 9, 10, 11, 12, 13, 14] },
	{ region: 'chubu', codes: [15, 16, 17, 18, 19, 20, 21, 22, 23] },
	{ region: 'kinki', codes: [24, 25, 26, 27, 28, 29, 30] },
	{ region: 'chugoku', codes: [31, 32, 33, 34, 35] },
	{ region: 'shikoku', codes: [36, 37, 38, 39] },
	{ region: 'kyushu', codes: [40, 41, 42, 43, 44, 45, 46, 47] },
] as const;

/**
 * ISO 3166-1 alpha-2 codes the database accepts as a home country (its `country_code` domain):
 * the officially assigned codes plus XK (Kosovo).
 */
export const COUNTRY_CODES =
	'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'.split(
		' '
	);

/**
 * The home countries of most people in the corridor, offered first in the country list (the
 * largest senders of technical interns and SSW workers, and the countries the portal serves).
 */
export const CORRIDOR_COUNTRIES = [
	'VN',
	'ID',
	'PH',
	'MM',
	'NP',
	'KH',
	'TH',
	'LK',
	'MN',
	'BD',
	'IN',
	'UZ',
	'KE',
	'CN',
];

/** ISO 639-1 codes the database accepts for languages spoken. */
export const LANGUAGE_CODES =
	'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'.split(
		' '
	);

/**
 * The languages the profile form offers as checkboxes: those of the corridor's countries, Japanese
 * and English. A language outside this list that a profile already has is shown too.
 */
export const COMMON_LANGUAGES = [
	'ja',
	'en',
	'vi',
	'id',
	'tl',
	'my',
	'ne',
	'km',
	'th',
	'si',
	'ta',
	'mn',
	'bn',
	'hi',
	'uz',
	'sw',
	'zh',
	'ko',
];
