/**
 * Japanese corporate numbers (法人番号), assigned by the National Tax Agency: 13 digits, the first of which is a
 * check digit over the 12-digit base number. The database checks the same rule
 * (`private.is_valid_corporate_number` in supabase/migrations/…_members_platform.sql); keep the two in step.
 *
 * Check digit = 9 − (Σ Pn × Qn mod 9), where Pn is the n-th digit of the base counted from the right (n = 1…12) and
 * Qn is 1 for odd n and 2 for even n. It is therefore 1–9, never 0.
 */

/** Digits in a corporate number, check digit included. */
export const CORPORATE_NUMBER_LENGTH = 13;

const BASE = /^\d{12}$/;
const FULL = /^[1-9]\d{12}$/;

/**
 * The check digit for a 12-digit base number.
 * @throws {RangeError} when `base` is not exactly 12 ASCII digits
 */
export function corporateNumberCheckDigit(base: string): number {
	if (!BASE.test(base)) throw new RangeError('a corporate number base has 12 digits');
	let sum = 0;
	for (let n = 1; n <= 12; n++) {
		const digit = base.charCodeAt(12 - n) - 48;
		sum += digit * (n % 2 === 1 ? 1 : 2);
	}
	return 9 - (sum % 9);
}

/** True for 13 ASCII digits whose first digit is the check digit of the other 12. */
export function isValidCorporateNumber(value: string): boolean {
	return FULL.test(value) && Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}

/**
 * A corporate number as people type it, made comparable: full-width digits (０–９) become ASCII, and spaces and
 * hyphens (ASCII or full-width) are dropped. Anything else is kept, so validation still rejects it.
 */
export function normalizeCorporateNumber(input: string): string {
	return input
		.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
		.replace(/[\s\-‐－ー]/g, '');
}
