// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';

export default defineConfig({
	site: process.env.SITE_URL ?? 'http://localhost:4321',
	output: 'static',
	adapter: node({ mode: 'standalone' }),
	integrations: [react()],
	trailingSlash: 'never',
	build: { format: 'directory', inlineStylesheets: 'always' },
	server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '127.0.0.1' },
	prefetch: false,
	devToolbar: { enabled: false },
});
