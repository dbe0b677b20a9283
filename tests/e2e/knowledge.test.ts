import { axeViolations, expect, test } from './fixtures.ts';
import { LOCALES, localePath } from '../../src/i18n/locales.ts';
import { CATALOGS } from '../../src/i18n/translate.ts';

/** One page of every template; each is checked in every locale. */
const TEMPLATES = [
	'/',
	'/guides',
	'/pathways',
	'/pathways/ssw-1',
	'/guides/workers',
	'/guides/employers',
	'/glossary',
	'/timeline',
	'/numbers',
	'/search',
	'/no-such-page',
];

test.describe('accessibility', () => {
	for (const locale of LOCALES) {
		for (const path of TEMPLATES) {
			test(`${localePath(locale, path)} has no axe violations`, async ({ page }) => {
				await page.goto(localePath(locale, path));
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				expect(await axeViolations(page)).toEqual([]);
			});
		}
	}
});

test('a reader finds a pathway from the home page and sees its sources @phone', async ({
	page,
}) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'Read the guides' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Guides to the Japan labour corridor'
	);
	await page.getByRole('link', { name: 'Specified Skilled Worker (i)' }).first().click();
	await expect(page).toHaveURL(/\/pathways\/ssw-1$/);
	await expect(page.getByRole('heading', { name: 'At a glance' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
	await expect(page.getByText(/^Last reviewed /)).toBeVisible();
	const firstCitation = page.locator('.cite a').first();
	const target = await firstCitation.getAttribute('href');
	expect(target).toMatch(/^#source-\d+$/);
	await expect(page.locator(target ?? '')).toHaveCount(1);
	// Knowledge pages ship no JavaScript.
	await expect(page.locator('script')).toHaveCount(0);
});

test('the language switcher keeps the current page', async ({ page }) => {
	await page.goto('/pathways/titp');
	await page.locator('summary', { hasText: 'English' }).click();
	await page.getByRole('link', { name: '日本語' }).first().click();
	await expect(page).toHaveURL(/\/ja\/pathways\/titp$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('技能実習');
	const alternates = await page
		.locator('link[rel="alternate"][hreflang]')
		.evaluateAll((links) => links.map((l) => l.getAttribute('hreflang')));
	expect(alternates).toEqual(['en', 'ja', 'vi', 'id', 'sw', 'x-default']);
});

test('a page missing in a locale falls back to English with a notice', async ({ page }) => {
	const response = await page.goto('/sw/guides/employers');
	expect(response?.status()).toBe(200);
	await expect(page.locator('html')).toHaveAttribute('lang', 'sw');
	await expect(page.getByTestId('fallback-notice')).toContainText('Kiswahili');
	await expect(page.locator('article')).toHaveAttribute('lang', 'en');
	// The alternates name only real translations.
	const alternates = await page
		.locator('link[rel="alternate"][hreflang]')
		.evaluateAll((links) => links.map((l) => l.getAttribute('hreflang')));
	expect(alternates).toEqual(['en', 'ja', 'x-default']);
});

test('an unreviewed translation says so and links to English', async ({ page }) => {
	await page.goto('/vi/pathways/titp');
	const notice = page.getByTestId('unreviewed-notice');
	await expect(notice).toBeVisible();
	await expect(notice.getByRole('link')).toHaveAttribute('href', '/pathways/titp');
});

test('unknown pages and locales get a localized 404 with a way home @phone', async ({ page }) => {
	const response = await page.goto('/ja/no-such-page');
	expect(response?.status()).toBe(404);
	const ja = CATALOGS.ja;
	expect(ja['notFound.title']).not.toBe(CATALOGS.en['notFound.title']);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ja['notFound.title'] ?? '');
	await expect(page.getByRole('link', { name: ja['notFound.home'] ?? '' })).toHaveAttribute(
		'href',
		'/ja'
	);
	const unknownLocale = await page.goto('/fr/pathways/titp');
	expect(unknownLocale?.status()).toBe(404);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute(
		'href',
		'/'
	);
});

test('search finds pages in the reader’s language', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('searchbox', { name: 'Search the guides' }).fill('support plan');
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(/\/search\?q=support\+plan$/);
	const results = page.locator('#search-results');
	await expect(results.getByRole('link', { name: 'Specified Skilled Worker (i)' })).toBeVisible();

	await page.goto('/ja/search?q=技能実習');
	await expect(page.locator('#search-results li').first()).toBeVisible();
	const urls = await page
		.locator('#search-results li a')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
	expect(urls.every((u) => u?.startsWith('/ja/'))).toBe(true);
});

test('a keyboard user can skip straight to the content', async ({ page }) => {
	await page.goto('/guides/workers');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});
