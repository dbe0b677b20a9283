import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { Field } from '~/components/forms/Field.tsx';
import { TextareaField } from '~/components/forms/TextareaField.tsx';
import { islandTranslator } from '~/components/forms/messages.ts';
import { useServerForm } from '~/components/forms/use-server-form.ts';
import type { IslandFormProps } from '~/features/organisations/components/form-props.ts';
import { VERIFICATION_VALIDATION_VARS } from '../options.ts';
import {
	ORGANISATION_VERIFICATION_FIELDS,
	PERSON_VERIFICATION_FIELDS,
} from '../schemas/request.fields.ts';

type RequestField = 'corporate_number' | 'message' | 'evidence' | 'organisation_id';

/** Props of RequestForm. */
export interface RequestFormProps extends IslandFormProps<RequestField> {
	/** The organisation to verify; the person themselves when undefined. */
	organisation?: { id: string; needsCorporateNumber: boolean; inJapan: boolean } | undefined;
}

/**
 * Asks staff to verify a person or an organisation, with evidence files. Works without JavaScript;
 * with it, checks the files (type by content, size) before anything is sent.
 */
export default function RequestForm({
	action,
	messages,
	organisation,
	...server
}: RequestFormProps) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () =>
			import('../schemas/request.schema.ts').then((m) =>
				organisation ? m.OrganisationVerificationSchema : m.PersonVerificationSchema
			),
		fields: organisation ? ORGANISATION_VERIFICATION_FIELDS : PERSON_VERIFICATION_FIELDS,
		t: (key) => t(key, VERIFICATION_VALIDATION_VARS),
		...server,
		values: organisation ? { ...server.values, organisation_id: organisation.id } : server.values,
	});
	const value = (field: RequestField) => {
		const v = server.values?.[field];
		return typeof v === 'string' ? v : undefined;
	};
	const errorPrefix = t('form.errorPrefix');
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
			{organisation && (
				<input type="hidden" defaultValue={organisation.id} {...form.register('organisation_id')} />
			)}
			<div className="form-stack form-wide">
				{organisation?.inJapan && (
					<Field
						id="corporate_number"
						label={t('organisations.field.corporateNumber')}
						hint={t(
							organisation.needsCorporateNumber
								? 'verification.field.corporateNumberRequiredHint'
								: 'verification.field.corporateNumberHint'
						)}
						inputMode="numeric"
						autoComplete="off"
						spellCheck={false}
						maxLength={20}
						defaultValue={value('corporate_number')}
						errors={errorsFor('corporate_number')}
						errorPrefix={errorPrefix}
						{...form.register('corporate_number')}
					/>
				)}
				<TextareaField
					id="message"
					label={t('verification.field.message')}
					hint={t(
						organisation
							? 'verification.field.messageHintOrganisation'
							: 'verification.field.messageHint',
						VERIFICATION_VALIDATION_VARS
					)}
					rows={6}
					defaultValue={value('message')}
					errors={errorsFor('message')}
					errorPrefix={errorPrefix}
					{...form.register('message')}
				/>
				<Field
					id="evidence"
					label={t('verification.field.evidence')}
					hint={t(
						organisation
							? 'verification.field.evidenceHintOrganisation'
							: 'verification.field.evidenceHint',
						VERIFICATION_VALIDATION_VARS
					)}
					type="file"
					multiple
					accept="application/pdf,image/png,image/jpeg,image/webp"
					errors={errorsFor('evidence')}
					errorPrefix={errorPrefix}
					{...form.register('evidence')}
				/>
				<button className="button" type="submit">
					{t('verification.form.submit')}
				</button>
			</div>
		</form>
	);
}
