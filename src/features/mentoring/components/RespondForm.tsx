import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { SelectField } from '~/components/forms/SelectField.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import type { IslandFormProps } from '~/features/organisations/components/form-props.ts';
import { DECLINE_REASONS, MENTORING_VALIDATION_VARS } from '../options.ts';
import { ASK_FIELDS, DECLINE_FIELDS } from '../schemas/mentorship.fields.ts';

type RespondField = 'reason' | 'note' | 'question' | 'mentorship_id' | 'response';

/** Props of RespondForm. */
export interface RespondFormProps extends IslandFormProps<RespondField> {
	mentorshipId: string;
	/** Decline (with an optional reason and note), or ask a question before deciding. */
	mode: 'decline' | 'ask_info';
	/** The mentee's name, for the labels. */
	menteeName: string;
}

/** A mentor declines a request, or asks for more information first. Works without JavaScript. */
export default function RespondForm({
	action,
	messages,
	mentorshipId,
	mode,
	menteeName,
	...server
}: RespondFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string, vars: Record<string, string | number> = {}) =>
		translate(key, { ...MENTORING_VALIDATION_VARS, ...vars });
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<RespondField>({
		schema: () => import('../schemas/mentorship.schema.ts').then((m) => m.RespondSchema),
		fields: mode === 'decline' ? DECLINE_FIELDS : ASK_FIELDS,
		t,
		...server,
		values: { ...server.values, mentorship_id: mentorshipId, response: mode },
	});
	const value = (field: RespondField) => {
		const v = server.values?.[field];
		return typeof v === 'string' ? v : '';
	};
	const errorPrefix = t('form.errorPrefix');
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary
				ref={summaryRef}
				title={t('form.errorSummaryTitle')}
				items={summary}
				titleId={`${mode}-errors-title`}
			/>
			<input type="hidden" defaultValue={mentorshipId} {...form.register('mentorship_id')} />
			<input type="hidden" defaultValue={mode} {...form.register('response')} />
			<div className="form-stack form-wide">
				{mode === 'decline' ? (
					<>
						<SelectField
							id="reason"
							label={t('mentoring.field.declineReason')}
							options={[
								{ value: '', label: t('mentoring.form.noReason') },
								...DECLINE_REASONS.map((reason) => ({
									value: reason,
									label: t(`mentoring.form.declineReason.${reason}`),
								})),
							]}
							defaultValue={value('reason')}
							errors={errorsFor('reason')}
							errorPrefix={errorPrefix}
							{...form.register('reason')}
						/>
						<TextareaField
							id="note"
							label={t('mentoring.field.declineNote', { name: menteeName })}
							hint={t('mentoring.field.declineNoteHint')}
							rows={3}
							defaultValue={value('note')}
							errors={errorsFor('note')}
							errorPrefix={errorPrefix}
							{...form.register('note')}
						/>
						<div>
							<button className="button button-secondary" type="submit">
								{t('mentoring.form.decline')}
							</button>
						</div>
					</>
				) : (
					<>
						<TextareaField
							id="question"
							label={t('mentoring.field.question', { name: menteeName })}
							hint={t('mentoring.field.questionHint')}
							rows={3}
							defaultValue={value('question')}
							errors={errorsFor('question')}
							errorPrefix={errorPrefix}
							{...form.register('question')}
						/>
						<div>
							<button className="button button-secondary" type="submit">
								{t('mentoring.form.ask')}
							</button>
						</div>
					</>
				)}
			</div>
		</form>
	);
}
