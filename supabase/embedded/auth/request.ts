import { AuthError, badRequest } from './errors.ts';

/** GoTrue's request body limit. */
const BODY_LIMIT = 1 << 20;

function goKind(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'object';
	return typeof value === 'boolean' ? 'bool' : typeof value;
}

/**
 * The JSON body of a request, read the way GoTrue's handlers read it: at most 1 MiB (413 beyond), a JSON
 * object (400 `bad_json` otherwise), and typed fields that refuse a value of the wrong JSON type with
 * Go's "cannot unmarshal" wording.
 */
export class Params {
	readonly #body: Record<string, unknown>;
	readonly #struct: string;

	constructor(body: Record<string, unknown>, struct: string) {
		this.#body = body;
		this.#struct = struct;
	}

	/** Whether the field was sent (even as null). */
	has(name: string): boolean {
		return Object.hasOwn(this.#body, name);
	}

	#wrongType(name: string, value: unknown, expected: string): AuthError {
		return badRequest(
			'bad_json',
			`Could not parse request body as JSON: json: cannot unmarshal ${goKind(value)} into Go struct field ${this.#struct}.${name} of type ${expected}`
		);
	}

	/** A string field; missing or null is `''`. */
	string(name: string): string {
		const value = this.#body[name];
		if (value === undefined || value === null) return '';
		if (typeof value !== 'string') throw this.#wrongType(name, value, 'string');
		return value;
	}

	/** A string field whose absence matters (Go `*string`): undefined when missing or null. */
	optionalString(name: string): string | undefined {
		const value = this.#body[name];
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'string') throw this.#wrongType(name, value, 'string');
		return value;
	}

	/** A boolean field; missing or null is `fallback`. */
	boolean(name: string, fallback = false): boolean {
		const value = this.#body[name];
		if (value === undefined || value === null) return fallback;
		if (typeof value !== 'boolean') throw this.#wrongType(name, value, 'bool');
		return value;
	}

	/** An object field (Go `map[string]interface{}`); undefined when missing or null. */
	object(name: string): Record<string, unknown> | undefined {
		const value = this.#body[name];
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'object' || Array.isArray(value))
			throw this.#wrongType(name, value, 'map[string]interface {}');
		return value as Record<string, unknown>;
	}
}

async function readText(request: Request): Promise<string> {
	const declared = Number(request.headers.get('content-length'));
	const tooLarge = new AuthError(
		413,
		'request_entity_too_large',
		`Request body too large (max ${BODY_LIMIT} bytes)`
	);
	if (Number.isFinite(declared) && declared > BODY_LIMIT) throw tooLarge;
	if (request.body === null) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > BODY_LIMIT) {
			await reader.cancel().catch(() => undefined);
			throw tooLarge;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Reads the request body into Params for the Go struct named `struct` (used in error messages). */
export async function readParams(request: Request, struct: string): Promise<Params> {
	const text = await readText(request);
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		const detail = text.trim() === '' ? 'unexpected end of JSON input' : (error as Error).message;
		throw badRequest('bad_json', `Could not parse request body as JSON: ${detail}`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw badRequest(
			'bad_json',
			`Could not parse request body as JSON: json: cannot unmarshal ${goKind(parsed)} into Go value of type api.${struct}`
		);
	}
	return new Params(parsed as Record<string, unknown>, struct);
}

/** Reads the body only when there is one (GoTrue's admin delete accepts an empty body). */
export async function readOptionalParams(request: Request, struct: string): Promise<Params> {
	const text = await readText(request);
	if (text === '') return new Params({}, struct);
	return readParams(new Request('http://body.invalid/', { method: 'POST', body: text }), struct);
}

/** The client's IP as the gateway recorded it. */
export function clientIp(request: Request): string {
	return request.headers.get('x-real-ip') ?? '';
}
