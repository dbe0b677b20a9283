import { z } from 'astro/zod';
import { describe, expect, test } from 'vitest';
import { SignInSchema } from '~/features/auth/schemas/sign-in.schema.ts';
import { lineSchema, optionsSchema } from '~/features/profiles/schemas/fields.ts';
import {
	HOSTILE_STRINGS,
	ONE_MB,
	accepts,
	badPayloads,
	fieldShape,
	formInput,
	objectShape,
	probeMaxLength,
	toEntries,
} from './bad-payloads.ts';

const Form = z
	.object({
		name: lineSchema(20, 'form.error.invalid', 'form.error.invalid'),
		id: z.uuid(),
		count: z.preprocess(
			(v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v),
			z.int().min(1).max(9)
		),
		colour: z.enum(['red', 'blue']),
		tags: optionsSchema(['a', 'b', 'c'] as const, 2),
		note: z.string().max(50).optional(),
	})
	.superRefine(() => undefined);

const base = {
	name: 'Mai',
	id: '6f1c2a4e-9b7d-4c3a-8e21-5a0b3c4d5e6f',
	count: '3',
	colour: 'red',
	tags: 'a',
	note: 'hi',
};

describe('reading a schema', () => {
	test('finds the object under refinements and each field’s kind, format, choices and range', () => {
		expect(Object.keys(objectShape(Form) ?? {})).toEqual([
			'name',
			'id',
			'count',
			'colour',
			'tags',
			'note',
		]);
		const shape = objectShape(Form) ?? {};
		const of = (name: string) => fieldShape(shape[name] as z.ZodType);
		expect(of('name').kind).toBe('text');
		expect(of('id')).toEqual({ kind: 'text', format: 'uuid' });
		expect(of('count')).toEqual({ kind: 'number', minimum: 1, maximum: 9 });
		expect(of('colour')).toEqual({ kind: 'enum', values: ['red', 'blue'] });
		expect(of('tags')).toEqual({ kind: 'array', values: ['a', 'b', 'c'] });
		expect(objectShape(z.string())).toBeUndefined();
	});

	test('parses a form as Astro does: lists from repeated fields, empty optional values undefined', () => {
		const input = formInput(Form, [...toEntries({ ...base, tags: ['a', 'b'] }), ['note', '']]);
		expect(input).toMatchObject({ tags: ['a', 'b'], note: 'hi', count: '3' });
		expect(formInput(Form, toEntries({ name: 'x' }))).toMatchObject({
			tags: [],
			note: undefined,
			id: null,
		});
	});

	test('probes the longest text a field takes, through refinements', async () => {
		expect(await accepts(Form, toEntries(base))).toBe(true);
		expect(await probeMaxLength(Form, base, 'name')).toBe(20);
		expect(await probeMaxLength(Form, base, 'note')).toBe(50);
		// A format takes no run of x; a choice neither.
		expect(await probeMaxLength(Form, base, 'id')).toBeUndefined();
		expect(await probeMaxLength(Form, base, 'colour')).toBeUndefined();
		expect(await probeMaxLength(SignInSchema, { email: 'a@b.co', password: 'p' }, 'next')).toBe(
			2000
		);
	});
});

describe('the payloads', () => {
	test('cover every field with the usual suspects, and the form with unknown and prototype keys', async () => {
		const payloads = await badPayloads(Form, base);
		const labels = payloads.map((p) => p.label);
		for (const field of Object.keys(base)) {
			for (const what of ['missing', 'empty', '"null"', 'repeated', '1 MB', 'object-like keys']) {
				expect(labels).toContain(`${field}: ${what}`);
			}
		}
		expect(labels).toContain('name: max 20 + 1');
		expect(labels).toContain('count: number 1e309');
		expect(labels).toContain('count: number 10');
		expect(labels).toContain('count: number 0');
		expect(labels).toContain('colour: not a choice');
		expect(labels).toContain('id: not a uuid');
		expect(labels).toContain('tags: list of 1000');
		expect(labels).toContain('unknown fields');
		expect(labels).toContain('prototype keys');
		// Every hostile string goes into the first free text; later text and fields with a format get a few.
		const hostileIn = (field: string) => payloads.filter((p) => p.field === field && p.hostile);
		expect(hostileIn('name').map((p) => p.hostile)).toEqual([...HOSTILE_STRINGS]);
		expect(hostileIn('note').map((p) => p.hostile)).toEqual([
			'<script>alert(1)</script>',
			'"><img src=x onerror=alert(1)>',
			'a\u0000b',
			'a\ud800b',
		]);
		expect(hostileIn('id').length).toBe(3);
	});

	test('give fields that share a schema object the full set once', async () => {
		const shared = z.enum(['a', 'b']);
		const payloads = await badPayloads(z.object({ one: shared, two: shared }), {
			one: 'a',
			two: 'a',
		});
		const of = (field: string) => payloads.filter((p) => p.field === field).map((p) => p.label);
		expect(of('one').length).toBeGreaterThan(10);
		expect(of('two')).toEqual([
			'two: missing',
			'two: hostile "<script>alert(1)</script>"',
			'two: not a choice',
			'two: object-like keys',
		]);
	});

	test('say whether the schema accepts them', async () => {
		const payloads = await badPayloads(Form, base);
		const byLabel = new Map(payloads.map((p) => [p.label, p]));
		expect(byLabel.get('name: missing')?.valid).toBe(false);
		expect(byLabel.get('note: missing')?.valid).toBe(true);
		expect(byLabel.get('name: max 20 + 1')?.valid).toBe(false);
		expect(byLabel.get('count: number 1e309')?.valid).toBe(false);
		expect(byLabel.get('note: 1 MB')?.entries).toContainEqual(['note', ONE_MB]);
		expect(byLabel.get('note: 1 MB')?.valid).toBe(false);
		expect(byLabel.get('unknown fields')?.valid).toBe(true);
		// Hostile text is still text: a schema may take it, and the site must then show it safely.
		expect(byLabel.get('note: hostile "<script>alert(1)</script>"')?.valid).toBe(true);
	});

	test('with spoil, break another field of every payload the schema would accept', async () => {
		const payloads = await badPayloads(Form, base, { spoil: true });
		expect(payloads.every((p) => !p.valid)).toBe(true);
		const spoiled = payloads.find((p) => p.label.startsWith('note: hostile'));
		expect(spoiled?.label).toMatch(/\(name missing\)$/);
		expect(spoiled?.entries.some(([name]) => name === 'name')).toBe(false);
		// The field a payload is about is never the one broken.
		const name = payloads.find((p) => p.label.startsWith('name: hostile "<script>'));
		expect(name?.entries).toContainEqual(['name', HOSTILE_STRINGS[0]]);
	});

	test('a form with no fields has only whole-form payloads, and none survive spoiling', async () => {
		expect((await badPayloads(z.object({}), {})).map((p) => p.label)).toEqual([
			'prototype keys',
			'unknown fields',
		]);
		expect(await badPayloads(z.object({}), {}, { spoil: true })).toEqual([]);
		await expect(badPayloads(z.string(), {})).rejects.toThrow(/not an object/);
	});
});
