/** The part of Pagefind's browser API this page uses. */
interface Pagefind {
	options(options: Record<string, unknown>): Promise<void>;
	search(term: string): Promise<{ results: { data(): Promise<PagefindResult> }[] }>;
}

interface PagefindResult {
	url: string;
	excerpt: string;
	meta: { title?: string };
}

const MAX_RESULTS = 20;

function message(
	root: HTMLElement,
	name: string,
	vars: Record<string, string | number> = {}
): string {
	const template = root.dataset[name] ?? '';
	return template.replace(/\{(\w+)\}/g, (whole, key: string) => String(vars[key] ?? whole));
}

/** Builds the result list with DOM methods; the excerpt is Pagefind's escaped HTML with <mark> only. */
function renderResults(
	root: HTMLElement,
	query: string,
	results: PagefindResult[],
	total: number
): void {
	const summary = document.createElement('p');
	summary.textContent =
		total === 0
			? message(root, 'noResults', { query })
			: message(root, 'count', { count: total, query });
	const list = document.createElement('ol');
	for (const result of results) {
		const item = document.createElement('li');
		const heading = document.createElement('h2');
		const link = document.createElement('a');
		link.href = result.url;
		link.textContent = result.meta.title ?? result.url;
		heading.append(link);
		const excerpt = document.createElement('p');
		excerpt.innerHTML = result.excerpt;
		item.append(heading, excerpt);
		list.append(item);
	}
	root.replaceChildren(summary, ...(results.length ? [list] : []));
}

/** Reads `?q=` from the URL, searches this language's Pagefind index, and shows the results. */
export async function runSearchPage(): Promise<void> {
	const root = document.getElementById('search-results');
	const input = document.getElementById('search-q');
	if (!root || !(input instanceof HTMLInputElement)) return;
	const query = (new URLSearchParams(location.search).get('q') ?? '').trim().slice(0, 200);
	input.value = query;
	if (!query) return;
	root.textContent = message(root, 'loading');
	try {
		const url = '/pagefind/pagefind.js';
		const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
		await pagefind.options({ excerptLength: 24 });
		const search = await pagefind.search(query);
		const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
		renderResults(root, query, results, search.results.length);
	} catch {
		root.textContent = message(root, 'unavailable');
	}
}
