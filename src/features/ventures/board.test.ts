import { describe, expect, test } from 'vitest';
import { boardVentures, daysSince, groupBoard } from './board.ts';
import { PIPELINE_STAGES } from './options.ts';
import type { PipelineRow } from './types.ts';

const NOW = new Date('2026-11-21T12:00:00Z');

/** A my_pipeline() row with the fields the board reads. */
function row(values: Partial<PipelineRow> & Pick<PipelineRow, 'interest_id'>): PipelineRow {
	return {
		venture_id: 'v1',
		role: 'owner',
		title: 'Precast plant partner',
		side: 'sme',
		venture_status: 'open',
		stage: 'interest',
		initiated_by: 'returnee',
		awaiting_me: false,
		revealed: false,
		owner_organisation_id: null,
		owner_organisation_name: null,
		owner_user_id: null,
		owner_name: null,
		counterpart_id: null,
		counterpart_name: null,
		counterpart_avatar_path: null,
		counterpart_organisation_id: null,
		counterpart_organisation_name: null,
		other_name: null,
		facilitator_organisation_id: null,
		facilitator_name: null,
		message: null,
		match_score: null,
		match_reasons: [],
		close_reason: null,
		stage_changed_at: '2026-11-20T12:00:00Z',
		stalled: false,
		last_message_at: null,
		last_message_mine: null,
		created_at: '2026-11-01T00:00:00Z',
		...values,
	};
}

describe('groupBoard', () => {
	test('has a column for every stage, in pipeline order, empty ones too', () => {
		const columns = groupBoard([], NOW);
		expect(columns.map((c) => c.stage)).toEqual([...PIPELINE_STAGES]);
		expect(columns.every((c) => c.cards.length === 0)).toBe(true);
	});

	test('puts each pipeline in its stage: stalled first, then the longest waiting', () => {
		const columns = groupBoard(
			[
				row({ interest_id: 'b', stage: 'mutual', stage_changed_at: '2026-11-19T12:00:00Z' }),
				row({ interest_id: 'a', stage: 'mutual', stage_changed_at: '2026-11-10T12:00:00Z' }),
				row({
					interest_id: 'c',
					stage: 'mutual',
					stage_changed_at: '2026-11-20T00:00:00Z',
					stalled: true,
				}),
				row({ interest_id: 'd', stage: 'closed' }),
				row({ interest_id: 'e', stage: 'mou', stage_changed_at: '2026-11-21T13:00:00Z' }),
			],
			NOW
		);
		const byStage = Object.fromEntries(columns.map((c) => [c.stage, c.cards]));
		expect(byStage.mutual?.map((c) => c.interest_id)).toEqual(['c', 'a', 'b']);
		expect(byStage.mutual?.map((c) => c.daysInStage)).toEqual([1, 11, 2]);
		expect(byStage.closed?.map((c) => c.interest_id)).toEqual(['d']);
		// A clock a little ahead of the database's is "today", never negative.
		expect(byStage.mou?.[0]?.daysInStage).toBe(0);
	});

	test('shows one opportunity’s pipelines when asked', () => {
		const rows = [
			row({ interest_id: 'a', venture_id: 'v1' }),
			row({ interest_id: 'b', venture_id: 'v2', title: 'Another' }),
		];
		const cards = groupBoard(rows, NOW, 'v2').flatMap((c) => c.cards);
		expect(cards.map((c) => c.interest_id)).toEqual(['b']);
		expect(boardVentures([...rows, row({ interest_id: 'c', venture_id: 'v1' })])).toEqual([
			{ id: 'v2', title: 'Another' },
			{ id: 'v1', title: 'Precast plant partner' },
		]);
	});

	test('daysSince counts whole days and ignores dates it cannot read', () => {
		expect(daysSince('2026-11-18T12:00:01Z', NOW)).toBe(2);
		expect(daysSince('yesterday', NOW)).toBe(0);
	});
});
