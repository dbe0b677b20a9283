/** Locale-independent paths of the joint-venture pages; `localePath()` turns them into URLs. */
export const VENTURE_PATHS = {
	/** Open opportunities as anonymous teasers, with filters. */
	browse: '/ventures',
	/** Opportunities that match the signed-in returnee, best first, with reasons. */
	forYou: '/ventures/for-you',
	/** The opportunities the member posted (for their organisations or their own business). */
	mine: '/ventures/mine',
	/** Post a new opportunity. */
	create: '/ventures/new',
	/** One opportunity: `/ventures/<id>`. */
	show: (id: string) => `/ventures/${id}`,
	/** Edit an opportunity: `/ventures/<id>/edit`. */
	edit: (id: string) => `/ventures/${id}/edit`,
	/** Candidates for an opportunity, for its owners: `/ventures/<id>/candidates`. */
	candidates: (id: string) => `/ventures/${id}/candidates`,
	/** The member's pipeline as a board, a column per stage. */
	pipeline: '/ventures/pipeline',
	/** One pipeline (an interest between the two sides): `/ventures/pipeline/<interest id>`. */
	interest: (id: string) => `/ventures/pipeline/${id}`,
	/** Public aggregated outcomes by corridor and sector. */
	outcomes: '/ventures/outcomes',
} as const;

/** The knowledge pages with the agreement templates, linked from the pipeline. */
export const TEMPLATE_PATHS = {
	nda: '/guides/nda-template',
	mou: '/guides/mou-template',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a route parameter is an id (a UUID); anything else is answered with 404. */
export function isId(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}
