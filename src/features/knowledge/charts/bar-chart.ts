/** One bar of a horizontal bar chart, in SVG user units. */
export interface Bar {
	label: string;
	value: number;
	valueText: string;
	y: number;
	width: number;
	derived: boolean;
}

/** Geometry of a horizontal bar chart, computed at build time so the page needs no chart JavaScript. */
export interface BarChartLayout {
	width: number;
	height: number;
	labelWidth: number;
	barHeight: number;
	bars: Bar[];
	/** Vertical gridlines at round values. */
	ticks: { x: number; text: string }[];
}

export interface BarChartOptions {
	width?: number;
	labelWidth?: number;
	rowHeight?: number;
	format: (value: number) => string;
}

/** A round step for about four gridlines between 0 and `max`. */
export function niceStep(max: number): number {
	if (max <= 0) return 1;
	const rough = max / 4;
	const magnitude = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10;
	return step * magnitude;
}

/**
 * Lays out labelled values as horizontal bars scaled to the largest value.
 * Space is left to the right of each bar for its value label.
 */
export function layoutBarChart(
	rows: readonly { label: string; value: number; derived?: boolean }[],
	{ width = 640, labelWidth = 200, rowHeight = 44, format }: BarChartOptions
): BarChartLayout {
	const valueSpace = 130;
	const plotWidth = width - labelWidth - valueSpace;
	const max = Math.max(...rows.map((r) => r.value), 0);
	const step = niceStep(max);
	const top = Math.ceil(max / step) * step || 1;
	const scale = plotWidth / top;
	const ticks = [];
	for (let v = 0; v <= top + step / 2; v += step)
		ticks.push({ x: labelWidth + v * scale, text: format(v) });
	return {
		width,
		height: rows.length * rowHeight + 32,
		labelWidth,
		barHeight: Math.round(rowHeight * 0.62),
		bars: rows.map((row, i) => ({
			label: row.label,
			value: row.value,
			valueText: format(row.value),
			y: i * rowHeight,
			width: Math.max(row.value * scale, row.value > 0 ? 2 : 0),
			derived: row.derived ?? false,
		})),
		ticks,
	};
}
