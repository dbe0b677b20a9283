import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Pages fail a test when they log a console error, throw or break the Content-Security-Policy:
 * `test` collects all three for every page and asserts after the test body.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
	consoleErrors: [
		async ({ page }, use) => {
			const errors: string[] = [];
			page.on('console', (msg) => {
				if (msg.type() !== 'error') return;
				// A page answered with a 4xx status (a 404 page, a form shown again with its errors)
				// logs its own document load; that is the page working as intended.
				const ownDocument = msg.location().url === page.url();
				if (/status of 4\d\d/.test(msg.text()) && (ownDocument || /status of 404/.test(msg.text())))
					return;
				errors.push(msg.text());
			});
			page.on('pageerror', (err) => errors.push(err.message));
			// Chromium logs most Content-Security-Policy violations as console errors; the event
			// catches every one (init scripts run outside the page's policy).
			await page.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (event) => {
					const blocked = event.blockedURI || 'inline';
					console.error(`CSP violation: ${event.effectiveDirective} blocked ${blocked}`);
				});
			});
			await use(errors);
			expect(errors, 'console errors').toEqual([]);
		},
		{ auto: true },
	],
});

/** Runs axe-core (WCAG 2.2 A and AA rules) on the current page and returns the violations. */
export async function axeViolations(page: import('@playwright/test').Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	return results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
}

export { expect };
