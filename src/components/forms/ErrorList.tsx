/** Props of ErrorList. */
export interface ErrorListProps {
	/** Referenced by the field's `aria-describedby`. */
	id: string | undefined;
	/** Translated messages; nothing is rendered when empty. */
	errors: readonly string[];
	/** "Error:", read out before each message so it is not conveyed by colour alone. */
	prefix: string;
}

/** The error messages of one field, shown between its label and its input (GOV.UK pattern). */
export function ErrorList({ id, errors, prefix }: ErrorListProps) {
	if (errors.length === 0) return null;
	return (
		<ul id={id} className="field-errors">
			{errors.map((message) => (
				<li key={message}>
					<span className="visually-hidden">{prefix} </span>
					{message}
				</li>
			))}
		</ul>
	);
}
