/**
 * Keys of views: which primary and foreign keys of base tables a view exposes, found by tracing each view
 * column back to the table column it comes from (through views over views) in the stored view definition.
 */

/** A view as read from pg_class/pg_rewrite. */
export interface ViewRow {
	oid: string;
	schema: string;
	name: string;
	/** `pg_rewrite.ev_action` as text (a pg_node_tree). */
	def: string;
	/** JSON `[[attnum, attname], …]`. */
	cols: string;
}

/** A primary or foreign key as read from pg_constraint; columns as JSON `[[attnum, attname], …]`. */
export interface ConstraintRow {
	name: string;
	type: 'p' | 'f';
	rel: string;
	schema: string;
	table: string;
	frel: string | null;
	foreign_schema: string | null;
	foreign_table: string | null;
	cols: string;
	fcols: string | null;
	one_to_one: boolean;
}

/** A key of a base table that a view exposes completely. */
export interface ViewKeyDep {
	table: { schema: string; name: string };
	view: { schema: string; name: string };
	constraint: string;
	/** `pk`: the table's primary key; `fk`: FK columns of the referencing table; `fk_ref`: columns it references. */
	kind: 'pk' | 'fk' | 'fk_ref';
	/** (table column, view columns exposing it) in key order. */
	columns: [string, string[]][];
}

type NodeValue = string | NodeValue[] | { type: string; fields: Map<string, NodeValue> } | null;

/** Tokenizes a pg_node_tree the way PostgreSQL's pg_strtok does. */
function tokenize(text: string): string[] {
	const tokens: string[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i] as string;
		if (c === ' ' || c === '\n' || c === '\t') {
			i++;
			continue;
		}
		if (c === '(' || c === ')' || c === '{' || c === '}') {
			tokens.push(c);
			i++;
			continue;
		}
		let tok = '';
		while (i < text.length) {
			const d = text[i] as string;
			if (d === ' ' || d === '\n' || d === '\t' || d === '(' || d === ')' || d === '{' || d === '}')
				break;
			if (d === '\\' && i + 1 < text.length) {
				tok += text[i + 1];
				i += 2;
				continue;
			}
			tok += d;
			i++;
		}
		tokens.push(tok);
	}
	return tokens;
}

/** Parses a pg_node_tree into nested nodes, lists and atoms. */
export function parseNodeTree(text: string): NodeValue {
	const tokens = tokenize(text);
	let pos = 0;
	const value = (): NodeValue => {
		const t = tokens[pos++];
		if (t === '{') {
			const type = tokens[pos++] ?? '';
			const fields = new Map<string, NodeValue>();
			while (pos < tokens.length && tokens[pos] !== '}') {
				const key = tokens[pos++] as string;
				const parts: NodeValue[] = [];
				while (
					pos < tokens.length &&
					tokens[pos] !== '}' &&
					!(tokens[pos] as string).startsWith(':')
				)
					parts.push(value());
				fields.set(key.slice(1), parts.length === 1 ? (parts[0] as NodeValue) : parts);
			}
			pos++;
			return { type, fields };
		}
		if (t === '(') {
			const items: NodeValue[] = [];
			while (pos < tokens.length && tokens[pos] !== ')') items.push(value());
			pos++;
			return items;
		}
		if (t === '<>' || t === undefined) return null;
		return t;
	};
	return value();
}

/** `(resno, origin relation oid, origin attnum)` of each top-level output column of a view definition. */
export function viewColumnOrigins(
	def: string
): { resno: number; origTable: string; origColumn: number }[] {
	const tree = parseNodeTree(def);
	const query = Array.isArray(tree) ? tree[0] : tree;
	if (query === null || query === undefined || typeof query !== 'object' || Array.isArray(query))
		return [];
	const targets = query.fields.get('targetList');
	if (!Array.isArray(targets)) return [];
	const out: { resno: number; origTable: string; origColumn: number }[] = [];
	for (const te of targets) {
		if (te === null || typeof te !== 'object' || Array.isArray(te)) continue;
		const resno = te.fields.get('resno');
		const tbl = te.fields.get('resorigtbl');
		const col = te.fields.get('resorigcol');
		if (
			typeof resno !== 'string' ||
			typeof tbl !== 'string' ||
			typeof col !== 'string' ||
			tbl === '0'
		)
			continue;
		out.push({ resno: Number(resno), origTable: tbl, origColumn: Number(col) });
	}
	return out;
}

/**
 * The keys each view in `exposed` schemas exposes. A key counts only when every one of its columns is an
 * output column of the view (traced through views over views; a column exposed twice maps to both names).
 */
export function viewKeyDependencies(
	views: readonly ViewRow[],
	constraints: readonly ConstraintRow[],
	exposed: readonly string[]
): ViewKeyDep[] {
	const viewByOid = new Map(views.map((v) => [v.oid, v]));
	const origins = new Map<string, Map<number, [string, number]>>();
	for (const v of views) {
		const m = new Map<number, [string, number]>();
		try {
			for (const o of viewColumnOrigins(v.def)) m.set(o.resno, [o.origTable, o.origColumn]);
		} catch {
			// A definition we cannot read exposes no keys (PostgREST also skips views it cannot resolve).
		}
		origins.set(v.oid, m);
	}
	const resolve = (rel: string, col: number): [string, number] => {
		const seen = new Set<string>();
		let cur: [string, number] = [rel, col];
		while (viewByOid.has(cur[0]) && !seen.has(cur[0])) {
			seen.add(cur[0]);
			const next = origins.get(cur[0])?.get(cur[1]);
			if (next === undefined) break;
			cur = next;
		}
		return cur;
	};

	const exposedSet = new Set(exposed);
	const deps: ViewKeyDep[] = [];
	for (const v of views) {
		if (!exposedSet.has(v.schema)) continue;
		const names = new Map((JSON.parse(v.cols) as [number, string][]).map(([n, name]) => [n, name]));
		// (table oid, attnum) → view column names exposing it.
		const exposes = new Map<string, string[]>();
		for (const [resno, [rel, col]] of origins.get(v.oid) ?? []) {
			const [t, c] = resolve(rel, col);
			const name = names.get(resno);
			if (name === undefined) continue;
			const key = `${t}:${c}`;
			exposes.set(key, [...(exposes.get(key) ?? []), name]);
		}
		if (exposes.size === 0) continue;
		const tryKey = (
			kind: ViewKeyDep['kind'],
			k: ConstraintRow,
			rel: string,
			schema: string,
			table: string,
			colsJson: string
		): void => {
			const cols = JSON.parse(colsJson) as [number, string][];
			const mapped: [string, string[]][] = [];
			for (const [attnum, attname] of cols) {
				const vcols = exposes.get(`${rel}:${attnum}`);
				if (vcols === undefined) return;
				mapped.push([attname, vcols]);
			}
			deps.push({
				table: { schema, name: table },
				view: { schema: v.schema, name: v.name },
				constraint: k.name,
				kind,
				columns: mapped,
			});
		};
		for (const k of constraints) {
			if (k.type === 'p') tryKey('pk', k, k.rel, k.schema, k.table, k.cols);
			else {
				tryKey('fk', k, k.rel, k.schema, k.table, k.cols);
				if (
					k.frel !== null &&
					k.fcols !== null &&
					k.foreign_schema !== null &&
					k.foreign_table !== null
				)
					tryKey('fk_ref', k, k.frel, k.foreign_schema, k.foreign_table, k.fcols);
			}
		}
	}
	return deps;
}
