import { defineConfig, devices } from '@playwright/test';
import { mintApiKey } from './supabase/embedded/config.ts';

const port = Number(process.env.E2E_PORT ?? 4391);
const apiPort = Number(process.env.E2E_API_PORT ?? 54391);
const siteUrl = `http://127.0.0.1:${port}`;
const apiUrl = `http://127.0.0.1:${apiPort}`;

// The end-to-end backend is a throwaway: a fresh data directory of its own, rate limits off, and a
// fixed JWT secret, so that its API keys are known before it starts (the site needs them at launch).
const jwtSecret = 'e2e-only-jwt-secret-never-used-in-production';
const supabase = {
	SUPABASE_URL: apiUrl,
	SUPABASE_ANON_KEY: mintApiKey('anon', jwtSecret),
	SUPABASE_SERVICE_ROLE_KEY: mintApiKey('service_role', jwtSecret),
};
// Tests arrange data through the same backend (tests/e2e/auth-helpers.ts reads these), and call
// POST /jobs/run with the secret the site gets (tests/e2e/jobs.test.ts).
const JOBS_SECRET = 'e2e-only-jobs-secret-0123456789abcdef';
Object.assign(process.env, supabase, { JOBS_SECRET });

/** Debian's Chromium: Playwright cannot download its own browsers on these machines. */
const chromium = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
};

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	fullyParallel: true,
	forbidOnly: Boolean(process.env.CI),
	retries: process.env.CI ? 1 : 0,
	workers: 2,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL: siteUrl,
		trace: 'on-first-retry',
		screenshot: 'only-on-failure',
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
		{ name: 'phone', use: { ...devices['Pixel 7'], launchOptions: chromium }, grep: /@phone/ },
	],
	webServer: [
		{
			command: 'npm run --silent backend -- --fresh',
			// Any answer means it is up; /auth/v1/health wants an API key and says so with a 401.
			url: `${apiUrl}/auth/v1/health`,
			env: {
				// One per API port, so suites on different ports can run side by side.
				DATA_DIR: `.data/e2e-${apiPort}`,
				PORT: String(apiPort),
				DB_PORT: '-1',
				JWT_SECRET: jwtSecret,
				SITE_URL: siteUrl,
				RATE_LIMITS: 'off',
			},
			reuseExistingServer: false,
			timeout: 60_000,
			gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
		},
		{
			// The production server with the security headers (scripts/serve.ts, ADR 014).
			command: 'node scripts/serve.ts',
			url: `${siteUrl}/`,
			// Many sign-ins from 127.0.0.1: the site's own rate limits are off too (messages stay limited
			// in the database, far above what the suite sends).
			env: {
				PORT: String(port),
				HOST: '127.0.0.1',
				SITE_URL: siteUrl,
				RATE_LIMITS: 'off',
				JOBS_SECRET,
				...supabase,
			},
			reuseExistingServer: false,
			timeout: 60_000,
		},
	],
});
