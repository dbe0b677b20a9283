import type { ComponentPropsWithRef, ReactNode } from 'react';
import { ErrorList } from './ErrorList.tsx';
import './forms.css';

/** Props of Field: its label, hint and errors, plus any attribute of the `<input>`. */
export interface FieldProps extends Omit<ComponentPropsWithRef<'input'>, 'id'> {
	/** The input's id, also the target of links from the error summary. */
	id: string;
	label: string;
	hint?: string | undefined;
	/** Translated messages; the field is marked invalid when there is at least one. */
	errors?: readonly string[] | undefined;
	/** "Error:", read out before each message. */
	errorPrefix: string;
	/** Rendered after the input, e.g. a show-password button. */
	after?: ReactNode;
}

/**
 * A labelled input whose hint and errors are wired to it (`aria-describedby`, `aria-invalid`), so
 * every form gets accessible errors without writing them by hand.
 */
export function Field({ id, label, hint, errors = [], errorPrefix, after, ...input }: FieldProps) {
	const hintId = hint ? `${id}-hint` : undefined;
	const errorId = errors.length > 0 ? `${id}-error` : undefined;
	const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
	return (
		<div className={errors.length > 0 ? 'field field-invalid' : 'field'}>
			<label className="field-label" htmlFor={id}>
				{label}
			</label>
			{hint && (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			)}
			<ErrorList id={errorId} errors={errors} prefix={errorPrefix} />
			<div className="field-control">
				<input
					id={id}
					className="field-input"
					aria-invalid={errors.length > 0 ? true : undefined}
					aria-describedby={describedBy}
					{...input}
				/>
				{after}
			</div>
		</div>
	);
}
