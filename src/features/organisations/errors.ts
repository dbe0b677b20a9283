import type { MessageKey } from '~/i18n/translate.ts';
import type { OrganisationField } from './schemas/organisation.schema.ts';

/** The form field an organisation action's error is about, so the page shows it next to it. */
export function organisationErrorField(key: MessageKey): OrganisationField | undefined {
	switch (key) {
		case 'organisations.error.logoUploadFailed':
		case 'organisations.error.logoType':
		case 'organisations.error.logoTooLarge':
		case 'organisations.error.logoUnreadable':
		case 'organisations.error.logoDimensions':
			return 'logo';
		default:
			return undefined;
	}
}
