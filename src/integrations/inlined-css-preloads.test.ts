import { describe, expect, test } from 'vitest';
import { dropMissingStylesheets } from './inlined-css-preloads.ts';

const chunk = (deps: string[]) =>
	`const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=${JSON.stringify(deps)})))=>i.map(i=>d[i]);\nimport('./a.js');`;

describe('dropMissingStylesheets', () => {
	test('points a deleted stylesheet at a script of the same list, keeping positions', () => {
		const code = chunk(['_astro/a.js', '_astro/Editor.css', '_astro/b.js']);
		expect(dropMissingStylesheets(code, '_astro/self.js', () => false)).toBe(
			chunk(['_astro/a.js', '_astro/a.js', '_astro/b.js'])
		);
	});

	test('keeps stylesheets that exist, and code without a list, unchanged', () => {
		const code = chunk(['_astro/a.js', '_astro/kept.css']);
		expect(dropMissingStylesheets(code, '_astro/self.js', () => true)).toBe(code);
		expect(dropMissingStylesheets('import("./a.js")', '_astro/self.js', () => false)).toBe(
			'import("./a.js")'
		);
	});

	test('uses the chunk itself when the list names stylesheets only', () => {
		const code = chunk(['_astro/Editor.css']);
		expect(dropMissingStylesheets(code, '_astro/self.js', () => false)).toBe(
			chunk(['_astro/self.js'])
		);
	});
});
