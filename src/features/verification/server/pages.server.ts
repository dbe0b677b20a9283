import { actions } from 'astro:actions';
import { redirectOnSuccess, requireUser } from '~/features/auth/server/require.server.ts';
import { typedDb, type Db } from '~/lib/supabase/db.server.ts';
import type { Database } from '~/lib/supabase/database.types.ts';
import {
	LoadError,
	loadMyRole,
	loadOrganisation,
	type Organisation,
} from '~/features/organisations/server/queries.server.ts';
import type { PageContext, Unavailable } from '~/features/organisations/server/pages.server.ts';
import { isUuid } from '~/features/organisations/paths.ts';
import { signEvidence, type EvidenceLink } from './evidence.server.ts';
import { REQUEST_COLUMNS, loadLatestRequest, type VerificationRequest } from './queries.server.ts';

async function guarded<T>(context: PageContext, load: () => Promise<T>): Promise<T | Unavailable> {
	try {
		return await load();
	} catch (error) {
		if (!(error instanceof LoadError)) throw error;
		console.error('[verification]', error, error.cause);
		context.response.status = 503;
		return { unavailable: true };
	}
}

/** A person's own verification page. */
export interface PersonPageData {
	verified: boolean;
	verifiedAt: string | null;
	/** Whether the profile has a name yet: staff need something to check against. */
	hasProfile: boolean;
	latest: VerificationRequest | null;
}

/** Loads the person's verification status and their newest request. */
export async function personPageData(
	context: PageContext
): Promise<PersonPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	for (const action of [actions.verification.requestPerson, actions.verification.withdraw]) {
		const done = redirectOnSuccess(context, context.getActionResult(action));
		if (done) return done;
	}
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		const userId = user.sub ?? '';
		const [profile, latest] = await Promise.all([
			db
				.from('profiles')
				.select('display_name, verified, verified_at')
				.eq('id', userId)
				.maybeSingle(),
			loadLatestRequest(db, { userId }),
		]);
		if (profile.error) throw new LoadError('could not load the profile', { cause: profile.error });
		return {
			verified: profile.data?.verified ?? false,
			verifiedAt: profile.data?.verified_at ?? null,
			hasProfile: Boolean(profile.data?.display_name),
			latest,
		};
	});
}

/** An organisation's verification page, for its owners. */
export interface OrganisationPageData {
	organisation: Organisation;
	isOwner: boolean;
	latest: VerificationRequest | null;
}

/** Loads an organisation's verification status, for its owners. */
export async function organisationPageData(
	context: PageContext
): Promise<OrganisationPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	for (const action of [actions.verification.requestOrganisation, actions.verification.withdraw]) {
		const done = redirectOnSuccess(context, context.getActionResult(action));
		if (done) return done;
	}
	const { id } = context.params;
	if (!isUuid(id)) return context.rewrite('/404');
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		const organisation = await loadOrganisation(db, id);
		if (!organisation) return context.rewrite('/404');
		const isOwner = (await loadMyRole(db, id, user.sub ?? '')) === 'owner';
		if (!isOwner) context.response.status = 403;
		const latest = isOwner ? await loadLatestRequest(db, { organisationId: id }) : null;
		return { organisation, isOwner, latest };
	});
}

/**
 * Whether the signed-in visitor is staff (the database decides; this only shapes the page).
 * @throws {LoadError} when the database does not answer
 */
export async function isStaff(db: Db): Promise<boolean> {
	const { data, error } = await db.rpc('is_staff');
	if (error) throw new LoadError('could not check the staff role', { cause: error });
	return data === true;
}

/** A request in the staff queue, with who and what it is about. */
export interface QueueEntry extends VerificationRequest {
	subjectName: string;
	subjectKind: 'person' | 'organisation';
}

/** The staff queue: requests waiting (oldest first), and the latest decisions. */
export interface QueuePageData {
	isStaff: boolean;
	pending: QueueEntry[];
	decided: QueueEntry[];
}

async function withSubjects(db: Db, requests: VerificationRequest[]): Promise<QueueEntry[]> {
	const userIds = [
		...new Set(requests.flatMap((r) => (r.subject_user_id ? [r.subject_user_id] : []))),
	];
	const orgIds = [
		...new Set(
			requests.flatMap((r) => (r.subject_organisation_id ? [r.subject_organisation_id] : []))
		),
	];
	const [people, organisations] = await Promise.all([
		userIds.length
			? db.from('profiles').select('id, display_name').in('id', userIds)
			: { data: [], error: null },
		orgIds.length
			? db.from('organisations').select('id, name').in('id', orgIds)
			: { data: [], error: null },
	]);
	if (people.error || organisations.error) {
		throw new LoadError('could not load the subjects', {
			cause: people.error ?? organisations.error,
		});
	}
	const names = new Map<string, string>([
		...(people.data ?? []).map((p) => [p.id, p.display_name] as [string, string]),
		...(organisations.data ?? []).map((o) => [o.id, o.name] as [string, string]),
	]);
	return requests.map((r) => ({
		...r,
		subjectKind: r.subject_user_id ? 'person' : 'organisation',
		subjectName: names.get(r.subject_user_id ?? r.subject_organisation_id ?? '') ?? '',
	}));
}

/** Loads the staff queue; anyone else gets a page that says it is for staff (status 403). */
export async function queuePageData(
	context: PageContext
): Promise<QueuePageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		if (!(await isStaff(db))) {
			context.response.status = 403;
			return { isStaff: false, pending: [], decided: [] };
		}
		const [pending, decided] = await Promise.all([
			db
				.from('verification_requests')
				.select(REQUEST_COLUMNS)
				.eq('status', 'pending')
				.order('created_at', { ascending: true })
				.limit(100),
			db
				.from('verification_requests')
				.select(REQUEST_COLUMNS)
				.neq('status', 'pending')
				.order('decided_at', { ascending: false })
				.limit(20),
		]);
		if (pending.error || decided.error) {
			throw new LoadError('could not load the queue', { cause: pending.error ?? decided.error });
		}
		return {
			isStaff: true,
			pending: await withSubjects(db, pending.data ?? []),
			decided: await withSubjects(db, decided.data ?? []),
		};
	});
}

/** A person's profile as staff see it: every field. */
export type ProfileForStaff = Database['public']['Functions']['get_profile']['Returns'][number];

/** One request as staff review it. */
export interface ReviewPageData {
	isStaff: boolean;
	request: QueueEntry | null;
	evidence: EvidenceLink[];
	/** The organisation it is about, if any. */
	organisation: Organisation | null;
	/** The person it is about, as staff see them (every field), if any. */
	person: ProfileForStaff | null;
	/** The requester's name (an owner, for an organisation). */
	requesterName: string | null;
}

/** Loads one request for review, with short-lived links to its evidence. */
export async function reviewPageData(
	context: PageContext
): Promise<ReviewPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = redirectOnSuccess(context, context.getActionResult(actions.verification.decide));
	if (done) return done;
	const { id } = context.params;
	if (!isUuid(id)) return context.rewrite('/404');
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		const empty = {
			request: null,
			evidence: [],
			organisation: null,
			person: null,
			requesterName: null,
		};
		if (!(await isStaff(db))) {
			context.response.status = 403;
			return { isStaff: false, ...empty };
		}
		const { data, error } = await db
			.from('verification_requests')
			.select(REQUEST_COLUMNS)
			.eq('id', id)
			.maybeSingle();
		if (error) throw new LoadError('could not load the request', { cause: error });
		if (!data) return context.rewrite('/404');
		const [request] = await withSubjects(db, [data]);
		const [evidence, organisation, person, requester] = await Promise.all([
			signEvidence(db, data.evidence_paths),
			data.subject_organisation_id ? loadOrganisation(db, data.subject_organisation_id) : null,
			data.subject_user_id
				? db.rpc('get_profile', { p_id: data.subject_user_id }).maybeSingle()
				: null,
			data.requested_by
				? db.from('profiles').select('display_name').eq('id', data.requested_by).maybeSingle()
				: null,
		]);
		return {
			isStaff: true,
			request: request ?? null,
			evidence,
			organisation,
			person: person?.data ?? null,
			requesterName: requester?.data?.display_name ?? null,
		};
	});
}
