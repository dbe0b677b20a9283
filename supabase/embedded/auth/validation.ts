import { randomUUID } from 'node:crypto';
import type { Queryable } from '../contracts.ts';
import { badRequest } from './errors.ts';
import type { FlowType } from './emails.ts';

// checkmail.ValidateFormat, which GoTrue uses.
const EMAIL_FORMAT =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's validateEmail: required, at most 255 characters, well-formed; returns it lower-cased. */
export function validateEmail(email: string): string {
	if (email === '') throw badRequest('validation_failed', 'An email address is required');
	if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
	if (!EMAIL_FORMAT.test(email))
		throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
	return email.toLowerCase();
}

/** GoTrue's validatePKCEParams: both or neither of method and challenge; a 43–128 character challenge. */
export function validatePkceParams(method: string, challenge: string): void {
	if ((challenge === '') !== (method === '')) {
		throw badRequest(
			'validation_failed',
			'PKCE flow requires code_challenge_method and code_challenge'
		);
	}
	if (challenge === '') return;
	if (challenge.length < 43 || challenge.length > 128) {
		throw badRequest('validation_failed', 'code challenge has to be between 43 and 128 characters');
	}
	if (!/^[a-zA-Z._~0-9-]+$/.test(challenge)) {
		throw badRequest(
			'validation_failed',
			'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes'
		);
	}
	if (!['s256', 'plain'].includes(method.toLowerCase())) {
		throw badRequest('validation_failed', `code challenge method not supported: ${method}`);
	}
}

/** PKCE when the client sent a code challenge, implicit otherwise. */
export function flowFromChallenge(challenge: string): FlowType {
	return challenge === '' ? 'implicit' : 'pkce';
}

/** Records a PKCE flow for the user (GoTrue's generateFlowState); the auth code is issued later by /verify. */
export async function createFlowState(
	q: Queryable,
	userId: string,
	providerType: string,
	authenticationMethod: string,
	method: string,
	challenge: string
): Promise<void> {
	await q.query(
		`insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
		                              created_at, updated_at, authentication_method)
		 values ($1, $2, $3, $4::auth.code_challenge_method, $5, $6, now(), now(), $7)`,
		[
			randomUUID(),
			userId,
			randomUUID(),
			method.toLowerCase(),
			challenge,
			providerType,
			authenticationMethod,
		]
	);
}
