/**
 * The database linter: the rules of Supabase's database linter (splinter, `supabase db lint`) that matter for
 * this schema, plus the house rules of docs/database.md, run as catalog queries against any database — PGlite
 * with every migration (`npm run db:lint`, tests/integration/db-lint.test.ts) or a PostgreSQL URL.
 *
 * Each finding names its rule (splinter's name), a level, the object and a one-line fix. ERROR fails the build;
 * WARN and INFO are printed for review. Levels are stricter than splinter's where the house rules are
 * (unindexed foreign keys, per-row `auth.uid()`, one permissive policy per operation, every function with a
 * fixed search_path). Deliberate exceptions live in ./allow.ts, each with its reason.
 */
import type { Queryable } from '../embedded/contracts.ts';
import { ALLOWED } from './allow.ts';

/** How bad a finding is: ERROR fails `npm run db:lint` and the test; the others are for review. */
export type Level = 'ERROR' | 'WARN' | 'INFO';

/** One thing a rule found. */
export interface Finding {
	rule: string;
	level: Level;
	/** The object, e.g. `public.profiles`, `public.f(uuid)`, `public.t policy t_select_owner`. */
	object: string;
	/** What exactly is wrong, when the object alone does not say. */
	detail: string | null;
	/** One line on how to fix it. */
	fix: string;
	/** The allow-list entry's reason when the finding is a deliberate exception (then it never fails). */
	allowed: string | null;
}

/** An entry of the allow-list: a finding of `rule` on exactly `object` is deliberate, for `reason`. */
export interface Allowed {
	rule: string;
	object: string;
	reason: string;
}

/** What to lint against. */
export interface LintOptions {
	/** Schemas the REST API exposes (supabase/config.toml [api] schemas). */
	exposedSchemas: readonly string[];
	/** Deliberate exceptions; default ./allow.ts. */
	allowed?: readonly Allowed[];
}

interface Row {
	object: string;
	detail: string | null;
	level?: Level;
}

interface Rule {
	name: string;
	level: Level;
	fix: string;
	/** The findings; `$1`, when used, is the exposed schemas. */
	sql: string;
	/** Optional filter over the rows, for what a catalog query says poorly (deparsed policy text). */
	keep?: (row: Row & Record<string, unknown>) => Row | null;
}

/**
 * Schemas owned by the platform (Supabase, the embedded backend, PostgreSQL): not linted as ours, except where a
 * rule says (our migrations add policies on storage.objects, so the policy rules read every schema).
 */
export const PLATFORM_SCHEMAS: readonly string[] = [
	'pg_catalog',
	'information_schema',
	'pg_toast',
	'auth',
	'storage',
	'extensions',
	'graphql',
	'graphql_public',
	'realtime',
	'_realtime',
	'_analytics',
	'vault',
	'pgsodium',
	'pgsodium_masks',
	'net',
	'cron',
	'pgbouncer',
	'pgtle',
	'pgmq',
	'supabase_functions',
	'supabase_migrations',
	'_embedded',
];

// Our schemas: every schema not the platform's (nor a temporary one).
const OURS = `(n.nspname <> all (array[${PLATFORM_SCHEMAS.map((s) => `'${s}'`).join(', ')}]) and n.nspname !~ '^pg_')`;
const NOT_EXTENSION_MEMBER = (classid: string, objid: string) =>
	`not exists (select 1 from pg_catalog.pg_depend dep where dep.classid = '${classid}'::regclass
		and dep.objid = ${objid} and dep.deptype = 'e')`;
const API_CAN_SELECT = `(pg_catalog.has_table_privilege('anon', c.oid, 'SELECT')
	or pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT'))`;

// A call to auth.uid()/jwt()/role()/email() or current_setting() in deparsed policy text, and what comes just
// before it: `( SELECT auth.uid() AS uid)` or `( SELECT (auth.jwt() -> …))` is evaluated once per statement, a
// bare call once per row.
const AUTH_CALL = /\b(auth\.(?:uid|jwt|role|email)|(?:pg_catalog\.)?current_setting)\s*\(/gi;
function bareAuthCalls(expression: string | null): string[] {
	if (expression === null) return [];
	const bare: string[] = [];
	for (const match of expression.matchAll(AUTH_CALL)) {
		const before = expression.slice(0, match.index);
		if (!/select[\s(]+$/i.test(before)) bare.push(`${match[1]}()`);
	}
	return bare;
}

const POLICY_ROWS = `
	select format('%I.%I policy %I', n.nspname, c.relname, p.polname) as object, null as detail,
		pg_catalog.pg_get_expr(p.polqual, p.polrelid) as qual,
		pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as with_check,
		p.polcmd::text as cmd
	from pg_catalog.pg_policy p
	join pg_catalog.pg_class c on c.oid = p.polrelid
	join pg_catalog.pg_namespace n on n.oid = c.relnamespace
	where n.nspname not in ('pg_catalog', 'information_schema')`;

const RULES: readonly Rule[] = [
	{
		name: 'rls_disabled_in_public',
		level: 'ERROR',
		fix: 'alter table … enable row level security, then add policies (or move the table out of the API schemas)',
		sql: `select format('%I.%I', n.nspname, c.relname) as object, null as detail
			from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'p') and n.nspname = any ($1::text[]) and not c.relrowsecurity`,
	},
	{
		name: 'policy_exists_rls_disabled',
		level: 'ERROR',
		fix: 'alter table … enable row level security (its policies do nothing while it is off)',
		sql: `select format('%I.%I', n.nspname, c.relname) as object,
				'policies: ' || string_agg(p.polname::text, ', ' order by p.polname) as detail
			from pg_catalog.pg_policy p
			join pg_catalog.pg_class c on c.oid = p.polrelid
			join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			where not c.relrowsecurity
			group by n.nspname, c.relname`,
	},
	{
		name: 'rls_enabled_no_policy',
		level: 'INFO',
		fix: 'nobody but the service role reaches it: add policies, or say in its comment that this is meant',
		sql: `select format('%I.%I', n.nspname, c.relname) as object, null as detail
			from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'p') and n.nspname = any ($1::text[]) and c.relrowsecurity
				and not exists (select 1 from pg_catalog.pg_policy p where p.polrelid = c.oid)`,
	},
	{
		name: 'function_search_path_mutable',
		level: 'ERROR',
		fix: "add `set search_path = ''` and qualify every name in the body",
		sql: `select format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.oidvectortypes(p.proargtypes))
				as object,
				case when p.prosecdef then 'security definer' else 'security invoker' end as detail
			from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
			where ${OURS} and p.prokind in ('f', 'p')
				and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) as s(setting)
					where s.setting like 'search_path=%')
				and ${NOT_EXTENSION_MEMBER('pg_catalog.pg_proc', 'p.oid')}`,
	},
	{
		name: 'security_definer_view',
		level: 'ERROR',
		fix: 'alter view … set (security_invoker = true), so the caller’s RLS applies (or revoke it from anon and authenticated)',
		sql: `select format('%I.%I', n.nspname, c.relname) as object,
				(select 'reads: ' || string_agg(distinct format('%I.%I', tn.nspname, t.relname)
					|| case when t.relrowsecurity then ' (RLS)' else '' end, ', ')
					from pg_catalog.pg_rewrite r
					join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = r.oid
						and d.refclassid = 'pg_catalog.pg_class'::regclass
					join pg_catalog.pg_class t on t.oid = d.refobjid and t.oid <> c.oid
					join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
					where r.ev_class = c.oid) as detail
			from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			where c.relkind = 'v' and n.nspname = any ($1::text[]) and ${API_CAN_SELECT}
				and ${NOT_EXTENSION_MEMBER('pg_catalog.pg_class', 'c.oid')}
				and not (lower(coalesce(c.reloptions, '{}')::text)::text[] && array['security_invoker=true',
					'security_invoker=on', 'security_invoker=1', 'security_invoker=yes'])`,
	},
	{
		name: 'auth_users_exposed',
		level: 'ERROR',
		fix: 'never expose auth.users: drop the view or grant, read what is needed through a security-definer RPC in public',
		sql: `select format('%I.%I', n.nspname, c.relname) as object,
				case c.relkind when 'm' then 'materialized view' else 'view' end || ' reading auth.users' as detail
			from pg_catalog.pg_depend d
			join pg_catalog.pg_rewrite r on r.oid = d.objid
			join pg_catalog.pg_class c on c.oid = r.ev_class
			join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			where d.classid = 'pg_catalog.pg_rewrite'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass
				and d.refobjid = to_regclass('auth.users') and c.relkind in ('v', 'm')
				and n.nspname = any ($1::text[])
			group by n.nspname, c.relname, c.relkind
			union all
			select 'auth.users' as object,
				'granted: ' || string_agg(g.role || ' ' || p.privilege, ', ' order by g.role, p.privilege) as detail
			from (values ('anon'), ('authenticated')) as g(role)
			cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('REFERENCES')) as p(privilege)
			where to_regclass('auth.users') is not null
				and pg_catalog.has_any_column_privilege(g.role, to_regclass('auth.users'), p.privilege)
			having count(*) > 0`,
	},
	{
		name: 'unindexed_foreign_keys',
		level: 'ERROR',
		fix: 'create an index whose leading columns are the foreign key’s columns',
		sql: `select format('%I.%I', n.nspname, c.relname) as object,
				format('%I (%s)', k.conname, (select string_agg(a.attname::text, ', ' order by u.ord)
					from unnest(k.conkey) with ordinality as u(attnum, ord)
					join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum)) as detail
			from pg_catalog.pg_constraint k
			join pg_catalog.pg_class c on c.oid = k.conrelid
			join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			where k.contype = 'f' and ${OURS}
				and not exists (
					select 1 from pg_catalog.pg_index i
					where i.indrelid = k.conrelid and i.indpred is null
						and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey
						and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] <@ k.conkey)`,
	},
	{
		name: 'auth_rls_initplan',
		level: 'ERROR',
		fix: 'wrap the call in a select — `(select auth.uid())` — so it runs once per statement, not once per row',
		sql: POLICY_ROWS,
		keep: (row) => {
			const bare = [
				...bareAuthCalls(row['qual'] as string | null),
				...bareAuthCalls(row['with_check'] as string | null),
			];
			return bare.length === 0
				? null
				: { object: row.object, detail: `bare ${[...new Set(bare)].join(', ')}` };
		},
	},
	{
		name: 'rls_references_user_metadata',
		level: 'ERROR',
		fix: 'users edit their own user_metadata: decide on app_metadata or a table of ours instead',
		sql: POLICY_ROWS,
		keep: (row) =>
			/user_metadata|raw_user_meta_data/i.test(`${row['qual']} ${row['with_check']}`)
				? { object: row.object, detail: null }
				: null,
	},
	{
		name: 'rls_policy_always_true',
		level: 'WARN',
		fix: 'a write policy of `true` lets every caller of that role write every row: say whose rows',
		sql: POLICY_ROWS,
		keep: (row) =>
			row['cmd'] !== 'r' && (row['qual'] === 'true' || row['with_check'] === 'true')
				? { object: row.object, detail: null }
				: null,
	},
	{
		name: 'multiple_permissive_policies',
		level: 'ERROR',
		fix: 'merge them into one policy per operation and role (`or` the conditions); each one runs on every query',
		sql: `with policies as (
				select n.nspname, c.relname, p.polname, p.polcmd,
					unnest(case when p.polroles = '{0}'::oid[]
						then array(select r.oid from pg_catalog.pg_roles r where r.rolname in ('anon', 'authenticated'))
						else p.polroles end) as role
				from pg_catalog.pg_policy p
				join pg_catalog.pg_class c on c.oid = p.polrelid
				join pg_catalog.pg_namespace n on n.oid = c.relnamespace
				where p.polpermissive and n.nspname not in ('pg_catalog', 'information_schema')
			),
			actions as (
				select policies.*, a.action
				from policies, unnest(case policies.polcmd when '*' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE']
					when 'r' then array['SELECT'] when 'a' then array['INSERT'] when 'w' then array['UPDATE']
					else array['DELETE'] end) as a(action)
			)
			select format('%I.%I', a.nspname, a.relname) as object,
				format('%s for %s: %s', a.action, r.rolname, string_agg(a.polname::text, ', ' order by a.polname))
					as detail
			from actions a join pg_catalog.pg_roles r on r.oid = a.role
			where r.rolname in ('anon', 'authenticated')
			group by a.nspname, a.relname, a.action, r.rolname
			having count(*) > 1`,
	},
	{
		name: 'duplicate_index',
		level: 'ERROR',
		fix: 'drop all but one of the identical indexes',
		sql: `select format('%I.%I', n.nspname, c.relname) as object,
				string_agg(ic.relname::text, ', ' order by ic.relname) as detail
			from pg_catalog.pg_index i
			join pg_catalog.pg_class c on c.oid = i.indrelid
			join pg_catalog.pg_class ic on ic.oid = i.indexrelid
			join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			where ${OURS}
			group by n.nspname, c.relname, i.indrelid, i.indkey::text, i.indclass::text, i.indcollation::text,
				coalesce(pg_catalog.pg_get_expr(i.indexprs, i.indrelid), ''),
				coalesce(pg_catalog.pg_get_expr(i.indpred, i.indrelid), '')
			having count(*) > 1`,
	},
	{
		name: 'materialized_view_in_api',
		level: 'ERROR',
		fix: 'materialized views have no RLS: revoke select from anon and authenticated, or move it to private',
		sql: `select format('%I.%I', n.nspname, c.relname) as object, null as detail
			from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
			where c.relkind = 'm' and n.nspname = any ($1::text[]) and ${API_CAN_SELECT}`,
	},
	{
		name: 'extension_in_public',
		level: 'ERROR',
		fix: 'create extension … with schema extensions (or alter extension … set schema extensions)',
		sql: `select e.extname::text as object, format('in %I', n.nspname) as detail
			from pg_catalog.pg_extension e join pg_catalog.pg_namespace n on n.oid = e.extnamespace
			where n.nspname = any ($1::text[])`,
	},
	// Security-definer functions in an API schema run past RLS for whoever may call them over /rest/v1/rpc. An
	// explicit grant to the role is deliberate and listed for review (WARN, as in splinter); reaching the role
	// through PUBLIC's default EXECUTE never is (ERROR).
	...(['anon', 'authenticated'] as const).map((role): Rule => ({
		name: `${role}_security_definer_function_executable`,
		level: 'WARN',
		fix: `revoke execute … from public, anon, authenticated; grant to ${role} only what ${role} must call`,
		sql: `select format('%I.%I(%s)', n.nspname, p.proname,
					pg_catalog.oidvectortypes(p.proargtypes)) as object,
					case when explicit.granted then 'granted to ${role}' else 'through PUBLIC (never granted)' end
						as detail,
					case when explicit.granted then 'WARN' else 'ERROR' end as level
				from pg_catalog.pg_proc p
				join pg_catalog.pg_namespace n on n.oid = p.pronamespace
				cross join lateral (select exists (
					select 1 from aclexplode(p.proacl) a
					where a.grantee = '${role}'::regrole and a.privilege_type = 'EXECUTE') as granted) as explicit
				where p.prosecdef and n.nspname = any ($1::text[])
					and pg_catalog.has_function_privilege('${role}', p.oid, 'EXECUTE')
					and ${NOT_EXTENSION_MEMBER('pg_catalog.pg_proc', 'p.oid')}`,
	})),
];

/** The names of every rule, in the order they run. */
export const RULE_NAMES: readonly string[] = RULES.map((r) => r.name);

/** Runs every rule against `db`; findings sorted by level (ERROR first), rule and object. */
export async function lintDatabase(db: Queryable, options: LintOptions): Promise<Finding[]> {
	const allowed = options.allowed ?? ALLOWED;
	const findings: Finding[] = [];
	for (const rule of RULES) {
		const params = rule.sql.includes('$1') ? [options.exposedSchemas] : [];
		const { rows } = await db.query<Row & Record<string, unknown>>(rule.sql, params);
		for (const raw of rows) {
			const row = rule.keep ? rule.keep(raw) : raw;
			if (row === null) continue;
			const entry = allowed.find((a) => a.rule === rule.name && a.object === row.object);
			findings.push({
				rule: rule.name,
				level: row.level ?? rule.level,
				object: row.object,
				detail: row.detail ?? null,
				fix: rule.fix,
				allowed: entry?.reason ?? null,
			});
		}
	}
	const rank: Record<Level, number> = { ERROR: 0, WARN: 1, INFO: 2 };
	return findings.sort(
		(a, b) =>
			rank[a.level] - rank[b.level] ||
			a.rule.localeCompare(b.rule) ||
			a.object.localeCompare(b.object)
	);
}

/** The findings that fail the build: ERROR and not allow-listed. */
export function failures(findings: readonly Finding[]): Finding[] {
	return findings.filter((f) => f.level === 'ERROR' && f.allowed === null);
}

/**
 * The schemas the REST API exposes, from supabase/config.toml's `[api] schemas` (Supabase's default,
 * public and graphql_public, when the file does not say; the embedded backend serves the same default).
 */
export function exposedSchemasFromConfig(toml: string): string[] {
	const api = /^\[api\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
	const list = /^\s*schemas\s*=\s*\[([^\]]*)\]/m.exec(api)?.[1];
	if (list === undefined) return ['public', 'graphql_public'];
	return [...list.matchAll(/"([^"]+)"|'([^']+)'/g)].map((m) => (m[1] ?? m[2]) as string);
}

/** The findings as a plain-text table (level, rule, object, detail, fix), then a one-line summary. */
export function formatFindings(findings: readonly Finding[]): string {
	const rows = findings.map((f) => [
		f.allowed === null ? f.level : `${f.level} (allowed)`,
		f.rule,
		f.detail === null ? f.object : `${f.object} — ${f.detail}`,
		f.allowed === null ? f.fix : `allowed: ${f.allowed}`,
	]);
	const header = ['level', 'rule', 'object', 'fix'];
	const widths = header.map((h, i) =>
		Math.min(i === 3 ? 200 : 90, Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
	);
	const line = (cells: string[]) =>
		cells
			.map((c, i) => c.padEnd(widths[i] as number))
			.join('  ')
			.trimEnd();
	const count = (level: Level) => findings.filter((f) => f.level === level).length;
	return [
		line(header),
		line(widths.map((w) => '-'.repeat(w))),
		...rows.map(line),
		'',
		`${failures(findings).length} failing, ${count('ERROR')} error, ${count('WARN')} warn, ${count('INFO')} info, ` +
			`${findings.filter((f) => f.allowed !== null).length} allowed`,
	].join('\n');
}
