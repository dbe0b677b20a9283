import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { VALIDATION_VARS } from '../schemas/limits.ts';
import type { AuthFormProps } from './form-props.ts';

/** The forgotten-password form: the address to send a reset link to. */
export default function ForgotPasswordForm({
	action,
	messages,
	...server
}: AuthFormProps<'email'>) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () =>
			import('../schemas/forgot-password.schema.ts').then((m) => m.ForgotPasswordSchema),
		fields: ['email'],
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
				<button className="button" type="submit">
					{t('auth.forgot.submit')}
				</button>
			</div>
		</form>
	);
}
