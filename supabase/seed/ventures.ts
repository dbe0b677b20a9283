/**
 * Joint ventures in the demo: opportunities posted for the verified Japanese SMEs (every partnership type, drafts,
 * open, paused and closed ones) and by returnees for their own businesses, with pipelines at every stage, as the
 * RPCs of supabase/migrations/…000900_ventures.sql would have left them: interests waiting, declined and withdrawn,
 * mutual ones with milestones and short conversations, introductions, meetings, visits, letters of intent, MoUs and
 * registered joint ventures, pipelines closed with reasons, one with a facilitator and one stalled.
 *
 * The history ends at VENTURES_NOW (the mentoring module's "now"). seed.sql checks every row against the rules the
 * RPCs enforce (teaser text that names nobody, hard constraints, verified organisations, facilitator kinds), asks
 * private.venture_candidate_matches() for each interest's stored score and reasons, and lets the triggers derive
 * regions and search documents. Every timestamp moves on by the whole days the seed runs after VENTURES_NOW, so
 * open pipelines are only "stalled" where the story says so, however much later the demo starts.
 */
import { MENTORING_NOW } from './mentoring.ts';
import {
	uuid,
	type SeedData,
	type SeedModule,
	type SeedOrganisation,
	type SeedPerson,
} from './model.ts';
import type { Random } from './random.ts';
import { insert, jsonb, raw, typed, type SqlValue } from './sql.ts';

/** Where the demo's joint-venture history ends. */
export const VENTURES_NOW = MENTORING_NOW;

/** The stages of a pipeline, in order (public.pipeline_stage without closed). */
export const PIPELINE_STAGES = [
	'interest',
	'mutual',
	'introduced',
	'first_meeting',
	'visit',
	'letter_of_intent',
	'mou',
	'jv_registered',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];
export type CloseReason = 'not_a_fit' | 'no_response' | 'terms' | 'funding' | 'timing' | 'other';

/** Days without a stage change after which an open pipeline is stalled (private.venture_settings on a new install). */
export const STALL_DAYS = 21;
/** venture_outcomes() suppresses counts under this. */
export const OUTCOME_THRESHOLD = 5;

export interface SeedVenture {
	id: string;
	side: 'sme' | 'returnee';
	organisation: SeedOrganisation | null;
	/** Who posted it (side sme: a member of the organisation). */
	owner: SeedPerson;
	title: string;
	summary: string;
	partnershipType: string;
	sector: string;
	targetCountries: string[];
	offers: string;
	needs: string;
	requiredSkills: string[];
	minJlpt: string | null;
	capital: string | null;
	network: string | null;
	timeline: string;
	languages: string[];
	prefecture: number | null;
	status: 'draft' | 'open' | 'paused' | 'closed';
	createdAt: string;
	updatedAt: string;
	publishedAt: string | null;
	closedAt: string | null;
}

export interface SeedMilestone {
	stage: PipelineStage | 'closed';
	note: string | null;
	/** When it was logged (happened_on is its day). */
	at: string;
	by: SeedPerson;
}

export interface SeedVentureMessage {
	at: string;
	sender: SeedPerson;
	body: string;
}

export interface SeedInterest {
	id: string;
	venture: SeedVenture;
	counterpart: SeedPerson;
	counterpartOrganisation: SeedOrganisation | null;
	initiatedBy: 'sme' | 'returnee';
	stage: PipelineStage | 'closed';
	furthestStage: PipelineStage;
	message: string;
	corridorCountry: string;
	createdAt: string;
	mutualAt: string | null;
	introducedAt: string | null;
	closeReason: CloseReason | null;
	closeNote: string | null;
	closedAt: string | null;
	facilitator: SeedOrganisation | null;
	stageChangedAt: string;
	updatedAt: string;
	/** Left without a stage change for longer than STALL_DAYS on purpose. */
	stalled: boolean;
	milestones: SeedMilestone[];
	messages: SeedVentureMessage[];
}

export interface SeedVentures {
	ventures: SeedVenture[];
	interests: SeedInterest[];
}

const built = new WeakMap<SeedData, SeedVentures>();

/** The joint ventures the module built for `data` (after `build`). */
export function venturesOf(data: SeedData): SeedVentures {
	const found = built.get(data);
	if (found === undefined) throw new Error('the ventures module has not built this demo');
	return found;
}

// ---------------------------------------------------------------------------------------------------------------------
// Time

const DAY = 86_400_000;
const NOW = Date.parse(VENTURES_NOW);
const iso = (ms: number): string => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
const ms = (at: string): number => Date.parse(at);
const daysBefore = (random: Random, from: number, to: number) =>
	NOW - (from + random.next() * (to - from)) * DAY;

// ---------------------------------------------------------------------------------------------------------------------
// Texts. Teaser text never names the company, its place or its people (seed.sql checks it as save_venture does).

interface SectorText {
	/** What the SME is, in a teaser ("a small …"). */
	maker: string;
	noun: string;
	goods: string;
	inputs: string;
	skills: string[];
	offers: string;
	needs: string;
	network: string;
}

const SME_TEXT: Record<string, SectorText> = {
	industrial_products_manufacturing: {
		maker: 'a family-run maker of machined and pressed metal parts for the car industry',
		noun: 'machining',
		goods: 'precision parts, jigs and cutting tools',
		inputs: 'machined and pressed metal parts to our drawings',
		skills: ['CNC machining', 'quality control', '5S', 'reading drawings'],
		offers:
			'Drawings, process know-how and used machines in good condition; training in Japan for two of your staff; orders for the first two years.',
		needs:
			'Someone who ran a line in Japan and can hire and lead a small team at home, with a workshop or land for one.',
		network:
			'Buyers among car and motorbike makers at home, and a bank that lends to small workshops.',
	},
	shipbuilding_marine: {
		maker: 'a shipyard building and repairing coastal vessels',
		noun: 'ship repair',
		goods: 'marine fittings and spare parts',
		inputs: 'welded steel blocks and outfitting parts',
		skills: ['welding', 'painting', 'safety management'],
		offers: 'Welding procedures, inspection standards and a steady list of repair jobs.',
		needs: 'A partner with welders certified in Japan and a yard or workshop near a port.',
		network: 'Port authorities and fishing fleets that need repairs near home.',
	},
	agriculture: {
		maker: 'a farm growing vegetables and rice under contract for supermarkets',
		noun: 'greenhouse farming',
		goods: 'seeds, greenhouse kits and cold-chain know-how',
		inputs: 'vegetables grown to our standards',
		skills: ['greenhouse growing', 'post-harvest handling', 'food safety'],
		offers: 'Growing manuals, seed varieties and a buyer for the first harvests.',
		needs: 'A returnee who farmed in Japan and has land, or family land, to start on.',
		network: 'Farmer groups and wholesale markets at home.',
	},
	nursing_care: {
		maker: 'a care provider running day-care centres and home care',
		noun: 'care',
		goods: 'care training and equipment',
		inputs: 'caregivers trained to Japanese standards',
		skills: ['caregiving', 'care training', 'Japanese language'],
		offers: 'Our care curriculum, teaching materials and a visit by our trainers twice a year.',
		needs:
			'A partner who worked in Japanese care and can run a training centre or a home-care service.',
		network: 'Nursing schools, hospitals and families who look for home care.',
	},
	construction: {
		maker: 'a builder of steel-frame houses and small factories',
		noun: 'construction',
		goods: 'formwork systems and site-safety practice',
		inputs: 'rebar cages and precast parts',
		skills: ['formwork', 'rebar work', 'site safety', 'scaffolding'],
		offers: 'Site-safety training, formwork systems and supervision on the first projects.',
		needs: 'A returnee with a construction team or licence at home who can win local contracts.',
		network: 'Developers and factory owners who build at home.',
	},
	food_beverage_manufacturing: {
		maker: 'a food maker producing processed meat and ready meals',
		noun: 'food processing',
		goods: 'processed foods and seasonings',
		inputs: 'ingredients processed to our hygiene standards',
		skills: ['HACCP', 'food processing', 'hygiene management'],
		offers: 'Recipes, HACCP manuals, and export paperwork handled on our side.',
		needs:
			'A partner with a food licence or a clean workshop, and shops or restaurants to sell to.',
		network: 'Supermarkets, restaurants and importers of Japanese food.',
	},
	accommodation: {
		maker: 'a traditional inn with thirty rooms',
		noun: 'travel',
		goods: 'stays at a traditional inn',
		inputs: 'guests from travel agencies',
		skills: ['hospitality', 'Japanese language', 'tour planning'],
		offers: 'Agent rates, photographs and a familiarisation stay for your staff.',
		needs: 'An agent who sells trips to Japan and can answer guests in their language.',
		network: 'Travel agencies and companies that send staff on incentive trips.',
	},
};

const TYPE_TITLE: Record<string, (t: SectorText) => string> = {
	joint_venture: (t) => `Joint venture partner for a ${t.noun} business`,
	distributor_agent: (t) => `Distributor or agent for our ${t.goods}`,
	overseas_branch: (t) => `Local lead for a new ${t.noun} branch`,
	supplier: (t) => `Supplier of ${t.inputs}`,
	franchise: (t) => `Franchise partner for a ${t.noun} concept`,
	investment: (t) => `We invest in a returnee's ${t.noun} business`,
};

const TYPE_SENTENCE: Record<string, string> = {
	joint_venture:
		'We want to set up a company together with a returnee partner, sharing the investment and the work.',
	distributor_agent:
		'We are looking for a distributor or sales agent who knows the market at home and how we work.',
	overseas_branch: 'We are opening a branch abroad and want a returnee to lead it on the ground.',
	supplier:
		'We want a supplier abroad that we can order from for years, and we will help set it up.',
	franchise:
		'We license our brand, methods and training to a partner who runs the business at home.',
	investment: 'We put money and know-how into a business a returnee already runs.',
};

/** A teaser summary for an SME's opportunity. */
function smeSummary(text: SectorText, type: string, years: number): string {
	return `We are ${text.maker} in Japan, and have trained technical interns for ${years} years. ${TYPE_SENTENCE[type]} Working with someone who already knows our ways of working (hou-ren-sou, 5S, safety first) matters more to us than size.`;
}

interface ReturneeText {
	title: string;
	summary: string;
	offers: string;
	needs: string;
	skills: string[];
}

const RETURNEE_TEXT: Record<string, ReturneeText> = {
	industrial_products_manufacturing: {
		title: 'Japanese machines and orders for a growing metal workshop',
		summary:
			'I run a metal workshop that I started after my years as a technical intern. We machine and weld parts for local factories and want a Japanese partner to supply machines, drawings and orders.',
		offers: 'A workshop with 12 trained staff, customers at home and low costs.',
		needs: 'Used machines, quality standards and regular export orders.',
		skills: ['machining', 'welding', 'quality control'],
	},
	food_beverage_manufacturing: {
		title: 'Distribution of Japanese food products at home',
		summary:
			'I make and sell snacks and sauces at home with the hygiene practice I learnt in a Japanese food factory, and want to import and distribute Japanese food products too.',
		offers: 'A food licence, a cold store and shops that already buy from us.',
		needs: 'A Japanese food maker who wants a distributor, and help with labels and import papers.',
		skills: ['food hygiene', 'distribution'],
	},
	agriculture: {
		title: 'Investment in greenhouses for a returnee farm',
		summary:
			'I grow vegetables on family land with methods from my years on a Japanese farm. With two more greenhouses we could supply supermarkets all year.',
		offers: 'Land, a trained team and buyers for the harvest.',
		needs: 'Investment in greenhouses, seeds and a partner who buys part of the harvest.',
		skills: ['greenhouse growing', 'irrigation'],
	},
	construction: {
		title: 'Japanese site-safety standards for a local builder',
		summary:
			'My construction team builds houses and small factories. We want a Japanese partner for formwork systems, safety training and joint bids on bigger projects.',
		offers: 'A licensed team of 20, equipment and local contracts.',
		needs: 'Formwork systems, safety training and a partner for larger bids.',
		skills: ['formwork', 'site safety'],
	},
	food_service: {
		title: 'Franchise of a Japanese restaurant concept',
		summary:
			'I opened a small Japanese-style restaurant after working in a Japanese kitchen. I want to grow it under a Japanese brand, with its recipes and training.',
		offers: 'A busy location, trained cooks and a second site ready.',
		needs: 'A brand, recipes and training from a Japanese restaurant or food company.',
		skills: ['cooking', 'kitchen management'],
	},
	trade: {
		title: 'Sales agent for Japanese tools and equipment',
		summary:
			'I trade tools and spare parts and know the workshops that want Japanese quality. I am looking for a Japanese maker who needs an agent here.',
		offers: 'A sales team, a showroom and customers among workshops and factories.',
		needs: 'A maker of tools or equipment that wants a sales agent.',
		skills: ['sales', 'import and export'],
	},
	information_technology: {
		title: 'Software development partner for Japanese companies',
		summary:
			'I run a small software company whose developers read and write Japanese. We build and maintain systems for Japanese clients and want a partner in Japan for sales.',
		offers: 'A team of 15 developers, bridge engineers and low costs.',
		needs: 'A Japanese company that brings projects and meets the clients.',
		skills: ['web development', 'Japanese language'],
	},
};

const INTEREST_NOTES = [
	'I worked in this trade in Japan for years and now run my own team at home. I would like to learn more about your plans.',
	'Your opportunity fits what I do at home. I know the Japanese way of working and can start this year.',
	'I trained in a company like yours and came home with the skills you describe. Could we talk?',
	'I have customers and a small workshop at home and would like to work with a Japanese partner.',
	'I read your opportunity with great interest: I can bring a team and local contacts.',
];
const INVITE_NOTES = [
	'Your profile fits what we are looking for. Would you like to talk about working together?',
	'We think your experience matches our plans abroad. Please have a look at our opportunity.',
];
const SME_NOTES = [
	'We are a Japanese company in the same trade and would like to talk about working with you.',
	'Our company is looking for a partner abroad, and your business fits what we need.',
	'We export in this sector and would like to hear more about your plans.',
];

const MILESTONE_NOTES: Partial<Record<PipelineStage, string[]>> = {
	introduced: ['Company profiles exchanged.', 'Introduced by email; documents shared.'],
	first_meeting: ['First video call with both teams.', 'First meeting online; questions listed.'],
	visit: [
		'Visit to the workshop and two customers.',
		'Our team visited the site and met the staff.',
	],
	letter_of_intent: ['Letter of intent signed by both sides.'],
	mou: ['MoU signed: shares, first products and timeline.', 'MoU signed at the second visit.'],
	jv_registered: ['Company registered; first order in production.'],
};

const CLOSE_NOTES: Record<CloseReason, string> = {
	not_a_fit: 'Our products and their customers do not match after all.',
	no_response: 'No answer after several messages.',
	terms: 'We could not agree on the shares and the pricing.',
	funding: 'The loan for our part did not come through this year.',
	timing: 'We want to come back to this next year.',
	other: 'Plans changed on our side.',
};

/** A short conversation once mutual: one line per step, the counterpart first. */
const CONVERSATION: Record<string, [string, string]> = {
	mutual: [
		'Thank you for accepting. I can talk any weekday; would a video call next week suit you?',
		'Thank you for your interest. Next Tuesday at 10:00 Japan time works for us.',
	],
	introduced: [
		'I have sent our company profile and photos of the workshop.',
		'Received, thank you. We will go through them with our team.',
	],
	first_meeting: [
		'Thank you for the call today. I will send the answers to your questions by Friday.',
		'It was good to meet you. We would like to visit before the end of the month.',
	],
	visit: [
		'The visit is booked; we will pick you up at the airport.',
		'Thank you for showing us everything. The team was impressed by the 5S.',
	],
	letter_of_intent: [
		'We have read the letter of intent and marked two points to discuss.',
		'Thank you. The revised letter of intent is attached to our email.',
	],
	mou: [
		'The MoU is signed on our side; the originals are in the post.',
		'Received. Next step: the registration papers.',
	],
};

// ---------------------------------------------------------------------------------------------------------------------
// The opportunities and their pipelines

/**
 * A pipeline as a token: the stage letter, `*` when the opportunity's side invited, `+` with a facilitator, the
 * counterpart's home country after `:`, a demo login after `@`. Letters: i waiting, d declined, w withdrawn,
 * m mutual, n introduced, f first meeting, v visit, l letter of intent, o MoU, j registered, s stalled at
 * introduced; N, F, V, L: closed after reaching introduced, first meeting, visit, letter of intent.
 */
const REACH: Record<string, PipelineStage> = {
	i: 'interest',
	d: 'interest',
	w: 'interest',
	m: 'mutual',
	n: 'introduced',
	s: 'introduced',
	f: 'first_meeting',
	v: 'visit',
	l: 'letter_of_intent',
	o: 'mou',
	j: 'jv_registered',
	N: 'introduced',
	F: 'first_meeting',
	V: 'visit',
	L: 'letter_of_intent',
};

interface SmeSpec {
	org: string;
	type: string;
	targets: string[];
	status: SeedVenture['status'];
	minJlpt: string | null;
	capital: string | null;
	timeline: string;
	pipelines: string;
}

const SME_SPECS: SmeSpec[] = [
	// The sme login's company: a joint venture with a pipeline at every stage, a distributor search and a draft.
	{
		org: 'Mikawa Seimitsu',
		type: 'joint_venture',
		targets: ['VN', 'ID'],
		status: 'open',
		minJlpt: 'n4',
		capital: '50k_250k',
		timeline: 'within_12_months',
		pipelines: 'j:VN o:VN v+:VN f:VN n:ID s:VN m:VN@returnee i:VN d:VN F:VN',
	},
	{
		org: 'Mikawa Seimitsu',
		type: 'distributor_agent',
		targets: ['VN', 'PH', 'ID'],
		status: 'open',
		minJlpt: null,
		capital: 'under_10k',
		timeline: 'within_6_months',
		pipelines: 'o:VN n:VN i:PH i*:VN',
	},
	{
		org: 'Mikawa Seimitsu',
		type: 'supplier',
		targets: ['VN'],
		status: 'draft',
		minJlpt: null,
		capital: null,
		timeline: 'exploring',
		pipelines: '',
	},
	{
		org: 'Tanaka Welding',
		type: 'overseas_branch',
		targets: ['VN', 'MM'],
		status: 'open',
		minJlpt: 'n4',
		capital: '250k_1m',
		timeline: 'within_12_months',
		pipelines: 'o:VN f:VN i:MM N:VN',
	},
	{
		org: 'Tanaka Welding',
		type: 'supplier',
		targets: ['ID', 'VN'],
		status: 'closed',
		minJlpt: null,
		capital: '10k_50k',
		timeline: 'within_3_months',
		pipelines: 'j:VN d:ID i:VN',
	},
	{
		org: 'Setouchi Shipbuilding',
		type: 'supplier',
		targets: ['VN', 'ID', 'NP'],
		status: 'open',
		minJlpt: null,
		capital: '50k_250k',
		timeline: 'within_12_months',
		pipelines: 'n:VN m:NP i:ID',
	},
	{
		org: 'Setouchi Shipbuilding',
		type: 'joint_venture',
		targets: ['VN'],
		status: 'paused',
		minJlpt: null,
		capital: 'over_1m',
		timeline: 'exploring',
		pipelines: 'd:VN',
	},
	{
		org: 'Setouchi Shipbuilding',
		type: 'overseas_branch',
		targets: ['VN'],
		status: 'draft',
		minJlpt: null,
		capital: null,
		timeline: 'exploring',
		pipelines: '',
	},
	{
		org: 'Hokuto Agri',
		type: 'franchise',
		targets: ['VN', 'PH', 'ID'],
		status: 'open',
		minJlpt: null,
		capital: '10k_50k',
		timeline: 'within_6_months',
		pipelines: 'f:VN i:PH w:VN',
	},
	{
		org: 'Hokuto Agri',
		type: 'investment',
		targets: ['NP', 'LK'],
		status: 'open',
		minJlpt: null,
		capital: '50k_250k',
		timeline: 'exploring',
		pipelines: 'm:NP i:LK',
	},
	{
		org: 'Sakura Kaigo',
		type: 'joint_venture',
		targets: ['VN', 'ID', 'PH', 'MM'],
		status: 'open',
		minJlpt: 'n3',
		capital: '50k_250k',
		timeline: 'within_12_months',
		pipelines: 'n:VN f:ID i:PH d:VN',
	},
	{
		org: 'Sakura Kaigo',
		type: 'overseas_branch',
		targets: ['NP', 'KE', 'LK'],
		status: 'open',
		minJlpt: 'n4',
		capital: '250k_1m',
		timeline: 'exploring',
		pipelines: 'i:NP m:KE',
	},
	{
		org: 'Sakura Kaigo',
		type: 'franchise',
		targets: ['VN'],
		status: 'closed',
		minJlpt: null,
		capital: '10k_50k',
		timeline: 'within_6_months',
		pipelines: 'N:VN w:VN',
	},
	{
		org: 'Kawaguchi Kensetsu',
		type: 'joint_venture',
		targets: ['VN', 'ID'],
		status: 'open',
		minJlpt: null,
		capital: '250k_1m',
		timeline: 'within_12_months',
		pipelines: 'f:VN n:VN n:VN N:VN i:ID',
	},
	{
		org: 'Kawaguchi Kensetsu',
		type: 'supplier',
		targets: ['VN', 'PH'],
		status: 'open',
		minJlpt: null,
		capital: '10k_50k',
		timeline: 'within_6_months',
		pipelines: 'n:VN d:PH',
	},
	{
		org: 'Musashi Foods',
		type: 'distributor_agent',
		targets: ['VN', 'ID', 'PH'],
		status: 'open',
		minJlpt: null,
		capital: 'under_10k',
		timeline: 'within_3_months',
		pipelines: 'o:VN f:VN n:VN V:VN i:ID f:ID',
	},
	{
		org: 'Musashi Foods',
		type: 'franchise',
		targets: ['VN', 'KH'],
		status: 'draft',
		minJlpt: null,
		capital: '10k_50k',
		timeline: 'exploring',
		pipelines: '',
	},
	{
		org: 'Enshu Plastics',
		type: 'supplier',
		targets: ['VN', 'ID'],
		status: 'open',
		minJlpt: null,
		capital: '10k_50k',
		timeline: 'within_6_months',
		pipelines: 'f:ID n:ID L:VN l:VN i:VN d:ID',
	},
	{
		org: 'Enshu Plastics',
		type: 'investment',
		targets: ['VN'],
		status: 'closed',
		minJlpt: 'n3',
		capital: '250k_1m',
		timeline: 'within_12_months',
		pipelines: 'o:VN F:VN',
	},
	{
		org: 'Ryokan Hanaoka',
		type: 'distributor_agent',
		targets: ['VN', 'ID', 'PH'],
		status: 'open',
		minJlpt: null,
		capital: 'none',
		timeline: 'within_3_months',
		pipelines: 'm:VN i:ID',
	},
	{
		org: 'Kitakyushu Steel',
		type: 'joint_venture',
		targets: ['ID', 'VN', 'PH'],
		status: 'open',
		minJlpt: null,
		capital: '50k_250k',
		timeline: 'within_12_months',
		pipelines: 'j:ID n:ID f:ID N:ID i:VN',
	},
	{
		org: 'Kitakyushu Steel',
		type: 'overseas_branch',
		targets: ['VN'],
		status: 'closed',
		minJlpt: 'n4',
		capital: '250k_1m',
		timeline: 'exploring',
		pipelines: 'F:VN d:VN',
	},
	{
		org: 'Gunma Ham Kobo',
		type: 'supplier',
		targets: ['VN', 'PH', 'ID'],
		status: 'open',
		minJlpt: null,
		capital: '10k_50k',
		timeline: 'within_6_months',
		pipelines: 'f:VN m:VN i:PH',
	},
	{
		org: 'Gunma Ham Kobo',
		type: 'investment',
		targets: ['NP', 'VN'],
		status: 'open',
		minJlpt: null,
		capital: '10k_50k',
		timeline: 'exploring',
		pipelines: 'i:NP f:VN',
	},
	// A company still waiting for its verification can keep a draft.
	{
		org: 'Kumamoto Green Tomato',
		type: 'joint_venture',
		targets: ['VN', 'KH'],
		status: 'draft',
		minJlpt: null,
		capital: '50k_250k',
		timeline: 'exploring',
		pipelines: '',
	},
];

interface ReturneeSpec {
	sector: string;
	type: string;
	status: SeedVenture['status'];
	capital: string | null;
	timeline: string;
	/** Stage letters; the counterparts are members of verified SMEs (`@sme`: the sme login's company). */
	pipelines: string;
}

const RETURNEE_SPECS: ReturneeSpec[] = [
	{
		sector: 'industrial_products_manufacturing',
		type: 'joint_venture',
		status: 'open',
		capital: '50k_250k',
		timeline: 'within_12_months',
		pipelines: 'f@sme n i',
	},
	{
		sector: 'food_beverage_manufacturing',
		type: 'distributor_agent',
		status: 'open',
		capital: 'under_10k',
		timeline: 'within_3_months',
		pipelines: 'n d',
	},
	{
		sector: 'agriculture',
		type: 'investment',
		status: 'open',
		capital: '10k_50k',
		timeline: 'within_6_months',
		pipelines: 'm',
	},
	{
		sector: 'construction',
		type: 'supplier',
		status: 'open',
		capital: '10k_50k',
		timeline: 'within_6_months',
		pipelines: 'i',
	},
	{
		sector: 'food_service',
		type: 'franchise',
		status: 'open',
		capital: '10k_50k',
		timeline: 'exploring',
		pipelines: 'w',
	},
	{
		sector: 'trade',
		type: 'distributor_agent',
		status: 'paused',
		capital: 'none',
		timeline: 'exploring',
		pipelines: 'F',
	},
	{
		sector: 'information_technology',
		type: 'overseas_branch',
		status: 'open',
		capital: 'under_10k',
		timeline: 'within_6_months',
		pipelines: 'i',
	},
	{
		sector: 'industrial_products_manufacturing',
		type: 'supplier',
		status: 'closed',
		capital: '10k_50k',
		timeline: 'within_3_months',
		pipelines: 'N i',
	},
];

/** Sectors an SME of each sector would answer a returnee's opportunity from. */
const SME_SECTOR_FOR: Record<string, string[]> = {
	food_service: ['food_beverage_manufacturing'],
	trade: ['industrial_products_manufacturing'],
	information_technology: ['industrial_products_manufacturing', 'accommodation'],
};

// ---------------------------------------------------------------------------------------------------------------------
// People

const p = (person: SeedPerson, column: string) =>
	person.profile[column] as string | null | undefined;
const kinds = (person: SeedPerson) => (person.profile['kinds'] as string[] | undefined) ?? [];
const VISIBILITY = ['public', 'members', 'verified_orgs', 'private'];
const visibleToOrgs = (person: SeedPerson, column: string) =>
	VISIBILITY.indexOf(p(person, column) ?? 'private') <= 2;
const JLPT = ['n5', 'n4', 'n3', 'n2', 'n1'];

/** Whether a returnee meets an SME opportunity's hard constraints on their own values (express_interest). */
function meets(person: SeedPerson, venture: SeedVenture, country: string): boolean {
	if (p(person, 'home_country') !== country || !venture.targetCountries.includes(country))
		return false;
	if (
		p(person, 'business_sector') !== venture.sector &&
		p(person, 'japan_field') !== venture.sector
	)
		return false;
	if (venture.minJlpt === null) return true;
	const level = p(person, 'jlpt_level');
	return level != null && JLPT.indexOf(level) >= JLPT.indexOf(venture.minJlpt);
}

/** Whether the owners (members of a verified organisation) see enough of them to invite them. */
function invitable(person: SeedPerson, venture: SeedVenture): boolean {
	const byField =
		p(person, 'japan_field') === venture.sector && visibleToOrgs(person, 'field_visibility');
	const byBusiness =
		p(person, 'business_sector') === venture.sector && visibleToOrgs(person, 'business_visibility');
	return (
		visibleToOrgs(person, 'profile_visibility') &&
		visibleToOrgs(person, 'country_visibility') &&
		(byField || byBusiness) &&
		(venture.minJlpt === null || visibleToOrgs(person, 'japanese_visibility'))
	);
}

/** Whether text would trip the identifying-text check for a person (their name or business name). */
function names(text: string, person: SeedPerson): boolean {
	const lower = text.toLowerCase();
	return [person.displayName, p(person, 'business_name') ?? ''].some(
		(n) => n.length >= 4 && lower.includes(n.toLowerCase())
	);
}

// ---------------------------------------------------------------------------------------------------------------------
// Building

function pick<T>(random: Random, items: readonly T[]): T {
	return items[random.int(0, items.length - 1)] as T;
}

/** The moments a pipeline's events happen: `count` after its creation, the last at `last`. */
function spread(random: Random, created: number, last: number, count: number): number[] {
	const weights = Array.from({ length: count }, () => 0.5 + random.next());
	const total = weights.reduce((a, b) => a + b, 0);
	let at = created;
	return weights.map((w) => (at += ((last - created) * w) / total));
}

export const venturesModule: SeedModule = {
	name: 'ventures',
	build(data, random) {
		const person = (id: string) => data.people.find((x) => x.id === id) as SeedPerson;
		const login = (name: string) => data.people.find((x) => x.demoLogin === name) as SeedPerson;
		const orgNamed = (prefix: string) => {
			const org = data.organisations.find((o) => o.name.startsWith(prefix));
			if (org === undefined) throw new Error(`ventures seed: no organisation ${prefix}`);
			return org;
		};
		const posterOf = (org: SeedOrganisation) => {
			const members = org.members.map((m) => person(m.userId));
			const owner = org.members.find((m) => m.role === 'owner') ?? org.members[0];
			return members.find((m) => m.demoLogin === 'sme') ?? person(owner?.userId ?? '');
		};
		const returnees = data.people.filter(
			(x) => kinds(x).includes('returnee') && x.displayName !== ''
		);
		const verifiedSmes = data.organisations.filter(
			(o) => o.kind === 'japanese_sme' && o.verification === 'verified'
		);
		const support = data.organisations.find((o) =>
			o.members.some((m) => person(m.userId).demoLogin === 'support')
		) as SeedOrganisation;
		const used = new Map<SeedPerson, number>();
		const ventures: SeedVenture[] = [];
		const interests: SeedInterest[] = [];

		const makeVenture = (
			fields: Omit<SeedVenture, 'id' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'closedAt'>,
			earliest: number
		): SeedVenture => {
			const from = Math.max(earliest, NOW - 250 * DAY);
			const created = from + random.next() * Math.max(0, Math.min(25 * DAY, NOW - 30 * DAY - from));
			const published = fields.status === 'draft' ? null : created + random.next() * 3 * DAY;
			const closed = fields.status === 'closed' ? daysBefore(random, 8, 30) : null;
			const paused = fields.status === 'paused' ? daysBefore(random, 4, 20) : null;
			const venture: SeedVenture = {
				...fields,
				id: uuid(random),
				createdAt: iso(created),
				publishedAt: published === null ? null : iso(published),
				closedAt: closed === null ? null : iso(closed),
				updatedAt: iso(closed ?? paused ?? published ?? created),
			};
			ventures.push(venture);
			return venture;
		};

		/** Adds the pipeline of `token` between counterpart and venture, with its history up to VENTURES_NOW. */
		const makeInterest = (
			venture: SeedVenture,
			token: string,
			counterpart: SeedPerson,
			counterpartOrganisation: SeedOrganisation | null,
			corridorCountry: string
		) => {
			const letter = token[0] as string;
			const invited = token.includes('*');
			const reach = REACH[letter] as PipelineStage;
			const closedAfter = letter === letter.toUpperCase();
			const ventureClosed = venture.status === 'closed' && letter === 'i';
			const closes = closedAfter || letter === 'd' || letter === 'w' || ventureClosed;
			const steps = PIPELINE_STAGES.slice(1, PIPELINE_STAGES.indexOf(reach) + 1);
			// Interests came while the opportunity was open, and were answered before it closed.
			const start = ms(venture.publishedAt as string) + DAY;
			const openUntil =
				venture.status === 'closed'
					? ms(venture.closedAt as string) - 7 * DAY
					: venture.status === 'paused'
						? ms(venture.updatedAt) - 7 * DAY
						: NOW - DAY;
			const events = steps.length + (closes && !ventureClosed ? 1 : 0);
			const final = letter === 'j' || closes;
			let last: number;
			if (ventureClosed) last = ms(venture.closedAt as string);
			else if (letter === 's') last = daysBefore(random, 30, 45);
			else if (!final) {
				last = Math.min(
					NOW - DAY,
					Math.max(daysBefore(random, 1, 15), start + (events * 2 + 1) * DAY)
				);
			} else
				last = Math.min(NOW - 2 * DAY, start + (events * 14 + 10) * DAY * (0.6 + random.next()));
			const latestStart = Math.min(openUntil, last - events * 2 * DAY);
			let created: number;
			if (events === 0 && !ventureClosed) created = Math.max(start, last);
			else if (!final) {
				created = Math.max(
					start,
					Math.min(latestStart, last - events * (4 + random.next() * 14) * DAY)
				);
			} else created = start + random.next() * Math.max(0, Math.min(latestStart - start, 60 * DAY));
			if (created > latestStart + DAY || created < start) {
				throw new Error(`ventures seed: no room for pipeline ${token} on "${venture.title}"`);
			}
			// The answer within a week, the later steps spread up to the last one.
			const first =
				created + Math.min((1 + random.next() * 6) * DAY, (last - created) / Math.max(1, events));
			const times =
				events === 0
					? []
					: events === 1 && !final
						? [last]
						: [first, ...spread(random, first, last, events - 1)];
			const ownerSide = venture.owner;
			const answerer = invited ? counterpart : ownerSide;
			const initiatedBy = invited ? venture.side : venture.side === 'sme' ? 'returnee' : 'sme';
			const interest: SeedInterest = {
				id: uuid(random),
				venture,
				counterpart,
				counterpartOrganisation,
				initiatedBy,
				stage: closes ? 'closed' : reach,
				furthestStage: reach,
				message: invited
					? pick(random, INVITE_NOTES)
					: venture.side === 'sme'
						? pick(random, INTEREST_NOTES)
						: pick(random, SME_NOTES),
				corridorCountry,
				createdAt: iso(created),
				mutualAt: null,
				introducedAt: null,
				closeReason: null,
				closeNote: null,
				closedAt: null,
				facilitator: null,
				stageChangedAt: iso(created),
				updatedAt: iso(created),
				stalled: letter === 's',
				milestones: [],
				messages: [],
			};
			const parties = [counterpart, ownerSide];
			steps.forEach((stage, index) => {
				const at = iso(times[index] as number);
				const by = stage === 'mutual' ? answerer : (parties[index % 2] as SeedPerson);
				const notes = MILESTONE_NOTES[stage];
				interest.milestones.push({ stage, note: notes ? pick(random, notes) : null, at, by });
				interest.stageChangedAt = at;
				if (stage === 'mutual') interest.mutualAt = at;
				if (stage === 'introduced') interest.introducedAt = at;
				const lines = CONVERSATION[stage];
				// A short conversation at the first steps once mutual, and the odd line later.
				if (lines !== undefined && (index < 2 || random.chance(0.3))) {
					const next =
						(times[index + 1] as number | undefined) ?? Math.min(NOW - DAY / 4, ms(at) + 3 * DAY);
					const gap = (next - ms(at)) / 3;
					interest.messages.push(
						{ at: iso(ms(at) + gap), sender: counterpart, body: lines[0] },
						{ at: iso(ms(at) + 2 * gap), sender: ownerSide, body: lines[1] }
					);
				}
			});
			if (closes) {
				const at = iso(ventureClosed ? ms(venture.closedAt as string) : (times.at(-1) as number));
				const reason: CloseReason = ventureClosed
					? 'other'
					: letter === 'w'
						? 'timing'
						: letter === 'd'
							? pick(random, ['not_a_fit', 'timing', 'terms'] as const)
							: pick(random, ['terms', 'funding', 'not_a_fit', 'no_response'] as const);
				interest.closeReason = reason;
				interest.closeNote = ventureClosed ? null : CLOSE_NOTES[reason];
				interest.closedAt = at;
				interest.stageChangedAt = at;
				// Closing a mutual pipeline logs it (close_pipeline); a decline or withdrawal before does not.
				if (interest.mutualAt !== null) {
					interest.milestones.push({
						stage: 'closed',
						note: interest.closeNote,
						at,
						by: pick(random, parties),
					});
				}
			}
			if (token.includes('+')) {
				const visit = interest.milestones.find((m) => m.stage === 'visit') as SeedMilestone;
				const helper = support.members
					.map((m) => person(m.userId))
					.find((m) => m.demoLogin === 'support') as SeedPerson;
				interest.facilitator = support;
				const invitedAt =
					Math.max(ms(interest.mutualAt as string), ms(support.verifiedAt as string)) + DAY;
				interest.messages.push({
					at: iso(Math.max(invitedAt + DAY / 2, ms(visit.at) + DAY)),
					sender: helper,
					body: 'Hello both, I am glad to help. We can arrange the business registration and a bank meeting during the next visit.',
				});
				interest.updatedAt = iso(invitedAt);
			}
			interest.messages.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
			interest.updatedAt = [
				interest.stageChangedAt,
				interest.updatedAt,
				...interest.messages.map((m) => m.at),
			].reduce((a, b) => (a > b ? a : b));
			interests.push(interest);
		};

		for (const spec of SME_SPECS) {
			const org = orgNamed(spec.org);
			const sector = org.columns['sector'] as string;
			const text = SME_TEXT[sector] as SectorText;
			const owner = posterOf(org);
			const venture = makeVenture(
				{
					side: 'sme',
					organisation: org,
					owner,
					title: TYPE_TITLE[spec.type]!(text),
					summary: smeSummary(text, spec.type, random.int(4, 15)),
					partnershipType: spec.type,
					sector,
					targetCountries: spec.targets,
					offers: text.offers,
					needs: text.needs,
					requiredSkills: random.sample(
						text.skills,
						Math.min(text.skills.length, random.int(2, 3))
					),
					minJlpt: spec.minJlpt,
					capital: spec.capital,
					network: random.chance(0.7) ? text.network : null,
					timeline: spec.timeline,
					languages: ['ja', ...(spec.targets.includes('VN') ? ['vi'] : []), 'en'],
					prefecture: org.columns['prefecture'] as number,
					status: spec.status,
				},
				ms(org.verifiedAt ?? org.createdAt) + DAY
			);
			for (const token of spec.pipelines.split(' ').filter(Boolean)) {
				const country = /:([A-Z]{2})/.exec(token)?.[1] as string;
				const demo = /@(\w+)/.exec(token)?.[1];
				const taken = new Set(
					interests.filter((i) => i.venture === venture).map((i) => i.counterpart)
				);
				let counterpart: SeedPerson | undefined;
				if (demo !== undefined) counterpart = login(demo);
				else {
					const fits = returnees.filter(
						(x) =>
							x.demoLogin === undefined &&
							!taken.has(x) &&
							meets(x, venture, country) &&
							(!token.includes('*') || invitable(x, venture))
					);
					const fewest = Math.min(...fits.map((x) => used.get(x) ?? 0));
					const least = fits.filter((x) => (used.get(x) ?? 0) === fewest);
					counterpart = least.length > 0 ? pick(random, least) : undefined;
				}
				if (counterpart === undefined || !meets(counterpart, venture, country)) {
					throw new Error(
						`ventures seed: nobody from ${country} fits "${venture.title}" (${spec.org})`
					);
				}
				used.set(counterpart, (used.get(counterpart) ?? 0) + 1);
				makeInterest(venture, token, counterpart, null, country);
			}
		}

		const owners = new Set<SeedPerson>();
		for (const spec of RETURNEE_SPECS) {
			const text = RETURNEE_TEXT[spec.sector] as ReturneeText;
			const body = `${text.title} ${text.summary} ${text.offers} ${text.needs}`;
			const candidates = returnees.filter(
				(x) =>
					x.demoLogin === undefined &&
					!owners.has(x) &&
					(used.get(x) ?? 0) === 0 &&
					ms(x.createdAt) < NOW - 150 * DAY &&
					p(x, 'business_sector') === spec.sector &&
					['started', 'growing'].includes(p(x, 'business_stage') ?? '') &&
					!names(body, x)
			);
			if (candidates.length === 0)
				throw new Error(`ventures seed: no returnee runs a ${spec.sector} business`);
			const owner = pick(random, candidates);
			owners.add(owner);
			const country = p(owner, 'home_country') as string;
			const venture = makeVenture(
				{
					side: 'returnee',
					organisation: null,
					owner,
					title: text.title,
					summary: text.summary,
					partnershipType: spec.type,
					sector: spec.sector,
					targetCountries: [country],
					offers: text.offers,
					needs: text.needs,
					requiredSkills: text.skills,
					minJlpt: null,
					capital: spec.capital,
					network: null,
					timeline: spec.timeline,
					languages: [
						...new Set(['ja', ...((owner.profile['languages'] as string[]) ?? [])]),
					].slice(0, 6),
					prefecture: null,
					status: spec.status,
				},
				Math.max(ms(owner.createdAt), NOW - 200 * DAY) + DAY
			);
			const sectors = SME_SECTOR_FOR[spec.sector] ?? [spec.sector];
			const taken = new Set<SeedOrganisation>();
			const pipelines = spec.pipelines.split(' ').map((token) => {
				const demo = /@(\w+)/.exec(token)?.[1];
				const orgs = verifiedSmes.filter(
					(o) =>
						!taken.has(o) &&
						(demo === undefined
							? sectors.includes(o.columns['sector'] as string)
							: o.members.some((m) => person(m.userId).demoLogin === demo))
				);
				const org = pick(
					random,
					orgs.length > 0 ? orgs : verifiedSmes.filter((o) => !taken.has(o))
				);
				taken.add(org);
				return { token, org };
			});
			// The SMEs came in once both the opportunity was open and they were verified.
			const verified = Math.max(...pipelines.map(({ org }) => ms(org.verifiedAt as string)));
			if (verified > ms(venture.publishedAt as string)) {
				venture.publishedAt = iso(verified + DAY);
				venture.createdAt = iso(verified + DAY / 2);
				if (venture.status === 'open') venture.updatedAt = venture.publishedAt;
			}
			for (const { token, org } of pipelines)
				makeInterest(venture, token, posterOf(org), org, country);
		}

		built.set(data, { ventures, interests });
	},
	sql(data) {
		const { ventures, interests } = venturesOf(data);
		const shifted = (column: string) => `${column} + (select shift from seed_ventures_shift)`;
		const ventureRows = ventures.map((v) => ({
			id: v.id,
			side: v.side,
			organisation_id: v.organisation?.id ?? null,
			owner_id: v.owner.id,
			title: v.title,
			summary: v.summary,
			partnership_type: v.partnershipType,
			sector: v.sector,
			target_countries: typed(v.targetCountries, 'public.country_code[]'),
			offers: v.offers,
			needs: v.needs,
			required_skills: v.requiredSkills,
			min_jlpt: v.minJlpt,
			capital: v.capital,
			network: v.network,
			timeline: v.timeline,
			languages: v.languages,
			prefecture: v.prefecture,
			status: v.status,
			created_at: v.createdAt,
			updated_at: v.updatedAt,
			published_at: v.publishedAt,
			closed_at: v.closedAt,
		}));
		const interestRows = interests.map((i) => {
			const row: Record<string, SqlValue> = {
				id: i.id,
				venture_id: i.venture.id,
				counterpart_id: i.counterpart.id,
				counterpart_organisation_id: i.counterpartOrganisation?.id ?? null,
				initiated_by: i.initiatedBy,
				stage: i.stage,
				furthest_stage: i.furthestStage,
				message: i.message,
				corridor_country: i.corridorCountry,
				mutual_at: i.mutualAt,
				introduced_at: i.introducedAt,
				close_reason: i.closeReason,
				close_note: i.closeNote,
				closed_at: i.closedAt,
				facilitator_organisation_id: i.facilitator?.id ?? null,
				stage_changed_at: i.stageChangedAt,
				created_at: i.createdAt,
				updated_at: i.updatedAt,
			};
			return row;
		});
		const ventureColumns = Object.keys(ventureRows[0] ?? {});
		const interestColumns = Object.keys(interestRows[0] ?? {});
		const timeColumns = new Set([
			'created_at',
			'updated_at',
			'published_at',
			'closed_at',
			'mutual_at',
			'introduced_at',
			'stage_changed_at',
		]);
		const select = (columns: string[]) =>
			columns.map((c) => (timeColumns.has(c) ? shifted(c) : c)).join(', ');
		const ventureInsertColumns = ventureColumns.filter((c) => c !== 'updated_at');
		return [
			`-- Joint ventures as of ${VENTURES_NOW}, moved on by the whole days this runs later, so that only the pipeline`,
			'-- meant to be stalled is. First in scratch tables, checked against the rules of the RPCs.',
			'create temporary table seed_ventures_shift as',
			`select make_interval(days => greatest(0, floor(extract(epoch from now() - timestamptz '${VENTURES_NOW}') / 86400))::integer) as shift;`,
			'create temporary table seed_ventures (like public.ventures including defaults);',
			insert('seed_ventures', ventureRows),
			'create temporary table seed_venture_interests (like public.venture_interests including defaults);',
			insert(
				'seed_venture_interests',
				interestRows.map((row) => ({ ...row, match_reasons: jsonb([]) }))
			),
			`-- What save_venture() and express_interest() / invite_candidate() would have refused fails the seed.
do $$
declare
	r record;
	v_needles text[];
	v_sectors public.sector[];
begin
	for r in select * from seed_ventures loop
		v_needles := private.identity_needles(r.organisation_id, case when r.side = 'returnee' then r.owner_id end);
		perform private.check_not_identifying(r.title, 'title', v_needles);
		perform private.check_not_identifying(r.summary, 'summary', v_needles);
		perform private.check_not_identifying(r.offers, 'offers', v_needles);
		perform private.check_not_identifying(r.needs, 'needs', v_needles);
		perform private.check_not_identifying(r.network, 'network', v_needles);
		perform private.check_not_identifying(array_to_string(r.required_skills, ' '), 'required_skills', v_needles);
		if r.side = 'sme' and (
			not exists (select 1 from public.organisation_members m where m.organisation_id = r.organisation_id and m.user_id = r.owner_id)
			or (r.status <> 'draft' and not exists (
				select 1 from public.organisations o
				where o.id = r.organisation_id and o.kind = 'japanese_sme' and o.verified and o.verified_at < r.published_at))) then
			raise exception 'seed: opportunity % could not have opened', r.id;
		end if;
	end loop;
	for r in select i.*, v.side, v.sector, v.target_countries, v.min_jlpt, v.organisation_id as v_org, v.owner_id as v_owner,
			p.home_country, p.business_sector, p.japan_field, p.jlpt_level
		from seed_venture_interests i
		join seed_ventures v on v.id = i.venture_id
		join public.profiles p on p.id = i.counterpart_id
	loop
		if r.initiated_by = r.side then
			perform private.check_not_identifying(r.message, 'message',
				private.identity_needles(r.v_org, case when r.side = 'returnee' then r.v_owner end));
		else
			perform private.check_not_identifying(r.message, 'message',
				private.identity_needles(r.counterpart_organisation_id, r.counterpart_id));
		end if;
		if r.side = 'sme' then
			v_sectors := array[r.sector] || private.related_sectors(r.sector);
			if not (r.home_country = any (r.target_countries))
				or not (coalesce(r.business_sector = any (v_sectors), false) or coalesce(r.japan_field::text::public.sector = any (v_sectors), false))
				or (r.min_jlpt is not null and (r.jlpt_level is null or r.jlpt_level < r.min_jlpt)) then
				raise exception 'seed: interest % does not meet the requirements', r.id;
			end if;
		elsif not exists (
			select 1 from public.organisations o join public.organisation_members m on m.organisation_id = o.id
			where o.id = r.counterpart_organisation_id and o.verified and m.user_id = r.counterpart_id) then
			raise exception 'seed: interest % is not from a member of a verified organisation', r.id;
		end if;
		if r.facilitator_organisation_id is not null and not exists (
			select 1 from public.organisations o
			where o.id = r.facilitator_organisation_id and o.verified
				and o.kind in ('ngo', 'diaspora_association', 'lender', 'incubator', 'recruiter')) then
			raise exception 'seed: interest % has a facilitator that could not be invited', r.id;
		end if;
	end loop;
end;
$$;`,
			'-- The opportunities: the trigger derives the region and the search document; updated_at is then set to the',
			"-- story's last edit (the trigger would stamp the seed's own time).",
			`insert into public.ventures (${ventureInsertColumns.join(', ')})
select ${select(ventureInsertColumns)} from seed_ventures order by created_at, id;
alter table public.ventures disable trigger ventures_prepare;
update public.ventures v set updated_at = ${shifted('s.updated_at')} from seed_ventures s where s.id = v.id;
alter table public.ventures enable trigger ventures_prepare;`,
			`-- Each interest's score and reasons as express_interest() / invite_candidate() stored them on an SME's opportunity
-- (at tier verified_orgs, before the interest itself was in); an invitation had to be a candidate.
do $$
declare
	r record;
	v_match record;
begin
	for r in select i.id, i.venture_id, i.counterpart_id, i.initiated_by from seed_venture_interests i
		join seed_ventures v on v.id = i.venture_id where v.side = 'sme' order by i.created_at, i.id
	loop
		select m.score, m.reasons, m.profile_id into v_match
		from private.venture_candidate_matches(r.venture_id, 'verified_orgs', r.counterpart_id, 1, 0) as m;
		if v_match.profile_id is null and r.initiated_by = 'sme' then
			raise exception 'seed: invitation % was not to a candidate', r.id;
		end if;
		update seed_venture_interests s
		set match_score = v_match.score, match_reasons = coalesce(v_match.reasons, '[]'::jsonb)
		where s.id = r.id;
	end loop;
end;
$$;`,
			`insert into public.venture_interests (${interestColumns.join(', ')}, match_score, match_reasons)
select ${select(interestColumns)}, match_score, match_reasons from seed_venture_interests order by created_at, id;
drop table seed_venture_interests;
drop table seed_ventures;`,
			'-- Milestones from mutual on (the answer, each stage, the closing), and the conversations.',
			'create temporary table seed_venture_milestones (interest_id uuid, stage public.pipeline_stage, note text,',
			'\thappened_on date, created_by uuid, created_at timestamptz);',
			insert(
				'seed_venture_milestones',
				interests
					.flatMap((i) => i.milestones.map((m) => ({ i, m })))
					.sort((a, b) => (a.m.at < b.m.at ? -1 : a.m.at > b.m.at ? 1 : 0))
					.map(({ i, m }) => ({
						interest_id: i.id,
						stage: m.stage,
						note: m.note,
						happened_on: m.at.slice(0, 10),
						created_by: m.by.id,
						created_at: m.at,
					}))
			),
			`insert into public.venture_milestones (interest_id, stage, note, happened_on, created_by, created_at)
select interest_id, stage, note, happened_on + (select extract(day from shift)::integer from seed_ventures_shift),
	created_by, ${shifted('created_at')}
from seed_venture_milestones order by created_at, interest_id;
drop table seed_venture_milestones;`,
			insert(
				'public.venture_messages',
				interests
					.flatMap((i) => i.messages.map((m) => ({ i, m })))
					.sort((a, b) => (a.m.at < b.m.at ? -1 : a.m.at > b.m.at ? 1 : 0))
					.map(({ i, m }) => ({
						interest_id: i.id,
						sender_id: m.sender.id,
						body: m.body,
						created_at: raw(`timestamptz '${m.at}' + (select shift from seed_ventures_shift)`),
					}))
			),
			'drop table seed_ventures_shift;',
		].join('\n');
	},
};
