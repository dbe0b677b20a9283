import { isActionError, isInputError } from 'astro:actions';
import { isMessageKey, type MessageKey } from '~/i18n/translate.ts';

/** What went wrong with a form post: message keys per field and for the form as a whole. */
export interface FormErrors<F extends string> {
	errors: Partial<Record<F, MessageKey[]>>;
	formError?: MessageKey;
	/** Whether anything went wrong: the page title then starts with "Error:". */
	hasErrors: boolean;
}

/**
 * Reads an action's error as message keys. Input errors go on their fields (an unknown message,
 * such as zod's own, becomes the generic one); an ActionError goes on `fieldOf(key)` when it is
 * about one field, else on the form. Errors that are not Astro's give no errors at all.
 * @param generic the form-level message for an error that is not a known key
 */
export function readFormErrors<F extends string>(
	error: unknown,
	generic: MessageKey,
	fieldOf: (key: MessageKey) => F | undefined = () => undefined
): FormErrors<F> {
	if (isInputError(error)) {
		const errors: Partial<Record<F, MessageKey[]>> = {};
		for (const [field, messages] of Object.entries(error.fields) as [F, string[] | undefined][]) {
			errors[field] = [
				...new Set((messages ?? []).map((m) => (isMessageKey(m) ? m : 'form.error.invalid'))),
			] as MessageKey[];
		}
		return { errors, hasErrors: true };
	}
	if (!isActionError(error)) return { errors: {}, hasErrors: false };
	const key: MessageKey = isMessageKey(error.message) ? error.message : generic;
	const field = fieldOf(key);
	if (field)
		return { errors: { [field]: [key] } as Partial<Record<F, MessageKey[]>>, hasErrors: true };
	return { errors: {}, formError: key, hasErrors: true };
}

/** Largest form body read back to show the input again; bigger ones (file uploads) are not. */
const MAX_REREAD_BYTES = 256 * 1024;

/**
 * The posted form, read again (from a clone) to show the person's input after a failed save, or
 * null when there is none to show: not a POST, not a form, or too big to read twice.
 */
export async function postedFormData(request: Request): Promise<FormData | null> {
	if (request.method !== 'POST' || request.bodyUsed) return null;
	const type = request.headers.get('content-type') ?? '';
	if (!type.startsWith('application/x-www-form-urlencoded')) return null;
	const length = Number(request.headers.get('content-length') ?? NaN);
	if (!Number.isFinite(length) || length > MAX_REREAD_BYTES) return null;
	try {
		return await request.clone().formData();
	} catch {
		return null;
	}
}
