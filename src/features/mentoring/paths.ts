/** Locale-independent paths of the mentoring pages; `localePath()` turns them into URLs. */
export const MENTORING_PATHS = {
	/** "My mentoring": requests sent and received, a mentor's pause banner and feedback totals. */
	home: '/mentoring',
	/** The signed-in member's mentor profile (offer mentoring, pause). */
	mentorProfile: '/mentoring/mentor-profile',
	/** The caller's matches, best first, with reasons. */
	find: '/mentoring/find',
	/** The public page that explains matching. */
	howMatchingWorks: '/mentoring/how-matching-works',
	/** Ask one mentor: `/mentoring/request/<mentor id>`. */
	request: (mentorId: string) => `/mentoring/request/${mentorId}`,
	/** One mentorship, its thread and actions: `/mentoring/<id>`. */
	show: (id: string) => `/mentoring/${id}`,
	/** Email settings. */
	notifications: '/account/notifications',
} as const;

/** The path of a one-click unsubscribe link (the kind goes in `?kind=`). */
export function unsubscribePath(token: string): string {
	return `/unsubscribe/${encodeURIComponent(token)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a route parameter is an id (a UUID); anything else is answered with 404. */
export function isId(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}
