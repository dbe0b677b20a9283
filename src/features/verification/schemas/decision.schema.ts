import { z } from 'astro/zod';
import { textSchema } from '~/features/profiles/schemas/fields.ts';
import { VERIFICATION_LIMITS as L } from '../options.ts';

/** Staff decide a request: approve it, or reject it with a reason the requester will read. */
export const DecisionSchema = z
	.object({
		request_id: z.uuid({ error: 'verification.error.notFound' }),
		decision: z.preprocess(
			(value) => (value === '' ? null : value),
			z.enum(['approved', 'rejected'], { error: 'verification.error.decisionRequired' })
		),
		reason: textSchema(L.reasonMax, 'verification.error.reasonTooLong'),
	})
	.superRefine((value, ctx) => {
		if (value.decision === 'rejected' && !value.reason) {
			ctx.addIssue({
				code: 'custom',
				path: ['reason'],
				message: 'verification.error.reasonRequired',
			});
		}
	});

export { DECISION_FIELDS } from './decision.fields.ts';
