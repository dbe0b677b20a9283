import { useEffect, useState } from 'react';
import { Field, type FieldProps } from './Field.tsx';

/** Props of PasswordField: those of Field plus the toggle's translated labels. */
export interface PasswordFieldProps extends Omit<FieldProps, 'type' | 'after'> {
	showLabel: string;
	hideLabel: string;
	/** Announced when the password becomes visible / hidden. */
	shownStatus: string;
	hiddenStatus: string;
}

/**
 * A password input with a show/hide button. The button appears only once the island is running:
 * without JavaScript it could not work, so it is not offered.
 */
export function PasswordField({
	showLabel,
	hideLabel,
	shownStatus,
	hiddenStatus,
	...field
}: PasswordFieldProps) {
	const [interactive, setInteractive] = useState(false);
	const [visible, setVisible] = useState(false);
	const [toggled, setToggled] = useState(false);
	useEffect(() => setInteractive(true), []);

	const toggle = interactive && (
		<>
			<button
				type="button"
				className="field-toggle"
				aria-controls={field.id}
				onClick={() => {
					setVisible((v) => !v);
					setToggled(true);
				}}
			>
				{visible ? hideLabel : showLabel}
			</button>
			<span className="visually-hidden" aria-live="polite">
				{toggled ? (visible ? shownStatus : hiddenStatus) : ''}
			</span>
		</>
	);

	return (
		<Field
			{...field}
			type={visible ? 'text' : 'password'}
			autoCapitalize="none"
			autoCorrect="off"
			spellCheck={false}
			after={toggle}
		/>
	);
}
