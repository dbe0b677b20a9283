import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { PasswordField } from '~/components/forms/PasswordField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { VALIDATION_VARS } from '../schemas/limits.ts';
import { passwordToggleLabels, type AuthFormProps } from './form-props.ts';

/** The sign-up form: email and a new password. Works without JavaScript; with it, checks first. */
export default function SignUpForm({
	action,
	messages,
	...server
}: AuthFormProps<'email' | 'password'>) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () => import('../schemas/sign-up.schema.ts').then((m) => m.SignUpSchema),
		fields: ['email', 'password'],
		t: (key) => t(key, VALIDATION_VARS),
		...server,
	});
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			<div className="form-stack">
				<Field
					id="email"
					label={t('auth.field.email')}
					type="email"
					autoComplete="email"
					spellCheck={false}
					defaultValue={server.values?.email}
					errors={errorsFor('email')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('email')}
				/>
				<PasswordField
					id="password"
					label={t('auth.field.password')}
					hint={t('auth.field.newPasswordHint', VALIDATION_VARS)}
					autoComplete="new-password"
					errors={errorsFor('password')}
					errorPrefix={t('form.errorPrefix')}
					{...passwordToggleLabels(t)}
					{...form.register('password')}
				/>
				<button className="button" type="submit">
					{t('auth.signUp.submit')}
				</button>
			</div>
		</form>
	);
}
