import type { ReactNode } from 'react';
import { CheckboxField } from '~/components/forms/CheckboxField.tsx';
import { ChoiceGroup, type Choice, type ChoiceSubgroup } from '~/components/forms/ChoiceGroup.tsx';
import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { islandTranslator, type IslandMessages } from '~/components/forms/messages.ts';
import { SelectField, type SelectOptionGroup } from '~/components/forms/SelectField.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { useServerForm, type ServerFormState } from '~/components/forms/use-server-form.ts';
import type { ProfileFormValues } from '../form-values.ts';
import { jlptLabel, label, sectorLabel } from '../labels.ts';
import {
	BUSINESS_STAGES,
	CONTACT_VISIBILITY_LEVELS,
	EMPLOYER_TYPES,
	JLPT_LEVELS,
	LOOKING_FOR,
	MEMBER_KINDS,
	PROGRAMMES,
	SECTORS,
	SKILLS_TESTS,
	SSW_FIELDS,
	VISIBILITY_LEVELS,
} from '../options.ts';
import { PROFILE_VALIDATION_VARS } from '../schemas/limits.ts';
import {
	PROFILE_FIELDS,
	VERIFIED_PROFILE_FIELDS,
	type ProfileField,
} from '../schemas/profile.fields.ts';
import './profile-editor.css';

/** Props of ProfileEditor. */
export interface ProfileEditorProps extends Omit<ServerFormState<ProfileField>, 'values'> {
	/** The form's `action` attribute: the Astro Action, `?_action=profiles.save`. */
	action: string;
	/** Translated messages, from `pickMessages(locale, ['form.', 'profiles.'])`. */
	messages: IslandMessages;
	/** What the inputs show: the saved profile, or the input of a failed save. */
	values: ProfileFormValues;
	/** The country list, translated and grouped. */
	countries: SelectOptionGroup[];
	/** The languages offered, translated. */
	languages: Choice[];
	/** The prefectures by region, translated. */
	prefectures: ChoiceSubgroup[];
	/** Whether the person is verified: the facts staff checked then say that changing them ends it. */
	verified: boolean;
}

/**
 * The profile editor: one form in sections, each with its own save button (they all save the
 * whole form, so nothing typed elsewhere is lost). Works without JavaScript; with it, the browser
 * checks the input with the server's schema first.
 */
export default function ProfileEditor({
	action,
	messages,
	values,
	countries,
	languages,
	prefectures,
	verified,
	...server
}: ProfileEditorProps) {
	const translate = islandTranslator(messages);
	const t = (key: string) => translate(key, PROFILE_VALIDATION_VARS);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () => import('../schemas/profile.schema.ts').then((m) => m.ProfileSchema),
		fields: PROFILE_FIELDS,
		t,
		values,
		...server,
	});
	const errorPrefix = t('form.errorPrefix');
	const text = (name: ProfileField) => (typeof values[name] === 'string' ? values[name] : '');
	const list = (name: ProfileField) => (Array.isArray(values[name]) ? values[name] : []);
	const checked: readonly ProfileField[] = verified ? VERIFIED_PROFILE_FIELDS : [];
	const hint = (name: ProfileField) => {
		const key = `profiles.hint.${name}`;
		const lines = [
			key in messages ? t(key) : undefined,
			checked.includes(name) ? t('profiles.verified.fieldHint') : undefined,
		].filter(Boolean);
		return lines.length > 0 ? lines.join(' ') : undefined;
	};

	// No maxlength: the browser would cut pasted text silently; the schema says what is too long.
	const line = (name: ProfileField, extra: object = {}) => (
		<Field
			id={name}
			label={t(`profiles.field.${name}`)}
			hint={hint(name)}
			defaultValue={text(name)}
			errors={errorsFor(name)}
			errorPrefix={errorPrefix}
			{...extra}
			{...form.register(name)}
		/>
	);
	const select = (name: ProfileField, options: { value: string; label: string }[]) => (
		<SelectField
			id={name}
			label={t(`profiles.field.${name}`)}
			hint={hint(name)}
			options={[{ value: '', label: t('profiles.option.none') }, ...options]}
			defaultValue={text(name)}
			errors={errorsFor(name)}
			errorPrefix={errorPrefix}
			{...form.register(name)}
		/>
	);
	const checkboxes = (
		name: ProfileField,
		choices: Choice[] | ChoiceSubgroup[],
		columns = false
	) => (
		<ChoiceGroup
			name={name}
			type="checkbox"
			legend={t(`profiles.field.${name}`)}
			hint={hint(name)}
			choices={choices}
			checked={list(name)}
			columns={columns}
			errors={errorsFor(name)}
			errorPrefix={errorPrefix}
			input={form.register(name)}
		/>
	);
	const visibility = (name: ProfileField, levels: readonly string[] = VISIBILITY_LEVELS) => (
		<SelectField
			compact
			id={name}
			label={t(`profiles.visibilityFor.${name}`)}
			options={levels.map((level) => ({ value: level, label: t(`profiles.visibility.${level}`) }))}
			defaultValue={text(name)}
			errors={errorsFor(name)}
			errorPrefix={errorPrefix}
			{...form.register(name)}
		/>
	);
	const group = (children: ReactNode) => <div className="profile-group">{children}</div>;
	const options = (list: 'ssw_field' | 'employer_type', values: readonly string[]) =>
		values.map((value) => ({ value, label: label(t, list, value) }));
	const choices = (
		list: 'member_kind' | 'japan_programme' | 'skills_test' | 'looking_for' | 'business_stage',
		values: readonly string[]
	) => values.map((value) => ({ value, label: label(t, list, value) }));
	const save = (
		<div className="profile-save">
			<button className="button" type="submit">
				{t('profiles.edit.save')}
			</button>
		</div>
	);

	return (
		<form
			ref={formRef}
			method="post"
			action={action}
			noValidate
			onSubmit={onSubmit}
			className="profile-form"
		>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />

			<section aria-labelledby="about-title" id="about" className="profile-section">
				<h2 id="about-title">{t('profiles.section.about')}</h2>
				{verified && (
					<div className="notice verified-notice" id="verified-notice">
						<p>{t('profiles.verified.notice')}</p>
					</div>
				)}
				{line('display_name', { autoComplete: 'name' })}
				{checkboxes('kinds', choices('member_kind', MEMBER_KINDS))}
				{group(
					<>
						{line('headline')}
						{visibility('headline_visibility')}
					</>
				)}
				{group(
					<>
						<TextareaField
							id="bio"
							label={t('profiles.field.bio')}
							hint={hint('bio')}
							rows={6}
							defaultValue={text('bio')}
							errors={errorsFor('bio')}
							errorPrefix={errorPrefix}
							{...form.register('bio')}
						/>
						{visibility('bio_visibility')}
					</>
				)}
				{group(
					<>
						<SelectField
							id="home_country"
							label={t('profiles.field.home_country')}
							options={[{ value: '', label: t('profiles.option.none') }, ...countries]}
							defaultValue={text('home_country')}
							errors={errorsFor('home_country')}
							errorPrefix={errorPrefix}
							{...form.register('home_country')}
						/>
						{visibility('country_visibility')}
					</>
				)}
				{group(
					<>
						{line('region')}
						{visibility('region_visibility')}
					</>
				)}
				{group(
					<>
						{checkboxes('languages', languages, true)}
						{visibility('languages_visibility')}
					</>
				)}
				{save}
			</section>

			<section aria-labelledby="japan-title" id="japan" className="profile-section">
				<h2 id="japan-title">{t('profiles.section.japan')}</h2>
				<p className="profile-lead">{t('profiles.section.japanLead')}</p>
				{verified && (
					<div className="notice verified-notice">
						<p>{t('profiles.verified.japanNotice')}</p>
					</div>
				)}
				{group(
					<>
						{checkboxes('programmes', choices('japan_programme', PROGRAMMES))}
						{visibility('programmes_visibility')}
					</>
				)}
				{group(
					<>
						{select('japan_field', options('ssw_field', SSW_FIELDS))}
						{line('japan_job')}
						{visibility('field_visibility')}
					</>
				)}
				{group(
					<>
						{checkboxes('prefectures', prefectures, true)}
						{visibility('prefectures_visibility')}
					</>
				)}
				{group(
					<>
						{select('employer_type', options('employer_type', EMPLOYER_TYPES))}
						{visibility('employer_visibility')}
					</>
				)}
				{group(
					<>
						<div className="profile-years">
							{line('japan_start_year', {
								inputMode: 'numeric',
								className: 'field-input year-input',
							})}
							{line('japan_end_year', {
								inputMode: 'numeric',
								className: 'field-input year-input',
							})}
						</div>
						{visibility('years_visibility')}
					</>
				)}
				{group(
					<>
						{select(
							'jlpt_level',
							JLPT_LEVELS.map((level) => ({ value: level, label: jlptLabel(level) }))
						)}
						<CheckboxField
							id="jft_basic"
							label={t('profiles.field.jft_basic')}
							hint={hint('jft_basic')}
							defaultChecked={values.jft_basic === true}
							errors={errorsFor('jft_basic')}
							errorPrefix={errorPrefix}
							{...form.register('jft_basic')}
						/>
						{visibility('japanese_visibility')}
					</>
				)}
				{group(
					<>
						{checkboxes('skills_tests', choices('skills_test', SKILLS_TESTS))}
						{visibility('skills_visibility')}
					</>
				)}
				{save}
			</section>

			<section aria-labelledby="business-title" id="business" className="profile-section">
				<h2 id="business-title">{t('profiles.section.business')}</h2>
				{group(
					<>
						<ChoiceGroup
							name="business_stage"
							type="radio"
							legend={t('profiles.field.business_stage')}
							choices={choices('business_stage', BUSINESS_STAGES)}
							checked={[text('business_stage')]}
							errors={errorsFor('business_stage')}
							errorPrefix={errorPrefix}
							input={form.register('business_stage')}
						/>
						{line('business_name')}
						{select(
							'business_sector',
							SECTORS.map((sector) => ({ value: sector, label: sectorLabel(t, sector) }))
						)}
						<TextareaField
							id="business_needs"
							label={t('profiles.field.business_needs')}
							hint={hint('business_needs')}
							rows={4}
							defaultValue={text('business_needs')}
							errors={errorsFor('business_needs')}
							errorPrefix={errorPrefix}
							{...form.register('business_needs')}
						/>
						{visibility('business_visibility')}
					</>
				)}
				{save}
			</section>

			<section aria-labelledby="looking-for-title" id="looking-for" className="profile-section">
				<h2 id="looking-for-title">{t('profiles.section.lookingFor')}</h2>
				{group(
					<>
						{checkboxes('looking_for', choices('looking_for', LOOKING_FOR))}
						{visibility('looking_for_visibility')}
					</>
				)}
				{save}
			</section>

			<section aria-labelledby="contact-title" id="contact" className="profile-section">
				<h2 id="contact-title">{t('profiles.section.contact')}</h2>
				<p className="profile-lead">{t('profiles.section.contactLead')}</p>
				{group(
					<>
						{line('contact_email', {
							type: 'email',
							autoComplete: 'email',
							spellCheck: false,
						})}
						{visibility('email_visibility', CONTACT_VISIBILITY_LEVELS)}
					</>
				)}
				{group(
					<>
						{line('contact_phone', { type: 'tel', autoComplete: 'tel' })}
						{visibility('phone_visibility', CONTACT_VISIBILITY_LEVELS)}
					</>
				)}
				{group(
					<>
						{line('contact_whatsapp', { type: 'tel' })}
						{visibility('whatsapp_visibility', CONTACT_VISIBILITY_LEVELS)}
					</>
				)}
				{save}
			</section>

			<section aria-labelledby="privacy-title" id="privacy" className="profile-section">
				<h2 id="privacy-title">{t('profiles.section.privacy')}</h2>
				<ChoiceGroup
					name="profile_visibility"
					type="radio"
					legend={t('profiles.field.profile_visibility')}
					hint={t('profiles.section.privacyLead')}
					choices={VISIBILITY_LEVELS.map((level) => ({
						value: level,
						label: t(`profiles.findable.${level}`),
					}))}
					checked={[text('profile_visibility')]}
					errors={errorsFor('profile_visibility')}
					errorPrefix={errorPrefix}
					input={form.register('profile_visibility')}
				/>
				{save}
			</section>
		</form>
	);
}
