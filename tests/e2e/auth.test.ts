import { axeViolations, expect, test } from './fixtures.ts';
import {
	PASSWORD,
	createUser,
	emailLink,
	openEmailLink,
	signIn,
	signInAs,
	uniqueEmail,
} from './auth-helpers.ts';
import { LOCALES, localePath, type Locale } from '../../src/i18n/locales.ts';
import { createTranslator, type MessageKey } from '../../src/i18n/translate.ts';

const en = createTranslator('en');
const ja = createTranslator('ja');
const vi = createTranslator('vi');
const t = (locale: Locale, key: MessageKey) => createTranslator(locale)(key);

test('sign up, confirm by email, sign out, sign in and sign out again @phone', async ({ page }) => {
	const email = uniqueEmail('signup');
	await page.goto('/sign-up');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	await expect(page.getByText(email)).toBeVisible();

	const link = await emailLink(email, 'signup');
	await openEmailLink(page, link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Your email address is confirmed'
	);
	await expect(page.getByRole('banner').getByRole('link', { name: 'Account' })).toBeVisible();
	await page.getByRole('link', { name: 'Go to your account' }).click();
	// A new member is asked who they are first; "not now" is remembered in this browser.
	await expect(page).toHaveURL(/\/welcome$/);
	await page.getByRole('link', { name: 'Not now, go to my account' }).click();
	await expect(page.getByText(`You are signed in as ${email}.`)).toBeVisible();

	// A link works once.
	await openEmailLink(page, link);
	await expect(page.getByText(en('auth.confirm.expired'))).toBeVisible();
	await page.goto('/account');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/sign-out$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('You have signed out');
	await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

	await signIn(page, email, PASSWORD);
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByText(`You are signed in as ${email}.`)).toBeVisible();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.goto('/account');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
});

test('a confirmation link opened in another browser still confirms the address', async ({
	page,
	browser,
}) => {
	const email = uniqueEmail('elsewhere');
	await page.goto('/sign-up');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');

	// A mail app often opens links in its own browser, without this browser's cookies.
	const elsewhere = await browser.newPage();
	await openEmailLink(elsewhere, await emailLink(email, 'signup'));
	await expect(elsewhere.getByRole('heading', { level: 1 })).toHaveText(
		'Your email address is confirmed'
	);
	await elsewhere.close();
	await signIn(page, email, PASSWORD);
	// The account page sends a new member to onboarding first.
	await expect(page).toHaveURL(/\/welcome$/);
});

test('a wrong password gets a translated error that takes focus, and keeps the email', async ({
	page,
}) => {
	const { email } = await createUser();
	await page.goto('/ja/sign-in');
	await page.getByLabel(ja('auth.field.email')).fill(email);
	await page.getByLabel(ja('auth.field.password'), { exact: true }).fill('not the password');
	await page.getByRole('button', { name: ja('auth.signIn.submit') }).click();

	const summary = page.locator('.error-summary');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText(ja('auth.error.invalidCredentials'));
	await expect(page).toHaveTitle(
		new RegExp(`^${ja('form.errorTitle', { title: ja('auth.signIn.title') })}`)
	);
	await expect(page.getByLabel(ja('auth.field.email'))).toHaveValue(email);
	await expect(page.getByLabel(ja('auth.field.password'), { exact: true })).toHaveValue('');
});

test('the browser checks input first with the same messages as the server', async ({ page }) => {
	await page.goto('/sign-up');
	// The show/hide button appears once the island runs: from then on the browser checks input.
	await expect(page.getByRole('button', { name: 'Show password' })).toBeVisible();
	await page.getByLabel('Email address').fill('not-an-email');
	await page.getByLabel('Password', { exact: true }).fill('short');
	await page.getByRole('button', { name: 'Create account' }).click();

	const summary = page.locator('.error-summary');
	await expect(summary).toBeFocused();
	await expect(page).toHaveURL(/\/sign-up$/);
	const email = page.getByLabel('Email address');
	await expect(email).toHaveAttribute('aria-invalid', 'true');
	await expect(email).toHaveAccessibleDescription(/Enter an email address in the correct format/);
	await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
		/Password must be at least 8 characters/
	);
	await summary.getByRole('link', { name: /Password must be at least 8/ }).click();
	await expect(page.getByLabel('Password', { exact: true })).toBeFocused();

	await page.getByRole('button', { name: 'Show password' }).click();
	await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'text');
	await page.getByRole('button', { name: 'Hide password' }).click();
	await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'password');
});

test('a forgotten password is reset through the emailed link', async ({ page }) => {
	const { email } = await createUser();
	await page.goto('/vi/forgot-password');
	await page.getByLabel(vi('auth.field.email')).fill(email);
	await page.getByRole('button', { name: vi('auth.forgot.submit') }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(vi('auth.forgot.sentTitle'));

	await openEmailLink(page, await emailLink(email, 'recovery'));
	await expect(page).toHaveURL(/\/vi\/reset-password$/);
	const newPassword = 'a brand new passphrase';
	await page.getByLabel(vi('auth.field.newPassword')).fill(newPassword);
	await page.getByRole('button', { name: vi('auth.reset.submit') }).click();
	await expect(page).toHaveURL(/\/vi\/account\?notice=password-updated$/);
	await expect(page.getByRole('status')).toHaveText(vi('auth.account.passwordUpdated'));

	await page.getByRole('button', { name: vi('auth.signOut.submit') }).click();
	await signIn(page, email, PASSWORD);
	await expect(page.locator('.error-summary')).toContainText(en('auth.error.invalidCredentials'));
	await signIn(page, email, newPassword);
	await expect(page).toHaveURL(/\/account$/);
});

test('the same answer whether or not an account exists', async ({ page }) => {
	await page.goto('/forgot-password');
	const nobody = uniqueEmail('nobody');
	await page.getByLabel('Email address').fill(nobody);
	await page.getByRole('button', { name: 'Send reset link' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	await expect(page.getByText(`If there is an account for ${nobody}`)).toBeVisible();
});

test('an expired or broken email link explains itself', async ({ page }) => {
	await page.goto('/auth/confirm?token_hash=not-a-real-token&type=signup');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
	await expect(page.getByText(en('auth.confirm.expired'))).toBeVisible();
	await expect(page.getByRole('link', { name: 'Sign up again to get a new link' })).toBeVisible();
	await page.goto('/ja/auth/confirm');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ja('auth.confirm.failedTitle'));
	await expect(page.getByText(ja('auth.confirm.incomplete'))).toBeVisible();
});

test('sign-in returns to the page asked for, and never to another site', async ({ page }) => {
	const { email } = await createUser();
	await page.goto('/ja/account');
	await expect(page).toHaveURL(/\/ja\/sign-in\?next=%2Fja%2Faccount$/);
	await page.getByLabel(ja('auth.field.email')).fill(email);
	await page.getByLabel(ja('auth.field.password'), { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: ja('auth.signIn.submit') }).click();
	await expect(page).toHaveURL(/\/ja\/account$/);
	await page.getByRole('button', { name: ja('auth.signOut.submit') }).click();

	await signIn(page, email, PASSWORD, '/sign-in?next=//evil.example/');
	await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/account$/);
	// Signed in, the sign-in page sends people to their account.
	await page.goto('/sign-in');
	await expect(page).toHaveURL(/\/account$/);
});

test('signing out takes a POST from this site', async ({ page, context, baseURL }) => {
	await signInAs(context, baseURL, await createUser());
	// Following a link to the page only asks; the page is personal, so shared caches keep out.
	const response = await page.goto('/sign-out');
	expect(response?.headers()['cache-control']).toBe('private, no-store');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign out');
	// Another site cannot post the form on the person's behalf (Astro's origin check).
	const forged = await page.request.post('/sign-out?_action=auth.signOut', {
		headers: { origin: 'https://evil.example' },
		form: {},
	});
	expect(forged.status()).toBe(403);
	await page.goto('/account');
	await expect(page).toHaveURL(/\/account$/);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('every form works and shows server errors', async ({ page }) => {
		// Sign up.
		const email = uniqueEmail('nojs');
		await page.goto('/sign-up');
		await expect(page.getByRole('button', { name: 'Show password' })).toHaveCount(0);
		await page.getByLabel('Email address').fill(email);
		await page.getByLabel('Password', { exact: true }).fill('short');
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page.locator('.error-summary')).toContainText(
			'Password must be at least 8 characters'
		);
		await expect(page.getByLabel('Email address')).toHaveValue(email);
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
		await openEmailLink(page, await emailLink(email, 'signup'));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Your email address is confirmed'
		);

		// Sign out, then a wrong password, then the right one.
		await page.goto('/sign-out');
		await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('You have signed out');
		await signIn(page, email, 'wrong password');
		await expect(page.locator('.error-summary')).toContainText(en('auth.error.invalidCredentials'));
		await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/welcome$/);
		await page.getByRole('link', { name: 'Not now, go to my account' }).click();
		await expect(page).toHaveURL(/\/account$/);

		// Change the password while signed in.
		await page.getByRole('link', { name: 'Change your password' }).click();
		await page.getByLabel('New password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Save new password' }).click();
		await expect(page.locator('.error-summary')).toContainText(en('auth.error.samePassword'));
		await page.getByLabel('New password').fill('another good passphrase');
		await page.getByRole('button', { name: 'Save new password' }).click();
		await expect(page).toHaveURL(/\/account\?notice=password-updated$/);

		// Ask for a reset link.
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.goto('/forgot-password');
		await page.getByLabel('Email address').fill(email);
		await page.getByRole('button', { name: 'Send reset link' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	});
});

test.describe('accessibility', () => {
	const SIGNED_OUT = ['/sign-in', '/sign-up', '/forgot-password', '/sign-out', '/auth/confirm'];
	const SIGNED_IN = ['/account', '/reset-password', '/sign-out'];

	for (const locale of LOCALES) {
		for (const path of SIGNED_OUT) {
			test(`${localePath(locale, path)} has no axe violations`, async ({ page }) => {
				await page.goto(localePath(locale, path));
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				expect(await axeViolations(page)).toEqual([]);
			});
		}

		test(`${localePath(locale, '/sign-in')} showing errors has no axe violations`, async ({
			page,
		}) => {
			await page.goto(localePath(locale, '/sign-in'));
			await page.getByRole('main').locator('form button[type="submit"]').click();
			await expect(page.locator('.error-summary')).toBeFocused();
			expect(await axeViolations(page)).toEqual([]);
		});

		for (const path of SIGNED_IN) {
			test(`${localePath(locale, path)} signed in has no axe violations`, async ({
				page,
				context,
				baseURL,
			}) => {
				await signInAs(context, baseURL, await createUser());
				await page.goto(localePath(locale, path));
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expect(
					page.getByRole('banner').getByRole('link', { name: t(locale, 'nav.account') })
				).toBeVisible();
				expect(await axeViolations(page)).toEqual([]);
			});
		}
	}
});

test('knowledge pages link to sign-in and stay free of JavaScript', async ({ page }) => {
	await page.goto('/ja/pathways/titp');
	const link = page.getByRole('banner').getByRole('link', { name: ja('nav.signIn') });
	await expect(link).toHaveAttribute('href', '/ja/sign-in?next=%2Fja%2Fpathways%2Ftitp');
	await expect(page.locator('script')).toHaveCount(0);
});

test('the development mailbox is not part of the production build', async ({ page }) => {
	const response = await page.goto('/dev/mailbox');
	expect(response?.status()).toBe(404);
});
