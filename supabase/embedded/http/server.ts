import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Gateway } from './gateway.ts';
import { BadRequestLine, toWebRequest, writeWebResponse } from './node-bridge.ts';

/** A listening HTTP server. */
export interface HttpServer {
	readonly port: number;
	readonly host: string;
	/** Replaces the request handler (requests before the first one get 503). */
	setGateway(gateway: Gateway): void;
	/** Stops accepting connections, lets requests in flight finish (up to `graceMs`), then closes the rest. */
	close(graceMs?: number): Promise<void>;
}

function plainError(res: ServerResponse, status: number, message: string): void {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	const body = JSON.stringify({ message });
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(body),
	});
	res.end(body);
}

/** Starts node:http on `host:port` (0 = any free port). Every request goes to the current gateway. */
export async function startHttpServer(host: string, port: number): Promise<HttpServer> {
	let gateway: Gateway | undefined;
	const sockets = new Set<Socket>();
	const server: Server = createServer({ requestTimeout: 300_000, headersTimeout: 60_000 });
	let origin = `http://${host}:${port}`;

	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	// Malformed requests are answered by Node itself; nothing may crash the process.
	server.on('clientError', (error, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy(error);
	});

	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		const abort = new AbortController();
		res.on('close', () => {
			if (!res.writableFinished) abort.abort();
		});
		void (async () => {
			if (gateway === undefined) {
				plainError(res, 503, 'the backend is starting');
				return;
			}
			let request: Request;
			try {
				request = toWebRequest(req, origin, abort.signal);
			} catch (error) {
				plainError(res, 400, error instanceof BadRequestLine ? error.message : 'bad request');
				return;
			}
			const response = await gateway(request, { address: req.socket.remoteAddress ?? '' });
			await writeWebResponse(res, response, request.method);
		})().catch((error: unknown) => {
			// The client went away mid-response, or writing failed: nothing left to answer.
			if (!abort.signal.aborted) console.error('[embedded] writing a response failed:', error);
			res.destroy();
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	server.on('error', (error) => console.error('[embedded] HTTP server error:', error.message));
	const address = server.address();
	const boundPort = typeof address === 'object' && address !== null ? address.port : port;
	origin = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;

	return {
		port: boundPort,
		host,
		setGateway(next) {
			gateway = next;
		},
		async close(graceMs = 5000) {
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeIdleConnections();
			const timer = setTimeout(() => {
				for (const socket of sockets) socket.destroy();
			}, graceMs);
			timer.unref();
			await closed;
			clearTimeout(timer);
		},
	};
}
