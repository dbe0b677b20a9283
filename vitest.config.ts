/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig({
	test: {
		include: [
			'src/**/*.test.ts',
			'scripts/**/*.test.ts',
			'supabase/**/*.test.ts',
			'tests/integration/**/*.test.ts',
		],
		// With TEST_POSTGRES=1: one throwaway PostgreSQL 15 cluster for the whole run (TEST_DATABASE_URL).
		globalSetup: ['tests/integration/support/postgres-setup.ts'],
	},
});
