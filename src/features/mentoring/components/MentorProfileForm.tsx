import { CheckboxField } from '~/components/forms/CheckboxField.tsx';
import { ChoiceGroup, type Choice } from '~/components/forms/ChoiceGroup.tsx';
import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { SelectField } from '~/components/forms/SelectField.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator, type IslandMessages } from '~/components/forms/messages.ts';
import {
	useServerForm,
	type FormValue,
	type ServerFormState,
} from '~/components/forms/use-server-form.ts';
import { MENTORING_LIMITS, MENTORING_VALIDATION_VARS } from '../options.ts';
import {
	MENTOR_PROFILE_FIELDS,
	type MentorProfileField,
} from '../schemas/mentor-profile.fields.ts';

/** Props of MentorProfileForm. */
export interface MentorProfileFormProps extends Omit<
	ServerFormState<MentorProfileField, FormValue>,
	'values'
> {
	/** The form's `action` attribute: `?_action=mentoring.saveMentorProfile`. */
	action: string;
	/** Translated messages, from `pickMessages(locale, MENTORING_FORM_MESSAGES)`. */
	messages: IslandMessages;
	/** What the inputs show: the saved profile, a new one from the member profile, or the posted input. */
	values: Record<MentorProfileField, FormValue>;
	/** The translated choices of each list. */
	choices: Record<'topics' | 'sectors' | 'languages' | 'countries' | 'formats', Choice[]>;
	/** Whether the profile exists yet: the button says "Offer mentoring" or "Save". */
	exists: boolean;
}

/**
 * The mentor profile: what a mentor helps with, in which languages and formats, how many
 * mentees at once, and a pause switch. Works without JavaScript; with it, the browser checks the
 * input with the server's schema first.
 */
export default function MentorProfileForm({
	action,
	messages,
	values,
	choices,
	exists,
	...server
}: MentorProfileFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, MENTORING_VALIDATION_VARS);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () => import('../schemas/mentor-profile.schema.ts').then((m) => m.MentorProfileSchema),
		fields: MENTOR_PROFILE_FIELDS,
		t,
		values,
		...server,
	});
	const errorPrefix = t('form.errorPrefix');
	const list = (name: MentorProfileField) => (Array.isArray(values[name]) ? values[name] : []);
	const group = (
		name: 'topics' | 'sectors' | 'languages' | 'countries' | 'formats',
		columns = false
	) => (
		<ChoiceGroup
			name={name}
			type="checkbox"
			legend={t(`mentoring.field.${name}`)}
			hint={t(`mentoring.field.${name}Hint`)}
			choices={choices[name]}
			checked={list(name)}
			columns={columns}
			errors={errorsFor(name)}
			errorPrefix={errorPrefix}
			input={form.register(name)}
		/>
	);
	const capacities = Array.from(
		{ length: MENTORING_LIMITS.capacityMax - MENTORING_LIMITS.capacityMin + 1 },
		(_, i) => String(MENTORING_LIMITS.capacityMin + i)
	);
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			<div className="form-stack form-wide">
				<TextareaField
					id="about"
					label={t('mentoring.field.about')}
					hint={t('mentoring.field.aboutHint')}
					rows={6}
					defaultValue={typeof values.about === 'string' ? values.about : ''}
					errors={errorsFor('about')}
					errorPrefix={errorPrefix}
					{...form.register('about')}
				/>
				{group('topics', true)}
				{group('sectors', true)}
				{group('languages', true)}
				{group('countries', true)}
				{group('formats')}
				<SelectField
					id="capacity"
					label={t('mentoring.field.capacity')}
					hint={t('mentoring.field.capacityHint')}
					options={capacities.map((value) => ({ value, label: value }))}
					defaultValue={typeof values.capacity === 'string' ? values.capacity : '2'}
					errors={errorsFor('capacity')}
					errorPrefix={errorPrefix}
					{...form.register('capacity')}
				/>
				<CheckboxField
					id="paused"
					label={t('mentoring.field.paused')}
					hint={t('mentoring.field.pausedHint')}
					defaultChecked={values.paused === true}
					errors={errorsFor('paused')}
					errorPrefix={errorPrefix}
					{...form.register('paused')}
				/>
				<div>
					<button className="button" type="submit">
						{t(exists ? 'mentoring.form.saveProfile' : 'mentoring.form.createProfile')}
					</button>
				</div>
			</div>
		</form>
	);
}
