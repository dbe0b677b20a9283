import type { Queryable } from '../contracts.ts';
import { storeEmail } from '../mailbox.ts';
import type { AuthContext } from './context.ts';
import { tooManyRequests } from './errors.ts';
import { epochMillis } from './go-time.ts';
import { generateOtp, storeOneTimeToken, tokenHash } from './one-time-tokens.ts';
import type { UserRow } from './users.ts';
import { updateUser } from './users.ts';

/** Implicit flow (tokens in the URL fragment) or PKCE (a code exchanged by the client). */
export type FlowType = 'implicit' | 'pkce';

/** The `/verify` link of an email, as GoTrue builds it. */
export function actionLink(
	ctx: AuthContext,
	token: string,
	type: string,
	redirectTo: string
): string {
	const redirect = /[&=#]/.test(redirectTo) ? encodeURIComponent(redirectTo) : redirectTo;
	return `${ctx.config.apiUrl}/auth/v1/verify?token=${encodeURIComponent(token)}&type=${encodeURIComponent(type)}&redirect_to=${redirect}`;
}

/** GoTrue's per-user frequency limit: 429 when the last email of this kind went out too recently. */
function assertFrequency(ctx: AuthContext, sentAt: string | null): void {
	const minimum = ctx.config.emailMinInterval;
	if (sentAt === null || minimum <= 0) return;
	const readyAt = epochMillis(sentAt) + minimum * 1000;
	const now = Date.now();
	if (readyAt > now) {
		const seconds = Math.floor((readyAt - now) / 1000);
		throw tooManyRequests(
			'over_email_send_rate_limit',
			`For security purposes, you can only request this after ${seconds} seconds.`
		);
	}
}

/** The project-wide email limit, applied (as in GoTrue) only when confirmations are on. */
function assertEmailBudget(ctx: AuthContext): void {
	if (ctx.config.mailerAutoconfirm || ctx.limits === undefined) return;
	if (!ctx.limits.emails.allow('emails'))
		throw tooManyRequests('over_email_send_rate_limit', 'email rate limit exceeded');
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Template {
	subject: string;
	heading: string;
	intro: string;
	linkText: string;
}

const TEMPLATES: Record<string, Template> = {
	signup: {
		subject: 'Confirm your email address',
		heading: 'Confirm your email address',
		intro: 'Open the link below to confirm this address and finish creating your account.',
		linkText: 'Confirm my email address',
	},
	invite: {
		subject: "You've been invited",
		heading: "You've been invited",
		intro: 'Someone invited you to create an account. Open the link below to accept.',
		linkText: 'Accept the invitation',
	},
	magiclink: {
		subject: 'Your sign-in link',
		heading: 'Your sign-in link',
		intro: 'Open the link below to sign in. It works once and expires soon.',
		linkText: 'Sign in',
	},
	recovery: {
		subject: 'Reset your password',
		heading: 'Reset your password',
		intro:
			'Someone asked to reset the password of this account. Open the link below to choose a new one. If it was not you, ignore this email.',
		linkText: 'Choose a new password',
	},
	email_change_current: {
		subject: 'Confirm your new email address',
		heading: 'Confirm the change of your email address',
		intro:
			'Someone asked to change the email address of this account. Open the link below to confirm it.',
		linkText: 'Confirm the change',
	},
	email_change_new: {
		subject: 'Confirm your new email address',
		heading: 'Confirm your new email address',
		intro: 'Open the link below to confirm this address as the new email address of your account.',
		linkText: 'Confirm my new email address',
	},
};

/** Composes an email from its template and stores it in the mailbox. */
async function deliver(
	q: Queryable,
	to: string,
	kind: string,
	link: string,
	otp: string
): Promise<void> {
	const template = TEMPLATES[kind] as Template;
	const text = `${template.heading}\n\n${template.intro}\n\n${template.linkText}: ${link}\n\nOr enter this code: ${otp}\n`;
	const html =
		`<h2>${escapeHtml(template.heading)}</h2>\n<p>${escapeHtml(template.intro)}</p>\n` +
		`<p><a href="${escapeHtml(link)}">${escapeHtml(template.linkText)}</a></p>\n<p>Or enter this code: ${otp}</p>`;
	await storeEmail(q, { to, subject: template.subject, kind, text, html, actionLink: link, otp });
}

function withFlowPrefix(hash: string, flow: FlowType): string {
	return flow === 'pkce' ? `pkce_${hash}` : hash;
}

/** Sends the sign-up confirmation (GoTrue's sendConfirmation). */
export async function sendConfirmation(
	tx: Queryable,
	ctx: AuthContext,
	user: UserRow,
	flow: FlowType,
	redirectTo: string
): Promise<void> {
	assertFrequency(ctx, user.confirmation_sent_at);
	assertEmailBudget(ctx);
	const email = user.email ?? '';
	const otp = generateOtp();
	const token = withFlowPrefix(tokenHash(email, otp), flow);
	await updateUser(tx, user.id, { confirmation_token: token }, { confirmation_sent_at: 'now()' });
	await storeOneTimeToken(tx, user.id, 'confirmation_token', token, email);
	await deliver(tx, email, 'signup', actionLink(ctx, token, 'signup', redirectTo), otp);
}

/** Sends an invitation (GoTrue's sendInvite): no frequency limit. */
export async function sendInvite(
	tx: Queryable,
	ctx: AuthContext,
	user: UserRow,
	redirectTo: string
): Promise<void> {
	assertEmailBudget(ctx);
	const email = user.email ?? '';
	const otp = generateOtp();
	const token = tokenHash(email, otp);
	await updateUser(
		tx,
		user.id,
		{ confirmation_token: token },
		{ confirmation_sent_at: 'now()', invited_at: 'now()' }
	);
	await storeOneTimeToken(tx, user.id, 'confirmation_token', token, email);
	await deliver(tx, email, 'invite', actionLink(ctx, token, 'invite', redirectTo), otp);
}

/** Sends a password-recovery or magic-link email; both use the recovery token (GoTrue does the same). */
export async function sendRecoveryOrMagicLink(
	tx: Queryable,
	ctx: AuthContext,
	user: UserRow,
	kind: 'recovery' | 'magiclink',
	flow: FlowType,
	redirectTo: string
): Promise<void> {
	assertFrequency(ctx, user.recovery_sent_at);
	assertEmailBudget(ctx);
	const email = user.email ?? '';
	const otp = generateOtp();
	const token = withFlowPrefix(tokenHash(email, otp), flow);
	await updateUser(tx, user.id, { recovery_token: token }, { recovery_sent_at: 'now()' });
	await storeOneTimeToken(tx, user.id, 'recovery_token', token, email);
	await deliver(tx, email, kind, actionLink(ctx, token, kind, redirectTo), otp);
}

/**
 * Sends the email-change confirmations (GoTrue's sendEmailChange with secure email change): one to the new
 * address and, when the user has one, one to the current address; each carries its own code.
 */
export async function sendEmailChange(
	tx: Queryable,
	ctx: AuthContext,
	user: UserRow,
	newEmail: string,
	flow: FlowType,
	redirectTo: string
): Promise<void> {
	assertFrequency(ctx, user.email_change_sent_at);
	assertEmailBudget(ctx);
	const otpNew = generateOtp();
	const tokenNew = withFlowPrefix(tokenHash(newEmail, otpNew), flow);
	const currentEmail = user.email ?? '';
	const otpCurrent = currentEmail === '' ? '' : generateOtp();
	const tokenCurrent =
		currentEmail === '' ? '' : withFlowPrefix(tokenHash(currentEmail, otpCurrent), flow);
	await updateUser(
		tx,
		user.id,
		{
			email_change: newEmail,
			email_change_token_new: tokenNew,
			email_change_token_current: tokenCurrent,
			email_change_confirm_status: 0,
		},
		{ email_change_sent_at: 'now()' }
	);
	if (tokenCurrent !== '') {
		await storeOneTimeToken(tx, user.id, 'email_change_token_current', tokenCurrent, currentEmail);
		await deliver(
			tx,
			currentEmail,
			'email_change_current',
			actionLink(ctx, tokenCurrent, 'email_change', redirectTo),
			otpCurrent
		);
	}
	await storeOneTimeToken(tx, user.id, 'email_change_token_new', tokenNew, newEmail);
	await deliver(
		tx,
		newEmail,
		'email_change_new',
		actionLink(ctx, tokenNew, 'email_change', redirectTo),
		otpNew
	);
}
