/**
 * Page weight per template and locale, from the production build in dist/client:
 * HTML plus its stylesheets, gzipped, and the JavaScript each page loads on first view, gzipped.
 * Budget (issue 2): knowledge pages ≤ 30 KB HTML+CSS gzipped and 0 bytes of JavaScript.
 * Last line: one JSON object with the figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LOCALES, localePath } from '../src/i18n/locales.ts';
import { run } from '../scripts/run.ts';

const CLIENT = 'dist/client';
const BUDGET_HTML_CSS = 30 * 1024;

/** One representative page per template; `knowledge` templates must ship no JavaScript. */
const TEMPLATES: { template: string; path: string; knowledge: boolean }[] = [
	{ template: 'home', path: '/', knowledge: true },
	{ template: 'hub', path: '/guides', knowledge: true },
	{ template: 'pathways', path: '/pathways', knowledge: true },
	{ template: 'pathway', path: '/pathways/ssw-1', knowledge: true },
	{ template: 'guide', path: '/guides/workers', knowledge: true },
	{ template: 'glossary', path: '/glossary', knowledge: true },
	{ template: 'timeline', path: '/timeline', knowledge: true },
	{ template: 'numbers', path: '/numbers', knowledge: true },
	{ template: 'search', path: '/search', knowledge: false },
];

const gz = (text: string | Buffer) => gzipSync(text).length;

function htmlFile(path: string): string {
	return join(CLIENT, path === '/' ? 'index.html' : `${path}/index.html`);
}

/** A script and every relative module it statically imports, each counted once. */
function scriptBytes(file: string, seen: Set<string>): number {
	if (seen.has(file) || !existsSync(file)) return 0;
	seen.add(file);
	const code = readFileSync(file, 'utf8');
	let total = gz(code);
	for (const m of code.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
		total += scriptBytes(join(dirname(file), m[1] ?? ''), seen);
	}
	return total;
}

function measure(path: string) {
	const html = readFileSync(htmlFile(path), 'utf8');
	const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)]
		.map((m) => readFileSync(join(CLIENT, m[1] ?? ''), 'utf8'))
		.join('');
	const seen = new Set<string>();
	let js = 0;
	for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		const src = /src="([^"]+)"/.exec(m[1] ?? '')?.[1];
		const type = /type="([^"]+)"/.exec(m[1] ?? '')?.[1];
		if (type && type !== 'module' && type !== 'text/javascript') continue; // JSON-LD and the like
		js += src ? scriptBytes(join(CLIENT, src), seen) : gz(m[2] ?? '');
	}
	return { htmlCss: gz(html + css), js };
}

if (!existsSync(htmlFile('/'))) await run('npm', ['run', '--silent', 'build']);

const rows = TEMPLATES.flatMap(({ template, path, knowledge }) =>
	LOCALES.map((locale) => ({ template, locale, knowledge, ...measure(localePath(locale, path)) }))
);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('template    locale  HTML+CSS gz   JS gz     budget');
for (const r of rows) {
	const ok = !r.knowledge || (r.htmlCss <= BUDGET_HTML_CSS && r.js === 0);
	console.log(
		`${r.template.padEnd(11)} ${r.locale.padEnd(7)} ${kb(r.htmlCss).padStart(11)} ${kb(r.js).padStart(8)}     ${r.knowledge ? (ok ? 'ok' : 'OVER') : '—'}`
	);
}
const knowledge = rows.filter((r) => r.knowledge);
const summary = {
	bench: 'pages',
	maxKnowledgeHtmlCssGzipBytes: Math.max(...knowledge.map((r) => r.htmlCss)),
	maxKnowledgeJsGzipBytes: Math.max(...knowledge.map((r) => r.js)),
	budgetHtmlCssGzipBytes: BUDGET_HTML_CSS,
	withinBudget: knowledge.every((r) => r.htmlCss <= BUDGET_HTML_CSS && r.js === 0),
	pages: rows.map(({ template, locale, htmlCss, js }) => ({
		template,
		locale,
		htmlCssGzipBytes: htmlCss,
		jsGzipBytes: js,
	})),
};
console.log(JSON.stringify(summary));
