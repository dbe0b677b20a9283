/**
 * Builds the Pagefind search index over the prerendered pages, one index per language
 * (Pagefind reads each page's <html lang>). The extended build segments Japanese text.
 * `node scripts/pagefind.ts [dir]`: the build's client directory (default dist/client).
 */
import { existsSync } from 'node:fs';
import * as pagefind from 'pagefind';

const site = process.argv[2] ?? 'dist/client';
if (!existsSync(site)) throw new Error(`${site} does not exist: run astro build first`);

const { index, errors } = await pagefind.createIndex({});
if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
const added = await index.addDirectory({ path: site });
if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
await pagefind.close();
console.log(`pagefind: indexed ${added.page_count} pages into ${site}/pagefind`);
