/** A GoTrue API error: HTTP status, error code (`invalid_credentials`, …) and message. */
export class AuthError extends Error {
	readonly status: number;
	readonly code: string;
	/** For `weak_password`: why the password was refused (`length`, `characters`, `pwned`). */
	readonly reasons: string[] | undefined;

	constructor(status: number, code: string, message: string, reasons?: string[]) {
		super(message);
		this.name = 'AuthError';
		this.status = status;
		this.code = code;
		this.reasons = reasons;
	}
}

/** An OAuth2-style error (`{error, error_description}`, always HTTP 400), as GoTrue sends for a missing refresh token. */
export class OAuthError extends Error {
	readonly error: string;

	constructor(error: string, description: string) {
		super(description);
		this.name = 'OAuthError';
		this.error = error;
	}
}

/** 400 with `code`. */
export const badRequest = (code: string, message: string): AuthError =>
	new AuthError(400, code, message);
/** 403 with `code`. */
export const forbidden = (code: string, message: string): AuthError =>
	new AuthError(403, code, message);
/** 404 with `code`. */
export const notFound = (code: string, message: string): AuthError =>
	new AuthError(404, code, message);
/** 422 with `code`. */
export const unprocessable = (code: string, message: string): AuthError =>
	new AuthError(422, code, message);
/** 429 with `code`. */
export const tooManyRequests = (code: string, message: string): AuthError =>
	new AuthError(429, code, message);
/** 500 `unexpected_failure` with `message` (GoTrue's wording for the failed step). */
export const internal = (message: string): AuthError =>
	new AuthError(500, 'unexpected_failure', message);

/** The header supabase-js sends to ask for the 2024-01-01 error shape, which the server then echoes. */
export const API_VERSION_HEADER = 'X-Supabase-Api-Version';
const API_VERSION_2024 = '2024-01-01';

/** Whether the request asked for API version 2024-01-01 or later (an ISO date at or after it). */
function wantsApiVersion2024(request: Request): boolean {
	const value = request.headers.get(API_VERSION_HEADER);
	if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const parsed = Date.parse(`${value}T00:00:00Z`);
	return Number.isFinite(parsed) && parsed >= Date.parse(`${API_VERSION_2024}T00:00:00Z`);
}

/**
 * Renders an error as GoTrue does: with `X-Supabase-Api-Version: 2024-01-01` (or later) on the request,
 * `{code: "<error code>", message}` and the header echoed; without it, the legacy
 * `{code: <status>, error_code, msg}` plus `x-sb-error-code`. Weak passwords add `weak_password.reasons`;
 * OAuth errors are `{error, error_description}`; anything else is a 500 `unexpected_failure`.
 */
export function authErrorResponse(error: unknown, request: Request): Response {
	const modern = wantsApiVersion2024(request);
	const headers = new Headers({ 'content-type': 'application/json' });
	if (modern) headers.set(API_VERSION_HEADER, API_VERSION_2024);
	if (error instanceof OAuthError) {
		return new Response(JSON.stringify({ error: error.error, error_description: error.message }), {
			status: 400,
			headers,
		});
	}
	const known =
		error instanceof AuthError
			? error
			: new AuthError(
					500,
					'unexpected_failure',
					'Unexpected failure, please check server logs for more information'
				);
	if (!(error instanceof AuthError)) console.error('[auth] unexpected error:', error);
	const weak = known.reasons === undefined ? {} : { weak_password: { reasons: known.reasons } };
	if (modern) {
		return new Response(JSON.stringify({ code: known.code, message: known.message, ...weak }), {
			status: known.status,
			headers,
		});
	}
	headers.set('x-sb-error-code', known.code);
	return new Response(
		JSON.stringify({ code: known.status, error_code: known.code, msg: known.message, ...weak }),
		{
			status: known.status,
			headers,
		}
	);
}

/** A JSON success response. */
export function jsonResponse(
	body: unknown,
	status = 200,
	headers?: Record<string, string>
): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', ...headers },
	});
}
