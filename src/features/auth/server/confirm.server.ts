import { isAuthPKCECodeVerifierMissingError } from '@supabase/supabase-js';
import { z } from 'astro/zod';
import { localePath } from '~/i18n/locales.ts';
import { AUTH_PATHS } from '../paths.ts';
import { describeAuthError } from './errors.server.ts';
import type { RequestContext } from './require.server.ts';
import { loadUser } from './session.server.ts';

/** Which email a link came from, as the site told the auth server in `redirect_to` (`?flow=`). */
export type EmailFlow = 'signup' | 'recovery';

/** What following an email link came to, for the confirmation page to explain. */
export type ConfirmOutcome =
	/** Confirmed and signed in. */
	| { status: 'confirmed' }
	/** Confirmed, but the session could not be started in this browser: sign in to continue. */
	| { status: 'confirmed-signed-out' }
	| {
			status: 'failed';
			/**
			 * `expired`: used or too old; `incomplete`: parameters missing; `other-browser`: opened in
			 * another browser than the one that asked for it; `unavailable`: our side failed.
			 */
			reason: 'expired' | 'incomplete' | 'other-browser' | 'unavailable';
			/** Which new link to offer; undefined offers both. */
			flow: EmailFlow | undefined;
	  };

/** An email link in the token-hash form: `?token_hash=…&type=…`. */
const TokenHashLinkSchema = z.object({
	token_hash: z.string().min(1).max(1024),
	type: z.enum(['signup', 'email', 'invite', 'magiclink', 'recovery', 'email_change']),
});

/**
 * The URL that auth emails lead back to: the confirmation page in the locale of the form that asked
 * for the email, tagged with the flow so the page knows what to do next.
 * @param origin the request's origin, which Astro's origin check has matched to the browser's
 */
export function confirmUrl(
	origin: string,
	locale: Parameters<typeof localePath>[0],
	flow: EmailFlow
) {
	const url = new URL(localePath(locale, AUTH_PATHS.confirm), origin);
	url.searchParams.set('flow', flow);
	return url.href;
}

/**
 * Handles a link from an auth email on the confirmation page, in either form GoTrue can send:
 * - `?token_hash=…&type=…` (a custom template): verified with `verifyOtp`, in any browser;
 * - `?code=…` (GoTrue's own `/verify` link, PKCE): exchanged for a session, which needs the
 *   verifier cookie of the browser that asked for the email.
 * On success the session cookies are set and `locals.user` is updated; a password-reset link then
 * redirects to the reset page. Call it in the page's frontmatter, before anything renders.
 */
export async function confirmEmailLink(
	context: RequestContext & { url: URL }
): Promise<ConfirmOutcome | Response> {
	const { locals, url } = context;
	const params = url.searchParams;
	const tokenLink = TokenHashLinkSchema.safeParse(Object.fromEntries(params));
	const tagged = params.get('flow');
	let flow: EmailFlow | undefined =
		tagged === 'signup' || tagged === 'recovery' ? tagged : undefined;
	const code = params.get('code');

	try {
		if (tokenLink.success) {
			flow = tokenLink.data.type === 'recovery' ? 'recovery' : 'signup';
			const { error } = await locals.supabase.auth.verifyOtp(tokenLink.data);
			if (error) return failed(error, flow);
		} else if (code) {
			const flowId = params.get('sb_flow_id');
			const { error } = await locals.supabase.auth.exchangeCodeForSession(
				code,
				flowId ? { flowId } : undefined
			);
			if (isAuthPKCECodeVerifierMissingError(error)) {
				// GoTrue confirmed the address before redirecting here; only the session needs the
				// browser that signed up. A reset link, though, is spent: it needs a new one.
				if (flow === 'signup') return { status: 'confirmed-signed-out' };
				return { status: 'failed', reason: 'other-browser', flow };
			}
			if (error) return failed(error, flow);
		} else {
			// GoTrue's /verify redirects here with `error_code` when a link has expired or was used.
			const expired = params.has('error_code') || params.has('error');
			return { status: 'failed', reason: expired ? 'expired' : 'incomplete', flow };
		}
	} catch (error) {
		return failed(error, flow);
	}

	if (flow === 'recovery') {
		return context.redirect(localePath(locals.locale, AUTH_PATHS.resetPassword), 303);
	}
	locals.user = await loadUser(() => locals.supabase);
	return { status: 'confirmed' };
}

function failed(error: unknown, flow: EmailFlow | undefined): ConfirmOutcome {
	const { key } = describeAuthError(error);
	if (key === 'auth.error.unavailable') {
		console.error('[auth] email link could not be verified:', error);
		return { status: 'failed', reason: 'unavailable', flow };
	}
	// GoTrue answers a used, expired or unknown link with 403 otp_expired; treat any refusal so.
	return { status: 'failed', reason: 'expired', flow };
}
