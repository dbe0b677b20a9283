import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** One Markdown file of `content/knowledge`, read from disk with its frontmatter parsed. */
export interface ContentFile {
	/** Path relative to the repository root, for error messages. */
	file: string;
	locale: string;
	/** The locale-independent URL path, e.g. `/pathways/titp`. */
	path: string;
	data: Record<string, unknown>;
	body: string;
}

/** Reads every knowledge page from disk (outside Astro, for tests and scripts). */
export function readContentFiles(root = process.cwd()): ContentFile[] {
	const base = join(root, 'content', 'knowledge');
	const files = readdirSync(base, { recursive: true, encoding: 'utf8' }).filter((f) =>
		f.endsWith('.md')
	);
	return files.sort().map((name) => {
		const [locale = '', ...rest] = name.split(sep);
		const raw = readFileSync(join(base, name), 'utf8');
		const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(raw);
		return {
			file: relative(root, join(base, name)),
			locale,
			path: `/${rest.join('/').replace(/\.md$/, '')}`,
			data: match ? (parseYaml(match[1] ?? '') as Record<string, unknown>) : {},
			body: match?.[2] ?? raw,
		};
	});
}
