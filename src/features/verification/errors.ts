import type { MessageKey } from '~/i18n/translate.ts';

/** The form field a verification action's error is about, so the page shows it next to it. */
export function requestErrorField(key: MessageKey): 'evidence' | 'corporate_number' | undefined {
	switch (key) {
		case 'verification.error.uploadFailed':
		case 'verification.error.evidenceTooLarge':
		case 'verification.error.evidenceType':
			return 'evidence';
		case 'verification.error.corporateNumberRequired':
		case 'organisations.error.corporateNumberJapanOnly':
			return 'corporate_number';
		default:
			return undefined;
	}
}
