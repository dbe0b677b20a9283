import { describe, expect, it } from 'vitest';
import { FifoLock } from './lock.ts';

describe('FifoLock', () => {
	it('grants the lock in arrival order and to one holder at a time', async () => {
		const lock = new FifoLock();
		const order: string[] = [];
		let inside = 0;
		const task = (name: string, ms: number) =>
			lock.run(async () => {
				inside += 1;
				expect(inside).toBe(1);
				order.push(`start ${name}`);
				await new Promise((resolve) => setTimeout(resolve, ms));
				order.push(`end ${name}`);
				inside -= 1;
			});
		await Promise.all([task('a', 20), task('b', 1), task('c', 5)]);
		expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
	});

	it('releases when the holder throws', async () => {
		const lock = new FifoLock();
		await expect(lock.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await expect(lock.run(async () => 'next')).resolves.toBe('next');
	});
});
