import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { VENTURE_VALIDATION_VARS } from '../options.ts';
import { MESSAGE_FIELDS, MessageSchema } from '../schemas/pipeline.schema.ts';
import type { IslandFormProps } from './form-props.ts';

/** Props of MessageForm. */
export interface MessageFormProps extends IslandFormProps<'body' | 'interest_id'> {
	interestId: string;
	/** A line under the label: who reads the conversation. */
	hint: string;
}

/** Writes a message in a pipeline's conversation. Works without JavaScript. */
export default function MessageForm({
	action,
	messages,
	interestId,
	hint,
	...server
}: MessageFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, VENTURE_VALIDATION_VARS);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		'body' | 'interest_id'
	>({
		schema: MessageSchema,
		fields: MESSAGE_FIELDS,
		t,
		...server,
		values: { ...server.values, interest_id: interestId },
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
			<input type="hidden" defaultValue={interestId} {...form.register('interest_id')} />
			<div className="form-stack form-wide">
				<TextareaField
					id="body"
					label={t('ventures.field.body')}
					hint={hint}
					rows={5}
					defaultValue={typeof body === 'string' ? body : ''}
					errors={errorsFor('body')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('body')}
				/>
				<div>
					<button className="button" type="submit">
						{t('ventures.form.send')}
					</button>
				</div>
			</div>
		</form>
	);
}
