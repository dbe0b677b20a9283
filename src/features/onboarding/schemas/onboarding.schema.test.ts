import { describe, expect, test } from 'vitest';
import { OnboardingSchema } from './onboarding.schema.ts';

const fields = (input: Record<string, unknown>) =>
	Object.fromEntries(
		(OnboardingSchema.safeParse(input).error?.issues ?? []).map((i) => [
			String(i.path[0]),
			i.message,
		])
	);

describe('OnboardingSchema', () => {
	test('takes a name, one or more kinds and an optional country', () => {
		expect(
			OnboardingSchema.parse({
				display_name: ' Budi ',
				kinds: ['returnee', 'mentor'],
				home_country: '',
			})
		).toEqual({ display_name: 'Budi', kinds: ['returnee', 'mentor'], home_country: null });
	});

	test('asks for a name and at least one kind', () => {
		expect(fields({ display_name: '', kinds: [], home_country: null })).toEqual({
			display_name: 'profiles.error.displayNameRequired',
			kinds: 'onboarding.error.kindsRequired',
		});
	});

	test('refuses kinds and countries that do not exist', () => {
		expect(fields({ display_name: 'Budi', kinds: ['staff'], home_country: 'ZZ' })).toEqual({
			kinds: 'profiles.error.choose',
			home_country: 'profiles.error.choose',
		});
	});
});
