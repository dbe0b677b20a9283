/**
 * A vitest reporter that lists the tests which skipped themselves with a reason (`context.skip(condition, note)`),
 * e.g. the PGlite-only tests of the PostgreSQL pass: a run says what did not apply instead of hiding it.
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class NotApplicableReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
		const lines: string[] = [];
		for (const testModule of testModules) {
			for (const test of testModule.children.allTests('skipped')) {
				const result = test.result();
				if (result.state !== 'skipped' || result.note === undefined) continue;
				lines.push(
					`  ↓ ${relative(process.cwd(), testModule.moduleId)} > ${test.fullName}: ${result.note}`
				);
			}
		}
		if (lines.length > 0) {
			console.log(`\nNot applicable in this run (${lines.length}):\n${lines.join('\n')}\n`);
		}
	}
}
