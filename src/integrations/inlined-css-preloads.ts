import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The dependency list Vite writes at the top of a chunk with lazy imports. */
const MAP_DEPS = /(const __vite__mapDeps=\(i,m=__vite__mapDeps,d=\(m\.f\|\|\(m\.f=)(\[[^\]]*\])/;

/**
 * Rewrites the lazy-import dependency list of one chunk: each stylesheet that `exists` says is gone
 * becomes a script the list already names (preloading it again does nothing), so the entries keep
 * their positions, which the import calls refer to. Returns the code unchanged when nothing is gone.
 * @param self the chunk's own path as the list writes it, for a list of stylesheets only
 */
export function dropMissingStylesheets(
	code: string,
	self: string,
	exists: (path: string) => boolean
): string {
	const match = MAP_DEPS.exec(code);
	if (!match?.[2]) return code;
	const deps = JSON.parse(match[2]) as string[];
	const script = deps.find((dep) => !dep.endsWith('.css')) ?? self;
	const kept = deps.map((dep) => (dep.endsWith('.css') && !exists(dep) ? script : dep));
	if (kept.every((dep, index) => dep === deps[index])) return code;
	return code.replace(MAP_DEPS, `$1${JSON.stringify(kept)}`);
}

/**
 * With `build.inlineStylesheets: 'always'` Astro puts every stylesheet in the page and deletes the
 * file, but a chunk that lazy-loads another chunk (a form's schema) still lists that chunk's
 * stylesheet to load first; the browser then asks for a file that is gone (a 404, refused as a
 * stylesheet under `nosniff`). The page already has those styles inline, so after the build each
 * such entry is pointed at a script the chunk loads anyway.
 */
export function inlinedCssPreloads(): AstroIntegration {
	return {
		name: 'okaeri:inlined-css-preloads',
		hooks: {
			'astro:build:done': ({ dir }) => {
				const client = fileURLToPath(dir);
				const assets = join(client, '_astro');
				if (!existsSync(assets)) return;
				for (const name of readdirSync(assets)) {
					if (!name.endsWith('.js')) continue;
					const file = join(assets, name);
					const code = readFileSync(file, 'utf8');
					const fixed = dropMissingStylesheets(code, `_astro/${name}`, (path) =>
						existsSync(join(client, path))
					);
					if (fixed !== code) writeFileSync(file, fixed);
				}
			},
		},
	};
}
