import { createServer, type Server, type Socket } from 'node:net';
import type { PgliteDatabase } from './pglite.ts';
import type { SessionParty } from './pglite-sessions.ts';

/** The PostgreSQL wire protocol served from the backend's PGlite, for psql and migration tools. */
export interface WireServer {
	readonly host: string;
	readonly port: number;
	close(): Promise<void>;
}

/** Options of the wire server. */
export interface WireServerOptions {
	host: string;
	port: number;
	/**
	 * A client holding the backend in an open transaction while idle for this long, with others waiting, is
	 * disconnected (its transaction rolled back), like `idle_in_transaction_session_timeout`. Default 60 s.
	 */
	idleInTransactionTimeoutMs?: number;
}

const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
const PROTOCOL_3 = 196_608;
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const NOTIFICATION = 0x41; // 'A'
const IDLE = 0x49; // 'I'
const MAX_MESSAGE = 1 << 30;

/** An ErrorResponse message, the way a server reports a fatal error before closing. */
function fatalError(code: string, message: string): Buffer {
	const fields = Buffer.concat(
		[
			['S', 'FATAL'],
			['V', 'FATAL'],
			['C', code],
			['M', message],
		].map(([tag, text]) => Buffer.from(`${tag}${text}\0`, 'utf8'))
	);
	const body = Buffer.concat([fields, Buffer.from([0])]);
	const header = Buffer.alloc(5);
	header.writeUInt8(0x45, 0);
	header.writeInt32BE(body.length + 4, 1);
	return Buffer.concat([header, body]);
}

/** Splits the backend's output into messages, taking out notifications (delivered in-process instead). */
class OutputFramer {
	#pending = Buffer.alloc(0);
	/** Status byte of the last ReadyForQuery seen, or undefined when none was seen since `reset`. */
	readyStatus: number | undefined;
	readonly #onNotification: (channel: string, payload: string) => void;

	constructor(onNotification: (channel: string, payload: string) => void) {
		this.#onNotification = onNotification;
	}

	reset(): void {
		this.readyStatus = undefined;
	}

	/** Returns the bytes to forward to the client. */
	push(chunk: Uint8Array): Buffer {
		const data =
			this.#pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#pending, chunk]);
		const forward: Buffer[] = [];
		let offset = 0;
		while (data.length - offset >= 5) {
			const type = data[offset] as number;
			const length = data.readInt32BE(offset + 1);
			if (data.length - offset < length + 1) break;
			const message = data.subarray(offset, offset + 1 + length);
			if (type === NOTIFICATION) {
				const body = message.subarray(9);
				const channelEnd = body.indexOf(0);
				const payloadEnd = body.indexOf(0, channelEnd + 1);
				this.#onNotification(
					body.subarray(0, channelEnd).toString('utf8'),
					body.subarray(channelEnd + 1, payloadEnd).toString('utf8')
				);
			} else {
				if (type === READY_FOR_QUERY) this.readyStatus = message[5];
				forward.push(message);
			}
			offset += 1 + length;
		}
		this.#pending = Buffer.from(data.subarray(offset));
		return Buffer.concat(forward);
	}
}

/**
 * One client connection. Its turn on the backend starts with its first message and lasts until the backend
 * reports ReadyForQuery with status idle: an open transaction, or an extended-protocol exchange not yet
 * ended by Sync, keeps every other party (HTTP requests included) waiting, since PGlite has one backend.
 */
class WireConnection {
	readonly #party: SessionParty;
	#buffer = Buffer.alloc(0);
	#started = false;
	#endTurn: (() => void) | undefined;
	#queue: Promise<void> = Promise.resolve();
	#closed = false;
	#idleTimer: NodeJS.Timeout | undefined;
	readonly #framer: OutputFramer;
	readonly db: PgliteDatabase;
	readonly socket: Socket;
	readonly idleTimeoutMs: number;

	constructor(db: PgliteDatabase, socket: Socket, id: number, idleTimeoutMs: number) {
		this.db = db;
		this.socket = socket;
		this.idleTimeoutMs = idleTimeoutMs;
		this.#party = { name: `wire#${id}` };
		this.#framer = new OutputFramer((channel, payload) =>
			db.dispatchNotification(channel, payload)
		);
		socket.setNoDelay(true);
		socket.on('data', (chunk) => {
			this.#buffer = Buffer.concat([this.#buffer, chunk]);
			this.#queue = this.#queue
				.then(() => this.#drain())
				.catch((error: unknown) => this.#fail(error));
		});
		socket.on('close', () => {
			this.#queue = this.#queue.then(() => this.#cleanup());
		});
		socket.on('error', () => socket.destroy());
	}

	async #drain(): Promise<void> {
		while (!this.#closed) {
			if (!this.#started) {
				if (this.#buffer.length < 8) return;
				const length = this.#buffer.readInt32BE(0);
				if (length < 8 || length > 10_000) throw new Error('invalid startup packet');
				if (this.#buffer.length < length) return;
				const code = this.#buffer.readInt32BE(4);
				const packet = this.#buffer.subarray(0, length);
				this.#buffer = this.#buffer.subarray(length);
				if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
					this.socket.write('N');
					continue;
				}
				if (code === CANCEL_REQUEST) {
					// Cancelling a running statement is not supported by PGlite; the request is dropped like a lost packet.
					this.socket.end();
					return;
				}
				if (code !== PROTOCOL_3) {
					this.socket.end(fatalError('0A000', 'unsupported frontend protocol'));
					this.#closed = true;
					return;
				}
				this.#started = true;
				await this.#run(new Uint8Array(packet), true);
				continue;
			}
			if (this.#buffer.length < 5) return;
			const length = this.#buffer.readInt32BE(1);
			if (length < 4 || length > MAX_MESSAGE) throw new Error('invalid message length');
			if (this.#buffer.length < length + 1) return;
			const message = new Uint8Array(this.#buffer.subarray(0, length + 1));
			this.#buffer = this.#buffer.subarray(length + 1);
			if (message[0] === TERMINATE) {
				this.socket.end();
				this.#closed = true;
				return;
			}
			await this.#run(message, false);
		}
	}

	async #run(message: Uint8Array, startup: boolean): Promise<void> {
		this.#clearIdleTimer();
		if (this.#endTurn === undefined) this.#endTurn = await this.db.sessions.begin(this.#party);
		this.#framer.reset();
		const { pglite } = this.db;
		await pglite.runExclusive(() =>
			pglite.execProtocolRawStream(message, {
				onRawData: (data) => {
					const forward = this.#framer.push(data);
					if (forward.length > 0 && !this.socket.destroyed) this.socket.write(forward);
				},
			})
		);
		const idle = startup || (this.#framer.readyStatus === IDLE && !pglite.isInTransaction());
		if (idle) this.#releaseTurn();
		else if (this.#framer.readyStatus !== undefined) this.#armIdleTimer();
	}

	#releaseTurn(): void {
		const end = this.#endTurn;
		this.#endTurn = undefined;
		end?.();
	}

	#armIdleTimer(): void {
		this.#idleTimer = setTimeout(() => {
			if (this.#endTurn === undefined) return;
			if (this.db.sessions.waiting === 0) {
				this.#armIdleTimer();
				return;
			}
			this.socket.end(
				fatalError('25P03', 'terminating connection due to idle-in-transaction timeout')
			);
		}, this.idleTimeoutMs);
		this.#idleTimer.unref();
	}

	#clearIdleTimer(): void {
		if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
		this.#idleTimer = undefined;
	}

	#fail(error: unknown): void {
		if (!this.socket.destroyed) {
			this.socket.end(fatalError('08P01', error instanceof Error ? error.message : String(error)));
		}
		this.#closed = true;
	}

	async #cleanup(): Promise<void> {
		this.#closed = true;
		this.#clearIdleTimer();
		if (this.#endTurn !== undefined) {
			try {
				const { pglite } = this.db;
				// A Sync ends any half-sent extended-protocol exchange; ROLLBACK ends any open transaction.
				await pglite.runExclusive(() => pglite.execProtocolRaw(new Uint8Array([0x53, 0, 0, 0, 4])));
				if (pglite.isInTransaction()) await pglite.exec('rollback');
			} catch (error) {
				console.error(`[embedded] cleaning up ${this.#party.name} failed:`, error);
			} finally {
				this.#releaseTurn();
			}
		}
		this.db.sessions.forget(this.#party);
	}
}

/**
 * Serves PGlite over the PostgreSQL wire protocol (no TLS; any user name and password are accepted, so it
 * must listen on a loopback address). Clients share the one backend with the HTTP API: each takes turns, a
 * client's session settings are kept per client, and an open transaction makes everyone else wait.
 */
export async function startWireServer(
	db: PgliteDatabase,
	options: WireServerOptions
): Promise<WireServer> {
	const idleTimeoutMs = options.idleInTransactionTimeoutMs ?? 60_000;
	const sockets = new Set<Socket>();
	let nextId = 1;
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		new WireConnection(db, socket, nextId++, idleTimeoutMs);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	server.on('error', (error) => console.error('[embedded] wire server error:', error.message));
	const address = server.address();
	const port = typeof address === 'object' && address !== null ? address.port : options.port;
	return {
		host: options.host,
		port,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
