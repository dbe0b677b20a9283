/**
 * Converts a timestamp as PostgreSQL prints it (`2026-01-02 03:04:05.1234+00`, session TimeZone UTC) into
 * the JSON form GoTrue sends (Go's RFC 3339 with nanoseconds, trailing zeros dropped): `2026-01-02T03:04:05.1234Z`.
 * Null stays null.
 */
export function goTime(value: string | null | undefined): string | null {
	if (value === null || value === undefined) return null;
	const match = /^(\d{4,}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?([+-]\d\d(?::?\d\d)?)?$/.exec(
		value
	);
	if (match === null) return value;
	const [, day, time, fraction = '', zone = '+00'] = match;
	const trimmed = fraction.replace(/0+$/, '');
	const offset = /^[+-]00(?::?00)?$/.test(zone)
		? 'Z'
		: zone.length === 3
			? `${zone}:00`
			: zone.includes(':')
				? zone
				: `${zone.slice(0, 3)}:${zone.slice(3)}`;
	return `${day}T${time}${trimmed === '.' ? '' : trimmed}${offset}`;
}

/** Milliseconds since the epoch of a PostgreSQL timestamp (see goTime); NaN when unparseable. */
export function epochMillis(value: string | null | undefined): number {
	const iso = goTime(value);
	return iso === null ? Number.NaN : Date.parse(iso);
}
