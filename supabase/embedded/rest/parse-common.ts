/**
 * A small backtracking parser over one query-string value, shaped after PostgREST's Parsec grammar so that
 * the same inputs are accepted and parse errors report the same position (column of the furthest failure).
 */
import { queryParamError, type RestError } from './errors.ts';
import type { Field, JsonOp } from './types.ts';

/** Thrown (without a stack) when a production does not match; callers backtrack or report. */
export const FAIL: unique symbol = Symbol('parse failure');

/** Input being parsed, with the furthest failure seen so far (for error reporting). */
export class Input {
	readonly text: string;
	pos = 0;
	private errPos = -1;
	private expected: string[] = [];
	private unexpected: string | null = null;

	constructor(text: string) {
		this.text = text;
	}

	/** True when all input is consumed. */
	get eof(): boolean {
		return this.pos >= this.text.length;
	}

	/** The character at the cursor, or '' at the end. */
	peek(): string {
		return this.text.charAt(this.pos);
	}

	/** Records that `label` was expected at the cursor and fails. */
	fail(...labels: string[]): never {
		return this.failAt(this.pos, null, labels);
	}

	private failAt(pos: number, unexpected: string | null, labels: string[]): never {
		if (pos > this.errPos) {
			this.errPos = pos;
			this.expected = [];
			this.unexpected = null;
		}
		if (pos === this.errPos) {
			for (const l of labels) if (!this.expected.includes(l)) this.expected.push(l);
			this.unexpected ??= unexpected;
		}
		throw FAIL;
	}

	/** Consumes `s` or fails expecting it (reported where `s` starts, naming the first mismatch, as Parsec does). */
	string(s: string): string {
		if (this.text.startsWith(s, this.pos)) {
			this.pos += s.length;
			return s;
		}
		let i = 0;
		while (i < s.length && this.text[this.pos + i] === s[i]) i++;
		const c = this.text.codePointAt(this.pos + i);
		return this.failAt(
			this.pos,
			c === undefined ? 'end of input' : JSON.stringify(String.fromCodePoint(c)),
			[JSON.stringify(s)]
		);
	}

	/** Consumes `s` if present; never fails. */
	optional(s: string): boolean {
		if (this.text.startsWith(s, this.pos)) {
			this.pos += s.length;
			return true;
		}
		return false;
	}

	/** Matches a sticky regex at the cursor and consumes it, or fails expecting `label`. */
	regex(re: RegExp, label: string): string {
		re.lastIndex = this.pos;
		const m = re.exec(this.text);
		if (m === null || m[0] === '') return this.fail(label);
		this.pos += m[0].length;
		return m[0];
	}

	/** Runs `p`; on failure restores the cursor and returns null (Parsec's `optionMaybe (try p)`). */
	attempt<T>(p: () => T): T | null {
		const start = this.pos;
		try {
			return p();
		} catch (e) {
			if (e !== FAIL) throw e;
			this.pos = start;
			return null;
		}
	}

	/** Skips spaces and tabs. */
	ws(): void {
		while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
	}

	/** Turns the furthest failure into a PGRST100 error for the parameter `what`, quoting `shown` as the input. */
	toError(what: string, shown: string = this.text): RestError {
		const at = this.errPos < 0 ? this.pos : this.errPos;
		const ch = this.text.codePointAt(at);
		const unexpected =
			this.unexpected ??
			(ch === undefined ? 'end of input' : JSON.stringify(String.fromCodePoint(ch)));
		const expected = this.expected.length === 0 ? '' : ` expecting ${joinOr(this.expected)}`;
		return queryParamError(what, shown, at + 1, `unexpected ${unexpected}${expected}`);
	}
}

function joinOr(items: string[]): string {
	if (items.length === 1) return items[0] as string;
	return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] as string}`;
}

/** Runs a whole-value parser, turning a failure into PGRST100 for the parameter `what`. */
export function runParser<T>(what: string, text: string, p: (inp: Input) => T): T {
	const inp = new Input(text);
	try {
		return p(inp);
	} catch (e) {
		if (e === FAIL) throw inp.toError(what);
		throw e;
	}
}

const IDENTIFIER = /(?:\p{L}|[0-9_ $])+/uy;
const JSON_KEY_IDENTIFIER = /[^(\-:.,>)]+/y;
const DIGITS = /[0-9]+/y;

/** `"quoted"` with backslash escapes. */
export function quotedValue(inp: Input): string {
	inp.string('"');
	let out = '';
	for (;;) {
		const c = inp.peek();
		if (c === '') return inp.fail('"\\""');
		inp.pos++;
		if (c === '"') return out;
		if (c === '\\') {
			const next = inp.peek();
			if (next === '') return inp.fail('any character');
			out += next;
			inp.pos++;
		} else out += c;
	}
}

/** An unquoted identifier: letters, digits, `_`, `$` and spaces, trimmed. */
export function identifier(inp: Input): string {
	return inp.regex(IDENTIFIER, 'letter or digit').trim();
}

/** Runs `part` one or more times separated by single dashes that are not the start of `->`. */
function sepByDash(inp: Input, part: (inp: Input) => string): string {
	const parts = [part(inp)];
	while (inp.peek() === '-' && inp.text[inp.pos + 1] !== '>') {
		inp.pos++;
		parts.push(part(inp));
	}
	return parts.join('-');
}

/** A field, relation, alias or hint name: quoted, or identifiers joined by dashes. */
export function fieldName(inp: Input): string {
	if (inp.peek() === '"') return quotedValue(inp);
	const start = inp.pos;
	try {
		return sepByDash(inp, identifier);
	} catch (e) {
		if (e === FAIL && inp.pos === start) inp.fail('field name (* or [a..z0..9_$])');
		throw e;
	}
}

function jsonKeyName(inp: Input): string {
	if (inp.peek() === '"') return quotedValue(inp);
	return sepByDash(inp, (i) =>
		i.regex(JSON_KEY_IDENTIFIER, 'any non reserved character different from: .,>()').trim()
	);
}

/** `->key`, `->>0`, … (zero or more). */
export function jsonPath(inp: Input): JsonOp[] {
	const path: JsonOp[] = [];
	for (;;) {
		let arrow: JsonOp['arrow'];
		if (inp.text.startsWith('->>', inp.pos)) arrow = '->>';
		else if (inp.text.startsWith('->', inp.pos)) arrow = '->';
		else return path;
		const start = inp.pos;
		inp.pos += arrow.length;
		const idx = inp.attempt(() => {
			const neg = inp.optional('-');
			const digits = inp.regex(DIGITS, 'digit');
			const rest = inp.text.slice(inp.pos);
			if (!(
				rest === '' ||
				rest.startsWith('->') ||
				rest.startsWith('::') ||
				rest.startsWith('.') ||
				rest.startsWith(',')
			))
				inp.fail('"->"', '"::"', '"."', '","', 'end of input');
			return (neg ? '-' : '+') + digits;
		});
		if (idx !== null) {
			path.push({ arrow, operand: { kind: 'idx', value: idx } });
			continue;
		}
		const key = inp.attempt(() => jsonKeyName(inp));
		if (key === null) {
			inp.pos = start;
			return path;
		}
		path.push({ arrow, operand: { kind: 'key', value: key } });
	}
}

/** `name[->json path]` with surrounding spaces/tabs. */
export function field(inp: Input): Field {
	inp.ws();
	const name = fieldName(inp);
	const path = jsonPath(inp);
	inp.ws();
	return { name, jsonPath: path };
}
