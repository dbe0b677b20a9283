/**
 * Bad form payloads generated from an action's zod schema, for the bad-input sweep
 * (tests/e2e/bad-input-sweep.test.ts). For every field of the schema's object: missing, empty,
 * "null", repeated, object-like keys, a file instead of text (or text instead of a file), oversize
 * (the field's limit + 1, found by probing the schema, and about 1 MB), type-specific values
 * (numbers out of range, NaN, 1e309; values outside an enum; malformed ids and addresses; too
 * many list entries) and hostile strings (all of them in the first free-text field, the HTML, NUL
 * and lone-surrogate ones in the others); for the form as a whole: unknown fields and prototype
 * pollution keys. Fields that share one schema object get every case once. Each payload says whether the schema accepts it, parsed as Astro parses a form.
 * Test code only: nothing in the site imports it.
 */
import { z } from 'astro/zod';

/** One form value: a string, a file, or several (a repeated field). Absent fields are left out. */
export type FormValue = string | File | (string | File)[];

/** A form as field → value, e.g. a valid post that payloads are derived from. */
export type FormFields = Record<string, FormValue>;

/** A generated payload: form entries in order, and what the schema makes of them. */
export interface BadPayload {
	/** What is wrong, e.g. `title: 1 MB`. */
	label: string;
	/** The field it is about; undefined for whole-form payloads (unknown fields, prototype keys). */
	field?: string;
	/** What the field takes, e.g. `text`, `text:uuid`, `enum` (see {@link FieldShape}). */
	kind?: string;
	entries: [string, string | File][];
	/** The hostile string in it, for checking that a page shows it escaped. */
	hostile?: string;
	/** Whether the schema accepts the payload as Astro would parse it from a form post. */
	valid: boolean;
}

/** Strings that break naive HTML, SQL, header, path, filter or text handling. */
export const HOSTILE_STRINGS = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"'; drop table profiles; --",
	'a\u0000b',
	'\u202egnp.exe',
	'a\ud800b',
	'😀'.repeat(10_000),
	'a\r\nSet-Cookie: x=1',
	'../../etc/passwd',
	'eq.1,or(id.gt.0)',
] as const;

/** The hostile string whose raw appearance in a page means HTML was not escaped. */
export const SCRIPT_PROBE = HOSTILE_STRINGS[0];

/** About a megabyte of text. */
export const ONE_MB = 'x'.repeat(1_000_000);

/** What kind of value a field takes, read from its schema. */
export interface FieldShape {
	kind: 'text' | 'number' | 'boolean' | 'enum' | 'array' | 'file' | 'unknown';
	/** `uuid`, `email`, … for text with a format. */
	format?: string;
	/** The allowed values of an enum, or of an array's entries. */
	values?: string[];
	/** Least and most of a number (inclusive), when the schema says. */
	minimum?: number;
	maximum?: number;
}

// The parts of zod 4's internals the walk reads; `_zod.def` is the schema's definition.
interface Def {
	type: string;
	innerType?: Schema;
	in?: Schema;
	out?: Schema;
	element?: Schema;
	shape?: Record<string, Schema>;
	entries?: Record<string, string | number>;
	format?: string;
}
interface Schema {
	_zod: { def: Def };
	/** zod's own reading of a number's checks (`.min()`, `.max()`, `z.int()`'s safe range). */
	minValue?: number | null;
	maxValue?: number | null;
}

const WRAPPERS = new Set([
	'optional',
	'nullable',
	'default',
	'prefault',
	'nonoptional',
	'readonly',
]);

/**
 * The object at the root of a form schema (through refinements and pipes), or undefined.
 * @param schema e.g. `ProfileSchema`
 */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
	let node = schema as unknown as Schema;
	for (;;) {
		const { def } = node._zod;
		if (def.type === 'object') return def.shape as unknown as Record<string, z.ZodType>;
		if (def.type === 'pipe' && def.in) node = def.in;
		else if (WRAPPERS.has(def.type) && def.innerType) node = def.innerType;
		else return undefined;
	}
}

/** What a field takes: walks wrappers, preprocessors (`pipe(transform, schema)`) and pipes. */
export function fieldShape(schema: z.ZodType): FieldShape {
	return shapeOf(schema as unknown as Schema);
}

function shapeOf(node: Schema): FieldShape {
	const { def } = node._zod;
	if (WRAPPERS.has(def.type) && def.innerType) return shapeOf(def.innerType);
	if (def.type === 'pipe' && def.in && def.out) {
		if (def.in._zod.def.type === 'transform') return shapeOf(def.out);
		const from = shapeOf(def.in);
		const to = shapeOf(def.out);
		if (from.kind === 'unknown') return to;
		if (from.kind === to.kind) {
			const format = from.format ?? to.format;
			return { ...to, ...from, ...(format === undefined ? {} : { format }) };
		}
		return from;
	}
	switch (def.type) {
		case 'string':
			return { kind: 'text', ...(def.format ? { format: def.format } : {}) };
		case 'number':
			return {
				kind: 'number',
				...(typeof node.minValue === 'number' ? { minimum: node.minValue } : {}),
				...(typeof node.maxValue === 'number' ? { maximum: node.maxValue } : {}),
			};
		case 'boolean':
			return { kind: 'boolean' };
		case 'enum':
			return { kind: 'enum', values: Object.values(def.entries ?? {}).map(String) };
		case 'array': {
			const element = def.element ? shapeOf(def.element) : { kind: 'unknown' as const };
			return { kind: 'array', ...(element.values ? { values: element.values } : {}) };
		}
		case 'custom':
			return { kind: 'file' };
		default:
			return { kind: 'unknown' };
	}
}

/**
 * The object a form post becomes before validation, as Astro Actions build it
 * (`formDataToObject`): lists from repeated fields, booleans from checkboxes, numbers from number
 * fields, and an empty value as null (undefined when the field is optional).
 */
export function formInput(schema: z.ZodType, entries: [string, string | File][]) {
	const shape = objectShape(schema) ?? {};
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	const input: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(shape)) {
		let node = field as unknown as Schema;
		let optional = false;
		while (['optional', 'nullable', 'default'].includes(node._zod.def.type)) {
			if (node._zod.def.type === 'optional' && node === (field as unknown as Schema))
				optional = true;
			node = node._zod.def.innerType as Schema;
		}
		while (node._zod.def.type === 'pipe') node = node._zod.def.in as Schema;
		const type = node._zod.def.type;
		if (type === 'boolean') {
			const value = data.get(key);
			input[key] = value === 'true' ? true : value === 'false' ? false : data.has(key);
		} else if (type === 'array') {
			const element = node._zod.def.element?._zod.def.type;
			const all = data.getAll(key);
			input[key] = element === 'number' ? all.map(Number) : all;
		} else {
			const value = data.get(key);
			if (!value) input[key] = optional ? undefined : null;
			else input[key] = type === 'number' ? Number(value) : value;
		}
	}
	return input;
}

/** Whether `schema` accepts the form `entries`, parsed as Astro parses a form post. */
export async function accepts(
	schema: z.ZodType,
	entries: [string, string | File][]
): Promise<boolean> {
	return (await schema.safeParseAsync(formInput(schema, entries))).success;
}

/** `fields` as form entries, a repeated field as several entries. */
export function toEntries(fields: FormFields): [string, string | File][] {
	return Object.entries(fields).flatMap(([name, value]) =>
		(Array.isArray(value) ? value : [value]).map((v): [string, string | File] => [name, v])
	);
}

/**
 * The longest run of `x` a field takes when the rest of `base` stays as it is, or undefined when
 * it takes none (a format, a choice) or more than `ceiling` characters (no limit worth probing).
 */
export async function probeMaxLength(
	schema: z.ZodType,
	base: FormFields,
	field: string,
	ceiling = 1 << 20
): Promise<number | undefined> {
	const fits = (n: number) => accepts(schema, toEntries({ ...base, [field]: 'x'.repeat(n) }));
	if (!(await fits(1)) && !(await fits(10))) return undefined;
	if (await fits(ceiling)) return undefined;
	let low = (await fits(1)) ? 1 : 10;
	let high = ceiling;
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (await fits(middle)) low = middle;
		else high = middle;
	}
	return low;
}

/** A file of `size` bytes of text, whatever it claims to be. */
function textFile(size: number, name: string, type: string): File {
	return new File([new Uint8Array(size).fill(0x61)], name, { type });
}

/** Values to try in one field, by what it takes. `current` is its value in the valid base. */
async function fieldValues(
	schema: z.ZodType,
	base: FormFields,
	field: string,
	shape: FieldShape,
	allHostile: boolean
): Promise<{ label: string; value: FormValue | undefined; hostile?: string }[]> {
	const current = base[field];
	const file = shape.kind === 'file' || current instanceof File;
	const cases: { label: string; value: FormValue | undefined; hostile?: string }[] = [
		{ label: 'missing', value: undefined },
		{ label: 'empty', value: '' },
		{ label: '"null"', value: 'null' },
		{
			label: 'repeated',
			value: current === undefined ? ['a', 'b'] : [current, current].flat(),
		},
		{ label: '1 MB', value: ONE_MB },
	];
	if (file) {
		cases.push(
			{ label: 'text instead of a file', value: 'not a file' },
			{ label: 'empty file', value: new File([], 'empty.png', { type: 'image/png' }) },
			{ label: 'text named .png', value: textFile(64, 'logo.png', 'image/png') },
			{
				label: 'svg with script',
				value: new File(
					['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
					'x.svg',
					{
						type: 'image/svg+xml',
					}
				),
			},
			{ label: 'file name traversal', value: textFile(64, '../../etc/passwd', 'image/png') },
			{
				label: 'file of 10.5 MB',
				value: textFile(10.5 * 1024 * 1024, 'big.pdf', 'application/pdf'),
			}
		);
		return cases;
	}
	cases.push({ label: 'a file instead of text', value: textFile(16, 'x.txt', 'text/plain') });
	const freeText = shape.kind === 'text' && !shape.format;
	const hostile = !freeText
		? [HOSTILE_STRINGS[0], HOSTILE_STRINGS[2], HOSTILE_STRINGS[9]]
		: allHostile
			? HOSTILE_STRINGS
			: [HOSTILE_STRINGS[0], HOSTILE_STRINGS[1], HOSTILE_STRINGS[3], HOSTILE_STRINGS[5]];
	for (const text of hostile) {
		const shown = text.length > 40 ? `${text.slice(0, 12)}… (${text.length})` : text;
		cases.push({ label: `hostile ${JSON.stringify(shown)}`, value: text, hostile: text });
	}
	switch (shape.kind) {
		case 'number': {
			const numbers = [
				'abc',
				'-1',
				'NaN',
				'1e309',
				'Infinity',
				'99999999999999999999',
				'1.5',
				'0x10',
			];
			if (shape.minimum !== undefined && Number.isFinite(shape.minimum))
				numbers.push(String(shape.minimum - 1));
			if (shape.maximum !== undefined && Number.isFinite(shape.maximum))
				numbers.push(String(shape.maximum + 1));
			for (const n of numbers) cases.push({ label: `number ${n}`, value: n });
			break;
		}
		case 'enum': {
			const first = shape.values?.[0] ?? 'a';
			cases.push(
				{ label: 'not a choice', value: 'not-a-choice' },
				{
					label: 'choice in capitals',
					value: first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase(),
				},
				{ label: 'choice with NUL', value: `${first}\u0000` },
				{ label: 'prototype key as choice', value: '__proto__' }
			);
			break;
		}
		case 'array': {
			const first = shape.values?.[0] ?? 'a';
			cases.push(
				{ label: 'list with a bad entry', value: [first, 'not-a-choice'] },
				{ label: 'list of 1000', value: Array.from({ length: 1000 }, (_, i) => `${first}${i}`) },
				{ label: 'every choice twice', value: [...(shape.values ?? []), ...(shape.values ?? [])] },
				{ label: 'number entries', value: ['-1', '1e309', 'NaN'] }
			);
			break;
		}
		case 'boolean':
			cases.push({ label: 'boolean maybe', value: 'maybe' });
			break;
		case 'text':
		case 'unknown': {
			if (shape.format === 'uuid') {
				cases.push(
					{ label: 'not a uuid', value: 'not-a-uuid' },
					{ label: 'uuid with SQL', value: "00000000-0000-0000-0000-000000000000' or '1'='1" },
					{ label: 'uuid in braces', value: '{6f1c2a4e-0000-4000-8000-000000000000}' }
				);
			} else if (shape.format === 'email') {
				cases.push(
					{ label: 'address without @', value: 'nobody.example.com' },
					{ label: 'address with script', value: '<script>@example.com' },
					{ label: 'address of 300 characters', value: `${'a'.repeat(290)}@example.com` }
				);
			} else {
				const max = await probeMaxLength(schema, base, field);
				if (max !== undefined) {
					cases.push(
						{ label: `max ${max} + 1`, value: 'x'.repeat(max + 1) },
						{ label: `max ${max} + 1 emoji`, value: '😀'.repeat(max + 1) }
					);
				}
			}
			break;
		}
	}
	return cases;
}

/** Keys that pollute prototypes in naive merges, and fields a form must never set. */
const EXTRA_FIELDS: [string, [string, string][]][] = [
	[
		'prototype keys',
		[
			['__proto__', 'x'],
			['__proto__[polluted]', '1'],
			['__proto__.polluted', '1'],
			['constructor', 'x'],
			['constructor[prototype][polluted]', '1'],
		],
	],
	[
		'unknown fields',
		[
			['verified', 'true'],
			['is_staff', 'true'],
			['role', 'staff'],
			['user_id', '00000000-0000-4000-8000-000000000001'],
			['id', '00000000-0000-4000-8000-000000000001'],
			['created_at', '1970-01-01'],
			['unknown_field', HOSTILE_STRINGS[0]],
		],
	],
];

/**
 * Every bad payload for `schema`, derived from the valid form `base`: for each field, each value
 * of {@link fieldValues} in place of its own; then the base plus unknown fields and plus
 * prototype keys. With `spoil`, a payload the schema would accept gets one other field broken too
 * (the first whose missing value the schema refuses), so that it is refused: for actions that
 * would write on valid input.
 */
export async function badPayloads(
	schema: z.ZodType,
	base: FormFields,
	{ spoil = false }: { spoil?: boolean } = {}
): Promise<BadPayload[]> {
	const shape = objectShape(schema);
	if (!shape) throw new Error('badPayloads: the schema is not an object form');
	const payloads: BadPayload[] = [];

	const spoilerFor = async (field: string | undefined) => {
		for (const name of Object.keys(shape)) {
			if (name === field) continue;
			const rest = { ...base };
			delete rest[name];
			if (!(await accepts(schema, toEntries(rest)))) return name;
		}
		return undefined;
	};
	const spoiler = await spoilerFor(undefined);

	const add = async (
		label: string,
		field: string | undefined,
		fields: FormFields,
		extra: [string, string][] = [],
		hostile?: string,
		kind?: string
	) => {
		let entries: [string, string | File][] = [...toEntries(fields), ...extra];
		let valid = await accepts(schema, entries);
		if (valid && spoil) {
			const other = spoiler !== field ? spoiler : await spoilerFor(field);
			if (other === undefined) return;
			const rest = { ...fields };
			delete rest[other];
			entries = [...toEntries(rest), ...extra];
			label = `${label} (${other} missing)`;
			valid = await accepts(schema, entries);
		}
		payloads.push({
			label,
			...(field === undefined ? {} : { field }),
			...(kind === undefined ? {} : { kind }),
			entries,
			...(hostile === undefined ? {} : { hostile }),
			valid,
		});
	};

	// Fields that share one schema (e.g. a dozen "who may see this" choices) get every case once;
	// the others get the few that tell whether the field is read at all.
	const seen = new Set<z.ZodType>();
	// Every hostile string goes into the first free-text field; later ones get the HTML, NUL and
	// lone-surrogate ones.
	let firstText = true;
	for (const [field, fieldSchema] of Object.entries(shape)) {
		const fieldKind = fieldShape(fieldSchema);
		const freeText = fieldKind.kind === 'text' && !fieldKind.format;
		const kindName = fieldKind.format ? `${fieldKind.kind}:${fieldKind.format}` : fieldKind.kind;
		let cases = await fieldValues(schema, base, field, fieldKind, freeText && firstText);
		if (freeText) firstText = false;
		if (seen.has(fieldSchema)) {
			cases = cases.filter(
				(c) => c.label === 'missing' || c.label === 'not a choice' || c.hostile === SCRIPT_PROBE
			);
		}
		seen.add(fieldSchema);
		for (const { label, value, hostile } of cases) {
			const fields = { ...base };
			if (value === undefined) delete fields[field];
			else fields[field] = value;
			await add(`${field}: ${label}`, field, fields, [], hostile, kindName);
		}
		// Object-like keys next to (or instead of) the field.
		await add(
			`${field}: object-like keys`,
			field,
			base,
			[
				[`${field}[x]`, '1'],
				[`${field}.x`, '1'],
			],
			undefined,
			kindName
		);
	}
	for (const [label, extra] of EXTRA_FIELDS) await add(label, undefined, base, extra);
	return payloads;
}
