import type { ComponentPropsWithRef } from 'react';
import { ErrorList } from './ErrorList.tsx';
import './forms.css';

/** Props of TextareaField: its label, hint and errors, plus any attribute of the `<textarea>`. */
export interface TextareaFieldProps extends Omit<ComponentPropsWithRef<'textarea'>, 'id'> {
	/** The textarea's id, also the target of links from the error summary. */
	id: string;
	label: string;
	hint?: string | undefined;
	/** Translated messages; the field is marked invalid when there is at least one. */
	errors?: readonly string[] | undefined;
	/** "Error:", read out before each message. */
	errorPrefix: string;
}

/** A labelled multi-line text input whose hint and errors are wired to it, like Field. */
export function TextareaField({
	id,
	label,
	hint,
	errors = [],
	errorPrefix,
	...textarea
}: TextareaFieldProps) {
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
				<textarea
					id={id}
					className="field-input field-textarea"
					aria-invalid={errors.length > 0 ? true : undefined}
					aria-describedby={describedBy}
					{...textarea}
				/>
			</div>
		</div>
	);
}
