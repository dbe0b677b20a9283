import { readFileSync } from 'node:fs';
import bcrypt from 'bcryptjs';
import { AuthError, badRequest } from './errors.ts';

/** GoTrue refuses passwords longer than bcrypt can hash. */
const MAX_PASSWORD_LENGTH = 72;
// GoTrue (Go's bcrypt) stores `$2a$10$…`.
const BCRYPT_COST = 10;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
	readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
		.split('\n')
		.map((line) => line.trim().toLowerCase())
		.filter((line) => line !== '' && !line.startsWith('#'))
);

/** A password refused by the strength policy: 422 `weak_password` with the reasons. */
export function weakPasswordError(message: string, reasons: string[]): AuthError {
	return new AuthError(422, 'weak_password', message, reasons);
}

/**
 * Checks a password against the policy as GoTrue does: over 72 bytes → 400 `validation_failed`; shorter than
 * `minLength` → reason `length`; one of the most common passwords → reason `pwned` (GoTrue's leaked-password
 * reason). Throws the AuthError, or returns when the password is acceptable.
 */
export function checkPasswordStrength(password: string, minLength: number): void {
	if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_LENGTH) {
		throw badRequest(
			'validation_failed',
			`Password cannot be longer than ${MAX_PASSWORD_LENGTH} characters`
		);
	}
	const reasons: string[] = [];
	const messages: string[] = [];
	// Go's len() counts bytes.
	if (Buffer.byteLength(password, 'utf8') < minLength) {
		reasons.push('length');
		messages.push(`Password should be at least ${minLength} characters.`);
	}
	if (COMMON_PASSWORDS.has(password.toLowerCase())) {
		reasons.push('pwned');
		messages.push('Password is known to be weak and easy to guess, please choose a different one.');
	}
	if (reasons.length > 0) throw weakPasswordError(messages.join(' '), reasons);
}

/** bcrypt-hashes a password the way GoTrue stores it (`$2a$10$…`). */
export async function hashPassword(password: string): Promise<string> {
	const salt = (await bcrypt.genSalt(BCRYPT_COST)).replace(/^\$2b\$/, '$2a$');
	return bcrypt.hash(password, salt);
}

/** Whether `password` matches the stored bcrypt hash (false for a missing or non-bcrypt hash). */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
	if (hash === null || !/^\$2[abxy]?\$\d\d\$/.test(hash)) return false;
	try {
		return await bcrypt.compare(password, hash);
	} catch {
		return false;
	}
}

/** Whether a string is a bcrypt hash that `verifyPassword` can check (for admin `password_hash`). */
export function isBcryptHash(hash: string): boolean {
	return /^\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash);
}
