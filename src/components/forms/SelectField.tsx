import type { ComponentPropsWithRef } from 'react';
import { ErrorList } from './ErrorList.tsx';
import './forms.css';

/** One choice of a select; `group` puts it under an `<optgroup>` of that label. */
export interface SelectOption {
	value: string;
	label: string;
}

/** A labelled group of options (`<optgroup>`). */
export interface SelectOptionGroup {
	label: string;
	options: readonly SelectOption[];
}

/** Props of SelectField: its label, hint, errors and options, plus any attribute of `<select>`. */
export interface SelectFieldProps extends Omit<ComponentPropsWithRef<'select'>, 'id' | 'children'> {
	/** The select's id, also the target of links from the error summary. */
	id: string;
	label: string;
	hint?: string | undefined;
	/** Options, or groups of options, in the order shown. */
	options: readonly (SelectOption | SelectOptionGroup)[];
	/** Translated messages; the field is marked invalid when there is at least one. */
	errors?: readonly string[] | undefined;
	/** "Error:", read out before each message. */
	errorPrefix: string;
	/** A smaller, inline field, e.g. "Who can see this" under the field it is about. */
	compact?: boolean;
}

/** A labelled `<select>` whose hint and errors are wired to it, like Field. */
export function SelectField({
	id,
	label,
	hint,
	options,
	errors = [],
	errorPrefix,
	compact = false,
	...select
}: SelectFieldProps) {
	const hintId = hint ? `${id}-hint` : undefined;
	const errorId = errors.length > 0 ? `${id}-error` : undefined;
	const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
	const classes = [
		'field',
		compact ? 'field-compact' : '',
		errors.length > 0 ? 'field-invalid' : '',
	]
		.filter(Boolean)
		.join(' ');
	return (
		<div className={classes}>
			<label className="field-label" htmlFor={id}>
				{label}
			</label>
			{hint && (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			)}
			<ErrorList id={errorId} errors={errors} prefix={errorPrefix} />
			<select
				id={id}
				className="field-select"
				aria-invalid={errors.length > 0 ? true : undefined}
				aria-describedby={describedBy}
				{...select}
			>
				{options.map((option) =>
					'options' in option ? (
						<optgroup key={option.label} label={option.label}>
							{option.options.map((o) => (
								<option key={o.value} value={o.value}>
									{o.label}
								</option>
							))}
						</optgroup>
					) : (
						<option key={option.value} value={option.value}>
							{option.label}
						</option>
					)
				)}
			</select>
		</div>
	);
}
