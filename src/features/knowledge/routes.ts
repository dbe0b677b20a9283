import type { Locale } from '~/i18n/locales.ts';
import { LOCALES } from '~/i18n/locales.ts';

const ALL: readonly Locale[] = LOCALES;
const EN_JA: readonly Locale[] = ['en', 'ja'];

/** The five pathway pages, in reading order. */
export const PATHWAY_SLUGS = ['titp', 'esd', 'ssw-1', 'ssw-2', 'engineer-specialist'] as const;

/** The audience guides, in reading order. */
export const GUIDE_SLUGS = ['workers', 'employers', 'recruiters', 'returnees'] as const;

/** Pages the knowledge hub must have, and the locales each must be written in (see docs/content-guide.md). */
export const REQUIRED_PAGES: { path: string; locales: readonly Locale[] }[] = [
	...PATHWAY_SLUGS.map((slug) => ({ path: `/pathways/${slug}`, locales: ALL })),
	{ path: '/guides/workers', locales: ALL },
	...GUIDE_SLUGS.filter((s) => s !== 'workers').map((slug) => ({
		path: `/guides/${slug}`,
		locales: EN_JA,
	})),
	// Agreement templates for joint ventures, linked from the ventures pipeline.
	{ path: '/guides/nda-template', locales: EN_JA },
	{ path: '/guides/mou-template', locales: EN_JA },
	{ path: '/glossary', locales: ALL },
	{ path: '/timeline', locales: EN_JA },
	{ path: '/numbers', locales: EN_JA },
];
