/**
 * The GoTrue-compatible auth service mounted at `/auth/v1` (see shared/research/spec-auth-storage.md, Part B).
 * Email + password, magic links and one-time codes, recovery, email change, refresh-token rotation, the admin
 * API and GoTrue's error shapes. Emails go to the development mailbox (see ../mailbox.ts).
 * Not supported (answered with an error naming the feature): phone/SMS, OAuth and SSO providers, MFA,
 * passkeys, identity linking, reauthentication nonces.
 */
import type { EmbeddedConfig } from '../config.ts';
import type { Caller, Database, Service } from '../contracts.ts';
import { admin } from './admin.ts';
import { createAuthContext } from './context.ts';
import { otp, recover, resend } from './email-requests.ts';
import { AuthError, authErrorResponse, badRequest } from './errors.ts';
import { logoutUser } from './logout.ts';
import { health, jwks, settings } from './meta.ts';
import { signup } from './signup.ts';
import { token } from './token.ts';
import { getUser, updateCurrentUser } from './user.ts';
import { verify } from './verify.ts';

const UNSUPPORTED: [RegExp, string][] = [
	[/^\/factors(\/|$)/, 'Multi-factor authentication is not supported by the embedded backend'],
	[/^\/reauthenticate$/, 'Reauthentication is not supported by the embedded backend'],
	[/^\/user\/identities(\/|$)/, 'Identity linking is not supported by the embedded backend'],
	[
		/^\/(authorize|callback)$/,
		'Unsupported provider: OAuth providers are not supported by the embedded backend',
	],
	[/^\/sso(\/|$)/, 'SSO is not supported by the embedded backend'],
	[/^\/passkeys(\/|$)/, 'Passkeys are not supported by the embedded backend'],
	[/^\/oauth(\/|$)/, 'The OAuth 2.1 server is not supported by the embedded backend'],
	[
		/^\/admin\/(sso|audit|oauth|custom-providers)(\/|$)/,
		'This admin API is not supported by the embedded backend',
	],
];

function methodNotAllowed(): AuthError {
	return new AuthError(405, 'method_not_allowed', 'Method Not Allowed');
}

/** Creates the auth service. `handle` never rejects: every failure becomes GoTrue's error response. */
export function createAuthService(db: Database, config: EmbeddedConfig): Service {
	const ctx = createAuthContext(db, config);

	async function route(request: Request, path: string): Promise<Response> {
		const method = request.method;
		switch (path) {
			case '/signup':
				if (method === 'POST') return signup(ctx, request);
				throw methodNotAllowed();
			case '/token':
				if (method === 'POST') return token(ctx, request);
				throw methodNotAllowed();
			case '/user':
				if (method === 'GET') return getUser(ctx, request);
				if (method === 'PUT') return updateCurrentUser(ctx, request);
				throw methodNotAllowed();
			case '/logout':
				if (method === 'POST') return logoutUser(ctx, request);
				throw methodNotAllowed();
			case '/recover':
				if (method === 'POST') return recover(ctx, request);
				throw methodNotAllowed();
			case '/otp':
			case '/magiclink':
				if (method === 'POST') return otp(ctx, request);
				throw methodNotAllowed();
			case '/resend':
				if (method === 'POST') return resend(ctx, request);
				throw methodNotAllowed();
			case '/verify':
				if (method === 'GET' || method === 'POST') return verify(ctx, request);
				throw methodNotAllowed();
			case '/settings':
				if (method === 'GET') return settings(ctx);
				throw methodNotAllowed();
			case '/health':
				if (method === 'GET') return health();
				throw methodNotAllowed();
			case '/.well-known/jwks.json':
				if (method === 'GET') return jwks();
				throw methodNotAllowed();
		}
		if (path === '/invite' || path.startsWith('/admin/')) {
			for (const [pattern, message] of UNSUPPORTED)
				if (pattern.test(path)) throw badRequest('validation_failed', message);
			return admin(ctx, request, path);
		}
		for (const [pattern, message] of UNSUPPORTED)
			if (pattern.test(path)) throw badRequest('validation_failed', message);
		throw new AuthError(404, 'not_found', `No auth route for ${method} ${path}`);
	}

	return {
		async handle(request: Request, path: string, _caller: Caller): Promise<Response> {
			try {
				return await route(request, path);
			} catch (error) {
				return authErrorResponse(error, request);
			}
		},
	};
}
