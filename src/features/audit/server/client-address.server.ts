/**
 * The address a request came from, for rate limits and the audit log. Behind a reverse proxy the
 * socket address is the proxy's, and the client's is in X-Forwarded-For; but anyone can send that
 * header, so it is read only when TRUST_PROXY says how many proxies of ours stand in front.
 */

/** What clientAddress needs of an Astro context. */
export interface AddressContext {
	request: Request;
	/** Astro's `context.clientAddress` (a getter that throws when the adapter cannot tell). */
	readonly clientAddress: string;
}

/**
 * How many reverse proxies of ours forward requests, from TRUST_PROXY: unset, empty, `0` or
 * `false` → 0 (use the socket address); `1` or `true` → 1; `2`–`10` → that many.
 */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
	const raw = env['TRUST_PROXY']?.trim().toLowerCase() ?? '';
	if (raw === '' || raw === '0' || raw === 'false') return 0;
	if (raw === 'true') return 1;
	const hops = Number(raw);
	if (Number.isInteger(hops) && hops >= 1 && hops <= 10) return hops;
	console.warn(`[security] TRUST_PROXY=${raw} is not 0–10 or true/false; using the socket address`);
	return 0;
}

/**
 * The client's address: with TRUST_PROXY=n, the n-th address from the right of X-Forwarded-For
 * (each of our proxies appends the address it saw; entries further left are the client's own
 * claims), else the socket address. `unknown` when neither is there.
 */
export function clientAddress(
	context: AddressContext,
	env: Record<string, string | undefined> = process.env
): string {
	const hops = trustedProxyHops(env);
	if (hops > 0) {
		const chain = (context.request.headers.get('x-forwarded-for') ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '');
		const forwarded = chain[chain.length - hops];
		if (forwarded) return normalise(forwarded);
	}
	try {
		return normalise(context.clientAddress);
	} catch {
		return 'unknown';
	}
}

/** `::ffff:203.0.113.9` → `203.0.113.9`; brackets and a port around an address go. */
function normalise(address: string): string {
	let value = address.trim();
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
	if (bracketed?.[1]) value = bracketed[1];
	else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.replace(/:\d+$/, '');
	return value.replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/i, '') || 'unknown';
}
