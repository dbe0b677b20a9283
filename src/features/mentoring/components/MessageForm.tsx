import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import type { IslandFormProps } from '~/features/organisations/components/form-props.ts';
import { MENTORING_VALIDATION_VARS } from '../options.ts';
import { MESSAGE_FIELDS, MessageSchema } from '../schemas/mentorship.schema.ts';

/** Props of MessageForm. */
export interface MessageFormProps extends IslandFormProps<'body' | 'mentorship_id'> {
	mentorshipId: string;
	/** A line under the label, e.g. "Answer the question to send your request back". */
	hint: string;
}

/** Writes a message in a mentorship's thread. Works without JavaScript. */
export default function MessageForm({
	action,
	messages,
	mentorshipId,
	hint,
	...server
}: MessageFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, MENTORING_VALIDATION_VARS);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		'body' | 'mentorship_id'
	>({
		schema: MessageSchema,
		fields: MESSAGE_FIELDS,
		t,
		...server,
		values: { ...server.values, mentorship_id: mentorshipId },
	});
	const body = server.values?.body;
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary
				ref={summaryRef}
				title={t('form.errorSummaryTitle')}
				items={summary}
				titleId="message-errors-title"
			/>
			<input type="hidden" defaultValue={mentorshipId} {...form.register('mentorship_id')} />
			<div className="form-stack form-wide">
				<TextareaField
					id="body"
					label={t('mentoring.field.body')}
					hint={hint}
					rows={5}
					defaultValue={typeof body === 'string' ? body : ''}
					errors={errorsFor('body')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('body')}
				/>
				<div>
					<button className="button" type="submit">
						{t('mentoring.form.send')}
					</button>
				</div>
			</div>
		</form>
	);
}
