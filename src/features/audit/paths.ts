/** Locale-independent paths of the audit pages; `localePath()` turns them into URLs. */
export const AUDIT_PATHS = {
	/** Staff: the audit log, newest first, with filters. */
	log: '/staff/audit',
} as const;
