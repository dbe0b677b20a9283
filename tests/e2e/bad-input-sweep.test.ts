/**
 * The bad-input sweep: every Astro action and every page or endpoint that takes input, fed malformed,
 * oversize, wrong-type and hostile payloads generated from the actions' own zod schemas
 * (src/lib/testing/bad-payloads.ts), anonymously and as a returnee, a mentor, an SME owner and staff.
 * Each answer is a 4xx (never a 5xx, never a hang), JSON errors are Astro action errors with a message
 * and no stack trace, pages never show hostile input unescaped, and the database is exactly as it was:
 * a fingerprint of every row of every table in public, private, auth and storage is equal after each
 * action's batch (but for the security log and rate-limit counters that a failed sign-in and a data
 * export write by design).
 *
 * The sweep owns its servers, so that nothing else writes while it fingerprints: the embedded backend
 * with the demo seed in a fresh data directory (its PostgreSQL wire on a port of its own) and the built
 * site (`dist/`, or E2E_DIST_DIR) behind scripts/serve.ts, both on free ports, rate limits and
 * scheduled jobs off. It needs no browser.
 */
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { z } from 'astro/zod';
import {
	HOSTILE_STRINGS,
	SCRIPT_PROBE,
	accepts,
	badPayloads,
	toEntries,
	type BadPayload,
	type FormFields,
} from '../../src/lib/testing/bad-payloads.ts';
import { startChildBackend, type ChildBackend } from '../integration/support/child-backend.ts';
import {
	ChangeEmailSchema,
	DeleteAccountSchema,
} from '../../src/features/account/schemas/account.schema.ts';
import { ForgotPasswordSchema } from '../../src/features/auth/schemas/forgot-password.schema.ts';
import { ResetPasswordSchema } from '../../src/features/auth/schemas/reset-password.schema.ts';
import { SignInSchema } from '../../src/features/auth/schemas/sign-in.schema.ts';
import { SignUpSchema } from '../../src/features/auth/schemas/sign-up.schema.ts';
import { MentorProfileSchema } from '../../src/features/mentoring/schemas/mentor-profile.schema.ts';
import {
	FeedbackSchema,
	MentorshipActionSchema,
	MessageSchema as MentoringMessageSchema,
	RequestSchema,
	RespondSchema as MentoringRespondSchema,
} from '../../src/features/mentoring/schemas/mentorship.schema.ts';
import { PreferencesSchema } from '../../src/features/mentoring/schemas/preferences.schema.ts';
import { FORMATS, TOPICS } from '../../src/features/mentoring/options.ts';
import {
	BlockSchema,
	DecideSchema as ModerationDecideSchema,
	ReportSchema,
	UnblockSchema,
} from '../../src/features/moderation/schemas/report.schema.ts';
import { REPORT_REASONS } from '../../src/features/moderation/options.ts';
import { OnboardingSchema } from '../../src/features/onboarding/schemas/onboarding.schema.ts';
import {
	ChangeRoleSchema,
	InvitationTokenSchema,
	InviteSchema,
	LeaveSchema,
	RemoveMemberSchema,
	WithdrawInvitationSchema,
} from '../../src/features/organisations/schemas/members.schema.ts';
import {
	CreateOrganisationSchema,
	UpdateOrganisationSchema,
} from '../../src/features/organisations/schemas/organisation.schema.ts';
import { AvatarUploadSchema } from '../../src/features/profiles/schemas/avatar.schema.ts';
import { ProfileSchema } from '../../src/features/profiles/schemas/profile.schema.ts';
import { DecisionSchema } from '../../src/features/verification/schemas/decision.schema.ts';
import {
	OrganisationVerificationSchema,
	PersonVerificationSchema,
	WithdrawRequestSchema,
} from '../../src/features/verification/schemas/request.schema.ts';
import {
	CloseSchema,
	FacilitatorSchema,
	InterestSchema,
	InviteCandidateSchema,
	MessageSchema as VentureMessageSchema,
	MilestoneSchema,
	RespondSchema as VentureRespondSchema,
} from '../../src/features/ventures/schemas/pipeline.schema.ts';
import {
	CreateVentureSchema,
	UpdateVentureSchema,
	VentureStatusSchema,
} from '../../src/features/ventures/schemas/venture.schema.ts';
import {
	CLOSE_REASONS,
	PARTNERSHIP_TYPES,
	TIMELINES,
} from '../../src/features/ventures/options.ts';
import { SECTORS } from '../../src/features/profiles/options.ts';
import { freePort } from '../../scripts/free-port.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const NODE = existsSync(`${REPO}node_modules/.bin/node`)
	? `${REPO}node_modules/.bin/node`
	: process.execPath;
const DIST = process.env.E2E_DIST_DIR ?? 'dist';
const JWT_SECRET = 'bad-input-sweep-jwt-secret-never-used-in-production';
const PASSWORD = 'okaeri-demo-2026';
/** An id nothing has: every action aimed at it must be refused without writing. */
const NOWHERE = '6f1c2a4e-9b7d-4c3a-8e21-5a0b3c4d5e6f';
const NO_TOKEN = 'ab'.repeat(32);
const REQUEST_TIMEOUT = 20_000;

type Role = 'anon' | 'returnee' | 'mentor' | 'sme' | 'staff';
const ROLES: Role[] = ['anon', 'returnee', 'mentor', 'sme', 'staff'];

/** A tiny PDF: evidence the schema accepts. */
const pdf = () => new File(['%PDF-1.4\n%%EOF\n'], 'evidence.pdf', { type: 'application/pdf' });

/** How to sweep one action. */
interface Sweep {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every action schema
	schema?: z.ZodType<any, any>;
	/** A post the schema accepts, aimed at nothing (ids nobody has) wherever the action takes one. */
	base: FormFields;
	/** The role that gets every payload; the others get a sample. */
	role: Role;
	/** The page whose form posts to the action (`?_action=`): hostile payloads go there too. */
	page: string;
	/**
	 * The action would write given valid input (it aims at nothing the form names): payloads the schema
	 * accepts get another field broken, and the action runs for no role but this one.
	 */
	writes?: boolean;
	/** Run for these roles only (signing out would end the sweep's sessions). */
	only?: Role[];
	/** Tables the action writes by design even when it refuses (security logs), e.g. `public.audit_log`. */
	logs?: string[];
	/** A valid post aimed at nothing is a success that changes nothing (e.g. unblocking nobody). */
	noop?: boolean;
}

const ventureFields: FormFields = {
	title: 'A bakery in Hue',
	summary: 'We bake bread and want a partner in Japan to export to.',
	partnership_type: PARTNERSHIP_TYPES[0],
	sector: SECTORS[0],
	target_countries: 'VN',
	offers: '',
	needs: '',
	required_skills: 'baking',
	min_jlpt: '',
	capital: '',
	network: '',
	timeline: TIMELINES[0],
	languages: 'vi',
	prefecture: '',
	status: 'draft',
};

const organisationFields: FormFields = {
	name: 'Sweep Works',
	kind: 'ngo',
	corporate_number: '',
	country: 'VN',
	prefecture: '',
	region: '',
	sector: '',
	size: '',
	website: '',
	description: '',
};

/** Every action of src/actions/index.ts, as `group.name`. */
const SWEEPS: Record<string, Sweep> = {
	'auth.signIn': {
		schema: SignInSchema,
		base: { email: 'nobody-here@example.com', password: 'wrong-password', next: '/profile' },
		role: 'anon',
		page: '/sign-in',
		// A failed sign-in is a security event: logged, and counted against the rate limit.
		logs: ['public.audit_log', 'private.rate_limits'],
	},
	'auth.signUp': {
		schema: SignUpSchema,
		base: { email: 'new-person@example.com', password: 'a long new password' },
		role: 'anon',
		page: '/sign-up',
		writes: true,
	},
	'auth.forgotPassword': {
		schema: ForgotPasswordSchema,
		base: { email: 'returnee@example.com' },
		role: 'anon',
		page: '/forgot-password',
		writes: true,
	},
	'auth.resetPassword': {
		schema: ResetPasswordSchema,
		base: { password: 'a long new password' },
		role: 'returnee',
		page: '/reset-password',
		writes: true,
	},
	'auth.signOut': { base: {}, role: 'anon', page: '/sign-out', only: ['anon'] },
	'profiles.save': {
		schema: ProfileSchema,
		base: {
			display_name: 'Sweep',
			headline_visibility: 'public',
			bio_visibility: 'public',
			country_visibility: 'public',
			region_visibility: 'public',
			languages_visibility: 'public',
			programmes_visibility: 'public',
			field_visibility: 'public',
			prefectures_visibility: 'public',
			employer_visibility: 'public',
			years_visibility: 'public',
			japanese_visibility: 'public',
			skills_visibility: 'public',
			business_stage: 'none',
			business_visibility: 'public',
			looking_for_visibility: 'public',
			email_visibility: 'members',
			phone_visibility: 'members',
			whatsapp_visibility: 'members',
			profile_visibility: 'public',
			headline: 'Baker',
			bio: '',
			region: '',
			japan_job: '',
			business_name: '',
			business_needs: '',
			contact_email: '',
			contact_phone: '',
			contact_whatsapp: '',
			japan_start_year: '',
			japan_end_year: '',
			prefectures: '3',
			kinds: 'returnee',
		},
		role: 'returnee',
		page: '/profile/edit',
		writes: true,
	},
	'profiles.uploadAvatar': {
		schema: AvatarUploadSchema,
		base: {
			avatar: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'a.png', { type: 'image/png' }),
		},
		role: 'returnee',
		page: '/profile/edit',
		writes: true,
	},
	'profiles.removeAvatar': { base: {}, role: 'returnee', page: '/profile/edit', writes: true },
	'onboarding.complete': {
		schema: OnboardingSchema,
		base: { display_name: 'Sweep', kinds: 'returnee', home_country: 'VN' },
		role: 'returnee',
		page: '/welcome',
		writes: true,
	},
	'account.changeEmail': {
		schema: ChangeEmailSchema,
		base: { email: 'elsewhere@example.com' },
		role: 'returnee',
		page: '/account/email',
		writes: true,
	},
	'account.deleteAccount': {
		schema: DeleteAccountSchema,
		// Never the person's own address: the confirmation must not match.
		base: { confirmation: 'someone-else@example.com' },
		role: 'returnee',
		page: '/account/delete',
	},
	'organisations.create': {
		schema: CreateOrganisationSchema,
		base: organisationFields,
		role: 'sme',
		page: '/organisations/new',
		writes: true,
	},
	'organisations.update': {
		schema: UpdateOrganisationSchema,
		base: { ...organisationFields, id: NOWHERE },
		role: 'sme',
		page: `/organisations/${NOWHERE}/edit`,
	},
	'organisations.invite': {
		schema: InviteSchema,
		base: { organisation_id: NOWHERE, email: 'invitee@example.com', role: 'member' },
		role: 'sme',
		page: `/organisations/${NOWHERE}/members`,
	},
	'organisations.withdrawInvitation': {
		schema: WithdrawInvitationSchema,
		base: { organisation_id: NOWHERE, invitation_id: NOWHERE },
		role: 'sme',
		page: `/organisations/${NOWHERE}/members`,
	},
	'organisations.removeMember': {
		schema: RemoveMemberSchema,
		base: { organisation_id: NOWHERE, user_id: NOWHERE },
		role: 'sme',
		page: `/organisations/${NOWHERE}/members`,
	},
	'organisations.changeRole': {
		schema: ChangeRoleSchema,
		base: { organisation_id: NOWHERE, user_id: NOWHERE, role: 'owner' },
		role: 'sme',
		page: `/organisations/${NOWHERE}/members`,
	},
	'organisations.leave': {
		schema: LeaveSchema,
		base: { organisation_id: NOWHERE },
		role: 'sme',
		page: `/organisations/${NOWHERE}`,
	},
	'organisations.acceptInvitation': {
		schema: InvitationTokenSchema,
		base: { token: NO_TOKEN },
		role: 'returnee',
		page: `/invitations/${NO_TOKEN}`,
	},
	'organisations.declineInvitation': {
		schema: InvitationTokenSchema,
		base: { token: NO_TOKEN },
		role: 'returnee',
		page: `/invitations/${NO_TOKEN}`,
	},
	'verification.requestPerson': {
		schema: PersonVerificationSchema,
		base: { message: 'Please check', evidence: pdf() },
		role: 'returnee',
		page: '/verification',
		writes: true,
	},
	'verification.requestOrganisation': {
		schema: OrganisationVerificationSchema,
		base: {
			organisation_id: NOWHERE,
			corporate_number: '',
			message: 'Please check',
			evidence: pdf(),
		},
		role: 'sme',
		page: `/organisations/${NOWHERE}/verification`,
	},
	'verification.withdraw': {
		schema: WithdrawRequestSchema,
		base: { request_id: NOWHERE },
		role: 'returnee',
		page: '/verification',
	},
	'verification.decide': {
		schema: DecisionSchema,
		base: { request_id: NOWHERE, decision: 'rejected', reason: 'Not legible' },
		role: 'staff',
		page: `/staff/verification/${NOWHERE}`,
	},
	'mentoring.saveMentorProfile': {
		schema: MentorProfileSchema,
		base: {
			about: 'I help',
			topics: TOPICS[0],
			languages: 'vi',
			formats: FORMATS[0],
			capacity: '2',
		},
		role: 'mentor',
		page: '/mentoring/mentor-profile',
		writes: true,
	},
	'mentoring.resume': { base: {}, role: 'mentor', page: '/mentoring/mentor-profile', writes: true },
	'mentoring.request': {
		schema: RequestSchema,
		base: { mentor_id: NOWHERE, topic: TOPICS[0], goal: 'Open a bakery', message: 'Hello' },
		role: 'returnee',
		page: `/mentoring/request/${NOWHERE}`,
	},
	'mentoring.respond': {
		schema: MentoringRespondSchema,
		base: { mentorship_id: NOWHERE, response: 'decline', reason: '', note: 'Busy', question: '' },
		role: 'mentor',
		page: `/mentoring/${NOWHERE}`,
	},
	'mentoring.cancel': {
		schema: MentorshipActionSchema,
		base: { mentorship_id: NOWHERE },
		role: 'returnee',
		page: `/mentoring/${NOWHERE}`,
	},
	'mentoring.complete': {
		schema: MentorshipActionSchema,
		base: { mentorship_id: NOWHERE },
		role: 'mentor',
		page: `/mentoring/${NOWHERE}`,
	},
	'mentoring.sendMessage': {
		schema: MentoringMessageSchema,
		base: { mentorship_id: NOWHERE, body: 'Hello' },
		role: 'returnee',
		page: `/mentoring/${NOWHERE}`,
	},
	'mentoring.feedback': {
		schema: FeedbackSchema,
		base: { mentorship_id: NOWHERE, useful: '4', goals_met: 'yes', outcome: 'other', comment: '' },
		role: 'returnee',
		page: `/mentoring/${NOWHERE}`,
	},
	'mentoring.savePreferences': {
		schema: PreferencesSchema,
		base: {
			email_requests: 'on',
			email_answers: 'on',
			email_messages: 'daily',
			email_expiry: 'on',
			email_ventures: 'on',
		},
		role: 'mentor',
		page: '/account/notifications',
		writes: true,
	},
	'moderation.report': {
		schema: ReportSchema,
		base: {
			reason: REPORT_REASONS[0],
			details: 'Rude',
			reported_user_id: NOWHERE,
			return_to: '/mentoring',
		},
		role: 'returnee',
		page: `/report?person=${NOWHERE}`,
	},
	'moderation.block': {
		schema: BlockSchema,
		base: { user_id: NOWHERE, return_to: '/mentoring' },
		role: 'returnee',
		page: `/report?person=${NOWHERE}`,
	},
	'moderation.unblock': {
		schema: UnblockSchema,
		base: { user_id: NOWHERE },
		role: 'returnee',
		page: '/account/settings',
		noop: true,
	},
	'moderation.decide': {
		schema: ModerationDecideSchema,
		base: { report_id: NOWHERE, status: 'dismissed', note: '' },
		role: 'staff',
		page: '/staff/moderation',
	},
	'ventures.create': {
		schema: CreateVentureSchema,
		// For an organisation nobody has: the database refuses to post for it.
		base: { posted_for: NOWHERE, ...ventureFields },
		role: 'sme',
		page: '/ventures/new',
	},
	'ventures.update': {
		schema: UpdateVentureSchema,
		base: { id: NOWHERE, ...ventureFields },
		role: 'sme',
		page: `/ventures/${NOWHERE}/edit`,
	},
	'ventures.setStatus': {
		schema: VentureStatusSchema,
		base: { venture_id: NOWHERE, status: 'paused' },
		role: 'sme',
		page: `/ventures/${NOWHERE}`,
	},
	'ventures.expressInterest': {
		schema: InterestSchema,
		base: { venture_id: NOWHERE, acting_for: 'own', message: 'I bake' },
		role: 'returnee',
		page: `/ventures/${NOWHERE}`,
	},
	'ventures.inviteCandidate': {
		schema: InviteCandidateSchema,
		base: { venture_id: NOWHERE, profile_id: NOWHERE, message: 'Talk?' },
		role: 'sme',
		page: `/ventures/${NOWHERE}/candidates`,
	},
	'ventures.respond': {
		schema: VentureRespondSchema,
		base: { interest_id: NOWHERE, response: 'decline', reason: CLOSE_REASONS[0], note: '' },
		role: 'sme',
		page: `/ventures/pipeline/${NOWHERE}`,
	},
	'ventures.advance': {
		schema: MilestoneSchema,
		base: { interest_id: NOWHERE, stage: 'first_meeting', happened_on: '2026-01-05', note: '' },
		role: 'sme',
		page: `/ventures/pipeline/${NOWHERE}`,
	},
	'ventures.close': {
		schema: CloseSchema,
		base: { interest_id: NOWHERE, reason: CLOSE_REASONS[0], note: '' },
		role: 'returnee',
		page: `/ventures/pipeline/${NOWHERE}`,
	},
	'ventures.inviteFacilitator': {
		schema: FacilitatorSchema,
		base: { interest_id: NOWHERE, organisation_id: NOWHERE },
		role: 'sme',
		page: `/ventures/pipeline/${NOWHERE}`,
	},
	'ventures.sendMessage': {
		schema: VentureMessageSchema,
		base: { interest_id: NOWHERE, body: 'Hello' },
		role: 'returnee',
		page: `/ventures/pipeline/${NOWHERE}`,
	},
};

/**
 * The actions the site defines, read from its source: the groups of `server` in src/actions/index.ts
 * and each group's `defineAction` entries (the module itself needs Astro's runtime to load).
 */
function definedActions(): Map<string, { accept: string; input: string | undefined }> {
	const index = readFileSync(`${REPO}src/actions/index.ts`, 'utf8');
	const imports = new Map(
		[
			...index.matchAll(/import \{ (\w+) \} from '~\/(features\/[\w-]+\/server\/actions)\.ts'/g),
		].map((m) => [m[1] ?? '', m[2] ?? ''])
	);
	const groups = /export const server = \{([^}]*)\}/.exec(index)?.[1] ?? '';
	const found = new Map<string, { accept: string; input: string | undefined }>();
	for (const group of groups
		.split(',')
		.map((g) => g.trim())
		.filter(Boolean)) {
		const file = imports.get(group);
		if (!file) throw new Error(`src/actions/index.ts: no import for ${group}`);
		const source = readFileSync(`${REPO}src/${file}.ts`, 'utf8');
		for (const m of source.matchAll(
			/\n\t(\w+): defineAction\(\{\s*accept: '(\w+)',(?:\s*input: ([^,\n]+),)?/g
		)) {
			found.set(`${group}.${m[1]}`, { accept: m[2] ?? '', input: m[3]?.trim() });
		}
	}
	return found;
}

// ——— servers ———

interface Servers {
	backend: ChildBackend;
	site: ChildProcess;
	siteUrl: string;
	siteLog: () => string;
	db: pg.Client;
	dataDir: string;
}

async function startServers(): Promise<Servers> {
	const [apiPort, dbPort, sitePort] = [await freePort(), await freePort(), await freePort()];
	const siteUrl = `http://127.0.0.1:${sitePort}`;
	const dataDir = `${REPO}.data/bad-input-sweep-${apiPort}`;
	rmSync(dataDir, { recursive: true, force: true });
	const backend = await startChildBackend({
		DATA_DIR: dataDir,
		PORT: String(apiPort),
		DB_PORT: String(dbPort),
		JWT_SECRET,
		SITE_URL: siteUrl,
		RATE_LIMITS: 'off',
	});
	// The production server, with its security headers, as the end-to-end suite runs it.
	const site = spawn(NODE, [`${REPO}scripts/serve.ts`, `${REPO}${DIST}`], {
		env: {
			...process.env,
			PORT: String(sitePort),
			HOST: '127.0.0.1',
			SITE_URL: siteUrl,
			SUPABASE_URL: backend.url,
			SUPABASE_ANON_KEY: backend.anonKey,
			SUPABASE_SERVICE_ROLE_KEY: backend.serviceRoleKey,
			// Thousands of posts from one address: the site's own rate limits would answer most with a 429.
			RATE_LIMITS: 'off',
			// No scheduled jobs: they would write while the sweep compares fingerprints.
			MENTORING_JOBS_INTERVAL_MINUTES: '0',
			VENTURE_JOBS_INTERVAL_MINUTES: '0',
			AUDIT_JOBS_INTERVAL_MINUTES: '0',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	site.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	site.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${siteUrl}/`)).ok) break;
		} catch {
			// not listening yet
		}
		if (i > 300 || site.exitCode !== null) throw new Error(`the site did not start:\n${log}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const db = new pg.Client({
		connectionString: `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`,
	});
	await db.connect();
	return { backend, site, siteUrl, siteLog: () => log, db, dataDir };
}

async function stopServers(servers: Servers | undefined): Promise<void> {
	if (!servers) return;
	await servers.db.end().catch(() => undefined);
	if (servers.site.exitCode === null) {
		const exited = new Promise((resolve) => servers.site.once('exit', resolve));
		servers.site.kill('SIGTERM');
		await exited;
	}
	await servers.backend.stop();
	rmSync(servers.dataDir, { recursive: true, force: true });
}

/**
 * Every row of every table in public, private, auth and storage, as a count and a hash per table:
 * equal fingerprints mean nothing was written (inserted, updated or deleted).
 */
async function fingerprint(db: pg.Client): Promise<Record<string, string>> {
	const { rows: tables } = await db.query<{ name: string }>(
		`select format('%I.%I', schemaname, tablename) as name from pg_tables
		 where schemaname in ('public', 'private', 'auth', 'storage') order by 1`
	);
	// One query for all tables: the database is busy enough serving the sweep.
	const { rows } = await db.query<{ name: string; n: number; h: string }>(
		tables
			.map(
				({ name }) =>
					`select '${name}' as name, count(*)::int as n, coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as h from ${name} t`
			)
			.join(' union all ')
	);
	return Object.fromEntries(rows.map((row) => [row.name, `${row.n} ${row.h}`]));
}

// ——— requests ———

interface Answer {
	status: number;
	type: string;
	body: string;
}

/** One request, with the session of `role`, the site's own origin, and a time limit. */
async function send(path: string, init: RequestInit & { role: Role }): Promise<Answer> {
	const { role, ...rest } = init;
	const headers = new Headers(rest.headers);
	headers.set('origin', servers.siteUrl);
	const cookie = cookies.get(role);
	if (cookie) headers.set('cookie', cookie);
	const request = () =>
		fetch(`${servers.siteUrl}${path}`, {
			...rest,
			headers,
			redirect: 'manual',
			signal: AbortSignal.timeout(REQUEST_TIMEOUT),
		});
	let response: Response;
	try {
		response = await request();
	} catch (error) {
		// A kept-alive connection the server closed as the request went out (EPIPE, ECONNRESET) is
		// the client's race, not an answer: once more on a new connection, as browsers do.
		const code = (error as { cause?: { code?: string } }).cause?.code;
		if ((code !== 'EPIPE' && code !== 'ECONNRESET') || rest.body instanceof ReadableStream)
			throw error;
		response = await request();
	}
	return {
		status: response.status,
		type: response.headers.get('content-type') ?? '',
		body: await response.text(),
	};
}

function form(entries: [string, string | File][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

/** Runs `jobs` with a few at a time. */
async function pool<T>(items: T[], run: (item: T) => Promise<void>, width = 4): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < items.length) await run(items[next++] as T);
		})
	);
}

const STACK = /\bat .+\.(?:m?js|ts):\d+|node_modules|\n\s+at /;

/** What is wrong with an answer, or nothing: never a 5xx, no stack traces, no raw hostile HTML. */
function problems(answer: Answer, expected: (status: number) => boolean): string[] {
	const found: string[] = [];
	if (answer.status >= 500 || !expected(answer.status)) found.push(`status ${answer.status}`);
	if (STACK.test(answer.body)) found.push('stack trace in the body');
	if (answer.type.includes('html')) {
		// Inside a quoted attribute value (Astro escapes the quote) markup is inert text.
		const markup = answer.body.replace(/="[^"]*"/g, '=""');
		if (markup.includes(SCRIPT_PROBE)) found.push('hostile HTML shown unescaped');
		if (markup.includes('<img src=x onerror=alert(1)>'))
			found.push('hostile attribute shown unescaped');
	}
	if (answer.type.includes('json') && answer.status >= 400) {
		try {
			const error = JSON.parse(answer.body) as {
				type?: string;
				message?: string;
				fields?: unknown;
			};
			if (error.type !== 'AstroActionError' && error.type !== 'AstroActionInputError')
				found.push(`not an action error: ${answer.body.slice(0, 120)}`);
			if (error.type === 'AstroActionInputError' && typeof error.fields !== 'object')
				found.push('input error without fields');
		} catch {
			found.push(`unreadable JSON: ${answer.body.slice(0, 120)}`);
		}
	}
	return found;
}

const is4xx = (status: number) => status >= 400 && status < 500;

/** An error with its cause (fetch hides the reason there). */
function describe(error: unknown): string {
	const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : '';
	return `${String(error)}${cause}`;
}

/** What the site logged as errors since `from` (an offset in its log), for a failure's message. */
function siteErrors(from: number): string[] {
	return servers
		.siteLog()
		.slice(from)
		.split('\n')
		.filter((line) => /error/i.test(line))
		.slice(0, 10);
}

/**
 * The payloads worth a request. Every one the schema accepts reaches the action's handler: all of
 * them. One it refuses stops at the same schema parse as the others of its field's kind, so after
 * the first field of a kind only the ones that stress the parse itself go (missing, repeated, 1 MB,
 * a file, object-like keys) and the script probe (shown again by the page).
 */
function sampled(payloads: BadPayload[]): BadPayload[] {
	const firstOfKind = new Map<string, string>();
	const stress = /: (missing|repeated|1 MB|a file instead of text|object-like keys)$/;
	return payloads.filter((p) => {
		if (p.valid || !p.field || !p.kind) return true;
		if (!firstOfKind.has(p.kind)) firstOfKind.set(p.kind, p.field);
		return (
			firstOfKind.get(p.kind) === p.field || stress.test(p.label) || p.hostile === SCRIPT_PROBE
		);
	});
}

// ——— the sweep ———

let servers: Servers;
const cookies = new Map<Role, string>();
let before: Record<string, string>;
let requests = 0;

const ACCOUNTS: Record<Exclude<Role, 'anon'>, string> = {
	returnee: 'returnee@example.com',
	mentor: 'mentor@example.com',
	sme: 'sme@example.com',
	staff: 'staff@example.com',
};

async function signIn(role: Exclude<Role, 'anon'>): Promise<void> {
	const response = await fetch(`${servers.siteUrl}/sign-in?_action=auth.signIn`, {
		method: 'POST',
		headers: { origin: servers.siteUrl },
		body: form([
			['email', ACCOUNTS[role]],
			['password', PASSWORD],
		]),
		redirect: 'manual',
	});
	const set = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
	if (response.status !== 303 || set.length === 0)
		throw new Error(`signing in as ${role}: ${response.status}`);
	cookies.set(role, set.join('; '));
}

test.describe.configure({ mode: 'default', timeout: 120_000 });

test.beforeAll(async () => {
	test.setTimeout(180_000);
	servers = await startServers();
	for (const role of ROLES) if (role !== 'anon') await signIn(role);
	before = await fingerprint(servers.db);
});

test.afterAll(async () => {
	console.log(`bad-input sweep: ${requests} requests`);
	await stopServers(servers);
});

/**
 * Asserts that the database is as it was when the sweep began, but for the security `logs` the
 * batch may write by design; those become the new starting point.
 */
async function expectNothingWritten(what: string, logs: string[] = []): Promise<void> {
	const after = await fingerprint(servers.db);
	const changed = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
	expect(
		changed.filter((table) => !logs.includes(table)),
		`${what} wrote to the database`
	).toEqual([]);
	before = after;
}

test('the sweep knows every action the site defines', () => {
	const defined = definedActions();
	expect([...defined.keys()].sort()).toEqual(Object.keys(SWEEPS).sort());
	for (const [name, { accept, input }] of defined) {
		// Every action takes forms: the JSON cases below expect 415.
		expect(accept, name).toBe('form');
		// An action with fields is swept with its schema; one without (or with none) by its bodies.
		const hasFields = input !== undefined && input !== 'z.object({})';
		expect(Boolean(SWEEPS[name]?.schema), `${name}: swept with a schema`).toBe(hasFields);
	}
});

for (const [name, sweep] of Object.entries(SWEEPS)) {
	test(`action ${name}`, async () => {
		const schema = sweep.schema;
		const payloads: BadPayload[] = schema
			? sampled(await badPayloads(schema, sweep.base, { spoil: Boolean(sweep.writes) }))
			: [];
		if (schema)
			expect(await accepts(schema, toEntries(sweep.base)), `${name}: its base post`).toBe(true);
		const roles = (sweep.only ?? (sweep.writes ? [sweep.role] : ROLES)).filter(Boolean);
		const failures: string[] = [];
		const logFrom = servers.siteLog().length;
		const jobs: { role: Role; payload: BadPayload; page: boolean }[] = [];
		for (const role of roles) {
			const sample =
				// The other roles: the whole-form payloads (a valid post with unknown or prototype keys).
				role === sweep.role ? payloads : payloads.filter((p) => !p.field);
			for (const payload of sample) {
				jobs.push({ role, payload, page: false });
				// The page shows a refused form again: hostile text there must come out escaped.
				const shown = payload.hostile === SCRIPT_PROBE;
				if (role === sweep.role && (shown || !payload.field))
					jobs.push({ role, payload, page: true });
			}
		}
		await pool(jobs, async ({ role, payload, page }) => {
			const path = page
				? `${sweep.page}${sweep.page.includes('?') ? '&' : '?'}_action=${name}`
				: `/_actions/${name}`;
			requests++;
			let answer: Answer;
			try {
				answer = await send(path, { role, method: 'POST', body: form(payload.entries) });
			} catch (error) {
				failures.push(`${role} ${path} ${payload.label}: ${describe(error)}`);
				return;
			}
			const expected = !payload.valid
				? (s: number) => s === 400
				: sweep.noop
					? (s: number) => s < 500
					: is4xx;
			// A page answers a refused form with the page itself (its status the action's) or a redirect.
			const found = problems(answer, page ? (s) => s < 500 : expected);
			if (found.length)
				failures.push(
					`${role} ${path} ${payload.label}: ${found.join(', ')} — ${answer.body.slice(0, 200)}`
				);
		});

		// The body itself: JSON (this action takes forms), malformed JSON, plain text, none.
		const bodies: [string, RequestInit][] = [
			[
				'JSON',
				{ headers: { 'content-type': 'application/json' }, body: JSON.stringify(sweep.base) },
			],
			['malformed JSON', { headers: { 'content-type': 'application/json' }, body: '{"email":' }],
			['plain text', { headers: { 'content-type': 'text/plain' }, body: 'email=a@example.com' }],
			[
				'lone surrogate bytes',
				{
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: Buffer.from('email=%ED%A0%80&x=%00%C0%AF'),
				},
			],
			[
				'malformed multipart',
				{
					headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
					body: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
				},
			],
		];
		const role = roles[0] ?? 'anon';
		const action = `/_actions/${name}`;
		const page = `${sweep.page}${sweep.page.includes('?') ? '&' : '?'}_action=${name}`;
		for (const [label, init] of bodies) {
			// A form body with anything in it is a valid post to an action without fields.
			if (label === 'lone surrogate bytes' && sweep.writes && !schema) continue;
			for (const path of label.startsWith('malformed') ? [action, page] : [action]) {
				requests++;
				try {
					const answer = await send(path, { role, method: 'POST', ...init });
					const expected =
						path === action && label !== 'lone surrogate bytes' ? is4xx : (s: number) => s < 500;
					const found = problems(answer, expected);
					if (found.length)
						failures.push(
							`${role} ${path} ${label}: ${found.join(', ')} — ${answer.body.slice(0, 200)}`
						);
				} catch (error) {
					failures.push(`${role} ${path} ${label}: ${describe(error)}`);
				}
			}
		}
		if (failures.length) failures.push(...siteErrors(logFrom));
		expect(failures).toEqual([]);
		await expectNothingWritten(name, sweep.logs);
	});
}

test('bodies over the action body limit are refused before they are read', async () => {
	const failures: string[] = [];
	// 12 MB in one multipart file, with its length declared…
	const big = form([
		['avatar', new File([new Uint8Array(12 * 1024 * 1024)], 'big.png', { type: 'image/png' })],
	]);
	for (const path of [
		'/_actions/profiles.uploadAvatar',
		'/profile/edit?_action=profiles.uploadAvatar',
	]) {
		requests++;
		const answer = await send(path, { role: 'returnee', method: 'POST', body: big });
		const found = problems(answer, path.startsWith('/_actions/') ? (s) => s === 413 : is4xx);
		if (found.length) failures.push(`${path} 12 MB: ${found.join(', ')}`);
	}
	// …and streamed without a length (chunked), as JSON and as a form.
	for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
		const chunk = new Uint8Array(1024 * 1024).fill(0x61);
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent++ < 12) controller.enqueue(chunk);
				else controller.close();
			},
		});
		requests++;
		const answer = await send('/_actions/mentoring.sendMessage', {
			role: 'returnee',
			method: 'POST',
			headers: { 'content-type': type },
			body,
			duplex: 'half',
		} as RequestInit & { role: Role; duplex: 'half' });
		const found = problems(answer, (s) => s === 413);
		if (found.length) failures.push(`chunked ${type}: ${found.join(', ')}`);
	}
	expect(failures).toEqual([]);
	await expectNothingWritten('bodies over the limit');
});

/** Hostile values for paths and query strings. */
const HOSTILE_PARAMS = [
	HOSTILE_STRINGS[0],
	HOSTILE_STRINGS[1],
	HOSTILE_STRINGS[3],
	HOSTILE_STRINGS[8],
	HOSTILE_STRINGS[9],
	'😀'.repeat(2000),
	NOWHERE,
];

/** GET (and POST where a page takes one) with bad input in paths and query strings. */
async function sweepGets(paths: string[], roles: Role[], method = 'GET'): Promise<string[]> {
	const failures: string[] = [];
	const jobs = roles.flatMap((role) => paths.map((path) => ({ role, path })));
	await pool(jobs, async ({ role, path }) => {
		requests++;
		try {
			const answer = await send(path, {
				role,
				method,
				...(method === 'POST' ? { body: new FormData() } : {}),
			});
			const found = problems(answer, (s) => s < 500);
			if (found.length)
				failures.push(`${role} ${method} ${path.slice(0, 120)}: ${found.join(', ')}`);
		} catch (error) {
			failures.push(`${role} ${method} ${path.slice(0, 120)}: ${describe(error)}`);
		}
	});
	return failures;
}

test('pages with ids and tokens in their paths', async () => {
	const pages = [
		'/people/$',
		'/organisations/$',
		'/organisations/$/edit',
		'/organisations/$/members',
		'/organisations/$/verification',
		'/mentoring/$',
		'/mentoring/request/$',
		'/ventures/$',
		'/ventures/$/edit',
		'/ventures/$/candidates',
		'/ventures/pipeline/$',
		'/staff/verification/$',
		'/invitations/$',
		'/ja/people/$',
		'/xx/people/$',
	];
	const paths = pages.flatMap((page) =>
		HOSTILE_PARAMS.map((value) => page.replace('$', encodeURIComponent(value)))
	);
	// Signed in, so that member pages read their ids; the public ones anonymously too.
	const failures = await sweepGets(paths, ['returnee']);
	failures.push(
		...(await sweepGets(
			paths.filter((p) => /^\/(people|organisations)\/[^/]*$/.test(p)),
			['anon']
		))
	);
	failures.push(
		...(await sweepGets(
			paths.filter((p) => p.includes('staff')),
			['staff']
		))
	);
	expect(failures).toEqual([]);
	await expectNothingWritten('pages with ids in their paths');
});

test('search, directory and list pages with bad query strings', async () => {
	const queries: [string, string[]][] = [
		[
			'/directory',
			[
				'q',
				'page',
				'country',
				'programme',
				'field',
				'jlpt',
				'stage',
				'looking',
				'language',
				'kind',
				'verified',
				'sort',
			],
		],
		[
			'/directory/organisations',
			['q', 'page', 'kind', 'sector', 'country', 'prefecture', 'verified', 'sort'],
		],
		['/ventures', ['q', 'page', 'sector', 'type', 'country', 'side']],
		['/ventures/for-you', ['page']],
		['/ventures/pipeline', ['venture']],
		['/mentoring/find', ['topic', 'page', 'expired']],
		['/report', ['person', 'mentorship', 'message']],
		['/staff/moderation', ['status', 'page']],
		['/profile', ['as']],
		['/sign-in', ['next']],
		['/search', ['q']],
	];
	const paths = queries.flatMap(([page, names]) =>
		HOSTILE_PARAMS.map((value) => {
			const params = new URLSearchParams(names.map((name) => [name, value]));
			return `${page}?${params}`;
		})
	);
	// Repeated and array-like parameters.
	paths.push(
		'/directory?page=1&page=2&q[]=a&q[b]=c&__proto__[x]=1',
		`/ventures?q=${'x'.repeat(20_000)}`
	);
	const failures = await sweepGets(paths, ['returnee']);
	failures.push(
		...(await sweepGets(
			paths.filter((p) => p.startsWith('/directory')),
			['anon']
		))
	);
	failures.push(
		...(await sweepGets(
			paths.filter((p) => p.startsWith('/staff')),
			['staff']
		))
	);
	expect(failures).toEqual([]);
	await expectNothingWritten('pages with query strings');
});

test('unsubscribe links: a GET asks, a POST with a bad token or kind changes nothing', async () => {
	const paths = [...HOSTILE_PARAMS, NOWHERE].flatMap((token) =>
		['all', HOSTILE_STRINGS[0], '__proto__'].map(
			(kind) => `/unsubscribe/${encodeURIComponent(token)}?kind=${encodeURIComponent(kind)}`
		)
	);
	const failures = [
		...(await sweepGets(paths, ['anon'])),
		...(await sweepGets(paths, ['anon'], 'POST')),
		...(await sweepGets(
			paths.slice(0, 5).map((p) => `/ja${p}`),
			['returnee'],
			'POST'
		)),
	];
	// An unknown token is a 404, whatever the kind.
	requests++;
	const unknown = await send(`/unsubscribe/${NOWHERE}?kind=all`, {
		role: 'anon',
		method: 'POST',
		body: new FormData(),
	});
	expect(unknown.status).toBe(404);
	expect(failures).toEqual([]);
	await expectNothingWritten('unsubscribe');
});

test('the data export, sign-out and the jobs endpoint take any body without failing or writing', async () => {
	const failures: string[] = [];
	const bodies: [string, RequestInit][] = [
		['hostile locale', { body: form([['locale', SCRIPT_PROBE]]) }],
		[
			'prototype keys',
			{
				body: form([
					['__proto__', 'x'],
					['constructor[prototype][x]', '1'],
				]),
			},
		],
		['malformed JSON', { headers: { 'content-type': 'application/json' }, body: '{"locale":' }],
		['plain text', { headers: { 'content-type': 'text/plain' }, body: 'locale=ja' }],
		[
			'malformed multipart',
			{ headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nbroken' },
		],
		['no body', {}],
	];
	for (const role of ['anon', 'returnee'] as const) {
		for (const [label, init] of bodies) {
			requests++;
			const answer = await send('/account/export', { role, method: 'POST', ...init });
			// Signed out: to sign-in; signed in: the download.
			const found = problems(answer, (s) => (role === 'anon' ? s === 303 : s === 200));
			if (found.length)
				failures.push(
					`${role} export ${label}: ${found.join(', ')} — ${answer.body.slice(0, 160)}`
				);
		}
	}
	// Signing out anonymously: nothing to end, whatever the body.
	for (const [label, init] of bodies) {
		requests++;
		const answer = await send('/sign-out?_action=auth.signOut', {
			role: 'anon',
			method: 'POST',
			...init,
		});
		const found = problems(answer, (s) => s < 500);
		if (found.length) failures.push(`sign-out ${label}: ${found.join(', ')}`);
	}
	// The scheduler's endpoint: without the right secret it is not there, whatever the body.
	for (const authorization of [undefined, 'Bearer wrong', `Bearer ${SCRIPT_PROBE}`, 'Basic eA==']) {
		requests++;
		const answer = await send('/jobs/run', {
			role: 'anon',
			method: 'POST',
			headers: authorization ? { authorization } : {},
			body: '{"run":"all"',
		});
		const found = problems(answer, (s) => s === 404);
		if (found.length) failures.push(`jobs ${authorization}: ${found.join(', ')}`);
	}
	expect(failures).toEqual([]);
	// Each download is a security event, logged by design.
	await expectNothingWritten('export and sign-out', ['public.audit_log']);
});
