import { describe, expect, test } from 'vitest';
import { layoutBarChart, niceStep } from './bar-chart.ts';

describe('niceStep', () => {
	test('returns round steps', () => {
		expect(niceStep(2_571_037)).toBe(1_000_000);
		expect(niceStep(688_143)).toBe(200_000);
		expect(niceStep(100)).toBe(25);
		expect(niceStep(0)).toBe(1);
	});
});

describe('layoutBarChart', () => {
	const format = (v: number) => String(v);
	test('scales bars to the largest value and keeps the order', () => {
		const chart = layoutBarChart(
			[
				{ label: 'A', value: 50 },
				{ label: 'B', value: 100 },
			],
			{ width: 630, labelWidth: 100, format }
		);
		const [a, b] = chart.bars;
		expect(a?.label).toBe('A');
		expect(b?.width).toBeCloseTo(2 * (a?.width ?? 0));
		expect(b?.y).toBeGreaterThan(a?.y ?? 0);
		// The largest bar never runs into the value label space.
		expect(100 + (b?.width ?? 0)).toBeLessThanOrEqual(630 - 130);
	});
	test('draws gridlines from zero past the largest value', () => {
		const chart = layoutBarChart(
			[
				{ label: 'A', value: 10 },
				{ label: 'B', value: 95 },
			],
			{ labelWidth: 100, format }
		);
		expect(chart.ticks[0]).toEqual({ x: 100, text: '0' });
		expect(chart.ticks.at(-1)?.text).toBe('100');
	});
	test('stacks labels above the bars for narrow screens', () => {
		const chart = layoutBarChart(
			[
				{ label: 'Vietnam', value: 10 },
				{ label: 'Kenya', value: 20 },
			],
			{ width: 360, stacked: true, format }
		);
		expect(chart.labelWidth).toBe(0);
		for (const bar of chart.bars) expect(bar.labelY).toBeLessThan(bar.y);
		expect(chart.bars[1]?.labelY).toBeGreaterThan((chart.bars[0]?.y ?? 0) + chart.barHeight);
	});
	test('keeps a visible sliver for tiny non-zero values', () => {
		const chart = layoutBarChart(
			[
				{ label: 'A', value: 1 },
				{ label: 'B', value: 1_000_000 },
			],
			{ format }
		);
		expect(chart.bars[0]?.width).toBe(2);
	});
});
