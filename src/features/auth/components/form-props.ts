import type { IslandMessages } from '~/components/forms/messages.ts';
import type { ServerFormState } from '~/components/forms/use-server-form.ts';
import type { MessageKey } from '~/i18n/translate.ts';

/** Props every auth form island gets from its page. */
export interface AuthFormProps<F extends string> extends ServerFormState<F> {
	/** The form's `action` attribute: the Astro Action, e.g. `?_action=auth.signIn`. */
	action: string;
	/** Translated messages, from `pickMessages(locale, authFormMessages(…))`. */
	messages: IslandMessages;
}

/** The message prefixes an auth form island needs: shared form text plus its own. */
export function authFormMessages(form: string): string[] {
	return ['form.', 'auth.field.', 'auth.error.', `auth.${form}.`];
}

/** The translated labels of a password field's show/hide button. */
export function passwordToggleLabels(t: (key: MessageKey) => string) {
	return {
		showLabel: t('form.showPassword'),
		hideLabel: t('form.hidePassword'),
		shownStatus: t('form.passwordShown'),
		hiddenStatus: t('form.passwordHidden'),
	};
}
