import type { JwtFailure } from '../jwt.ts';

/** Kong's answer when no key was sent to a key-protected route. */
export function missingApiKey(): Response {
	return Response.json(
		{
			message: 'No API key found in request',
			hint: 'No `apikey` request header or url param was found.',
		},
		{ status: 401 }
	);
}

/** The gateway's answer to an unknown key. */
export function invalidApiKey(): Response {
	return Response.json(
		{
			message: 'Invalid API key',
			hint: 'Double check your Supabase `anon` or `service_role` API key.',
		},
		{ status: 401 }
	);
}

/** Kong's answer for a path no service is mounted at. */
export function noRoute(): Response {
	return Response.json({ message: 'no Route matched with those values' }, { status: 404 });
}

/** Kong's answer when a request body is larger than the route allows. */
export function bodyTooLarge(): Response {
	return Response.json({ message: 'Request size limit exceeded' }, { status: 413 });
}

/** A failure inside the gateway or a service that escaped it. */
export function internalError(): Response {
	return Response.json(
		{ message: 'An invalid response was received from the upstream server' },
		{ status: 502 }
	);
}

/** PostgREST (v13) refusing a bearer: 401 with PGRST301/PGRST303 and a WWW-Authenticate header. */
export function restJwtError(failure: JwtFailure, parts: number): Response {
	const [code, message] = ((): [string, string] => {
		switch (failure) {
			case 'empty':
				return ['PGRST301', 'Empty JWT is sent in Authorization header'];
			case 'malformed':
				return parts === 3
					? ['PGRST301', 'JWT cryptographic operation failed']
					: ['PGRST301', `Expected 3 parts in JWT; got ${parts}`];
			case 'unsupported_algorithm':
				return ['PGRST301', 'Wrong or unsupported encoding algorithm'];
			case 'bad_signature':
				return ['PGRST301', 'JWT cryptographic operation failed'];
			case 'expired':
				return ['PGRST303', 'JWT expired'];
			case 'not_yet_valid':
				return ['PGRST303', 'JWT not yet valid'];
			case 'issued_in_future':
				return ['PGRST303', 'JWT issued at future'];
			case 'bad_claims':
				return ['PGRST303', 'Parsing claims failed'];
		}
	})();
	return Response.json(
		{ code, details: null, hint: null, message },
		{
			status: 401,
			headers: {
				'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"`,
			},
		}
	);
}

/** Storage refusing a bearer: HTTP 400 with statusCode "403" and the verification library's message. */
export function storageJwtError(failure: JwtFailure): Response {
	const message = ((): string => {
		switch (failure) {
			case 'empty':
			case 'malformed':
				return 'Invalid Compact JWS';
			case 'unsupported_algorithm':
				return '"alg" (Algorithm) Header Parameter value not allowed';
			case 'bad_signature':
				return 'signature verification failed';
			case 'expired':
				return '"exp" claim timestamp check failed';
			case 'not_yet_valid':
				return '"nbf" claim timestamp check failed';
			case 'issued_in_future':
				return '"iat" claim timestamp check failed';
			case 'bad_claims':
				return 'JWT Claims Set must be a top-level JSON object';
		}
	})();
	return Response.json(
		{ statusCode: '403', code: 'AccessDenied', error: 'Unauthorized', message },
		{ status: 400 }
	);
}
