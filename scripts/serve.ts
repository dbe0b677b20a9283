/**
 * Serves a production build — `npm run preview`, `npm start` and the end-to-end suite — with the
 * security headers of src/lib/security-headers.ts on every response. The @astrojs/node standalone
 * server sends static files (the `_astro` bundles, Pagefind, prerendered pages) without running
 * the site's middleware, so the headers are set here, around the adapter's own request handler
 * (ADR 014). Usage: `node scripts/serve.ts [build directory, default dist]`; PORT and HOST as for
 * the standalone server, SITE_URL for the site's public origin (https turns HSTS on).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NON_PAGE_CSP, securityHeaders } from '../src/lib/security-headers.ts';

interface NodeAdapterEntry {
	handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
	options: { host: string | boolean; port: number };
}

// The built entry would otherwise start its own server, without these headers, as it is imported.
process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
const dist = path.resolve(process.argv[2] ?? 'dist');
const entry = pathToFileURL(path.join(dist, 'server', 'entry.mjs')).href;
const { handler, options } = (await import(entry)) as NodeAdapterEntry;
const CSP = 'Content-Security-Policy';

const headers = Object.entries(securityHeaders(process.env['SITE_URL'] ?? ''));
const prerenderedCsp = readPrerenderedCsp(path.join(dist, '_headers.json'));

const server = http.createServer((req, res) => {
	for (const [name, value] of headers) res.setHeader(name, value);
	const pageCsp = prerenderedCsp.get(pathnameOf(req.url ?? '/'));
	if (pageCsp) {
		res.setHeader(CSP, pageCsp);
		keepHeader(res, CSP);
	} else {
		// Pages rendered on demand replace this with their own policy (Astro's, with the hashes of
		// their inline scripts and styles); assets, JSON, downloads and redirects keep this one.
		res.setHeader(CSP, NON_PAGE_CSP);
	}
	handler(req, res);
});

const port = Number(process.env['PORT'] ?? options.port);
const host =
	process.env['HOST'] ??
	(typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
server.listen(port, host, () => {
	console.log(`Serving ${path.relative(process.cwd(), dist) || '.'} on http://${host}:${port}`);
});

/**
 * The policy of each prerendered page by its path, from the header file Astro writes with the
 * adapter's `staticHeaders`. Pages differ in the hashes of their inlined stylesheets.
 */
function readPrerenderedCsp(file: string): Map<string, string> {
	const entries = JSON.parse(readFileSync(file, 'utf8')) as {
		pathname: string;
		headers: { key: string; value: string }[];
	}[];
	const policies = new Map<string, string>();
	for (const { pathname, headers } of entries) {
		const csp = headers.find(({ key }) => key.toLowerCase() === CSP.toLowerCase());
		if (csp) policies.set(pathname, csp.value);
	}
	return policies;
}

/** The decoded path of a request URL, without its query. */
function pathnameOf(url: string): string {
	const pathname = url.split(/[?#]/, 1)[0] ?? '/';
	try {
		return decodeURI(pathname);
	} catch {
		return pathname;
	}
}

/**
 * Makes later `setHeader(name, …)` calls on `res` no-ops. The adapter looks a prerendered page's
 * policy up by substring (`/` finds the first page of the file, `/guides` may find `/ja/guides`),
 * which gives a page another page's style hashes; the exact one set here must stay.
 */
function keepHeader(res: http.ServerResponse, name: string): void {
	const setHeader = res.setHeader.bind(res);
	res.setHeader = (header, value) =>
		header.toLowerCase() === name.toLowerCase() ? res : setHeader(header, value);
}
