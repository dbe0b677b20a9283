import { ChoiceGroup } from '~/components/forms/ChoiceGroup.tsx';
import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { islandTranslator, type IslandMessages } from '~/components/forms/messages.ts';
import { SelectField, type SelectOptionGroup } from '~/components/forms/SelectField.tsx';
import {
	useServerForm,
	type FormValue,
	type ServerFormState,
} from '~/components/forms/use-server-form.ts';
import { MEMBER_KINDS } from '~/features/profiles/options.ts';
import { PROFILE_VALIDATION_VARS } from '~/features/profiles/schemas/limits.ts';
import { ONBOARDING_FIELDS, type OnboardingField } from '../schemas/onboarding.fields.ts';

/** Props of OnboardingForm. */
export interface OnboardingFormProps extends ServerFormState<OnboardingField, FormValue> {
	/** The form's `action` attribute: `?_action=onboarding.complete`. */
	action: string;
	messages: IslandMessages;
	/** The country list, translated and grouped. */
	countries: SelectOptionGroup[];
}

/** "Welcome": name, what describes you, home country. Works without JavaScript. */
export default function OnboardingForm({
	action,
	messages,
	countries,
	...server
}: OnboardingFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, PROFILE_VALIDATION_VARS);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () => import('../schemas/onboarding.schema.ts').then((m) => m.OnboardingSchema),
		fields: ONBOARDING_FIELDS,
		t,
		...server,
	});
	const values = server.values ?? {};
	const text = (name: OnboardingField) => (typeof values[name] === 'string' ? values[name] : '');
	const kinds = Array.isArray(values.kinds) ? values.kinds : [];
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			<Field
				id="display_name"
				label={t('profiles.field.display_name')}
				hint={t('profiles.hint.display_name')}
				autoComplete="name"
				defaultValue={text('display_name')}
				errors={errorsFor('display_name')}
				errorPrefix={t('form.errorPrefix')}
				{...form.register('display_name')}
			/>
			<ChoiceGroup
				name="kinds"
				type="checkbox"
				legend={t('onboarding.kindsLegend')}
				hint={t('onboarding.kindsHint')}
				choices={MEMBER_KINDS.map((kind) => ({ value: kind, label: t(`profiles.kind.${kind}`) }))}
				checked={kinds}
				errors={errorsFor('kinds')}
				errorPrefix={t('form.errorPrefix')}
				input={form.register('kinds')}
			/>
			<SelectField
				id="home_country"
				label={t('profiles.field.home_country')}
				hint={t('onboarding.countryHint')}
				options={[{ value: '', label: t('profiles.option.none') }, ...countries]}
				defaultValue={text('home_country')}
				errors={errorsFor('home_country')}
				errorPrefix={t('form.errorPrefix')}
				{...form.register('home_country')}
			/>
			<button className="button" type="submit">
				{t('onboarding.submit')}
			</button>
		</form>
	);
}
