import { ChoiceGroup } from '~/components/forms/ChoiceGroup.tsx';
import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { SelectField } from '~/components/forms/SelectField.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import type { IslandFormProps } from '~/features/organisations/components/form-props.ts';
import { GOALS_MET, MENTORING_VALIDATION_VARS, OUTCOMES, USEFUL_SCORES } from '../options.ts';
import { FEEDBACK_FIELDS, type FeedbackField } from '../schemas/mentorship.fields.ts';

/** Props of FeedbackForm. */
export interface FeedbackFormProps extends IslandFormProps<FeedbackField | 'mentorship_id'> {
	mentorshipId: string;
}

/** Private feedback after a completed mentorship. Works without JavaScript. */
export default function FeedbackForm({
	action,
	messages,
	mentorshipId,
	...server
}: FeedbackFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, MENTORING_VALIDATION_VARS);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		FeedbackField | 'mentorship_id'
	>({
		schema: () => import('../schemas/mentorship.schema.ts').then((m) => m.FeedbackSchema),
		fields: FEEDBACK_FIELDS,
		t,
		...server,
		values: { ...server.values, mentorship_id: mentorshipId },
	});
	const value = (field: FeedbackField) => {
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
				titleId="feedback-errors-title"
			/>
			<input type="hidden" defaultValue={mentorshipId} {...form.register('mentorship_id')} />
			<div className="form-stack form-wide">
				<ChoiceGroup
					name="useful"
					type="radio"
					legend={t('mentoring.field.useful')}
					hint={t('mentoring.field.usefulHint')}
					choices={USEFUL_SCORES.map((score) => ({
						value: score,
						label: t(`mentoring.form.useful.${score}`),
					}))}
					checked={[value('useful')]}
					errors={errorsFor('useful')}
					errorPrefix={errorPrefix}
					input={form.register('useful')}
				/>
				<ChoiceGroup
					name="goals_met"
					type="radio"
					legend={t('mentoring.field.goalsMet')}
					choices={GOALS_MET.map((answer) => ({
						value: answer,
						label: t(`mentoring.form.goalsMet.${answer}`),
					}))}
					checked={[value('goals_met')]}
					errors={errorsFor('goals_met')}
					errorPrefix={errorPrefix}
					input={form.register('goals_met')}
				/>
				<SelectField
					id="outcome"
					label={t('mentoring.field.outcome')}
					options={[
						{ value: '', label: t('mentoring.form.chooseOutcome') },
						...OUTCOMES.map((outcome) => ({
							value: outcome,
							label: t(`mentoring.outcome.${outcome}`),
						})),
					]}
					defaultValue={value('outcome')}
					errors={errorsFor('outcome')}
					errorPrefix={errorPrefix}
					{...form.register('outcome')}
				/>
				<TextareaField
					id="comment"
					label={t('mentoring.field.comment')}
					hint={t('mentoring.field.commentHint')}
					rows={4}
					defaultValue={value('comment')}
					errors={errorsFor('comment')}
					errorPrefix={errorPrefix}
					{...form.register('comment')}
				/>
				<div>
					<button className="button" type="submit">
						{t('mentoring.form.sendFeedback')}
					</button>
				</div>
			</div>
		</form>
	);
}
