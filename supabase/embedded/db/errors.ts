/** A database error with the fields PostgreSQL reports, whichever adapter raised it. */
export class DbError extends Error {
	/** SQLSTATE, e.g. `23505`; `XX000` when the driver gave none. */
	readonly code: string;
	readonly detail: string | undefined;
	readonly hint: string | undefined;
	readonly schema: string | undefined;
	readonly table: string | undefined;
	readonly column: string | undefined;
	readonly constraint: string | undefined;
	/** 1-based character position in the statement, when PostgreSQL gave one. */
	readonly position: number | undefined;

	constructor(fields: {
		code: string;
		message: string;
		detail?: string | undefined;
		hint?: string | undefined;
		schema?: string | undefined;
		table?: string | undefined;
		column?: string | undefined;
		constraint?: string | undefined;
		position?: number | undefined;
	}) {
		super(fields.message);
		this.name = 'DbError';
		this.code = fields.code;
		this.detail = fields.detail;
		this.hint = fields.hint;
		this.schema = fields.schema;
		this.table = fields.table;
		this.column = fields.column;
		this.constraint = fields.constraint;
		this.position = fields.position;
	}
}

function stringField(source: Record<string, unknown>, key: string): string | undefined {
	const value = source[key];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Turns whatever a driver threw (PGlite's or node-postgres's DatabaseError, or anything else) into a DbError.
 * Non-database failures (e.g. a closed connection) become SQLSTATE `08006` so callers can still answer with an error.
 */
export function toDbError(error: unknown): DbError {
	if (error instanceof DbError) return error;
	if (typeof error === 'object' && error !== null) {
		const source = error as Record<string, unknown>;
		const code = stringField(source, 'code');
		const message = stringField(source, 'message') ?? 'database error';
		if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
			const position = Number(source['position']);
			return new DbError({
				code,
				message,
				detail: stringField(source, 'detail'),
				hint: stringField(source, 'hint'),
				schema: stringField(source, 'schema'),
				table: stringField(source, 'table'),
				column: stringField(source, 'column'),
				constraint: stringField(source, 'constraint'),
				position: Number.isFinite(position) && position > 0 ? position : undefined,
			});
		}
		return new DbError({ code: '08006', message });
	}
	return new DbError({ code: '08006', message: String(error) });
}
