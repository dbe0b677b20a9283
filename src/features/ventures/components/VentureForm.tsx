import { ChoiceGroup, type Choice } from '~/components/forms/ChoiceGroup.tsx';
import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { islandTranslator, type IslandMessages } from '~/components/forms/messages.ts';
import { SelectField, type SelectOption } from '~/components/forms/SelectField.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { useServerForm, type ServerFormState } from '~/components/forms/use-server-form.ts';
import type { VentureFormValues } from '../form-values.ts';
import { VENTURE_VALIDATION_VARS } from '../options.ts';
import { VENTURE_FIELDS, type VentureField } from '../schemas/venture.fields.ts';

/** The translated choices of the opportunity form, built on the server. */
export interface VentureChoices {
	/** Whom it can be posted for: the member's Japanese SMEs, and their own business. */
	postedFor: SelectOption[];
	types: SelectOption[];
	sectors: SelectOption[];
	countries: Choice[];
	languages: Choice[];
	jlpt: SelectOption[];
	capital: SelectOption[];
	timelines: SelectOption[];
	prefectures: SelectOption[];
	statuses: Choice[];
}

/** Props of VentureForm. */
export interface VentureFormProps extends Omit<ServerFormState<VentureField | 'id'>, 'values'> {
	/** The form's `action` attribute: `?_action=ventures.create` or `ventures.update`. */
	action: string;
	messages: IslandMessages;
	values: VentureFormValues;
	choices: VentureChoices;
	/** The opportunity being edited; a new one when undefined. */
	editingId?: string | undefined;
	/** Whether to ask for a Japanese level: not for a returnee's own business. */
	askJlpt: boolean;
}

/**
 * The opportunity form: what the poster seeks and offers, and whether it is open. Everything in
 * it but the place is the anonymous teaser, so it warns not to name the company. Works without
 * JavaScript; with it, the browser checks the input with the server's schema first.
 */
export default function VentureForm({
	action,
	messages,
	values,
	choices,
	editingId,
	askJlpt,
	...server
}: VentureFormProps) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, VENTURE_VALIDATION_VARS);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		VentureField | 'id'
	>({
		schema: () =>
			import('../schemas/venture.schema.ts').then((m) =>
				editingId ? m.UpdateVentureSchema : m.CreateVentureSchema
			),
		fields: editingId ? VENTURE_FIELDS.filter((f) => f !== 'posted_for') : VENTURE_FIELDS,
		t,
		...server,
		values: editingId ? { ...values, id: editingId } : values,
	});
	const errorPrefix = t('form.errorPrefix');
	const text = (name: VentureField) => {
		const value = values[name];
		return typeof value === 'string' ? value : '';
	};
	const list = (name: VentureField) => {
		const value = values[name];
		return Array.isArray(value) ? value : [];
	};
	const hintOf = (name: VentureField) => {
		const key = `ventures.field.${name}Hint`;
		return key in messages ? t(key) : undefined;
	};
	const none: SelectOption = { value: '', label: t('ventures.form.none') };
	const choose: SelectOption = { value: '', label: t('ventures.form.choose') };
	const select = (name: VentureField, options: SelectOption[], first: SelectOption) => (
		<SelectField
			id={name}
			label={t(`ventures.field.${name}`)}
			hint={hintOf(name)}
			options={[first, ...options]}
			defaultValue={text(name)}
			errors={errorsFor(name)}
			errorPrefix={errorPrefix}
			{...form.register(name)}
		/>
	);
	const textarea = (name: VentureField, rows: number) => (
		<TextareaField
			id={name}
			label={t(`ventures.field.${name}`)}
			hint={hintOf(name)}
			rows={rows}
			defaultValue={text(name)}
			errors={errorsFor(name)}
			errorPrefix={errorPrefix}
			{...form.register(name)}
		/>
	);
	const group = (name: VentureField, groupChoices: Choice[], type: 'checkbox' | 'radio') => (
		<ChoiceGroup
			name={name}
			type={type}
			legend={t(`ventures.field.${name}`)}
			hint={hintOf(name)}
			choices={groupChoices}
			checked={type === 'radio' ? [text(name)] : list(name)}
			columns={type === 'checkbox'}
			errors={errorsFor(name)}
			errorPrefix={errorPrefix}
			input={form.register(name)}
		/>
	);
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			{editingId && <input type="hidden" defaultValue={editingId} {...form.register('id')} />}
			<div className="form-stack form-wide">
				<div className="notice" id="teaser-warning">
					<p>
						<strong>{t('ventures.form.teaserWarningTitle')}</strong>
					</p>
					<p>{t('ventures.form.teaserWarning')}</p>
				</div>
				{!editingId && select('posted_for', choices.postedFor, choose)}
				<Field
					id="title"
					label={t('ventures.field.title')}
					hint={hintOf('title')}
					defaultValue={text('title')}
					errors={errorsFor('title')}
					errorPrefix={errorPrefix}
					{...form.register('title')}
				/>
				{textarea('summary', 6)}
				{select('partnership_type', choices.types, choose)}
				{select('sector', choices.sectors, choose)}
				{group('target_countries', choices.countries, 'checkbox')}
				{textarea('offers', 5)}
				{textarea('needs', 5)}
				<Field
					id="required_skills"
					label={t('ventures.field.required_skills')}
					hint={hintOf('required_skills')}
					defaultValue={text('required_skills')}
					errors={errorsFor('required_skills')}
					errorPrefix={errorPrefix}
					{...form.register('required_skills')}
				/>
				{askJlpt && select('min_jlpt', choices.jlpt, none)}
				{select('capital', choices.capital, none)}
				{textarea('network', 3)}
				{select('timeline', choices.timelines, choose)}
				{group('languages', choices.languages, 'checkbox')}
				{select('prefecture', choices.prefectures, none)}
				{group('status', choices.statuses, 'radio')}
				<div>
					<button className="button" type="submit">
						{t(editingId ? 'ventures.form.save' : 'ventures.form.create')}
					</button>
				</div>
			</div>
		</form>
	);
}
