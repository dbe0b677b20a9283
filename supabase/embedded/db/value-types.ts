/*
 * How column values come back to JavaScript, identical for both adapters:
 * - int2, int4, oid, float4, float8 → number; bool → boolean; json, jsonb → parsed value; bytea → Uint8Array
 * - int8, numeric, money → string (no precision lost)
 * - date, time, timetz, timestamp, timestamptz, interval → PostgreSQL's own text (session TimeZone is UTC,
 *   DateStyle ISO), e.g. `2026-01-02 03:04:05.123456+00`, so microseconds survive
 * - arrays → JavaScript arrays of the element values under the same rules
 * - everything else (text, uuid, enums, …) → string
 */

import pg from 'pg';

const INT8 = 20;
const DATE = 1082;
const TIME = 1083;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const INTERVAL = 1186;
const TIMETZ = 1266;
const TEXT_OIDS = [INT8, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL, TIMETZ];
/** Array types of the above: int8[], date[], time[], timestamp[], timestamptz[], interval[], timetz[]. */
const TEXT_ARRAY_OIDS = [1016, 1182, 1183, 1115, 1185, 1187, 1270];

const asText = (value: string): string => value;

/** Parsers to pass to PGlite so its values match node-postgres's (as configured by `postgresTypes`). */
export const pgliteParsers: Record<number, (value: string) => unknown> = Object.fromEntries(
	TEXT_OIDS.map((oid) => [oid, asText])
);

// text[] (oid 1009) is not in pg's TypeId list, so the lookup goes through a plain signature.
const lookupParser = pg.types.getTypeParser as unknown as (
	oid: number,
	format: 'text' | 'binary'
) => (value: string) => unknown;
const textArrayParser = lookupParser(1009, 'text');

/** A node-postgres `types` object whose parsers match the rules above. */
export const postgresTypes = {
	getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
		if (format !== 'binary') {
			if (TEXT_OIDS.includes(oid)) return asText;
			if (TEXT_ARRAY_OIDS.includes(oid)) return textArrayParser;
		}
		return lookupParser(oid, format ?? 'text');
	},
};

/** Settings every session starts with, on both adapters. */
export const SESSION_DEFAULTS: Record<string, string> = { TimeZone: 'UTC', DateStyle: 'ISO, MDY' };
