import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import { DbError } from './errors.ts';
import { FifoLock } from './lock.ts';

/**
 * One party that uses PGlite's single backend: the backend process itself (`app`) or one client connected over
 * the wire protocol. Session-level settings (`SET search_path`, `SET ROLE`) belong to a party and are swapped in
 * and out when another party takes its turn, so a `psql` session never leaks its role into HTTP requests.
 */
export interface SessionParty {
	readonly name: string;
	/** Session settings saved when the party last gave up the backend, restored on its next turn. */
	saved?: Array<[name: string, value: string]> | undefined;
}

const insideTurn = new AsyncLocalStorage<SessionParty>();

/**
 * Runs `fn` soon, outside any turn: notification listeners fire while a statement is still running, and
 * whatever they do with the database must queue behind that turn instead of running inside it.
 */
export function detached(fn: () => void): void {
	insideTurn.exit(() => setImmediate(fn));
}

/**
 * Serializes every use of one PGlite instance. PGlite runs a single PostgreSQL backend, so an open transaction,
 * a half-sent extended-protocol exchange or a session setting of one party would otherwise be seen by the next.
 */
export class PgliteSessions {
	readonly app: SessionParty = { name: 'app' };
	readonly #lock = new FifoLock();
	readonly #pglite: PGlite;
	#current: SessionParty;
	#closed = false;

	constructor(pglite: PGlite) {
		this.#pglite = pglite;
		this.#current = this.app;
	}

	/** How many turns are waiting. */
	get waiting(): number {
		return this.#lock.waiting;
	}

	/**
	 * Waits for the backend, makes `party`'s session settings current, and returns the function that ends the turn.
	 * Rejects when called from inside a turn of the same async context, which would wait for itself forever.
	 */
	async begin(party: SessionParty): Promise<() => void> {
		if (insideTurn.getStore() !== undefined) {
			throw new DbError({
				code: '55000',
				message:
					'database used re-entrantly: inside db.transaction() run statements on the transaction handle, not on db (PGlite has a single connection)',
			});
		}
		if (this.#closed) throw new DbError({ code: '08003', message: 'the database is closed' });
		const release = await this.#lock.acquire();
		try {
			if (this.#current !== party) await this.#switchTo(party);
		} catch (error) {
			release();
			throw error;
		}
		return release;
	}

	/** Runs `fn` as one turn of `party`. */
	async run<T>(party: SessionParty, fn: () => Promise<T>): Promise<T> {
		const end = await this.begin(party);
		try {
			return await insideTurn.run(party, fn);
		} finally {
			end();
		}
	}

	/** Refuses new turns, waits for the ones already queued, then runs `fn` (which closes PGlite) as the last turn. */
	async close(fn: () => Promise<void>): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		const release = await this.#lock.acquire();
		try {
			await fn();
		} finally {
			release();
		}
	}

	/** Forgets a party that has gone (its saved settings are dropped). */
	forget(party: SessionParty): void {
		party.saved = undefined;
	}

	async #switchTo(next: SessionParty): Promise<void> {
		const previous = this.#current;
		if (previous !== this.app) {
			// role and session_authorization are hidden from pg_settings, so they are read on their own.
			const result = await this.#pglite.query<{ name: string; setting: string }>(
				`select name, setting from pg_settings where source = 'session'
				 union all
				 select 'session_authorization', session_user::text where session_user <> (select rolname from pg_roles where oid = 10)
				 union all
				 select 'role', current_setting('role') where current_setting('role') <> 'none'`
			);
			previous.saved = result.rows.map((row) => [row.name, row.setting]);
			await this.#pglite.exec('reset session authorization; reset role; reset all;');
		}
		this.#current = next;
		const saved = next.saved;
		if (saved !== undefined && saved.length > 0) {
			// Identity settings go last: after `role` is restored the party may lack the right to set the others.
			const rank = (name: string): number =>
				name === 'role' ? 2 : name === 'session_authorization' ? 1 : 0;
			const ordered = [...saved].sort((a, b) => rank(a[0]) - rank(b[0]));
			for (const [name, value] of ordered) {
				await this.#pglite.query('select set_config($1, $2, false)', [name, value]);
			}
		}
	}
}
