/**
 * What every Storage handler gets: the request, who is calling (as Storage's JWT plugin sees it), the
 * database scope and the blob store.
 */
import type { Caller } from '../contracts.ts';
import type { BlobStore } from './blob-store.ts';
import type { DbScope } from './scope.ts';

/** Settings of the Storage service. */
export interface StorageSettings {
	/** The project's JWT secret, which also signs URL tokens (Storage's default URL signing key). */
	jwtSecret: string;
	/** The global upload limit in bytes (Storage's `FILE_SIZE_LIMIT`; the Supabase CLI uses 50 MiB). */
	fileSizeLimit: number;
	/** Seconds a signed upload URL stays valid. */
	uploadSignedUrlExpiresIn: number;
}

/** One request, as a Storage handler sees it. */
export interface StorageContext {
	request: Request;
	url: URL;
	/** Whether the request carried a valid JWT (Storage's `isAuthenticated`). */
	authenticated: boolean;
	/** The identity SQL runs as: the verified caller, or anon when unauthenticated. */
	caller: Caller;
	/** The JWT `sub`, which becomes `owner_id` of what this request writes. */
	owner: string | undefined;
	db: DbScope;
	blobs: BlobStore;
	settings: StorageSettings;
}
