/**
 * Bucket lookups Storage makes as the superuser (limits, public flag), independent of RLS on `storage.buckets`.
 */
import { ERRORS, toStorageError } from './errors.ts';
import type { StorageContext } from './context.ts';

/** The bucket fields uploads and downloads need. */
export interface BucketLimits {
	id: string;
	public: boolean;
	fileSizeLimit: number | null;
	allowedMimeTypes: string[];
}

/** Finds a bucket as the superuser; throws NoSuchBucket when it does not exist, unless `optional`. */
export async function findBucketAsSuperUser(
	ctx: StorageContext,
	bucketId: string,
	options: { optional: true }
): Promise<BucketLimits | undefined>;
export async function findBucketAsSuperUser(
	ctx: StorageContext,
	bucketId: string,
	options?: { optional?: false }
): Promise<BucketLimits>;
export async function findBucketAsSuperUser(
	ctx: StorageContext,
	bucketId: string,
	options: { optional?: boolean } = {}
): Promise<BucketLimits | undefined> {
	const rows = await ctx.db
		.asSuperUser((tx) =>
			tx.query(
				'select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1 limit 1',
				[bucketId]
			)
		)
		.catch((error: unknown) => {
			throw toStorageError(error);
		});
	const row = rows.rows[0];
	if (!row) {
		if (options.optional) return undefined;
		throw ERRORS.noSuchBucket();
	}
	const limit = row['file_size_limit'];
	return {
		id: String(row['id']),
		public: row['public'] === true,
		fileSizeLimit: limit === null || limit === undefined ? null : Number(limit),
		allowedMimeTypes: Array.isArray(row['allowed_mime_types'])
			? (row['allowed_mime_types'] as string[])
			: [],
	};
}
