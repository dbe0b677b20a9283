import { describe, expect, it } from 'vitest';
import { decodeJwtClaims, signJwt, verifyJwt } from './jwt.ts';

const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('jwt', () => {
	it('verifies what it signs', () => {
		const token = signJwt({ sub: 'x', role: 'authenticated', exp: 4_000_000_000 }, secret);
		expect(verifyJwt(token, secret)).toMatchObject({
			ok: true,
			claims: { sub: 'x', role: 'authenticated' },
		});
		expect(decodeJwtClaims(token)).toMatchObject({ sub: 'x' });
	});

	it('refuses a wrong secret, expiry, bad structure and alg none', () => {
		const token = signJwt({ exp: 4_000_000_000 }, secret);
		expect(verifyJwt(token, 'another-secret')).toMatchObject({
			ok: false,
			failure: 'bad_signature',
		});
		expect(verifyJwt(signJwt({ exp: 1 }, secret), secret)).toMatchObject({
			ok: false,
			failure: 'expired',
		});
		expect(verifyJwt('a.b', secret)).toMatchObject({ ok: false, failure: 'malformed', parts: 2 });
		expect(verifyJwt('', secret)).toMatchObject({ ok: false, failure: 'empty' });
		const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
		expect(verifyJwt(none, secret)).toMatchObject({ ok: false, failure: 'unsupported_algorithm' });
		const [h, p] = token.split('.');
		expect(verifyJwt(`${h}.${p}.!!!`, secret)).toMatchObject({
			ok: false,
			failure: 'bad_signature',
		});
	});

	it('allows clock skew', () => {
		const now = 1000;
		expect(verifyJwt(signJwt({ exp: 990 }, secret), secret, { now, clockSkewSeconds: 30 }).ok).toBe(
			true
		);
		expect(verifyJwt(signJwt({ iat: 1010 }, secret), secret, { now }).ok).toBe(false);
	});
});
