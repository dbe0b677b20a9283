/**
 * Storage's input rules: object keys, bucket names, file size limits and MIME types
 * (Supabase Storage `src/storage/limits.ts`, `storage.ts`, `uploader.ts`).
 */
import { ERRORS } from './errors.ts';

// Hyphen is last so it stays a literal, not a range.
const VALID_OBJECT_KEY = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]*$/;
const VALID_BUCKET_NAME = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]*$/;

/** Whether `key` uses only the characters Storage accepts in object names (non-empty). */
export function isValidKey(key: string): boolean {
	return key.length > 0 && VALID_OBJECT_KEY.test(key);
}

/**
 * Throws Storage's InvalidKey unless `key` is a valid object name that is also safe as a relative file path:
 * no `.` or `..` segment and no leading `/` (Storage's file backend rejects those the same way).
 */
export function mustBeValidKey(key: string | undefined): asserts key is string {
	if (key === undefined || !isValidKey(key)) throw ERRORS.invalidKey(key ?? '');
	if (key.startsWith('/')) throw ERRORS.invalidKey(key, 'must be a relative path');
	if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
		throw ERRORS.invalidKey(key, 'contains dot path segment');
	}
}

/** Throws Storage's InvalidBucketName unless `name` is 1–100 allowed characters. */
export function mustBeValidBucketName(name: string | undefined): asserts name is string {
	if (
		name === undefined ||
		name.length === 0 ||
		name.length > 100 ||
		!VALID_BUCKET_NAME.test(name) ||
		name === '.' ||
		name === '..'
	) {
		throw ERRORS.invalidBucketName();
	}
}

/** Parses Storage's size strings (`"20MB"`, `"1.5gb"`, `"30kb"`, `"3b"`; decimal units) into bytes. */
export function parseFileSizeToBytes(valueWithUnit: string): number {
	const match = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(valueWithUnit);
	if (!match) throw ERRORS.invalidFileSizeLimit();
	const value = Number(parseFloat(match[1] ?? '').toPrecision(3));
	switch ((match[2] ?? '').toLowerCase()) {
		case 'gb':
			return value * 1e9;
		case 'mb':
			return value * 1e6;
		case 'kb':
			return value * 1000;
		default:
			return value;
	}
}

/**
 * Resolves a bucket's `file_size_limit` as given by the client (bytes or a size string; null clears it),
 * rejecting anything above the global limit with EntityTooLarge.
 */
export function parseBucketSizeLimit(
	value: unknown,
	globalLimit: number
): number | null | undefined {
	if (value === undefined) return undefined;
	if (value === null) return null;
	const bytes = typeof value === 'string' ? parseFileSizeToBytes(value) : value;
	if (typeof bytes !== 'number' || !Number.isFinite(bytes)) throw ERRORS.invalidFileSizeLimit();
	if (bytes > globalLimit) throw ERRORS.entityTooLarge();
	return bytes;
}

/** Throws InvalidMimeType unless every entry looks like `type/subtype` (wildcards allowed). */
export function validateAllowedMimeTypes(mimeTypes: string[]): void {
	for (const type of mimeTypes) {
		if (
			type.length > 1000 ||
			!/^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/.test(type)
		) {
			throw ERRORS.invalidMimeType(type);
		}
	}
}

/**
 * Throws InvalidMimeType unless `mimeType` matches one of `allowed`, comparing type and subtype
 * literally as Storage does (`image/*` matches any image; parameters are part of the subtype).
 */
export function mustBeAllowedMimeType(mimeType: string, allowed: string[]): void {
	const [type, subtype, ...rest] = mimeType.split('/');
	if (subtype === undefined || rest.length > 0) throw ERRORS.invalidMimeType(mimeType);
	for (const entry of allowed) {
		const [allowedType, allowedSubtype] = entry.split('/');
		if (allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype)) return;
	}
	throw ERRORS.invalidMimeType(mimeType);
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(
	`^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|"(?:[^"\\\\]|\\\\.)*"))*[ \\t]*;?[ \\t]*$`
);

/** Whether a Content-Type header is a well-formed media type (HTTP's grammar, as Fastify checks it). */
export function isWellFormedContentType(value: string): boolean {
	return MEDIA_TYPE.test(value);
}

/** Whether an object name is a folder placeholder, which Storage restricts to 0 bytes. */
export function isEmptyFolderPlaceholder(name: string): boolean {
	return name.endsWith('.emptyFolderPlaceholder');
}

/** Whether `value` is a UUID, the test Storage uses before filling the deprecated `owner` uuid column. */
export function isUuid(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value);
}
