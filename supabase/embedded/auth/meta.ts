import type { AuthContext } from './context.ts';
import { jsonResponse } from './errors.ts';

/** GET /settings (GoTrue's Settings): which sign-in methods this instance offers. */
export function settings(ctx: AuthContext): Response {
	const external: Record<string, boolean> = { anonymous_users: ctx.config.anonymousSignIns };
	for (const provider of [
		'apple',
		'azure',
		'bitbucket',
		'discord',
		'facebook',
		'snapchat',
		'figma',
		'fly',
		'github',
		'gitlab',
		'google',
		'keycloak',
		'kakao',
		'linkedin',
		'linkedin_oidc',
		'notion',
		'spotify',
		'slack',
		'slack_oidc',
		'workos',
		'twitch',
		'twitter',
	]) {
		external[provider] = false;
	}
	external['email'] = true;
	external['phone'] = false;
	external['zoom'] = false;
	return jsonResponse({
		external,
		disable_signup: ctx.config.disableSignup,
		mailer_autoconfirm: ctx.config.mailerAutoconfirm,
		phone_autoconfirm: false,
		sms_provider: '',
		saml_enabled: false,
		saml_private_key_next_configured: false,
		passkeys_enabled: false,
	});
}

/** GET /health. */
export function health(): Response {
	return jsonResponse({
		version: 'embedded',
		name: 'GoTrue',
		description: 'GoTrue is a user registration and authentication API',
	});
}

/** GET /.well-known/jwks.json: HS256 secrets are never published, so the key list is empty (as in GoTrue). */
export function jwks(): Response {
	return jsonResponse({ keys: [] }, 200, { 'Cache-Control': 'public, max-age=600' });
}
