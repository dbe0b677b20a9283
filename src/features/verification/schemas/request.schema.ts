import { z } from 'astro/zod';
import { textSchema } from '~/features/profiles/schemas/fields.ts';
import { CorporateNumberSchema } from '~/features/organisations/schemas/organisation.schema.ts';
import { DOCUMENT_TYPES, chosenFiles, sniffFile } from '~/lib/file-type.ts';
import { VERIFICATION_LIMITS as L } from '../options.ts';

/**
 * Evidence files: one to three PDFs or images, each recognised by its content (never its name), at
 * most 10 MB together. Runs in the browser and again on the server.
 */
export const EvidenceSchema = z
	.unknown()
	.transform((value) => chosenFiles(value))
	.superRefine(async (files, ctx) => {
		if (files.length === 0) {
			ctx.addIssue({ code: 'custom', message: 'verification.error.evidenceRequired' });
			return;
		}
		if (files.length > L.filesMax) {
			ctx.addIssue({ code: 'custom', message: 'verification.error.evidenceTooMany' });
			return;
		}
		if (files.reduce((sum, file) => sum + file.size, 0) > L.totalMaxBytes) {
			ctx.addIssue({ code: 'custom', message: 'verification.error.evidenceTooLarge' });
			return;
		}
		const types = await Promise.all(files.map((file) => sniffFile(file)));
		if (types.some((type) => !type || !(DOCUMENT_TYPES as readonly string[]).includes(type))) {
			ctx.addIssue({ code: 'custom', message: 'verification.error.evidenceType' });
		}
	});

/** What the requester tells staff; optional. */
const MessageSchema = textSchema(L.messageMax, 'verification.error.messageTooLong');

/** A person asks to have their Japan track record verified. */
export const PersonVerificationSchema = z.object({
	message: MessageSchema,
	evidence: EvidenceSchema,
});

/**
 * An owner asks to have their organisation verified. Organisations registered in Japan give their
 * corporate number (the page requires it for a Japanese SME).
 */
export const OrganisationVerificationSchema = z.object({
	organisation_id: z.uuid({ error: 'organisations.error.notFound' }),
	corporate_number: CorporateNumberSchema,
	message: MessageSchema,
	evidence: EvidenceSchema,
});

/** Withdrawing a request that is still waiting. */
export const WithdrawRequestSchema = z.object({
	request_id: z.uuid({ error: 'verification.error.notFound' }),
});

export { PERSON_VERIFICATION_FIELDS, ORGANISATION_VERIFICATION_FIELDS } from './request.fields.ts';
