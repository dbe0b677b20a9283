/** `npm run bench -- <name>`: runs `bench/<name>.ts`. */
import { existsSync, readdirSync } from 'node:fs';
import { run } from './run.ts';

const name = process.argv[2];
const available = readdirSync('bench')
	.filter((f) => f.endsWith('.ts') && !f.includes('.test.'))
	.map((f) => f.replace(/\.ts$/, ''));
if (!name || !existsSync(`bench/${name}.ts`)) {
	console.error(`usage: npm run bench -- <name>   (one of: ${available.join(', ')})`);
	process.exit(2);
}
await run(process.execPath, [`bench/${name}.ts`, ...process.argv.slice(3)]);
