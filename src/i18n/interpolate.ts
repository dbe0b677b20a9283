/** Values substituted for `{name}` placeholders in a message. */
export type MessageVars = Record<string, string | number>;

/**
 * Replaces `{name}` placeholders in a message with `vars`; unknown placeholders stay as they are.
 * Free of the catalogs, so islands can use it without shipping every language.
 * @param formatNumber how numbers are written, e.g. with the locale's grouping marks
 */
export function interpolate(
	message: string,
	vars: MessageVars | undefined,
	formatNumber: (value: number) => string = String
): string {
	if (!vars) return message;
	return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = vars[name];
		if (value === undefined) return whole;
		return typeof value === 'number' ? formatNumber(value) : value;
	});
}
