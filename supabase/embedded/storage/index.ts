/**
 * The Storage service (`/storage/v1`): Supabase Storage's HTTP API over `storage.buckets` / `storage.objects`
 * and a blob store under the data directory.
 */
import type { BackendConfig, Caller, Database, Service } from '../contracts.ts';
import { type BlobStore, createBlobStore } from './blob-store.ts';
import type { StorageContext, StorageSettings } from './context.ts';
import { ERRORS, StorageError, toStorageError } from './errors.ts';
import { json } from './http.ts';
import { matchRoute, type Route } from './routes.ts';
import { createDbScope } from './scope.ts';
import { verifyJwt } from './url-tokens.ts';

/** The Supabase CLI's default upload limit (`file_size_limit = "50MiB"`). */
export const DEFAULT_FILE_SIZE_LIMIT = 50 * 1024 * 1024;

/** Supabase documents signed upload URLs as valid for two hours. */
export const DEFAULT_UPLOAD_SIGNED_URL_EXPIRES_IN = 2 * 60 * 60;

/** Options of the Storage service. */
export interface StorageServiceOptions {
	db: Database;
	config: BackendConfig;
	/** The global upload limit in bytes; defaults to 50 MiB. */
	fileSizeLimit?: number;
	/** Seconds a signed upload URL stays valid; defaults to 2 hours. */
	uploadSignedUrlExpiresIn?: number;
	/** Where object bytes live (`<dataDir>/storage`); defaults to `config.dataDir`, memory when neither is set. */
	dataDir?: string;
	/** The blob store to use instead of opening one at `dataDir` (the seed stores objects into it first). */
	blobs?: BlobStore;
}

function decodeClaims(token: string): Record<string, unknown> {
	const payload = token.split('.')[1];
	if (!payload) return {};
	try {
		const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

function headerRecord(headers: Headers): Record<string, string> {
	const record: Record<string, string> = {};
	for (const [name, value] of headers) record[name] = value;
	return record;
}

/**
 * Why Storage would refuse this request's JWT: the message of its JWT library for the bearer the client sent
 * (the gateway passes an unverifiable bearer through as an unauthenticated caller).
 */
function jwtFailure(request: Request, jwtSecret: string): string {
	const bearer = (request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
	try {
		verifyJwt(bearer, jwtSecret);
	} catch (error) {
		if (error instanceof StorageError) return error.message;
	}
	return 'Invalid Compact JWS';
}

/**
 * Applies Storage's JWT rules for a route: returns the identity SQL runs as and whether the request is
 * authenticated, or throws Storage's AccessDenied.
 */
function authorize(
	route: Route,
	caller: Caller,
	request: Request,
	jwtSecret: string
): { caller: Caller; authenticated: boolean } {
	const authenticated = caller.token !== undefined && caller.token !== '';
	const anonymous: Caller = { role: 'anon', claims: { role: 'anon' } };
	switch (route.access) {
		case 'public':
			return { caller: anonymous, authenticated: false };
		case 'optional-jwt':
			return authenticated ? { caller, authenticated } : { caller: anonymous, authenticated };
		case 'service-role':
			if (!authenticated) throw ERRORS.accessDenied('Access denied: JWT is not authenticated', 403);
			if (caller.role !== 'service_role')
				throw ERRORS.accessDenied('Access denied: Invalid role', 403);
			return { caller, authenticated };
		default:
			if (!authenticated) throw ERRORS.accessDenied(jwtFailure(request, jwtSecret));
			return { caller, authenticated };
	}
}

/** Creates the Storage service; `handle` answers every request under `/storage/v1`. */
export async function createStorageService(options: StorageServiceOptions): Promise<Service> {
	const { db, config } = options;
	const blobs = options.blobs ?? createBlobStore(options.dataDir ?? config.dataDir);
	const superUser: Caller = {
		role: 'service_role',
		claims: decodeClaims(config.serviceRoleKey),
		token: config.serviceRoleKey,
	};
	const settings: StorageSettings = {
		jwtSecret: config.jwtSecret,
		fileSizeLimit: options.fileSizeLimit ?? DEFAULT_FILE_SIZE_LIMIT,
		uploadSignedUrlExpiresIn:
			options.uploadSignedUrlExpiresIn ?? DEFAULT_UPLOAD_SIGNED_URL_EXPIRES_IN,
	};

	return {
		async handle(request: Request, path: string, caller: Caller): Promise<Response> {
			const url = new URL(request.url);
			const rawPath = path.split('?')[0] || '/';
			const match = matchRoute(request.method, rawPath);
			if (!match) {
				return json(
					{
						statusCode: '404',
						error: 'Not Found',
						message: `Route ${request.method}:${rawPath}${url.search} not found`,
						code: 'InvalidRequest',
					},
					404
				);
			}
			const { route, params } = match;
			try {
				const access = authorize(route, caller, request, config.jwtSecret);
				const claims = access.caller.claims;
				const ctx: StorageContext = {
					request,
					url,
					authenticated: access.authenticated,
					caller: access.caller,
					owner:
						typeof claims['sub'] === 'string' && claims['sub'] !== '' ? claims['sub'] : undefined,
					db: createDbScope(
						db,
						access.caller,
						superUser,
						{ method: request.method, path: rawPath, headers: headerRecord(request.headers) },
						route.operation
					),
					blobs,
					settings,
				};
				const response = await route.handle(ctx, params);
				if (request.method !== 'HEAD' || route.method === 'HEAD') return response;
				await response.body?.cancel();
				return new Response(null, { status: response.status, headers: response.headers });
			} catch (error) {
				const storageError = toStorageError(error);
				if (!(error instanceof StorageError) && storageError.code === 'InternalError') {
					console.error('[storage] unexpected error', error);
				}
				// A request refused before its body was read (or in the middle of an upload) may leave much of
				// it unsent: ask for the connection to close rather than draining a possibly huge body.
				const unread = request.body !== null && (route.upload === true || !request.bodyUsed);
				return storageError.toResponse(unread ? { connection: 'close' } : undefined);
			}
		},
	};
}
