/**
 * The security headers of every response the site sends, in one place: astro.config.mjs takes the
 * Content-Security-Policy directives from here (Astro adds the script and style hashes), and
 * scripts/serve.ts, the server that runs a build, sets the other headers on every response — pages,
 * static assets, redirects, actions, endpoints and error pages alike. ADR 014 says why each is what it is.
 *
 * Plain TypeScript without Astro or Vite imports: Node runs scripts/serve.ts directly.
 */

/**
 * The CSP directives besides `script-src` and `style-src`, which Astro writes itself from
 * `security.csp` (with the hashes of its own inline scripts and styles). `frame-ancestors` only
 * works in a header, which is why the policy is never sent in a `<meta>` element.
 */
export const CSP_DIRECTIVES = [
	"default-src 'self'",
	"base-uri 'self'",
	"form-action 'self'",
	"object-src 'none'",
	"frame-ancestors 'none'",
	"frame-src 'none'",
	// Avatars and logos come from the Supabase storage origin: src/middleware.ts adds it at run
	// time (withStorageImages), since the embedded backend's address is unknown at build time.
	"img-src 'self' data:",
	"font-src 'self'",
	// The browser talks to the site only; Supabase is reached by the server (ADR 014).
	"connect-src 'self'",
	"manifest-src 'self'",
	"worker-src 'self'",
] as const;

/**
 * Script sources besides Astro's hashes: the site's own bundles, and WebAssembly compilation for
 * the Pagefind search (`'wasm-unsafe-eval'` allows compiling wasm only, not `eval()` of strings).
 */
export const CSP_SCRIPT_RESOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;

/** Style sources besides Astro's hashes of the inlined stylesheets. */
export const CSP_STYLE_RESOURCES = ["'self'"] as const;

/**
 * The policy of responses that are not pages — scripts, JSON, downloads, redirects, plain-text
 * errors: the pages' policy without hashes, so no inline code at all. It is not `default-src
 * 'none'`: a worker runs under its script's own policy, and Pagefind's worker fetches its index
 * and compiles WebAssembly.
 */
export const NON_PAGE_CSP = [
	...CSP_DIRECTIVES,
	`script-src ${CSP_SCRIPT_RESOURCES.join(' ')}`,
	`style-src ${CSP_STYLE_RESOURCES.join(' ')}`,
].join('; ');

/**
 * Adds the origin of the Supabase storage at `supabaseUrl` (public avatars and logos) to the
 * `img-src` directive of the policy `csp`; a policy without `img-src` gets one (with the sources
 * of `default-src`). An unparsable URL leaves the policy as it is.
 */
export function withStorageImages(csp: string, supabaseUrl: string): string {
	if (!URL.canParse(supabaseUrl)) return csp;
	const origin = new URL(supabaseUrl).origin;
	const directives = csp
		.split(';')
		.map((directive) => directive.trim())
		.filter(Boolean);
	const named = (name: string) => directives.findIndex((d) => d.split(/\s+/, 1)[0] === name);
	const index = named('img-src');
	if (index === -1) {
		// Without img-src, images follow default-src: keep what it allows, with 'none' dropped.
		const fallback = directives[named('default-src')]?.split(/\s+/).slice(1) ?? [];
		const sources = fallback.filter((source) => source !== "'none'");
		directives.push(['img-src', ...sources, origin].join(' '));
	} else if (!directives[index]!.split(/\s+/).includes(origin)) directives[index] += ` ${origin}`;
	return directives.join('; ');
}

/** Browser features the site never uses, turned off for it and anything it embeds. */
const DISABLED_FEATURES = [
	'accelerometer',
	'browsing-topics',
	'camera',
	'display-capture',
	'geolocation',
	'gyroscope',
	'hid',
	'magnetometer',
	'microphone',
	'midi',
	'payment',
	'serial',
	'usb',
	'xr-spatial-tracking',
] as const;

/** HSTS for two years, subdomains included (ADR 014: no preload, that is the operator's choice). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** Whether `origin` (e.g. SITE_URL) is served over TLS, i.e. this is a production deployment. */
export function isHttpsOrigin(origin: string): boolean {
	try {
		return new URL(origin).protocol === 'https:';
	} catch {
		return false;
	}
}

/**
 * The headers every response carries besides its Content-Security-Policy, for a site whose public
 * origin is `siteOrigin`. Strict-Transport-Security is sent only when that origin is https: over
 * plain http browsers ignore it, and on a development machine it would pin localhost to https.
 */
export function securityHeaders(siteOrigin: string): Record<string, string> {
	const headers: Record<string, string> = {
		'X-Content-Type-Options': 'nosniff',
		// Not even the origin leaves the site: a visitor's arrival at an employer's or a source's
		// website says nothing about where they came from. Same-origin requests keep the full
		// referrer, and POSTs keep their Origin header, which Astro's origin check needs.
		'Referrer-Policy': 'same-origin',
		'Permissions-Policy': DISABLED_FEATURES.map((feature) => `${feature}=()`).join(', '),
		'Cross-Origin-Opener-Policy': 'same-origin',
	};
	if (isHttpsOrigin(siteOrigin)) headers['Strict-Transport-Security'] = HSTS;
	return headers;
}
