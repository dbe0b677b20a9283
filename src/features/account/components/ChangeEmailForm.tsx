import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { islandTranslator, type IslandMessages } from '~/components/forms/messages.ts';
import { useServerForm, type ServerFormState } from '~/components/forms/use-server-form.ts';

/** Props of ChangeEmailForm. */
export interface ChangeEmailFormProps extends ServerFormState<'email'> {
	/** The form's `action` attribute: `?_action=account.changeEmail`. */
	action: string;
	messages: IslandMessages;
}

/** The change-email form: the new address. Works without JavaScript. */
export default function ChangeEmailForm({ action, messages, ...server }: ChangeEmailFormProps) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () => import('../schemas/account.schema.ts').then((m) => m.ChangeEmailSchema),
		fields: ['email'],
		t: (key) => t(key),
		...server,
	});
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			<div className="form-stack">
				<Field
					id="email"
					label={t('account.email.newLabel')}
					type="email"
					autoComplete="email"
					spellCheck={false}
					defaultValue={server.values?.email}
					errors={errorsFor('email')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('email')}
				/>
				<button className="button" type="submit">
					{t('account.email.submit')}
				</button>
			</div>
		</form>
	);
}
