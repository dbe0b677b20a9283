/**
 * The onboarding form's fields in page order. No zod here: islands import this with the page and load
 * their schema only when it is needed (ADR 015).
 */

/** The onboarding form's fields, in page order. */
export const ONBOARDING_FIELDS = ['display_name', 'kinds', 'home_country'] as const;

export type OnboardingField = (typeof ONBOARDING_FIELDS)[number];
