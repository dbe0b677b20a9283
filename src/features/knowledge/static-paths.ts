import type { GetStaticPaths } from 'astro';
import { LOCALES, localePath, type Locale } from '~/i18n/locales.ts';
import { getLocalizedEntries, type LocalizedEntry } from './queries.ts';

/** What the catch-all static route renders for one URL. */
export type StaticView =
	| { kind: 'home' }
	| { kind: 'hub' }
	| { kind: 'pathways' }
	| { kind: 'search' }
	| { kind: 'entry'; page: LocalizedEntry };

export interface StaticPageProps {
	locale: Locale;
	/** The locale-independent path, e.g. `/glossary`. */
	path: string;
	view: StaticView;
}

/** Static pages that are not content entries, by locale-independent path. */
const FIXED_VIEWS: [string, StaticView][] = [
	['/', { kind: 'home' }],
	['/guides', { kind: 'hub' }],
	['/pathways', { kind: 'pathways' }],
	['/search', { kind: 'search' }],
];

/** Every prerendered public page in every locale; a missing translation renders the English page. */
export const getStaticPagePaths = (async () => {
	const pages = await Promise.all(
		LOCALES.map(async (locale) => {
			const entries = await getLocalizedEntries(locale);
			const views: [string, StaticView][] = [
				...FIXED_VIEWS,
				...entries.map((page): [string, StaticView] => [page.path, { kind: 'entry', page }]),
			];
			return views.map(([path, view]) => {
				const url = localePath(locale, path);
				return {
					params: { path: url === '/' ? undefined : url.slice(1) },
					props: { locale, path, view } satisfies StaticPageProps,
				};
			});
		})
	);
	return pages.flat();
}) satisfies GetStaticPaths;
