/**
 * Resource embedding through supabase-js: many-to-one, one-to-many, one-to-one, many-to-many, hints,
 * self-references, !inner, spreads and filters/order/limit on embedded resources.
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

describe('embedding', () => {
	it('embeds many-to-one as an object', async () => {
		const res = await h.anon
			.from('messages')
			.select('id, users(username, status), channels(slug)')
			.order('id');
		expect(res.error).toBeNull();
		expect(res.data).toEqual([
			{ id: 1, users: { username: 'supabot', status: 'ONLINE' }, channels: { slug: 'public' } },
			{ id: 2, users: { username: 'supabot', status: 'ONLINE' }, channels: { slug: 'random' } },
			{ id: 3, users: { username: 'kiwicopple', status: 'OFFLINE' }, channels: { slug: 'public' } },
		]);
	});

	it('embeds one-to-many as an array, empty when there are no rows', async () => {
		const res = await h.anon.from('users').select('username, messages(id)').order('username');
		expect(res.data).toEqual([
			{ username: 'awailas', messages: [] },
			{ username: 'dragarcia', messages: [] },
			{ username: 'kiwicopple', messages: [{ id: 3 }] },
			{ username: 'supabot', messages: [{ id: 1 }, { id: 2 }] },
		]);
	});

	it('embeds one-to-one as an object or null in both directions', async () => {
		expect(
			(await h.anon.from('channels').select('id, channel_details(details)').order('id')).data
		).toEqual([
			{ id: 1, channel_details: { details: 'details for public' } },
			{ id: 2, channel_details: null },
		]);
		expect((await h.anon.from('channel_details').select('details, channels(slug)')).data).toEqual([
			{ details: 'details for public', channels: { slug: 'public' } },
		]);
	});

	it('embeds many-to-many through a junction table', async () => {
		const res = await h.anon.from('products').select('name, categories(name)').order('id');
		expect(res.error).toBeNull();
		expect(
			(res.data as { name: string; categories: { name: string }[] }[]).map((p) => ({
				...p,
				categories: p.categories.map((c) => c.name).sort(),
			}))
		).toEqual([
			{ name: 'Laptop', categories: ['Electronics'] },
			{ name: 'Phone', categories: ['Electronics'] },
			{ name: 'Cable', categories: ['Accessories', 'Electronics'] },
		]);
		const back = await h.anon.from('categories').select('name, products(name)').eq('id', 2);
		expect(back.data).toEqual([{ name: 'Accessories', products: [{ name: 'Cable' }] }]);
	});

	it('nests embeds and renames them with aliases', async () => {
		const res = await h.anon
			.from('channels')
			.select('slug, posts:messages(id, author:users(username))')
			.eq('id', 2);
		expect(res.data).toEqual([
			{ slug: 'random', posts: [{ id: 2, author: { username: 'supabot' } }] },
		]);
	});

	it('reports ambiguous relationships with PGRST201 and resolves them with hints', async () => {
		const amb = await h.anon.from('best_friends').select('users(username)');
		expect(amb.status).toBe(300);
		expect(amb.statusText).toBe('Multiple Choices');
		expect(amb.error?.code).toBe('PGRST201');
		expect(amb.error?.message).toBe(
			"Could not embed because more than one relationship was found for 'best_friends' and 'users'"
		);
		expect(new Set(amb.error?.details as unknown as unknown[])).toEqual(
			new Set([
				{
					cardinality: 'many-to-one',
					embedding: 'best_friends with users',
					relationship:
						'best_friends_first_user_fkey using best_friends(first_user) and users(username)',
				},
				{
					cardinality: 'many-to-one',
					embedding: 'best_friends with users',
					relationship:
						'best_friends_second_user_fkey using best_friends(second_user) and users(username)',
				},
				{
					cardinality: 'many-to-one',
					embedding: 'best_friends with users',
					relationship:
						'best_friends_third_wheel_fkey using best_friends(third_wheel) and users(username)',
				},
			])
		);
		expect(amb.error?.hint).toMatch(
			/^Try changing 'users' to one of the following: 'users!best_friends_[a-z_]+_fkey', /
		);
		const byConstraint = await h.anon
			.from('best_friends')
			.select('id, users!best_friends_second_user_fkey(username)')
			.order('id');
		expect(byConstraint.data).toEqual([
			{ id: 1, users: { username: 'kiwicopple' } },
			{ id: 2, users: { username: 'dragarcia' } },
		]);
		const byColumn = await h.anon
			.from('best_friends')
			.select('id, first:first_user(username), third:users!third_wheel(username)')
			.order('id');
		expect(byColumn.data).toEqual([
			{ id: 1, first: { username: 'supabot' }, third: { username: 'awailas' } },
			{ id: 2, first: { username: 'supabot' }, third: null },
		]);
	});

	it('follows self-references: children by table name, parent by FK column', async () => {
		const res = await h.anon
			.from('collections')
			.select('id, parent:parent_id(id), children:collections(id)')
			.order('id');
		expect(res.error).toBeNull();
		expect(res.data).toEqual([
			{ id: 1, parent: null, children: [{ id: 2 }, { id: 3 }] },
			{ id: 2, parent: { id: 1 }, children: [{ id: 4 }] },
			{ id: 3, parent: { id: 1 }, children: [] },
			{ id: 4, parent: { id: 2 }, children: [] },
		]);
	});

	it('reports missing relationships with PGRST200', async () => {
		const res = await h.anon.from('users').select('*, messagez(*)');
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'PGRST200',
			details:
				"Searched for a foreign key relationship between 'users' and 'messagez' in the schema 'public', but no matches were found.",
			hint: "Perhaps you meant 'messages' instead of 'messagez'.",
			message: "Could not find a relationship between 'users' and 'messagez' in the schema cache",
		});
		const hinted = await h.anon.from('messages').select('users!nope(*)');
		expect(hinted.error?.details).toBe(
			"Searched for a foreign key relationship between 'messages' and 'users' using the hint 'nope' in the schema 'public', but no matches were found."
		);
	});
});

describe('filtering embedded resources', () => {
	it('filters, orders and limits inside the embed without dropping parents', async () => {
		const res = await h.anon
			.from('users')
			.select('username, messages(id)')
			.eq('messages.id', 1)
			.order('username');
		expect(res.data).toEqual([
			{ username: 'awailas', messages: [] },
			{ username: 'dragarcia', messages: [] },
			{ username: 'kiwicopple', messages: [] },
			{ username: 'supabot', messages: [{ id: 1 }] },
		]);
		const ordered = await h.anon
			.from('users')
			.select('username, messages(id)')
			.eq('username', 'supabot')
			.order('id', { referencedTable: 'messages', ascending: false })
			.limit(1, { referencedTable: 'messages' });
		expect(ordered.data).toEqual([{ username: 'supabot', messages: [{ id: 2 }] }]);
		const ranged = await h.anon
			.from('users')
			.select('username, messages(id)')
			.eq('username', 'supabot')
			.order('id', { referencedTable: 'messages' })
			.range(1, 1, { referencedTable: 'messages' });
		expect(ranged.data).toEqual([{ username: 'supabot', messages: [{ id: 2 }] }]);
		const or = await h.anon
			.from('channels')
			.select('id, messages(id)')
			.or('id.eq.1,id.eq.2', { referencedTable: 'messages' })
			.order('id');
		expect(or.data).toEqual([
			{ id: 1, messages: [{ id: 1 }] },
			{ id: 2, messages: [{ id: 2 }] },
		]);
	});

	it('drops parents without a match with !inner, also in the count', async () => {
		const res = await h.anon
			.from('messages')
			.select('id, users!inner(username)', { count: 'exact' })
			.eq('users.username', 'kiwicopple');
		expect(res).toMatchObject({ count: 1, data: [{ id: 3, users: { username: 'kiwicopple' } }] });
		const toMany = await h.anon
			.from('users')
			.select('username, messages!inner(id)')
			.eq('messages.channel_id', 2);
		expect(toMany.data).toEqual([{ username: 'supabot', messages: [{ id: 2 }] }]);
	});

	it('filters parents by the existence of embedded rows', async () => {
		const some = await h.anon
			.from('users')
			.select('username, messages()', { count: 'exact' })
			.not('messages', 'is', null)
			.order('username');
		expect(some).toMatchObject({
			count: 2,
			data: [{ username: 'kiwicopple' }, { username: 'supabot' }],
		});
		const none = await h.anon
			.from('users')
			.select('username, messages(id)')
			.is('messages', null)
			.order('username');
		expect(none.data).toEqual([
			{ username: 'awailas', messages: [] },
			{ username: 'dragarcia', messages: [] },
		]);
	});

	it('orders parents by a to-one embed and refuses to-many', async () => {
		const res = await h.anon
			.from('messages')
			.select('id, users(username)')
			.order('users(username)', { ascending: false })
			.order('id');
		expect((res.data as { id: number }[]).map((m) => m.id)).toEqual([1, 2, 3]);
		const bad = await h.anon.from('users').select('username, messages(id)').order('messages(id)');
		expect(bad.status).toBe(400);
		expect(bad.error).toEqual({
			code: 'PGRST118',
			details: "'users' and 'messages' do not form a many-to-one or one-to-one relationship",
			hint: null,
			message: "A related order on 'messages' is not possible",
		});
	});

	it('rejects filters on resources that are not embedded (PGRST108)', async () => {
		const res = await h.anon.from('users').select('username').eq('messages.id', 1);
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'PGRST108',
			details: null,
			hint: "Verify that 'messages' is included in the 'select' query parameter.",
			message: "'messages' is not an embedded resource in this request",
		});
	});
});

describe('spreads', () => {
	it('lifts to-one columns into the parent', async () => {
		const res = await h.anon.from('channels').select('id, ...channel_details(details)').order('id');
		expect(res.data).toEqual([
			{ id: 1, details: 'details for public' },
			{ id: 2, details: null },
		]);
	});

	it('turns to-many columns into arrays', async () => {
		const res = await h.anon
			.from('users')
			.select('username, ...messages(message_id:id)')
			.in('username', ['supabot', 'awailas'])
			.order('username')
			.order('id', { referencedTable: 'messages', ascending: false });
		expect(res.error).toBeNull();
		expect(res.data).toEqual([
			{ username: 'awailas', message_id: [] },
			{ username: 'supabot', message_id: [2, 1] },
		]);
	});
});

describe('views and computed relationships', () => {
	it('embeds through views whose columns expose the keys', async () => {
		const fromView = await h.anon
			.from('online_users')
			.select('username, messages(id)')
			.order('username');
		expect(fromView.error).toBeNull();
		expect(fromView.data).toEqual([
			{ username: 'awailas', messages: [] },
			{ username: 'dragarcia', messages: [] },
			{ username: 'supabot', messages: [{ id: 1 }, { id: 2 }] },
		]);
		const toView = await h.anon.from('messages').select('id, online_users(status)').order('id');
		expect(toView.data).toEqual([
			{ id: 1, online_users: { status: 'ONLINE' } },
			{ id: 2, online_users: { status: 'ONLINE' } },
			{ id: 3, online_users: null },
		]);
	});

	it('embeds computed relationships (functions of the parent row)', async () => {
		const res = await h.anon.from('channels').select('slug, get_messages(id)').order('id');
		expect(res.error).toBeNull();
		expect(res.data).toEqual([
			{ slug: 'public', get_messages: [{ id: 1 }, { id: 3 }] },
			{ slug: 'random', get_messages: [{ id: 2 }] },
		]);
	});
});

describe('embedding after writes and calls', () => {
	it('embeds related rows in a write representation', async () => {
		const res = await h.anon
			.from('messages')
			.insert({ message: 'new', username: 'awailas', channel_id: 2 })
			.select('message, users(status), channels(slug)');
		expect(res).toMatchObject({
			status: 201,
			data: [{ message: 'new', users: { status: 'ONLINE' }, channels: { slug: 'random' } }],
		});
		await h.anon.from('messages').delete().eq('message', 'new');
	});

	it('embeds from a function returning table rows', async () => {
		const res = await h.anon
			.rpc('all_users')
			.select('username, messages(id)')
			.eq('username', 'kiwicopple');
		expect(res.data).toEqual([{ username: 'kiwicopple', messages: [{ id: 3 }] }]);
	});
});
