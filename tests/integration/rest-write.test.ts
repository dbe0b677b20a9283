/**
 * REST writes through supabase-js: insert (single, bulk, defaults), upsert, update, delete, statuses,
 * counts, representations and errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestHarness, startRest } from './support/rest.ts';

let h: RestHarness;
beforeAll(async () => {
	h = await startRest();
}, 60_000);
afterAll(async () => {
	await h?.close();
});

async function counter(slug: string): Promise<Record<string, unknown> | null> {
	const res = await h.anon.from('counters').select('slug,n,label').eq('slug', slug).maybeSingle();
	return res.data as Record<string, unknown> | null;
}

describe('insert', () => {
	it('inserts one row and answers 201 with no body', async () => {
		const res = await h.anon.from('counters').insert({ slug: 'one' });
		expect(res).toEqual({
			success: true,
			data: null,
			error: null,
			count: null,
			status: 201,
			statusText: 'Created',
		});
		expect(await counter('one')).toEqual({ slug: 'one', n: 0, label: 'none' });
	});

	it('returns the inserted rows with select()', async () => {
		const res = await h.anon.from('counters').insert({ slug: 'two', n: 2 }).select('slug,n,label');
		expect(res).toMatchObject({
			status: 201,
			error: null,
			data: [{ slug: 'two', n: 2, label: 'none' }],
		});
		const single = await h.anon.from('counters').insert({ slug: 'three' }).select('slug').single();
		expect(single.data).toEqual({ slug: 'three' });
	});

	it('inserts in bulk with NULL for missing keys, or defaults with defaultToNull: false', async () => {
		const res = await h.anon
			.from('counters')
			.insert([{ slug: 'bulk1' }, { slug: 'bulk2', label: 'x' }], { count: 'exact' })
			.select('slug,label')
			.order('slug');
		expect(res).toMatchObject({
			status: 201,
			count: 2,
			data: [
				{ slug: 'bulk1', label: null },
				{ slug: 'bulk2', label: 'x' },
			],
		});
		const withDefaults = await h.anon
			.from('counters')
			.insert([{ slug: 'bulk3' }, { slug: 'bulk4', label: 'y' }], { defaultToNull: false })
			.select('slug,label')
			.order('slug');
		expect(withDefaults.data).toEqual([
			{ slug: 'bulk3', label: 'none' },
			{ slug: 'bulk4', label: 'y' },
		]);
	});

	it('inserts nothing for an empty array', async () => {
		const res = await h.anon.from('counters').insert([]).select();
		expect(res).toMatchObject({ status: 201, data: [] });
	});

	it('rolls back and answers 406 when single() gets several inserted rows', async () => {
		const res = await h.anon
			.from('counters')
			.insert([{ slug: 'multi1' }, { slug: 'multi2' }])
			.select()
			.single();
		expect(res.status).toBe(406);
		expect(res.error?.code).toBe('PGRST116');
		expect(res.error?.details).toBe('The result contains 2 rows');
		expect(await counter('multi1')).toBeNull();
	});

	it('maps constraint violations to PostgREST statuses', async () => {
		await h.anon.from('counters').insert({ slug: 'dup' });
		const dup = await h.anon.from('counters').insert({ slug: 'dup' });
		expect(dup).toMatchObject({ status: 409, statusText: 'Conflict', data: null });
		expect(dup.error).toEqual({
			code: '23505',
			details: 'Key (slug)=(dup) already exists.',
			hint: null,
			message: 'duplicate key value violates unique constraint "counters_slug_key"',
		});
		const notNull = await h.anon.from('counters').insert({ label: 'no slug' });
		expect(notNull.status).toBe(400);
		expect(notNull.error?.code).toBe('23502');
		const fk = await h.anon
			.from('messages')
			.insert({ message: 'x', username: 'ghost', channel_id: 1 });
		expect(fk.status).toBe(409);
		expect(fk.error?.code).toBe('23503');
		const badType = await h.anon.from('counters').insert({ slug: 'bad', n: 'many' });
		expect(badType.status).toBe(400);
		expect(badType.error?.code).toBe('22P02');
	});

	it('rejects unknown columns with PGRST204', async () => {
		const res = await h.anon.from('counters').insert({ slug: 'x', nope: 1 });
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'PGRST204',
			details: null,
			hint: null,
			message: "Could not find the 'nope' column of 'counters' in the schema cache",
		});
		const bulk = await h.anon.from('counters').insert([{ slug: 'x' }, { nope: 1 }]);
		expect(bulk.error?.code).toBe('PGRST204');
	});

	it('rejects bodies that are not usable JSON', async () => {
		const post = (body: string) =>
			fetch(`${h.server.url}/rest/v1/counters`, {
				method: 'POST',
				headers: { apikey: h.server.anonKey, 'content-type': 'application/json' },
				body,
			});
		const invalid = await post('{"slug": ');
		expect(invalid.status).toBe(400);
		expect(await invalid.json()).toEqual({
			code: 'PGRST102',
			details: null,
			hint: null,
			message: 'Empty or invalid json',
		});
		const mismatch = await post('[{"slug":"a"},{"label":"b"}]');
		expect(await mismatch.json()).toMatchObject({
			code: 'PGRST102',
			message: 'All object keys must match',
		});
	});

	it('sends Location for return=headers-only and Preference-Applied', async () => {
		const res = await fetch(`${h.server.url}/rest/v1/counters`, {
			method: 'POST',
			headers: {
				apikey: h.server.anonKey,
				'content-type': 'application/json',
				prefer: 'return=headers-only, count=exact',
			},
			body: JSON.stringify({ slug: 'located', id: 500 }),
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('location')).toBe('/counters?id=eq.500');
		expect(res.headers.get('content-range')).toBe('*/1');
		expect(res.headers.get('preference-applied')).toBe('return=headers-only, count=exact');
		expect(await res.text()).toBe('');
	});
});

describe('upsert', () => {
	it('merges duplicates: 200 when every row existed, 201 when one was new', async () => {
		await h.anon.from('counters').insert({ id: 100, slug: 'up1', n: 1 });
		const updated = await h.anon
			.from('counters')
			.upsert({ id: 100, slug: 'up1', n: 5 })
			.select('id,n');
		expect(updated).toMatchObject({ status: 200, data: [{ id: 100, n: 5 }] });
		const mixed = await h.anon
			.from('counters')
			.upsert([
				{ id: 100, slug: 'up1', n: 6 },
				{ id: 101, slug: 'up2', n: 1 },
			])
			.select('id,n')
			.order('id');
		expect(mixed).toMatchObject({
			status: 201,
			data: [
				{ id: 100, n: 6 },
				{ id: 101, n: 1 },
			],
		});
	});

	it('upserts on another unique column and ignores duplicates when asked', async () => {
		await h.anon.from('counters').insert({ slug: 'up3', n: 1 });
		const merged = await h.anon
			.from('counters')
			.upsert({ slug: 'up3', n: 9 }, { onConflict: 'slug' })
			.select('slug,n');
		expect(merged).toMatchObject({ status: 200, data: [{ slug: 'up3', n: 9 }] });
		const ignored = await h.anon
			.from('counters')
			.upsert({ slug: 'up3', n: 100 }, { onConflict: 'slug', ignoreDuplicates: true })
			.select('slug,n');
		expect(ignored).toMatchObject({ status: 201, data: [] });
		expect(await counter('up3')).toMatchObject({ n: 9 });
	});

	it('applies column defaults to new rows with defaultToNull: false', async () => {
		await h.anon.from('counters').insert({ id: 200, slug: 'up4' });
		const res = await h.anon
			.from('counters')
			.upsert(
				[
					{ id: 200, slug: 'up4', n: 3 },
					{ slug: 'up5', n: 4 },
				],
				{ defaultToNull: false }
			)
			.select('slug,n,label')
			.order('slug');
		expect(res.error).toBeNull();
		expect(res.data).toEqual([
			{ slug: 'up4', n: 3, label: 'none' },
			{ slug: 'up5', n: 4, label: 'none' },
		]);
	});
});

describe('update', () => {
	it('updates filtered rows: 204 without select, 200 with', async () => {
		await h.anon.from('counters').insert([{ slug: 'u1' }, { slug: 'u2' }]);
		const res = await h.anon.from('counters').update({ n: 7 }).eq('slug', 'u1');
		expect(res).toMatchObject({ status: 204, statusText: 'No Content', data: null, error: null });
		expect(await counter('u1')).toMatchObject({ n: 7 });
		const sel = await h.anon
			.from('counters')
			.update({ label: 'z' }, { count: 'exact' })
			.in('slug', ['u1', 'u2'])
			.select('slug,label')
			.order('slug');
		expect(sel).toMatchObject({
			status: 200,
			count: 2,
			data: [
				{ slug: 'u1', label: 'z' },
				{ slug: 'u2', label: 'z' },
			],
		});
	});

	it('updates nothing when no row matches', async () => {
		expect(
			await h.anon.from('counters').update({ n: 1 }).eq('slug', 'nobody').select()
		).toMatchObject({ status: 200, data: [] });
		expect(await h.anon.from('counters').update({ n: 1 }).eq('slug', 'nobody')).toMatchObject({
			status: 204,
		});
	});

	it('updates nothing for an empty object', async () => {
		expect(await h.anon.from('counters').update({}).eq('slug', 'u1')).toMatchObject({
			status: 204,
			error: null,
		});
		expect(await h.anon.from('counters').update({}).eq('slug', 'u1').select('slug')).toMatchObject({
			status: 200,
			data: [],
		});
	});

	it('sends Content-Range for updates', async () => {
		const res = await fetch(`${h.server.url}/rest/v1/counters?slug=in.(u1,u2)`, {
			method: 'PATCH',
			headers: {
				apikey: h.server.anonKey,
				'content-type': 'application/json',
				prefer: 'count=exact',
			},
			body: JSON.stringify({ n: 8 }),
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('content-range')).toBe('0-1/2');
	});

	it('refuses limited updates rather than updating every match', async () => {
		const res = await h.anon.from('counters').update({ n: 0 }).eq('slug', 'u1').limit(1);
		expect(res.status).toBe(400);
		expect(res.error?.code).toBe('PGRST127');
	});
});

describe('delete', () => {
	it('deletes filtered rows: 204, or 200 with the deleted rows', async () => {
		await h.anon.from('counters').insert([{ slug: 'd1' }, { slug: 'd2' }, { slug: 'd3' }]);
		const res = await h.anon.from('counters').delete({ count: 'exact' }).eq('slug', 'd1');
		expect(res).toMatchObject({ status: 204, count: 1, data: null });
		const sel = await h.anon
			.from('counters')
			.delete()
			.in('slug', ['d2', 'd3'])
			.select('slug')
			.order('slug');
		expect(sel).toMatchObject({ status: 200, data: [{ slug: 'd2' }, { slug: 'd3' }] });
		expect(await counter('d2')).toBeNull();
	});
});

describe('safe updates', () => {
	it('refuses UPDATE and DELETE without filters, as Supabase (pg-safeupdate) does', async () => {
		const upd = await h.anon.from('counters').update({ n: 1 });
		expect(upd.status).toBe(400);
		expect(upd.error).toEqual({
			code: '21000',
			details: null,
			hint: null,
			message: 'UPDATE requires a WHERE clause',
		});
		const del = await h.anon.from('counters').delete();
		expect(del.error).toEqual({
			code: '21000',
			details: null,
			hint: null,
			message: 'DELETE requires a WHERE clause',
		});
		expect(
			(await h.anon.from('counters').select('*', { count: 'exact', head: true })).count
		).toBeGreaterThan(0);
	});
});

describe('transactions', () => {
	it('ignores Prefer: tx=rollback as Supabase does', async () => {
		const sb = (await import('@supabase/supabase-js')).createClient(
			h.server.url,
			h.server.anonKey,
			{
				global: { headers: { Prefer: 'tx=rollback' } },
			}
		);
		await sb.from('counters').insert({ slug: 'kept' });
		expect(await counter('kept')).not.toBeNull();
	});
});
