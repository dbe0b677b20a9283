import type { Locale } from '~/i18n/locales.ts';
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
	return text.replace(
		/[&<>"]/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c
	);
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

/**
 * Replaces `{src:N}`, `{secondary}` and `{unconfirmed}` in a page's rendered HTML with localized
 * citation links and badges. Throws, naming the file, when a citation points past the sources list.
 */
export function renderTokens(
	html: string,
	locale: Locale,
	sourceCount: number,
	file: string
): string {
	const errors = findCitationErrors(html, sourceCount);
	if (errors.length) throw new Error(`${file}: ${errors.join('; ')}`);
	// A citation hugs the word before it, as a footnote mark does.
	return html
		.replace(/\s+(?=\{src:\d+\})/g, '')
		.replace(TOKEN, (_whole, token: string) => renderToken(token, locale));
}
