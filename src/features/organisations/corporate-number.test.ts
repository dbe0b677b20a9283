import { describe, expect, test } from 'vitest';
import {
	corporateNumberCheckDigit,
	isValidCorporateNumber,
	normalizeCorporateNumber,
} from './corporate-number.ts';

/**
 * Numbers whose check digit was worked out by hand from the rule (the first is the National Tax Agency's own
 * number). tests/integration/rls-organisations.test.ts checks the database against the same cases.
 */
const VALID_CORPORATE_NUMBERS = [
	'7000012050002', // Σ = 11 → 9 − 2 = 7
	'1180301018771', // Σ = 53 → 9 − 8 = 1
	'5010401067252', // Σ = 40 → 9 − 4 = 5
	'9000000000009', // Σ = 9 → 9 − 0 = 9 (a multiple of 9 gives 9, never 0)
];

/** Near misses: wrong check digit, a 0 check digit, wrong length, non-digits. */
const INVALID_CORPORATE_NUMBERS = [
	'8000012050002',
	'6000012050002',
	'2180301018771',
	'0000000000000',
	'0000012050002',
	'700001205000',
	'70000120500020',
	'700001205000a',
	'７000012050002',
	'',
];

describe('corporateNumberCheckDigit', () => {
	test('weights the base digits 1, 2, 1, 2 … from the right', () => {
		expect(corporateNumberCheckDigit('000012050002')).toBe(7);
		expect(corporateNumberCheckDigit('180301018771')).toBe(1);
		expect(corporateNumberCheckDigit('000000000001')).toBe(8);
		expect(corporateNumberCheckDigit('000000000010')).toBe(7);
	});
	test('gives 9 when the weighted sum is a multiple of 9', () => {
		expect(corporateNumberCheckDigit('000000000009')).toBe(9);
		expect(corporateNumberCheckDigit('000000000000')).toBe(9);
	});
	test('refuses a base that is not 12 digits', () => {
		expect(() => corporateNumberCheckDigit('12345')).toThrow(RangeError);
		expect(() => corporateNumberCheckDigit('00001205000a')).toThrow(RangeError);
	});
});

describe('isValidCorporateNumber', () => {
	test.each(VALID_CORPORATE_NUMBERS)('accepts %s', (value) => {
		expect(isValidCorporateNumber(value)).toBe(true);
	});
	test.each(INVALID_CORPORATE_NUMBERS)('rejects %j', (value) => {
		expect(isValidCorporateNumber(value)).toBe(false);
	});
	test('agrees with a brute-force reading of the rule for every check digit', () => {
		for (const base of ['123456789012', '999999999999', '010401067252', '000000000000']) {
			const valid = [1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) =>
				isValidCorporateNumber(`${d}${base}`)
			);
			expect(valid).toHaveLength(1);
		}
	});
});

describe('normalizeCorporateNumber', () => {
	test('turns full-width digits into ASCII and drops spaces and hyphens', () => {
		expect(normalizeCorporateNumber('７０００ ０１２０ ５０００２')).toBe('7000012050002');
		expect(normalizeCorporateNumber('7-0000-1205-0002')).toBe('7000012050002');
		expect(normalizeCorporateNumber(' 7000012050002 ')).toBe('7000012050002');
	});
	test('keeps anything else, so validation still rejects it', () => {
		expect(normalizeCorporateNumber('7000O12050002')).toBe('7000O12050002');
		expect(isValidCorporateNumber(normalizeCorporateNumber('7000O12050002'))).toBe(false);
	});
});
