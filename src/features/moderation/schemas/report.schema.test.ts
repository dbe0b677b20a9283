import { describe, expect, test } from 'vitest';
import { MODERATION_LIMITS as L } from '../options.ts';
import { BlockSchema, DecideSchema, ReportSchema } from './report.schema.ts';

function messages(schema: { safeParse: (v: unknown) => unknown }, input: unknown) {
	const result = schema.safeParse(input) as {
		error?: { issues: { path: PropertyKey[]; message: string }[] };
	};
	const byField: Record<string, string[]> = {};
	for (const issue of result.error?.issues ?? []) {
		(byField[String(issue.path[0])] ??= []).push(issue.message);
	}
	return byField;
}

const ID = '5b1f0c1e-9a43-4c1b-8f5e-2f6f1d1f7a10';

describe('ReportSchema', () => {
	test('reads a message report from hidden fields, and a safe way back', () => {
		expect(
			ReportSchema.parse({
				reason: 'scam_or_fees',
				details: ' Asked me for 300,000 yen. ',
				reported_user_id: ID,
				mentorship_id: ID,
				message_id: '42',
				block: 'on',
				return_to: '/vi/mentoring/5b1f0c1e-9a43-4c1b-8f5e-2f6f1d1f7a10',
			})
		).toEqual({
			reason: 'scam_or_fees',
			details: 'Asked me for 300,000 yen.',
			reported_user_id: ID,
			mentorship_id: ID,
			message_id: 42,
			block: true,
			return_to: '/vi/mentoring/5b1f0c1e-9a43-4c1b-8f5e-2f6f1d1f7a10',
		});
	});

	test('reads a joint-venture report: a conversation or a message, never mixed with a mentorship', () => {
		expect(
			ReportSchema.parse({ reason: 'harassment', venture_message_id: '9', block: 'on' })
		).toMatchObject({ reason: 'harassment', venture_message_id: 9, block: true });
		expect(ReportSchema.parse({ reason: 'spam', venture_interest_id: ID })).toMatchObject({
			venture_interest_id: ID,
		});
		expect(
			messages(ReportSchema, { reason: 'spam', venture_interest_id: ID, mentorship_id: ID })
		).toEqual({ reason: ['moderation.error.notFound'] });
		expect(messages(ReportSchema, { reason: 'spam', venture_message_id: '-1' })).toEqual({
			venture_message_id: ['moderation.error.notFound'],
		});
	});

	test('never sends people to another site afterwards', () => {
		for (const evil of ['https://evil.example', '//evil.example', '/\\evil.example']) {
			expect(
				ReportSchema.parse({ reason: 'spam', reported_user_id: ID, return_to: evil }).return_to
			).toBeUndefined();
		}
	});

	test('needs a reason and something to report', () => {
		expect(messages(ReportSchema, { reason: '', reported_user_id: ID })).toEqual({
			reason: ['moderation.error.reasonRequired'],
		});
		expect(messages(ReportSchema, { reason: 'spam' })).toEqual({
			reason: ['moderation.error.nothingToReport'],
		});
		// A message is reported within its mentorship.
		expect(messages(ReportSchema, { reason: 'spam', message_id: '7' })).toEqual({
			reason: ['moderation.error.notFound'],
		});
	});

	test('refuses unknown reasons, bad ids and long details', () => {
		expect(
			messages(ReportSchema, {
				reason: 'boredom',
				reported_user_id: 'x',
				message_id: '-1',
				details: 'd'.repeat(L.detailsMax + 1),
			})
		).toEqual({
			reason: ['moderation.error.choose'],
			reported_user_id: ['moderation.error.notFound'],
			message_id: ['moderation.error.notFound'],
			details: ['moderation.error.detailsTooLong'],
		});
	});
});

describe('DecideSchema and BlockSchema', () => {
	test('taking action needs a note; dismissing does not', () => {
		expect(messages(DecideSchema, { report_id: ID, status: 'actioned', note: ' ' })).toEqual({
			note: ['moderation.error.noteRequired'],
		});
		expect(DecideSchema.parse({ report_id: ID, status: 'dismissed', note: '' })).toEqual({
			report_id: ID,
			status: 'dismissed',
			note: null,
		});
		expect(messages(DecideSchema, { report_id: ID, status: 'open' })).toEqual({
			status: ['moderation.error.choose'],
		});
		expect(messages(DecideSchema, { report_id: ID })).toEqual({
			status: ['moderation.error.decisionRequired'],
		});
	});

	test('blocking takes one member id', () => {
		expect(messages(BlockSchema, { user_id: 'me' })).toEqual({
			user_id: ['moderation.error.notFound'],
		});
	});
});
