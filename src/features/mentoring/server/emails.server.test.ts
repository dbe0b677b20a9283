import { describe, expect, test } from 'vitest';
import { renderMentoringEmail, type MentoringEmail } from './emails.server.ts';

const ORIGIN = 'https://okaeri.example';
const TOKEN = '0c7d2e4a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const MENTORSHIP = '5b1f0c1e-9a43-4c1b-8f5e-2f6f1d1f7a10';
const to = (locale: string | null) => ({
	email: 'lan@example.com',
	locale,
	unsubscribeToken: TOKEN,
});

describe('renderMentoringEmail', () => {
	test('a new request: who, the goal, the answer date, a link to the request', () => {
		const email = renderMentoringEmail(
			{
				kind: 'request',
				menteeName: 'Trần Thị Mai',
				topic: 'financing',
				goal: 'Open a bakery',
				mentorshipId: MENTORSHIP,
				expiresAt: '2026-12-05T10:00:00Z',
			},
			to('en'),
			ORIGIN
		);
		expect(email).toMatchObject({
			to: 'lan@example.com',
			subject: 'Trần Thị Mai asks you for mentoring on Financing',
			kind: 'mentoring_request',
			actionLink: `${ORIGIN}/mentoring/${MENTORSHIP}`,
		});
		expect(email.text).toContain('Their goal: Open a bakery');
		expect(email.text).toContain('Please answer by 5 December 2026');
		expect(email.html).toContain(
			`<a href="${ORIGIN}/mentoring/${MENTORSHIP}">Read the request</a>`
		);
	});

	test('goes out in the recipient’s language, with links in that language', () => {
		const email = renderMentoringEmail(
			{ kind: 'answer', mentorName: 'Lan', action: 'accept', mentorshipId: MENTORSHIP },
			to('vi'),
			ORIGIN
		);
		expect(email.subject).toBe('Lan đã nhận lời hướng dẫn bạn');
		expect(email.actionLink).toBe(`${ORIGIN}/vi/mentoring/${MENTORSHIP}`);
		expect(email.text).toContain(`${ORIGIN}/vi/unsubscribe/${TOKEN}?kind=answers`);
		expect(email.text).toContain(`${ORIGIN}/vi/account/notifications`);
		// An unknown or missing locale is English.
		expect(renderMentoringEmail({ kind: 'digest', unread: 3 }, to('xx'), ORIGIN).subject).toBe(
			'You have 3 unread messages on Okaeri'
		);
	});

	test('members’ words are text, never markup', () => {
		const email = renderMentoringEmail(
			{
				kind: 'request',
				menteeName: '<img src=x onerror=alert(1)>',
				topic: 'care',
				goal: '"><script>alert(2)</script>',
				mentorshipId: MENTORSHIP,
				expiresAt: null,
			},
			to('en'),
			ORIGIN
		);
		expect(email.html).not.toMatch(/<img|<script/);
		expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(email.html).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
		expect(email.text).toContain('"><script>alert(2)</script>');
	});

	test('every kind carries a one-click unsubscribe for that kind (RFC 8058 headers and link)', () => {
		const kinds: [MentoringEmail, string][] = [
			[
				{
					kind: 'request',
					menteeName: 'A',
					topic: 'it',
					goal: 'g',
					mentorshipId: MENTORSHIP,
					expiresAt: null,
				},
				'requests',
			],
			[{ kind: 'answer', mentorName: 'B', action: 'decline', mentorshipId: MENTORSHIP }, 'answers'],
			[{ kind: 'digest', unread: 2 }, 'messages'],
			[
				{
					kind: 'expiry',
					mentorName: 'C',
					topic: 'food',
					mentorshipId: MENTORSHIP,
					reason: 'unanswered',
				},
				'expiry',
			],
		];
		for (const [message, kind] of kinds) {
			const email = renderMentoringEmail(message, to('en'), ORIGIN);
			const link = `${ORIGIN}/unsubscribe/${TOKEN}?kind=${kind}`;
			expect(email.headers).toEqual({
				'List-Unsubscribe': `<${link}>`,
				'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
			});
			expect(email.text).toContain(link);
			expect(email.html).toContain(`href="${link}"`);
		}
	});

	test('an expiry offers the next matches for the same topic', () => {
		const email = renderMentoringEmail(
			{
				kind: 'expiry',
				mentorName: 'Budi',
				topic: 'food',
				mentorshipId: MENTORSHIP,
				reason: 'no_reply_to_question',
			},
			to('id'),
			ORIGIN
		);
		expect(email.actionLink).toBe(`${ORIGIN}/id/mentoring/find?expired=${MENTORSHIP}&topic=food`);
		expect(email.subject).toBe('Permintaan mentoring Anda kepada Budi telah kedaluwarsa');
		expect(email.text).toContain('pertanyaan mereka tidak dijawab tepat waktu');
	});

	test('a decline says why it happens and points to other mentors, in Swahili and Japanese too', () => {
		const decline = {
			kind: 'answer',
			mentorName: 'Amani',
			action: 'decline',
			mentorshipId: MENTORSHIP,
		} as const;
		expect(renderMentoringEmail(decline, to('sw'), ORIGIN).subject).toBe(
			'Amani hawezi kupokea ombi lako la ushauri'
		);
		const ja = renderMentoringEmail(decline, to('ja'), ORIGIN);
		expect(ja.subject).toBe('Amaniさんはメンタリングの依頼を受けられません');
		expect(ja.text).toContain('ほかのメンターがあなたに合うかもしれません');
	});
});
