import { z } from 'astro/zod';
import { CheckboxSchema } from '~/features/profiles/schemas/fields.ts';
import { MESSAGE_EMAILS, UNSUBSCRIBE_KINDS } from '../options.ts';

/** The email settings form (`notification_preferences`, the caller's own row). */
export const PreferencesSchema = z.object({
	email_requests: CheckboxSchema,
	email_answers: CheckboxSchema,
	email_messages: z.enum(MESSAGE_EMAILS, { error: 'mentoring.error.choose' }),
	email_expiry: CheckboxSchema,
	/** Joint-venture emails (stall reminders): their own switch, in the same settings. */
	email_ventures: CheckboxSchema,
});
export type PreferencesValues = z.infer<typeof PreferencesSchema>;

/** An unsubscribe link: its token, and what it turns off (everything when unknown or missing). */
export const UnsubscribeSchema = z.object({
	token: z.uuid({ error: 'mentoring.error.unsubscribeInvalid' }),
	kind: z.preprocess(
		(value) => (typeof value === 'string' && value !== '' ? value : 'all'),
		z.enum(UNSUBSCRIBE_KINDS, { error: 'mentoring.error.unsubscribeInvalid' })
	),
});
export type UnsubscribeValues = z.infer<typeof UnsubscribeSchema>;
