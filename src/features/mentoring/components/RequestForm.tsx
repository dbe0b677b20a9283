import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { SelectField, type SelectOption } from '~/components/forms/SelectField.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import type { IslandFormProps } from '~/features/organisations/components/form-props.ts';
import { MENTORING_VALIDATION_VARS } from '../options.ts';
import { REQUEST_FIELDS, type RequestField } from '../schemas/mentorship.fields.ts';

/** Props of RequestForm. */
export interface RequestFormProps extends IslandFormProps<RequestField | 'mentor_id'> {
	mentorId: string;
	/** The mentor's name, for the labels. */
	mentorName: string;
	/** The topics, translated; the mentor's own first. */
	topics: SelectOption[];
}

/** Asks a mentor for mentoring: a topic, a one-line goal and a first message. Works without JavaScript. */
export default function RequestForm({
	action,
	messages,
	mentorId,
	mentorName,
	topics,
	...server
}: RequestFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string, vars: Record<string, string | number> = {}) =>
		translate(key, { ...MENTORING_VALIDATION_VARS, ...vars });
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		RequestField | 'mentor_id'
	>({
		schema: () => import('../schemas/mentorship.schema.ts').then((m) => m.RequestSchema),
		fields: REQUEST_FIELDS,
		t,
		...server,
		values: { ...server.values, mentor_id: mentorId },
	});
	const value = (field: RequestField) => {
		const v = server.values?.[field];
		return typeof v === 'string' ? v : '';
	};
	const errorPrefix = t('form.errorPrefix');
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			<input type="hidden" defaultValue={mentorId} {...form.register('mentor_id')} />
			<div className="form-stack form-wide">
				<SelectField
					id="topic"
					label={t('mentoring.field.topic')}
					options={[{ value: '', label: t('mentoring.form.chooseTopic') }, ...topics]}
					defaultValue={value('topic')}
					errors={errorsFor('topic')}
					errorPrefix={errorPrefix}
					{...form.register('topic')}
				/>
				<Field
					id="goal"
					label={t('mentoring.field.goal')}
					hint={t('mentoring.field.goalHint')}
					defaultValue={value('goal')}
					errors={errorsFor('goal')}
					errorPrefix={errorPrefix}
					{...form.register('goal')}
				/>
				<TextareaField
					id="message"
					label={t('mentoring.field.message', { name: mentorName })}
					hint={t('mentoring.field.messageHint')}
					rows={8}
					defaultValue={value('message')}
					errors={errorsFor('message')}
					errorPrefix={errorPrefix}
					{...form.register('message')}
				/>
				<div>
					<button className="button" type="submit">
						{t('mentoring.form.sendRequest')}
					</button>
				</div>
			</div>
		</form>
	);
}
