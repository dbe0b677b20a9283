import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { SelectField } from '~/components/forms/SelectField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { INVITE_FIELDS } from '../schemas/members.fields.ts';
import type { IslandFormProps } from './form-props.ts';

/** Props of InviteForm. */
export interface InviteFormProps extends IslandFormProps<'email' | 'role' | 'organisation_id'> {
	organisationId: string;
}

/** Invites someone to an organisation by email. Works without JavaScript. */
export default function InviteForm({
	action,
	messages,
	organisationId,
	...server
}: InviteFormProps) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		'email' | 'role' | 'organisation_id'
	>({
		schema: () => import('../schemas/members.schema.ts').then((m) => m.InviteSchema),
		fields: INVITE_FIELDS,
		t,
		...server,
		values: { ...server.values, organisation_id: organisationId },
	});
	const value = (field: 'email' | 'role') => {
		const v = server.values?.[field];
		return typeof v === 'string' ? v : undefined;
	};
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			<input type="hidden" defaultValue={organisationId} {...form.register('organisation_id')} />
			<div className="form-stack">
				<Field
					id="email"
					label={t('organisations.invite.email')}
					hint={t('organisations.invite.emailHint')}
					type="email"
					autoComplete="off"
					spellCheck={false}
					defaultValue={value('email')}
					errors={errorsFor('email')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('email')}
				/>
				<SelectField
					id="role"
					label={t('organisations.invite.role')}
					hint={t('organisations.invite.roleHint')}
					options={[
						{ value: 'member', label: t('organisations.role.member') },
						{ value: 'owner', label: t('organisations.role.owner') },
					]}
					defaultValue={value('role') ?? 'member'}
					errors={errorsFor('role')}
					errorPrefix={t('form.errorPrefix')}
					{...form.register('role')}
				/>
				<button className="button" type="submit">
					{t('organisations.invite.submit')}
				</button>
			</div>
		</form>
	);
}
