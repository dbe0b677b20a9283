/**
 * Safe SQL text: identifiers are always double-quoted, values are always bind parameters.
 */

/** Quotes an identifier for PostgreSQL (`"a""b"`); NUL characters, which PostgreSQL rejects, are dropped. */
export function ident(name: string): string {
	return `"${name.replaceAll('\0', '').replaceAll('"', '""')}"`;
}

/** `"schema"."name"`, or just `"name"` when the schema is empty. */
export function qualified(schema: string, name: string): string {
	return schema === '' ? ident(name) : `${ident(schema)}.${ident(name)}`;
}

/** Quotes a string literal that comes from the catalog (never from a request). */
export function catalogLiteral(text: string): string {
	return `'${text.replaceAll('\0', '').replaceAll("'", "''")}'`;
}

/** Collects bind parameters while SQL text is being built; `add` returns the `$n` placeholder. */
export class Params {
	readonly values: unknown[] = [];

	/** Adds a value and returns its placeholder. Values are sent untyped, so PostgreSQL infers their type. */
	add(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

/** Builds a PostgreSQL array literal (`{"a","b\\"c"}`) from strings, quoting every element. */
export function arrayLiteral(values: readonly string[]): string {
	const quoted = values.map(
		(v) => `"${v.replaceAll('\0', '').replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
	);
	return `{${quoted.join(',')}}`;
}
