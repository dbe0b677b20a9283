import type { JwtPayload, SupabaseClient } from '@supabase/supabase-js';

/** The signed-in person as the server knows them: the claims of a verified access token. */
export type UserClaims = JwtPayload;

/**
 * Returns the verified claims of the session in the request's cookies, or null when there is no
 * valid session. `getClaims()` checks the token with the auth server (or its JWKS), refreshing it
 * first when it has expired; `getSession()` alone would trust whatever the cookie says.
 * Never throws: an unreachable backend means "signed out" for this request.
 */
export async function loadUser(supabase: () => SupabaseClient): Promise<UserClaims | null> {
	try {
		const { data, error } = await supabase().auth.getClaims();
		if (error || !data) return null;
		return data.claims;
	} catch (error) {
		console.error('[auth] could not verify the session:', error);
		return null;
	}
}
