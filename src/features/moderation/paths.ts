/** Locale-independent paths of the moderation pages; `localePath()` turns them into URLs. */
export const MODERATION_PATHS = {
	/**
	 * Report a person, a mentorship or a message, and block: `/report?person=…&mentorship=…&message=…`;
	 * a joint-venture conversation or a message in it: `/report?venture=…&venture_message=…`.
	 */
	report: '/report',
	/** Staff: open reports with their context. */
	queue: '/staff/moderation',
} as const;

/** What a report page is about, as its address says it. */
export interface ReportTarget {
	person?: string | undefined;
	mentorship?: string | undefined;
	message?: number | undefined;
	/** A joint-venture pipeline (its conversation). */
	venture?: string | undefined;
	/** A message in a joint-venture conversation. */
	ventureMessage?: number | undefined;
}

/** The address of the report page for a person, a mentorship or a message in it. */
export function reportPath(target: ReportTarget): string {
	const params = new URLSearchParams();
	if (target.person) params.set('person', target.person);
	if (target.mentorship) params.set('mentorship', target.mentorship);
	if (target.message !== undefined) params.set('message', String(target.message));
	if (target.venture) params.set('venture', target.venture);
	if (target.ventureMessage !== undefined)
		params.set('venture_message', String(target.ventureMessage));
	const query = params.toString();
	return query ? `${MODERATION_PATHS.report}?${query}` : MODERATION_PATHS.report;
}
