/** The message prefixes the mentoring form islands need. */
export const MENTORING_FORM_MESSAGES = [
	'form.',
	'mentoring.field.',
	'mentoring.form.',
	'mentoring.error.',
	'mentoring.outcome.',
	'profiles.error.',
];
