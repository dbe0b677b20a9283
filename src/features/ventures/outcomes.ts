import type { OutcomeRow } from './types.ts';

/** The three counts the outcomes page shows; each is part of the one before (nested, not a sum). */
export const MEASURES = ['introductions', 'meetings', 'agreements'] as const;
export type Measure = (typeof MEASURES)[number];

/** The smallest count the page shows; the database returns smaller ones suppressed (null). */
export const SUPPRESS_BELOW = 5;

/**
 * The corridor × sector cells in the order the table lists them: by corridor (its code), then by
 * introductions, largest first, then by sector. A suppressed count sorts below every number.
 */
export function sortOutcomes(rows: readonly OutcomeRow[]): OutcomeRow[] {
	return [...rows].sort(
		(a, b) =>
			a.corridor_country.localeCompare(b.corridor_country) ||
			(b.introductions ?? -1) - (a.introductions ?? -1) ||
			a.sector.localeCompare(b.sector)
	);
}

/**
 * The bars of one measure, largest first: the cells whose count is shown, and the labels of those
 * whose count is suppressed (named under the chart, never drawn).
 */
export function measureBars(
	rows: readonly OutcomeRow[],
	measure: Measure,
	labelOf: (row: OutcomeRow) => string
): { bars: { label: string; value: number }[]; suppressed: string[] } {
	const bars: { label: string; value: number }[] = [];
	const suppressed: string[] = [];
	for (const row of rows) {
		const value = row[measure];
		if (value === null) suppressed.push(labelOf(row));
		else bars.push({ label: labelOf(row), value });
	}
	bars.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
	return { bars, suppressed };
}
