/**
 * Writing SQL for seed.sql: literals and multi-row inserts, one row a line, so the file reads and diffs well.
 */

/** A value as seed.sql writes it. `Sql` is written as it is (a cast, a function call). */
export type SqlValue = string | number | boolean | null | readonly (string | number)[] | Sql;

/** Raw SQL, written without quoting. */
export class Sql {
	readonly text: string;
	constructor(text: string) {
		this.text = text;
	}
}

/** Raw SQL (a cast, a function call), written as it is. */
export const raw = (text: string): Sql => new Sql(text);

/** A string literal (standard_conforming_strings: only quotes are doubled). */
export function quote(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}

/** A JSON value as a jsonb literal. */
export function jsonb(value: unknown): Sql {
	return raw(`${quote(JSON.stringify(value))}::jsonb`);
}

/** A literal for `value`; arrays become `'{…}'` (cast them with `typed`). */
export function literal(value: SqlValue): string {
	if (value === null) return 'null';
	if (value instanceof Sql) return value.text;
	if (typeof value === 'number') return String(value);
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'string') return quote(value);
	const items = value.map((item) =>
		typeof item === 'number'
			? String(item)
			: `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
	);
	return quote(`{${items.join(',')}}`);
}

/** A literal cast to `type` (e.g. an enum array: `typed(['returnee'], 'public.member_kind[]')`). */
export function typed(value: SqlValue, type: string): Sql {
	return raw(value === null ? 'null' : `${literal(value)}::${type}`);
}

/**
 * `insert into <table> (<columns>) values` with one row a line, followed by `suffix` (e.g. an `on conflict`
 * clause). Every row must give the columns in the same order. Empty when there are no rows.
 */
export function insert(
	table: string,
	rows: readonly Record<string, SqlValue>[],
	suffix = ''
): string {
	const first = rows[0];
	if (first === undefined) return '';
	const columns = Object.keys(first);
	const lines = rows.map((row) => {
		const keys = Object.keys(row);
		if (keys.join() !== columns.join()) {
			throw new Error(`${table}: every row needs the columns ${columns.join(', ')}`);
		}
		return `\t(${columns.map((c) => literal(row[c] as SqlValue)).join(', ')})`;
	});
	return `insert into ${table} (${columns.join(', ')}) values\n${lines.join(',\n')}${suffix === '' ? '' : `\n${suffix}`};\n`;
}
