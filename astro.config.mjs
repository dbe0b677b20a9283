// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { LOCALES, DEFAULT_LOCALE } from './src/i18n/locales.ts';

export default defineConfig({
	site: process.env.SITE_URL ?? 'http://localhost:4321',
	output: 'static',
	adapter: node({ mode: 'standalone' }),
	integrations: [react()],
	i18n: {
		locales: [...LOCALES],
		defaultLocale: DEFAULT_LOCALE,
		// Locale routing is done by our own route files (see docs/decisions/004-locale-routing.md).
		routing: 'manual',
	},
	trailingSlash: 'never',
	build: { format: 'file', inlineStylesheets: 'always' },
	server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '127.0.0.1' },
	prefetch: false,
	devToolbar: { enabled: false },
});
