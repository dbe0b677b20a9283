import { describe, expect, test } from 'vitest';
import { matchRoute } from './routes.ts';

function route(method: string, path: string) {
	const match = matchRoute(method, path);
	return match && { pattern: match.route.pattern, access: match.route.access, ...match.params };
}

describe('matchRoute', () => {
	test('literal segments win over a bucket named like them', () => {
		expect(route('POST', '/object/list/avatars')).toMatchObject({
			pattern: '/object/list/:bucket',
			bucket: 'avatars',
		});
		expect(route('POST', '/object/sign/avatars/a/b.png')).toMatchObject({
			pattern: '/object/sign/:bucket/*',
			rest: 'a/b.png',
		});
		expect(route('POST', '/object/sign/avatars')).toMatchObject({
			pattern: '/object/sign/:bucket',
		});
		expect(route('GET', '/object/public/avatars/u/me.png')).toMatchObject({
			access: 'public',
			bucket: 'avatars',
			rest: 'u/me.png',
		});
	});

	test('a path that does not fit a literal route falls back to the bucket route', () => {
		expect(route('POST', '/object/list/a/b')).toMatchObject({
			pattern: '/object/:bucket/*',
			bucket: 'list',
			rest: 'a/b',
		});
	});

	test('bulk and single delete are told apart by the wildcard', () => {
		expect(route('DELETE', '/object/files')).toMatchObject({ pattern: '/object/:bucket' });
		expect(route('DELETE', '/object/files/x.txt')).toMatchObject({
			pattern: '/object/:bucket/*',
			rest: 'x.txt',
		});
	});

	test('segments are percent-decoded, so encoded dots reach key validation', () => {
		expect(route('GET', '/object/files/%2e%2e%2fsecret')).toMatchObject({ rest: '../secret' });
		expect(route('GET', '/object/my%20bucket/a%20b.txt')).toMatchObject({
			bucket: 'my bucket',
			rest: 'a b.txt',
		});
	});

	test('unknown paths, methods and malformed encodings do not match', () => {
		expect(route('GET', '/nothing')).toBeUndefined();
		expect(route('PATCH', '/bucket')).toBeUndefined();
		expect(route('GET', '/object/files/%E0%A4%A')).toBeUndefined();
		expect(route('GET', '/bucket/')).toBeUndefined();
	});

	test('HEAD falls back to the GET route where there is no HEAD route', () => {
		expect(route('HEAD', '/object/sign/files/a')).toMatchObject({
			pattern: '/object/sign/:bucket/*',
		});
		expect(route('HEAD', '/bucket/files')).toMatchObject({ pattern: '/bucket/:bucket' });
		expect(matchRoute('HEAD', '/object/files/a')?.route.method).toBe('HEAD');
	});

	test('access levels follow Storage', () => {
		expect(route('GET', '/object/files/a')).toMatchObject({ access: 'optional-jwt' });
		expect(route('GET', '/object/authenticated/files/a')).toMatchObject({ access: 'jwt' });
		expect(route('GET', '/object/sign/files/a')).toMatchObject({ access: 'public' });
		expect(route('PUT', '/object/upload/sign/files/a')).toMatchObject({ access: 'public' });
		expect(route('POST', '/bucket/files/empty')).toMatchObject({ access: 'service-role' });
	});
});
