import { getCollection, type CollectionEntry } from 'astro:content';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '~/i18n/locales.ts';

export type KnowledgeEntry = CollectionEntry<'knowledge'>;

/** A knowledge page as one locale sees it: its own translation, or the English page as a fallback. */
export interface LocalizedEntry {
	entry: KnowledgeEntry;
	/** The locale-independent URL path, e.g. `/pathways/titp`. */
	path: string;
	/** The locale the content is written in (English when falling back). */
	contentLocale: Locale;
	/** True when the reader's locale has no translation and English is shown. */
	fallback: boolean;
	/** Every locale that has this page translated. */
	translatedLocales: Locale[];
}

/** Splits a collection id such as `ja/pathways/titp` into its locale and path. */
function parseId(id: string): { locale: Locale; path: string } {
	const [locale, ...rest] = id.split('/');
	if (!isLocale(locale))
		throw new Error(
			`content/knowledge/${id}.md: "${locale}" is not a locale (${LOCALES.join(', ')})`
		);
	return { locale, path: `/${rest.join('/')}` };
}

let cache: Promise<Map<string, Map<Locale, KnowledgeEntry>>> | undefined;

/** All knowledge pages grouped by path, then by locale. */
function entriesByPath(): Promise<Map<string, Map<Locale, KnowledgeEntry>>> {
	cache ??= getCollection('knowledge').then((entries) => {
		const byPath = new Map<string, Map<Locale, KnowledgeEntry>>();
		for (const entry of entries) {
			const { locale, path } = parseId(entry.id);
			if (locale === DEFAULT_LOCALE && entry.data.translation) {
				throw new Error(
					`content/knowledge/${entry.id}.md: English pages are originals; remove "translation"`
				);
			}
			if (locale !== DEFAULT_LOCALE && !entry.data.translation) {
				throw new Error(
					`content/knowledge/${entry.id}.md: translations need "translation: { reviewed: true|false }"`
				);
			}
			const locales = byPath.get(path) ?? new Map<Locale, KnowledgeEntry>();
			locales.set(locale, entry);
			byPath.set(path, locales);
		}
		for (const [path, locales] of byPath) {
			if (!locales.has(DEFAULT_LOCALE)) {
				throw new Error(`content/knowledge: ${path} has translations but no English original`);
			}
		}
		return byPath;
	});
	return cache;
}

/** Every knowledge page, in every locale, with English standing in where a translation is missing. */
export async function getLocalizedEntries(locale: Locale): Promise<LocalizedEntry[]> {
	const byPath = await entriesByPath();
	return [...byPath].map(([path, locales]) => {
		const own = locales.get(locale);
		const entry = own ?? (locales.get(DEFAULT_LOCALE) as KnowledgeEntry);
		return {
			entry,
			path,
			contentLocale: own ? locale : DEFAULT_LOCALE,
			fallback: !own,
			translatedLocales: LOCALES.filter((l) => locales.has(l)),
		};
	});
}

/** The pages of one kind in a locale, in their `order`. */
export async function getEntriesOfKind(
	locale: Locale,
	kind: KnowledgeEntry['data']['kind']
): Promise<LocalizedEntry[]> {
	const entries = await getLocalizedEntries(locale);
	return entries
		.filter((e) => e.entry.data.kind === kind)
		.sort((a, b) => a.entry.data.order - b.entry.data.order || a.path.localeCompare(b.path));
}
