import { describe, expect, test } from 'vitest';
import { renderVentureEmail } from './emails.server.ts';

const ORIGIN = 'https://okaeri.example';
const TOKEN = '6f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0';
const INTEREST = '2b4f7c1e-0c59-4a3b-9d6e-1f2a3b4c5d6e';

describe('renderVentureEmail', () => {
	test('a stall reminder in the recipient’s language links the pipeline and a one-click stop', () => {
		const email = renderVentureEmail(
			{
				kind: 'reminder',
				title: 'Precast <plant> & partner',
				stage: 'first_meeting',
				days: 24,
				interestId: INTEREST,
			},
			{ email: 'an@example.com', locale: 'vi', unsubscribeToken: TOKEN },
			ORIGIN
		);
		expect(email.kind).toBe('venture_reminder');
		expect(email.to).toBe('an@example.com');
		expect(email.actionLink).toBe(`${ORIGIN}/vi/ventures/pipeline/${INTEREST}`);
		const stop = `${ORIGIN}/vi/unsubscribe/${TOKEN}?kind=ventures`;
		expect(email.text).toContain(stop);
		expect(email.headers).toEqual({
			'List-Unsubscribe': `<${stop}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
		});
		expect(email.text).toContain('24');
		// The title is the member's own words: escaped in HTML, never markup.
		expect(email.html).toContain('Precast &lt;plant&gt; &amp; partner');
		expect(email.html).not.toContain('<plant>');
	});

	test('interest, invitations and answers say what happened; an unknown locale is English', () => {
		const to = { email: 'sato@example.jp', locale: 'fr', unsubscribeToken: TOKEN };
		const interest = renderVentureEmail(
			{ kind: 'interest', title: 'Precast plant', invited: false, interestId: INTEREST },
			to,
			ORIGIN
		);
		expect(interest.subject).toBe('Someone is interested in “Precast plant”');
		expect(interest.kind).toBe('venture_interest');
		expect(interest.text).toContain('Names are shown to both sides only once you accept.');
		expect(
			renderVentureEmail(
				{ kind: 'interest', title: 'Precast plant', invited: true, interestId: INTEREST },
				to,
				ORIGIN
			).subject
		).toBe('An invitation to talk about “Precast plant”');
		const answer = renderVentureEmail(
			{ kind: 'answer', title: 'Precast plant', accepted: false, interestId: INTEREST },
			{ ...to, locale: 'ja' },
			ORIGIN
		);
		expect(answer.kind).toBe('venture_answer');
		expect(answer.actionLink).toBe(`${ORIGIN}/ja/ventures/pipeline/${INTEREST}`);
	});

	test('without a token the email says how reminders stop instead of linking', () => {
		const email = renderVentureEmail(
			{ kind: 'reminder', title: 'Plant', stage: 'mutual', days: 21, interestId: INTEREST },
			{ email: 'a@example.com', locale: 'en', unsubscribeToken: null },
			ORIGIN
		);
		expect(email.text).toContain('These reminders stop when the pipeline moves on or is closed.');
		expect(email.text).not.toContain('/unsubscribe/');
		expect(email.headers).toBeUndefined();
	});
});
