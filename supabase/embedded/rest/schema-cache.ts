/**
 * The schema cache: relations, columns, keys, relationships and functions of the exposed schemas, read from
 * pg_catalog once (and again on reload) so that no request needs to introspect.
 */
import type { Database, Queryable } from '../contracts.ts';
import { tableNotFound } from './errors.ts';
import { bestMatch } from './fuzzy.ts';
import { buildRelationships, type ComputedRelRow, type Relationship } from './relationships.ts';
import { type ConstraintRow, type ViewRow, viewKeyDependencies } from './view-keys.ts';

/** A column as the planner needs it. */
export interface Column {
	name: string;
	/** `format_type` of the column's type, schema-qualified unless in pg_catalog. */
	type: string;
	/** The type after unwrapping a domain (used to detect json/jsonb/tsvector). */
	baseType: string;
	nullable: boolean;
	/** Default expression (identity → nextval, domain default), or null. */
	default: string | null;
}

/** A table, view, materialized view, foreign or partitioned table. */
export interface Table {
	schema: string;
	name: string;
	isView: boolean;
	insertable: boolean;
	updatable: boolean;
	deletable: boolean;
	/** Primary-key column names, sorted. */
	pk: string[];
	columns: Map<string, Column>;
}

/** One input parameter of a function. */
export interface RoutineParam {
	/** Empty for an unnamed parameter. */
	name: string;
	type: string;
	required: boolean;
	variadic: boolean;
}

/** A callable function. */
export interface Routine {
	schema: string;
	name: string;
	params: RoutineParam[];
	returns: {
		schema: string;
		name: string;
		setOf: boolean;
		composite: boolean;
	};
	volatility: 'immutable' | 'stable' | 'volatile';
	/** Planner row estimate (`ROWS n`), used for computed relationships. */
	rows: number;
}

/** Everything the REST service knows about the database. */
export interface SchemaCache {
	/** Time zone names `Prefer: timezone=` may use. */
	timezones: Set<string>;
	/** `ALTER ROLE … SET` settings applied when a request runs as that role. */
	roleSettings: Map<string, [string, string][]>;
	/** Exposed schemas; the first is the default. */
	schemas: string[];
	/** Keyed by `schema.name`. */
	tables: Map<string, Table>;
	/** Relationships keyed by the origin relation's `schema.name`. */
	relationships: Map<string, Relationship[]>;
	/** Overloads keyed by `schema.name`. */
	routines: Map<string, Routine[]>;
}

/** The cache key for a relation or function. */
export function cacheKey(schema: string, name: string): string {
	return `${schema}\u0000${name}`;
}

const TABLES_SQL = `
select
  n.nspname as schema,
  c.relname as name,
  c.relkind in ('v', 'm') as is_view,
  (c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and (pg_relation_is_updatable(c.oid::regclass, true) & 8) = 8)) as insertable,
  (c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and (pg_relation_is_updatable(c.oid::regclass, true) & 4) = 4)) as updatable,
  (c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and (pg_relation_is_updatable(c.oid::regclass, true) & 16) = 16)) as deletable,
  coalesce((
    select json_agg(a.attname order by a.attname)
    from pg_constraint k
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
    where k.conrelid = c.oid and k.contype = 'p'
  ), '[]')::text as pk,
  coalesce((
    select json_agg(json_build_array(
      a.attname,
      format_type(a.atttypid, a.atttypmod),
      format_type(coalesce(nullif(t.typbasetype, 0), a.atttypid), null),
      not (a.attnotnull or (t.typtype = 'd' and t.typnotnull)),
      case
        when t.typbasetype <> 0 and ad.adbin is null then pg_get_expr(t.typdefaultbin, 0)
        when a.attidentity = 'd' then format('nextval(%L)', pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname))
        when a.attgenerated <> '' then null
        else pg_get_expr(ad.adbin, ad.adrelid)
      end
    ) order by a.attnum)
    from pg_attribute a
    join pg_type t on t.oid = a.atttypid
    left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  ), '[]')::text as columns
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'v', 'm', 'f', 'p')
  and not c.relispartition
  and n.nspname = any ($1::text[])
`;

// Primary and foreign keys outside the system schemas: views in exposed schemas may expose tables from others.
const CONSTRAINTS_SQL = `
select
  k.conname as name,
  k.contype as type,
  k.conrelid::text as rel, n1.nspname as schema, t1.relname as table,
  nullif(k.confrelid, 0)::text as frel, n2.nspname as foreign_schema, t2.relname as foreign_table,
  (
    select json_agg(json_build_array(a.attnum, a.attname) order by u.ord)
    from unnest(k.conkey) with ordinality as u(attnum, ord)
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
  )::text as cols,
  (
    select json_agg(json_build_array(a.attnum, a.attname) order by u.ord)
    from unnest(k.confkey) with ordinality as u(attnum, ord)
    join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum
  )::text as fcols,
  k.contype = 'f' and exists (
    select 1 from pg_constraint uk
    where uk.conrelid = k.conrelid and uk.contype in ('p', 'u')
      and (select array_agg(x order by x) from unnest(uk.conkey) x) = (select array_agg(x order by x) from unnest(k.conkey) x)
  ) as one_to_one
from pg_constraint k
join pg_class t1 on t1.oid = k.conrelid
join pg_namespace n1 on n1.oid = t1.relnamespace
left join pg_class t2 on t2.oid = k.confrelid
left join pg_namespace n2 on n2.oid = t2.relnamespace
where k.contype in ('p', 'f') and k.conparentid = 0
  and n1.nspname not in ('pg_catalog', 'information_schema')
order by k.conrelid, k.conname
`;

const VIEWS_SQL = `
select c.oid::text as oid, n.nspname as schema, c.relname as name, r.ev_action::text as def,
  coalesce((
    select json_agg(json_build_array(a.attnum, a.attname))
    from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  ), '[]')::text as cols
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_rewrite r on r.ev_class = c.oid
where c.relkind in ('v', 'm') and n.nspname = any ($1::text[])
`;

const COMPUTED_RELS_SQL = `
select pn.nspname as schema, p.proname as name,
  an.nspname as table_schema, ac.relname as table_name,
  rn.nspname as ftable_schema, rc.relname as ftable_name,
  (not p.proretset or p.prorows = 1) as single_row
from pg_proc p
join pg_namespace pn on pn.oid = p.pronamespace
join pg_type at on at.oid = p.proargtypes[0]
join pg_class ac on ac.oid = at.typrelid and ac.reltype = at.oid
join pg_namespace an on an.oid = ac.relnamespace
join pg_type rt on rt.oid = p.prorettype
join pg_class rc on rc.oid = rt.typrelid and rc.reltype = rt.oid
join pg_namespace rn on rn.oid = rc.relnamespace
where p.pronargs = 1 and p.prokind = 'f'
  and ac.relkind in ('v', 'r', 'm', 'f', 'p') and rc.relkind in ('v', 'r', 'm', 'f', 'p')
  and pn.nspname not in ('pg_catalog', 'information_schema')
`;

// Settings attached to roles (ALTER ROLE … SET) that a transaction may set: PostgREST applies them per request.
const ROLE_SETTINGS_SQL = `
select r.rolname as role, split_part(cfg, '=', 1) as name, substr(cfg, strpos(cfg, '=') + 1) as value
from pg_db_role_setting s
join pg_roles r on r.oid = s.setrole
cross join lateral unnest(s.setconfig) as cfg
join pg_settings ps on ps.name = split_part(cfg, '=', 1) and ps.context = 'user'
where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
order by s.setdatabase desc
`;

const FUNCTIONS_SQL = `
with args as (
  select p.oid,
    json_agg(json_build_array(
      coalesce(a.name, ''),
      a.type::regtype::text,
      a.pos <= (p.pronargs - p.pronargdefaults),
      a.mode = 'v'
    ) order by a.pos) as params,
    case count(*) - count(nullif(a.name, ''))
      when 0 then true
      when 1 then (array_agg(a.type))[1] in ('bytea'::regtype, 'json'::regtype, 'jsonb'::regtype, 'text'::regtype, 'xml'::regtype)
      else false
    end as callable
  from pg_proc p,
  lateral (
    select x.name, x.type, x.mode, row_number() over (order by x.ord) as pos
    from unnest(
      coalesce(p.proallargtypes, p.proargtypes::oid[]),
      coalesce(p.proargnames, array_fill(''::text, array[coalesce(array_length(p.proallargtypes, 1), p.pronargs)])),
      coalesce(p.proargmodes, array_fill('i'::"char", array[coalesce(array_length(p.proallargtypes, 1), p.pronargs)]))
    ) with ordinality as x(type, name, mode, ord)
    where x.mode in ('i', 'b', 'v')
  ) a
  group by p.oid
)
select
  pn.nspname as schema,
  p.proname as name,
  coalesce(args.params, '[]')::text as params,
  tn.nspname as return_schema,
  coalesce(comp.relname, t.typname) as return_name,
  p.proretset as setof,
  (t.typtype = 'c' or coalesce(p.proargmodes::text[] && '{t,b,o}', false)) as composite,
  p.provolatile as volatility,
  p.prorows::float8 as rows
from pg_proc p
join pg_namespace pn on pn.oid = p.pronamespace
left join args on args.oid = p.oid
join pg_type rt on rt.oid = p.prorettype
join pg_type t on t.oid = case when rt.typtype = 'd' then rt.typbasetype else rt.oid end
join pg_namespace tn on tn.oid = t.typnamespace
left join pg_class comp on comp.oid = t.typrelid
where p.prokind = 'f'
  and t.oid <> 'trigger'::regtype
  and coalesce(args.callable, true)
  and pn.nspname = any ($1::text[])
order by p.oid
`;

interface RoleSettingRow {
	role: string;
	name: string;
	value: string;
}

interface TableRow {
	schema: string;
	name: string;
	is_view: boolean;
	insertable: boolean;
	updatable: boolean;
	deletable: boolean;
	pk: string;
	columns: string;
}

interface FunctionRow {
	schema: string;
	name: string;
	params: string;
	return_schema: string;
	return_name: string;
	setof: boolean;
	composite: boolean;
	volatility: string;
	rows: number;
}

/**
 * Reads the schema cache for `schemas` (the first is the default and always kept; others only if they
 * exist). Runs in one transaction with an empty search_path so every type and default is schema-qualified.
 */
export async function loadSchemaCache(
	db: Database,
	schemas: readonly string[],
	extraSearchPath: readonly string[] = []
): Promise<SchemaCache> {
	return db.transaction(async (tx: Queryable) => {
		await tx.query(`select set_config('search_path', '', true)`);
		const existing = await tx.query<{ nspname: string }>(
			'select nspname from pg_namespace where nspname = any ($1::text[])',
			[schemas]
		);
		const present = new Set(existing.rows.map((r) => r.nspname));
		// A missing schema is not exposed, except the default one (requests to it then find no relations).
		const exposed = schemas.filter((s, i) => i === 0 || present.has(s));
		const tablesResult = await tx.query<TableRow>(TABLES_SQL, [exposed]);
		const constraints = (await tx.query<ConstraintRow>(CONSTRAINTS_SQL)).rows;
		const views = (await tx.query<ViewRow>(VIEWS_SQL, [[...exposed, ...extraSearchPath]])).rows;
		const computed = (await tx.query<ComputedRelRow>(COMPUTED_RELS_SQL)).rows;
		const fnResult = await tx.query<FunctionRow>(FUNCTIONS_SQL, [exposed]);
		const timezones = new Set(
			(await tx.query<{ name: string }>('select name from pg_timezone_names')).rows.map(
				(r) => r.name
			)
		);
		const roleSettings = new Map<string, [string, string][]>();
		for (const r of (await tx.query<RoleSettingRow>(ROLE_SETTINGS_SQL)).rows) {
			const list = roleSettings.get(r.role) ?? [];
			if (!list.some(([n]) => n === r.name)) list.push([r.name, r.value]);
			roleSettings.set(r.role, list);
		}

		const tables = new Map<string, Table>();
		for (const r of tablesResult.rows) {
			const columns = new Map<string, Column>();
			for (const [name, type, baseType, nullable, def] of JSON.parse(r.columns) as [
				string,
				string,
				string,
				boolean,
				string | null,
			][]) {
				columns.set(name, { name, type, baseType, nullable, default: def });
			}
			tables.set(cacheKey(r.schema, r.name), {
				schema: r.schema,
				name: r.name,
				isView: r.is_view,
				insertable: r.insertable,
				updatable: r.updatable,
				deletable: r.deletable,
				pk: JSON.parse(r.pk) as string[],
				columns,
			});
		}

		const routines = new Map<string, Routine[]>();
		for (const r of fnResult.rows) {
			const params = (JSON.parse(r.params) as [string, string, boolean, boolean][]).map(
				([name, type, required, variadic]) => ({ name, type, required, variadic })
			);
			const routine: Routine = {
				schema: r.schema,
				name: r.name,
				params,
				returns: {
					schema: r.return_schema,
					name: r.return_name,
					setOf: r.setof,
					composite: r.composite,
				},
				volatility:
					r.volatility === 'i' ? 'immutable' : r.volatility === 's' ? 'stable' : 'volatile',
				rows: Number(r.rows),
			};
			const key = cacheKey(r.schema, r.name);
			const list = routines.get(key);
			if (list === undefined) routines.set(key, [routine]);
			else list.push(routine);
		}

		const viewDeps = viewKeyDependencies(views, constraints, exposed);
		for (const d of viewDeps) {
			if (d.kind !== 'pk') continue;
			const view = tables.get(cacheKey(d.view.schema, d.view.name));
			if (view !== undefined && view.pk.length === 0)
				view.pk = d.columns.map(([, vcols]) => vcols[0] as string);
		}

		return {
			schemas: exposed,
			tables,
			relationships: buildRelationships(tables, constraints, viewDeps, computed, exposed),
			routines,
			timezones,
			roleSettings,
		};
	});
}

/** The relation `schema.name`; throws 404 PGRST205 (with a "Perhaps you meant" hint) when it is not cached. */
export function findTable(cache: SchemaCache, schema: string, name: string): Table {
	const table = cache.tables.get(cacheKey(schema, name));
	if (table !== undefined) return table;
	const names = [...cache.tables.values()].filter((t) => t.schema === schema).map((t) => t.name);
	throw tableNotFound(schema, name, names.length < 500 ? bestMatch(name, names, 0.75) : null);
}
