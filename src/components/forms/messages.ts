import { interpolate, type MessageVars } from '~/i18n/interpolate.ts';
import type { MessageKey } from '~/i18n/translate.ts';

/** The translated messages an island was given by its page (see `pickMessages()`). */
export type IslandMessages = Partial<Record<MessageKey, string>>;

/**
 * A translate function over an island's messages. A key it was not given, such as an unexpected
 * validation message, falls back to `fallback`, so people never see a raw key.
 */
export function islandTranslator(
	messages: IslandMessages,
	fallback: MessageKey = 'form.error.invalid'
): (key: string, vars?: MessageVars) => string {
	return (key, vars) => interpolate(messages[key as MessageKey] ?? messages[fallback] ?? key, vars);
}
