/** Locale-independent paths of the directory pages; `localePath()` turns them into URLs. */
export const DIRECTORY_PATHS = {
	people: '/directory',
	organisations: '/directory/organisations',
} as const;
