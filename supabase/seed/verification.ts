/**
 * Verification in the demo: who staff have verified (people and organisations, each through an approved
 * request and its audit entry), a few refusals with their reasons, and open requests with evidence in the
 * private documents bucket, so staff have a queue to work.
 */
import { drawCertificate } from './images.ts';
import {
	later,
	timestampBetween,
	uuid,
	type SeedData,
	type SeedModule,
	type SeedPerson,
} from './model.ts';
import { markVerified } from './people.ts';
import { Random } from './random.ts';
import { insert, jsonb, type SqlValue } from './sql.ts';
import { PREFECTURES } from './vocabulary.ts';

/** How many open and refused requests about people the demo has. */
export const VERIFICATION_COUNTS = { pendingPeople: 7, rejectedPeople: 3 };

/** The latest moment anything in the demo happened. */
const LATEST = '2026-11-20T18:00:00.000Z';

interface Request {
	id: string;
	subjectUserId: string | null;
	subjectOrganisationId: string | null;
	requestedBy: string;
	status: 'pending' | 'approved' | 'rejected';
	message: string;
	evidence: string[];
	decidedBy: string | null;
	reason: string | null;
	decidedAt: string | null;
	createdAt: string;
}

const requests = new WeakMap<SeedData, Request[]>();

const PERSON_MESSAGES = [
	'Attached: my technical intern training completion certificate and the trade skills test certificate.',
	'My residence card (front and back) from my last year in {prefecture}, and the SSW skills test result.',
	'Certificate of completion from my supervising organisation in {prefecture}.',
	'My JLPT certificate and the employment contract from my company in {prefecture}.',
];
const ORGANISATION_MESSAGES: Record<string, string> = {
	japanese_sme:
		'Our corporate number is on the registry extract attached; I am the representative director.',
	lender: 'Our lending licence and registration certificate are attached.',
	default: 'Our registration certificate and a letter from our board are attached.',
};
const PERSON_REFUSALS = [
	'The certificate is hard to read: please upload a clearer scan of the whole page.',
	'The name on the certificate does not match your profile. If you changed your name, add a document that shows both.',
	'We need the completion certificate itself, not the training schedule. Please ask your supervising organisation for a copy.',
];
const ORGANISATION_REFUSAL =
	'The corporate number on the registry extract does not match the one on the profile. Please check it and ask again.';

function earliest(a: string, b: string): string {
	return a < b ? a : b;
}

/** A person's Japan track record as staff read it in a message. */
function prefectureOf(person: SeedPerson): string {
	const codes = person.profile['prefectures'] as number[] | undefined;
	return PREFECTURES[codes?.[0] ?? 13] ?? 'Japan';
}

export const verificationModule: SeedModule = {
	name: 'verification',
	build(data, random) {
		const staff = data.people.filter((p) => p.staff).map((p) => p.id);
		const list: Request[] = [];
		requests.set(data, list);
		const kinds = (p: SeedPerson) => p.profile['kinds'] as string[];
		const message = (p: SeedPerson) =>
			random.pick(PERSON_MESSAGES).replace('{prefecture}', prefectureOf(p));
		const evidenceFile = (owner: string, name: string): string => {
			const path = `${owner}/${name}.webp`;
			const seed = random.int(0, 2 ** 31 - 1);
			data.files.push({
				bucket: 'documents',
				path,
				draw: () => drawCertificate(new Random(seed), 480),
			});
			return path;
		};

		const unverified: SeedPerson[] = [];
		for (const person of data.people) {
			const k = kinds(person);
			const chance =
				person.demoLogin === 'returnee' || person.demoLogin === 'mentor'
					? 1
					: k.includes('mentor') && k.includes('returnee')
						? 0.7
						: k.includes('returnee')
							? 0.22
							: k.includes('in_japan')
								? 0.1
								: 0;
			if (chance === 0) continue;
			if (!random.chance(chance)) {
				if (k.includes('returnee') && person.demoLogin === undefined) unverified.push(person);
				continue;
			}
			const createdAt = earliest(
				later(random, person.createdAt, 1, 14),
				'2026-11-15T09:00:00.000Z'
			);
			const decidedAt = earliest(later(random, createdAt, 1, 5), LATEST);
			list.push({
				id: uuid(random),
				subjectUserId: person.id,
				subjectOrganisationId: null,
				requestedBy: person.id,
				status: 'approved',
				message: message(person),
				evidence: [],
				decidedBy: random.pick(staff),
				reason: null,
				decidedAt,
				createdAt,
			});
			markVerified(person, decidedAt);
		}

		const refused = random.sample(unverified, VERIFICATION_COUNTS.rejectedPeople);
		for (const person of refused) {
			const createdAt = earliest(
				later(random, person.createdAt, 1, 20),
				'2026-11-10T09:00:00.000Z'
			);
			list.push({
				id: uuid(random),
				subjectUserId: person.id,
				subjectOrganisationId: null,
				requestedBy: person.id,
				status: 'rejected',
				message: message(person),
				evidence: [],
				decidedBy: random.pick(staff),
				reason: random.pick(PERSON_REFUSALS),
				decidedAt: earliest(later(random, createdAt, 1, 4), LATEST),
				createdAt,
			});
		}
		// One refused person has already asked again; the others in the queue ask for the first time.
		const waiting = [
			...refused.slice(0, 1),
			...random.sample(
				unverified.filter((p) => !refused.includes(p)),
				VERIFICATION_COUNTS.pendingPeople - 1
			),
		];
		for (const person of waiting) {
			const files = random.chance(0.4) ? ['certificate', 'residence-card'] : ['certificate'];
			list.push({
				id: uuid(random),
				subjectUserId: person.id,
				subjectOrganisationId: null,
				requestedBy: person.id,
				status: 'pending',
				message: message(person),
				evidence: files.map((f) => evidenceFile(person.id, f)),
				decidedBy: null,
				reason: null,
				decidedAt: null,
				createdAt: timestampBetween(random, '2026-11-16', '2026-11-20'),
			});
		}

		for (const org of data.organisations) {
			if (org.verification === 'none') continue;
			const owner = org.members.find((m) => m.role === 'owner')?.userId as string;
			const createdAt = earliest(later(random, org.createdAt, 0, 10), '2026-11-15T09:00:00.000Z');
			const base = {
				id: uuid(random),
				subjectUserId: null,
				subjectOrganisationId: org.id,
				requestedBy: owner,
				message: ORGANISATION_MESSAGES[org.kind] ?? (ORGANISATION_MESSAGES['default'] as string),
			};
			if (org.verification === 'pending') {
				list.push({
					...base,
					status: 'pending',
					evidence: [evidenceFile(owner, 'registration-certificate')],
					decidedBy: null,
					reason: null,
					decidedAt: null,
					createdAt: timestampBetween(random, '2026-11-14', '2026-11-20'),
				});
				continue;
			}
			const decidedAt = earliest(later(random, createdAt, 1, 6), LATEST);
			const approved = org.verification === 'verified';
			list.push({
				...base,
				status: approved ? 'approved' : 'rejected',
				evidence: [],
				decidedBy: random.pick(staff),
				reason: approved ? null : ORGANISATION_REFUSAL,
				decidedAt,
				createdAt,
			});
			if (approved) org.verifiedAt = decidedAt;
		}
		list.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
	},
	sql(data) {
		const list = requests.get(data) ?? [];
		const rows: Record<string, SqlValue>[] = list.map((r) => ({
			id: r.id,
			subject_user_id: r.subjectUserId,
			subject_organisation_id: r.subjectOrganisationId,
			requested_by: r.requestedBy,
			status: r.status,
			message: r.message,
			evidence_paths: r.evidence,
			decided_by: r.decidedBy,
			decision_reason: r.reason,
			decided_at: r.decidedAt,
			created_at: r.createdAt,
		}));
		const decided = list.filter((r) => r.status !== 'pending');
		return [
			'-- Verification requests: decided ones (the verified flags above match them) and the open queue.',
			insert('public.verification_requests', rows),
			'-- The audit trail of every decision, as public.decide_verification() writes it.',
			insert(
				'public.audit_log',
				decided.map((r) => ({
					created_at: r.decidedAt,
					actor_id: r.decidedBy,
					action: `verification.${r.status}`,
					subject_user_id: r.subjectUserId,
					subject_organisation_id: r.subjectOrganisationId,
					verification_request_id: r.id,
					details: jsonb(r.reason === null ? {} : { reason: r.reason }),
				}))
			),
		].join('\n');
	},
};
