import { describe, expect, test } from 'vitest';
import { measureBars, sortOutcomes } from './outcomes.ts';
import type { OutcomeRow } from './types.ts';

const ROWS: OutcomeRow[] = [
	{
		corridor_country: 'VN',
		sector: 'agriculture',
		introductions: 6,
		meetings: null,
		agreements: null,
	},
	{
		corridor_country: 'ID',
		sector: 'nursing_care',
		introductions: null,
		meetings: 5,
		agreements: null,
	},
	{ corridor_country: 'VN', sector: 'construction', introductions: 12, meetings: 7, agreements: 5 },
];

describe('the outcomes', () => {
	test('are listed by corridor, then by introductions, suppressed counts last', () => {
		expect(sortOutcomes(ROWS).map((r) => `${r.corridor_country} ${r.sector}`)).toEqual([
			'ID nursing_care',
			'VN construction',
			'VN agriculture',
		]);
	});

	test('draw only counts that are shown, and name the suppressed ones', () => {
		const label = (r: OutcomeRow) => `${r.corridor_country}/${r.sector}`;
		expect(measureBars(ROWS, 'introductions', label)).toEqual({
			bars: [
				{ label: 'VN/construction', value: 12 },
				{ label: 'VN/agriculture', value: 6 },
			],
			suppressed: ['ID/nursing_care'],
		});
		expect(measureBars(ROWS, 'agreements', label).suppressed).toEqual([
			'VN/agriculture',
			'ID/nursing_care',
		]);
	});
});
