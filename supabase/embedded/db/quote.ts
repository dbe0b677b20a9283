import { DbError } from './errors.ts';

/** Quotes an SQL identifier: `a"b` → `"a""b"`. */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quotes an SQL string literal: `it's` → `'it''s'` (standard_conforming_strings, on by default, keeps
 * backslashes literal). PostgreSQL text cannot hold NUL, so a NUL is refused rather than truncated.
 */
export function quoteLiteral(value: string): string {
	if (value.includes('\0'))
		throw new DbError({
			code: '22021',
			message: 'invalid byte sequence for encoding "UTF8": 0x00',
		});
	return `'${value.replaceAll("'", "''")}'`;
}
