/** One bar of a horizontal bar chart, in SVG user units. */
export interface Bar {
	label: string;
	value: number;
	valueText: string;
	/** Top of the bar. */
	y: number;
	/** Baseline of the category label: beside the bar, or above it when stacked. */
	labelY: number;
	width: number;
	derived: boolean;
}

/** Geometry of a horizontal bar chart, computed at build time so the page needs no chart JavaScript. */
export interface BarChartLayout {
	width: number;
	height: number;
	/** Where bars start; 0 when labels are stacked above the bars. */
	labelWidth: number;
	stacked: boolean;
	barHeight: number;
	bars: Bar[];
	/** Vertical gridlines at round values. */
	ticks: { x: number; text: string }[];
}

export interface BarChartOptions {
	width?: number;
	labelWidth?: number;
	rowHeight?: number;
	/** Put each label above its bar, for narrow screens. */
	stacked?: boolean;
	format: (value: number) => string;
	/** Formats gridline values; defaults to `format`. */
	formatTick?: (value: number) => string;
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
	{
		width = 640,
		labelWidth: wideLabelWidth = 200,
		rowHeight: wideRowHeight = 44,
		stacked = false,
		format,
		formatTick = format,
	}: BarChartOptions
): BarChartLayout {
	const valueSpace = stacked ? 110 : 130;
	const labelWidth = stacked ? 0 : wideLabelWidth;
	const rowHeight = stacked ? 54 : wideRowHeight;
	const labelSpace = stacked ? 22 : 0;
	const plotWidth = width - labelWidth - valueSpace;
	const max = Math.max(...rows.map((r) => r.value), 0);
	const step = niceStep(max);
	const top = Math.ceil(max / step) * step || 1;
	const scale = plotWidth / top;
	const ticks = [];
	for (let v = 0; v <= top + step / 2; v += step)
		ticks.push({ x: labelWidth + v * scale, text: formatTick(v) });
	return {
		width,
		height: rows.length * rowHeight + 32,
		labelWidth,
		stacked,
		barHeight: Math.round((rowHeight - labelSpace) * 0.62),
		bars: rows.map((row, i) => ({
			label: row.label,
			value: row.value,
			valueText: format(row.value),
			y: i * rowHeight + labelSpace,
			labelY: stacked ? i * rowHeight + 16 : i * rowHeight + Math.round(rowHeight * 0.31),
			width: Math.max(row.value * scale, row.value > 0 ? 2 : 0),
			derived: row.derived ?? false,
		})),
		ticks,
	};
}
