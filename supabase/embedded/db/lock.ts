/** A first-come, first-served mutex: `acquire()` resolves when every earlier caller has released. */
export class FifoLock {
	#held = false;
	readonly #waiters: Array<() => void> = [];

	/** Resolves once the lock is ours; call the returned function exactly once to release it. */
	acquire(): Promise<() => void> {
		return new Promise((resolve) => {
			const grant = (): void => {
				this.#held = true;
				let released = false;
				resolve(() => {
					if (released) return;
					released = true;
					this.#handOver();
				});
			};
			if (this.#held) this.#waiters.push(grant);
			else grant();
		});
	}

	/** Runs `fn` while holding the lock. */
	async run<T>(fn: () => Promise<T>): Promise<T> {
		const release = await this.acquire();
		try {
			return await fn();
		} finally {
			release();
		}
	}

	/** How many callers are waiting for the lock. */
	get waiting(): number {
		return this.#waiters.length;
	}

	#handOver(): void {
		const next = this.#waiters.shift();
		if (next) next();
		else this.#held = false;
	}
}
