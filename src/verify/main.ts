/**
 * `npm run verify` — the project's whole test suite, as CI runs it.
 * Every check is named, none is skipped silently, and the last line reads
 * "N passed, N failed". `npm run verify -- graders` runs one stage.
 */
import { checkBrowser } from './checks/browser.ts';
import { checkDjango } from './checks/django.ts';
import { checkGraders } from './checks/graders.ts';
import { checkLayout } from './checks/layout.ts';
import { checkLoad } from './checks/load.ts';
import { checkMdx } from './checks/mdx.ts';
import { checkMutants } from './checks/mutants.ts';
import { checkNode } from './checks/node.ts';
import { checkRunner } from './checks/runner.ts';
import { checkSite } from './checks/site.ts';
import { checkSqlgen } from './checks/sqlgen.ts';
import { checkTypes } from './checks/typecheck.ts';
import { Report } from './report.ts';
import { seconds } from './run.ts';

const stages: Record<string, { title: string; run: (r: Report) => Promise<unknown> | unknown }> = {
  node: { title: 'Node versions: refused below engines.node, working at its minimum', run: checkNode },
  layout: { title: 'Curriculum manifest and files', run: checkLayout },
  types: { title: 'Type-check', run: checkTypes },
  sqlgen: { title: 'Generated query files match their .sql (npm run sqlgen)', run: checkSqlgen },
  mutants: { title: 'Mutation reports match their graders and references (npm run mutants)', run: (r) => checkMutants(r) },
  graders: { title: 'Graders: references pass (pg-mem and PGlite), starters and known-wrong variants fail', run: checkGraders },
  load: { title: 'Two gradings at once: no untouched starter stopped, a real loop still caught', run: checkLoad },
  django: { title: 'Django snippets under real Django', run: checkDjango },
  mdx: { title: 'No pasted code in chapters', run: checkMdx },
  site: { title: 'Site build and links', run: checkSite },
  browser: { title: 'Browser: pages, accessibility, phone layout, search', run: checkBrowser },
  runner: { title: 'Browser runner: exercises graded and demos run in Chromium, offline', run: checkRunner },
};

const only = process.argv.slice(2);
const unknown = only.filter((s) => !(s in stages));
if (unknown.length) {
  console.error(`unknown stage(s) ${unknown.join(', ')}; stages: ${Object.keys(stages).join(', ')}`);
  process.exit(2);
}
if ((only.includes('browser') || only.includes('runner')) && !only.includes('site')) only.unshift('site');

const report = new Report();
let siteBuilt = true;
const started = Date.now();
for (const [name, stage] of Object.entries(stages)) {
  if (only.length && !only.includes(name)) continue;
  report.section(stage.title);
  if ((name === 'browser' || name === 'runner') && !siteBuilt) {
    report.add(`${name} tests`, false, 'not run: the site did not build');
    continue;
  }
  const t = Date.now();
  try {
    const ok = await stage.run(report);
    if (name === 'site') siteBuilt = ok !== false;
  } catch (error) {
    report.add(`${name} stage ran to completion`, false, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  console.log(`  (${name}: ${seconds(Date.now() - t)})`);
}
console.log(`\nverify finished in ${seconds(Date.now() - started)}`);
console.log(report.summary());
process.exitCode = report.failed === 0 ? 0 : 1;
