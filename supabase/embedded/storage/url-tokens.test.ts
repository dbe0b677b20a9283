import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { StorageError } from './errors.ts';
import { signUrlToken, verifyUrlToken } from './url-tokens.ts';

const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';

function sign(
	claims: Record<string, unknown>,
	key = secret,
	header: Record<string, unknown> = { alg: 'HS256' }
): string {
	const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const body = `${encode(header)}.${encode(claims)}`;
	return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

function failure(fn: () => unknown): Record<string, unknown> | undefined {
	try {
		fn();
	} catch (error) {
		if (error instanceof StorageError) return error.toJSON();
		throw error;
	}
	return undefined;
}

const later = Math.floor(Date.now() / 1000) + 600;

describe('signed URL tokens', () => {
	test('round-trips a download token', () => {
		const token = signUrlToken({ url: 'b/k.txt', scope: 'download' }, secret, 60);
		expect(verifyUrlToken(token, secret, 'download', 'b/k.txt')).toMatchObject({
			url: 'b/k.txt',
			scope: 'download',
		});
	});

	test('legacy tokens: no scope means download unless they carry upsert', () => {
		expect(
			verifyUrlToken(sign({ url: 'b/k', exp: later }), secret, 'download', 'b/k')
		).toBeTruthy();
		expect(
			verifyUrlToken(sign({ url: 'b/k', upsert: false, exp: later }), secret, 'upload', 'b/k')
		).toBeTruthy();
		expect(
			failure(() =>
				verifyUrlToken(sign({ url: 'b/k', upsert: false, exp: later }), secret, 'download', 'b/k')
			)
		).toMatchObject({
			code: 'InvalidSignature',
			message: 'Token is not scoped for download',
		});
	});

	test.each([
		['malformed', () => 'abc', 'Invalid Compact JWS'],
		[
			'another secret',
			() => sign({ url: 'b/k', exp: later }, 'x'.repeat(40)),
			'signature verification failed',
		],
		['expired', () => sign({ url: 'b/k', exp: 1 }), '"exp" claim timestamp check failed'],
		[
			'alg none',
			() => sign({ url: 'b/k', exp: later }, secret, { alg: 'none' }),
			'"alg" (Algorithm) Header Parameter value not allowed',
		],
	])('%s is InvalidJWT', (_label, make, message) => {
		expect(failure(() => verifyUrlToken(make(), secret, 'download', 'b/k'))).toEqual({
			statusCode: '400',
			code: 'InvalidJWT',
			error: 'InvalidJWT',
			message,
		});
	});

	test('the url claim must match exactly', () => {
		expect(
			failure(() => verifyUrlToken(sign({ url: 'b/k', exp: later }), secret, 'download', 'b/other'))
		).toEqual({
			statusCode: '400',
			code: 'InvalidSignature',
			error: 'InvalidSignature',
			message: 'Invalid signature',
		});
	});

	test('expiry must be a positive number of seconds', () => {
		expect(failure(() => signUrlToken({ url: 'b/k' }, secret, 0))).toMatchObject({
			code: 'InvalidParameter',
		});
		expect(
			failure(() => signUrlToken({ url: 'b/k' }, secret, Number.MAX_SAFE_INTEGER))
		).toMatchObject({
			code: 'InvalidParameter',
			message: 'Invalid Parameter expiresIn',
		});
	});
});
