// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
	{ ignores: ['dist', '.astro', '.data', 'node_modules', 'test-results', 'playwright-report'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	...astro.configs.recommended,
	{
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		rules: {
			// One import source for zod project-wide: Astro's bundled zod 4.
			'no-restricted-imports': [
				'error',
				{ paths: [{ name: 'zod', message: "Import { z } from 'astro/zod'." }] },
			],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{
		// Islands run in the browser: server-only modules (service-role key, cookies) must never reach them.
		files: ['src/**/*.tsx'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [{ name: 'zod', message: "Import { z } from 'astro/zod'." }],
					patterns: [
						{
							regex: '\\.server(\\.ts)?$',
							message: 'Islands run in the browser; *.server.ts modules are server-only.',
						},
					],
				},
			],
		},
	},
	prettier
);
