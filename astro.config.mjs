// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { inlinedCssPreloads } from './src/integrations/inlined-css-preloads.ts';
import {
	CSP_DIRECTIVES,
	CSP_SCRIPT_RESOURCES,
	CSP_STYLE_RESOURCES,
} from './src/lib/security-headers.ts';

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
	// `staticHeaders`: the Content-Security-Policy of prerendered pages goes into a header file the
	// server sends it from, rather than into a <meta> element, which cannot carry frame-ancestors.
	// scripts/serve.ts runs the build and adds the other security headers (ADR 014).
	adapter: node({ mode: 'standalone', staticHeaders: true }),
	integrations: [react(), devMailbox(), inlinedCssPreloads()],
	trailingSlash: 'never',
	build: { format: 'directory', inlineStylesheets: 'always' },
	server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '127.0.0.1' },
	prefetch: false,
	// Shiki colours code with style="" attributes, which the CSP refuses; the content has no code.
	markdown: { syntaxHighlight: false },
	// Forms post files to Astro Actions: avatars and logos (2 MB) and verification documents
	// (10 MB), plus the form around them. Each action checks its own file's limit; bodies beyond
	// this one are refused before they are read, and the page says the file is too large.
	security: {
		actionBodySizeLimit: 11 * 1024 * 1024,
		// Cross-site form POSTs to actions and pages rendered on demand get a 403 (Astro's default,
		// stated so that nobody turns it off by accident; tests/e2e/security-headers.test.ts).
		checkOrigin: true,
		// Astro hashes its own inline scripts and styles; no inline script runs without a hash.
		csp: {
			directives: [...CSP_DIRECTIVES],
			scriptDirective: { resources: [...CSP_SCRIPT_RESOURCES] },
			styleDirective: { resources: [...CSP_STYLE_RESOURCES] },
		},
	},
	devToolbar: { enabled: false },
});
