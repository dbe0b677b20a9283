import { ChoiceGroup } from '~/components/forms/ChoiceGroup.tsx';
import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import type { IslandFormProps } from '~/features/organisations/components/form-props.ts';
import { VERIFICATION_VALIDATION_VARS } from '../options.ts';
import { DECISION_FIELDS } from '../schemas/decision.fields.ts';

/** Props of DecisionForm. */
export interface DecisionFormProps extends IslandFormProps<'decision' | 'reason' | 'request_id'> {
	requestId: string;
}

/** Staff approve a request, or reject it with a reason the requester will read. */
export default function DecisionForm({
	action,
	messages,
	requestId,
	...server
}: DecisionFormProps) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		'decision' | 'reason' | 'request_id'
	>({
		schema: () => import('../schemas/decision.schema.ts').then((m) => m.DecisionSchema),
		fields: DECISION_FIELDS,
		t: (key) => t(key, VERIFICATION_VALIDATION_VARS),
		...server,
		values: { ...server.values, request_id: requestId },
	});
	const decision = server.values?.decision;
	const reason = server.values?.reason;
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			<input type="hidden" defaultValue={requestId} {...form.register('request_id')} />
			<div className="form-stack form-wide">
				<ChoiceGroup
					name="decision"
					type="radio"
					legend={t('verification.field.decision')}
					choices={[
						{
							value: 'approved',
							label: t('verification.form.approve'),
							hint: t('verification.form.approveHint'),
						},
						{
							value: 'rejected',
							label: t('verification.form.reject'),
							hint: t('verification.form.rejectHint'),
						},
					]}
					checked={typeof decision === 'string' ? [decision] : []}
					errors={errorsFor('decision')}
					errorPrefix={t('form.errorPrefix')}
					input={form.register('decision')}
				/>
				<TextareaField
					id="reason"
					label={t('verification.field.reason')}
					hint={t('verification.field.reasonHint', VERIFICATION_VALIDATION_VARS)}
					rows={5}
					defaultValue={typeof reason === 'string' ? reason : undefined}
					errors={errorsFor('reason')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('reason')}
				/>
				<button className="button" type="submit">
					{t('verification.form.decide')}
				</button>
			</div>
		</form>
	);
}
