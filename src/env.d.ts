/// <reference types="astro/client" />

declare namespace App {
	/** Per-request context set by `src/middleware.ts` for pages rendered on demand. */
	interface Locals {
		/** The locale of the requested URL. */
		locale: import('./i18n/locales.ts').Locale;
		/** Translates into `locale`. */
		t: import('./i18n/translate.ts').Translate;
		/**
		 * Supabase as the visitor: anon key plus their session cookies, so row-level security applies.
		 * Created on first use; throws `SupabaseEnvError` when Supabase is not configured.
		 */
		supabase: import('@supabase/supabase-js').SupabaseClient;
		/** The verified claims of the signed-in user, or null when signed out. */
		user: import('./features/auth/server/session.server.ts').UserClaims | null;
		/** Set when the backend could not be reached: what the 503 page (src/pages/503.astro) shows. */
		outage?: import('./features/outage/server/outage.server.ts').Outage;
	}
}
