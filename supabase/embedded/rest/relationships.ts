/**
 * Relationships between relations (from foreign keys, including many-to-many through junction tables) and
 * PostgREST's rules for choosing one when a request embeds `rel` or `rel!hint`.
 */
import { RestError } from './errors.ts';
import { bestMatch } from './fuzzy.ts';
import type { SchemaCache, Table } from './schema-cache.ts';
import type { ConstraintRow, ViewKeyDep } from './view-keys.ts';

/** A schema-qualified relation name. */
export interface QualifiedName {
	schema: string;
	name: string;
}

/** The junction of a many-to-many relationship. */
export interface Junction {
	table: QualifiedName;
	constraint1: string;
	constraint2: string;
	/** (origin column, junction column) pairs. */
	sourceColumns: [string, string][];
	/** (target column, junction column) pairs. */
	targetColumns: [string, string][];
}

/** A relationship seen from its origin `table`. */
export interface Relationship {
	table: QualifiedName;
	foreignTable: QualifiedName;
	isSelf: boolean;
	cardinality: 'm2o' | 'o2m' | 'o2o' | 'm2m';
	/** FK constraint name (for m2m: empty; see junction). */
	constraint: string;
	/** (origin column, target column) pairs; empty for m2m. */
	columns: [string, string][];
	junction: Junction | null;
	foreignTableIsView: boolean;
	/** A computed relationship: function `fn(origin_row)` returning rows of the target. */
	computed: { function: QualifiedName; toOne: boolean } | null;
}

/** A function taking one row of a relation and returning rows of a relation (PostgREST's computed relationship). */
export interface ComputedRelRow {
	schema: string;
	name: string;
	table_schema: string;
	table_name: string;
	ftable_schema: string;
	ftable_name: string;
	single_row: boolean;
}

/** True for relationships that embed as an object (many-to-one, one-to-one, single-row computed). */
export function isToOne(rel: Relationship): boolean {
	if (rel.computed !== null) return rel.computed.toOne;
	return rel.cardinality === 'm2o' || rel.cardinality === 'o2o';
}

function key(q: QualifiedName): string {
	return `${q.schema}\u0000${q.name}`;
}

/** Expands `[(col, [v1, v2]), …]` into every choice of one view column per table column. */
function expand(cols: [string, string[]][]): string[][] {
	let out: string[][] = [[]];
	for (const [, vcols] of cols) out = out.flatMap((prefix) => vcols.map((v) => [...prefix, v]));
	return out;
}

/**
 * Builds every relationship between relations of the exposed schemas: each FK gives many-to-one (or one-to-one
 * when its columns are a PK/unique key) plus the inverse; views that expose a FK's columns get the same
 * relationships; a relation whose primary key contains two different FKs' columns links their targets
 * many-to-many; computed relationships override FK ones to the same name.
 */
export function buildRelationships(
	tables: Map<string, Table>,
	constraints: readonly ConstraintRow[],
	viewDeps: readonly ViewKeyDep[],
	computed: readonly ComputedRelRow[],
	exposed: readonly string[]
): Map<string, Relationship[]> {
	const base = (
		table: QualifiedName,
		foreignTable: QualifiedName,
		cardinality: Relationship['cardinality'],
		constraint: string,
		columns: [string, string][]
	): Relationship => ({
		table,
		foreignTable,
		isSelf: key(table) === key(foreignTable),
		cardinality,
		constraint,
		columns,
		junction: null,
		foreignTableIsView: false,
		computed: null,
	});
	const forward: Relationship[] = [];
	for (const fk of constraints) {
		if (
			fk.type !== 'f' ||
			fk.foreign_schema === null ||
			fk.foreign_table === null ||
			fk.fcols === null
		)
			continue;
		const cols = (JSON.parse(fk.cols) as [number, string][]).map(([, n]) => n);
		const fcols = (JSON.parse(fk.fcols) as [number, string][]).map(([, n]) => n);
		forward.push(
			base(
				{ schema: fk.schema, name: fk.table },
				{ schema: fk.foreign_schema, name: fk.foreign_table },
				fk.one_to_one ? 'o2o' : 'm2o',
				fk.name,
				cols.map((c, i) => [c, fcols[i] as string])
			)
		);
	}

	// Views exposing a FK's columns (or the columns it references) take part in the relationship.
	const depsOf = (t: QualifiedName, cons: string, kind: ViewKeyDep['kind']): ViewKeyDep[] =>
		viewDeps.filter((d) => d.kind === kind && d.constraint === cons && key(d.table) === key(t));
	const viewRels: Relationship[] = [];
	for (const r of forward) {
		const fromViews = depsOf(r.table, r.constraint, 'fk');
		const toViews = depsOf(r.foreignTable, r.constraint, 'fk_ref');
		for (const d of fromViews)
			for (const vcols of expand(d.columns))
				viewRels.push(
					base(
						d.view,
						r.foreignTable,
						r.cardinality,
						r.constraint,
						vcols.map((v, i) => [v, (r.columns[i] as [string, string])[1]])
					)
				);
		for (const d of toViews)
			for (const vcols of expand(d.columns))
				viewRels.push(
					base(
						r.table,
						d.view,
						r.cardinality,
						r.constraint,
						vcols.map((v, i) => [(r.columns[i] as [string, string])[0], v])
					)
				);
		for (const d1 of fromViews)
			for (const v1 of expand(d1.columns))
				for (const d2 of toViews)
					for (const v2 of expand(d2.columns))
						viewRels.push(
							base(
								d1.view,
								d2.view,
								r.cardinality,
								r.constraint,
								v1.map((v, i) => [v, v2[i] as string])
							)
						);
	}
	const toOnes = [...forward, ...viewRels];

	const all: Relationship[] = [...toOnes];
	for (const r of toOnes)
		all.push({
			...r,
			table: r.foreignTable,
			foreignTable: r.table,
			cardinality: r.cardinality === 'o2o' ? 'o2o' : 'o2m',
			columns: r.columns.map(([a, b]) => [b, a]),
		});

	const byJunction = new Map<string, Relationship[]>();
	for (const r of toOnes) {
		if (r.cardinality !== 'm2o') continue;
		const list = byJunction.get(key(r.table));
		if (list === undefined) byJunction.set(key(r.table), [r]);
		else list.push(r);
	}
	for (const [jkey, rels] of byJunction) {
		const pk = new Set(tables.get(jkey)?.pk ?? []);
		for (const a of rels) {
			for (const b of rels) {
				if (a.constraint === b.constraint) continue;
				const cols = [...a.columns.map(([c]) => c), ...b.columns.map(([c]) => c)];
				if (pk.size === 0 || !cols.every((c) => pk.has(c))) continue;
				all.push({
					...base(a.foreignTable, b.foreignTable, 'm2m', '', []),
					junction: {
						table: a.table,
						constraint1: a.constraint,
						constraint2: b.constraint,
						sourceColumns: a.columns.map(([j, t]) => [t, j]),
						targetColumns: b.columns.map(([j, t]) => [t, j]),
					},
				});
			}
		}
	}

	// A computed relationship named like a relation replaces the FK relationships to that relation.
	const overridden = new Set(
		computed.map((c) => `${c.table_schema}\u0000${c.table_name}\u0001${c.schema}\u0000${c.name}`)
	);
	const kept = all.filter((r) => !overridden.has(`${key(r.table)}\u0001${key(r.foreignTable)}`));
	for (const c of computed) {
		kept.push({
			...base(
				{ schema: c.table_schema, name: c.table_name },
				{ schema: c.ftable_schema, name: c.ftable_name },
				c.single_row ? 'm2o' : 'o2m',
				'',
				[]
			),
			computed: { function: { schema: c.schema, name: c.name }, toOne: c.single_row },
		});
	}

	const exposedSet = new Set(exposed);
	const out = new Map<string, Relationship[]>();
	for (const r of kept) {
		if (!exposedSet.has(r.table.schema) || !exposedSet.has(r.foreignTable.schema)) continue;
		if (r.junction !== null && !exposedSet.has(r.junction.table.schema)) continue;
		r.foreignTableIsView = tables.get(key(r.foreignTable))?.isView ?? false;
		const k = key(r.table);
		const list = out.get(k);
		if (list === undefined) out.set(k, [r]);
		else list.push(r);
	}
	return out;
}

function singleColumn(rel: Relationship): [string, string] | null {
	return rel.cardinality !== 'm2m' && rel.columns.length === 1
		? (rel.columns[0] as [string, string])
		: null;
}

/**
 * Finds the relationship for embedding `target` (optionally `target!hint`) from `origin` in `schema`, with
 * PostgREST's matching rules (table name, FK constraint name, FK column; self-references pick one direction).
 * Throws 400 PGRST200 when none matches and 300 PGRST201 when several do.
 */
export function findRelationship(
	cache: SchemaCache,
	schema: string,
	origin: string,
	target: string,
	hint: string | null
): Relationship {
	const candidates = (cache.relationships.get(key({ schema, name: origin })) ?? []).filter(
		(r) => (r.computed?.function.schema ?? r.foreignTable.schema) === schema
	);
	const matches = candidates.filter((r) => {
		if (r.computed !== null) return target === r.computed.function.name;
		const col = singleColumn(r);
		const matchFkCol = (h: string): boolean => col !== null && col[0] === h;
		const matchRefCol = (h: string): boolean => col !== null && col[1] === h;
		const matchConstraint = (h: string): boolean => r.cardinality !== 'm2m' && r.constraint === h;
		if (r.isSelf) {
			if (hint === null)
				return (
					(target === r.foreignTable.name && r.cardinality === 'o2m') ||
					(matchFkCol(target) && r.cardinality === 'm2o')
				);
			return target === r.foreignTable.name && r.cardinality === 'o2m' && matchRefCol(hint);
		}
		if (hint === null)
			return (
				target === r.foreignTable.name ||
				(matchConstraint(target) && !r.foreignTableIsView) ||
				(matchFkCol(target) && !r.foreignTableIsView)
			);
		return (
			target === r.foreignTable.name &&
			(matchConstraint(hint) ||
				matchFkCol(hint) ||
				matchRefCol(hint) ||
				(r.junction !== null && r.junction.table.name === hint))
		);
	});
	if (matches.length === 1) return matches[0] as Relationship;
	if (matches.length === 0) throw noRelationship(cache, schema, origin, target, hint);
	throw ambiguousRelationship(origin, target, matches);
}

function noRelationship(
	cache: SchemaCache,
	schema: string,
	origin: string,
	target: string,
	hint: string | null
): RestError {
	const originRels = cache.relationships.get(key({ schema, name: origin }));
	let suggestion: string | null = null;
	if (originRels !== undefined) {
		const children = [
			...new Set(
				originRels.filter((r) => r.foreignTable.schema === schema).map((r) => r.foreignTable.name)
			),
		];
		const best = bestMatch(
			target,
			children.filter((c) => c !== target),
			0.33
		);
		if (best !== null) suggestion = `Perhaps you meant '${best}' instead of '${target}'.`;
	} else {
		const parents = [...cache.relationships.values()]
			.map((rels) => rels[0]?.table)
			.filter((t): t is QualifiedName => t !== undefined && t.schema === schema)
			.map((t) => t.name);
		const best = bestMatch(origin, parents, 0.33);
		if (best !== null) suggestion = `Perhaps you meant '${best}' instead of '${origin}'.`;
	}
	return new RestError(
		400,
		'PGRST200',
		`Could not find a relationship between '${origin}' and '${target}' in the schema cache`,
		`Searched for a foreign key relationship between '${origin}' and '${target}'${
			hint === null ? '' : ` using the hint '${hint}'`
		} in the schema '${schema}', but no matches were found.`,
		suggestion
	);
}

function ambiguousRelationship(origin: string, target: string, rels: Relationship[]): RestError {
	const fmt = (cols: string[]): string => `(${cols.join(', ')})`;
	const details = rels.map((r) => {
		if (r.computed !== null) return {};
		const embedding = `${r.table.name} with ${r.foreignTable.name}`;
		if (r.junction !== null) {
			const j = r.junction;
			return {
				cardinality: 'many-to-many',
				embedding,
				relationship: `${j.table.name} using ${j.constraint1}${fmt(j.sourceColumns.map(([, c]) => c))} and ${
					j.constraint2
				}${fmt(j.targetColumns.map(([, c]) => c))}`,
			};
		}
		const cardinality = {
			m2o: 'many-to-one',
			o2m: 'one-to-many',
			o2o: 'one-to-one',
			m2m: 'many-to-many',
		}[r.cardinality];
		return {
			cardinality,
			embedding,
			relationship: `${r.constraint} using ${r.table.name}${fmt(r.columns.map(([c]) => c))} and ${
				r.foreignTable.name
			}${fmt(r.columns.map(([, c]) => c))}`,
		};
	});
	const hints = rels.map((r) =>
		r.computed !== null
			? ''
			: `'${r.foreignTable.name}!${r.junction !== null ? r.junction.table.name : r.constraint}'`
	);
	return new RestError(
		300,
		'PGRST201',
		`Could not embed because more than one relationship was found for '${origin}' and '${target}'`,
		details,
		`Try changing '${target}' to one of the following: ${hints.join(', ')}. Find the desired relationship in the 'details' key.`
	);
}
