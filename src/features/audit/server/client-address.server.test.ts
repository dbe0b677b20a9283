import { describe, expect, test } from 'vitest';
import { clientAddress, trustedProxyHops } from './client-address.server.ts';

function context(socket: string | null, forwardedFor?: string) {
	const headers = new Headers();
	if (forwardedFor !== undefined) headers.set('x-forwarded-for', forwardedFor);
	return {
		request: new Request('http://site.test/sign-in', { headers }),
		get clientAddress(): string {
			if (socket === null) throw new Error('no address');
			return socket;
		},
	};
}

describe('clientAddress', () => {
	test('without TRUST_PROXY the socket address is used and X-Forwarded-For ignored', () => {
		expect(clientAddress(context('198.51.100.7', '203.0.113.9'), {})).toBe('198.51.100.7');
		expect(clientAddress(context('::ffff:198.51.100.7'), { TRUST_PROXY: '0' })).toBe(
			'198.51.100.7'
		);
	});

	test('behind one trusted proxy, the address that proxy appended (the right-most) counts', () => {
		// The client sent a made-up first entry; our proxy appended what it saw.
		const ctx = context('10.0.0.2', '1.2.3.4, 203.0.113.9');
		expect(clientAddress(ctx, { TRUST_PROXY: '1' })).toBe('203.0.113.9');
		expect(clientAddress(ctx, { TRUST_PROXY: 'true' })).toBe('203.0.113.9');
		expect(clientAddress(ctx, { TRUST_PROXY: '2' })).toBe('1.2.3.4');
	});

	test('falls back to the socket, then to "unknown"', () => {
		expect(clientAddress(context('10.0.0.2'), { TRUST_PROXY: '1' })).toBe('10.0.0.2');
		expect(clientAddress(context(null), {})).toBe('unknown');
		expect(clientAddress(context('[2001:db8::1]:443'), {})).toBe('2001:db8::1');
	});

	test('TRUST_PROXY accepts 0–10 and true/false; anything else means the socket', () => {
		expect(trustedProxyHops({})).toBe(0);
		expect(trustedProxyHops({ TRUST_PROXY: 'false' })).toBe(0);
		expect(trustedProxyHops({ TRUST_PROXY: '3' })).toBe(3);
		expect(trustedProxyHops({ TRUST_PROXY: 'lots' })).toBe(0);
	});
});
