/** The message prefixes the verification form islands need. */
export const VERIFICATION_FORM_MESSAGES = [
	'form.',
	'verification.field.',
	'verification.form.',
	'verification.error.',
	'organisations.field.corporateNumber',
	'organisations.error.',
	'profiles.error.',
];
