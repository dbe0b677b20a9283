import { isLocale, localePath, type Locale } from '~/i18n/locales.ts';
import {
	createTranslator,
	formatDate,
	type MessageKey,
	type MessageVars,
} from '~/i18n/translate.ts';
import { escapeHtml, type SiteEmail } from '~/lib/email.server.ts';
import { MENTORING_PATHS, unsubscribePath } from '../paths.ts';
import type { Topic, UnsubscribeKind } from '../options.ts';

/**
 * The mentoring emails, rendered in the recipient's language. Each says what happened, links to
 * the one page to act on, and ends with a one-click unsubscribe link for that kind of email and a
 * link to all email settings. Text is escaped for the HTML part; names and goals are members'
 * own words and never markup.
 */

/** Who an email goes to, and how to reach their settings. */
export interface Recipient {
	email: string;
	/** `profiles.locale`; anything unknown is English. */
	locale: string | null;
	unsubscribeToken: string;
}

/** A new request, to the mentor. */
export interface RequestEmail {
	kind: 'request';
	menteeName: string;
	topic: Topic;
	goal: string;
	mentorshipId: string;
	expiresAt: string | null;
}

/** The mentor's answer, to the mentee. */
export interface AnswerEmail {
	kind: 'answer';
	mentorName: string;
	action: 'accept' | 'decline' | 'ask_info';
	mentorshipId: string;
}

/** Unread messages, to either side, at most daily. */
export interface DigestEmail {
	kind: 'digest';
	unread: number;
}

/** A request expired, to the mentee, with a link to the next matches. */
export interface ExpiryEmail {
	kind: 'expiry';
	mentorName: string;
	topic: Topic | null;
	mentorshipId: string;
	/** `unanswered`: the mentor never answered; `no_reply_to_question`: the mentee did not answer the mentor's question. */
	reason: 'unanswered' | 'no_reply_to_question';
}

export type MentoringEmail = RequestEmail | AnswerEmail | DigestEmail | ExpiryEmail;

/** The notification setting each email honours, and what its unsubscribe link turns off. */
export const UNSUBSCRIBE_KIND_OF: Record<
	MentoringEmail['kind'],
	Exclude<UnsubscribeKind, 'all' | 'ventures'>
> = {
	request: 'requests',
	answer: 'answers',
	digest: 'messages',
	expiry: 'expiry',
};

/** The mailbox `kind` of each email, for the development mailbox and tests. */
export const MAIL_KIND_OF: Record<MentoringEmail['kind'], string> = {
	request: 'mentoring_request',
	answer: 'mentoring_answer',
	digest: 'mentoring_digest',
	expiry: 'mentoring_expiry',
};

interface Parts {
	subject: string;
	paragraphs: string[];
	button: string;
	link: string;
}

function parts(email: MentoringEmail, locale: Locale, origin: string): Parts {
	const t = (key: MessageKey, vars?: MessageVars) => createTranslator(locale)(key, vars);
	const url = (path: string) => new URL(localePath(locale, path), origin).href;
	switch (email.kind) {
		case 'request': {
			const vars = { name: email.menteeName, topic: t(`mentoring.topic.${email.topic}`) };
			const paragraphs = [
				t('mentoring.email.request.intro', vars),
				t('mentoring.email.request.goal', { goal: email.goal }),
			];
			if (email.expiresAt) {
				paragraphs.push(
					t('mentoring.email.request.expires', {
						date: formatDate(locale, new Date(email.expiresAt)),
					})
				);
			}
			return {
				subject: t('mentoring.email.request.subject', vars),
				paragraphs,
				button: t('mentoring.email.request.button'),
				link: url(MENTORING_PATHS.show(email.mentorshipId)),
			};
		}
		case 'answer': {
			const vars = { name: email.mentorName };
			const key = {
				accept: 'accepted',
				decline: 'declined',
				ask_info: 'question',
			}[email.action] as 'accepted' | 'declined' | 'question';
			const paragraphs = [t(`mentoring.email.answer.${key}.body`, vars)];
			if (email.action === 'decline') paragraphs.push(t('mentoring.email.answer.declined.next'));
			return {
				subject: t(`mentoring.email.answer.${key}.subject`, vars),
				paragraphs,
				button: t('mentoring.email.answer.button'),
				link: url(MENTORING_PATHS.show(email.mentorshipId)),
			};
		}
		case 'digest':
			return {
				subject: t('mentoring.email.digest.subject', { count: email.unread }),
				paragraphs: [t('mentoring.email.digest.body', { count: email.unread })],
				button: t('mentoring.email.digest.button'),
				link: url(MENTORING_PATHS.home),
			};
		case 'expiry': {
			const vars = { name: email.mentorName };
			const next = new URLSearchParams({ expired: email.mentorshipId });
			if (email.topic) next.set('topic', email.topic);
			return {
				subject: t('mentoring.email.expiry.subject', vars),
				paragraphs: [
					t(
						email.reason === 'no_reply_to_question'
							? 'mentoring.email.expiry.noReply'
							: 'mentoring.email.expiry.unanswered',
						vars
					),
					t('mentoring.email.expiry.next'),
				],
				button: t('mentoring.email.expiry.button'),
				link: `${url(MENTORING_PATHS.find)}?${next}`,
			};
		}
	}
}

/**
 * Renders a mentoring email for a recipient: subject, text and HTML in their language, the link
 * it is about, and `List-Unsubscribe` headers (RFC 8058) pointing at the same one-click page as
 * the link in the body.
 * @param origin the site's address, e.g. `https://okaeri.example`
 */
export function renderMentoringEmail(
	email: MentoringEmail,
	recipient: Recipient,
	origin: string
): SiteEmail {
	const locale: Locale = isLocale(recipient.locale) ? recipient.locale : 'en';
	const t = createTranslator(locale);
	const { subject, paragraphs, button, link } = parts(email, locale, origin);
	const kind = UNSUBSCRIBE_KIND_OF[email.kind];
	const unsubscribe = new URL(
		`${localePath(locale, unsubscribePath(recipient.unsubscribeToken))}?kind=${kind}`,
		origin
	).href;
	const settings = new URL(localePath(locale, MENTORING_PATHS.notifications), origin).href;
	const footer = [
		t(`mentoring.email.why.${kind}`),
		t('mentoring.email.unsubscribe', { link: unsubscribe }),
		t('mentoring.email.settings', { link: settings }),
	];
	const text = [...paragraphs, `${button}: ${link}`, '—', ...footer].join('\n\n');
	const html = [
		...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
		`<p><a href="${escapeHtml(link)}">${escapeHtml(button)}</a></p>`,
		'<hr>',
		`<p><small>${escapeHtml(footer[0] ?? '')}</small></p>`,
		`<p><small><a href="${escapeHtml(unsubscribe)}">${escapeHtml(t('mentoring.email.unsubscribeLink'))}</a> · <a href="${escapeHtml(settings)}">${escapeHtml(t('mentoring.email.settingsLink'))}</a></small></p>`,
	].join('\n');
	return {
		to: recipient.email,
		subject,
		kind: MAIL_KIND_OF[email.kind],
		text,
		html,
		actionLink: link,
		headers: {
			'List-Unsubscribe': `<${unsubscribe}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
		},
	};
}
