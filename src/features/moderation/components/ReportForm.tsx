import { CheckboxField } from '~/components/forms/CheckboxField.tsx';
import { ChoiceGroup } from '~/components/forms/ChoiceGroup.tsx';
import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm, type FormValue } from '~/components/forms/use-server-form.ts';
import type { IslandFormProps } from '~/features/organisations/components/form-props.ts';
import { MODERATION_VALIDATION_VARS, REPORT_REASONS } from '../options.ts';
import { REPORT_FIELDS, type ReportField } from '../schemas/report.fields.ts';

type Hidden =
	| 'reported_user_id'
	| 'mentorship_id'
	| 'message_id'
	| 'venture_interest_id'
	| 'venture_message_id'
	| 'return_to';

/** Props of ReportForm. */
export interface ReportFormProps extends IslandFormProps<ReportField | Hidden> {
	/** What is reported: the hidden fields of the form. */
	target: Partial<Record<Hidden, string | undefined>>;
	/** The person's name, when a person may be blocked with the report: offers to block them too. */
	personName: string | null;
	/** A joint-venture report: blocking is explained for ventures. */
	venture?: boolean | undefined;
}

/**
 * Reports a person, a mentorship, a joint-venture conversation or a message to staff, and
 * optionally blocks. Works without JavaScript.
 */
export default function ReportForm({
	action,
	messages,
	target,
	personName,
	venture = false,
	...server
}: ReportFormProps) {
	const present = Object.fromEntries(
		Object.entries(target).filter((entry): entry is [Hidden, string] => Boolean(entry[1]))
	) as Partial<Record<Hidden, string>>;
	const translate = islandTranslator(messages);
	const t = (key: string, vars: Record<string, string | number> = {}) =>
		translate(key, { ...MODERATION_VALIDATION_VARS, ...vars });
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm<
		ReportField | Hidden
	>({
		schema: () => import('../schemas/report.schema.ts').then((m) => m.ReportSchema),
		fields: REPORT_FIELDS,
		t,
		...server,
		values: { ...(server.values as Partial<Record<ReportField | Hidden, FormValue>>), ...present },
	});
	const value = (field: ReportField) => {
		const v = server.values?.[field];
		return typeof v === 'string' ? v : '';
	};
	const errorPrefix = t('form.errorPrefix');
	const hidden = Object.keys(present) as Hidden[];
	return (
		<form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit}>
			<ErrorSummary ref={summaryRef} title={t('form.errorSummaryTitle')} items={summary} />
			{hidden.map((name) => (
				<input key={name} type="hidden" defaultValue={present[name]} {...form.register(name)} />
			))}
			<div className="form-stack form-wide">
				<ChoiceGroup
					name="reason"
					type="radio"
					legend={t('moderation.field.reason')}
					choices={REPORT_REASONS.map((reason) => ({
						value: reason,
						label: t(`moderation.reason.${reason}`),
						hint: t(`moderation.reasonHint.${reason}`),
					}))}
					checked={[value('reason')]}
					errors={errorsFor('reason')}
					errorPrefix={errorPrefix}
					input={form.register('reason')}
				/>
				<TextareaField
					id="details"
					label={t('moderation.field.details')}
					hint={t('moderation.field.detailsHint')}
					rows={4}
					defaultValue={value('details')}
					errors={errorsFor('details')}
					errorPrefix={errorPrefix}
					{...form.register('details')}
				/>
				{personName !== null && (
					<CheckboxField
						id="block"
						label={t('moderation.field.block', { name: personName })}
						hint={t(venture ? 'moderation.field.blockHintVenture' : 'moderation.field.blockHint')}
						defaultChecked={server.values?.block === 'on'}
						errors={errorsFor('block')}
						errorPrefix={errorPrefix}
						{...form.register('block')}
					/>
				)}
				<div>
					<button className="button" type="submit">
						{t('moderation.form.send')}
					</button>
				</div>
			</div>
		</form>
	);
}
