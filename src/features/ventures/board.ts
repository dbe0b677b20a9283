import { PIPELINE_STAGES, type PipelineStage } from './options.ts';
import type { PipelineRow } from './types.ts';

/** One card of the pipeline board. */
export interface BoardCard extends PipelineRow {
	/** Whole days since the pipeline reached its stage (0 on the day itself). */
	daysInStage: number;
}

/** One column of the board: a stage and its pipelines. */
export interface BoardColumn {
	stage: PipelineStage;
	cards: BoardCard[];
}

const DAY = 86_400_000;

/** Whole days from `iso` to `now`, never negative (a clock a little ahead counts as today). */
export function daysSince(iso: string, now: Date): number {
	const then = Date.parse(iso);
	if (!Number.isFinite(then)) return 0;
	return Math.max(0, Math.floor((now.getTime() - then) / DAY));
}

/**
 * Groups pipelines into the board's columns, one per stage in pipeline order (every stage, so
 * empty columns still show where things stand). In a column, stalled pipelines come first, then
 * those waiting longest in the stage; ties keep a stable order by id.
 * @param venture only this opportunity's pipelines, when given
 */
export function groupBoard(
	rows: readonly PipelineRow[],
	now: Date,
	venture?: string
): BoardColumn[] {
	const columns = new Map<PipelineStage, BoardCard[]>(PIPELINE_STAGES.map((stage) => [stage, []]));
	for (const row of rows) {
		if (venture && row.venture_id !== venture) continue;
		columns.get(row.stage)?.push({ ...row, daysInStage: daysSince(row.stage_changed_at, now) });
	}
	return PIPELINE_STAGES.map((stage) => ({
		stage,
		cards: (columns.get(stage) ?? []).sort(
			(a, b) =>
				Number(b.stalled) - Number(a.stalled) ||
				Date.parse(a.stage_changed_at) - Date.parse(b.stage_changed_at) ||
				a.interest_id.localeCompare(b.interest_id)
		),
	}));
}

/** The opportunities on the board, for its filter: each once, by title. */
export function boardVentures(rows: readonly PipelineRow[]): { id: string; title: string }[] {
	const seen = new Map<string, string>();
	for (const row of rows) if (!seen.has(row.venture_id)) seen.set(row.venture_id, row.title);
	return [...seen]
		.map(([id, title]) => ({ id, title }))
		.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}
