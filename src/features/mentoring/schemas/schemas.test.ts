import { describe, expect, test } from 'vitest';
import { isMessageKey } from '~/i18n/translate.ts';
import { MENTORING_LIMITS as L } from '../options.ts';
import { MentorProfileSchema } from './mentor-profile.schema.ts';
import {
	FeedbackSchema,
	MessageSchema,
	RequestSchema,
	RespondSchema,
} from './mentorship.schema.ts';
import { PreferencesSchema, UnsubscribeSchema } from './preferences.schema.ts';

/** A schema's messages by field, for a failed parse (none for a good one). */
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

describe('MentorProfileSchema', () => {
	const good = {
		about: '  I run a bakery in Da Nang.\r\nAsk me about loans.  ',
		topics: ['financing', 'food', 'financing'],
		sectors: ['food_service'],
		languages: ['vi', 'ja'],
		countries: ['VN'],
		formats: ['chat'],
		capacity: '3',
		paused: 'on',
	};

	test('reads a posted form: text trimmed, repeats dropped, numbers and checkboxes parsed', () => {
		expect(MentorProfileSchema.parse(good)).toEqual({
			about: 'I run a bakery in Da Nang.\nAsk me about loans.',
			topics: ['financing', 'food'],
			sectors: ['food_service'],
			languages: ['vi', 'ja'],
			countries: ['VN'],
			formats: ['chat'],
			capacity: 3,
			paused: true,
		});
		expect(MentorProfileSchema.parse({ ...good, about: '   ', paused: undefined })).toMatchObject({
			about: null,
			paused: false,
		});
	});

	test('needs a topic, a language and a format', () => {
		expect(
			messages(MentorProfileSchema, { ...good, topics: [], languages: [], formats: [] })
		).toEqual({
			topics: ['mentoring.error.topicsRequired'],
			languages: ['mentoring.error.languagesRequired'],
			formats: ['mentoring.error.formatsRequired'],
		});
	});

	test('refuses unknown values, too many choices, a capacity out of range and long text', () => {
		expect(
			messages(MentorProfileSchema, {
				...good,
				about: 'x'.repeat(L.aboutMax + 1),
				topics: ['financing', 'astrology'],
				sectors: ['other', 'retail', 'trade', 'tourism', 'finance', 'education', 'recruitment'],
				languages: ['vi', 'xx'],
				countries: ['Narnia'],
				formats: ['telepathy'],
				capacity: '11',
			})
		).toEqual({
			about: ['mentoring.error.aboutTooLong'],
			topics: ['profiles.error.choose'],
			sectors: ['mentoring.error.sectorsTooMany'],
			languages: ['profiles.error.choose'],
			countries: ['profiles.error.choose'],
			formats: ['profiles.error.choose'],
			capacity: ['mentoring.error.capacityRange'],
		});
		expect(messages(MentorProfileSchema, { ...good, capacity: '0' })).toEqual({
			capacity: ['mentoring.error.capacityRange'],
		});
		expect(messages(MentorProfileSchema, { ...good, capacity: 'two' })).toEqual({
			capacity: ['mentoring.error.capacityRange'],
		});
	});
});

describe('RequestSchema', () => {
	const good = {
		mentor_id: ID,
		topic: 'financing',
		goal: '  Register my\tfood business  ',
		message: 'Hello!\r\nI am back in Hanoi.',
	};

	test('keeps the message as typed (line ends made \\n) and the goal on one line', () => {
		expect(RequestSchema.parse(good)).toEqual({
			mentor_id: ID,
			topic: 'financing',
			goal: 'Register my food business',
			message: 'Hello!\nI am back in Hanoi.',
		});
	});

	test('HTML is not refused: it is stored as typed and shown as text', () => {
		const html = '<script>alert("x")</script><b>bold</b>';
		expect(RequestSchema.parse({ ...good, message: html }).message).toBe(html);
	});

	test('says what is missing or too long', () => {
		expect(messages(RequestSchema, { mentor_id: ID, topic: '', goal: ' ', message: '' })).toEqual({
			topic: ['mentoring.error.topicRequired'],
			goal: ['mentoring.error.goalRequired'],
			message: ['mentoring.error.messageRequired'],
		});
		expect(
			messages(RequestSchema, {
				...good,
				goal: 'g'.repeat(L.goalMax + 1),
				message: 'm'.repeat(L.messageMax + 1),
			})
		).toEqual({
			goal: ['mentoring.error.goalTooLong'],
			message: ['mentoring.error.message_too_long'],
		});
	});

	test('refuses an unknown topic, a bad mentor id and control characters', () => {
		expect(
			messages(RequestSchema, { ...good, topic: 'astrology', mentor_id: '1; drop table' })
		).toEqual({
			mentor_id: ['mentoring.error.not_found'],
			topic: ['mentoring.error.choose'],
		});
		expect(messages(RequestSchema, { ...good, message: 'bell\u0007' })).toEqual({
			message: ['profiles.error.invalidCharacters'],
		});
	});

	test('counts characters as the database does (code points)', () => {
		expect(messages(RequestSchema, { ...good, message: '🙂'.repeat(L.messageMax) })).toEqual({});
	});
});

describe('RespondSchema', () => {
	test('accept needs nothing more; decline takes an optional reason and note', () => {
		expect(RespondSchema.parse({ mentorship_id: ID, response: 'accept' })).toMatchObject({
			response: 'accept',
			reason: null,
			note: null,
		});
		expect(
			RespondSchema.parse({
				mentorship_id: ID,
				response: 'decline',
				reason: 'no_capacity',
				note: ' Try Lan. ',
			})
		).toMatchObject({ response: 'decline', reason: 'no_capacity', note: 'Try Lan.' });
	});

	test('asking for more information needs the question', () => {
		expect(messages(RespondSchema, { mentorship_id: ID, response: 'ask_info' })).toEqual({
			question: ['mentoring.error.questionRequired'],
		});
	});

	test('refuses unknown answers and reasons, and long notes', () => {
		expect(
			messages(RespondSchema, {
				mentorship_id: ID,
				response: 'ghost',
				reason: 'bored',
				note: 'n'.repeat(L.noteMax + 1),
			})
		).toEqual({
			response: ['mentoring.error.choose'],
			reason: ['profiles.error.choose'],
			note: ['mentoring.error.noteTooLong'],
		});
	});
});

describe('MessageSchema and FeedbackSchema', () => {
	test('a message is required and at most 4000 characters', () => {
		expect(messages(MessageSchema, { mentorship_id: ID, body: '  \n ' })).toEqual({
			body: ['mentoring.error.messageRequired'],
		});
		expect(
			messages(MessageSchema, { mentorship_id: 'nope', body: 'x'.repeat(L.messageMax + 1) })
		).toEqual({
			mentorship_id: ['mentoring.error.not_found'],
			body: ['mentoring.error.message_too_long'],
		});
	});

	test('feedback: useful 1–5, goals met, an outcome, an optional private comment', () => {
		expect(
			FeedbackSchema.parse({
				mentorship_id: ID,
				useful: '4',
				goals_met: 'partly',
				outcome: 'started_business',
				comment: '',
			})
		).toEqual({
			mentorship_id: ID,
			useful: 4,
			goals_met: 'partly',
			outcome: 'started_business',
			comment: null,
		});
		expect(messages(FeedbackSchema, { mentorship_id: ID })).toEqual({
			useful: ['mentoring.error.usefulRequired'],
			goals_met: ['mentoring.error.goalsMetRequired'],
			outcome: ['mentoring.error.outcomeRequired'],
		});
		expect(
			messages(FeedbackSchema, {
				mentorship_id: ID,
				useful: '6',
				goals_met: 'maybe',
				outcome: 'rich',
				comment: 'c'.repeat(L.commentMax + 1),
			})
		).toEqual({
			useful: ['mentoring.error.choose'],
			goals_met: ['mentoring.error.choose'],
			outcome: ['mentoring.error.choose'],
			comment: ['mentoring.error.commentTooLong'],
		});
	});
});

describe('PreferencesSchema and UnsubscribeSchema', () => {
	test('checkboxes that are not posted are off', () => {
		expect(PreferencesSchema.parse({ email_requests: 'on', email_messages: 'off' })).toEqual({
			email_requests: true,
			email_answers: false,
			email_messages: 'off',
			email_expiry: false,
			email_ventures: false,
		});
		expect(messages(PreferencesSchema, { email_messages: 'hourly' })).toEqual({
			email_messages: ['mentoring.error.choose'],
		});
	});

	test('an unsubscribe link without a kind turns everything off; a bad one is refused', () => {
		expect(UnsubscribeSchema.parse({ token: ID })).toEqual({ token: ID, kind: 'all' });
		expect(UnsubscribeSchema.parse({ token: ID, kind: 'messages' })).toEqual({
			token: ID,
			kind: 'messages',
		});
		expect(messages(UnsubscribeSchema, { token: 'abc', kind: 'spam' })).toEqual({
			token: ['mentoring.error.unsubscribeInvalid'],
			kind: ['mentoring.error.unsubscribeInvalid'],
		});
	});
});

test('every message a schema can give is a translated key', () => {
	const keys = [
		'mentoring.error.topicsRequired',
		'mentoring.error.languagesRequired',
		'mentoring.error.formatsRequired',
		'mentoring.error.capacityRange',
		'mentoring.error.topicRequired',
		'mentoring.error.goalRequired',
		'mentoring.error.messageRequired',
		'mentoring.error.message_too_long',
		'mentoring.error.questionRequired',
		'mentoring.error.usefulRequired',
		'mentoring.error.unsubscribeInvalid',
	];
	expect(keys.filter((key) => !isMessageKey(key))).toEqual([]);
});
