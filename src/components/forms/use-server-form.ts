import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'astro/zod';
import type { SummaryItem } from './ErrorSummary.tsx';

/** A field's value as a form holds it: text, a ticked checkbox, or the values of a checkbox group. */
export type FormValue = string | boolean | readonly string[];

/** What the server rendered the form with after a failed post (see `readFormState()`). */
export interface ServerFormState<F extends string, V extends FormValue = string> {
	/** The input to show again; never a password. */
	values?: Partial<Record<F, V>> | undefined;
	/** Message keys per field. */
	errors?: Partial<Record<F, string[]>> | undefined;
	/** A message key about the form as a whole. */
	formError?: string | undefined;
}

/**
 * Loads a form's zod schema, e.g. `() => import('../schemas/x.schema.ts').then((m) => m.XSchema)`.
 * Islands import their schema this way so that zod is not part of the page's first load (ADR 015).
 */
export type SchemaLoader = () => Promise<z.ZodObject>;

/** Options of useServerForm. */
export interface ServerFormOptions<F extends string> extends ServerFormState<F, FormValue> {
	/** Loads the form's zod schema: the same one the Astro Action validates with. */
	schema: SchemaLoader;
	/** The validated fields in page order: the order of the error summary. */
	fields: readonly F[];
	/** Translates a message key. */
	t: (key: string) => string;
}

/**
 * react-hook-form for a form that posts to an Astro Action. The browser checks the input with the
 * form's schema first; when it passes, the form is submitted natively, so the server does exactly
 * what it does without JavaScript (sets cookies, redirects) and shows its own errors.
 * The schema (and zod with it) is loaded when someone first touches the form, not with the page;
 * if it cannot be loaded, the form is submitted unchecked and the server checks it.
 * Returns the form, the submit handler, and the errors to show: the server's until the first
 * attempt in the browser, then the browser's.
 */
export function useServerForm<F extends string>({
	schema,
	fields,
	values,
	errors: serverErrors,
	formError: serverFormError,
	t,
}: ServerFormOptions<F>) {
	const formRef = useRef<HTMLFormElement>(null);
	const summaryRef = useRef<HTMLDivElement>(null);
	const [attempts, setAttempts] = useState(0);
	// Set when the summary should take focus once it is on screen: after the server answered with
	// errors (on hydration), and after each failed attempt in the browser.
	const focusSummary = useRef(Boolean(serverFormError) || hasAny(serverErrors));
	const resolver = useRef<Promise<Resolver<FieldValues> | undefined>>(undefined);
	const loadResolver = () =>
		// zod-jitless first: zod reads the setting as each schema is built, i.e. as its module loads.
		(resolver.current ??= import('./zod-jitless.ts')
			.then(() => schema())
			.then(
				(loaded) => zodResolver(loaded) as Resolver<FieldValues>,
				// Offline or a stale deploy: the server validates with the same schema.
				() => undefined
			));
	const form = useForm<FieldValues>({
		resolver: async (values, context, options) => {
			const resolve = await loadResolver();
			return resolve ? resolve(values, context, options) : { values, errors: {} };
		},
		defaultValues: values ?? {},
		mode: 'onSubmit',
		reValidateMode: 'onSubmit',
		// The error summary takes focus instead, as in the GOV.UK pattern.
		shouldFocusError: false,
	});

	useEffect(() => {
		// Fetch the schema while the person fills the form in, so that submitting does not wait.
		const element = formRef.current;
		if (!element) return;
		const load = () => void loadResolver();
		const events = ['focusin', 'pointerdown'] as const;
		for (const event of events) element.addEventListener(event, load, { once: true });
		return () => {
			for (const event of events) element.removeEventListener(event, load);
		};
		// Once per form: loadResolver keeps the first load in a ref.
	}, []);

	useEffect(() => {
		// Runs after every render: the errors of a failed attempt arrive a render after the attempt.
		if (focusSummary.current && summaryRef.current) {
			summaryRef.current.focus();
			focusSummary.current = false;
		}
	});

	const clientErrors = form.formState.errors;
	const errorsFor = (field: F): string[] => {
		if (attempts === 0) return (serverErrors?.[field] ?? []).map(t);
		const message = clientErrors[field]?.message;
		return typeof message === 'string' ? [t(message)] : [];
	};
	const formError = attempts === 0 && serverFormError ? t(serverFormError) : undefined;
	const firstField = fields[0] ?? '';
	const summary: SummaryItem[] = [
		...(formError ? [{ message: formError, target: firstField }] : []),
		...fields.flatMap((field) => errorsFor(field).map((message) => ({ message, target: field }))),
	];

	const onSubmit = form.handleSubmit(
		() => formRef.current?.submit(),
		() => {
			focusSummary.current = true;
			setAttempts((n) => n + 1);
		}
	);

	return { form, formRef, summaryRef, onSubmit, errorsFor, summary };
}

function hasAny(errors: Partial<Record<string, string[]>> | undefined): boolean {
	return Object.values(errors ?? {}).some((messages) => (messages?.length ?? 0) > 0);
}
