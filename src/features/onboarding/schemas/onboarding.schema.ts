import { z } from 'astro/zod';
import { COUNTRY_CODES, MEMBER_KINDS } from '~/features/profiles/options.ts';
import { optionSchema, optionsSchema } from '~/features/profiles/schemas/fields.ts';
import { DisplayNameSchema } from '~/features/profiles/schemas/profile.schema.ts';

/**
 * "Welcome": the person's name, what they are (returnee, in Japan now or preparing to go, mentor,
 * member of a Japanese SME or of a support organisation; several may apply) and, optionally,
 * their home country. The profile's own rules apply to each field.
 */
export const OnboardingSchema = z.object({
	display_name: DisplayNameSchema,
	kinds: optionsSchema(MEMBER_KINDS).refine((kinds) => kinds.length > 0, {
		error: 'onboarding.error.kindsRequired',
	}),
	home_country: optionSchema(COUNTRY_CODES as unknown as [string, ...string[]]),
});

/** The onboarding form's values as the form holds them. */
export type OnboardingInput = z.input<typeof OnboardingSchema>;

export { ONBOARDING_FIELDS, type OnboardingField } from './onboarding.fields.ts';
