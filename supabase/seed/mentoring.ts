/**
 * Mentoring in the demo: an offer from each of the 30 mentors, and a history of mentorships in every state, as
 * the RPCs of supabase/migrations/…000700_mentoring.sql would have left it: requests waiting (their expiry still
 * ahead), questions the mentor asked, active mentorships with short threads, completed ones with private feedback
 * from both sides, declines with reasons, cancellations and expired requests (one mentor paused for it, one paused
 * by themselves), read marks that leave some threads unread, and one open report for the moderation queue.
 *
 * The history ends at MENTORING_NOW, like the rest of the demo. Every request is checked here against the rules
 * request_mentorship() enforces at that moment (a place free, fewer than 5 waiting, at most 3 open per mentee, one
 * open per pair, not paused); seed.sql then asks private.mentor_matches() for each request's score and reasons with
 * the mentor's card as it stood then, so they are exactly what the mentee saw, and the triggers keep every counter.
 * Open requests fall due relative to MENTORING_NOW, moved on by however much later the seed runs, so a demo started
 * months later still has its requests waiting.
 */
import { uuid, type SeedData, type SeedModule, type SeedPerson } from './model.ts';
import type { Random } from './random.ts';
import { insert, raw, type SqlValue } from './sql.ts';
import {
	CANCEL_EN,
	DECLINE_NOTES,
	FEEDBACK_COMMENTS,
	SCAM,
	SCRIPTS_EN,
	SCRIPTS_ID,
	SCRIPTS_JA,
	SCRIPTS_VI,
	TOPIC_WORDS,
	UNNAMED_BUSINESS,
	fill,
	type Fill,
	type Script,
	type ThreadLanguage,
} from './mentoring-texts.ts';
import {
	FIELD_WORDS,
	HOME_COUNTRIES,
	JAPANESE_NAMES,
	PREFECTURES,
	homeCountry,
} from './vocabulary.ts';

/** Where the demo's mentoring history ends: "now" as the seed tells it. */
export const MENTORING_NOW = '2026-11-20T18:00:00.000Z';

/** Days a request waits for an answer (private.mentoring_settings.request_expiry_days on a new install). */
const EXPIRY_DAYS = 14;
/** request_mentorship()'s limits on a new install. */
const MAX_WAITING_PER_MENTOR = 5;
const MAX_OPEN_PER_MENTEE = 3;

export type MentorshipStatus =
	'requested' | 'info_requested' | 'active' | 'declined' | 'completed' | 'cancelled' | 'expired';

/** How a mentorship's history goes. */
type Story =
	| 'completed'
	| 'active'
	/** Waiting for the mentor's answer. */
	| 'requested'
	/** The mentor asked a question, the mentee answered: the mentor's turn again. */
	| 'answered'
	/** The mentor asked a question: the mentee's turn. */
	| 'question'
	| 'declined'
	/** The mentee withdrew the request before an answer. */
	| 'withdrawn'
	/** Accepted, then one side stopped it. */
	| 'stopped'
	/** Expired without an answer: the mentor was paused. */
	| 'unanswered'
	/** The mentee never answered the mentor's question. */
	| 'unreplied'
	/** A broker's "request", declined, reported and blocked. */
	| 'scam';

const STATUS_OF: Record<Story, MentorshipStatus> = {
	completed: 'completed',
	active: 'active',
	requested: 'requested',
	answered: 'requested',
	question: 'info_requested',
	declined: 'declined',
	withdrawn: 'cancelled',
	stopped: 'cancelled',
	unanswered: 'expired',
	unreplied: 'expired',
	scam: 'declined',
};

/** Stories that take one of the mentor's places for a while. */
const TAKES_A_PLACE: readonly Story[] = ['completed', 'active', 'stopped'];

/** A mentor's offer (public.mentor_profiles). */
export interface SeedOffer {
	person: SeedPerson;
	about: string;
	topics: string[];
	sectors: string[];
	languages: string[];
	countries: string[];
	formats: string[];
	capacity: number;
	createdAt: string;
	updatedAt: string;
	paused: 'self' | 'unanswered_requests' | null;
	/** When they were paused. */
	pausedAt: string | null;
	/** The mentor's answers take this many hours, from … to. */
	replyHours: readonly [number, number];
	lastActiveAt: string;
}

interface SeedMessage {
	at: string;
	side: 'mentee' | 'mentor';
	body: string;
}

interface SeedFeedback {
	at: string;
	useful: number;
	goalsMet: 'yes' | 'partly' | 'no';
	outcome: string;
	comment: string | null;
}

/** The mentor's counters when a request was made: what matching scored it on. */
interface Card {
	active: number;
	waiting: number;
	expired: number;
	replyDays: number | null;
}

/** A mentorship with its thread, read marks and feedback. */
export interface SeedMentorship {
	id: string;
	story: Story;
	status: MentorshipStatus;
	mentee: SeedPerson;
	mentor: SeedOffer;
	topic: string;
	goal: string;
	language: ThreadLanguage;
	requestedAt: string;
	/** When the mentor asked their question, and when the mentee answered it. */
	questionAt: string | null;
	replyAt: string | null;
	respondedAt: string | null;
	acceptedAt: string | null;
	menteeCompletedAt: string | null;
	mentorCompletedAt: string | null;
	endedAt: string | null;
	/** When an open request falls due, as of MENTORING_NOW. */
	dueAt: string | null;
	cancelledBy: 'mentee' | 'mentor' | null;
	declineReason: string | null;
	declineNote: string | null;
	messages: SeedMessage[];
	/** When each side last read the thread (absent: never opened it). */
	reads: { mentee?: string; mentor?: string };
	feedback: { mentee?: SeedFeedback; mentor?: SeedFeedback };
	card: Card;
	updatedAt: string;
}

/** An open report for the staff moderation queue (about the first message of a mentorship). */
interface SeedReport {
	id: string;
	mentorship: SeedMentorship;
	at: string;
	details: string;
}

/** Everything this module adds to the demo. */
export interface SeedMentoring {
	offers: SeedOffer[];
	mentorships: SeedMentorship[];
	report: SeedReport;
	/** The mentor who received the broker's request blocked them. */
	block: { blocker: SeedPerson; blocked: SeedPerson; at: string };
}

const built = new WeakMap<SeedData, SeedMentoring>();

/** The mentoring the module built for `data` (after `build`). */
export function mentoringOf(data: SeedData): SeedMentoring {
	const found = built.get(data);
	if (found === undefined) throw new Error('the mentoring module has not built this demo');
	return found;
}

// ---------------------------------------------------------------------------------------------------------------------
// Time

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse(MENTORING_NOW);

const iso = (ms: number): string => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
const ms = (at: string): number => Date.parse(at);
const plusHours = (at: string, hours: number): string => iso(ms(at) + hours * HOUR);
const max = (...times: string[]): string => times.reduce((a, b) => (a > b ? a : b));
const min = (...times: string[]): string => times.reduce((a, b) => (a < b ? a : b));
const date = (day: string): string => `${day}T00:00:00.000Z`;

/** A moment between `from` and `to`. */
function between(random: Random, from: string, to: string): string {
	return iso(ms(from) + random.next() * Math.max(0, ms(to) - ms(from)));
}

// ---------------------------------------------------------------------------------------------------------------------
// People

const kinds = (p: SeedPerson) => p.profile['kinds'] as string[];
const text = (p: SeedPerson, column: string) => p.profile[column] as string | null | undefined;
const languagesOf = (p: SeedPerson) => (p.profile['languages'] as string[] | undefined) ?? [];

/** How the other side would call someone: a given name; a Japanese family name (with -san in English). */
function callName(person: SeedPerson, language: ThreadLanguage): string {
	const parts = person.displayName.split(' ');
	const country = text(person, 'home_country');
	if (country === 'JP') {
		const family = parts.at(-1) as string;
		return language === 'en' ? `${family}-san` : family;
	}
	if (country === 'MM') return person.displayName;
	const familyFirst = HOME_COUNTRIES.find((c) => c.code === country)?.nameOrder === 'family-first';
	return (familyFirst ? parts.at(-1) : parts[0]) as string;
}

/** Whether a name is a woman's, as far as the names of the vocabulary tell (for Vietnamese and Indonesian address). */
function isWoman(person: SeedPerson): boolean {
	if (person.portrait !== undefined) return person.portrait.gender === 'female';
	const country = text(person, 'home_country');
	const parts = person.displayName.split(' ');
	if (country === 'JP') {
		const women: readonly string[] = JAPANESE_NAMES.givenNames.female;
		return women.includes(parts[0] as string);
	}
	const vocabulary = HOME_COUNTRIES.find((c) => c.code === country);
	if (vocabulary === undefined) return false;
	const given =
		vocabulary.nameOrder === 'family-first' ? parts.slice(1).join(' ') : (parts[0] as string);
	return vocabulary.givenNames.female.includes(given);
}

const SECTOR_WORDS: Record<string, string> = {
	agriculture: 'farming',
	construction: 'construction',
	industrial_products_manufacturing: 'metalworking',
	food_beverage_manufacturing: 'food',
	food_service: 'restaurant',
	nursing_care: 'home-care',
	language_training: 'language school',
	recruitment: 'recruitment',
	trade: 'trading',
	retail: 'retail',
	tourism: 'tourism',
	information_technology: 'software',
	automobile_repair: 'car repair',
	fishery: 'seafood',
};

/** The topic a sector's business asks about (null: none fits). */
const SECTOR_TOPIC: Record<string, string> = {
	agriculture: 'agriculture',
	construction: 'construction',
	industrial_products_manufacturing: 'manufacturing',
	automobile_repair: 'manufacturing',
	shipbuilding_marine: 'manufacturing',
	food_beverage_manufacturing: 'food',
	food_service: 'food',
	fishery: 'food',
	nursing_care: 'care',
	information_technology: 'it',
	tourism: 'tourism',
	accommodation: 'tourism',
};

const SECTOR_TOPICS = new Set(Object.values(SECTOR_TOPIC));

const TOPIC_EN: Record<string, string> = {
	financing: 'financing',
	registration_licences: 'registration and licences',
	marketing: 'finding customers',
	operations_quality: 'quality and 5S',
	japanese_business_practice: 'working with Japanese companies',
	exporting_to_japan: 'exporting to Japan',
	hiring: 'hiring',
	agriculture: 'farming',
	construction: 'construction',
	care: 'care services',
	food: 'food businesses',
	manufacturing: 'manufacturing',
	it: 'IT',
	tourism: 'tourism',
	returning_home: 'coming home and using your skills',
	going_to_japan: 'going to Japan safely',
};

const BUSINESS_TOPICS = [
	'financing',
	'registration_licences',
	'marketing',
	'operations_quality',
	'hiring',
];

type Stage = 'none' | 'idea' | 'started' | 'growing';
const stageOf = (p: SeedPerson) => (text(p, 'business_stage') ?? 'none') as Stage;
const hasBusiness = (p: SeedPerson) => ['started', 'growing'].includes(stageOf(p));
const inJapan = (p: SeedPerson) => kinds(p).includes('in_japan');
const preparing = (p: SeedPerson) => kinds(p).includes('preparing');

/** Which thread a pair talking in `language` about `topic` has (null: none fits this mentee). */
function scriptFor(language: ThreadLanguage, topic: string, mentee: SeedPerson): Script | null {
	const stage = stageOf(mentee);
	// A sector's topic is asked about by people of that sector only.
	const own = [
		text(mentee, 'business_sector'),
		hasBusiness(mentee) ? null : text(mentee, 'japan_field'),
	];
	if (SECTOR_TOPICS.has(topic) && !own.some((s) => SECTOR_TOPIC[s ?? ''] === topic)) return null;
	if (language === 'en') {
		const key =
			topic === 'going_to_japan'
				? preparing(mentee)
					? 'going'
					: null
				: topic === 'returning_home'
					? inJapan(mentee)
						? 'home_in_japan'
						: kinds(mentee).includes('returnee') && stage === 'none'
							? 'home_back'
							: null
					: topic === 'registration_licences'
						? stage === 'idea'
							? 'registration'
							: null
						: SECTOR_TOPIC[text(mentee, 'business_sector') ?? ''] === topic
							? stage === 'idea'
								? 'sector'
								: null
							: !hasBusiness(mentee)
								? null
								: topic === 'financing'
									? 'financing'
									: topic === 'marketing'
										? 'marketing'
										: topic === 'operations_quality' || topic === 'manufacturing'
											? 'operations'
											: topic === 'hiring'
												? 'hiring'
												: topic === 'japanese_business_practice' || topic === 'exporting_to_japan'
													? 'japan'
													: null;
		return key === null ? null : (SCRIPTS_EN[key] ?? null);
	}
	const scripts = language === 'vi' ? SCRIPTS_VI : language === 'id' ? SCRIPTS_ID : SCRIPTS_JA;
	if (topic === 'returning_home')
		return inJapan(mentee) ? (scripts['home_in_japan'] ?? null) : null;
	if (!hasBusiness(mentee) || TOPIC_WORDS[language][topic] === undefined) return null;
	return scripts['business'] ?? null;
}

/**
 * The language a pair would write in: Vietnamese or Indonesian when they share it, else English, else Japanese
 * (null: none the demo has texts in).
 */
function threadLanguage(mentee: SeedPerson, mentor: SeedOffer): ThreadLanguage | null {
	const shared = languagesOf(mentee).filter((l) => mentor.languages.includes(l));
	const found = (['vi', 'id', 'en', 'ja'] as const).find((l) => shared.includes(l));
	return found ?? null;
}

/** The values a template is filled with, for this pair in this language. */
function fillFor(
	mentee: SeedPerson,
	mentor: SeedOffer,
	language: ThreadLanguage,
	topic: string
): Fill {
	const country = text(mentee, 'home_country') ?? 'VN';
	const region =
		text(mentee, 'region') ??
		(country === 'JP' ? 'Tokyo' : (homeCountry(country).regions[0] ?? ''));
	const start = mentee.profile['japan_start_year'] as number | null | undefined;
	const end = (mentee.profile['japan_end_year'] as number | null | undefined) ?? 2026;
	const years = start === null || start === undefined ? 3 : Math.max(1, end - start);
	const field = text(mentee, 'japan_field');
	const sector = text(mentee, 'business_sector');
	const prefectures = mentee.profile['prefectures'] as number[] | null | undefined;
	const woman = isWoman(mentor.person);
	const mt = woman ? 'chị' : 'anh';
	return {
		mentor: callName(mentor.person, language),
		mentee: callName(mentee, language),
		region,
		business: text(mentee, 'business_name') ?? UNNAMED_BUSINESS[language],
		sector: SECTOR_WORDS[sector ?? ''] ?? FIELD_WORDS[field ?? ''] ?? 'small',
		field: FIELD_WORDS[field ?? ''] ?? 'engineering',
		prefecture: PREFECTURES[prefectures?.[0] ?? 13] ?? 'Japan',
		years: String(years),
		topic: language === 'en' ? (TOPIC_EN[topic] ?? topic) : (TOPIC_WORDS[language][topic] ?? topic),
		mt,
		Mt: mt.charAt(0).toUpperCase() + mt.slice(1),
		pak: woman ? 'Bu' : 'Pak',
		bapak: woman ? 'Ibu' : 'Bapak',
	};
}

// ---------------------------------------------------------------------------------------------------------------------
// Offers

/** The organisation someone belongs to, if any. */
function organisationOf(data: SeedData, person: SeedPerson) {
	return data.organisations.find((o) => o.members.some((m) => m.userId === person.id));
}

function topicList(topics: readonly string[]): string {
	const words = topics.slice(0, 3).map((t) => TOPIC_EN[t] ?? t);
	return words.length < 2
		? (words[0] ?? '')
		: `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function makeOffer(data: SeedData, random: Random, person: SeedPerson): SeedOffer {
	const k = kinds(person);
	const org = organisationOf(data, person);
	const orgName = org?.name.replace(/ \(.*\)$/, '');
	const orgSector = org?.columns['sector'] as string | undefined;
	const field = text(person, 'japan_field');
	const sector = text(person, 'business_sector');
	const country = text(person, 'home_country') as string;
	const topics = new Set<string>();
	const sectors = new Set<string>();
	const countries = new Set<string>();
	let about: string;
	if (k.includes('returnee')) {
		topics.add('returning_home');
		for (const s of [sector, field]) {
			const topic = SECTOR_TOPIC[s ?? ''];
			if (topic !== undefined) topics.add(topic);
			if (s) sectors.add(s);
		}
		for (const t of random.sample(BUSINESS_TOPICS, random.int(2, 3))) topics.add(t);
		if (stageOf(person) === 'growing' && random.chance(0.6)) topics.add('hiring');
		if (random.chance(0.3)) topics.add('going_to_japan');
		if (k.includes('sme_member')) topics.add('japanese_business_practice');
		countries.add(country);
		const years =
			(person.profile['japan_end_year'] as number) - (person.profile['japan_start_year'] as number);
		const prefecture =
			PREFECTURES[(person.profile['prefectures'] as number[] | undefined)?.[0] ?? 13] ?? 'Japan';
		const business = text(person, 'business_name') ?? 'my own business';
		const region = text(person, 'region') ?? 'my home town';
		about = random.pick([
			`${years} years in ${FIELD_WORDS[field ?? ''] ?? 'engineering'} in ${prefecture} taught me the trade; coming home to ${region} taught me business. I started ${business} with my savings and made most of the usual mistakes, so you do not have to. Ask me about ${topicList([...topics].filter((t) => t !== 'returning_home'))}.`,
			`I run ${business} in ${region}. Before that I worked ${years} years in ${prefecture}. I mentor returnees in their first year: a plan you can test, the first customers, money and paperwork. I answer within a day or two; video calls in the evening.`,
			`Founder of ${business}. I know how hard the first months back home are. Happy to look at your plan, your numbers or your first hire, and to say honestly what I would do.`,
		]);
		if (k.includes('sme_member') && orgName !== undefined) {
			about += ` I am also the country liaison of ${orgName}, so I can tell you what Japanese companies expect.`;
		}
	} else if (k.includes('sme_member')) {
		for (const t of ['japanese_business_practice', 'exporting_to_japan', 'operations_quality'])
			topics.add(t);
		const topic = SECTOR_TOPIC[orgSector ?? ''];
		if (topic !== undefined) topics.add(topic);
		if (random.chance(0.5)) topics.add('hiring');
		if (orgSector) sectors.add(orgSector);
		for (const c of random.sample(['VN', 'ID', 'PH', 'MM', 'NP'], random.int(1, 3)))
			countries.add(c);
		about = random.pick([
			`We have hosted technical interns and SSW workers at ${orgName} for more than ten years. I help former interns who want to work with Japanese companies: what buyers expect, quality documents, quotations and how to write to a Japanese customer.`,
			`Many of our former interns now run their own companies. I mentor those who want to supply Japanese firms or work with us again: samples, inspection sheets, delivery dates. Japanese or English.`,
		]);
	} else {
		for (const t of ['financing', 'registration_licences', 'marketing', 'returning_home'])
			topics.add(t);
		if (org?.kind === 'ngo' || random.chance(0.3)) topics.add('going_to_japan');
		if (random.chance(0.3)) topics.add('hiring');
		if (orgSector && orgSector !== 'professional_services') sectors.add(orgSector);
		countries.add(country);
		about = `At ${orgName} I have helped many returnees register a business, prepare a loan application and find their first customers. Ask me about ${topicList([...topics])}; I also know which agencies and lenders treat people fairly.`;
	}
	const languages = languagesOf(person).slice(0, 6);
	const formats = ['chat'];
	if (random.chance(0.75)) formats.push('video_call');
	if (country !== 'JP' && random.chance(0.3)) formats.push('in_person');
	const createdAt = min(
		plusHours(person.createdAt, random.int(24, 12 * 24)),
		'2026-11-15T09:00:00.000Z'
	);
	return {
		person,
		about,
		topics: [...topics].slice(0, 8),
		sectors: [...sectors].slice(0, 6),
		languages,
		countries: [...countries],
		formats,
		capacity: random.weighted([
			[1, 2],
			[2, 4],
			[3, 3],
			[4, 1],
		]),
		createdAt,
		updatedAt: createdAt,
		paused: null,
		pausedAt: null,
		replyHours: [3, 60],
		lastActiveAt: createdAt,
	};
}

// ---------------------------------------------------------------------------------------------------------------------
// The rules at a moment

/** Where a mentorship stood at `at` (null: not asked yet). */
function statusAt(m: SeedMentorship, at: string): MentorshipStatus | null {
	if (at < m.requestedAt) return null;
	if (m.endedAt !== null && at >= m.endedAt) return m.status;
	if (m.acceptedAt !== null && at >= m.acceptedAt) return 'active';
	if (m.replyAt !== null && at >= m.replyAt) return 'requested';
	if (m.questionAt !== null && at >= m.questionAt) return 'info_requested';
	return 'requested';
}

const isOpen = (status: MentorshipStatus | null) =>
	status === 'requested' || status === 'info_requested' || status === 'active';

/** The mentor's card at `at` from their other mentorships, as the triggers would have kept it. */
function cardAt(
	all: readonly SeedMentorship[],
	mentor: SeedOffer,
	at: string,
	except?: SeedMentorship
): Card {
	const theirs = all.filter((m) => m.mentor === mentor && m !== except);
	const answered = theirs
		.filter((m) => m.respondedAt !== null && m.respondedAt <= at)
		.sort((a, b) => ((a.respondedAt as string) > (b.respondedAt as string) ? -1 : 1))
		.slice(0, 20)
		.map((m) => (ms(m.respondedAt as string) - ms(m.requestedAt)) / DAY)
		.sort((a, b) => a - b);
	let replyDays: number | null = null;
	if (answered.length > 0) {
		// percentile_cont(0.5): the middle value, or the mean of the two middle values.
		const position = (answered.length - 1) / 2;
		const low = answered[Math.floor(position)] as number;
		const high = answered[Math.ceil(position)] as number;
		replyDays = Math.max(1, Math.ceil(low + (high - low) * (position - Math.floor(position))));
	}
	return {
		active: theirs.filter((m) => statusAt(m, at) === 'active').length,
		waiting: theirs.filter((m) => statusAt(m, at) === 'requested').length,
		expired: theirs.filter(
			(m) => m.status === 'expired' && m.respondedAt === null && (m.endedAt as string) <= at
		).length,
		replyDays,
	};
}

/** Why request_mentorship() (or accepting) would have refused this mentorship, or null when it would not. */
function refusal(all: readonly SeedMentorship[], m: SeedMentorship): string | null {
	const at = m.requestedAt;
	const mentor = m.mentor;
	if (at <= mentor.createdAt) return 'the mentor had no offer yet';
	if (mentor.pausedAt !== null && at >= mentor.pausedAt) return 'the mentor was paused';
	if (ms(at) - ms(m.mentee.createdAt) < DAY) return 'the mentee had just joined';
	if (text(mentor.person, 'profile_visibility') === 'private') return 'the mentor is not listed';
	if (!languagesOf(m.mentee).some((l) => mentor.languages.includes(l))) return 'no shared language';
	const card = cardAt(all, mentor, at, m);
	if (card.active >= mentor.capacity) return 'the mentor had no place free';
	if (card.waiting >= MAX_WAITING_PER_MENTOR) return 'too many requests waited for the mentor';
	const mine = all.filter((o) => o !== m && o.mentee === m.mentee);
	const open = mine.filter((o) => ['requested', 'info_requested'].includes(statusAt(o, at) ?? ''));
	if (open.length >= MAX_OPEN_PER_MENTEE) return 'the mentee had too many requests open';
	// The pair may have one open mentorship at a time: at this request and at every later one.
	for (const o of mine.filter((o) => o.mentor === mentor)) {
		if (isOpen(statusAt(o, at)) || isOpen(statusAt(m, o.requestedAt)))
			return 'the pair already had one open';
	}
	if (m.acceptedAt !== null && cardAt(all, mentor, m.acceptedAt, m).active >= mentor.capacity) {
		return 'the mentor was full when accepting';
	}
	if ((m.endedAt ?? m.updatedAt) > MENTORING_NOW) return 'it ends after the demo’s now';
	if (m.status === 'completed' && ms(m.endedAt as string) > NOW - 2 * DAY)
		return 'it ends too late for feedback';
	return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Stories

/** One mentorship to make: its story, and optionally who asks, about what, in which language. */
interface Plan {
	story: Story;
	mentee?: SeedPerson;
	topic?: string;
	language?: ThreadLanguage;
	/** The mentee's answer to the mentor's question before acceptance (completed and active stories). */
	question?: boolean;
	/** Who has not read the thread's latest messages. */
	unreadFor?: 'mentee' | 'mentor';
	/** Whether the mentee gives feedback after completion (default: usually). */
	menteeFeedback?: boolean;
	/** How many talk messages an active thread has so far. */
	talk?: number;
	/** Mentees of this kind ask first. */
	prefer?: (p: SeedPerson) => boolean;
	/** A story the demo logins or roles need: the seed fails without it (others are left out when nothing fits). */
	essential?: boolean;
}

/** When each story happens: the window in which the request is made. */
const WINDOWS: Record<Story, readonly [string, string]> = {
	completed: ['2026-02-01', '2026-10-20'],
	stopped: ['2026-03-01', '2026-10-01'],
	active: ['2026-09-01', '2026-11-06'],
	requested: ['2026-11-13', '2026-11-20'],
	answered: ['2026-11-09', '2026-11-13'],
	question: ['2026-11-10', '2026-11-17'],
	declined: ['2026-04-01', '2026-11-15'],
	withdrawn: ['2026-04-01', '2026-11-12'],
	unanswered: ['2026-10-15', '2026-11-05'],
	unreplied: ['2026-06-01', '2026-10-25'],
	scam: ['2026-10-20', '2026-11-12'],
};

function reply(random: Random, mentor: SeedOffer, after: string): string {
	return plusHours(after, random.int(mentor.replyHours[0], mentor.replyHours[1]));
}

/** Lays out a story's timeline and thread from its request on. */
function unfold(
	random: Random,
	m: SeedMentorship,
	script: Script,
	values: Fill,
	plan: Plan
): boolean {
	let fits = true;
	const say = (side: 'mentee' | 'mentor', at: string, template: string) =>
		m.messages.push({ at, side, body: fill(template, values) });
	say('mentee', m.requestedAt, plan.story === 'scam' ? SCAM.request : script.request);
	const question = (after: string) => {
		m.questionAt = reply(random, m.mentor, after);
		m.respondedAt = m.questionAt;
		say('mentor', m.questionAt, script.question);
		return m.questionAt;
	};
	const talk = (from: string, lines: number, until: string) => {
		// The lines spread over the time there is, a few hours to a few days apart.
		const span = ms(until) - ms(from);
		if (span < lines * 4 * HOUR) fits = false;
		const weights = Array.from({ length: lines }, () => 0.4 + random.next());
		const total = weights.reduce((a, b) => a + b, 0) * 1.1;
		let at = ms(from);
		for (let i = 0; i < lines; i++) {
			at += (span * (weights[i] as number)) / total;
			say(i % 2 === 0 ? 'mentor' : 'mentee', iso(at), script.talk[i] as string);
		}
		return iso(at);
	};
	const accept = (after: string) => {
		let at = after;
		if (plan.question) {
			at = question(at);
			m.replyAt = plusHours(at, random.int(4, 40));
			say('mentee', m.replyAt, script.reply);
			at = m.replyAt;
		}
		m.acceptedAt = reply(random, m.mentor, at);
		m.respondedAt ??= m.acceptedAt;
		return m.acceptedAt;
	};
	const due = (from: string) => iso(ms(from) + EXPIRY_DAYS * DAY);
	switch (plan.story) {
		case 'completed': {
			const accepted = accept(m.requestedAt);
			const last = talk(accepted, script.talk.length, plusHours(accepted, random.int(12, 40) * 24));
			const menteeDone = plusHours(last, random.int(30, 130));
			say('mentee', menteeDone, script.close[0]);
			m.menteeCompletedAt = plusHours(menteeDone, 0.1);
			const mentorDone = reply(random, m.mentor, m.menteeCompletedAt);
			say('mentor', mentorDone, script.close[1]);
			m.mentorCompletedAt = plusHours(mentorDone, 0.1);
			m.endedAt = m.mentorCompletedAt;
			break;
		}
		case 'active': {
			const accepted = accept(m.requestedAt);
			const lines = Math.min(plan.talk ?? random.int(2, 5), script.talk.length);
			talk(accepted, lines, iso(NOW - random.int(2, 40) * HOUR));
			break;
		}
		case 'stopped': {
			const accepted = accept(m.requestedAt);
			const last = talk(accepted, random.int(2, 4), plusHours(accepted, random.int(10, 25) * 24));
			const side = random.chance(0.5) ? 'mentee' : 'mentor';
			const at = plusHours(last, random.int(24, 200));
			say(side, at, CANCEL_EN[side]);
			m.cancelledBy = side;
			m.endedAt = plusHours(at, 0.1);
			break;
		}
		case 'requested':
			m.dueAt = due(m.requestedAt);
			break;
		case 'answered': {
			const asked = question(m.requestedAt);
			m.replyAt = plusHours(asked, random.int(5, 60));
			say('mentee', m.replyAt, script.reply);
			m.dueAt = due(m.replyAt);
			break;
		}
		case 'question':
			m.dueAt = due(question(m.requestedAt));
			break;
		case 'declined':
		case 'scam': {
			m.respondedAt = reply(random, m.mentor, m.requestedAt);
			m.endedAt = m.respondedAt;
			if (plan.story === 'scam') {
				m.declineReason = 'other';
				m.declineNote = SCAM.declineNote;
			} else {
				const notes = DECLINE_NOTES[m.language];
				m.declineReason = random.pick(Object.keys(notes));
				const note = random.pick(notes[m.declineReason] ?? [null]);
				m.declineNote = note === null ? null : fill(note, values);
			}
			break;
		}
		case 'withdrawn':
			m.endedAt = plusHours(m.requestedAt, random.int(20, 130));
			m.cancelledBy = 'mentee';
			break;
		case 'unanswered':
			// The expiry job runs every few minutes.
			m.endedAt = plusHours(due(m.requestedAt), random.int(1, 5) / 60);
			break;
		case 'unreplied':
			m.endedAt = plusHours(due(question(m.requestedAt)), random.int(1, 5) / 60);
			break;
	}
	m.messages.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	const lastMessage = m.messages.at(-1)?.at ?? m.requestedAt;
	m.updatedAt = max(m.endedAt ?? lastMessage, lastMessage);
	return fits;
}

/** Who may ask for mentoring in the demo: members with a listed profile who are not mentors, staff or logins. */
function isMentee(p: SeedPerson): boolean {
	const k = kinds(p);
	return (
		!p.staff &&
		p.demoLogin === undefined &&
		!k.includes('mentor') &&
		!k.includes('sme_member') &&
		!(k.includes('in_japan') && k.includes('support_org_member')) &&
		(k.includes('returnee') || k.includes('in_japan') || k.includes('preparing')) &&
		text(p, 'profile_visibility') !== 'private'
	);
}

/** Makes one planned mentorship of `mentor`, or null when no mentee, topic or moment fits the rules. */
function make(
	random: Random,
	data: SeedData,
	all: SeedMentorship[],
	used: Set<SeedPerson>,
	mentor: SeedOffer,
	plan: Plan,
	earliest: string
): SeedMentorship | null {
	const [from, to] = WINDOWS[plan.story];
	const start = max(date(from), earliest, plusHours(mentor.createdAt, 24));
	const end = plan.story === 'requested' ? '2026-11-20T12:00:00.000Z' : date(to);
	// A mentor who has no place free at any time of the window can take no request in it.
	const probes = Array.from({ length: 9 }, (_, i) =>
		iso(ms(start) + ((ms(end) - ms(start)) * i) / 8)
	);
	if (probes.every((at) => cardAt(all, mentor, at).active >= mentor.capacity)) return null;
	// A place that frees up is taken again within weeks; other requests come any time in their window.
	const soon = plan.story === 'completed' || plan.story === 'stopped';
	if (start >= end) return null;
	const candidates =
		plan.mentee !== undefined
			? [plan.mentee]
			: random.sample(
					data.people.filter((p) => isMentee(p) && !used.has(p)),
					data.people.length
				);
	// Those the plan prefers ask first, then (mostly) people who say they look for a mentor.
	const rank = new Map(
		candidates.map((p) => [
			p,
			(plan.prefer?.(p) ? 2 : 0) +
				Number((p.profile['looking_for'] as string[]).includes('mentor') && random.chance(0.6)),
		])
	);
	candidates.sort((a, b) => (rank.get(b) as number) - (rank.get(a) as number));
	for (const mentee of candidates) {
		const language = threadLanguage(mentee, mentor);
		if (language === null || (plan.language !== undefined && language !== plan.language)) continue;
		const from = max(start, plusHours(mentee.createdAt, 48));
		const until = soon ? min(end, plusHours(from, 21 * 24)) : end;
		if (from >= until) continue;
		const topics =
			plan.topic !== undefined ? [plan.topic] : random.sample(mentor.topics, mentor.topics.length);
		const topic = topics.find(
			(t) => plan.story === 'scam' || scriptFor(language, t, mentee) !== null
		);
		if (topic === undefined) continue;
		const script = scriptFor(language, topic, mentee) ?? (SCRIPTS_EN['going'] as Script);
		for (let attempt = 0; attempt < 6; attempt++) {
			const requestedAt = between(random, from, until);
			const m: SeedMentorship = {
				id: uuid(random),
				story: plan.story,
				status: STATUS_OF[plan.story],
				mentee,
				mentor,
				topic,
				goal: '',
				language,
				requestedAt,
				questionAt: null,
				replyAt: null,
				respondedAt: null,
				acceptedAt: null,
				menteeCompletedAt: null,
				mentorCompletedAt: null,
				endedAt: null,
				dueAt: null,
				cancelledBy: null,
				declineReason: null,
				declineNote: null,
				messages: [],
				reads: {},
				feedback: {},
				card: { active: 0, waiting: 0, expired: 0, replyDays: null },
				updatedAt: requestedAt,
			};
			const values = fillFor(mentee, mentor, language, topic);
			m.goal = plan.story === 'scam' ? SCAM.goal : fill(script.goal, values);
			const fits = unfold(random, m, script, values, plan);
			if (
				fits &&
				refusal([...all, m], m) === null &&
				all.every((o) => refusal([...all, m], o) === null)
			) {
				all.push(m);
				used.add(mentee);
				return m;
			}
		}
	}
	return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Reads, feedback, activity

/** Sets when each side last read the thread: after the other's messages, unless it is meant to be unread. */
function setReads(random: Random, m: SeedMentorship, plan: Plan): void {
	for (const side of ['mentee', 'mentor'] as const) {
		const own = m.messages.filter((x) => x.side === side).map((x) => x.at);
		const others = m.messages.filter((x) => x.side !== side).map((x) => x.at);
		const seen = plan.unreadFor === side ? others.slice(0, -1) : others;
		let view: string | undefined;
		const latest = seen.at(-1);
		if (latest !== undefined) {
			const room = Math.max(0, NOW - ms(latest));
			const delay = Math.min(random.int(20, 600) * 60_000, room * 0.9);
			if (delay >= 60_000) view = iso(ms(latest) + delay);
		}
		// The mentor opened the request to answer it; the mentee saw their request after sending it.
		if (side === 'mentor' && m.respondedAt !== null)
			view = max(view ?? '', plusHours(m.respondedAt, -0.05));
		if (side === 'mentee') view = max(view ?? '', plusHours(m.requestedAt, 0.05));
		if (side === 'mentor' && plan.unreadFor === 'mentor' && m.story === 'answered') {
			view = plusHours(m.questionAt as string, -0.05);
		}
		const last = max(view ?? '', own.at(-1) ?? '');
		if (last !== '') m.reads[side] = last;
	}
	if (plan.unreadFor === 'mentor' && (m.story === 'requested' || m.story === 'unanswered')) {
		delete m.reads.mentor;
	}
}

const OUTCOMES: Record<string, string> = {
	financing: 'found_funding',
	registration: 'started_business',
	marketing: 'grew_business',
	operations: 'grew_business',
	hiring: 'grew_business',
	japan: 'found_partner',
	home_back: 'found_job',
	sector: 'started_business',
	business: 'grew_business',
};

function feedback(
	random: Random,
	m: SeedMentorship,
	author: 'mentee' | 'mentor',
	scriptKey: string
): SeedFeedback {
	const useful = random.weighted([
		[5, 45],
		[4, 35],
		[3, 15],
		[2, 5],
	]);
	const goalsMet =
		useful >= 5
			? random.weighted([
					['yes', 8],
					['partly', 2],
				] as const)
			: useful === 4
				? random.weighted([
						['yes', 5],
						['partly', 5],
					] as const)
				: useful === 3
					? 'partly'
					: random.weighted([
							['no', 6],
							['partly', 4],
						] as const);
	const outcome = random.chance(0.15)
		? random.pick(['no_change_yet', 'other'])
		: (OUTCOMES[scriptKey] ?? 'no_change_yet');
	return {
		at: min(plusHours(m.endedAt as string, random.int(2, 96)), iso(NOW - HOUR)),
		useful,
		goalsMet,
		outcome,
		comment: random.chance(0.55) ? random.pick(FEEDBACK_COMMENTS[author]) : null,
	};
}

/** Which English or other script key a thread used (for the outcome of its feedback). */
function scriptKey(m: SeedMentorship): string {
	const script = scriptFor(m.language, m.topic, m.mentee);
	const scripts =
		m.language === 'en'
			? SCRIPTS_EN
			: m.language === 'vi'
				? SCRIPTS_VI
				: m.language === 'id'
					? SCRIPTS_ID
					: SCRIPTS_JA;
	return Object.entries(scripts).find(([, s]) => s === script)?.[0] ?? 'business';
}

// ---------------------------------------------------------------------------------------------------------------------
// Who does what

/** The demo's mentors by role: the logins, the two paused, the one a broker writes to. */
function cast(random: Random, offers: SeedOffer[]) {
	const login = (l: string) => offers.find((o) => o.person.demoLogin === l) as SeedOffer;
	const mentor = login('mentor');
	const support = login('support');
	const sme = login('sme');
	const listed = offers.filter(
		(o) =>
			o.person.demoLogin === undefined &&
			text(o.person, 'profile_visibility') !== 'private' &&
			o.createdAt < '2026-08-01'
	);
	/** A mentor for a role: one who fits `ok`, else `fallback`. */
	const pick = (
		label: string,
		ok: (o: SeedOffer) => boolean,
		fallback: (o: SeedOffer) => boolean = ok
	): SeedOffer => {
		const found =
			random.sample(listed.filter(ok), 1)[0] ?? random.sample(listed.filter(fallback), 1)[0];
		if (found === undefined) throw new Error(`mentoring seed: no mentor fits the role ${label}`);
		listed.splice(listed.indexOf(found), 1);
		return found;
	};
	const speaks = (o: SeedOffer, l: string) => o.languages.includes(l);
	const country = (o: SeedOffer) => text(o.person, 'home_country') ?? '';
	const returnee = (o: SeedOffer) => kinds(o.person).includes('returnee');
	const supportOrg = (o: SeedOffer) => kinds(o.person).includes('support_org_member');
	// The narrowest roles first.
	const angelica = pick(
		'asked by the in-Japan login',
		(o) => speaks(o, 'en') && returnee(o) && country(o) === 'PH',
		(o) => speaks(o, 'en') && returnee(o)
	);
	const maiActive = pick(
		'the returnee login’s mentor',
		(o) => speaks(o, 'en') && country(o) === 'JP',
		(o) => speaks(o, 'en') && !['VN'].includes(country(o))
	);
	const maiCompleted = pick(
		'the returnee login’s first mentor',
		(o) => speaks(o, 'vi') && supportOrg(o),
		(o) => speaks(o, 'vi')
	);
	const pausedUnanswered = pick(
		'paused for unanswered requests',
		(o) => country(o) === 'JP' && o.languages.join() === 'ja',
		(o) => country(o) === 'JP'
	);
	const scamTarget = pick(
		'written to by a broker',
		(o) => speaks(o, 'en') && supportOrg(o),
		(o) => speaks(o, 'en')
	);
	const maiQuestion = pick(
		'asking the returnee login a question',
		(o) => speaks(o, 'en') && !['VN', 'ID', 'JP'].includes(country(o)),
		(o) => speaks(o, 'en') && !['VN', 'ID'].includes(country(o))
	);
	const pausedSelf = pick(
		'paused by themselves',
		(o) => speaks(o, 'en') && returnee(o) && !['VN', 'ID'].includes(country(o)),
		(o) => speaks(o, 'en')
	);
	return {
		mentor,
		support,
		sme,
		pausedSelf,
		pausedUnanswered,
		scamTarget,
		maiActive,
		maiQuestion,
		maiCompleted,
		angelica,
	};
}

/** The stories of the other mentors: smaller bundles for those who mentor only in one language besides Japanese. */
const BUNDLES: readonly (readonly [readonly Story[], number])[] = [
	[['completed', 'active', 'requested'], 3],
	[['completed', 'completed', 'active'], 2],
	[['completed', 'declined'], 3],
	[['active', 'requested'], 2],
	[['completed', 'withdrawn'], 1],
	[['completed', 'active'], 2],
	[['completed', 'question'], 1],
	[['declined', 'active'], 1],
	[['completed'], 2],
	[['requested'], 1],
];
const SMALL_BUNDLES: readonly (readonly [readonly Story[], number])[] = [
	[['completed'], 3],
	[['active'], 1],
	[['requested'], 1],
	[['completed', 'declined'], 1],
];
/** Mentors who joined lately have only recent stories. */
const NEW_BUNDLES: readonly (readonly [readonly Story[], number])[] = [
	[['requested'], 2],
	[['active'], 2],
	[['declined', 'requested'], 1],
];

export const mentoringModule: SeedModule = {
	name: 'mentoring',
	build(data, random) {
		const offers = data.people
			.filter((p) => kinds(p).includes('mentor'))
			.map((p) => makeOffer(data, random, p));
		const roles = cast(random, offers);
		const person = (login: string) => data.people.find((p) => p.demoLogin === login) as SeedPerson;
		const mai = person('returnee');
		const angelica = person('in_japan');

		// Demo logins' offers, and a few habits.
		roles.mentor.capacity = 3;
		roles.mentor.replyHours = [2, 30];
		for (const t of [
			'financing',
			'operations_quality',
			'manufacturing',
			'japanese_business_practice',
		])
			if (!roles.mentor.topics.includes(t)) roles.mentor.topics.push(t);
		roles.support.capacity = 3;
		roles.support.replyHours = [4, 40];
		roles.sme.capacity = 2;
		roles.pausedSelf.capacity = 2;
		roles.pausedUnanswered.capacity = 1;
		roles.pausedUnanswered.replyHours = [40, 150];
		for (const [offer, topic] of [
			[roles.maiActive, 'marketing'],
			[roles.maiQuestion, 'hiring'],
			[roles.maiCompleted, 'financing'],
			[roles.angelica, 'returning_home'],
		] as const) {
			if (!offer.topics.includes(topic)) offer.topics.push(topic);
			offer.topics = offer.topics.slice(-8);
			offer.capacity = Math.max(offer.capacity, 2);
		}

		const plans = new Map<SeedOffer, Plan[]>();
		const planFor = (offer: SeedOffer, list: Plan[], essential = true) =>
			plans.set(offer, [
				...(plans.get(offer) ?? []),
				...list.map((plan) => ({ ...plan, essential })),
			]);
		// The mentor login: Indonesian threads with founders at home, one with someone in Japan (a senpai match), and
		// Japanese ones with people from elsewhere who share no other language with him.
		const founder = (p: SeedPerson) => hasBusiness(p);
		planFor(roles.mentor, [
			{ story: 'completed', language: 'id', menteeFeedback: true, prefer: founder },
			{ story: 'completed', language: 'id', menteeFeedback: true, question: true, prefer: founder },
			{ story: 'completed', language: 'id', menteeFeedback: true, prefer: inJapan },
			{ story: 'completed', language: 'ja', menteeFeedback: true },
			{ story: 'active', language: 'id', talk: 4, unreadFor: 'mentor', prefer: founder },
			{ story: 'active', language: 'ja', talk: 5 },
			{ story: 'requested', language: 'id', unreadFor: 'mentor', prefer: inJapan },
			{ story: 'requested', language: 'ja', unreadFor: 'mentor' },
			{ story: 'answered', language: 'id', unreadFor: 'mentor', prefer: founder },
			{ story: 'question', language: 'id', prefer: founder },
			{ story: 'declined', language: 'id', prefer: founder },
		]);
		planFor(roles.support, [
			{ story: 'completed', language: 'en', menteeFeedback: true },
			{ story: 'completed', language: 'en', menteeFeedback: true, question: true },
			{ story: 'completed', language: 'en', menteeFeedback: true },
			{ story: 'active', language: 'en', talk: 3, unreadFor: 'mentee' },
			{ story: 'requested', language: 'en', unreadFor: 'mentor' },
			{ story: 'declined', language: 'en' },
			{ story: 'withdrawn', language: 'en' },
		]);
		planFor(roles.sme, [
			{ story: 'completed', language: 'ja' },
			{ story: 'active', language: 'ja', talk: 4 },
			{ story: 'declined', language: 'ja' },
		]);
		planFor(roles.pausedSelf, [
			{ story: 'completed' },
			{ story: 'completed' },
			{ story: 'stopped', language: 'en' },
		]);
		planFor(roles.pausedUnanswered, [
			{ story: 'completed', language: 'ja' },
			{ story: 'unanswered', unreadFor: 'mentor' },
		]);
		planFor(roles.scamTarget, [
			{
				story: 'scam',
				language: 'en',
				prefer: (p) =>
					text(p, 'business_sector') === 'recruitment' && languagesOf(p).includes('en'),
			},
			{ story: 'completed' },
			{ story: 'unreplied' },
		]);
		planFor(roles.maiCompleted, [
			{
				story: 'completed',
				mentee: mai,
				topic: 'financing',
				language: 'vi',
				menteeFeedback: false,
			},
		]);
		planFor(roles.maiActive, [
			{
				story: 'active',
				mentee: mai,
				topic: 'marketing',
				language: 'en',
				talk: 5,
				unreadFor: 'mentee',
			},
		]);
		planFor(roles.maiQuestion, [
			{ story: 'question', mentee: mai, topic: 'hiring', language: 'en', unreadFor: 'mentee' },
		]);
		planFor(roles.angelica, [
			{ story: 'requested', mentee: angelica, topic: 'returning_home', language: 'en' },
		]);
		// The other mentors draw a bundle of stories; a mentor with requests waiting keeps a place free for them.
		const special = new Set<SeedOffer>(Object.values(roles));
		for (const offer of offers) {
			if (special.has(offer) || text(offer.person, 'profile_visibility') === 'private') continue;
			if (offer.createdAt > '2026-11-05') continue;
			const bundle = random.weighted(
				offer.createdAt > '2026-09-15'
					? NEW_BUNDLES
					: offer.languages.includes('en') || offer.languages.length > 2
						? BUNDLES
						: SMALL_BUNDLES
			);
			// Mentors who write English mostly mentor people from other countries, in English.
			const english = offer.languages.includes('en');
			planFor(
				offer,
				bundle.map((story) => {
					const plan: Plan = { story };
					if (english && random.chance(0.75)) plan.language = 'en';
					if (story === 'active' && random.chance(0.4))
						plan.unreadFor = random.pick(['mentee', 'mentor'] as const);
					if (story === 'requested' && random.chance(0.5)) plan.unreadFor = 'mentor';
					if (story === 'completed' && random.chance(0.2)) plan.question = true;
					return plan;
				}),
				false
			);
			const planned = plans.get(offer) ?? [];
			const actives = planned.filter((p) => p.story === 'active').length;
			const waiting = planned.some((p) => ['requested', 'answered', 'question'].includes(p.story));
			offer.capacity = Math.min(4, Math.max(offer.capacity, actives + (waiting ? 1 : 0)));
		}

		// Places first, one after another in each of the mentor's places; then the requests that take none.
		const all: SeedMentorship[] = [];
		const used = new Set<SeedPerson>([mai, angelica]);
		const planOf = new Map<SeedMentorship, Plan>();
		for (const [offer, list] of plans) {
			const order = [...list].sort(
				(a, b) =>
					Number(!TAKES_A_PLACE.includes(a.story)) - Number(!TAKES_A_PLACE.includes(b.story)) ||
					['completed', 'stopped', 'active'].indexOf(a.story) -
						['completed', 'stopped', 'active'].indexOf(b.story)
			);
			const free = Array.from({ length: offer.capacity }, () => offer.createdAt);
			let lastEnd = offer.createdAt;
			for (const plan of order) {
				const place = TAKES_A_PLACE.includes(plan.story)
					? free.indexOf(free.reduce((a, b) => min(a, b)))
					: -1;
				// A request left unanswered comes after the mentor's last mentorship ended: they went quiet.
				const earliest =
					place !== -1
						? plusHours(free[place] as string, random.int(24, 170))
						: plan.story === 'unanswered'
							? plusHours(lastEnd, 24)
							: offer.createdAt;
				const m = make(random, data, all, used, offer, plan, earliest);
				if (m === null) {
					if (plan.essential) {
						throw new Error(
							`mentoring seed: no mentee fits a ${plan.story} mentorship with ${offer.person.displayName}`
						);
					}
					continue;
				}
				planOf.set(m, plan);
				if (place !== -1) free[place] = m.endedAt ?? '9999';
				lastEnd = max(lastEnd, m.endedAt ?? '9999');
			}
		}

		// The two pauses: one by the mentor after their last mentorship, one by the expiry job.
		const lastOf = (offer: SeedOffer) =>
			max(...all.filter((m) => m.mentor === offer).map((m) => m.updatedAt));
		roles.pausedSelf.paused = 'self';
		roles.pausedSelf.pausedAt = plusHours(lastOf(roles.pausedSelf), random.int(24, 240));
		roles.pausedSelf.updatedAt = roles.pausedSelf.pausedAt;
		const expired = all.find(
			(m) => m.mentor === roles.pausedUnanswered && m.story === 'unanswered'
		);
		roles.pausedUnanswered.paused = 'unanswered_requests';
		roles.pausedUnanswered.pausedAt = expired?.endedAt ?? null;
		roles.pausedUnanswered.updatedAt = expired?.endedAt ?? roles.pausedUnanswered.updatedAt;

		all.sort((a, b) =>
			a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : 0
		);
		for (const m of all) {
			const plan = planOf.get(m) as Plan;
			const problem = refusal(all, m);
			if (problem !== null) throw new Error(`mentoring seed: ${m.id} is impossible: ${problem}`);
			m.card = cardAt(all, m.mentor, m.requestedAt, m);
			setReads(random, m, plan);
			if (m.status === 'completed') {
				const key = scriptKey(m);
				if (plan.menteeFeedback ?? random.chance(0.75))
					m.feedback.mentee = feedback(random, m, 'mentee', key);
				if (random.chance(0.6)) m.feedback.mentor = feedback(random, m, 'mentor', key);
			}
		}
		for (const offer of offers) {
			const theirs = all.filter((m) => m.mentor === offer);
			const acts = theirs.flatMap((m) => [
				m.respondedAt ?? '',
				m.mentorCompletedAt ?? '',
				m.reads.mentor ?? '',
				m.cancelledBy === 'mentor' ? (m.endedAt as string) : '',
				...m.messages.filter((x) => x.side === 'mentor').map((x) => x.at),
			]);
			// Pausing oneself is an edit of the offer, which counts as being active; the expiry job's pause is not.
			const edited = offer.paused === 'self' ? offer.updatedAt : offer.createdAt;
			offer.lastActiveAt = max(edited, ...acts);
		}

		const scam = all.find((m) => m.story === 'scam') as SeedMentorship;
		const reportAt = plusHours(scam.endedAt as string, 0.1);
		built.set(data, {
			offers,
			mentorships: all,
			report: { id: uuid(random), mentorship: scam, at: reportAt, details: SCAM.report },
			block: { blocker: scam.mentor.person, blocked: scam.mentee, at: plusHours(reportAt, 0.02) },
		});
	},
	sql(data) {
		const { offers, mentorships, report, block } = mentoringOf(data);
		const userOf = (m: SeedMentorship, side: 'mentee' | 'mentor') =>
			side === 'mentee' ? m.mentee.id : m.mentor.person.id;
		const messages = mentorships
			.flatMap((m) => m.messages.map((x) => ({ m, x })))
			.sort((a, b) => (a.x.at < b.x.at ? -1 : a.x.at > b.x.at ? 1 : 0));
		const firstMessage = report.mentorship.messages[0] as SeedMessage;
		return [
			'-- Mentor offers. Their counters (active_count, waiting_count, expired_count, reply_days) and matching cards',
			'-- (private.mentor_cards) are kept by the triggers as the mentorships below go in.',
			insert(
				'public.mentor_profiles',
				offers.map((o) => ({
					user_id: o.person.id,
					about: o.about,
					topics: o.topics,
					sectors: o.sectors,
					languages: o.languages,
					countries: o.countries,
					formats: o.formats,
					capacity: o.capacity,
					paused: o.paused !== null,
					paused_reason: o.paused,
					last_active_at: o.lastActiveAt,
					created_at: o.createdAt,
					updated_at: o.updatedAt,
				}))
			),
			"-- Mentorships, first in a scratch table with the mentor's counters when each request was made. expires_at is",
			'-- when an open request falls due as of ' +
				MENTORING_NOW +
				'; it moves on by however much later this runs.',
			'create temporary table seed_mentorships (',
			'\tlike public.mentorships including defaults,',
			'\tcard_active_count integer not null,',
			'\tcard_waiting_count integer not null,',
			'\tcard_expired_count integer not null,',
			'\tcard_reply_days integer',
			');',
			insert(
				'seed_mentorships',
				mentorships.map((m) => ({
					id: m.id,
					mentee_id: m.mentee.id,
					mentor_id: m.mentor.person.id,
					status: m.status,
					topic: m.topic,
					goal: m.goal,
					decline_reason: m.declineReason,
					decline_note: m.declineNote,
					requested_at: m.requestedAt,
					responded_at: m.respondedAt,
					expires_at: m.dueAt,
					accepted_at: m.acceptedAt,
					mentee_completed_at: m.menteeCompletedAt,
					mentor_completed_at: m.mentorCompletedAt,
					ended_at: m.endedAt,
					cancelled_by: m.cancelledBy === null ? null : userOf(m, m.cancelledBy),
					updated_at: m.updatedAt,
					card_active_count: m.card.active,
					card_waiting_count: m.card.waiting,
					card_expired_count: m.card.expired,
					card_reply_days: m.card.replyDays,
				}))
			),
			`-- Each request's score and reasons, as request_mentorship() stored them: private.mentor_matches() for the pair,
-- with the mentor's card as it stood when the request was made. Every request was a match then, or this fails.
do $$
declare
	r record;
	v_match record;
begin
	for r in select * from seed_mentorships order by requested_at, id loop
		update private.mentor_cards c
		set available = true, active_count = r.card_active_count, waiting_count = r.card_waiting_count,
			expired_count = r.card_expired_count, reply_days = r.card_reply_days
		where c.user_id = r.mentor_id;
		select x.score, x.reasons into v_match
		from private.mentor_matches(r.mentee_id, 'members', r.topic, r.mentor_id, 1, 0) as x;
		if not found then
			raise exception 'seed: mentorship % was not a match for its mentee when it was requested', r.id;
		end if;
		update seed_mentorships s set match_score = v_match.score, match_reasons = v_match.reasons where s.id = r.id;
	end loop;
end;
$$;
insert into public.mentorships (id, mentee_id, mentor_id, status, topic, goal, match_score, match_reasons,
	decline_reason, decline_note, requested_at, responded_at, expires_at, accepted_at, mentee_completed_at,
	mentor_completed_at, ended_at, cancelled_by, updated_at)
select id, mentee_id, mentor_id, status, topic, goal, match_score, match_reasons, decline_reason, decline_note,
	requested_at, responded_at,
	expires_at + date_trunc('minute', greatest(interval '0', now() - timestamptz '${MENTORING_NOW}')),
	accepted_at, mentee_completed_at, mentor_completed_at, ended_at, cancelled_by, updated_at
from seed_mentorships
order by requested_at, id;
drop table seed_mentorships;
-- The cards as the triggers keep them, now that every mentorship is in.
do $$
begin
	perform private.refresh_mentor_card(mp.user_id) from public.mentor_profiles as mp;
end;
$$;
`,
			"-- Threads: the request, the mentor's questions and the conversation, in the order they were written.",
			insert(
				'public.mentorship_messages',
				messages.map(({ m, x }) => ({
					mentorship_id: m.id,
					sender_id: userOf(m, x.side),
					body: x.body,
					created_at: x.at,
				}))
			),
			'-- How far each side has read (some threads have news nobody has opened yet).',
			insert(
				'public.mentorship_reads',
				mentorships.flatMap((m) =>
					(['mentee', 'mentor'] as const)
						.filter((side) => m.reads[side] !== undefined)
						.map((side) => ({
							mentorship_id: m.id,
							user_id: userOf(m, side),
							last_read_at: m.reads[side] as string,
						}))
				)
			),
			'-- Private feedback after completion, from either side.',
			insert(
				'public.mentorship_feedback',
				mentorships.flatMap((m) =>
					(['mentee', 'mentor'] as const).flatMap((side) => {
						const f = m.feedback[side];
						if (f === undefined) return [];
						const row: Record<string, SqlValue> = {
							mentorship_id: m.id,
							author_role: side,
							author_id: userOf(m, side),
							useful: f.useful,
							goals_met: f.goalsMet,
							outcome: f.outcome,
							comment: f.comment,
							created_at: f.at,
						};
						return [row];
					})
				)
			),
			'-- An open report for the moderation queue: a broker\'s "request" about fees, which its mentor declined and',
			'-- reported, and the block that came with it.',
			insert('public.reports', [
				{
					id: report.id,
					reporter_id: report.mentorship.mentor.person.id,
					reported_user_id: report.mentorship.mentee.id,
					mentorship_id: report.mentorship.id,
					message_id: raw(
						`(select msg.id from public.mentorship_messages msg where msg.mentorship_id = '${report.mentorship.id}' and msg.created_at = '${firstMessage.at}')`
					),
					reason: 'scam_or_fees',
					details: report.details,
					created_at: report.at,
				},
			]),
			insert('public.blocks', [
				{ blocker_id: block.blocker.id, blocked_id: block.blocked.id, created_at: block.at },
			]),
		].join('\n');
	},
};
