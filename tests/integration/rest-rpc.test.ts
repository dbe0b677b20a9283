/**
 * Functions over RPC through supabase-js: POST and GET calls, scalar/set/table/void results, filters and
 * select on results, overload resolution and errors.
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

describe('rpc results', () => {
	it('returns a bare scalar', async () => {
		const res = await h.anon.rpc('get_status', { name_param: 'supabot' });
		expect(res).toEqual({
			success: true,
			data: 'ONLINE',
			error: null,
			count: null,
			status: 200,
			statusText: 'OK',
		});
		expect((await h.anon.rpc('get_status', { name_param: 'nobody' })).data).toBeNull();
	});

	it('answers 204 for void functions', async () => {
		expect(await h.anon.rpc('void_func')).toMatchObject({
			data: null,
			error: null,
			status: 204,
			statusText: 'No Content',
		});
	});

	it('returns arrays for set-returning functions and objects for single rows', async () => {
		expect((await h.anon.rpc('series', { n: 4 })).data).toEqual([1, 2, 3, 4]);
		expect((await h.anon.rpc('series')).data).toEqual([1, 2, 3]);
		expect(
			(await h.anon.rpc('get_username_and_status', { name_param: 'kiwicopple' })).data
		).toEqual([{ username: 'kiwicopple', status: 'OFFLINE' }]);
		expect((await h.anon.rpc('first_user')).data).toMatchObject({
			username: 'awailas',
			status: 'ONLINE',
		});
	});

	it('passes a JSON body to a single unnamed json parameter', async () => {
		expect((await h.anon.rpc('echo_json', { a: [1, { b: null }] })).data).toEqual({
			a: [1, { b: null }],
		});
	});

	it('applies select, filters, order, range and count to results', async () => {
		const res = await h.anon
			.rpc('all_users', {}, { count: 'exact' })
			.select('username')
			.neq('status', 'OFFLINE')
			.order('username')
			.range(0, 1);
		expect(res).toMatchObject({
			data: [{ username: 'awailas' }, { username: 'dragarcia' }],
			count: 3,
			status: 206,
		});
		const single = await h.anon
			.rpc('get_username_and_status', { name_param: 'supabot' })
			.select('status')
			.single();
		expect(single.data).toEqual({ status: 'ONLINE' });
	});

	it('calls with GET and HEAD', async () => {
		expect((await h.anon.rpc('add', { a: 1, b: 2 }, { get: true })).data).toBe(3);
		expect((await h.anon.rpc('add', { a: 1 }, { get: true })).data).toBe(11);
		expect(await h.anon.rpc('series', { n: 5 }, { head: true, count: 'exact' })).toMatchObject({
			data: null,
			count: 5,
			status: 200,
		});
		expect((await h.anon.rpc('series', { n: 5 }, { get: true })).data).toEqual([1, 2, 3, 4, 5]);
	});

	it('lets volatile functions write on POST', async () => {
		await h.anon.from('counters').insert({ slug: 'rpc' });
		expect((await h.anon.rpc('bump', { counter_slug: 'rpc' })).data).toBe(1);
		expect((await h.anon.rpc('bump', { counter_slug: 'rpc' })).data).toBe(2);
	});

	it('honours response.status and response.headers set by the function', async () => {
		const res = await fetch(`${h.server.url}/rest/v1/rpc/set_teapot`, {
			method: 'POST',
			headers: { apikey: h.server.anonKey, 'content-type': 'application/json' },
			body: '{}',
		});
		expect(res.status).toBe(418);
		expect(res.headers.get('x-extra')).toBe('yes');
		expect(await res.json()).toBe('teapot');
	});
});

describe('rpc errors', () => {
	it('reports unknown functions with PGRST202', async () => {
		const res = await h.anon.rpc('get_statuz', { name_param: 'x' });
		expect(res.status).toBe(404);
		expect(res.error).toEqual({
			code: 'PGRST202',
			details:
				'Searched for the function public.get_statuz with parameter name_param or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.get_status',
			message: 'Could not find the function public.get_statuz(name_param) in the schema cache',
		});
		const noArgs = await h.anon.rpc('nope_fn');
		expect(noArgs.error?.message).toBe(
			'Could not find the function public.nope_fn without parameters in the schema cache'
		);
		const wrong = await h.anon.rpc('get_status', { wrong: 1 });
		expect(wrong.error?.code).toBe('PGRST202');
	});

	it('reports ambiguous overloads with PGRST203', async () => {
		const res = await h.anon.rpc('overloaded', { a: 1 });
		expect(res.status).toBe(300);
		expect(res.error?.code).toBe('PGRST203');
		expect(res.error?.message).toMatch(
			/^Could not choose the best candidate function between: public\.overloaded\(a => (integer|text)\), public\.overloaded\(a => (integer|text)\)$/
		);
		expect(res.error?.hint).toBe(
			'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
		);
	});

	it('passes RAISE EXCEPTION through as P0001 / 400', async () => {
		const res = await h.anon.rpc('fail_with', { msg: 'nope' });
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'P0001',
			details: 'some detail',
			hint: 'some hint',
			message: 'nope',
		});
	});

	it('rejects methods other than GET, HEAD and POST', async () => {
		const res = await fetch(`${h.server.url}/rest/v1/rpc/void_func`, {
			method: 'PATCH',
			headers: { apikey: h.server.anonKey },
		});
		expect(res.status).toBe(405);
		expect(await res.json()).toEqual({
			code: 'PGRST101',
			details: null,
			hint: null,
			message: 'Cannot use the PATCH method on RPC',
		});
	});
});
