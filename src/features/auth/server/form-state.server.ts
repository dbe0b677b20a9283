import { isActionError, isInputError } from 'astro:actions';
import { rateLimitMinutes } from '~/features/audit/server/rate-limit.server.ts';
import type { MessageVars } from '~/i18n/interpolate.ts';
import { isMessageKey, type MessageKey } from '~/i18n/translate.ts';
import { AUTH_ERROR_FIELDS } from './errors.server.ts';

/** How a form page is rendered after its action failed: what to show again, and what went wrong. */
export interface FormState<F extends string> {
	/** The submitted values of the fields asked for (never pass a password field). */
	values: Partial<Record<F, string>>;
	/** Message keys per field. */
	errors: Partial<Record<F, MessageKey[]>>;
	/** A message key about the form as a whole. */
	formError?: MessageKey;
	/** Values for the placeholders of `formError`, e.g. the minutes to wait after too many attempts. */
	formErrorVars?: MessageVars;
	/** Whether anything went wrong: the page title then starts with "Error:". */
	hasErrors: boolean;
}

/**
 * Reads a failed form post back for its page: the input to keep (read from the request body
 * again) and the action's errors as message keys. An error that is not a known key, such as
 * Astro's own "unsupported media type", becomes the generic message.
 * @param keep the fields whose values may be shown again
 */
export async function readFormState<F extends string>(
	request: Request,
	error: unknown,
	keep: readonly F[]
): Promise<FormState<F>> {
	// An input error is not an `isActionError()`: Astro gives it a type of its own.
	if (!isActionError(error) && !isInputError(error)) {
		return { values: {}, errors: {}, hasErrors: false };
	}
	const values = await submittedValues(request, keep);
	const errors: Partial<Record<F, MessageKey[]>> = {};

	if (isInputError(error)) {
		for (const [field, messages] of Object.entries(error.fields) as [F, string[] | undefined][]) {
			errors[field] = (messages ?? []).map((m) => (isMessageKey(m) ? m : 'form.error.invalid'));
		}
		return { values, errors, hasErrors: true };
	}

	const minutes = rateLimitMinutes(error.message);
	if (minutes !== null) {
		return {
			values,
			errors,
			formError: 'audit.rateLimited.auth',
			formErrorVars: { minutes },
			hasErrors: true,
		};
	}
	const key: MessageKey = isMessageKey(error.message) ? error.message : 'auth.error.generic';
	const field = AUTH_ERROR_FIELDS[key as keyof typeof AUTH_ERROR_FIELDS] as F | undefined;
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
			const value = data.get(field);
			if (typeof value === 'string') values[field] = value;
		}
	} catch {
		// Not a form body (e.g. a JSON post): there is nothing to show again.
	}
	return values;
}
