import { describe, expect, test } from 'vitest';
import { safeNextPath, signInUrl } from './paths.ts';

describe('safeNextPath', () => {
	test('keeps paths on this site, with their query and fragment', () => {
		expect(safeNextPath('/account')).toBe('/account');
		expect(safeNextPath('/ja/account?tab=1#top')).toBe('/ja/account?tab=1#top');
		expect(safeNextPath('/')).toBe('/');
	});
	test('normalises dot segments without leaving the site', () => {
		expect(safeNextPath('/a/../account')).toBe('/account');
		expect(safeNextPath('/../../etc')).toBe('/etc');
	});
	test('refuses other sites, however they are written', () => {
		for (const raw of [
			'https://evil.example/',
			'http:evil.example',
			'//evil.example',
			'///evil.example',
			'/\\evil.example',
			'\\\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'javascript:alert(1)',
			'evil.example',
			' /account',
			'',
		]) {
			expect(safeNextPath(raw), JSON.stringify(raw)).toBeNull();
		}
	});
	test('refuses what is not a string, and overlong values', () => {
		expect(safeNextPath(undefined)).toBeNull();
		expect(safeNextPath(null)).toBeNull();
		expect(safeNextPath(['/account'])).toBeNull();
		expect(safeNextPath(`/${'a'.repeat(2000)}`)).toBeNull();
	});
});

describe('signInUrl', () => {
	test('links to the localized sign-in page', () => {
		expect(signInUrl('en')).toBe('/sign-in');
		expect(signInUrl('vi')).toBe('/vi/sign-in');
	});
	test('carries a safe next path and drops an unsafe one', () => {
		expect(signInUrl('ja', '/ja/account')).toBe('/ja/sign-in?next=%2Fja%2Faccount');
		expect(signInUrl('en', '//evil.example')).toBe('/sign-in');
	});
});
