import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { redirectOnSuccess, requireUser } from '~/features/auth/server/require.server.ts';
import {
	loadLatestRequest,
	type VerificationRequest,
} from '~/features/verification/server/queries.server.ts';
import { isInvitationToken, isUuid } from '../paths.ts';
import type { OrganisationRole } from '../options.ts';
import { typedDb } from '~/lib/supabase/db.server.ts';
import { logoUrl } from './logo.server.ts';
import {
	LoadError,
	loadInvitations,
	loadMyInvitations,
	loadMyOrganisations,
	loadMyRole,
	loadOrganisation,
	loadRoster,
	type Membership,
	type MyInvitation,
	type Organisation,
	type PendingInvitation,
	type RosterEntry,
} from './queries.server.ts';

/** The parts of `Astro` the page loaders use. */
export type PageContext = Pick<
	AstroGlobal,
	'locals' | 'params' | 'url' | 'redirect' | 'rewrite' | 'getActionResult' | 'response'
>;

/** What a page shows when the database could not answer: "try again later", with status 503. */
export interface Unavailable {
	unavailable: true;
}

/**
 * Runs a page's loader. A LoadError (the database did not answer) becomes the "try again later"
 * page with status 503, never a stack trace.
 */
async function guarded<T>(context: PageContext, load: () => Promise<T>): Promise<T | Unavailable> {
	try {
		return await load();
	} catch (error) {
		if (!(error instanceof LoadError)) throw error;
		console.error('[organisations]', error, error.cause);
		context.response.status = 503;
		return { unavailable: true };
	}
}

/** Whether a loader answered "try again later". */
export function isUnavailable(value: object): value is Unavailable {
	return 'unavailable' in value;
}

/** Everything the public page of an organisation shows. */
export interface OrganisationPageData {
	organisation: Organisation;
	logoUrl: string | null;
	/** The visitor's role, or null when they do not belong to it (or are signed out). */
	role: OrganisationRole | null;
	/** The members, for its own members only. */
	roster: RosterEntry[];
	/** The newest verification request, for its owners only. */
	verification: VerificationRequest | null;
}

/** Loads an organisation's page, or answers 404 for an id that is not one. */
export async function organisationPageData(
	context: PageContext
): Promise<OrganisationPageData | Unavailable | Response> {
	const { id } = context.params;
	if (!isUuid(id)) return context.rewrite('/404');
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		const organisation = await loadOrganisation(db, id);
		if (!organisation) return context.rewrite('/404');
		const userId = context.locals.user?.sub;
		const role = userId ? await loadMyRole(db, id, userId) : null;
		const [roster, verification] = await Promise.all([
			role ? loadRoster(db, id) : [],
			role === 'owner' ? loadLatestRequest(db, { organisationId: id }) : null,
		]);
		return {
			organisation,
			logoUrl: logoUrl(db, organisation.logo_path),
			role,
			roster,
			verification,
		};
	});
}

/** What the edit page needs, once it has checked that the visitor is an owner. */
export interface EditPageData {
	organisation: Organisation;
	logoUrl: string | null;
	/** False when the visitor does not own the organisation: the page explains instead of editing. */
	isOwner: boolean;
}

/** Loads an organisation's edit page (signed in only); redirects once a save succeeded. */
export async function editPageData(
	context: PageContext
): Promise<EditPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	const done = redirectOnSuccess(context, context.getActionResult(actions.organisations.update));
	if (done) return done;
	const { id } = context.params;
	if (!isUuid(id)) return context.rewrite('/404');
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		const organisation = await loadOrganisation(db, id);
		if (!organisation) return context.rewrite('/404');
		const isOwner = (await loadMyRole(db, id, user.sub ?? '')) === 'owner';
		if (!isOwner) context.response.status = 403;
		return { organisation, logoUrl: logoUrl(db, organisation.logo_path), isOwner };
	});
}

/** What the members page shows. */
export interface MembersPageData {
	organisation: Organisation;
	role: OrganisationRole | null;
	roster: RosterEntry[];
	invitations: PendingInvitation[];
	userId: string;
}

/** Loads an organisation's members page (its members only); redirects after a change. */
export async function membersPageData(
	context: PageContext
): Promise<MembersPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	for (const action of [
		actions.organisations.invite,
		actions.organisations.withdrawInvitation,
		actions.organisations.removeMember,
		actions.organisations.changeRole,
		actions.organisations.leave,
	]) {
		const done = redirectOnSuccess(context, context.getActionResult(action));
		if (done) return done;
	}
	const { id } = context.params;
	if (!isUuid(id)) return context.rewrite('/404');
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		const organisation = await loadOrganisation(db, id);
		if (!organisation) return context.rewrite('/404');
		const userId = user.sub ?? '';
		const role = await loadMyRole(db, id, userId);
		if (!role) context.response.status = 403;
		const [roster, invitations] = await Promise.all([
			role ? loadRoster(db, id) : [],
			role === 'owner' ? loadInvitations(db, id) : [],
		]);
		return { organisation, role, roster, invitations, userId };
	});
}

/** What "Your organisations" shows. */
export interface MinePageData {
	memberships: (Membership & { logoUrl: string | null })[];
	invitations: MyInvitation[];
}

/** Loads the signed-in person's organisations and the invitations waiting for them. */
export async function minePageData(
	context: PageContext
): Promise<MinePageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		const [memberships, invitations] = await Promise.all([
			loadMyOrganisations(db, user.sub ?? ''),
			loadMyInvitations(db),
		]);
		return {
			memberships: memberships.map((m) => ({
				...m,
				logoUrl: logoUrl(db, m.organisation.logo_path),
			})),
			invitations,
		};
	});
}

/** What an invitation link's page shows. */
export type InvitationPageData =
	| { state: 'missing' }
	| {
			state: 'for-me' | 'for-someone-else';
			token: string;
			organisationId: string;
			organisationName: string;
			organisationKind: Organisation['kind'];
			role: OrganisationRole;
			expiresAt: string;
			email: string;
	  };

/**
 * Loads an invitation link's page. Signing in comes first: the database only tells a signed-in
 * person what an invitation is for, and whether it was sent to their address.
 */
export async function invitationPageData(
	context: PageContext
): Promise<InvitationPageData | Unavailable | Response> {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	for (const action of [
		actions.organisations.acceptInvitation,
		actions.organisations.declineInvitation,
	]) {
		const done = redirectOnSuccess(context, context.getActionResult(action));
		if (done) return done;
	}
	const { token } = context.params;
	if (!isInvitationToken(token)) {
		context.response.status = 404;
		return { state: 'missing' };
	}
	return guarded(context, async () => {
		const db = typedDb(context.locals.supabase);
		const { data, error } = await db.rpc('get_invitation', { p_token: token }).maybeSingle();
		if (error) throw new LoadError('could not load the invitation', { cause: error });
		if (!data) {
			context.response.status = 404;
			return { state: 'missing' } as const;
		}
		return {
			state: data.for_me ? 'for-me' : 'for-someone-else',
			token,
			organisationId: data.organisation_id,
			organisationName: data.organisation_name,
			organisationKind: data.organisation_kind,
			role: data.role,
			expiresAt: data.expires_at,
			email: user.email ?? '',
		} as const;
	});
}

/** The create page: signed in only; redirects once the organisation exists. */
export function createPageGuard(context: PageContext): Response | undefined {
	const user = requireUser(context);
	if (user instanceof Response) return user;
	return redirectOnSuccess(context, context.getActionResult(actions.organisations.create));
}
