/**
 * Approximate name matching for "Perhaps you meant …" hints.
 */

/**
 * Returns the candidate most similar to `text` (similarity = 1 − Levenshtein distance / longer length, case
 * folded), or null when none reaches `minScore`. Ties keep the earlier candidate.
 */
export function bestMatch(
	text: string,
	candidates: readonly string[],
	minScore: number
): string | null {
	let best: string | null = null;
	let bestScore = -1;
	const a = text.toLowerCase();
	for (const c of candidates) {
		const b = c.toLowerCase();
		const longer = Math.max(a.length, b.length);
		const score = longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
		if (score > bestScore) {
			bestScore = score;
			best = c;
		}
	}
	return best !== null && bestScore >= minScore ? best : null;
}

function levenshtein(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			cur.push(
				Math.min(
					(prev[j] as number) + 1,
					(cur[j - 1] as number) + 1,
					(prev[j - 1] as number) + cost
				)
			);
		}
		prev = cur;
	}
	return prev[b.length] as number;
}
