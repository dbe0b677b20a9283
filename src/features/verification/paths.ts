/** Locale-independent paths of the verification pages; `localePath()` turns them into URLs. */
export const VERIFICATION_PATHS = {
	/** A person asks to have their Japan track record verified. */
	person: '/verification',
	/** An owner asks to have their organisation verified. */
	organisation: (id: string) => `/organisations/${id}/verification`,
	/** Staff: the requests waiting for a decision. */
	queue: '/staff/verification',
	/** Staff: one request, its evidence and the decision. */
	review: (id: string) => `/staff/verification/${id}`,
} as const;
