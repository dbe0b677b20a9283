/**
 * The `order` grammar: `col[->path][.asc|.desc][.nullsfirst|.nullslast]` and `rel(col)` terms, comma-separated.
 */
import { field, fieldName, type Input, runParser } from './parse-common.ts';
import type { OrderTerm } from './types.ts';

/** Parses an `order` value; throws PGRST100 `"failed to parse order (…)"` on a syntax error. */
export function parseOrder(text: string): OrderTerm[] {
	return runParser('order', text, (inp) => {
		const terms = [lexemeTerm(inp)];
		while (inp.peek() === ',') {
			inp.pos++;
			terms.push(lexemeTerm(inp));
		}
		return terms;
	});
}

function lexemeTerm(inp: Input): OrderTerm {
	inp.ws();
	const rel = inp.attempt(() => {
		const relation = fieldName(inp);
		inp.string('(');
		const f = field(inp);
		inp.string(')');
		return modifiers(inp, relation, f);
	});
	const term = rel ?? modifiers(inp, null, field(inp));
	inp.ws();
	return term;
}

// `.word` as one alternative: a mismatch is reported where the word starts, naming the word (Parsec's `try`).
function dotWord<W extends string>(inp: Input, word: W): W | null {
	return inp.attempt(() => {
		inp.string('.');
		inp.string(word);
		return word;
	});
}

function modifiers(inp: Input, relation: string | null, f: OrderTerm['field']): OrderTerm {
	const direction = dotWord(inp, 'asc') ?? dotWord(inp, 'desc');
	const nulls = dotWord(inp, 'nullsfirst') ?? dotWord(inp, 'nullslast');
	const c = inp.peek();
	if (c !== ',' && c !== '') inp.fail('","', 'end of input');
	return { relation, field: f, direction, nulls };
}
