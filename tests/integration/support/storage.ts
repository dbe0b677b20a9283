/** Helpers of the storage suites. */

/** The fields of a storage-js error that tests compare exactly. */
export function errorFields(error: unknown): Record<string, unknown> | null {
	if (error === null || error === undefined) return null;
	const value = error as {
		name?: unknown;
		message?: unknown;
		status?: unknown;
		statusCode?: unknown;
		code?: unknown;
	};
	return {
		name: value.name,
		message: value.message,
		status: value.status,
		statusCode: value.statusCode,
		code: value.code,
	};
}
