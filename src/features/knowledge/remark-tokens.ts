import type { Locale } from '~/i18n/locales.ts';
import { isLocale } from '~/i18n/locales.ts';
import { CATALOGS } from '~/i18n/translate.ts';

const TOKEN = /\{(src:\d+|secondary|unconfirmed)\}/g;

/**
 * Lists the `{src:N}` citations in a page body that point past its `sources` list.
 * @returns human-readable problems; empty when every citation resolves
 */
export function findCitationErrors(body: string, sourceCount: number): string[] {
	return [...body.matchAll(/\{src:(\d+)\}/g)]
		.map((m) => Number(m[1]))
		.filter((n) => n < 1 || n > sourceCount)
		.map((n) => `{src:${n}} cites a source that does not exist (the page lists ${sourceCount})`);
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** The HTML a content token becomes, in the page's locale. */
export function renderToken(token: string, locale: Locale): string {
	const messages = CATALOGS[locale];
	const m = (key: string) => escapeHtml(messages[key] ?? CATALOGS.en[key] ?? key);
	if (token.startsWith('src:')) {
		const n = token.slice(4);
		const label = m('knowledge.citation').replace('{n}', n);
		return `<sup class="cite"><a href="#source-${n}" aria-label="${label}">[${n}]</a></sup>`;
	}
	if (token === 'secondary') {
		return `<span class="flag flag-secondary" title="${m('knowledge.flag.secondaryHint')}">${m('knowledge.flag.secondary')}</span>`;
	}
	return `<span class="flag flag-unconfirmed" title="${m('knowledge.flag.unconfirmedHint')}">${m('knowledge.flag.unconfirmed')}</span>`;
}

interface MdNode {
	type: string;
	value?: string;
	children?: MdNode[];
}

/** The locale of a content file, from its path under `content/knowledge/<locale>/`. */
function localeOfFile(path: string | undefined): Locale {
	const match = /content[\\/]knowledge[\\/]([a-z]{2})[\\/]/.exec(path ?? '');
	return isLocale(match?.[1]) ? match[1] : 'en';
}

/**
 * Remark plugin: turns `{src:N}`, `{secondary}` and `{unconfirmed}` in knowledge pages into
 * localized citation links and badges, and fails the build on a citation to a missing source.
 */
export function remarkKnowledgeTokens() {
	return (tree: MdNode, file: { path?: string; data: { astro?: { frontmatter?: Record<string, unknown> } } }) => {
		if (!/content[\\/]knowledge[\\/]/.test(file.path ?? '')) return;
		const locale = localeOfFile(file.path);
		const sources = file.data.astro?.frontmatter?.['sources'];
		const sourceCount = Array.isArray(sources) ? sources.length : 0;
		const visit = (node: MdNode) => {
			if (!node.children) return;
			node.children = node.children.flatMap((child) => {
				if (child.type !== 'text' || !child.value || !TOKEN.test(child.value)) {
					visit(child);
					return [child];
				}
				const errors = findCitationErrors(child.value, sourceCount);
				if (errors.length) throw new Error(`${file.path}: ${errors.join('; ')}`);
				const parts: MdNode[] = [];
				let last = 0;
				for (const match of child.value.matchAll(TOKEN)) {
					if (match.index > last) parts.push({ type: 'text', value: child.value.slice(last, match.index) });
					parts.push({ type: 'html', value: renderToken(match[1] ?? '', locale) });
					last = match.index + match[0].length;
				}
				if (last < child.value.length) parts.push({ type: 'text', value: child.value.slice(last) });
				return parts;
			});
		};
		visit(tree);
	};
}
