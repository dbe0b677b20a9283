import { localePath, type Locale } from '~/i18n/locales.ts';

/** Locale-independent paths of the profile pages; `localePath()` turns them into URLs. */
export const PROFILE_PATHS = {
	/** The signed-in person's own profile ("My profile"). */
	mine: '/profile',
	/** The profile editor. */
	edit: '/profile/edit',
	/** Everyone's profiles: `/people/<id>`. */
	people: '/people',
} as const;

/** The locale-independent path of a person's profile page. */
export function personPath(id: string): string {
	return `${PROFILE_PATHS.people}/${encodeURIComponent(id)}`;
}

/** The URL of a person's profile page in a locale; the directory links to it. */
export function personUrl(locale: Locale, id: string): string {
	return localePath(locale, personPath(id));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a route parameter is a profile id (a UUID); anything else is answered with 404. */
export function isProfileId(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}
