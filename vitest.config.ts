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
	},
});
