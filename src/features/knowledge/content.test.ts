import { describe, expect, test } from 'vitest';
import { LOCALES } from '~/i18n/locales.ts';
import { readContentFiles } from './content-files.ts';
import { KnowledgeSchema } from './schema.ts';
import { REQUIRED_PAGES } from './routes.ts';
import { findCitationErrors } from './tokens.ts';

const files = readContentFiles();

describe('knowledge content', () => {
	test.each(files.map((f) => [f.file, f] as const))('%s matches the schema', (_name, f) => {
		const result = KnowledgeSchema.safeParse(f.data);
		expect(
			result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
		).toEqual([]);
	});

	test.each(files.map((f) => [f.file, f] as const))(
		'%s is in a known locale and marks translations',
		(_name, f) => {
			expect(LOCALES).toContain(f.locale);
			if (f.locale === 'en') expect(f.data['translation']).toBeUndefined();
			else expect(f.data['translation'], 'translations need translation.reviewed').toBeDefined();
		}
	);

	test.each(files.map((f) => [f.file, f] as const))(
		'%s cites only sources it lists',
		(_name, f) => {
			const sources = Array.isArray(f.data['sources']) ? f.data['sources'].length : 0;
			expect(findCitationErrors(f.body, sources)).toEqual([]);
		}
	);

	test('every translation has an English original', () => {
		const english = new Set(files.filter((f) => f.locale === 'en').map((f) => f.path));
		const orphans = files
			.filter((f) => f.locale !== 'en' && !english.has(f.path))
			.map((f) => f.file);
		expect(orphans).toEqual([]);
	});

	test('every required page exists in every required locale', () => {
		const present = new Set(files.map((f) => `${f.locale}${f.path}`));
		const missing = REQUIRED_PAGES.flatMap(({ path, locales }) =>
			locales.map((l) => `${l}${path}`).filter((key) => !present.has(key))
		);
		expect(missing).toEqual([]);
	});
});
