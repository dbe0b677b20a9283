import { z } from 'astro/zod';
import type { MessageKey } from '~/i18n/translate.ts';
import { PASSWORD_MIN_LENGTH, PASSWORD_MAX_BYTES, EMAIL_MAX_LENGTH } from './limits.ts';

// Messages are catalog keys, translated where they are shown, so one schema serves every locale.
const message = (key: MessageKey) => ({ error: key });
// An empty answer gets one message ("enter …"), not every rule it also breaks.
const required = (key: MessageKey) => ({ error: key, abort: true });

/** An email address: trimmed and lower-cased, as GoTrue stores it. */
export const EmailSchema = z
	.string(message('form.error.emailRequired'))
	.trim()
	.min(1, required('form.error.emailRequired'))
	.max(EMAIL_MAX_LENGTH, message('form.error.emailTooLong'))
	.pipe(z.email(message('form.error.emailInvalid')))
	.transform((email) => email.toLowerCase());

/** The password of an existing account: only required; its rules were checked when it was set. */
export const CurrentPasswordSchema = z
	.string(message('form.error.passwordRequired'))
	.min(1, required('form.error.passwordRequired'));

/** A password being chosen: PASSWORD_MIN_LENGTH characters or more, PASSWORD_MAX_BYTES at most. */
export const NewPasswordSchema = z
	.string(message('form.error.newPasswordRequired'))
	.min(1, required('form.error.newPasswordRequired'))
	.min(PASSWORD_MIN_LENGTH, message('form.error.passwordTooShort'))
	.refine(
		(password) => new TextEncoder().encode(password).length <= PASSWORD_MAX_BYTES,
		message('form.error.passwordTooLong')
	);

export {
	PASSWORD_MIN_LENGTH,
	PASSWORD_MAX_BYTES,
	EMAIL_MAX_LENGTH,
	VALIDATION_VARS,
} from './limits.ts';
