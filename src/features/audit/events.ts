import type { MessageKey } from '~/i18n/translate.ts';

/**
 * The kinds of entry in the audit log (public.audit_log.action), in the order the staff page
 * lists them in its filter. Each has a readable name `audit.event.<area>_<verb>` in every catalog.
 */
export const AUDIT_EVENTS = [
	'auth.sign_in',
	'auth.sign_in_failed',
	'auth.sign_out',
	'auth.password_changed',
	'auth.password_reset_requested',
	'account.exported',
	'account.deleted',
	'staff.granted',
	'staff.revoked',
	'verification.approved',
	'verification.rejected',
	'verification.revoked',
	'verification.changed',
	'organisation.role_changed',
	'report.actioned',
	'report.dismissed',
	'security.rate_limited',
] as const;

/** One kind of audit entry. */
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** The events the site itself records (the database records the rest). */
export type SiteEvent = Extract<
	AuditEvent,
	`auth.${string}` | 'account.exported' | 'account.deleted' | 'security.rate_limited'
>;

/** Whether a value is a known kind of audit entry. */
export function isAuditEvent(value: unknown): value is AuditEvent {
	return typeof value === 'string' && (AUDIT_EVENTS as readonly string[]).includes(value);
}

/**
 * The catalog key of an event's readable name: `auth.sign_in` → `audit.event.auth_sign_in`
 * (every one is in every catalog: events.test.ts).
 */
export function eventKey(event: AuditEvent): MessageKey {
	return `audit.event.${event.replace('.', '_')}` as MessageKey;
}
