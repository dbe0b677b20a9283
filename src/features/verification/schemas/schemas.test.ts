import { describe, expect, test } from 'vitest';
import { VERIFICATION_LIMITS } from '../options.ts';
import { DecisionSchema } from './decision.schema.ts';
import { OrganisationVerificationSchema, PersonVerificationSchema } from './request.schema.ts';

async function messages(
	schema: { safeParseAsync: (v: unknown) => Promise<unknown> },
	input: unknown
) {
	const result = (await schema.safeParseAsync(input)) as {
		error?: { issues: { path: PropertyKey[]; message: string }[] };
	};
	const byField: Record<string, string[]> = {};
	for (const issue of result.error?.issues ?? []) {
		(byField[String(issue.path[0])] ??= []).push(issue.message);
	}
	return byField;
}

const ID = '5b1f0c1e-9a43-4c1b-8f5e-2f6f1d1f7a10';
const pdf = (name = 'certificate.pdf', size = 0) =>
	new File([new TextEncoder().encode('%PDF-1.7\n'), new Uint8Array(size)], name, {
		type: 'application/pdf',
	});

describe('PersonVerificationSchema', () => {
	test('accepts up to three documents and an optional message', async () => {
		const files = [pdf(), pdf('b.pdf'), pdf('c.pdf')];
		const result = await PersonVerificationSchema.parseAsync({ message: null, evidence: files });
		expect(result).toEqual({ message: null, evidence: files });
	});

	test('needs at least one document', async () => {
		expect(
			await messages(PersonVerificationSchema, { message: 'hi', evidence: [new File([], '')] })
		).toEqual({ evidence: ['verification.error.evidenceRequired'] });
	});

	test('refuses too many, too large, or the wrong kind of files', async () => {
		expect(
			await messages(PersonVerificationSchema, {
				message: null,
				evidence: [pdf(), pdf(), pdf(), pdf()],
			})
		).toEqual({ evidence: ['verification.error.evidenceTooMany'] });
		expect(
			await messages(PersonVerificationSchema, {
				message: null,
				evidence: [
					pdf('a.pdf', VERIFICATION_LIMITS.totalMaxBytes / 2),
					pdf('b.pdf', VERIFICATION_LIMITS.totalMaxBytes / 2),
				],
			})
		).toEqual({ evidence: ['verification.error.evidenceTooLarge'] });
		const page = new File(['<html><script>alert(1)</script>'], 'certificate.pdf', {
			type: 'application/pdf',
		});
		expect(
			await messages(PersonVerificationSchema, { message: null, evidence: [pdf(), page] })
		).toEqual({
			evidence: ['verification.error.evidenceType'],
		});
	});

	test('limits the message', async () => {
		expect(
			await messages(PersonVerificationSchema, {
				message: 'x'.repeat(VERIFICATION_LIMITS.messageMax + 1),
				evidence: [pdf()],
			})
		).toEqual({ message: ['verification.error.messageTooLong'] });
	});
});

describe('OrganisationVerificationSchema', () => {
	test('checks the corporate number with the same rules as the organisation form', async () => {
		expect(
			await messages(OrganisationVerificationSchema, {
				organisation_id: ID,
				corporate_number: '1234567890123',
				message: null,
				evidence: [pdf()],
			})
		).toEqual({ corporate_number: ['organisations.error.corporateNumberCheckDigit'] });
	});
});

describe('DecisionSchema', () => {
	test('approving needs no reason; rejecting does', async () => {
		expect(
			await DecisionSchema.parseAsync({ request_id: ID, decision: 'approved', reason: null })
		).toEqual({ request_id: ID, decision: 'approved', reason: null });
		expect(
			await messages(DecisionSchema, { request_id: ID, decision: 'rejected', reason: '  ' })
		).toEqual({
			reason: ['verification.error.reasonRequired'],
		});
	});

	test('refuses anything but approve or reject, including "pending"', async () => {
		for (const decision of ['pending', 'maybe', null]) {
			expect(await messages(DecisionSchema, { request_id: ID, decision, reason: 'x' })).toEqual({
				decision: ['verification.error.decisionRequired'],
			});
		}
	});
});
