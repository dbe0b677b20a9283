import type { ActionAPIContext } from 'astro:actions';
import { localePath } from '~/i18n/locales.ts';
import { formatDate } from '~/i18n/translate.ts';
import { ORGANISATION_PATHS } from '../paths.ts';
import { escapeHtml, sendEmail } from '~/lib/email.server.ts';
import { siteOrigin } from '~/lib/site-origin.server.ts';

/** What an invitation email says. */
export interface InvitationEmail {
	to: string;
	token: string;
	organisationName: string;
	expiresAt: string;
}

/** The full address of an invitation link on this site, in a locale. */
export function invitationUrl(
	origin: string,
	locale: Parameters<typeof localePath>[0],
	token: string
) {
	return new URL(localePath(locale, ORGANISATION_PATHS.invitation(token)), origin).href;
}

/**
 * Emails an invitation to join an organisation, in the inviter's language (the invitation page has
 * a language switcher). Returns whether the email went out.
 */
export async function sendInvitationEmail(
	context: Pick<ActionAPIContext, 'locals' | 'url'>,
	invitation: InvitationEmail
): Promise<boolean> {
	const { locale, t } = context.locals;
	const link = invitationUrl(siteOrigin(), locale, invitation.token);
	const vars = {
		organisation: invitation.organisationName,
		date: formatDate(locale, new Date(invitation.expiresAt)),
	};
	const subject = t('organisations.email.subject', vars);
	const lines = [
		t('organisations.email.intro', vars),
		t('organisations.email.howTo', { email: invitation.to }),
		link,
		t('organisations.email.expires', vars),
		t('organisations.email.ignore'),
	];
	const html = [
		`<p>${escapeHtml(lines[0] ?? '')}</p>`,
		`<p>${escapeHtml(lines[1] ?? '')}</p>`,
		`<p><a href="${escapeHtml(link)}">${escapeHtml(t('organisations.email.button'))}</a></p>`,
		`<p>${escapeHtml(lines[3] ?? '')}</p>`,
		`<p>${escapeHtml(lines[4] ?? '')}</p>`,
	].join('\n');
	return sendEmail({
		to: invitation.to,
		subject,
		kind: 'organisation_invitation',
		text: lines.join('\n\n'),
		html,
		actionLink: link,
	});
}
