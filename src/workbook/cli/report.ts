/**
 * `npm run report` — writes .workbook/report.json and .workbook/report.md
 * from the local progress, and prints the Markdown to paste into a team
 * channel. It reads the state the last `npm test` left; it grades nothing.
 * When .workbook/ cannot be written, the report is still printed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildReport, reportMarkdown } from '../report.ts';
import { locationProblem, openState, stateDir } from '../state.ts';
import { cyan, dim } from './style.ts';

const { state } = openState();
const report = buildReport(state, new Date());
const markdown = reportMarkdown(report);
console.log(markdown);

const json = join(stateDir(), 'report.json');
const md = join(stateDir(), 'report.md');
if (locationProblem()) {
  // openState has said what is wrong with .workbook/ in one line.
  console.error(`workbook: ${relative(process.cwd(), json)} and ${relative(process.cwd(), md)} were not written.`);
  process.exitCode = 1;
} else {
  try {
    mkdirSync(stateDir(), { recursive: true }); // a fresh clone has no .workbook/ yet
    writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
    writeFileSync(md, markdown);
    console.log(dim(`Wrote ${cyan(relative(process.cwd(), json))} and ${cyan(relative(process.cwd(), md))}. Nothing leaves this machine.`));
  } catch (error) {
    console.error(`workbook: could not write the report files in ${relative(process.cwd(), stateDir())}/ (${(error as NodeJS.ErrnoException).code ?? error}).`);
    process.exitCode = 1;
  }
}
