import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { PasswordField } from '~/components/forms/PasswordField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { VALIDATION_VARS } from '../schemas/limits.ts';
import { passwordToggleLabels, type AuthFormProps } from './form-props.ts';

/** Props of SignInForm. */
export interface SignInFormProps extends AuthFormProps<'email' | 'password'> {
	/** A safe path on this site to return to after signing in. */
	next?: string | undefined;
}

/** The sign-in form: email and password. Works without JavaScript; with it, checks input first. */
export default function SignInForm({ action, messages, next, ...server }: SignInFormProps) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () => import('../schemas/sign-in.schema.ts').then((m) => m.SignInSchema),
		fields: ['email', 'password'],
		t: (key) => t(key, VALIDATION_VARS),
		...server,
	});
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			{next && <input type="hidden" name="next" value={next} />}
			<div className="form-stack">
				<Field
					id="email"
					label={t('auth.field.email')}
					type="email"
					autoComplete="username"
					spellCheck={false}
					defaultValue={server.values?.email}
					errors={errorsFor('email')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('email')}
				/>
				<PasswordField
					id="password"
					label={t('auth.field.password')}
					autoComplete="current-password"
					errors={errorsFor('password')}
					errorPrefix={t('form.errorPrefix')}
					{...passwordToggleLabels(t)}
					{...form.register('password')}
				/>
				<button className="button" type="submit">
					{t('auth.signIn.submit')}
				</button>
			</div>
		</form>
	);
}
