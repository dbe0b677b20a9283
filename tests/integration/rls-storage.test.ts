/**
 * RLS matrix for the storage buckets the members migrations create: avatars and org-logos (public to read by URL,
 * nobody lists them, owners write in their folder, images only, 2 MB) and documents (private; the owner, and staff
 * for files that are evidence of a verification request).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	client,
	type Client,
	createMember,
	makeStaff,
	type Member,
	startMembersBackend,
} from './rls-fixture.ts';
import type { TestBackend } from './support/backend.ts';

// A 1×1 PNG and a tiny PDF: real files, so content checks accept them.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);
const png = () => new Blob([PNG], { type: 'image/png' });
const pdf = () => new Blob([PDF], { type: 'application/pdf' });

let backend: TestBackend;
let anon: Client;
let service: Client;
/** Owner of the files (and of an organisation). */
let ana: Member;
/** Member (not owner) of Ana's organisation. */
let ben: Member;
let sam: Member;
let staff: Member;
let orgId: string;

beforeAll(async () => {
	backend = await startMembersBackend();
	anon = client(backend, 'anon');
	service = client(backend, 'service');
	ana = await createMember(backend, 'ana');
	ben = await createMember(backend, 'ben');
	sam = await createMember(backend, 'sam');
	staff = await createMember(backend, 'staff');
	await makeStaff(backend, staff);
	const org = await ana.client
		.from('organisations')
		.insert({ kind: 'ngo', name: 'Manila Returnee Desk', country: 'PH' })
		.select('id')
		.single();
	if (org.error !== null) throw new Error(org.error.message);
	orgId = org.data.id;
	await service.from('organisation_members').insert({ organisation_id: orgId, user_id: ben.id });
}, 60_000);

afterAll(async () => backend?.close());

describe('the buckets exist as the migration sets them', () => {
	test('public images at 2 MB, private documents at 10 MB', async () => {
		const { data } = await service.storage.listBuckets();
		const buckets = Object.fromEntries((data ?? []).map((b) => [b.id, b]));
		expect(buckets['avatars']).toMatchObject({
			public: true,
			file_size_limit: 2097152,
			allowed_mime_types: ['image/png', 'image/jpeg', 'image/webp'],
		});
		expect(buckets['org-logos']).toMatchObject({ public: true, file_size_limit: 2097152 });
		expect(buckets['documents']).toMatchObject({
			public: false,
			file_size_limit: 10485760,
			allowed_mime_types: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'],
		});
	});
});

describe('avatars', () => {
	test('the owner uploads into their own folder; nobody else can', async () => {
		expect(
			(await ana.client.storage.from('avatars').upload(`${ana.id}/me.png`, png())).error
		).toBeNull();
		for (const actor of [sam.client, ben.client, staff.client, anon]) {
			const { error } = await actor.storage.from('avatars').upload(`${ana.id}/intruder.png`, png());
			expect(error).not.toBeNull();
		}
		expect(
			(await sam.client.storage.from('avatars').upload(`${sam.id}/me.png`, png())).error
		).toBeNull();
	});

	test('anyone reads an avatar by its public URL, but nobody can list the bucket', async () => {
		const { publicUrl } = anon.storage.from('avatars').getPublicUrl(`${ana.id}/me.png`).data;
		const response = await fetch(publicUrl);
		expect(response.status).toBe(200);
		expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
		expect((await anon.storage.from('avatars').list(ana.id)).data ?? []).toEqual([]);
		expect((await sam.client.storage.from('avatars').list(ana.id)).data ?? []).toEqual([]);
		expect(
			(await ana.client.storage.from('avatars').list(ana.id)).data?.map((f) => f.name)
		).toEqual(['me.png']);
	});

	test('only the owner replaces or deletes it', async () => {
		for (const actor of [sam.client, ben.client, staff.client, anon]) {
			const replaced = await actor.storage.from('avatars').update(`${ana.id}/me.png`, png());
			expect(replaced.error).not.toBeNull();
			const removed = await actor.storage.from('avatars').remove([`${ana.id}/me.png`]);
			expect(removed.data ?? []).toEqual([]);
		}
		expect(
			(await ana.client.storage.from('avatars').update(`${ana.id}/me.png`, png())).error
		).toBeNull();
	});

	test('images only, at most 2 MB', async () => {
		const html = new Blob(['<script>alert(1)</script>'], { type: 'text/html' });
		expect(
			(await ana.client.storage.from('avatars').upload(`${ana.id}/evil.png`, html)).error
		).not.toBeNull();
		const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' });
		expect(
			(await ana.client.storage.from('avatars').upload(`${ana.id}/evil.svg`, svg)).error
		).not.toBeNull();
		const big = new Blob([new Uint8Array(2 * 1024 * 1024 + 1)], { type: 'image/png' });
		expect(
			(await ana.client.storage.from('avatars').upload(`${ana.id}/big.png`, big)).error
		).not.toBeNull();
	});

	test('the service role does everything', async () => {
		expect(
			(await service.storage.from('avatars').upload(`${sam.id}/by-service.png`, png())).error
		).toBeNull();
		expect((await service.storage.from('avatars').list(sam.id)).data?.length).toBe(2);
		expect(
			(await service.storage.from('avatars').remove([`${sam.id}/by-service.png`])).data
		).toHaveLength(1);
	});
});

describe('org-logos', () => {
	test('the organisation’s owners write in its folder; members, strangers, staff and anon cannot', async () => {
		expect(
			(await ana.client.storage.from('org-logos').upload(`${orgId}/logo.png`, png())).error
		).toBeNull();
		for (const actor of [ben.client, sam.client, staff.client, anon]) {
			expect(
				(await actor.storage.from('org-logos').upload(`${orgId}/other.png`, png())).error
			).not.toBeNull();
			expect(
				(await actor.storage.from('org-logos').remove([`${orgId}/logo.png`])).data ?? []
			).toEqual([]);
		}
		// A folder that is not an organisation id is refused, not an error page.
		const notUuid = await ana.client.storage.from('org-logos').upload('not-a-uuid/logo.png', png());
		expect(notUuid.error).not.toBeNull();
		const { publicUrl } = anon.storage.from('org-logos').getPublicUrl(`${orgId}/logo.png`).data;
		expect((await fetch(publicUrl)).status).toBe(200);
		expect((await anon.storage.from('org-logos').list(orgId)).data ?? []).toEqual([]);
		expect(
			(await ana.client.storage.from('org-logos').remove([`${orgId}/logo.png`])).data
		).toHaveLength(1);
	});
});

describe('documents', () => {
	const path = () => `${ana.id}/titp-certificate.pdf`;

	test('the owner uploads and reads their documents; they are never public', async () => {
		expect((await ana.client.storage.from('documents').upload(path(), pdf())).error).toBeNull();
		const own = await ana.client.storage.from('documents').download(path());
		expect(Buffer.from(await (own.data as Blob).arrayBuffer()).equals(PDF)).toBe(true);
		const { publicUrl } = anon.storage.from('documents').getPublicUrl(path()).data;
		expect((await fetch(publicUrl)).ok).toBe(false);
		const html = new Blob(['<html></html>'], { type: 'text/html' });
		expect(
			(await ana.client.storage.from('documents').upload(`${ana.id}/page.html`, html)).error
		).not.toBeNull();
	});

	test('nobody else reads, lists, writes or deletes them — staff neither, until they are evidence', async () => {
		for (const actor of [anon, sam.client, ben.client, staff.client]) {
			expect((await actor.storage.from('documents').download(path())).error).not.toBeNull();
			expect((await actor.storage.from('documents').list(ana.id)).data ?? []).toEqual([]);
			expect(
				(await actor.storage.from('documents').createSignedUrl(path(), 60)).error
			).not.toBeNull();
			expect(
				(await actor.storage.from('documents').upload(`${ana.id}/x.pdf`, pdf())).error
			).not.toBeNull();
			expect((await actor.storage.from('documents').remove([path()])).data ?? []).toEqual([]);
		}
	});

	test('staff read evidence of a verification request through signed URLs', async () => {
		const request = await ana.client
			.from('verification_requests')
			.insert({ subject_user_id: ana.id, evidence_paths: [path()] })
			.select('id')
			.single();
		expect(request.error).toBeNull();
		const signed = await staff.client.storage.from('documents').createSignedUrl(path(), 60);
		expect(signed.error).toBeNull();
		const response = await fetch(signed.data?.signedUrl ?? '');
		expect(response.status).toBe(200);
		expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
		// Other members still cannot, and staff cannot change it.
		expect((await sam.client.storage.from('documents').download(path())).error).not.toBeNull();
		expect((await staff.client.storage.from('documents').remove([path()])).data ?? []).toEqual([]);
	});

	test('the service role does everything', async () => {
		expect((await service.storage.from('documents').list(ana.id)).data?.map((f) => f.name)).toEqual(
			['titp-certificate.pdf']
		);
		expect(
			(await service.storage.from('documents').upload(`${sam.id}/note.pdf`, pdf())).error
		).toBeNull();
		expect(
			(await service.storage.from('documents').remove([`${sam.id}/note.pdf`])).data
		).toHaveLength(1);
	});
});
