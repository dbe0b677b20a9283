import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator, type IslandMessages } from '~/components/forms/messages.ts';
import {
	useServerForm,
	type SchemaLoader,
	type ServerFormState,
} from '~/components/forms/use-server-form.ts';
import type { MessageVars } from '~/i18n/interpolate.ts';

/** Props of MessageForm. `K` is the hidden field naming the conversation, e.g. `mentorship_id`. */
export interface MessageFormProps<K extends string> extends ServerFormState<'body' | K> {
	/** The form's `action` attribute: the feature's Astro Action. */
	action: string;
	/** Translated messages, from the feature's `pickMessages()`. */
	messages: IslandMessages;
	/** Loads the feature's message schema: the same one its Action validates with. */
	schema: SchemaLoader;
	/** The hidden field naming the conversation, and its value. */
	idField: K;
	idValue: string;
	/** The limits the feature's validation messages mention, e.g. `{ messageMax: 4000 }`. */
	vars: MessageVars;
	/** Message keys of the field's label and of the button. */
	labelKey: string;
	sendKey: string;
	/** A line under the label, e.g. who reads the conversation. */
	hint: string;
}

/**
 * Writes a message in a conversation (see Thread.astro). Shared by the features with threads; each
 * wraps it in its own island with its schema, action and labels. Works without JavaScript.
 */
export function MessageForm<K extends string>({
	action,
	messages,
	schema,
	idField,
	idValue,
	vars,
	labelKey,
	sendKey,
	hint,
	...server
}: MessageFormProps<K>) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, vars);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<'body' | K>({
		schema,
		fields: ['body'],
		t,
		...server,
		values: { ...server.values, [idField]: idValue } as ServerFormState<'body' | K>['values'],
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
			<input type="hidden" defaultValue={idValue} {...form.register(idField)} />
			<div className="form-stack form-wide">
				<TextareaField
					id="body"
					label={t(labelKey)}
					hint={hint}
					rows={5}
					defaultValue={typeof body === 'string' ? body : ''}
					errors={errorsFor('body')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('body')}
				/>
				<div>
					<button className="button" type="submit">
						{t(sendKey)}
					</button>
				</div>
			</div>
		</form>
	);
}
