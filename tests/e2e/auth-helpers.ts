import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect, type BrowserContext, type Page } from '@playwright/test';

interface Backend {
	url: string;
	anonKey: string;
	serviceRoleKey: string;
}

/** The backend the site under test talks to, from the environment or `npm run status -- --json`. */
function backend(): Backend {
	const { SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY } = process.env;
	if (SUPABASE_URL && SUPABASE_ANON_KEY && SUPABASE_SERVICE_ROLE_KEY) {
		return {
			url: SUPABASE_URL,
			anonKey: SUPABASE_ANON_KEY,
			serviceRoleKey: SUPABASE_SERVICE_ROLE_KEY,
		};
	}
	const status = JSON.parse(
		execFileSync('npm', ['run', '--silent', 'status', '--', '--json'], { encoding: 'utf8' })
	) as { API_URL: string; ANON_KEY: string; SERVICE_ROLE_KEY: string };
	process.env.SUPABASE_URL = status.API_URL;
	process.env.SUPABASE_ANON_KEY = status.ANON_KEY;
	process.env.SUPABASE_SERVICE_ROLE_KEY = status.SERVICE_ROLE_KEY;
	return { url: status.API_URL, anonKey: status.ANON_KEY, serviceRoleKey: status.SERVICE_ROLE_KEY };
}

let admin: SupabaseClient | undefined;

/** A service-role client for arranging tests: creating users without the UI. */
export function adminClient(): SupabaseClient {
	const { url, serviceRoleKey } = backend();
	admin ??= createClient(url, serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false },
	});
	return admin;
}

/** A fresh address for one test, so tests never share an account. */
export function uniqueEmail(label = 'e2e'): string {
	return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** A password that passes the site's rules and GoTrue's. */
export const PASSWORD = 'correct horse battery staple';

/**
 * Creates a confirmed account directly through the admin API. Unless `onboarded` is false, its
 * profile already says who the person is, so signing in lands on the account page rather than on
 * onboarding (/welcome), which new members see first.
 */
export async function createUser(
	email = uniqueEmail(),
	password = PASSWORD,
	{ onboarded = true }: { onboarded?: boolean } = {}
) {
	const { data, error } = await adminClient().auth.admin.createUser({
		email,
		password,
		email_confirm: true,
	});
	if (error) throw error;
	if (onboarded) {
		const { error: profileError } = await adminClient()
			.from('profiles')
			.update({ display_name: `Member ${email.split('@')[0]}`, kinds: ['returnee'] })
			.eq('id', data.user.id);
		if (profileError) throw profileError;
	}
	return { email, password, id: data.user.id };
}

/** An email in the backend's mailbox (see supabase/embedded/mailbox.ts). */
interface MailboxMessage {
	kind: string;
	text: string;
	action_link: string | null;
}

/**
 * Waits for the newest email of a kind (`signup`, `recovery`, …) to an address in the backend's
 * mailbox (GET /mailbox/v1/messages, newest first) and returns the link in it.
 */
export async function emailLink(to: string, kind: string): Promise<string> {
	const { url, serviceRoleKey } = backend();
	let link: string | undefined;
	await expect
		.poll(
			async () => {
				const response = await fetch(`${url}/mailbox/v1/messages?${new URLSearchParams({ to })}`, {
					headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}` },
				});
				const message = ((await response.json()) as MailboxMessage[]).find((m) => m.kind === kind);
				link = message?.action_link ?? message?.text.match(/https?:\/\/\S+/)?.[0];
				return link;
			},
			{ message: `a ${kind} email to ${to}`, timeout: 10_000 }
		)
		.toBeTruthy();
	return link ?? '';
}

/**
 * Opens an email link in the browser. Links to the site are opened on the site under test, whatever
 * origin the backend put in them; links to the auth server are opened as they are.
 */
export async function openEmailLink(page: Page, link: string): Promise<void> {
	const target = new URL(link);
	if (target.pathname.startsWith('/auth/v1/')) await page.goto(link);
	else await page.goto(`${target.pathname}${target.search}`);
}

/**
 * Signs a browser context in without the UI: signs in with @supabase/ssr, exactly as the site does,
 * and gives the browser the session cookies it wrote.
 */
export async function signInAs(
	context: BrowserContext,
	baseURL: string | undefined,
	{ email, password }: { email: string; password: string }
): Promise<void> {
	const { url, anonKey } = backend();
	const cookies: { name: string; value: string }[] = [];
	const supabase = createServerClient(url, anonKey, {
		cookies: { getAll: () => cookies, setAll: (set) => void cookies.push(...set) },
	});
	const { error } = await supabase.auth.signInWithPassword({ email, password });
	if (error) throw error;
	const site = new URL(baseURL ?? 'http://127.0.0.1');
	await context.addCookies(
		cookies.map(({ name, value }) => ({ name, value, domain: site.hostname, path: '/' }))
	);
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, email: string, password: string, path = '/sign-in') {
	await page.goto(path);
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}
