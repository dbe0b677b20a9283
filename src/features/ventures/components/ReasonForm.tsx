import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { SelectField } from '~/components/forms/SelectField.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { CLOSE_REASONS, VENTURE_VALIDATION_VARS } from '../options.ts';
import { CLOSE_FIELDS, type CloseField } from '../schemas/pipeline.fields.ts';
import type { IslandFormProps } from './form-props.ts';

/** Props of ReasonForm. */
export interface ReasonFormProps extends IslandFormProps<CloseField | 'interest_id' | 'response'> {
	interestId: string;
	/** `decline`: answer an interest with no; `close`: end a pipeline at any open stage. */
	mode: 'decline' | 'close';
}

/**
 * Declines an interest or closes a pipeline, with a reason from a list and an optional note the
 * other side reads. Works without JavaScript.
 */
export default function ReasonForm({
	action,
	messages,
	interestId,
	mode,
	...server
}: ReasonFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, VENTURE_VALIDATION_VARS);
	const decline = mode === 'decline';
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		CloseField | 'interest_id' | 'response'
	>({
		schema: () =>
			import('../schemas/pipeline.schema.ts').then((m) =>
				decline ? m.RespondSchema : m.CloseSchema
			),
		fields: CLOSE_FIELDS,
		t,
		...server,
		values: {
			...server.values,
			interest_id: interestId,
			...(decline ? { response: 'decline' } : {}),
		},
	});
	const value = (field: CloseField) => {
		const v = server.values?.[field];
		return typeof v === 'string' ? v : '';
	};
	const errorPrefix = t('form.errorPrefix');
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary
				ref={summaryRef}
				title={t('form.errorSummaryTitle')}
				items={summary.map((item) => ({ ...item, target: `${mode}-${item.target}` }))}
				titleId={`${mode}-errors-title`}
			/>
			<input type="hidden" defaultValue={interestId} {...form.register('interest_id')} />
			{decline && <input type="hidden" defaultValue="decline" {...form.register('response')} />}
			<div className="form-stack form-wide">
				<SelectField
					id={`${mode}-reason`}
					label={t('ventures.field.reason')}
					options={[
						{ value: '', label: t('ventures.form.choose') },
						...CLOSE_REASONS.map((reason) => ({
							value: reason,
							label: t(`ventures.form.closeReason.${reason}`),
						})),
					]}
					defaultValue={value('reason')}
					errors={errorsFor('reason')}
					errorPrefix={errorPrefix}
					{...form.register('reason')}
				/>
				<TextareaField
					id={`${mode}-note`}
					label={t('ventures.field.closeNote')}
					hint={t('ventures.field.closeNoteHint')}
					rows={3}
					defaultValue={value('note')}
					errors={errorsFor('note')}
					errorPrefix={errorPrefix}
					{...form.register('note')}
				/>
				<div>
					<button className="button button-warning" type="submit">
						{t(decline ? 'ventures.form.decline' : 'ventures.form.closePipeline')}
					</button>
				</div>
			</div>
		</form>
	);
}
