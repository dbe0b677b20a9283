import { MENTORING_PATHS, unsubscribePath } from '~/features/mentoring/paths.ts';
import { isLocale, localePath, type Locale } from '~/i18n/locales.ts';
import { createTranslator, type MessageKey, type MessageVars } from '~/i18n/translate.ts';
import { escapeHtml, type SiteEmail } from '~/lib/email.server.ts';
import type { PipelineStage } from '../options.ts';
import { VENTURE_PATHS } from '../paths.ts';

/**
 * The joint-venture emails, rendered in the recipient's language: interest (or an invitation) to the
 * side that answers, the answer to the side that started, and the stall reminder. Each says what
 * happened, links to the pipeline page, and ends with a one-click link that stops joint-venture
 * emails and a link to all email settings (the mentoring emails' mechanism and settings). Titles
 * are the anonymous teaser's, never the company's name; members' words are escaped, never markup.
 */

/** Who an email goes to, and how to reach their settings. */
export interface Recipient {
	email: string;
	/** `profiles.locale`; anything unknown is English. */
	locale: string | null;
	/** The one-click unsubscribe token (null: the email says how it stops instead of linking). */
	unsubscribeToken: string | null;
}

/** Someone showed interest in an opportunity, or its owners invited a candidate to talk. */
export interface InterestEmail {
	kind: 'interest';
	title: string;
	/** Whether the opportunity's owners wrote first (an invitation) rather than an interested member. */
	invited: boolean;
	interestId: string;
}

/** The other side accepted or declined. */
export interface AnswerEmail {
	kind: 'answer';
	title: string;
	accepted: boolean;
	interestId: string;
}

/** A pipeline has not moved for a while. */
export interface ReminderEmail {
	kind: 'reminder';
	title: string;
	stage: PipelineStage;
	days: number;
	interestId: string;
}

export type VentureEmail = InterestEmail | AnswerEmail | ReminderEmail;

/** The notification setting every joint-venture email honours, and what its unsubscribe link turns off. */
export const VENTURE_UNSUBSCRIBE_KIND = 'ventures';

/** The mailbox `kind` of each email, for the development mailbox and tests. */
export const MAIL_KIND_OF: Record<VentureEmail['kind'], string> = {
	interest: 'venture_interest',
	answer: 'venture_answer',
	reminder: 'venture_reminder',
};

interface Parts {
	subject: string;
	paragraphs: string[];
	button: string;
}

function parts(email: VentureEmail, locale: Locale): Parts {
	const t = (key: MessageKey, vars?: MessageVars) => createTranslator(locale)(key, vars);
	const vars = { title: email.title };
	switch (email.kind) {
		case 'interest': {
			const which = email.invited ? 'invited' : 'interest';
			return {
				subject: t(`ventures.email.${which}.subject`, vars),
				paragraphs: [t(`ventures.email.${which}.body`, vars), t('ventures.email.anonymous')],
				button: t('ventures.email.open'),
			};
		}
		case 'answer': {
			const which = email.accepted ? 'accepted' : 'declined';
			return {
				subject: t(`ventures.email.${which}.subject`, vars),
				paragraphs: [t(`ventures.email.${which}.body`, vars)],
				button: t('ventures.email.open'),
			};
		}
		case 'reminder':
			return {
				subject: t('ventures.email.reminder.subject', vars),
				paragraphs: [
					t('ventures.email.reminder.body', {
						...vars,
						stage: t(`ventures.stage.${email.stage}`),
						days: email.days,
					}),
					t('ventures.email.reminder.next'),
				],
				button: t('ventures.email.reminder.button'),
			};
	}
}

/**
 * Renders a joint-venture email for a recipient: subject, text and HTML in their language, the
 * pipeline page it is about, and `List-Unsubscribe` headers (RFC 8058) pointing at the same
 * one-click page as the link in the body.
 * @param origin the site's address, e.g. `https://okaeri.example`
 */
export function renderVentureEmail(
	email: VentureEmail,
	recipient: Recipient,
	origin: string
): SiteEmail {
	const locale: Locale = isLocale(recipient.locale) ? recipient.locale : 'en';
	const t = createTranslator(locale);
	const { subject, paragraphs, button } = parts(email, locale);
	const link = new URL(localePath(locale, VENTURE_PATHS.interest(email.interestId)), origin).href;
	const token = recipient.unsubscribeToken;
	const unsubscribe = token
		? new URL(
				`${localePath(locale, unsubscribePath(token))}?kind=${VENTURE_UNSUBSCRIBE_KIND}`,
				origin
			).href
		: null;
	const settings = new URL(localePath(locale, MENTORING_PATHS.notifications), origin).href;
	// Without a token there is no one-click link: the email says how these emails stop instead.
	const stop = unsubscribe
		? t('ventures.email.unsubscribe', { link: unsubscribe })
		: t('ventures.email.noUnsubscribe');
	const footer = [t('ventures.email.why'), stop, t('ventures.email.settings', { link: settings })];
	const text = [...paragraphs, `${button}: ${link}`, '—', ...footer].join('\n\n');
	const links = [
		...(unsubscribe
			? [
					`<a href="${escapeHtml(unsubscribe)}">${escapeHtml(t('ventures.email.unsubscribeLink'))}</a>`,
				]
			: []),
		`<a href="${escapeHtml(settings)}">${escapeHtml(t('ventures.email.settingsLink'))}</a>`,
	];
	const html = [
		...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
		`<p><a href="${escapeHtml(link)}">${escapeHtml(button)}</a></p>`,
		'<hr>',
		`<p><small>${escapeHtml(footer[0] ?? '')}</small></p>`,
		...(unsubscribe ? [] : [`<p><small>${escapeHtml(stop)}</small></p>`]),
		`<p><small>${links.join(' · ')}</small></p>`,
	].join('\n');
	return {
		to: recipient.email,
		subject,
		kind: MAIL_KIND_OF[email.kind],
		text,
		html,
		actionLink: link,
		...(unsubscribe
			? {
					headers: {
						'List-Unsubscribe': `<${unsubscribe}>`,
						'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
					},
				}
			: {}),
	};
}
