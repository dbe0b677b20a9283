import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { SelectField, type SelectOption } from '~/components/forms/SelectField.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { VENTURE_VALIDATION_VARS } from '../options.ts';
import { INTEREST_FIELDS, type InterestField } from '../schemas/pipeline.fields.ts';
import type { IslandFormProps } from './form-props.ts';

type Hidden = 'venture_id' | 'profile_id';

/** Props of InterestForm. */
export interface InterestFormProps extends IslandFormProps<InterestField | Hidden> {
	ventureId: string;
	/**
	 * `interest`: a member shows interest in an opportunity; `invite`: its owners invite a
	 * candidate (`profileId`) to talk.
	 */
	mode: 'interest' | 'invite';
	profileId?: string | undefined;
	/** Whom the member can act for besides themselves: their verified organisations. */
	actingFor?: SelectOption[] | undefined;
	/** Only for an organisation (a returnee's opportunity): "Myself" is not offered. */
	organisationRequired?: boolean | undefined;
	/** Distinguishes the fields of several forms on one page (the candidates list). */
	idPrefix?: string | undefined;
}

/**
 * Shows interest in an opportunity, or invites a candidate, with a short note. Neither side's
 * name is shown to the other until both agree. Works without JavaScript.
 */
export default function InterestForm({
	action,
	messages,
	ventureId,
	mode,
	profileId,
	actingFor = [],
	organisationRequired = false,
	idPrefix = '',
	...server
}: InterestFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, VENTURE_VALIDATION_VARS);
	const invite = mode === 'invite';
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		InterestField | Hidden
	>({
		schema: () =>
			import('../schemas/pipeline.schema.ts').then((m) =>
				invite ? m.InviteCandidateSchema : m.InterestSchema
			),
		fields: invite ? ['message'] : INTEREST_FIELDS,
		t,
		...server,
		values: {
			acting_for: organisationRequired ? (actingFor[0]?.value ?? '') : 'own',
			...server.values,
			venture_id: ventureId,
			...(invite ? { profile_id: profileId ?? '' } : {}),
		},
	});
	const value = (field: InterestField) => {
		const v = server.values?.[field];
		return typeof v === 'string' ? v : '';
	};
	const errorPrefix = t('form.errorPrefix');
	const id = (name: string) => `${idPrefix}${name}`;
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary
				ref={summaryRef}
				title={t('form.errorSummaryTitle')}
				items={summary.map((item) => ({ ...item, target: id(item.target) }))}
				titleId={id('interest-errors-title')}
			/>
			<input type="hidden" defaultValue={ventureId} {...form.register('venture_id')} />
			{invite && <input type="hidden" defaultValue={profileId} {...form.register('profile_id')} />}
			<div className="form-stack form-wide">
				{!invite &&
					(actingFor.length > 0 ? (
						<SelectField
							id={id('acting_for')}
							label={t('ventures.field.acting_for')}
							options={
								organisationRequired
									? actingFor
									: [{ value: 'own', label: t('ventures.form.actingForSelf') }, ...actingFor]
							}
							defaultValue={
								value('acting_for') || (organisationRequired ? actingFor[0]?.value : 'own')
							}
							errors={errorsFor('acting_for')}
							errorPrefix={errorPrefix}
							{...form.register('acting_for')}
						/>
					) : (
						<input type="hidden" defaultValue="own" {...form.register('acting_for')} />
					))}
				<TextareaField
					id={id('message')}
					label={t(invite ? 'ventures.field.inviteMessage' : 'ventures.field.message')}
					hint={t(invite ? 'ventures.field.inviteMessageHint' : 'ventures.field.messageHint')}
					rows={5}
					defaultValue={value('message')}
					errors={errorsFor('message')}
					errorPrefix={errorPrefix}
					{...form.register('message')}
				/>
				<div>
					<button className="button" type="submit">
						{t(invite ? 'ventures.form.invite' : 'ventures.form.showInterest')}
					</button>
				</div>
			</div>
		</form>
	);
}
