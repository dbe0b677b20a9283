import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { DatasetSchema, KnowledgeSchema } from './features/knowledge/schema.ts';

/** Knowledge pages: `content/knowledge/<locale>/<section>/<slug>.md`. */
const knowledge = defineCollection({
	loader: glob({ pattern: '*/**/*.md', base: './content/knowledge' }),
	schema: KnowledgeSchema,
});

/** Chart data: `content/data/<id>.json`, language-neutral. */
const datasets = defineCollection({
	loader: glob({ pattern: '*.json', base: './content/data' }),
	schema: DatasetSchema,
});

export const collections = { knowledge, datasets };
