import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Queryable } from '../contracts.ts';

/** Kinds of one-time tokens GoTrue tracks (auth.one_time_token_type). */
export type OneTimeTokenType =
	| 'confirmation_token'
	| 'recovery_token'
	| 'email_change_token_new'
	| 'email_change_token_current'
	| 'reauthentication_token';

/** GoTrue's email OTP length (GOTRUE_MAILER_OTP_LENGTH default). */
const OTP_LENGTH = 6;

/** A random numeric one-time code. */
export function generateOtp(): string {
	let otp = '';
	for (let index = 0; index < OTP_LENGTH; index += 1) otp += String(randomInt(10));
	return otp;
}

/** GoTrue's token hash: lower-case hex SHA-224 of the email (or phone) followed by the code. */
export function tokenHash(address: string, otp: string): string {
	return createHash('sha224').update(`${address}${otp}`).digest('hex');
}

/** Replaces the user's one-time token of `type` (one per user and type, as GoTrue keeps them). */
export async function storeOneTimeToken(
	q: Queryable,
	userId: string,
	type: OneTimeTokenType,
	hash: string,
	relatesTo: string
): Promise<void> {
	await q.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [
		userId,
		type,
	]);
	await q.query(
		`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
		 values ($1, $2, $3, $4, $5, now(), now())`,
		[randomUUID(), userId, type, hash, relatesTo]
	);
}

/** Removes every one-time token of the user. */
export async function clearOneTimeTokens(q: Queryable, userId: string): Promise<void> {
	await q.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}
