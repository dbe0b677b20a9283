import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { VENTURE_VALIDATION_VARS, type MilestoneStep } from '../options.ts';
import { MILESTONE_FIELDS, type MilestoneField } from '../schemas/pipeline.fields.ts';
import type { IslandFormProps } from './form-props.ts';

/** Props of MilestoneForm. */
export interface MilestoneFormProps extends IslandFormProps<
	MilestoneField | 'interest_id' | 'stage'
> {
	interestId: string;
	/** The only step that may be logged: the next one. */
	step: MilestoneStep;
	/** The step's name, translated. */
	stepLabel: string;
	/** Today (UTC), `YYYY-MM-DD`: the date input's default and latest day. */
	today: string;
}

/**
 * Logs the next step of a pipeline: it says which step, and asks when it happened and for a note.
 * The step is fixed, so no step can be skipped from here (the database refuses a crafted one).
 */
export default function MilestoneForm({
	action,
	messages,
	interestId,
	step,
	stepLabel,
	today,
	...server
}: MilestoneFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string, vars: Record<string, string | number> = {}) =>
		translate(key, { ...VENTURE_VALIDATION_VARS, ...vars });
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		MilestoneField | 'interest_id' | 'stage'
	>({
		schema: () => import('../schemas/pipeline.schema.ts').then((m) => m.MilestoneSchema),
		fields: MILESTONE_FIELDS,
		t,
		...server,
		values: { happened_on: today, ...server.values, interest_id: interestId, stage: step },
	});
	const value = (field: MilestoneField) => {
		const v = server.values?.[field];
		return typeof v === 'string' ? v : undefined;
	};
	const errorPrefix = t('form.errorPrefix');
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary
				ref={summaryRef}
				title={t('form.errorSummaryTitle')}
				items={summary}
				titleId="milestone-errors-title"
			/>
			<input type="hidden" defaultValue={interestId} {...form.register('interest_id')} />
			<input type="hidden" defaultValue={step} {...form.register('stage')} />
			<div className="form-stack form-wide">
				<p className="next-step">
					<strong>{t('ventures.field.nextStep', { step: stepLabel })}</strong>
				</p>
				<Field
					id="happened_on"
					type="date"
					label={t('ventures.field.happened_on')}
					hint={t('ventures.field.happened_onHint')}
					max={today}
					defaultValue={value('happened_on') ?? today}
					errors={errorsFor('happened_on')}
					errorPrefix={errorPrefix}
					{...form.register('happened_on')}
				/>
				<TextareaField
					id="note"
					label={t('ventures.field.milestoneNote')}
					hint={t('ventures.field.milestoneNoteHint')}
					rows={3}
					defaultValue={value('note')}
					errors={errorsFor('note')}
					errorPrefix={errorPrefix}
					{...form.register('note')}
				/>
				<div>
					<button className="button" type="submit">
						{t('ventures.form.logStep', { step: stepLabel })}
					</button>
				</div>
			</div>
		</form>
	);
}
