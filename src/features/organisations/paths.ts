/** Locale-independent paths of the organisation pages; `localePath()` turns them into URLs. */
export const ORGANISATION_PATHS = {
	/** Your organisations and the invitations waiting for you. */
	mine: '/organisations',
	create: '/organisations/new',
	/** The public page of one organisation. */
	show: (id: string) => `/organisations/${id}`,
	edit: (id: string) => `/organisations/${id}/edit`,
	members: (id: string) => `/organisations/${id}/members`,
	/** An invitation link, as emailed to the person invited. */
	invitation: (token: string) => `/invitations/${token}`,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a route parameter is a UUID: anything else is answered with 404 before asking the database. */
export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

/** Whether a route parameter looks like an invitation token (64 hex digits). */
export function isInvitationToken(value: unknown): value is string {
	return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
