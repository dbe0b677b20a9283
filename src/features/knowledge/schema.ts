import { z } from 'astro/zod';

/** Who a knowledge page is written for. */
export const AUDIENCES = ['workers', 'employers', 'recruiters', 'returnees', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** How much weight a source carries; official sources are listed first on every page. */
export const SOURCE_TYPES = ['official', 'media', 'ngo', 'secondary', 'seed'] as const;

/** A date as precise as the source gives it: `2025`, `2025-09` or `2025-09-26`. */
export const PartialDateSchema = z
	.string()
	.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Use YYYY, YYYY-MM or YYYY-MM-DD');

/** One source a page relies on. */
export const SourceSchema = z.object({
	/** The title of the document or page, in its own language. */
	title: z.string().min(3),
	/** Who published it, e.g. "Immigration Services Agency of Japan". */
	publisher: z.string().min(2),
	/** Where to read it. */
	url: z.url(),
	type: z.enum(SOURCE_TYPES),
	/** The date the source's facts refer to, or its publication date. */
	asOf: PartialDateSchema,
});

const SourcesSchema = z
	.array(SourceSchema)
	.min(1, 'Every page needs at least one source')
	.refine(
		(sources) => {
			const firstOther = sources.findIndex((s) => s.type !== 'official');
			return firstOther === -1 || sources.slice(firstOther).every((s) => s.type !== 'official');
		},
		{ message: 'List official sources before all others' }
	);

/** Fields every knowledge page has, whatever its kind. */
const BaseSchema = z.object({
	title: z.string().min(3).max(100),
	/** One or two sentences for search results and link previews. */
	description: z.string().min(30).max(220),
	audiences: z.array(z.enum(AUDIENCES)).min(1, 'Name at least one audience'),
	/** The day a person last checked the page against its sources. */
	lastReviewed: z.coerce.date(),
	sources: SourcesSchema,
	/** Present on translations only: whether a person has reviewed the machine or draft translation. */
	translation: z.object({ reviewed: z.boolean() }).optional(),
	/** Position in lists; lower comes first. */
	order: z.number().int().default(100),
});

/** The short answers every pathway page gives before its body. */
const GlanceSchema = z.object({
	whoFor: z.string().min(10),
	requirements: z.string().min(10),
	duration: z.string().min(5),
	family: z.string().min(5),
	changingEmployer: z.string().min(5),
	fees: z.string().min(5),
	changes: z.string().min(5),
});

const PathwaySchema = BaseSchema.extend({
	kind: z.literal('pathway'),
	/** Whether the pathway is in force, being abolished, or not yet open. */
	status: z.enum(['current', 'ending', 'upcoming']),
	/** The Japanese name of the status or programme, e.g. 特定技能1号. */
	japaneseName: z.string().min(2),
	glance: GlanceSchema,
});

const GuideSchema = BaseSchema.extend({
	kind: z.literal('guide'),
});

const GlossaryTermSchema = z.object({
	/** Stable anchor, e.g. `ssw-1`. */
	id: z.string().regex(/^[a-z0-9-]+$/),
	/** The term in the page's language. */
	term: z.string().min(2),
	ja: z.string().min(1),
	romaji: z.string().min(1),
	/** What it means, in the page's language. */
	meaning: z.string().min(10),
});

const GlossarySchema = BaseSchema.extend({
	kind: z.literal('glossary'),
	terms: z.array(GlossaryTermSchema).min(10),
});

const TimelineEventSchema = z.object({
	date: PartialDateSchema,
	title: z.string().min(3),
	body: z.string().min(10),
	/** 1-based index into the page's `sources`. */
	source: z.number().int().min(1),
	/** True when the sources disagree or no official text confirms the event. */
	unconfirmed: z.boolean().default(false),
});

const TimelineSchema = BaseSchema.extend({
	kind: z.literal('timeline'),
	events: z.array(TimelineEventSchema).min(5),
});

const ChartRefSchema = z.object({
	/** The id of a dataset in `content/data/`. */
	dataset: z.string().regex(/^[a-z0-9-]+$/),
	title: z.string().min(3),
	/** What the chart shows and how to read it; also the chart's accessible description. */
	caption: z.string().min(10),
});

const NumbersSchema = BaseSchema.extend({
	kind: z.literal('numbers'),
	charts: z.array(ChartRefSchema).min(1),
});

/** The schema of every file in `content/knowledge/<locale>/`. */
export const KnowledgeSchema = z
	.discriminatedUnion('kind', [
		PathwaySchema,
		GuideSchema,
		GlossarySchema,
		TimelineSchema,
		NumbersSchema,
	])
	.superRefine((page, ctx) => {
		if (page.kind !== 'timeline') return;
		page.events.forEach((event, i) => {
			if (event.source > page.sources.length) {
				ctx.addIssue({
					code: 'custom',
					path: ['events', i, 'source'],
					message: `Source ${event.source} does not exist; the page lists ${page.sources.length}`,
				});
			}
		});
	});

export type KnowledgeData = z.infer<typeof KnowledgeSchema>;

/** The schema of a chart dataset in `content/data/<id>.json`. */
export const DatasetSchema = z.object({
	/** What is counted, e.g. `people` or `yen`. */
	unit: z.enum(['people', 'yen']),
	/** The kind of label: ISO 3166 country codes are named in the reader's language. */
	labels: z.enum(['country', 'year']),
	rows: z
		.array(
			z.object({
				label: z.string().min(1),
				value: z.number().nonnegative(),
				/** True when the value was derived from other published figures rather than published itself. */
				derived: z.boolean().default(false),
			})
		)
		.min(2),
	source: SourceSchema,
	/** How the value was derived, when any row is derived. */
	note: z.string().optional(),
});

export type Dataset = z.infer<typeof DatasetSchema>;
