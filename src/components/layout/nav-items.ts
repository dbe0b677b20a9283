import type { MessageKey } from '~/i18n/translate.ts';

/** The main navigation: locale-independent paths and their labels. Only pages that exist are listed. */
export const NAV_ITEMS: { path: string; label: MessageKey }[] = [
	{ path: '/guides', label: 'nav.learn' },
	{ path: '/pathways', label: 'nav.pathways' },
	{ path: '/glossary', label: 'nav.glossary' },
	{ path: '/timeline', label: 'nav.timeline' },
	{ path: '/numbers', label: 'nav.numbers' },
	{ path: '/directory', label: 'nav.directory' },
];

/** Whether a nav item is the current page or a parent of it. */
export function isCurrent(itemPath: string, pagePath: string): boolean {
	return pagePath === itemPath || pagePath.startsWith(`${itemPath}/`);
}
