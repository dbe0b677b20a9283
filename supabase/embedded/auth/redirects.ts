import type { EmbeddedConfig } from '../config.ts';

function matchesGlob(pattern: string, value: string): boolean {
	// Supabase's allow list: `*` matches within a path segment or host label, `**` matches anything.
	const regex = pattern
		.split(/(\*\*|\*)/)
		.map((part) =>
			part === '**' ? '.*' : part === '*' ? '[^/.]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
		)
		.join('');
	return new RegExp(`^${regex}$`).test(value);
}

function isLoopback(hostname: string): boolean {
	const bare = hostname.replace(/^\[|\]$/g, '');
	return bare === 'localhost' || /^127\./.test(bare) || bare === '::1';
}

/**
 * GoTrue's IsRedirectURLValid: the site URL's host and scheme (any port for localhost), a loopback address,
 * or a match in the allow list (ADDITIONAL_REDIRECT_URLS).
 */
export function isRedirectAllowed(config: EmbeddedConfig, redirectTo: string): boolean {
	if (redirectTo === '') return false;
	let target: URL;
	let site: URL;
	try {
		target = new URL(redirectTo);
		site = new URL(config.siteUrl);
	} catch {
		return false;
	}
	if (
		site.hostname === target.hostname &&
		site.protocol === target.protocol &&
		(site.port === target.port || isLoopback(target.hostname))
	) {
		return true;
	}
	const host = target.hostname.replace(/^\[|\]$/g, '');
	if (/^[0-9]+$/.test(host)) return false;
	if (/^[0-9.]+$/.test(host) || host.includes(':')) return isLoopback(host);
	const withoutFragment = redirectTo.split('#')[0] ?? redirectTo;
	return config.additionalRedirectUrls.some((pattern) => matchesGlob(pattern, withoutFragment));
}

/** GoTrue's GetReferrer: `redirect_to` (header or query) when allowed, else the Referer when allowed, else the site URL. */
export function referrer(request: Request, config: EmbeddedConfig): string {
	const url = new URL(request.url);
	const requested = request.headers.get('redirect_to') ?? url.searchParams.get('redirect_to') ?? '';
	if (isRedirectAllowed(config, requested)) return requested;
	const referer = request.headers.get('referer') ?? '';
	if (isRedirectAllowed(config, referer)) return referer;
	return config.siteUrl;
}
