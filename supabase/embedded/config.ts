import { randomBytes } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackendConfig } from './contracts.ts';
import { signJwt } from './jwt.ts';

/** Everything the embedded backend is configured with: BackendConfig plus what only this package reads. */
export interface EmbeddedConfig extends BackendConfig {
	/** Interface the HTTP API listens on (`HOST`, default 127.0.0.1). */
	host: string;
	/** HTTP port (`PORT`, default 54321; 0 = any free port). */
	port: number;
	/** Port of the PostgreSQL wire protocol for PGlite (`DB_PORT`, default 54322; 0 = any; -1 = off). */
	dbPort: number;
	/** PostgreSQL to use instead of PGlite (`DATABASE_URL`). */
	databaseUrl: string | undefined;
	/** Opaque API keys of Supabase's newer kind, mapped to anon / service_role like the gateway maps them. */
	publishableKey: string;
	secretKey: string;
	/** `iss` of access tokens: `<apiUrl>/auth/v1`, as the Supabase CLI sets it. */
	jwtIssuer: string;
	/** URLs besides `siteUrl` that `redirect_to` may point at (`ADDITIONAL_REDIRECT_URLS`, comma-separated; `*`/`**` globs). */
	additionalRedirectUrls: string[];
	/** Minimum password length (`PASSWORD_MIN_LENGTH`, default 8 for this portal; GoTrue's default is 6). */
	passwordMinLength: number;
	/** Seconds a revoked refresh token may still be exchanged (GoTrue's reuse interval; CLI default 10). */
	refreshTokenReuseInterval: number;
	/** Seconds between two emails of one kind to one user (GoTrue's SMTP max frequency, 60; 0 when rate limits are off). */
	emailMinInterval: number;
	/** Seconds an email link or one-time code stays valid (`MAILER_OTP_EXP`, default 3600). */
	emailOtpExpiry: number;
	/** `DISABLE_SIGNUP=true` refuses new users except through the admin API. */
	disableSignup: boolean;
	/** `ENABLE_ANONYMOUS_SIGN_INS=true` allows `signInAnonymously()` (off by default, as in the CLI). */
	anonymousSignIns: boolean;
}

/** Command-line flags the backend understands. */
export interface BackendFlags {
	/** `--fresh`: start from an empty data directory. */
	fresh: boolean;
	/** `--json`: machine-readable output (status). */
	json: boolean;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRETS_FILE = 'secrets.json';
// Far in the future, as in the Supabase CLI's demo keys.
const API_KEY_EXPIRY = 1_983_812_996;
const API_KEY_ISSUED_AT = 1_735_689_600;

/** Parses the flags out of `argv` (unknown arguments are refused, naming them). */
export function parseFlags(argv: readonly string[]): BackendFlags {
	const flags: BackendFlags = { fresh: false, json: false };
	for (const arg of argv) {
		if (arg === '--fresh') flags.fresh = true;
		else if (arg === '--json') flags.json = true;
		else throw new Error(`unknown argument "${arg}" (supported: --fresh, --json)`);
	}
	return flags;
}

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
	return value;
}

function envBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
	const raw = env[name]?.trim().toLowerCase();
	if (raw === undefined || raw === '') return fallback;
	if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
	if (['0', 'false', 'no', 'off'].includes(raw)) return false;
	throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

interface Secrets {
	jwtSecret: string;
	publishableKey: string;
	secretKey: string;
}

function newSecrets(): Secrets {
	return {
		jwtSecret: randomBytes(32).toString('base64url'),
		publishableKey: `sb_publishable_${randomBytes(16).toString('base64url')}`,
		secretKey: `sb_secret_${randomBytes(16).toString('base64url')}`,
	};
}

/** Reads the data directory's secrets, creating them (mode 0600) on first use. */
function loadSecrets(dataDir: string): Secrets {
	const path = join(dataDir, SECRETS_FILE);
	if (existsSync(path)) {
		const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Secrets>;
		if (typeof parsed.jwtSecret !== 'string' || parsed.jwtSecret.length < 32) {
			throw new Error(
				`${path} has no usable jwtSecret; delete it (or run with --fresh) to make a new one`
			);
		}
		return { ...newSecrets(), ...parsed } as Secrets;
	}
	const secrets = newSecrets();
	mkdirSync(dataDir, { recursive: true });
	const partial = `${path}.${process.pid}.partial`;
	writeFileSync(partial, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
	renameSync(partial, path);
	return secrets;
}

/** An API key (legacy JWT kind) for `role`, as the Supabase CLI mints its demo keys. */
export function mintApiKey(role: 'anon' | 'service_role', jwtSecret: string): string {
	return signJwt(
		{ iss: 'supabase-demo', role, iat: API_KEY_ISSUED_AT, exp: API_KEY_EXPIRY },
		jwtSecret
	);
}

/**
 * Empties a data directory for `--fresh`. Refuses a directory that does not look like one of ours (anything
 * besides pgdata/, storage/ and secrets.json in it), so a mistyped DATA_DIR cannot wipe unrelated files.
 */
export function wipeDataDir(dataDir: string): void {
	if (!existsSync(dataDir)) return;
	const foreign = readdirSync(dataDir).filter(
		(name) => !['pgdata', 'storage', SECRETS_FILE].includes(name) && !name.startsWith('.')
	);
	if (foreign.length > 0) {
		throw new Error(
			`refusing to wipe ${dataDir}: it holds files the backend did not create (${foreign.slice(0, 5).join(', ')})`
		);
	}
	rmSync(dataDir, { recursive: true, force: true });
}

/** The data directory `loadConfig` uses: DATA_DIR resolved from the repository, default `.data/`. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
	return resolve(REPO_ROOT, env['DATA_DIR'] ?? '.data');
}

/** Inputs of `loadConfig`; everything has a default. */
export interface ConfigSources {
	env?: NodeJS.ProcessEnv;
	/** Keep everything in memory (tests): no data directory, secrets per process unless JWT_SECRET is set. */
	inMemory?: boolean;
	/** Values that win over the environment (tests). */
	overrides?: Partial<EmbeddedConfig>;
}

/**
 * Builds the configuration from the environment: DATA_DIR (default `.data/` in the repository), PORT, DB_PORT,
 * HOST, API_URL, SITE_URL (http://localhost:4321), JWT_SECRET (else a random secret kept in the data directory),
 * JWT_EXPIRY (3600), ENABLE_EMAIL_AUTOCONFIRM (false), RATE_LIMITS=off, DATABASE_URL, ADDITIONAL_REDIRECT_URLS,
 * PASSWORD_MIN_LENGTH (8), MAILER_OTP_EXP (3600), DISABLE_SIGNUP, ENABLE_ANONYMOUS_SIGN_INS.
 * Rejects malformed values, naming the variable.
 */
export function loadConfig(sources: ConfigSources = {}): EmbeddedConfig {
	const env = sources.env ?? process.env;
	const overrides = sources.overrides ?? {};
	const dataDir = sources.inMemory ? undefined : dataDirFromEnv(env);
	const host = env['HOST'] ?? '127.0.0.1';
	const port = envNumber(env, 'PORT', 54321);
	const stored = dataDir === undefined ? newSecrets() : loadSecrets(dataDir);
	const jwtSecret = overrides.jwtSecret ?? (env['JWT_SECRET'] || stored.jwtSecret);
	if (jwtSecret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters long');
	const apiUrl = (
		env['API_URL'] ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
	).replace(/\/+$/, '');
	const rateLimitsOff = (env['RATE_LIMITS'] ?? '').trim().toLowerCase() === 'off';
	const expiry = envNumber(env, 'JWT_EXPIRY', 3600);
	if (expiry < 30 || expiry > 604_800)
		throw new Error('JWT_EXPIRY must be between 30 and 604800 seconds');

	const config: EmbeddedConfig = {
		apiUrl,
		siteUrl: (env['SITE_URL'] ?? 'http://localhost:4321').replace(/\/+$/, ''),
		jwtSecret,
		anonKey: mintApiKey('anon', jwtSecret),
		serviceRoleKey: mintApiKey('service_role', jwtSecret),
		...(dataDir === undefined ? {} : { dataDir }),
		jwtExpiry: expiry,
		mailerAutoconfirm: envBoolean(env, 'ENABLE_EMAIL_AUTOCONFIRM', false),
		rateLimits: rateLimitsOff
			? false
			: {
					// Per hour per IP. GoTrue/CLI defaults: sign-in and sign-up 30 per 5 min, token refresh 150 per 5 min,
					// emails 30 per hour (self-hosted GoTrue's default), OTP 30 per hour.
					signIn: envNumber(env, 'RATE_LIMIT_SIGN_IN', 360),
					signUp: envNumber(env, 'RATE_LIMIT_SIGN_UP', 360),
					recover: envNumber(env, 'RATE_LIMIT_EMAIL_SENT', 30),
					refresh: envNumber(env, 'RATE_LIMIT_TOKEN_REFRESH', 1800),
					otp: envNumber(env, 'RATE_LIMIT_OTP', 30),
				},
		host,
		port,
		dbPort: envNumber(env, 'DB_PORT', 54322),
		databaseUrl: env['DATABASE_URL'] || undefined,
		publishableKey: stored.publishableKey,
		secretKey: stored.secretKey,
		jwtIssuer: `${apiUrl}/auth/v1`,
		additionalRedirectUrls: (env['ADDITIONAL_REDIRECT_URLS'] ?? '')
			.split(',')
			.map((url) => url.trim())
			.filter((url) => url !== ''),
		passwordMinLength: envNumber(env, 'PASSWORD_MIN_LENGTH', 8),
		refreshTokenReuseInterval: envNumber(env, 'REFRESH_TOKEN_REUSE_INTERVAL', 10),
		emailMinInterval: rateLimitsOff ? 0 : envNumber(env, 'EMAIL_MIN_INTERVAL', 60),
		emailOtpExpiry: envNumber(env, 'MAILER_OTP_EXP', 3600),
		disableSignup: envBoolean(env, 'DISABLE_SIGNUP', false),
		anonymousSignIns: envBoolean(env, 'ENABLE_ANONYMOUS_SIGN_INS', false),
	};
	const merged = { ...config, ...overrides };
	if (overrides.jwtSecret !== undefined) {
		merged.anonKey = overrides.anonKey ?? mintApiKey('anon', overrides.jwtSecret);
		merged.serviceRoleKey =
			overrides.serviceRoleKey ?? mintApiKey('service_role', overrides.jwtSecret);
	}
	return merged;
}
