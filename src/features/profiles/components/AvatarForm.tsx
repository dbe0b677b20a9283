import { ErrorSummary } from '~/components/forms/ErrorSummary.tsx';
import { ErrorList } from '~/components/forms/ErrorList.tsx';
import { islandTranslator, type IslandMessages } from '~/components/forms/messages.ts';
import { useServerForm, type ServerFormState } from '~/components/forms/use-server-form.ts';

/** Props of AvatarForm. */
export interface AvatarFormProps extends Omit<ServerFormState<'avatar'>, 'values'> {
	/** The form's `action` attribute: `?_action=profiles.uploadAvatar`. */
	action: string;
	messages: IslandMessages;
}

/**
 * The photo upload: a file input that posts the image to the server, which checks its bytes,
 * crops and re-encodes it. With JavaScript the browser first checks that a file is chosen, its
 * size and type, so a too-large photo is not sent over a slow connection for nothing.
 */
export default function AvatarForm({ action, messages, ...server }: AvatarFormProps) {
	const t = islandTranslator(messages);
	const { form, formRef, summaryRef, onSubmit, errorsFor, summary } = useServerForm({
		schema: () => import('../schemas/avatar.schema.ts').then((m) => m.AvatarUploadSchema),
		fields: ['avatar'],
		t: (key) => t(key),
		...server,
	});
	const errors = errorsFor('avatar');
	return (
		<form
			ref={formRef}
			method="post"
			action={action}
			encType="multipart/form-data"
			noValidate
			onSubmit={onSubmit}
		>
			<ErrorSummary
				ref={summaryRef}
				titleId="avatar-error-summary-title"
				title={t('form.errorSummaryTitle')}
				items={summary}
			/>
			<div className={errors.length > 0 ? 'field field-invalid' : 'field'}>
				<label className="field-label" htmlFor="avatar">
					{t('profiles.avatar.label')}
				</label>
				<p id="avatar-hint" className="field-hint">
					{t('profiles.avatar.hint')}
				</p>
				<ErrorList
					id={errors.length > 0 ? 'avatar-error' : undefined}
					errors={errors}
					prefix={t('form.errorPrefix')}
				/>
				<input
					id="avatar"
					className="field-file"
					type="file"
					accept="image/png,image/jpeg,image/webp"
					aria-describedby={errors.length > 0 ? 'avatar-hint avatar-error' : 'avatar-hint'}
					aria-invalid={errors.length > 0 ? true : undefined}
					{...form.register('avatar')}
				/>
			</div>
			<button className="button" type="submit">
				{t('profiles.avatar.upload')}
			</button>
		</form>
	);
}
