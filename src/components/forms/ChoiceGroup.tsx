import type { ComponentPropsWithRef } from 'react';
import { ErrorList } from './ErrorList.tsx';
import './forms.css';

/** One choice of a group; `hint` is a line under its label. */
export interface Choice {
	value: string;
	label: string;
	hint?: string | undefined;
}

/** A labelled sub-group of choices, e.g. the prefectures of one region. */
export interface ChoiceSubgroup {
	label: string;
	choices: readonly Choice[];
}

/** Props of ChoiceGroup. `input` is spread on every checkbox or radio (e.g. react-hook-form's register). */
export interface ChoiceGroupProps {
	/** The field name; also the id of the group, the target of links from the error summary. */
	name: string;
	type: 'checkbox' | 'radio';
	legend: string;
	hint?: string | undefined;
	/** Choices, or labelled sub-groups of choices. */
	choices: readonly (Choice | ChoiceSubgroup)[];
	/** The values chosen when the page was rendered. */
	checked: readonly string[];
	errors?: readonly string[] | undefined;
	errorPrefix: string;
	/** Lays short choices out in columns (e.g. prefectures). */
	columns?: boolean;
	input?: Omit<ComponentPropsWithRef<'input'>, 'type' | 'value' | 'id'>;
}

/**
 * A fieldset of checkboxes or radios with its legend, hint and errors (GOV.UK pattern). The
 * fieldset carries the field's id and takes focus from the error summary.
 */
export function ChoiceGroup({
	name,
	type,
	legend,
	hint,
	choices,
	checked,
	errors = [],
	errorPrefix,
	columns = false,
	input,
}: ChoiceGroupProps) {
	const hintId = hint ? `${name}-hint` : undefined;
	const errorId = errors.length > 0 ? `${name}-error` : undefined;
	const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
	const list = columns ? 'choices choices-columns' : 'choices';
	const grouped = choices.some((choice) => 'choices' in choice);
	const renderChoice = (choice: Choice) => {
		const id = `${name}-${choice.value}`;
		const choiceHintId = choice.hint ? `${id}-hint` : undefined;
		return (
			<div className="choice" key={choice.value}>
				<input
					className="choice-input"
					id={id}
					type={type}
					name={name}
					value={choice.value}
					defaultChecked={checked.includes(choice.value)}
					aria-describedby={choiceHintId}
					{...input}
				/>
				<label className="choice-label" htmlFor={id}>
					{choice.label}
				</label>
				{choice.hint && (
					<p id={choiceHintId} className="choice-hint field-hint">
						{choice.hint}
					</p>
				)}
			</div>
		);
	};
	return (
		<div className={errors.length > 0 ? 'field field-invalid' : 'field'}>
			<fieldset id={name} className="choice-group" tabIndex={-1} aria-describedby={describedBy}>
				<legend className="field-label">{legend}</legend>
				{hint && (
					<p id={hintId} className="field-hint">
						{hint}
					</p>
				)}
				<ErrorList id={errorId} errors={errors} prefix={errorPrefix} />
				<div className={grouped ? undefined : list}>
					{choices.map((choice) =>
						'choices' in choice ? (
							<div className="choice-subgroup" key={choice.label}>
								<p className="choice-subgroup-label">{choice.label}</p>
								<div className={list}>{choice.choices.map(renderChoice)}</div>
							</div>
						) : (
							renderChoice(choice)
						)
					)}
				</div>
			</fieldset>
		</div>
	);
}
