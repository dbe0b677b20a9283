/**
 * A streaming `multipart/form-data` reader for uploads: text fields before the file are collected (bounded),
 * the first file part is handed over as a stream, so the file is never held in memory.
 */

/** A form field larger than this is cut, as busboy's default `fieldSize` does. */
const FIELD_SIZE_LIMIT = 1024 * 1024;
const HEADER_SIZE_LIMIT = 16 * 1024;
const MAX_FIELDS = 10;

/** The first file of a form, and the text fields that came before it. */
export interface MultipartUpload {
	fields: Map<string, string>;
	/** Fields cut at the size limit. */
	truncatedFields: Set<string>;
	file:
		| { fieldName: string; filename: string; contentType: string; body: AsyncIterable<Uint8Array> }
		| undefined;
}

/** Thrown for a body that is not well-formed multipart. */
export class MultipartError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MultipartError';
	}
}

/** The boundary parameter of a `multipart/form-data` content type, if any. */
export function multipartBoundary(contentType: string): string | undefined {
	const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
	const boundary = match?.[1] ?? match?.[2];
	return boundary && boundary.length <= 70 ? boundary : undefined;
}

interface PartHeaders {
	name: string | undefined;
	filename: string | undefined;
	contentType: string | undefined;
}

function parseDispositionParam(header: string, param: string): string | undefined {
	const match = new RegExp(`;\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(
		header
	);
	if (!match) return undefined;
	return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

function parsePartHeaders(block: string): PartHeaders {
	const headers: PartHeaders = { name: undefined, filename: undefined, contentType: undefined };
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon < 0) continue;
		const key = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		if (key === 'content-disposition') {
			headers.name = parseDispositionParam(value, 'name');
			headers.filename = parseDispositionParam(value, 'filename');
		} else if (key === 'content-type') {
			headers.contentType = value;
		}
	}
	return headers;
}

/** Buffered, pull-based access to the body's bytes. */
class ByteSource {
	#buffer: Buffer;
	readonly #iterator: AsyncIterator<Uint8Array>;
	#ended = false;

	constructor(body: AsyncIterable<Uint8Array>) {
		// A leading CRLF makes the first boundary look like every other delimiter.
		this.#buffer = Buffer.from('\r\n');
		this.#iterator = body[Symbol.asyncIterator]();
	}

	get buffer(): Buffer {
		return this.#buffer;
	}

	consume(count: number): void {
		this.#buffer = this.#buffer.subarray(count);
	}

	/** Pulls one more chunk; false at the end of the body. */
	async fill(): Promise<boolean> {
		if (this.#ended) return false;
		const { done, value } = await this.#iterator.next();
		if (done) {
			this.#ended = true;
			return false;
		}
		this.#buffer =
			this.#buffer.length === 0 ? Buffer.from(value) : Buffer.concat([this.#buffer, value]);
		return true;
	}

	async cancel(): Promise<void> {
		await this.#iterator.return?.();
	}
}

/**
 * Reads parts until the first file and returns it with the fields seen so far. The file's body must be
 * consumed (or abandoned) by the caller; everything after the file is discarded.
 */
export async function readMultipartUpload(
	body: AsyncIterable<Uint8Array>,
	boundary: string
): Promise<MultipartUpload> {
	const source = new ByteSource(body);
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const fields = new Map<string, string>();
	const truncatedFields = new Set<string>();

	// Skip any preamble up to the first delimiter.
	await skipPast(source, delimiter);
	for (;;) {
		if (!(await ensure(source, 2))) throw new MultipartError('Unexpected end of form');
		if (source.buffer.subarray(0, 2).toString('latin1') === '--') {
			await source.cancel();
			return { fields, truncatedFields, file: undefined };
		}
		const headers = await readHeaders(source);
		if (headers.filename !== undefined) {
			return {
				fields,
				truncatedFields,
				file: {
					fieldName: headers.name ?? '',
					filename: headers.filename,
					contentType: headers.contentType ?? 'application/octet-stream',
					body: partBody(source, delimiter),
				},
			};
		}
		if (fields.size >= MAX_FIELDS) throw new MultipartError('Reach fields limit');
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of partBody(source, delimiter)) {
			if (size < FIELD_SIZE_LIMIT + 1)
				chunks.push(Buffer.from(chunk).subarray(0, FIELD_SIZE_LIMIT + 1 - size));
			size += chunk.byteLength;
		}
		const name = headers.name ?? '';
		if (size > FIELD_SIZE_LIMIT) truncatedFields.add(name);
		fields.set(name, Buffer.concat(chunks).subarray(0, FIELD_SIZE_LIMIT).toString('utf8'));
	}
}

async function ensure(source: ByteSource, count: number): Promise<boolean> {
	while (source.buffer.length < count) {
		if (!(await source.fill())) return false;
	}
	return true;
}

async function skipPast(source: ByteSource, delimiter: Buffer): Promise<void> {
	for (;;) {
		const index = source.buffer.indexOf(delimiter);
		if (index >= 0) {
			source.consume(index + delimiter.length);
			return;
		}
		if (source.buffer.length > delimiter.length)
			source.consume(source.buffer.length - delimiter.length);
		if (!(await source.fill())) throw new MultipartError('Unexpected end of form');
	}
}

async function readHeaders(source: ByteSource): Promise<PartHeaders> {
	for (;;) {
		// The header block runs from the CRLF ending the delimiter line to the blank line.
		const end = source.buffer.indexOf('\r\n\r\n');
		if (end >= 0) {
			const block = source.buffer.subarray(2, end).toString('utf8');
			source.consume(end + 4);
			return parsePartHeaders(block);
		}
		if (source.buffer.length > HEADER_SIZE_LIMIT) throw new MultipartError('Malformed part header');
		if (!(await source.fill())) throw new MultipartError('Unexpected end of form');
	}
}

/** Yields a part's bytes up to the next delimiter, then consumes the delimiter. */
async function* partBody(source: ByteSource, delimiter: Buffer): AsyncGenerator<Uint8Array> {
	for (;;) {
		const index = source.buffer.indexOf(delimiter);
		if (index >= 0) {
			if (index > 0) yield source.buffer.subarray(0, index);
			source.consume(index + delimiter.length);
			return;
		}
		// Keep a tail that could be the start of a delimiter split across chunks.
		const safe = source.buffer.length - (delimiter.length - 1);
		if (safe > 0) {
			const chunk = source.buffer.subarray(0, safe);
			source.consume(safe);
			yield chunk;
		}
		if (!(await source.fill())) throw new MultipartError('Unexpected end of form');
	}
}
