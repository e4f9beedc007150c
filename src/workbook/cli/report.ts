/**
 * `npm run report` — writes .workbook/report.json and .workbook/report.md
 * from the local progress, and prints the Markdown to paste into a team
 * channel. It reads the state the last `npm test` left; it grades nothing.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildReport, reportMarkdown } from '../report.ts';
import { loadState, saveState, stateDir } from '../state.ts';
import { cyan, dim } from './style.ts';

const state = loadState();
saveState(state); // creates .workbook/ on a fresh clone
const report = buildReport(state, new Date());
const markdown = reportMarkdown(report);
const json = join(stateDir(), 'report.json');
const md = join(stateDir(), 'report.md');
writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
writeFileSync(md, markdown);
console.log(markdown);
console.log(dim(`Wrote ${cyan(relative(process.cwd(), json))} and ${cyan(relative(process.cwd(), md))}. Nothing leaves this machine.`));
