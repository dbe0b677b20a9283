import { describe, expect, test } from 'vitest';
import { parsePublicEnv, parseServiceRoleKey, SupabaseEnvError } from './env.server.ts';

describe('parsePublicEnv', () => {
	test('returns the URL without a trailing slash, and the anon key', () => {
		expect(
			parsePublicEnv({ SUPABASE_URL: 'http://127.0.0.1:54321/', SUPABASE_ANON_KEY: 'anon' })
		).toEqual({ url: 'http://127.0.0.1:54321', anonKey: 'anon' });
	});
	test('names every missing variable and says where to find it', () => {
		expect(() => parsePublicEnv({})).toThrow(SupabaseEnvError);
		expect(() => parsePublicEnv({})).toThrow(
			/SUPABASE_URL is not set; SUPABASE_ANON_KEY is not set\. .*npm run status/
		);
	});
	test('rejects a URL that is not http(s), and an empty key', () => {
		expect(() =>
			parsePublicEnv({ SUPABASE_URL: 'localhost:54321', SUPABASE_ANON_KEY: ' ' })
		).toThrow(/SUPABASE_URL must be an http\(s\) URL; SUPABASE_ANON_KEY is empty/);
	});
});

describe('parseServiceRoleKey', () => {
	test('returns the key, or says it is missing', () => {
		expect(parseServiceRoleKey({ SUPABASE_SERVICE_ROLE_KEY: 'secret' })).toBe('secret');
		expect(() => parseServiceRoleKey({})).toThrow(/SUPABASE_SERVICE_ROLE_KEY is not set/);
	});
});
