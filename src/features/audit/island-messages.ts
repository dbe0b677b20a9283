import type { IslandMessages } from '~/components/forms/messages.ts';
import type { MessageVars } from '~/i18n/interpolate.ts';
import type { MessageKey } from '~/i18n/translate.ts';

/**
 * An island's messages with the form error filled in: islands translate a key without values, so
 * a message with placeholders (e.g. "try again in {minutes} min") is given to them ready-made.
 */
export function withFormError(
	messages: IslandMessages,
	state: { formError?: MessageKey | undefined; formErrorVars?: MessageVars | undefined },
	t: (key: MessageKey, vars?: MessageVars) => string
): IslandMessages {
	if (!state.formError || !state.formErrorVars) return messages;
	return { ...messages, [state.formError]: t(state.formError, state.formErrorVars) };
}
