/**
 * The `Prefer` request header as PostgREST reads it, and the `Preference-Applied` header it answers with.
 */

/** Recognised preferences; for each kind the first token in the header wins. */
export interface Preferences {
	resolution: 'merge-duplicates' | 'ignore-duplicates' | null;
	return: 'representation' | 'minimal' | 'headers-only' | null;
	count: 'exact' | 'planned' | 'estimated' | null;
	tx: 'commit' | 'rollback' | null;
	missing: 'default' | 'null' | null;
	handling: 'strict' | 'lenient' | null;
	timezone: string | null;
	maxAffected: number | null;
	/** Tokens that are not preferences PostgREST knows. */
	invalid: string[];
}

const KINDS = {
	resolution: ['merge-duplicates', 'ignore-duplicates'],
	return: ['representation', 'minimal', 'headers-only'],
	count: ['exact', 'planned', 'estimated'],
	tx: ['commit', 'rollback'],
	missing: ['default', 'null'],
	handling: ['strict', 'lenient'],
} as const;

/**
 * Parses the `Prefer` header value (all tokens, comma-separated; the Fetch API already joins repeated headers).
 * `allowTxOverride` mirrors `db-tx-end = commit-allow-override`: without it `tx=` is ignored, as on Supabase.
 * A `timezone=` not in `timezones` (pg_timezone_names) is an invalid preference, as in PostgREST 12+.
 */
export function parsePreferences(
	header: string | null,
	allowTxOverride: boolean,
	timezones: ReadonlySet<string> | null = null
): Preferences {
	const prefs: Preferences = {
		resolution: null,
		return: null,
		count: null,
		tx: null,
		missing: null,
		handling: null,
		timezone: null,
		maxAffected: null,
		invalid: [],
	};
	if (header === null || header === '') return prefs;
	for (const raw of header.split(',')) {
		const token = raw.trim();
		if (token === '') continue;
		const eq = token.indexOf('=');
		const key = eq < 0 ? token : token.slice(0, eq);
		const value = eq < 0 ? '' : token.slice(eq + 1);
		if (key === 'timezone' && eq >= 0 && (timezones === null || timezones.has(value))) {
			prefs.timezone ??= value;
			continue;
		}
		if (key === 'max-affected' && eq >= 0) {
			if (/^-?[0-9]+$/.test(value)) prefs.maxAffected ??= Number(value);
			continue;
		}
		if (key in KINDS && (KINDS[key as keyof typeof KINDS] as readonly string[]).includes(value)) {
			const k = key as keyof typeof KINDS;
			if (k === 'tx' && !allowTxOverride) continue;
			if (prefs[k] === null) (prefs as unknown as Record<string, string>)[k] = value;
			continue;
		}
		prefs.invalid.push(token);
	}
	return prefs;
}

/** Which preferences a response honoured; rendered in PostgREST's fixed order. */
export interface AppliedPreferences {
	resolution?: Preferences['resolution'];
	missing?: Preferences['missing'];
	return?: Preferences['return'];
	count?: Preferences['count'];
	tx?: Preferences['tx'];
	handling?: Preferences['handling'];
	timezone?: string | null;
	maxAffected?: number | null;
}

/** The `Preference-Applied` value (`return=representation, count=exact`), or null when nothing applies. */
export function preferenceApplied(p: AppliedPreferences): string | null {
	const parts: string[] = [];
	if (p.resolution) parts.push(`resolution=${p.resolution}`);
	if (p.missing) parts.push(`missing=${p.missing}`);
	if (p.return) parts.push(`return=${p.return}`);
	if (p.count) parts.push(`count=${p.count}`);
	if (p.tx) parts.push(`tx=${p.tx}`);
	if (p.handling) parts.push(`handling=${p.handling}`);
	if (p.timezone) parts.push(`timezone=${p.timezone}`);
	if (p.handling === 'strict' && p.maxAffected !== null && p.maxAffected !== undefined)
		parts.push(`max-affected=${p.maxAffected}`);
	return parts.length === 0 ? null : parts.join(', ');
}
