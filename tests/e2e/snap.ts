import type { Page, TestInfo } from '@playwright/test';
import { axeViolations, expect } from './fixtures.ts';

/** The two widths every journey step is photographed at: a small phone and a laptop. */
export const VIEWPORTS = {
	phone: { width: 390, height: 844 },
	desktop: { width: 1280, height: 800 },
} as const;

/**
 * Records one step of a journey: at phone width it runs axe (WCAG 2.2 AA) and checks that nothing
 * is wider than the screen, then photographs the full page at phone and desktop width into
 * `screens/<name>-phone.png` and `-desktop.png` in the test's output folder, attached to the report.
 * The page is left at desktop width.
 * @param name the step, such as `returnee/03-profile`
 */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	await page.setViewportSize(VIEWPORTS.phone);
	const violations = await axeViolations(page);
	// A page that scrolls sideways on a phone hides part of itself.
	const overflow = await page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		return document.documentElement.scrollWidth > width
			? [...document.querySelectorAll('body *')]
					.filter((el) => el.getBoundingClientRect().right > width + 1)
					.slice(0, 5)
					.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
			: [];
	});
	for (const [width, viewport] of Object.entries(VIEWPORTS)) {
		await page.setViewportSize(viewport);
		// A full-page picture shows images below the fold, which the browser would load lazily.
		await page.evaluate(() =>
			Promise.all(
				[...document.images].map((img) => {
					img.loading = 'eager';
					return img.decode().catch(() => undefined);
				})
			)
		);
		const path = testInfo.outputPath(`screens/${name}-${width}.png`);
		await page.screenshot({ path, fullPage: true, animations: 'disabled' });
		await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
	}
	expect(violations, `axe on ${name}`).toEqual([]);
	expect(overflow, `wider than a phone on ${name}`).toEqual([]);
}
