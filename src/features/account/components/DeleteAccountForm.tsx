import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { islandTranslator, type IslandMessages } from '~/components/forms/messages.ts';
import { useServerForm, type ServerFormState } from '~/components/forms/use-server-form.ts';

/** Props of DeleteAccountForm. */
export interface DeleteAccountFormProps extends ServerFormState<'confirmation'> {
	/** The form's `action` attribute: `?_action=account.deleteAccount`. */
	action: string;
	messages: IslandMessages;
	/** The account's email address, which the person types to confirm. */
	email: string;
}

/** Deleting the account: type your email address, then press the button. Works without JavaScript. */
export default function DeleteAccountForm({
	action,
	messages,
	email,
	...server
}: DeleteAccountFormProps) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () => import('../schemas/account.schema.ts').then((m) => m.DeleteAccountSchema),
		fields: ['confirmation'],
		t: (key) => t(key),
		...server,
	});
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			<div className="form-stack">
				<Field
					id="confirmation"
					label={t('account.delete.confirmLabel')}
					hint={t('account.delete.confirmHint', { email })}
					type="text"
					autoComplete="off"
					autoCapitalize="none"
					spellCheck={false}
					errors={errorsFor('confirmation')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('confirmation')}
				/>
				<button className="button button-danger" type="submit">
					{t('account.delete.submit')}
				</button>
			</div>
		</form>
	);
}
