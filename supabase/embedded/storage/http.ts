/**
 * HTTP plumbing shared by Storage's routes: JSON responses, bounded JSON request bodies, and the request
 * validation messages Storage's framework (Fastify + Ajv) sends.
 */
import { validationError } from './errors.ts';

/** Fastify's default body limit, which applies to Storage's JSON routes. */
const JSON_BODY_LIMIT = 1024 * 1024;

/** A JSON response with Storage's content type. */
export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
	const response = Response.json(body, { status });
	for (const [name, value] of new Headers(headers)) response.headers.set(name, value);
	return response;
}

/** Reads at most `limit` bytes of a request body; rejects with 413 beyond that, without buffering the rest. */
export async function readBodyText(request: Request, limit = JSON_BODY_LIMIT): Promise<string> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > limit)
		throw validationError('Request body is too large', 413);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => undefined);
			throw validationError('Request body is too large', 413);
		}
		parts.push(value);
	}
	return Buffer.concat(parts).toString('utf8');
}

/**
 * Parses a JSON request body as Fastify does for Storage: an object is required unless `allowEmpty`
 * (bucket delete and empty accept no body); malformed JSON is a 400.
 */
export async function readJsonObject(
	request: Request,
	options: { allowEmpty?: boolean } = {}
): Promise<Record<string, unknown>> {
	const text = await readBodyText(request);
	if (text.trim() === '') {
		if (options.allowEmpty) return {};
		if ((request.headers.get('content-type') ?? '').includes('json')) {
			throw validationError("Body cannot be empty when content-type is set to 'application/json'");
		}
		throw validationError('body must be object');
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw validationError("Body is not valid JSON but content-type is set to 'application/json'");
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw validationError('body must be object');
	}
	return parsed as Record<string, unknown>;
}

/** Ajv-style checks on one field of a request part (`body`, `querystring`), with Ajv's messages. */
export class FieldCheck {
	readonly #part: string;
	readonly #data: Record<string, unknown>;

	constructor(part: string, data: Record<string, unknown>) {
		this.#part = part;
		this.#data = data;
	}

	/** A required string. */
	requiredString(name: string): string {
		const value = this.#data[name];
		if (value === undefined)
			throw validationError(`${this.#part} must have required property '${name}'`);
		return this.#string(name, value);
	}

	/** An optional string. */
	optionalString(name: string): string | undefined {
		const value = this.#data[name];
		return value === undefined ? undefined : this.#string(name, value);
	}

	/** An optional boolean. */
	optionalBoolean(name: string): boolean | undefined {
		const value = this.#data[name];
		if (value === undefined) return undefined;
		if (typeof value !== 'boolean') throw validationError(`${this.#part}/${name} must be boolean`);
		return value;
	}

	/** An optional integer (numeric strings are coerced, as Ajv does for query strings), at least `minimum`. */
	optionalInteger(name: string, minimum?: number): number | undefined {
		const raw = this.#data[name];
		if (raw === undefined) return undefined;
		const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof value !== 'number' || !Number.isInteger(value)) {
			throw validationError(`${this.#part}/${name} must be integer`);
		}
		if (minimum !== undefined && value < minimum) {
			throw validationError(`${this.#part}/${name} must be >= ${minimum}`);
		}
		return value;
	}

	/** A required integer, at least `minimum`. */
	requiredInteger(name: string, minimum?: number): number {
		if (this.#data[name] === undefined) {
			throw validationError(`${this.#part} must have required property '${name}'`);
		}
		return this.optionalInteger(name, minimum) as number;
	}

	/** An optional string restricted to `allowed`. */
	optionalEnum<T extends string>(name: string, allowed: readonly T[]): T | undefined {
		const value = this.optionalString(name);
		if (value === undefined) return undefined;
		if (!(allowed as readonly string[]).includes(value)) {
			throw validationError(`${this.#part}/${name} must be equal to one of the allowed values`);
		}
		return value as T;
	}

	/** A required array of strings with between `minItems` and `maxItems` entries. */
	requiredStringArray(name: string, minItems: number, maxItems = Infinity): string[] {
		const value = this.#data[name];
		if (value === undefined)
			throw validationError(`${this.#part} must have required property '${name}'`);
		if (!Array.isArray(value)) throw validationError(`${this.#part}/${name} must be array`);
		if (value.length < minItems) {
			throw validationError(`${this.#part}/${name} must NOT have fewer than ${minItems} items`);
		}
		if (value.length > maxItems) {
			throw validationError(`${this.#part}/${name} must NOT have more than ${maxItems} items`);
		}
		value.forEach((item, index) => {
			if (typeof item !== 'string')
				throw validationError(`${this.#part}/${name}/${index} must be string`);
		});
		return value as string[];
	}

	/** An optional nested object. */
	optionalObject(name: string): Record<string, unknown> | undefined {
		const value = this.#data[name];
		if (value === undefined) return undefined;
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			throw validationError(`${this.#part}/${name} must be object`);
		}
		return value as Record<string, unknown>;
	}

	#string(name: string, value: unknown): string {
		if (typeof value !== 'string') throw validationError(`${this.#part}/${name} must be string`);
		return value;
	}
}
