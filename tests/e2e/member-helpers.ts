import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { adminClient, createUser, PASSWORD, signInAs, uniqueEmail } from './auth-helpers.ts';
import { uniqueName } from './organisations-helpers.ts';

/** A member signed in in a browser context of their own, with a filled-in profile. */
export interface Member {
	id: string;
	email: string;
	name: string;
	context: BrowserContext;
	page: Page;
}

/**
 * Creates a member with a unique email and name, sets `profile` on their profile row and signs
 * them in in a new browser context (`options`, e.g. JavaScript off).
 */
export async function signedInMember(
	browser: Browser,
	baseURL: string | undefined,
	label: string,
	profile: Record<string, unknown>,
	options: { javaScriptEnabled?: boolean } = {}
): Promise<Member> {
	const email = uniqueEmail(label);
	const { id } = await createUser(email);
	const name = uniqueName(label);
	const { error } = await adminClient()
		.from('profiles')
		.update({ display_name: name, ...profile })
		.eq('id', id);
	if (error) throw error;
	const context = await browser.newContext(options);
	await signInAs(context, baseURL, { email, password: PASSWORD });
	return { id, email, name, context, page: await context.newPage() };
}

/** A supabase-js client signed in as a member, to play the other side through the site's RPCs. */
export async function clientAs(email: string): Promise<SupabaseClient> {
	const client = createClient(process.env.SUPABASE_URL ?? '', process.env.SUPABASE_ANON_KEY ?? '', {
		auth: { persistSession: false, autoRefreshToken: false },
	});
	const { error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
	if (error) throw error;
	return client;
}
