import type { ComponentPropsWithRef } from 'react';
import { ErrorList } from './ErrorList.tsx';
import './forms.css';

/** Props of CheckboxField: its label and errors, plus any attribute of the checkbox. */
export interface CheckboxFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'id' | 'type'> {
	id: string;
	label: string;
	/** A line under the label. */
	hint?: string | undefined;
	errors?: readonly string[] | undefined;
	errorPrefix: string;
}

/** A single checkbox with its label to the right, e.g. "I passed the JFT-Basic". */
export function CheckboxField({
	id,
	label,
	hint,
	errors = [],
	errorPrefix,
	...input
}: CheckboxFieldProps) {
	const hintId = hint ? `${id}-hint` : undefined;
	const errorId = errors.length > 0 ? `${id}-error` : undefined;
	const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
	return (
		<div className={errors.length > 0 ? 'field field-invalid' : 'field'}>
			<ErrorList id={errorId} errors={errors} prefix={errorPrefix} />
			<div className="choice">
				<input
					className="choice-input"
					id={id}
					type="checkbox"
					aria-invalid={errors.length > 0 ? true : undefined}
					aria-describedby={describedBy}
					{...input}
				/>
				<label className="choice-label" htmlFor={id}>
					{label}
				</label>
				{hint && (
					<p id={hintId} className="choice-hint field-hint">
						{hint}
					</p>
				)}
			</div>
		</div>
	);
}
