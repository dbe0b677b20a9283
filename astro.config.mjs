// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';

/**
 * The development mailbox at /dev/mailbox, listing the emails the local backend sent. The route is
 * injected by `astro dev` only, so production builds do not contain it at all.
 * @returns {import('astro').AstroIntegration}
 */
function devMailbox() {
	return {
		name: 'okaeri:dev-mailbox',
		hooks: {
			'astro:config:setup': ({ command, injectRoute }) => {
				if (command !== 'dev') return;
				injectRoute({
					pattern: '/dev/mailbox',
					entrypoint: './src/features/dev-mailbox/MailboxRoute.astro',
					prerender: false,
				});
			},
		},
	};
}

export default defineConfig({
	site: process.env.SITE_URL ?? 'http://localhost:4321',
	output: 'static',
	adapter: node({ mode: 'standalone' }),
	integrations: [react(), devMailbox()],
	trailingSlash: 'never',
	build: { format: 'directory', inlineStylesheets: 'always' },
	server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '127.0.0.1' },
	prefetch: false,
	// Forms post files to Astro Actions: avatars and logos (2 MB) and verification documents
	// (10 MB), plus the form around them. Each action checks its own file's limit; bodies beyond
	// this one are refused before they are read, and the page says the file is too large.
	security: { actionBodySizeLimit: 11 * 1024 * 1024 },
	devToolbar: { enabled: false },
});
