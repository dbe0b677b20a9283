import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { PasswordField } from '~/components/forms/PasswordField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { VALIDATION_VARS } from '../schemas/limits.ts';
import { passwordToggleLabels, type AuthFormProps } from './form-props.ts';

/** The reset-password form: a new password for the signed-in account. */
export default function ResetPasswordForm({
	action,
	messages,
	...server
}: AuthFormProps<'password'>) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () => import('../schemas/reset-password.schema.ts').then((m) => m.ResetPasswordSchema),
		fields: ['password'],
		t: (key) => t(key, VALIDATION_VARS),
		...server,
	});
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			<div className="form-stack">
				<PasswordField
					id="password"
					label={t('auth.field.newPassword')}
					hint={t('auth.field.newPasswordHint', VALIDATION_VARS)}
					autoComplete="new-password"
					errors={errorsFor('password')}
					errorPrefix={t('form.errorPrefix')}
					{...passwordToggleLabels(t)}
					{...form.register('password')}
				/>
				<button className="button" type="submit">
					{t('auth.reset.submit')}
				</button>
			</div>
		</form>
	);
}
