/**
 * REST reads through supabase-js: select, every filter, order, ranges, counts, singular responses and errors.
 */
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestHarness, startRest } from './support/rest.ts';

let h: RestHarness;
beforeAll(async () => {
	h = await startRest();
}, 60_000);
afterAll(async () => {
	await h?.close();
});

const usernames = (data: unknown): string[] =>
	(data as { username: string }[]).map((r) => r.username).sort();
const names = (data: unknown): string[] => (data as { name: string }[]).map((r) => r.name).sort();

describe('select', () => {
	it('returns all rows and columns', async () => {
		const res = await h.anon.from('users').select().order('username');
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
		expect(res.statusText).toBe('OK');
		expect(res.count).toBeNull();
		expect(res.data).toEqual([
			{
				username: 'awailas',
				data: null,
				age_range: '[25,35)',
				status: 'ONLINE',
				catchphrase: "'bat' 'rat'",
			},
			{
				username: 'dragarcia',
				data: { age: 22, blood_type: 'O+' },
				age_range: '[20,30)',
				status: 'ONLINE',
				catchphrase: "'cat' 'fat' 'rat'",
			},
			{
				username: 'kiwicopple',
				data: { age: 30, blood_type: 'A-', tags: ['x', 'y'] },
				age_range: '[25,35)',
				status: 'OFFLINE',
				catchphrase: "'bat' 'cat'",
			},
			{
				username: 'supabot',
				data: null,
				age_range: '[1,2)',
				status: 'ONLINE',
				catchphrase: "'cat' 'fat'",
			},
		]);
	});

	it('selects columns with aliases, casts and JSON paths', async () => {
		const res = await h.anon
			.from('users')
			.select('name:username, status::text, blood:data->>blood_type, age:data->age, data->tags->0')
			.eq('username', 'kiwicopple');
		expect(res.error).toBeNull();
		expect(res.data).toEqual([
			{ name: 'kiwicopple', status: 'OFFLINE', blood: 'A-', age: 30, tags: 'x' },
		]);
		const cast = await h.anon.from('messages').select('id::text').eq('id', 1);
		expect(cast.data).toEqual([{ id: '1' }]);
	});

	it('reads views', async () => {
		const res = await h.anon.from('online_users').select('username').order('username');
		expect(res.data).toEqual([
			{ username: 'awailas' },
			{ username: 'dragarcia' },
			{ username: 'supabot' },
		]);
	});

	it('returns an empty array when nothing matches', async () => {
		const res = await h.anon.from('users').select('username').eq('username', 'nobody');
		expect(res).toMatchObject({ data: [], error: null, status: 200 });
	});
});

describe('filters', () => {
	it('compares with eq, neq, gt, gte, lt, lte', async () => {
		expect((await h.anon.from('messages').select('id').eq('id', 2)).data).toEqual([{ id: 2 }]);
		expect(
			usernames((await h.anon.from('users').select('username').neq('status', 'ONLINE')).data)
		).toEqual(['kiwicopple']);
		expect((await h.anon.from('messages').select('id').gt('id', 1).order('id')).data).toEqual([
			{ id: 2 },
			{ id: 3 },
		]);
		expect((await h.anon.from('messages').select('id').gte('id', 2).order('id')).data).toEqual([
			{ id: 2 },
			{ id: 3 },
		]);
		expect((await h.anon.from('messages').select('id').lt('id', 2)).data).toEqual([{ id: 1 }]);
		expect((await h.anon.from('messages').select('id').lte('id', 2).order('id')).data).toEqual([
			{ id: 1 },
			{ id: 2 },
		]);
	});

	it('matches patterns with like, ilike, any/all and regular expressions', async () => {
		expect(
			usernames((await h.anon.from('users').select('username').like('username', '%bot')).data)
		).toEqual(['supabot']);
		expect(names((await h.anon.from('items').select('name').ilike('name', 'delta')).data)).toEqual([
			'Delta',
		]);
		expect(
			names((await h.anon.from('items').select('name').filter('name', 'like', '*lph*')).data)
		).toEqual(['alpha']);
		expect(
			usernames(
				(await h.anon.from('users').select('username').likeAnyOf('username', ['%bot', '%copple']))
					.data
			)
		).toEqual(['kiwicopple', 'supabot']);
		expect(
			usernames(
				(await h.anon.from('users').select('username').likeAllOf('username', ['%a%', '%s%'])).data
			)
		).toEqual(['awailas', 'supabot']);
		expect(
			names((await h.anon.from('items').select('name').ilikeAnyOf('name', ['D%', 'G%'])).data)
		).toEqual(['Delta', 'gamma']);
		expect(
			usernames(
				(await h.anon.from('users').select('username').regexMatch('username', '^[ks]')).data
			)
		).toEqual(['kiwicopple', 'supabot']);
		expect(
			names((await h.anon.from('items').select('name').regexIMatch('name', '^d')).data)
		).toEqual(['Delta']);
	});

	it('filters with in, is, isDistinct and not', async () => {
		expect(
			usernames(
				(await h.anon.from('users').select('username').in('username', ['supabot', 'awailas'])).data
			)
		).toEqual(['awailas', 'supabot']);
		expect(
			names((await h.anon.from('items').select('name').in('note', ['x,y', 'first'])).data)
		).toEqual(['Delta', 'alpha']);
		expect((await h.anon.from('items').select('name').in('note', [])).data).toEqual([]);
		expect(
			usernames(
				(
					await h.anon
						.from('users')
						.select('username')
						.filter('username', 'in', '("supabot","awailas")')
				).data
			)
		).toEqual(['awailas', 'supabot']);
		expect(
			usernames((await h.anon.from('users').select('username').is('data', null)).data)
		).toEqual(['awailas', 'supabot']);
		expect(
			usernames((await h.anon.from('users').select('username').not('data', 'is', null)).data)
		).toEqual(['dragarcia', 'kiwicopple']);
		expect(
			usernames((await h.anon.from('users').select('username').isDistinct('status', 'ONLINE')).data)
		).toEqual(['kiwicopple']);
		expect((await h.anon.from('messages').select('id').not('id', 'in', '(1,2)')).data).toEqual([
			{ id: 3 },
		]);
		expect((await h.anon.from('messages').select('id').notIn('id', [1, 3])).data).toEqual([
			{ id: 2 },
		]);
		expect(
			usernames((await h.anon.from('users').select('username').not('status', 'eq', 'ONLINE')).data)
		).toEqual(['kiwicopple']);
	});

	it('runs full-text search (fts, plfts, phfts, wfts) on tsvector and text columns', async () => {
		expect(
			usernames(
				(
					await h.anon
						.from('users')
						.select('username')
						.textSearch('catchphrase', "'fat' & 'cat'", { config: 'english' })
				).data
			)
		).toEqual(['dragarcia', 'supabot']);
		expect(
			usernames(
				(
					await h.anon
						.from('users')
						.select('username')
						.textSearch('catchphrase', 'cat', { type: 'plain' })
				).data
			)
		).toEqual(['dragarcia', 'kiwicopple', 'supabot']);
		expect(
			usernames(
				(
					await h.anon
						.from('users')
						.select('username')
						.textSearch('catchphrase', 'fat -rat', { type: 'websearch' })
				).data
			)
		).toEqual(['supabot']);
		const phrase = await h.anon
			.from('messages')
			.select('id')
			.textSearch('message', 'launch week', { type: 'phrase', config: 'english' });
		expect(phrase.error).toBeNull();
		expect(phrase.data).toEqual([{ id: 3 }]);
	});

	it('uses array, range and jsonb containment operators', async () => {
		expect(names((await h.anon.from('items').select('name').contains('tags', ['b'])).data)).toEqual(
			['alpha', 'beta']
		);
		expect(
			names((await h.anon.from('items').select('name').containedBy('tags', ['a', 'b', 'c'])).data)
		).toEqual(['alpha', 'beta', 'gamma']);
		expect(
			names((await h.anon.from('items').select('name').overlaps('tags', ['a', 'c'])).data)
		).toEqual(['alpha', 'beta']);
		expect(
			names(
				(await h.anon.from('items').select('name').overlaps('period', '[2000-01-01,2000-12-31]'))
					.data
			)
		).toEqual(['Delta', 'alpha']);
		expect(
			usernames(
				(await h.anon.from('users').select('username').contains('age_range', '[26,27)')).data
			)
		).toEqual(['awailas', 'dragarcia', 'kiwicopple']);
		expect(
			usernames(
				(await h.anon.from('users').select('username').containedBy('age_range', '[0,40)')).data
			)
		).toHaveLength(4);
		expect(
			usernames(
				(await h.anon.from('users').select('username').contains('data', { blood_type: 'A-' })).data
			)
		).toEqual(['kiwicopple']);
	});

	it('compares ranges with sl, sr, nxl, nxr and adj', async () => {
		const q = () => h.anon.from('users').select('username');
		expect(usernames((await q().rangeGt('age_range', '[2,25)')).data)).toEqual([
			'awailas',
			'kiwicopple',
		]);
		expect(usernames((await q().rangeGte('age_range', '[2,25)')).data)).toEqual([
			'awailas',
			'dragarcia',
			'kiwicopple',
		]);
		expect(usernames((await q().rangeLt('age_range', '[2,25)')).data)).toEqual(['supabot']);
		expect(usernames((await q().rangeLte('age_range', '[2,25)')).data)).toEqual(['supabot']);
		expect(usernames((await q().rangeAdjacent('age_range', '[2,25)')).data)).toEqual([
			'awailas',
			'kiwicopple',
			'supabot',
		]);
	});

	it('filters on JSON paths', async () => {
		expect(
			usernames((await h.anon.from('users').select('username').eq('data->>blood_type', 'A-')).data)
		).toEqual(['kiwicopple']);
		expect(
			usernames((await h.anon.from('users').select('username').gt('data->age', 25)).data)
		).toEqual(['kiwicopple']);
	});

	it('combines filters with or, and and match', async () => {
		expect(
			usernames(
				(await h.anon.from('users').select('username').or('status.eq.OFFLINE,username.eq.supabot'))
					.data
			)
		).toEqual(['kiwicopple', 'supabot']);
		expect(
			usernames(
				(
					await h.anon
						.from('users')
						.select('username')
						.or('username.eq.awailas,and(status.eq.ONLINE,username.like.*bot)')
				).data
			)
		).toEqual(['awailas', 'supabot']);
		expect(
			usernames(
				(
					await h.anon
						.from('users')
						.select('username')
						.or('age_range.adj."[2,25)",username.in.(awailas,dragarcia)')
				).data
			)
		).toEqual(['awailas', 'dragarcia', 'kiwicopple', 'supabot']);
		expect(
			usernames(
				(
					await h.anon
						.from('users')
						.select('username')
						.match({ status: 'ONLINE', username: 'supabot' })
				).data
			)
		).toEqual(['supabot']);
		const repeated = await h.anon.from('messages').select('id').gt('id', 1).lt('id', 3);
		expect(repeated.data).toEqual([{ id: 2 }]);
	});

	it('negates logic trees with not.or', async () => {
		const res = await fetch(
			`${h.server.url}/rest/v1/users?select=username&not.or=(status.eq.OFFLINE,username.eq.supabot)&order=username`,
			{
				headers: { apikey: h.server.anonKey },
			}
		);
		expect(await res.json()).toEqual([{ username: 'awailas' }, { username: 'dragarcia' }]);
	});
});

describe('order, limit and range', () => {
	it('orders ascending, descending and with nulls placement', async () => {
		expect(
			(await h.anon.from('users').select('username').order('username', { ascending: false })).data
		).toEqual([
			{ username: 'supabot' },
			{ username: 'kiwicopple' },
			{ username: 'dragarcia' },
			{ username: 'awailas' },
		]);
		expect(
			(await h.anon.from('items').select('id').order('note', { nullsFirst: true })).data
		).toEqual([{ id: 2 }, { id: 1 }, { id: 3 }, { id: 4 }]);
		expect(
			(
				await h.anon
					.from('items')
					.select('id')
					.order('note', { ascending: false, nullsFirst: false })
			).data
		).toEqual([{ id: 4 }, { id: 3 }, { id: 1 }, { id: 2 }]);
		expect(
			(
				await h.anon
					.from('users')
					.select('username')
					.order('status')
					.order('username', { ascending: false })
			).data
		).toEqual([
			{ username: 'supabot' },
			{ username: 'dragarcia' },
			{ username: 'awailas' },
			{ username: 'kiwicopple' },
		]);
	});

	it('limits and pages', async () => {
		expect((await h.anon.from('users').select('username').order('username').limit(2)).data).toEqual(
			[{ username: 'awailas' }, { username: 'dragarcia' }]
		);
		const page = await h.anon.from('users').select('username').order('username').range(1, 2);
		expect(page).toMatchObject({
			data: [{ username: 'dragarcia' }, { username: 'kiwicopple' }],
			status: 200,
			count: null,
		});
		expect((await h.anon.from('users').select('username').limit(0)).data).toEqual([]);
	});

	it('counts exactly with Content-Range and 206 for partial pages', async () => {
		const all = await h.anon.from('users').select('username', { count: 'exact' });
		expect(all).toMatchObject({ count: 4, status: 200 });
		const part = await h.anon
			.from('users')
			.select('username', { count: 'exact' })
			.order('username')
			.range(1, 2);
		expect(part).toMatchObject({
			count: 4,
			status: 206,
			statusText: 'Partial Content',
			data: [{ username: 'dragarcia' }, { username: 'kiwicopple' }],
		});
		const head = await h.anon
			.from('users')
			.select('*', { count: 'exact', head: true })
			.eq('status', 'ONLINE');
		expect(head).toMatchObject({ count: 3, status: 200, data: null, error: null });
		const estimated = await h.anon.from('users').select('*', { count: 'estimated', head: true });
		expect(estimated.count).toBe(4);
		const planned = await h.anon.from('users').select('*', { count: 'planned', head: true });
		expect(typeof planned.count).toBe('number');
	});

	it('sends the headers PostgREST sends', async () => {
		const res = await fetch(
			`${h.server.url}/rest/v1/users?select=username&order=username&offset=1&limit=2`,
			{
				headers: { apikey: h.server.anonKey, prefer: 'count=exact', 'accept-profile': 'public' },
			}
		);
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe('1-2/4');
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(res.headers.get('content-profile')).toBe('public');
		expect(res.headers.get('preference-applied')).toBe('count=exact');
		const empty = await fetch(`${h.server.url}/rest/v1/users?username=eq.nobody`, {
			headers: { apikey: h.server.anonKey },
		});
		expect(empty.headers.get('content-range')).toBe('*/*');
		const ranged = await fetch(`${h.server.url}/rest/v1/users?select=username&order=username`, {
			headers: { apikey: h.server.anonKey, range: '0-1' },
		});
		expect(ranged.headers.get('content-range')).toBe('0-1/*');
		expect(await ranged.json()).toEqual([{ username: 'awailas' }, { username: 'dragarcia' }]);
	});

	it('answers 416 when the offset is past the end', async () => {
		const res = await h.anon.from('users').select('username', { count: 'exact' }).range(10, 12);
		expect(res.status).toBe(416);
		expect(res.error).toEqual({
			code: 'PGRST103',
			message: 'Requested range not satisfiable',
			details: 'An offset of 10 was requested, but there are only 4 rows.',
			hint: null,
		});
	});
});

describe('singular responses', () => {
	it('returns one object with single()', async () => {
		const res = await h.anon
			.from('users')
			.select('username, status')
			.eq('username', 'supabot')
			.single();
		expect(res).toMatchObject({
			data: { username: 'supabot', status: 'ONLINE' },
			error: null,
			status: 200,
		});
	});

	it('answers 406 PGRST116 when single() finds several or no rows', async () => {
		const many = await h.anon.from('users').select('username').single();
		expect(many).toMatchObject({ data: null, status: 406, statusText: 'Not Acceptable' });
		expect(many.error).toEqual({
			code: 'PGRST116',
			details: 'The result contains 4 rows',
			hint: null,
			message: 'Cannot coerce the result to a single JSON object',
		});
		const none = await h.anon.from('users').select('username').eq('username', 'nobody').single();
		expect(none.error?.details).toBe('The result contains 0 rows');
	});

	it('handles maybeSingle()', async () => {
		expect(
			await h.anon.from('users').select('username').eq('username', 'nobody').maybeSingle()
		).toMatchObject({ data: null, error: null, status: 200 });
		expect(
			(await h.anon.from('users').select('username').eq('username', 'awailas').maybeSingle()).data
		).toEqual({ username: 'awailas' });
		const many = await h.anon.from('users').select('username').maybeSingle();
		expect(many.error?.code).toBe('PGRST116');
		expect(many.status).toBe(406);
	});

	it('returns CSV', async () => {
		const res = await h.anon.from('items').select('id,name,tags,note').order('id').csv();
		expect(res.error).toBeNull();
		expect(res.data).toBe(
			'id,name,tags,note\n1,alpha,"{a,b}",first\n2,beta,"{b,c}",\n3,gamma,{},third\n4,Delta,,"x,y"'
		);
	});
});

describe('errors', () => {
	it('reports unknown columns as PostgreSQL does (42703, 400)', async () => {
		const res = await h.anon.from('users').select('missing_column');
		expect(res).toMatchObject({ status: 400, statusText: 'Bad Request', data: null });
		expect(res.error).toEqual({
			code: '42703',
			details: null,
			hint: null,
			message: 'column users.missing_column does not exist',
		});
	});

	it('reports unknown tables with PGRST205 and a suggestion', async () => {
		const res = await h.anon.from('userz').select();
		expect(res.status).toBe(404);
		expect(res.error).toEqual({
			code: 'PGRST205',
			details: null,
			hint: "Perhaps you meant the table 'public.users'",
			message: "Could not find the table 'public.userz' in the schema cache",
		});
	});

	it('reports bad values and bad syntax', async () => {
		const value = await h.anon.from('messages').select().eq('id', 'abc');
		expect(value.status).toBe(400);
		expect(value.error).toEqual({
			code: '22P02',
			details: null,
			hint: null,
			message: 'invalid input syntax for type bigint: "abc"',
		});
		const op = await h.anon.from('users').select().filter('username', 'nope', 'x');
		expect(op.status).toBe(400);
		expect(op.error?.code).toBe('PGRST100');
		expect(op.error?.message).toBe('"failed to parse filter (nope.x)" (line 1, column 1)');
		const sel = await h.anon.from('users').select('username,');
		expect(sel.error?.code).toBe('PGRST100');
		const missingOp = await h.anon.from('users').select().contains('username', 'x');
		expect(missingOp.status).toBe(404);
		expect(missingOp.error?.code).toBe('42883');
	});

	it('rejects schemas that are not exposed', async () => {
		const res = await h.anon.schema('private').from('users').select();
		expect(res.status).toBe(406);
		expect(res.error).toEqual({
			code: 'PGRST106',
			details: null,
			hint: 'Only the following schemas are exposed: public',
			message: 'Invalid schema: private',
		});
	});

	it('rejects writes in read-only requests', async () => {
		const res = await h.anon.rpc('bump', { counter_slug: 'x' }, { get: true });
		expect(res.status).toBe(405);
		expect(res.error?.code).toBe('25006');
	});
});

describe('service options', () => {
	let custom: RestHarness;
	beforeAll(async () => {
		custom = await startRest('', { maxRows: 2, aggregatesEnabled: true, allowTxOverride: true });
	}, 60_000);
	afterAll(async () => {
		await custom?.close();
	});

	it('caps reads at db-max-rows while counting every row', async () => {
		const res = await custom.anon
			.from('users')
			.select('username', { count: 'exact' })
			.order('username');
		expect(res).toMatchObject({
			count: 4,
			status: 206,
			data: [{ username: 'awailas' }, { username: 'dragarcia' }],
		});
		expect(
			(await custom.anon.from('users').select('username').order('username').limit(10)).data
		).toHaveLength(2);
	});

	it('refuses aggregates unless enabled (PGRST123, off on Supabase)', async () => {
		const off = await h.anon.from('products').select('price.sum()');
		expect(off.status).toBe(400);
		expect(off.error).toEqual({
			code: 'PGRST123',
			details: null,
			hint: null,
			message: 'Use of aggregate functions is not allowed',
		});
		const on = await custom.anon.from('products').select('total:price.sum(), n:count()');
		expect(on.data).toEqual([{ total: 1508.49, n: 3 }]);
		const grouped = await custom.anon
			.from('messages')
			.select('username, count()')
			.order('username');
		expect(grouped.data).toEqual([
			{ username: 'kiwicopple', count: 1 },
			{ username: 'supabot', count: 2 },
		]);
	});

	it('counts embedded rows with the legacy count column', async () => {
		const res = await h.anon
			.from('users')
			.select('username, messages(count)')
			.eq('username', 'supabot');
		expect(res.data).toEqual([{ username: 'supabot', messages: [{ count: 2 }] }]);
	});

	it('rolls back with Prefer: tx=rollback when db-tx-end allows it', async () => {
		const res = await fetch(`${custom.server.url}/rest/v1/counters`, {
			method: 'POST',
			headers: {
				apikey: custom.server.anonKey,
				'content-type': 'application/json',
				prefer: 'return=representation, tx=rollback',
			},
			body: JSON.stringify({ slug: 'gone' }),
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('preference-applied')).toBe('return=representation, tx=rollback');
		expect((await custom.anon.from('counters').select().eq('slug', 'gone')).data).toEqual([]);
	});
});

describe('preferences', () => {
	it('rejects unknown preferences with handling=strict', async () => {
		const res = await fetch(`${h.server.url}/rest/v1/users?select=username`, {
			headers: { apikey: h.server.anonKey, prefer: 'handling=strict, count=none, foo' },
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			code: 'PGRST122',
			details: 'Invalid preferences: count=none, foo',
			hint: null,
			message: 'Invalid preferences given with handling=strict',
		});
	});

	it('enforces max-affected under strict handling', async () => {
		// maxAffected() is typed for PostgREST 13+ clients; the database stays untyped like the other clients'.
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const v13 = createClient<any, { PostgrestVersion: '13' }>(h.server.url, h.server.anonKey);
		await h.anon.from('counters').insert([{ slug: 'm1' }, { slug: 'm2' }]);
		const res = await v13.from('counters').update({ n: 1 }).in('slug', ['m1', 'm2']).maxAffected(1);
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'PGRST124',
			details: 'The query affects 2 rows',
			hint: null,
			message: 'Query result exceeds max-affected preference constraint',
		});
		expect((await h.anon.from('counters').select('n').eq('slug', 'm1').single()).data).toEqual({
			n: 0,
		});
		expect(
			(await v13.from('counters').update({ n: 2 }).eq('slug', 'm1').maxAffected(1)).status
		).toBe(204);
	});

	it('applies Prefer: timezone to the transaction', async () => {
		const res = await fetch(`${h.server.url}/rest/v1/items?select=created_at&id=eq.1`, {
			headers: { apikey: h.server.anonKey, prefer: 'timezone=Asia/Tokyo' },
		});
		expect(await res.json()).toEqual([{ created_at: '2024-01-01T09:00:00+09:00' }]);
		expect(res.headers.get('preference-applied')).toBe('timezone=Asia/Tokyo');
	});
});

describe('schema cache', () => {
	it('sees new tables after reloadSchema()', async () => {
		// The DDL event trigger is held back (session_replication_role = replica), so that no NOTIFY pgrst reloads
		// the cache behind the test's back: only reloadSchema() can make the table visible.
		await h.server.db.exec(
			'set session_replication_role = replica; create table public.late (id int primary key); insert into public.late values (1); reset session_replication_role;'
		);
		expect((await h.anon.from('late').select()).error?.code).toBe('PGRST205');
		await h.server.reloadSchema();
		expect((await h.anon.from('late').select()).data).toEqual([{ id: 1 }]);
	});

	it('serves concurrent requests, each in its own transaction', async () => {
		const writes = Array.from({ length: 20 }, (_, i) =>
			h.anon
				.from('counters')
				.insert({ slug: `conc${i}`, n: i })
				.select('n')
				.single()
		);
		const reads = Array.from({ length: 20 }, () =>
			h.anon.from('users').select('username', { count: 'exact', head: true })
		);
		const results = await Promise.all([...writes, ...reads]);
		expect(results.every((r) => r.error === null)).toBe(true);
		expect(results.slice(0, 20).map((r) => (r.data as { n: number }).n)).toEqual(
			Array.from({ length: 20 }, (_, i) => i)
		);
		expect(results.slice(20).every((r) => r.count === 4)).toBe(true);
	});
});
