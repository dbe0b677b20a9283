import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { CheckboxField } from '~/components/forms/CheckboxField.tsx';
import { SelectField, type SelectOption } from '~/components/forms/SelectField.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import { ORGANISATION_LIMITS as L, ORGANISATION_VALIDATION_VARS } from '../options.ts';
import {
	ORGANISATION_FIELDS,
	VERIFIED_ORGANISATION_FIELDS,
	type OrganisationField,
} from '../schemas/organisation.fields.ts';
import type { IslandFormProps, OrganisationChoices } from './form-props.ts';

/** Props of OrganisationForm. */
export interface OrganisationFormProps extends IslandFormProps<
	OrganisationField | 'remove_logo' | 'id'
> {
	choices: OrganisationChoices;
	/**
	 * The organisation being edited; creating a new one when undefined. When it is verified, the
	 * facts staff checked say that changing them ends the verification.
	 */
	editing?: { id: string; logoUrl: string | null; verified: boolean } | undefined;
}

/**
 * The form that creates or edits an organisation, logo included. Works without JavaScript; with it,
 * checks the input first (the logo's content too) so nothing is sent that the server would refuse.
 */
export default function OrganisationForm({
	action,
	messages,
	choices,
	editing,
	...server
}: OrganisationFormProps) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () =>
			import('../schemas/organisation.schema.ts').then((m) =>
				editing ? m.UpdateOrganisationSchema : m.CreateOrganisationSchema
			),
		fields: ORGANISATION_FIELDS,
		t: (key) => t(key, ORGANISATION_VALIDATION_VARS),
		...server,
		values: editing ? { ...server.values, id: editing.id } : server.values,
	});
	const value = (field: OrganisationField | 'remove_logo') => {
		const v = server.values?.[field];
		return typeof v === 'string' ? v : undefined;
	};
	const errorPrefix = t('form.errorPrefix');
	const checked: readonly OrganisationField[] = editing?.verified
		? VERIFIED_ORGANISATION_FIELDS
		: [];
	/** A field's hint, with the warning on the facts staff checked. */
	const hint = (field: OrganisationField, key?: string) =>
		[
			key ? t(key) : undefined,
			checked.includes(field) ? t('organisations.form.verifiedHint') : undefined,
		]
			.filter(Boolean)
			.join(' ') || undefined;
	const choose: SelectOption = { value: '', label: t('organisations.form.choose') };
	const none: SelectOption = { value: '', label: t('organisations.form.notSaying') };
	return (
		<form
			ref={formRef}
			method="post"
			action={action}
			encType="multipart/form-data"
			noValidate
			onSubmit={onSubmit}
		>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			{editing && <input type="hidden" defaultValue={editing.id} {...form.register('id')} />}
			<div className="form-stack form-wide">
				{editing?.verified && (
					<div className="notice" id="verified-notice">
						<p>{t('organisations.form.verifiedNotice')}</p>
					</div>
				)}
				<Field
					id="name"
					label={t('organisations.field.name')}
					hint={hint('name')}
					autoComplete="organization"
					maxLength={L.nameMax + 20}
					defaultValue={value('name')}
					errors={errorsFor('name')}
					errorPrefix={errorPrefix}
					{...form.register('name')}
				/>
				<SelectField
					id="kind"
					label={t('organisations.field.kind')}
					hint={hint('kind')}
					options={[choose, ...choices.kinds]}
					defaultValue={value('kind') ?? ''}
					errors={errorsFor('kind')}
					errorPrefix={errorPrefix}
					{...form.register('kind')}
				/>
				<Field
					id="corporate_number"
					label={t('organisations.field.corporateNumber')}
					hint={hint('corporate_number', 'organisations.field.corporateNumberHint')}
					inputMode="numeric"
					autoComplete="off"
					spellCheck={false}
					maxLength={20}
					defaultValue={value('corporate_number')}
					errors={errorsFor('corporate_number')}
					errorPrefix={errorPrefix}
					{...form.register('corporate_number')}
				/>
				<SelectField
					id="country"
					label={t('organisations.field.country')}
					hint={hint('country')}
					options={[choose, ...choices.countries]}
					defaultValue={value('country') ?? ''}
					errors={errorsFor('country')}
					errorPrefix={errorPrefix}
					{...form.register('country')}
				/>
				<SelectField
					id="prefecture"
					label={t('organisations.field.prefecture')}
					hint={t('organisations.field.prefectureHint')}
					options={[none, ...choices.prefectures]}
					defaultValue={value('prefecture') ?? ''}
					errors={errorsFor('prefecture')}
					errorPrefix={errorPrefix}
					{...form.register('prefecture')}
				/>
				<Field
					id="region"
					label={t('organisations.field.region')}
					hint={t('organisations.field.regionHint')}
					autoComplete="address-level1"
					maxLength={L.regionMax + 20}
					defaultValue={value('region')}
					errors={errorsFor('region')}
					errorPrefix={errorPrefix}
					{...form.register('region')}
				/>
				<SelectField
					id="sector"
					label={t('organisations.field.sector')}
					options={[none, ...choices.sectors]}
					defaultValue={value('sector') ?? ''}
					errors={errorsFor('sector')}
					errorPrefix={errorPrefix}
					{...form.register('sector')}
				/>
				<SelectField
					id="size"
					label={t('organisations.field.size')}
					options={[none, ...choices.sizes]}
					defaultValue={value('size') ?? ''}
					errors={errorsFor('size')}
					errorPrefix={errorPrefix}
					{...form.register('size')}
				/>
				<Field
					id="website"
					label={t('organisations.field.website')}
					hint={t('organisations.field.websiteHint')}
					type="url"
					inputMode="url"
					autoComplete="url"
					spellCheck={false}
					defaultValue={value('website')}
					errors={errorsFor('website')}
					errorPrefix={errorPrefix}
					{...form.register('website')}
				/>
				<TextareaField
					id="description"
					label={t('organisations.field.description')}
					hint={t('organisations.field.descriptionHint', ORGANISATION_VALIDATION_VARS)}
					rows={8}
					defaultValue={value('description')}
					errors={errorsFor('description')}
					errorPrefix={errorPrefix}
					{...form.register('description')}
				/>
				{editing?.logoUrl && (
					<div className="field">
						<p className="field-label">{t('organisations.field.currentLogo')}</p>
						<img
							className="logo-preview"
							src={editing.logoUrl}
							alt=""
							width={96}
							height={96}
							loading="lazy"
						/>
						<CheckboxField
							id="remove_logo"
							label={t('organisations.field.removeLogo')}
							errorPrefix={errorPrefix}
							defaultChecked={value('remove_logo') === 'on'}
							{...form.register('remove_logo')}
						/>
					</div>
				)}
				<Field
					id="logo"
					label={t(editing?.logoUrl ? 'organisations.field.newLogo' : 'organisations.field.logo')}
					hint={t('organisations.field.logoHint', ORGANISATION_VALIDATION_VARS)}
					type="file"
					accept="image/png,image/jpeg,image/webp"
					errors={errorsFor('logo')}
					errorPrefix={errorPrefix}
					{...form.register('logo')}
				/>
				<button className="button" type="submit">
					{t(editing ? 'organisations.form.save' : 'organisations.form.create')}
				</button>
			</div>
		</form>
	);
}
