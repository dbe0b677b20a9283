import type { Tables } from '~/lib/supabase/database.types.ts';
import type { OrganisationRole } from '../options.ts';
import type { Db } from '~/lib/supabase/db.server.ts';

/** An organisation as its public page shows it. */
export type Organisation = Omit<Tables<'organisations'>, 'search_document' | 'search_name'>;

const ORGANISATION_COLUMNS =
	'id, kind, name, corporate_number, country, prefecture, region, sector, size, website, description, logo_path, verified, verified_at, created_by, created_at, updated_at';

/** Thrown when the database cannot answer a page's question; the page says "try again later". */
export class LoadError extends Error {
	override name = 'LoadError';
}

function check<T>(result: { data: T; error: unknown }, what: string): T {
	if (result.error) throw new LoadError(`could not load ${what}`, { cause: result.error });
	return result.data;
}

/** One organisation (organisations are public), or null when there is none with that id. */
export async function loadOrganisation(db: Db, id: string): Promise<Organisation | null> {
	return check(
		await db.from('organisations').select(ORGANISATION_COLUMNS).eq('id', id).maybeSingle(),
		'the organisation'
	);
}

/** The signed-in person's role in an organisation, or null when they do not belong to it. */
export async function loadMyRole(
	db: Db,
	organisationId: string,
	userId: string
): Promise<OrganisationRole | null> {
	const row = check(
		await db
			.from('organisation_members')
			.select('role')
			.eq('organisation_id', organisationId)
			.eq('user_id', userId)
			.maybeSingle(),
		'your membership'
	);
	return row?.role ?? null;
}

/** A member of an organisation as its roster shows them. */
export interface RosterEntry {
	userId: string;
	displayName: string;
	avatarPath: string | null;
	role: OrganisationRole;
	title: string | null;
	joinedAt: string;
}

/** The people of an organisation; only its members (and staff) get any rows. */
export async function loadRoster(db: Db, organisationId: string): Promise<RosterEntry[]> {
	const rows = check(
		await db.rpc('organisation_roster', { p_organisation_id: organisationId }),
		'the members'
	);
	return (rows ?? []).map((row) => ({
		userId: row.user_id,
		displayName: row.display_name,
		avatarPath: row.avatar_path,
		role: row.role,
		title: row.title,
		joinedAt: row.joined_at,
	}));
}

/** An invitation waiting to be accepted, as its organisation's owners see it. */
export interface PendingInvitation {
	id: string;
	email: string;
	role: OrganisationRole;
	token: string;
	expiresAt: string;
}

/** The organisation's open invitations; only owners get any rows. */
export async function loadInvitations(
	db: Db,
	organisationId: string
): Promise<PendingInvitation[]> {
	const rows = check(
		await db
			.from('organisation_invitations')
			.select('id, email, role, token, expires_at')
			.eq('organisation_id', organisationId)
			.gt('expires_at', new Date().toISOString())
			.order('created_at', { ascending: false }),
		'the invitations'
	);
	return (rows ?? []).map((row) => ({
		id: row.id,
		email: row.email,
		role: row.role,
		token: row.token,
		expiresAt: row.expires_at,
	}));
}

/** An organisation the signed-in person belongs to. */
export interface Membership {
	role: OrganisationRole;
	organisation: Pick<Organisation, 'id' | 'name' | 'kind' | 'verified' | 'logo_path' | 'country'>;
}

/** The organisations the signed-in person belongs to, by name. */
export async function loadMyOrganisations(db: Db, userId: string): Promise<Membership[]> {
	const memberships = check(
		await db.from('organisation_members').select('organisation_id, role').eq('user_id', userId),
		'your organisations'
	);
	if (!memberships || memberships.length === 0) return [];
	const ids = memberships.map((m) => m.organisation_id);
	const organisations = check(
		await db
			.from('organisations')
			.select('id, name, kind, verified, logo_path, country')
			.in('id', ids)
			.order('name'),
		'your organisations'
	);
	const roles = new Map(memberships.map((m) => [m.organisation_id, m.role]));
	return (organisations ?? []).map((organisation) => ({
		role: roles.get(organisation.id) ?? 'member',
		organisation,
	}));
}

/** An invitation addressed to the signed-in person. */
export interface MyInvitation {
	token: string;
	organisationId: string;
	organisationName: string;
	organisationKind: Organisation['kind'];
	role: OrganisationRole;
	expiresAt: string;
}

/** The invitations waiting for the signed-in person's confirmed email address. */
export async function loadMyInvitations(db: Db): Promise<MyInvitation[]> {
	const rows = check(await db.rpc('my_invitations'), 'your invitations');
	return (rows ?? []).map((row) => ({
		token: row.token,
		organisationId: row.organisation_id,
		organisationName: row.organisation_name,
		organisationKind: row.organisation_kind,
		role: row.role,
		expiresAt: row.expires_at,
	}));
}
