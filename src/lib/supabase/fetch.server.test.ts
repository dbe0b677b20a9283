import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BackendWatch, createSupabaseFetch, watchBackend } from './fetch.server.ts';

let server: Server;
let url = '';

beforeAll(async () => {
	// /ok answers, /hang never does.
	server = createServer((request, response) => {
		if (request.url === '/ok') response.end('ok');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
	server.closeAllConnections();
	server.close();
});

const bounded = createSupabaseFetch(300);

describe('createSupabaseFetch', () => {
	test('passes answers through and leaves the watch clear', async () => {
		const watch: BackendWatch = { unavailable: false };
		const response = await watchBackend(watch, () => bounded(`${url}/ok`));
		expect(await response.text()).toBe('ok');
		expect(watch.unavailable).toBe(false);
	});

	test('a backend that does not answer: an AbortError after the timeout, reported', async () => {
		const watch: BackendWatch = { unavailable: false };
		const error = await watchBackend(watch, () => bounded(`${url}/hang`)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DOMException);
		expect((error as DOMException).name).toBe('AbortError');
		expect(watch.unavailable).toBe(true);
	});

	test('a backend that is not listening: the error, reported; a later answer clears it', async () => {
		const watch: BackendWatch = { unavailable: false };
		const error = await watchBackend(watch, () => bounded('http://127.0.0.1:1/')).catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(TypeError);
		expect(watch.unavailable).toBe(true);
		await watchBackend(watch, () => bounded(`${url}/ok`));
		expect(watch.unavailable).toBe(false);
	});

	test("the caller's own abort is not the backend's fault", async () => {
		const watch: BackendWatch = { unavailable: false };
		const controller = new AbortController();
		const pending = watchBackend(watch, () =>
			bounded(`${url}/hang`, { signal: controller.signal })
		).catch((e: unknown) => e);
		controller.abort();
		expect(await pending).toBeDefined();
		expect(watch.unavailable).toBe(false);
	});
});
