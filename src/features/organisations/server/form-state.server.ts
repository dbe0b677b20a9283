import { isActionError, isInputError } from 'astro:actions';
import { isMessageKey, type MessageKey } from '~/i18n/translate.ts';

/** How a form page is rendered after its action failed: what to show again, and what went wrong. */
export interface FormState<F extends string> {
	/** The submitted text of the fields asked for; files cannot be shown again. */
	values: Partial<Record<F, string>>;
	/** Message keys per field. */
	errors: Partial<Record<F, MessageKey[]>>;
	/** A message key about the form as a whole. */
	formError?: MessageKey;
	/** Whether anything went wrong: the page title then starts with "Error:". */
	hasErrors: boolean;
}

/** How to read a form's failures. */
export interface FormStateOptions<F extends string> {
	/** The field an action's error key is about, so it shows next to that field. */
	fieldOf?: (key: MessageKey) => F | undefined;
	/** Where "the upload is too large" goes when the post was refused before it was read. */
	tooLarge?: { field: F; key: MessageKey };
	/** The message for a failure that is not a known key. */
	fallback: MessageKey;
}

/**
 * Reads a failed form post back for its page: the input to keep (read from the request body again)
 * and the action's errors as message keys. A post refused for its size (413) gets the upload field's
 * "too large" message, and keeps the other input too.
 * @param keep the fields whose values may be shown again
 */
export async function readFormState<F extends string>(
	request: Request,
	error: unknown,
	keep: readonly F[],
	options: FormStateOptions<F>
): Promise<FormState<F>> {
	if (!isActionError(error) && !isInputError(error)) {
		return { values: {}, errors: {}, hasErrors: false };
	}
	const values = await submittedValues(request, keep);
	const errors: Partial<Record<F, MessageKey[]>> = {};

	if (isInputError(error)) {
		for (const [field, messages] of Object.entries(error.fields) as [F, string[] | undefined][]) {
			const keys = (messages ?? []).map((m) => (isMessageKey(m) ? m : 'form.error.invalid'));
			// Zod can report the same problem twice (a field check and a form-wide rule).
			errors[field] = [...new Set(keys)];
		}
		return { values, errors, hasErrors: true };
	}

	if (error.code === 'CONTENT_TOO_LARGE' && options.tooLarge) {
		errors[options.tooLarge.field] = [options.tooLarge.key];
		return { values, errors, hasErrors: true };
	}
	const key: MessageKey = isMessageKey(error.message) ? error.message : options.fallback;
	const field = options.fieldOf?.(key);
	if (field) {
		errors[field] = [key];
		return { values, errors, hasErrors: true };
	}
	return { values, errors, formError: key, hasErrors: true };
}

async function submittedValues<F extends string>(
	request: Request,
	keep: readonly F[]
): Promise<Partial<Record<F, string>>> {
	const values: Partial<Record<F, string>> = {};
	if (request.method !== 'POST' || request.bodyUsed) return values;
	try {
		// A clone: the React renderer reads the body too (for React's form actions).
		const data = await request.clone().formData();
		for (const field of keep) {
			const all = data.getAll(field).filter((v): v is string => typeof v === 'string');
			// Checkbox lists come back as several values; the page splits them again.
			if (all.length > 0) values[field] = all.join('\n');
		}
	} catch {
		// Not a form body (e.g. a JSON post): there is nothing to show again.
	}
	return values;
}
