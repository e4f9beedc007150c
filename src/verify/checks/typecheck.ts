import type { Report } from '../report.ts';
import { run, seconds, tail } from '../run.ts';

export async function checkTypes(report: Report) {
  const result = await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);
  report.add('TypeScript: content snippets, exercises, solutions, tests and src type-check', result.code === 0, result.code === 0 ? seconds(result.ms) : tail(result.output, 30));
}
