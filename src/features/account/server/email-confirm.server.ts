import { isAuthPKCECodeVerifierMissingError } from '@supabase/supabase-js';
import { describeAuthError } from '~/features/auth/server/errors.server.ts';
import { loadUser } from '~/features/auth/server/session.server.ts';

/** What following an email-change link came to. */
export type EmailChangeOutcome =
	/** Changed and signed in: the page shows the new address. */
	| { status: 'changed'; email: string | undefined }
	/** Changed, but this browser has no session for it: sign in with the new address. */
	| { status: 'changed-signed-out' }
	/** One of the two links (old and new address) is confirmed; the other is still to open. */
	| { status: 'half' }
	/** Used, expired or broken; or our side failed. */
	| { status: 'failed'; reason: 'expired' | 'unavailable' };

/** The parts of a request the email-change confirmation reads and writes. */
interface Context {
	url: URL;
	locals: App.Locals;
}

/**
 * Handles a link from an email-change message, in the forms GoTrue sends: its `/verify` link
 * comes back with `?code=` once both addresses are confirmed, with `?message=` after the first
 * of the two, or with `?error_code=` when the link was used or expired; a custom template's
 * `?token_hash=…&type=email_change` is verified here. Call it before the page renders.
 */
export async function confirmEmailChange({ url, locals }: Context): Promise<EmailChangeOutcome> {
	const params = url.searchParams;
	try {
		const tokenHash = params.get('token_hash');
		if (tokenHash && params.get('type') === 'email_change') {
			const { data, error } = await locals.supabase.auth.verifyOtp({
				token_hash: tokenHash.slice(0, 1024),
				type: 'email_change',
			});
			if (error) return failed(error);
			if (!data.session) return { status: 'half' };
		} else if (params.get('code')) {
			const { error } = await locals.supabase.auth.exchangeCodeForSession(
				(params.get('code') ?? '').slice(0, 1024)
			);
			// GoTrue changed the address before redirecting; only the session needs this browser.
			if (isAuthPKCECodeVerifierMissingError(error)) return { status: 'changed-signed-out' };
			if (error) return failed(error);
		} else if (params.has('message')) {
			return { status: 'half' };
		} else {
			return { status: 'failed', reason: 'expired' };
		}
	} catch (error) {
		return failed(error);
	}
	locals.user = await loadUser(() => locals.supabase);
	const email = locals.user?.email;
	return { status: 'changed', email: typeof email === 'string' ? email : undefined };
}

function failed(error: unknown): EmailChangeOutcome {
	const { key } = describeAuthError(error);
	if (key === 'auth.error.unavailable') {
		console.error('[account] email-change link could not be verified:', error);
		return { status: 'failed', reason: 'unavailable' };
	}
	return { status: 'failed', reason: 'expired' };
}
