/**
 * `npm run db:types`: writes src/lib/supabase/database.types.ts, the `Database` type of the exposed schema in the
 * format of `supabase gen types typescript`, by introspecting pg_catalog — so the file is regenerated, never edited.
 *
 *   node scripts/db-types.ts                     print the file (PGlite in memory, with every migration applied)
 *   node scripts/db-types.ts --db-url <url>      introspect a running database instead (e.g. `npm run status` DB_URL)
 *   node scripts/db-types.ts --out <file>        write it there
 *   node scripts/db-types.ts --check <file>      exit 1 when <file> is not what would be generated (CI)
 *
 * One deliberate difference from the Supabase CLI: columns of functions that return a table are typed `T | null`,
 * because PostgreSQL records no nullability for them and our masking functions return null for every hidden field —
 * except the columns a function's comment lists in a sentence "Never null: a, b, c."
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { openDatabase, type Database } from '../supabase/embedded/db/index.ts';
import { loadBootstrap, migrate } from '../supabase/embedded/migrate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA = 'public';
const DEFAULT_OUT = join(ROOT, 'src/lib/supabase/database.types.ts');

interface TypeRow {
	oid: number;
	name: string;
	schema: string;
	kind: string;
	category: string;
	elem: number;
	base: number;
	relid: number;
}

interface ColumnRow {
	table_oid: number;
	name: string;
	type_oid: number;
	nullable: boolean;
	has_default: boolean;
	identity: string;
	generated: string;
}

interface RelationRow {
	oid: number;
	name: string;
	kind: string;
}

interface ForeignKeyRow {
	name: string;
	table_oid: number;
	columns: string[];
	referenced: string;
	referenced_columns: string[];
	one_to_one: boolean;
}

interface FunctionRow {
	name: string;
	comment: string | null;
	arg_names: string[] | null;
	arg_modes: string[] | null;
	arg_types: number[];
	in_count: number;
	default_count: number;
	returns: number;
	returns_set: boolean;
}

interface EnumRow {
	name: string;
	labels: string[];
}

function parseArgs(argv: string[]): { dbUrl?: string; out?: string; check?: string } {
	const options: { dbUrl?: string; out?: string; check?: string } = {};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = argv[i + 1];
		if ((flag === '--db-url' || flag === '--out' || flag === '--check') && value !== undefined) {
			if (flag === '--db-url') options.dbUrl = value;
			else if (flag === '--out') options.out = value;
			else options.check = value;
			i++;
		} else {
			throw new Error(`unknown argument ${flag ?? ''}; see the header of scripts/db-types.ts`);
		}
	}
	return options;
}

/** PGlite in memory with the platform bootstrap and every migration, or the database at `dbUrl`. */
async function openSchema(dbUrl: string | undefined): Promise<Database> {
	if (dbUrl !== undefined) return openDatabase({ databaseUrl: dbUrl });
	const db = await openDatabase({});
	const nothing = join(ROOT, 'supabase/no-seed-for-types.sql');
	await migrate(db, {
		bootstrap: await loadBootstrap(join(ROOT, 'supabase/embedded/bootstrap')),
		migrationsDir: join(ROOT, 'supabase/migrations'),
		seedFile: nothing,
	});
	return db;
}

async function introspect(db: Database) {
	const types = new Map<number, TypeRow>();
	for (const row of (
		await db.query<TypeRow>(
			`select t.oid::int as oid, t.typname as name, n.nspname as schema, t.typtype as kind,
				t.typcategory as category, t.typelem::int as elem, t.typbasetype::int as base, t.typrelid::int as relid
			from pg_type t join pg_namespace n on n.oid = t.typnamespace`
		)
	).rows) {
		types.set(Number(row.oid), row);
	}
	const relations = (
		await db.query<RelationRow>(
			`select c.oid::int as oid, c.relname as name, c.relkind as kind
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition
			order by c.relname`,
			[SCHEMA]
		)
	).rows;
	const columns = (
		await db.query<ColumnRow>(
			`select a.attrelid::int as table_oid, a.attname as name, a.atttypid::int as type_oid,
				not a.attnotnull as nullable, a.atthasdef as has_default, a.attidentity::text as identity,
				a.attgenerated::text as generated
			from pg_attribute a
			join pg_class c on c.oid = a.attrelid
			join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = $1 and a.attnum > 0 and not a.attisdropped
			order by a.attrelid, a.attname`,
			[SCHEMA]
		)
	).rows;
	const foreignKeys = (
		await db.query<ForeignKeyRow>(
			`select k.conname as name, k.conrelid::int as table_oid,
				array(select a.attname from unnest(k.conkey) with ordinality u(n, o)
					join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o)::text[] as columns,
				r.relname as referenced,
				array(select a.attname from unnest(k.confkey) with ordinality u(n, o)
					join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o)::text[] as referenced_columns,
				exists (
					select 1 from pg_constraint u
					where u.conrelid = k.conrelid and u.contype in ('p', 'u')
						and (select array_agg(x order by x) from unnest(u.conkey) x)
							= (select array_agg(x order by x) from unnest(k.conkey) x)
				) as one_to_one
			from pg_constraint k
			join pg_class c on c.oid = k.conrelid
			join pg_namespace n on n.oid = c.relnamespace
			join pg_class r on r.oid = k.confrelid
			join pg_namespace rn on rn.oid = r.relnamespace
			where k.contype = 'f' and n.nspname = $1 and rn.nspname = $1
			order by k.conname`,
			[SCHEMA]
		)
	).rows;
	const functions = (
		await db.query<FunctionRow>(
			`select p.proname as name, obj_description(p.oid, 'pg_proc') as comment, p.proargnames as arg_names, p.proargmodes::text[] as arg_modes,
				coalesce(p.proallargtypes, p.proargtypes::oid[])::int[] as arg_types, p.pronargs::int as in_count,
				p.pronargdefaults::int as default_count, p.prorettype::int as returns, p.proretset as returns_set
			from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where n.nspname = $1 and p.prokind = 'f' and p.prorettype <> 'trigger'::regtype
				and p.prorettype <> 'event_trigger'::regtype
			order by p.proname, p.oid`,
			[SCHEMA]
		)
	).rows;
	const enums = (
		await db.query<EnumRow>(
			`select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as labels
			from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
			where n.nspname = $1 group by t.typname order by t.typname`,
			[SCHEMA]
		)
	).rows;
	const composites = (
		await db.query<{ name: string; relid: number }>(
			`select t.typname as name, t.typrelid::int as relid
			from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_class c on c.oid = t.typrelid
			where n.nspname = $1 and t.typtype = 'c' and c.relkind = 'c' order by t.typname`,
			[SCHEMA]
		)
	).rows;
	const compositeColumns = (
		await db.query<ColumnRow>(
			`select a.attrelid::int as table_oid, a.attname as name, a.atttypid::int as type_oid,
				true as nullable, false as has_default, '' as identity, '' as generated
			from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = $1 and c.relkind = 'c' and a.attnum > 0 and not a.attisdropped
			order by a.attrelid, a.attnum`,
			[SCHEMA]
		)
	).rows;
	return { types, relations, columns, foreignKeys, functions, enums, composites, compositeColumns };
}

type Schema = Awaited<ReturnType<typeof introspect>>;

const NUMBER = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid', 'money']);
const STRING = new Set([
	'text',
	'varchar',
	'bpchar',
	'char',
	'name',
	'uuid',
	'date',
	'time',
	'timetz',
	'timestamp',
	'timestamptz',
	'interval',
	'bytea',
	'inet',
	'cidr',
	'macaddr',
	'citext',
	'bit',
	'varbit',
	'xml',
	'regclass',
	'regtype',
	'regproc',
	'regconfig',
]);

const quote = (name: string): string =>
	/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);

/** The TypeScript type of a PostgreSQL type, as supabase gen types writes it. */
function tsType(schema: Schema, oid: number): string {
	const type = schema.types.get(oid);
	if (type === undefined) return 'unknown';
	if (type.category === 'A' && type.elem !== 0) return `${tsType(schema, type.elem)}[]`;
	if (type.kind === 'd') return tsType(schema, type.base);
	if (type.kind === 'e') {
		return type.schema === SCHEMA
			? `Database[${JSON.stringify(SCHEMA)}]["Enums"][${JSON.stringify(type.name)}]`
			: 'string';
	}
	if (type.kind === 'c') {
		const relation = schema.relations.find((r) => r.oid === type.relid);
		if (type.schema === SCHEMA && relation !== undefined) {
			return `Database[${JSON.stringify(SCHEMA)}]["Tables"][${JSON.stringify(relation.name)}]["Row"]`;
		}
		if (type.schema === SCHEMA)
			return `Database[${JSON.stringify(SCHEMA)}]["CompositeTypes"][${JSON.stringify(type.name)}]`;
		return 'unknown';
	}
	if (type.name === 'bool') return 'boolean';
	if (type.name === 'json' || type.name === 'jsonb') return 'Json';
	if (type.name === 'void') return 'undefined';
	if (type.name === 'record') return 'Record<string, unknown>';
	if (NUMBER.has(type.name)) return 'number';
	if (STRING.has(type.name)) return 'string';
	return 'unknown';
}

/** A column's TypeScript type: `T | null` when it may be null. */
function columnType(schema: Schema, column: ColumnRow): string {
	return `${tsType(schema, column.type_oid)}${column.nullable ? ' | null' : ''}`;
}

/** The object type of a relation's rows: every column with its type. */
function rowType(schema: Schema, relationOid: number): string {
	const lines = schema.columns
		.filter((c) => c.table_oid === relationOid)
		.map((c) => `${quote(c.name)}: ${columnType(schema, c)}`);
	return `{\n${lines.join('\n')}\n}`;
}

/**
 * A table's or a view's entry: its Row, and for tables (the only relations written to) its Insert
 * and Update, then its foreign keys.
 */
function relationBlock(schema: Schema, relation: RelationRow): string {
	const columns = schema.columns.filter((c) => c.table_oid === relation.oid);
	const isTable = relation.kind === 'r' || relation.kind === 'p';
	const writable = (optionalAll: boolean) =>
		columns
			.map((c) => {
				if (c.identity === 'a' || c.generated !== '') return `${quote(c.name)}?: never`;
				const optional = optionalAll || c.nullable || c.has_default || c.identity === 'd';
				return `${quote(c.name)}${optional ? '?' : ''}: ${columnType(schema, c)}`;
			})
			.join('\n');
	const relationships = schema.foreignKeys
		.filter((k) => k.table_oid === relation.oid)
		.map(
			(k) => `{
				foreignKeyName: ${JSON.stringify(k.name)}
				columns: ${JSON.stringify(k.columns)}
				isOneToOne: ${k.one_to_one}
				referencedRelation: ${JSON.stringify(k.referenced)}
				referencedColumns: ${JSON.stringify(k.referenced_columns)}
			},`
		)
		.join('\n');
	const parts = [`Row: ${rowType(schema, relation.oid)}`];
	if (isTable) parts.push(`Insert: {\n${writable(false)}\n}`, `Update: {\n${writable(true)}\n}`);
	parts.push(`Relationships: [\n${relationships}\n]`);
	return `${quote(relation.name)}: {\n${parts.join('\n')}\n}`;
}

function functionBlock(schema: Schema, fn: FunctionRow): string {
	const modes = fn.arg_modes ?? fn.arg_types.map(() => 'i');
	const names = fn.arg_names ?? [];
	const inputs: string[] = [];
	const outputs: string[] = [];
	const neverNull = new Set(
		(/Never null: ([\w, ]+)\./.exec(fn.comment ?? '')?.[1] ?? '').split(/,\s*/).filter(Boolean)
	);
	let inIndex = 0;
	fn.arg_types.forEach((oid, i) => {
		const mode = modes[i] ?? 'i';
		const name = names[i] ?? '';
		if (mode === 'i' || mode === 'b' || mode === 'v') {
			const optional = inIndex >= fn.in_count - fn.default_count;
			inputs.push(`${quote(name)}${optional ? '?' : ''}: ${tsType(schema, oid)}`);
			inIndex++;
		}
		if (mode === 'o' || mode === 'b' || mode === 't') {
			outputs.push(`${quote(name)}: ${tsType(schema, oid)}${neverNull.has(name) ? '' : ' | null'}`);
		}
	});
	const args = inputs.length === 0 ? 'never' : `{\n${inputs.join('\n')}\n}`;
	let returns: string;
	if (outputs.length > 0) {
		returns = `{\n${outputs.join('\n')}\n}${fn.returns_set ? '[]' : ''}`;
	} else {
		const type = schema.types.get(fn.returns);
		const relation =
			type?.kind === 'c' ? schema.relations.find((r) => r.oid === type.relid) : undefined;
		const base =
			relation !== undefined ? rowType(schema, relation.oid) : tsType(schema, fn.returns);
		returns = fn.returns_set ? `${base}[]` : base;
	}
	return `${quote(fn.name)}: {\nArgs: ${args}\nReturns: ${returns}\n}`;
}

/**
 * One of the generated file's helper types (`Tables`, `TablesInsert`, `TablesUpdate`): the
 * `part` of a relation named in the default schema, or by `{ schema }` and a name. With `views`,
 * views are named too (they have rows, but nothing is written to them).
 */
function relationHelper(name: string, part: 'Row' | 'Insert' | 'Update', views: boolean): string {
	const relations = (schema: string) =>
		views ? `(${schema}["Tables"] & ${schema}["Views"])` : `${schema}["Tables"]`;
	const named = 'DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]';
	// A line break after `{` keeps these object types on several lines, as the Supabase CLI writes them.
	const infer = `{\n${part}: infer ${part[0]}\n} ? ${part[0]} : never`;
	return `export type ${name}<
	DefaultSchemaTableNameOrOptions extends
		| keyof ${relations('DefaultSchema')}
		| { schema: keyof DatabaseWithoutInternals },
	TableName extends DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals
	}
		? keyof ${relations(named)}
		: never = never,
> = DefaultSchemaTableNameOrOptions extends {
	schema: keyof DatabaseWithoutInternals
}
	? ${relations(named)}[TableName] extends ${infer}
	: DefaultSchemaTableNameOrOptions extends keyof ${relations('DefaultSchema')}
		? ${relations('DefaultSchema')}[DefaultSchemaTableNameOrOptions] extends ${infer}
		: never`;
}

/**
 * One of the generated file's helper types (`Enums`, `CompositeTypes`): a type of that group named
 * in the default schema, or by `{ schema }` and a name. The parameter names are the Supabase CLI's.
 */
function schemaTypeHelper(
	group: 'Enums' | 'CompositeTypes',
	options: string,
	name: string
): string {
	const named = `DatabaseWithoutInternals[${options}["schema"]]["${group}"]`;
	return `export type ${group}<
	${options} extends
		| keyof DefaultSchema["${group}"]
		| { schema: keyof DatabaseWithoutInternals },
	${name} extends ${options} extends {
		schema: keyof DatabaseWithoutInternals
	}
		? keyof ${named}
		: never = never,
> = ${options} extends {
	schema: keyof DatabaseWithoutInternals
}
	? ${named}[${name}]
	: ${options} extends keyof DefaultSchema["${group}"]
		? DefaultSchema["${group}"][${options}]
		: never`;
}

function render(schema: Schema): string {
	const tables = schema.relations.filter((r) => r.kind === 'r' || r.kind === 'p' || r.kind === 'f');
	const views = schema.relations.filter((r) => r.kind === 'v' || r.kind === 'm');
	const none = '{\n[_ in never]: never\n}';
	const block = (items: string[]) => (items.length === 0 ? none : `{\n${items.join('\n')}\n}`);
	const grouped = new Map<string, FunctionRow[]>();
	for (const fn of schema.functions) grouped.set(fn.name, [...(grouped.get(fn.name) ?? []), fn]);
	const functions = [...grouped.values()].map((overloads) => {
		if (overloads.length === 1) return functionBlock(schema, overloads[0] as FunctionRow);
		const variants = overloads.map((fn) => functionBlock(schema, fn).replace(/^[^:]+: /, ''));
		return `${quote((overloads[0] as FunctionRow).name)}: ${variants.join(' | ')}`;
	});
	const enums = schema.enums.map(
		(e) => `${quote(e.name)}: ${e.labels.map((l) => JSON.stringify(l)).join(' | ')}`
	);
	const composites = schema.composites.map(
		(c) =>
			`${quote(c.name)}: {\n${schema.compositeColumns
				.filter((a) => a.table_oid === c.relid)
				.map((a) => `${quote(a.name)}: ${tsType(schema, a.type_oid)} | null`)
				.join('\n')}\n}`
	);
	const constants = schema.enums
		.map((e) => `${quote(e.name)}: ${JSON.stringify(e.labels)},`)
		.join('\n');

	return `// Generated by \`npm run db:types\` (scripts/db-types.ts) from supabase/migrations. Do not edit by hand.

export type Json =
	| string
	| number
	| boolean
	| null
	| { [key: string]: Json | undefined }
	| Json[]

export type Database = {
	// Allows to automatically instantiate createClient with right options
	// instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
	__InternalSupabase: {
		PostgrestVersion: "12"
	}
	${SCHEMA}: {
		Tables: ${block(tables.map((t) => relationBlock(schema, t)))}
		Views: ${block(views.map((v) => relationBlock(schema, v)))}
		Functions: ${block(functions)}
		Enums: ${block(enums)}
		CompositeTypes: ${block(composites)}
	}
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "${SCHEMA}">]

${relationHelper('Tables', 'Row', true)}

${relationHelper('TablesInsert', 'Insert', false)}

${relationHelper('TablesUpdate', 'Update', false)}

${schemaTypeHelper('Enums', 'DefaultSchemaEnumNameOrOptions', 'EnumName')}

${schemaTypeHelper('CompositeTypes', 'PublicCompositeTypeNameOrOptions', 'CompositeTypeName')}

export const Constants = {
	${SCHEMA}: {
		Enums: {
			${constants}
		},
	},
} as const
`;
}

const options = parseArgs(process.argv.slice(2));
const db = await openSchema(options.dbUrl);
let source: string;
try {
	source = render(await introspect(db));
} finally {
	await db.close();
}
const target = options.out ?? options.check ?? DEFAULT_OUT;
const prettierOptions = (await resolveConfig(target)) ?? {};
const formatted = await format(source, { ...prettierOptions, filepath: target });

if (options.check !== undefined) {
	const current = readFileSync(options.check, 'utf8');
	if (current !== formatted) {
		console.error(`${options.check} is out of date: run npm run db:types`);
		process.exit(1);
	}
	console.log(`${options.check} is up to date`);
} else if (options.out !== undefined) {
	writeFileSync(options.out, formatted);
	console.log(`wrote ${options.out}`);
} else {
	process.stdout.write(formatted);
}
